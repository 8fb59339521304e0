// sigsum-core: verify Sigsum transparency-log proofs, in browsers and Node.
// A binding (WebAssembly) of the Rust crate sigsum-core.

import init, * as wasm from './pkg/sigsum_core_wasm.js';
import { call } from './errors.js';
import { bytes, load } from './load.js';

export * from './errors.js';

await load(init, new URL('./pkg/sigsum_core_wasm_bg.wasm', import.meta.url));

const KIND = { text: 0, compiled: 1, builtin: 2 };
const parts = new WeakMap();
const token = Symbol('Policy');
const run = (fn) => call(wasm, fn);

/** A Sigsum trust policy: from text, a builtin name or compiled bytes. */
export class Policy {
  /** @internal */
  constructor(secret, kind, data, name = null) {
    if (secret !== token) {
      throw new TypeError('use Policy.fromText, Policy.builtin or Policy.fromCompiled');
    }
    parts.set(this, { kind, data });
    /** "text", "compiled" or "builtin". */
    this.kind = kind;
    /** The builtin's name, or null. */
    this.name = name;
    Object.freeze(this);
  }

  /** Parse a policy in sigsum-go's text format. Throws PolicyError. */
  static fromText(text) {
    const data = bytes(text, 'text').slice();
    run(() => wasm.policy_check(KIND.text, data));
    return new Policy(token, 'text', data);
  }

  /** Load a compiled policy (strictly validated). Throws PolicyError. */
  static fromCompiled(blob) {
    const data = bytes(blob, 'blob', false).slice();
    run(() => wasm.policy_check(KIND.compiled, data));
    return new Policy(token, 'compiled', data);
  }

  /** A builtin policy by name (see Policy.builtinNames()). Throws PolicyError. */
  static builtin(name) {
    if (typeof name !== 'string') throw new TypeError('name must be a string');
    const data = bytes(name, 'name');
    run(() => wasm.policy_check(KIND.builtin, data));
    return new Policy(token, 'builtin', data, name);
  }

  /** The builtin policy names, sorted. */
  static builtinNames() {
    return wasm.builtin_names().split('\n');
  }
}

/** @internal The kind number and bytes of a policy (for tools.js). */
export function policyParts(policy) {
  const p = parts.get(policy);
  if (!p) throw new TypeError('policy must be a Policy');
  return { kind: KIND[p.kind], data: p.data };
}

/** The result of a successful verification. */
export class Verified {
  /** @internal */
  constructor(v) {
    /** The leaf's index in the tree. */
    this.leafIndex = v.leaf_index;
    /** The size of the cosigned tree. */
    this.treeSize = v.tree_size;
    /** SHA-256 of the log's public key. */
    this.logKeyHash = v.log_key_hash;
    /** SHA-256 of the signer's public key. */
    this.signerKeyHash = v.signer_key_hash;
    /** Valid cosignatures checked (counted towards the quorum). */
    this.cosignaturesVerified = v.cosignatures_verified;
    /** Cosignatures from known witnesses that did not verify (ignored). */
    this.cosignaturesFailed = v.cosignatures_failed;
    /** The quorum timestamp (Unix seconds), or null for `quorum none`. */
    this.quorumTimestamp = v.quorum_timestamp ?? null;
    /** Ed25519 verifications done. */
    this.signatureChecks = v.signature_checks;
    /** Which policy of the array held (0 for a single policy). */
    this.policyIndex = v.policy_index;
    Object.freeze(this);
  }

  /**
   * Throw FreshnessError unless now - maxAge <= quorumTimestamp <= now +
   * maxSkew (seconds).
   */
  checkFreshness({ now, maxAge, maxSkew = 300 }) {
    for (const [k, v] of Object.entries({ now, maxAge, maxSkew })) {
      if (!Number.isSafeInteger(v) || v < 0) throw new TypeError(`${k} must be a non-negative integer`);
    }
    run(() => wasm.check_freshness(this.quorumTimestamp ?? undefined, now, maxAge, maxSkew));
  }
}

