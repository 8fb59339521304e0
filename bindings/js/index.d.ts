export * from './errors.js';

/** Bytes, or a string (UTF-8 encoded) where text is expected. */
export type Bytes = Uint8Array | ArrayBuffer | ArrayBufferView;
export type Text = Bytes | string;

/** A Sigsum trust policy: from text, a builtin name or compiled bytes. */
export class Policy {
  private constructor();
  /** "text", "compiled" or "builtin". */
  readonly kind: 'text' | 'compiled' | 'builtin';
  /** The builtin's name, or null. */
  readonly name: string | null;
  /** Parse a policy in sigsum-go's text format. Throws PolicyError. */
  static fromText(text: Text): Policy;
  /** Load a compiled policy (strictly validated). Throws PolicyError. */
  static fromCompiled(blob: Bytes): Policy;
  /** A builtin policy by name. Throws PolicyError. */
  static builtin(name: string): Policy;
  /** The builtin policy names, sorted. */
  static builtinNames(): string[];
}

/** The result of a successful verification. */
export class Verified {
  private constructor();
  readonly leafIndex: number;
  readonly treeSize: number;
  readonly logKeyHash: Uint8Array;
  readonly signerKeyHash: Uint8Array;
  readonly cosignaturesVerified: number;
  readonly cosignaturesFailed: number;
  /** Unix seconds, or null for `quorum none`. */
  readonly quorumTimestamp: number | null;
  readonly signatureChecks: number;
  /** Which policy of the array held (0 for a single policy). */
  readonly policyIndex: number;
  /** Throws FreshnessError unless now - maxAge <= quorumTimestamp <= now + maxSkew. */
  checkFreshness(rule: { now: number; maxAge: number; maxSkew?: number }): void;
}

export interface VerifyOptions {
  /** An OpenSSH key file, or 32-byte Ed25519 keys. */
  signerKeys: Text | Bytes[];
  /** A policy, or policies tried in order (the first that holds wins). */
  policy: Policy | Policy[];
  /** The signed data (its SHA-256 is the message); or give `message`. */
  data?: Text;
  /** The 32-byte message. */
  message?: Bytes;
}

/** Verify a Sigsum proof; throws a SigsumError subclass naming the step. */
export function verify(proof: Text, options: VerifyOptions): Verified;
export function sha256(data: Text): Uint8Array;
export function keyHash(key: Bytes): Uint8Array;
export function parseHexKey(text: Text): Uint8Array;
export function parseSshKey(line: Text): { key: Uint8Array; policy: string | null; comment: Uint8Array };
export function parseKeyFile(data: Text): { keys: Uint8Array[]; policyName(): string | null };
/** @internal */
export function signerKeyArg(signerKeys: Text | Bytes[]): { keys: Uint8Array; isFile: boolean };
/** @internal */
export function policyParts(policy: Policy): { kind: number; data: Uint8Array };
