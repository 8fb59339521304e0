import type { Bytes, Policy, Text, Verified } from './index.js';
import type { SigsumError } from './errors.js';

export function compilePolicy(policy: Policy): Uint8Array;
export function policyHash(policy: Policy): Uint8Array;
export function builtinText(name: string): Uint8Array;
export function parsePemKey(text: Text): Uint8Array;
export function parseVkey(text: Text): { name: string; keyId: Uint8Array; sigType: number; key: Uint8Array };
export class Checkpoint {
  constructor(text: Text);
  readonly origin: string;
  readonly size: number;
  readonly rootHash: Uint8Array;
  verifySigsum(logKey: Bytes): void;
  verifyVkey(vkey: Text): void;
  verifySignedBy(name: string, key: Bytes): void;
  cosignatures(): { line: number; name: string; keyId: Uint8Array; timestamp: number }[];
  verifyCosignatures(witnesses: [string, Bytes][]): { verified: number[]; failed: number[]; unknown: number };
}

export interface VerifyManyOptions {
  /** An OpenSSH key file, or 32-byte Ed25519 keys. */
  signerKeys: Text | Bytes[];
  /** The one policy of the batch. */
  policy: Policy;
  /** Each proof's data (its SHA-256 is the message); or give `messages`. */
  data?: Text[];
  /** Each proof's 32-byte message. */
  messages?: Bytes[];
}

/**
 * Verify many proofs under one policy (keys decoded once, each cosigned
 * tree head verified once): for each proof its Verified or the SigsumError
 * `verify` would throw (returned, not thrown).
 */
export function verifyMany(proofs: Text[], options: VerifyManyOptions): (Verified | SigsumError)[];
