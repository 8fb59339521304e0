// Compiled (not run) by .ci/bindings with `tsc --strict` against the
// installed package: the declarations must accept this and reject the
// marked misuse.
import { verify, Policy, SigsumError, QuorumError, Verified, parseKeyFile } from 'sigsum-core';
import { compilePolicy, policyHash, Checkpoint, parseVkey, verifyMany } from 'sigsum-core/tools';

const policy: Policy = Policy.builtin('sigsum-test-2025-3');
const names: string[] = Policy.builtinNames();
const keys: Uint8Array[] = parseKeyFile('ssh-ed25519 AAAA\n').keys;
const v: Verified = verify(new Uint8Array(0), { signerKeys: keys, policy, data: 'x' });
const w: number = verify('', { signerKeys: 'k', policy: [policy, policy], message: new Uint8Array(32) }).policyIndex;
const n: number = v.leafIndex + v.treeSize;
const t: number | null = v.quorumTimestamp;
v.checkFreshness({ now: 0, maxAge: 60 });
const blob: Uint8Array = compilePolicy(policy);
const many: (Verified | SigsumError)[] = verifyMany([new Uint8Array(0)], { signerKeys: keys, policy, data: ['x'] });
const hash: Uint8Array = policyHash(Policy.fromCompiled(blob));
const sigType: number = parseVkey('a+b+c').sigType;
try {
  new Checkpoint('x').verifySigsum(hash);
} catch (e) {
  if (e instanceof QuorumError) {
    const k: number = e.totalKnown;
  }
  if (e instanceof SigsumError) {
    const s: string = e.step;
    const l: number | null = e.line;
  }
}
// @ts-expect-error data must be bytes or a string
verify(new Uint8Array(0), { signerKeys: [], policy, data: 42 });
// @ts-expect-error the policy must be a Policy
verify(new Uint8Array(0), { signerKeys: [], policy: 'sigsum-test-2025-3', data: 'x' });
export { names, n, t, w, sigType };
