// The page's verdict logic (www/verdict.js) in Node, on its committed
// example and the tampered copy.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const example = (name) => new Uint8Array(readFileSync(new URL(`../www/example/${name}`, import.meta.url)));
const { check } = await import('../www/verdict.js');

const input = (proof) => ({
  data: example('serviceberry.data'),
  keys: example('serviceberry-signer.pub'),
  proof: example(proof),
  builtin: 'sigsum-test-2025-3',
});

test('the example verifies', () => {
  const r = check(input('serviceberry-v2.proof'));
  assert.equal(r.ok, true);
  assert.equal(r.text,
    'Verified: leaf 381381 of a tree of size 381382, 4 cosignature(s) checked, quorum time 2026-02-04T08:17:31.000Z.');
});

test('the tampered example fails at inclusion', () => {
  const r = check(input('serviceberry-v2-tampered.proof'));
  assert.deepEqual([r.ok, r.step, r.line], [false, 'inclusion', null]);
  assert.equal(r.text,
    'Not verified (step: inclusion): inclusion proof failed: inclusion proof does not lead to the root');
});

test('a malformed proof names its line; a bad policy file its step and line', () => {
  const bad = new TextEncoder().encode(new TextDecoder().decode(example('serviceberry-v2.proof')).replace('size=', 'sise='));
  const r = check({ ...input('serviceberry-v2.proof'), proof: bad });
  assert.deepEqual([r.ok, r.step, r.line], [false, 'proof', 5]);
  const p = check({ ...input('serviceberry-v2.proof'), policyText: new TextEncoder().encode('quorum none\nbogus\n') });
  assert.deepEqual([p.ok, p.step, p.line], [false, 'policy', 2]);
  assert.equal(p.text, 'Not verified (step: policy; line 2): line 2: unknown keyword');
});
