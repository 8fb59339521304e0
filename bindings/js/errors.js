// The errors of sigsum-core: one base class, one subclass per step. Each
// instance has `step` (which check failed), `line` and `column` (1-based,
// or null where the input has no position) besides `message`.

/** Base class of every error sigsum-core throws for bad input. */
export class SigsumError extends Error {
  /**
   * @param {string} message
   * @param {{line?: number|null, column?: number|null}} [where]
   */
  constructor(message, where = {}) {
    super(message);
    this.name = new.target.name;
    this.line = where.line ?? null;
    this.column = where.column ?? null;
  }

  /** Which check failed. */
  get step() {
    return /** @type {typeof SigsumError} */ (this.constructor).step;
  }
}
SigsumError.step = 'unknown';

function subclass(name, step) {
  const cls = { [name]: class extends SigsumError {} }[name];
  cls.step = step;
  return cls;
}

/** The proof text is malformed (`line` says where). */
export const ProofFormatError = subclass('ProofFormatError', 'proof');
/** A version 1 proof's short checksum is not that of the message. */
export const ChecksumMismatchError = subclass('ChecksumMismatchError', 'checksum');
/** None of the signer keys hashes to the leaf's key hash. */
export const UnknownSignerError = subclass('UnknownSignerError', 'signer');
/** The policy does not list the proof's log. */
export const UnknownLogError = subclass('UnknownLogError', 'log');
/** The leaf is not included in the tree head. */
export const InclusionError = subclass('InclusionError', 'inclusion');
/** The leaf signature does not verify for the message. */
export const LeafSignatureError = subclass('LeafSignatureError', 'leaf-signature');
/** The log's signature over the tree head does not verify. */
export const LogSignatureError = subclass('LogSignatureError', 'log-signature');
/** A policy text, compiled policy or builtin name is invalid. */
export const PolicyError = subclass('PolicyError', 'policy');
/** A key (OpenSSH line or file, hex, vkey, PEM) is invalid. */
export const KeyFormatError = subclass('KeyFormatError', 'key');
/** A checkpoint note or its signature is invalid. */
export const CheckpointError = subclass('CheckpointError', 'checkpoint');
/** The quorum timestamp is too old, too new or absent. */
export const FreshnessError = subclass('FreshnessError', 'freshness');

/** The valid cosignatures do not satisfy the quorum. */
export class QuorumError extends SigsumError {
  constructor(message, where = {}, counts = {}) {
    super(message, where);
    /** Valid cosignatures found before the quorum became unreachable. */
    this.verified = counts.verified ?? 0;
    /** Invalid cosignatures from known witnesses found before that. */
    this.failed = counts.failed ?? 0;
    /** Cosignatures from witnesses the policy knows. */
    this.totalKnown = counts.totalKnown ?? 0;
  }
}
QuorumError.step = 'quorum';

const CLASSES = {
  SigsumError,
  ProofFormatError,
  ChecksumMismatchError,
  UnknownSignerError,
  UnknownLogError,
  InclusionError,
  LeafSignatureError,
  LogSignatureError,
  QuorumError,
  PolicyError,
  KeyFormatError,
  CheckpointError,
  FreshnessError,
};

/**
 * The error a `Failure` of module `wasm` names (a `TypeError` for an
 * argument error); frees the `Failure`.
 * @param {object} wasm
 * @param {any} e
 * @returns {Error}
 */
export function toError(wasm, e) {
  const { class: name, message } = e;
  const where = { line: e.line ?? null, column: e.column ?? null };
  const counts = { verified: e.verified, failed: e.failed, totalKnown: e.total_known };
  e.free();
  if (name === 'TypeError') return new TypeError(message);
  const cls = CLASSES[name] ?? SigsumError;
  return cls === QuorumError ? new QuorumError(message, where, counts) : new cls(message, where);
}

/**
 * Run `fn` (a call into WebAssembly); a thrown `Failure` of module
 * `wasm` becomes the error class it names.
 * @template T
 * @param {object} wasm
 * @param {() => T} fn
 * @returns {T}
 */
export function call(wasm, fn) {
  try {
    return fn();
  } catch (e) {
    if (!(e instanceof wasm.Failure)) throw e;
    throw toError(wasm, e);
  }
}
