// Key parsers over tests/vectors/keys, and policies (verifier module).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as sc from 'sigsum-core';
import { VECTORS, debugPosition, hex, read, tsv, unescape } from './vectors.js';

test('keys.tsv: hex, OpenSSH line and key file agree', () => {
  const rows = tsv('keys/keys.tsv');
  assert.equal(rows.length, 9);
  for (const [h, line] of rows) {
    const key = sc.parseHexKey(h);
    assert.equal(hex(key), h);
    const ssh = sc.parseSshKey(line);
    assert.equal(hex(ssh.key), h);
    assert.equal(ssh.policy, null);
    assert.equal(hex(sc.parseKeyFile(line + '\n').keys[0]), h);
    assert.equal(hex(sc.keyHash(key)), hex(sc.sha256(key)));
  }
});

test('ssh-lines.tsv: accepted lines and rejected ones with their column', () => {
  const rows = tsv('keys/ssh-lines.tsv');
  assert.ok(rows.length >= 11);
  for (const [desc, field, expected] of rows) {
    const line = unescape(field);
    if (expected.startsWith('ok ')) {
      const [, policy] = expected.split(' ');
      const k = sc.parseSshKey(line);
      assert.equal(k.key.length, 32, desc);
      assert.equal(k.policy, policy === '-' ? null : policy, desc);
    } else {
      const [, column] = debugPosition(expected);
      assert.throws(() => sc.parseSshKey(line), (e) =>
        e instanceof sc.KeyFormatError && e.step === 'key' && e.line === null && e.column === column &&
        e.message.startsWith(`column ${column}: `), desc);
    }
  }
});

test('keyfiles/expected.tsv: counts, policy names, errors with line and column', () => {
  const rows = tsv('keys/keyfiles/expected.tsv');
  assert.equal(rows.length, 21);
  for (const [name, parse, policy] of rows) {
    const data = new Uint8Array(readFileSync(path.join(VECTORS, 'keys/keyfiles', name)));
    if (!parse.startsWith('ok ')) {
      const [line, column] = debugPosition(parse);
      assert.throws(() => sc.parseKeyFile(data), (e) =>
        e instanceof sc.KeyFormatError && e.line === line && e.column === column, name);
      continue;
    }
    const file = sc.parseKeyFile(data);
    assert.equal(file.keys.length, Number(parse.slice(3)), name);
    if (policy.startsWith('ok ')) {
      const want = policy.split(' ')[2];
      assert.equal(file.policyName(), want === '-' ? null : want, name);
    } else {
      const [line, column] = debugPosition(policy);
      assert.throws(() => file.policyName(), (e) =>
        e instanceof sc.KeyFormatError && e.line === line && e.column === column, name);
    }
  }
});

test('hex key errors', () => {
  assert.throws(() => sc.parseHexKey('ab'.repeat(31)), sc.KeyFormatError);
  assert.throws(() => sc.parseHexKey('zz'.repeat(32)), sc.KeyFormatError);
  assert.throws(() => sc.keyHash(new Uint8Array(31)), TypeError);
});

test('policies: builtins, text errors with line, compiled errors', () => {
  assert.deepEqual(sc.Policy.builtinNames(),
    ['sigsum-generic-2025-1', 'sigsum-test-2025-3', 'sigsum-test1-2025', 'sigsum-test2-2025']);
  for (const name of sc.Policy.builtinNames()) {
    const p = sc.Policy.builtin(name);
    assert.equal(p.kind, 'builtin');
    assert.equal(p.name, name);
    assert.equal(sc.Policy.fromText(read(`real/${name}.policy`)).kind, 'text');
  }
  assert.throws(() => sc.Policy.builtin('no-such-policy'), (e) => e instanceof sc.PolicyError && e.line === null);
  assert.throws(() => sc.Policy.fromText('log 00\nquorum none\n'), {
    name: 'PolicyError', line: 1, message: 'line 1: invalid public key: hex value of the wrong length',
  });
  assert.throws(() => sc.Policy.fromText(''), { name: 'PolicyError', line: null, message: 'no quorum defined' });
  assert.throws(() => sc.Policy.fromText('quorum none\nfoo\n'), { name: 'PolicyError', line: 2, message: 'line 2: unknown keyword' });
  assert.throws(() => sc.Policy.fromCompiled(new Uint8Array(3)), sc.PolicyError);
  assert.throws(() => sc.Policy.fromCompiled('text'), TypeError);
});
