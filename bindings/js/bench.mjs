// Time verify() on the real serviceberry proof (run after build.sh):
//   node bench.mjs [path/to/tests/vectors]
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Policy, verify } from 'sigsum-core';

const dir = process.argv[2] ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../tests/vectors');
const read = (rel) => new Uint8Array(readFileSync(path.join(dir, rel)));
const proof = read('real/serviceberry-v2.proof');
const signerKeys = read('real/serviceberry-signer.pub');
const data = read('real/serviceberry.message');
const policies = {
  builtin: Policy.builtin('sigsum-test-2025-3'),
  text: Policy.fromText(read('real/sigsum-test-2025-3.policy')),
};
for (const [name, policy] of Object.entries(policies)) {
  for (let i = 0; i < 50; i++) verify(proof, { signerKeys, policy, data }); // warm up
  let best = Infinity;
  for (let round = 0; round < 5; round++) {
    const n = 200;
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < n; i++) verify(proof, { signerKeys, policy, data });
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / n / 1000);
  }
  console.log(`verify serviceberry, ${name} policy: ${best.toFixed(1)} us`);
}
