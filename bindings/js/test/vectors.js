// Where tests/vectors is: $SIGSUM_VECTORS, or relative to this file in the
// source tree.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const VECTORS =
  process.env.SIGSUM_VECTORS ??
  path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../tests/vectors');

export const read = (rel) => new Uint8Array(readFileSync(path.join(VECTORS, rel)));
export const text = (rel) => readFileSync(path.join(VECTORS, rel), 'utf8');
export const hex = (b) => Buffer.from(b).toString('hex');

/** Rows of a tab-separated vector table, without '#' lines. */
export function tsv(rel) {
  return text(rel)
    .split('\n')
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => l.split('\t'));
}

/** The escapes of the key tables: \n \r \t \\ and \xNN. */
export function unescape(field) {
  const out = [];
  const raw = Buffer.from(field, 'utf8');
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] === 0x5c && i + 1 < raw.length) {
      const n = String.fromCharCode(raw[i + 1]);
      if (n === 'x') {
        out.push(parseInt(raw.subarray(i + 2, i + 4).toString(), 16));
        i += 3;
        continue;
      }
      out.push({ n: 10, r: 13, t: 9, '\\': 0x5c }[n]);
      i += 1;
      continue;
    }
    out.push(raw[i]);
  }
  return new Uint8Array(out);
}

/** (line, column) named in a Rust Debug error value. */
export function debugPosition(expected) {
  const line = /\bline: (\d+)/.exec(expected);
  const column = /\bcolumn: (\d+)/.exec(expected);
  return [line ? Number(line[1]) : null, column ? Number(column[1]) : null];
}
