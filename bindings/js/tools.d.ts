import type { Bytes, Policy, Text } from './index.js';

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
