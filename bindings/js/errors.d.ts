/** Base class of every error sigsum-core throws for bad input. */
export class SigsumError extends Error {
  constructor(message: string, where?: { line?: number | null; column?: number | null });
  /** Which check failed (the class's `step`). */
  readonly step: string;
  /** 1-based line of the input where the error is, or null. */
  readonly line: number | null;
  /** 1-based column (byte offset in the line), or null. */
  readonly column: number | null;
  static step: string;
}
/** step "proof": the proof text is malformed. */
export class ProofFormatError extends SigsumError {}
/** step "checksum": a v1 proof's short checksum is for another message. */
export class ChecksumMismatchError extends SigsumError {}
/** step "signer": no signer key hashes to the leaf's key hash. */
export class UnknownSignerError extends SigsumError {}
/** step "log": the policy does not list the proof's log. */
export class UnknownLogError extends SigsumError {}
/** step "inclusion": the leaf is not included in the tree head. */
export class InclusionError extends SigsumError {}
/** step "leaf-signature": the leaf signature does not verify. */
export class LeafSignatureError extends SigsumError {}
/** step "log-signature": the log signature does not verify. */
export class LogSignatureError extends SigsumError {}
/** step "quorum": the valid cosignatures do not satisfy the quorum. */
export class QuorumError extends SigsumError {
  readonly verified: number;
  readonly failed: number;
  readonly totalKnown: number;
}
/** step "policy": invalid policy text, compiled policy or builtin name. */
export class PolicyError extends SigsumError {}
/** step "key": invalid key (OpenSSH, hex, vkey, PEM). */
export class KeyFormatError extends SigsumError {}
/** step "checkpoint": invalid checkpoint or signature. */
export class CheckpointError extends SigsumError {}
/** step "freshness": quorum timestamp too old, too new or absent. */
export class FreshnessError extends SigsumError {}