/** @internal */
export function signerKeyArg(signerKeys) {
  if (Array.isArray(signerKeys)) {
    const flat = new Uint8Array(32 * signerKeys.length);
    signerKeys.forEach((k, i) => {
      const key = bytes(k, `signer key ${i}`, false);
      if (key.length !== 32) throw new TypeError(`signer key ${i} must be 32 bytes, got ${key.length}`);
      flat.set(key, 32 * i);
    });
    return { keys: flat, isFile: false };
  }
  return { keys: bytes(signerKeys, 'signerKeys (an OpenSSH key file or an array of keys)'), isFile: true };
}

/**
 * Verify a Sigsum proof.
 *
 * @param {Uint8Array|string} proof the proof file's bytes
 * @param {object} options
 * @param {Uint8Array|string|Uint8Array[]} options.signerKeys an OpenSSH key
 *   file, or an array of 32-byte Ed25519 keys
 * @param {Policy|Policy[]} options.policy a policy, or policies tried in
 *   order (the first that holds wins; if none does, the error is the
 *   first one's)
 * @param {Uint8Array|string} [options.data] the signed data (its SHA-256
 *   is the message); or
 * @param {Uint8Array} [options.message] the 32-byte message
 * @returns {Verified}
 */
export function verify(proof, { signerKeys, policy, data, message } = {}) {
  const proofBytes = bytes(proof, 'proof');
  const { keys, isFile } = signerKeyArg(signerKeys);
  const list = Array.isArray(policy) ? policy : [policy];
  const chosen = list.map((p) => {
    if (!parts.has(p)) throw new TypeError('policy must be a Policy or an array of Policy objects');
    return policyParts(p);
  });
  const kinds = new Uint8Array(chosen.map((p) => p.kind));
  const lens = new Uint32Array(chosen.map((p) => p.data.length));
  const policyBytes = new Uint8Array(lens.reduce((a, b) => a + b, 0));
  chosen.reduce((at, p) => (policyBytes.set(p.data, at), at + p.data.length), 0);
  if ((data === undefined) === (message === undefined)) {
    throw new TypeError('give exactly one of data and message');
  }
  const isData = data !== undefined;
  const input = isData ? bytes(data, 'data') : bytes(message, 'message', false);
  const v = run(() => wasm.verify(proofBytes, keys, isFile, kinds, lens, policyBytes, input, isData));
  try {
    return new Verified(v);
  } finally {
    v.free();
  }
}

/** SHA-256 (32 bytes). */
export function sha256(data) {
  return wasm.sha256(bytes(data, 'data'));
}

/** SHA-256 of a 32-byte public key (Sigsum's key hash). */
export function keyHash(key) {
  const k = bytes(key, 'key', false);
  return run(() => wasm.key_hash(k));
}

/** A key from 64 hex digits. Throws KeyFormatError. */
export function parseHexKey(text) {
  const t = bytes(text, 'text');
  return run(() => wasm.hex_key(t));
}

/**
 * One OpenSSH `ssh-ed25519` line: `{ key, policy, comment }`. Throws
 * KeyFormatError (with `column`).
 */
export function parseSshKey(line) {
  const l = bytes(line, 'line');
  const k = run(() => wasm.ssh_key(l));
  try {
    return { key: k.key, policy: k.policy ?? null, comment: k.comment };
  } finally {
    k.free();
  }
}

/**
 * The keys of an OpenSSH key file and the `sigsum-policy` name they agree
 * on: `{ keys, policyName() }`. Throws KeyFormatError (with `line`).
 */
export function parseKeyFile(data) {
  const d = bytes(data, 'data').slice();
  const flat = run(() => wasm.key_file_keys(d));
  const keys = [];
  for (let i = 0; i < flat.length; i += 32) keys.push(flat.slice(i, i + 32));
  return {
    keys,
    policyName: () => run(() => wasm.key_file_policy_name(d)) ?? null,
  };
}

