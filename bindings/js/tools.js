// sigsum-core/tools: what tools need besides verification (policy
// compilation and hash, builtin texts, PEM keys, vkeys, checkpoints). It
// loads a second, larger WebAssembly module; the verifier (index.js)
// does not need it.

import init, * as wasm from './pkg/sigsum_core_tools.js';
import { call, toError } from './errors.js';
import { Verified, policyParts, signerKeyArg } from './index.js';
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

const isPolicy = (p) => {
  try {
    policyParts(p);
    return true;
  } catch {
    return false;
  }
};

/**
 * Verify many proofs under one policy, faster than one `verify` call each:
 * keys decoded once, each cosigned tree head verified once for all the
 * proofs that carry it. Exactly one of `data` (an array: each proof's
 * data, whose SHA-256 is its message) and `messages` (an array of 32-byte
 * messages). Returns, for each proof in order, its `Verified` or the
 * `SigsumError` that `verify` would throw (returned, not thrown).
 */
export function verifyMany(proofs, { signerKeys, policy, data, messages } = {}) {
  if (!Array.isArray(proofs)) throw new TypeError('proofs must be an array');
  if (!isPolicy(policy)) throw new TypeError('policy must be a Policy (one policy for the batch)');
  if ((data === undefined) === (messages === undefined)) {
    throw new TypeError('give exactly one of data and messages');
  }
  const isData = data !== undefined;
  const inputs = isData ? data : messages;
  if (!Array.isArray(inputs)) throw new TypeError(`${isData ? 'data' : 'messages'} must be an array`);
  const { keys, isFile } = signerKeyArg(signerKeys);
  const { kind, data: policyBytes } = policyParts(policy);
  const concat = (list, what, text) => {
    const items = list.map((x) => bytes(x, what, text));
    const all = new Uint8Array(items.reduce((n, x) => n + x.length, 0));
    items.reduce((at, x) => (all.set(x, at), at + x.length), 0);
    return { all, lens: new Uint32Array(items.map((x) => x.length)) };
  };
  const p = concat(proofs, 'each proof');
  const m = concat(inputs, isData ? 'each data item' : 'each message', isData);
  const results = run(() =>
    wasm.verify_many(p.all, p.lens, keys, isFile, kind, policyBytes, m.all, m.lens, isData));
  return results.map((r) => {
    if (r instanceof wasm.Failure) return toError(wasm, r);
    try {
      return new Verified(r);
    } finally {
      r.free();
    }
  });
}
