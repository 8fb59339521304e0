// sigsum-core/tools: what tools need besides verification (policy
// compilation and hash, builtin texts, PEM keys, vkeys, checkpoints). It
// loads a second, larger WebAssembly module; the verifier (index.js)
// does not need it.

import init, * as wasm from './pkg/sigsum_core_tools.js';
import { call } from './errors.js';
import { policyParts } from './index.js';
import { bytes, load } from './load.js';

await load(init, new URL('./pkg/sigsum_core_tools_bg.wasm', import.meta.url));

const run = (fn) => call(wasm, fn);

/**
 * The compiled form of a policy: the canonical compilation of a text policy
 * (throws PolicyError for `quorum none`), the bytes of a compiled one, a
 * builtin's shipped compiled form.
 */
export function compilePolicy(policy) {
  const { kind, data } = policyParts(policy);
  return run(() => wasm.policy_compile(kind, data));
}

/** The policy hash: SHA-256 of compilePolicy(policy). */
export function policyHash(policy) {
  const { kind, data } = policyParts(policy);
  return run(() => wasm.policy_hash(kind, data));
}

/** A builtin policy's text. */
export function builtinText(name) {
  if (typeof name !== 'string') throw new TypeError('name must be a string');
  return run(() => wasm.builtin_text(name));
}

/** A key from a PEM `PUBLIC KEY` (Ed25519). Throws KeyFormatError. */
export function parsePemKey(text) {
  const t = bytes(text, 'text');
  return run(() => wasm.pem_key(t));
}

/** A signed-note verifier key: `{ name, keyId, sigType, key }`. */
export function parseVkey(text) {
  const t = bytes(text, 'text');
  const v = run(() => wasm.vkey(t));
  try {
    return { name: v.name, keyId: v.key_id, sigType: v.sig_type, key: v.key };
  } finally {
    v.free();
  }
}

/** A parsed checkpoint note (it keeps its bytes). */
export class Checkpoint {
  #text;

  /** Parse a checkpoint note. Throws CheckpointError. */
  constructor(text) {
    this.#text = bytes(text, 'text').slice();
    const info = run(() => wasm.checkpoint(this.#text));
    try {
      /** The origin line. */
      this.origin = info.origin;
      /** The tree size. */
      this.size = info.size;
      /** The 32-byte root hash. */
      this.rootHash = info.root_hash;
    } finally {
      info.free();
    }
  }

  /** Check this as the checkpoint of the Sigsum log with `logKey`. */
  verifySigsum(logKey) {
    const k = bytes(logKey, 'logKey', false);
    run(() => wasm.checkpoint_verify_sigsum(this.#text, k));
  }

  /** Check the Ed25519 signature of the key named `name`. */
  verifySignedBy(name, key) {
    if (typeof name !== 'string') throw new TypeError('name must be a string');
    const k = bytes(key, 'key', false);
    run(() => wasm.checkpoint_verify_signed_by(this.#text, name, k));
  }

  /** The witness cosignature lines: `[{ line, name, keyId, timestamp }]`. */
  cosignatures() {
    return run(() => wasm.checkpoint_cosignatures(this.#text)).map((c) => {
      try {
        return { line: c.line, name: c.name, keyId: c.key_id, timestamp: c.timestamp };
      } finally {
        c.free();
      }
    });
  }

  /**
   * Check the cosignature lines against `witnesses`, `[[name, key], ...]`:
   * `{ verified, failed, unknown }`, indices into `witnesses`.
   */
  verifyCosignatures(witnesses) {
    if (!Array.isArray(witnesses)) throw new TypeError('witnesses must be an array of [name, key] pairs');
    const names = [];
    const keys = new Uint8Array(32 * witnesses.length);
    witnesses.forEach(([name, key], i) => {
      if (typeof name !== 'string') throw new TypeError(`witness ${i}: name must be a string`);
      const k = bytes(key, `witness ${i} key`, false);
      if (k.length !== 32) throw new TypeError(`witness ${i} key must be 32 bytes, got ${k.length}`);
      names.push(name);
      keys.set(k, 32 * i);
    });
    const r = run(() => wasm.checkpoint_verify_cosignatures(this.#text, names, keys));
    try {
      return { verified: [...r.verified], failed: [...r.failed], unknown: r.unknown };
    } finally {
      r.free();
    }
  }

  /** Check the signature of a vkey (its text). */
  verifyVkey(vkey) {
    const v = bytes(vkey, 'vkey');
    run(() => wasm.checkpoint_verify_vkey(this.#text, v));
  }
}
