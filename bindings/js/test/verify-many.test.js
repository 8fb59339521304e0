// verifyMany(): each proof's verify() result (Verified or the error
// verify throws, returned here), keys decoded once, each cosigned tree
// head verified once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as core from 'sigsum-core';
import { verifyMany } from 'sigsum-core/tools';

const sc = { ...core, verifyMany };
import { read } from './vectors.js';

const proof = read('real/serviceberry-v2.proof');
const data = read('real/serviceberry.message');
const keys = read('real/serviceberry-signer.pub');

/** The proof with the last hex digit of its nth `key=` line changed. */
function edit(text, key, nth = 0) {
  const lines = new TextDecoder().decode(text).split('\n');
  let seen = 0;
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].startsWith(`${key}=`)) {
      if (seen++ === nth) {
        const last = lines[i].at(-1);
        lines[i] = lines[i].slice(0, -1) + (last === '0' ? '1' : '0');
        return new TextEncoder().encode(lines.join('\n'));
      }
    }
  }
  throw new Error(`no ${key}= line ${nth}`);
}

function outcome(f) {
  try {
    return describe(f());
  } catch (e) {
    return describe(e);
  }
}

function describe(v) {
  if (v instanceof Error) return [v.constructor.name, v.message, v.step, v.line];
  return [v.leafIndex, v.treeSize, v.cosignaturesVerified, v.cosignaturesFailed, v.quorumTimestamp];
}

test('verifyMany gives verify\'s result for each proof', () => {
  const policy = sc.Policy.builtin('sigsum-test-2025-3');
  let badCosigs = proof;
  for (let i = 0; i < 8; i++) badCosigs = edit(badCosigs, 'cosignature', i);
  const other = new Uint8Array([...data, 0x78]);
  const items = [
    [proof, data],
    [proof, other],
    [edit(proof, 'signature'), data],
    [badCosigs, data],
    [edit(proof, 'node_hash'), data],
    [new TextEncoder().encode(new TextDecoder().decode(proof).replace('size=', 'sizes=')), data],
    [proof, data],
  ];
  const want = items.map(([p, d]) => outcome(() => sc.verify(p, { signerKeys: keys, policy, data: d })));
  const got = sc.verifyMany(items.map(([p]) => p), { signerKeys: keys, policy, data: items.map(([, d]) => d) });
  assert.deepEqual(got.map(describe), want);
  assert.ok(got[0] instanceof sc.Verified && got[6] instanceof sc.Verified);
  assert.ok(got[1] instanceof sc.InclusionError);
  assert.ok(got[2] instanceof sc.LogSignatureError);
  assert.ok(got[3] instanceof sc.QuorumError);
  assert.ok(got[5] instanceof sc.ProofFormatError);
  // The last proof reused the first one's tree head.
  assert.equal(got[0].signatureChecks, 6);
  assert.equal(got[6].signatureChecks, 1);
});

test('verifyMany with messages, and its argument errors', () => {
  const policy = sc.Policy.builtin('sigsum-test-2025-3');
  const message = sc.sha256(data);
  const [v] = sc.verifyMany([proof], { signerKeys: keys, policy, messages: [message] });
  assert.equal(v.treeSize, 381382);
  assert.deepEqual(sc.verifyMany([], { signerKeys: keys, policy, data: [] }), []);
  assert.throws(() => sc.verifyMany([proof], { signerKeys: keys, policy }), {
    name: 'TypeError', message: 'give exactly one of data and messages' });
  assert.throws(() => sc.verifyMany([proof], { signerKeys: keys, policy: [policy], messages: [message] }), {
    name: 'TypeError', message: 'policy must be a Policy (one policy for the batch)' });
  assert.throws(() => sc.verifyMany([proof], { signerKeys: keys, policy, messages: [message, message] }), {
    name: 'TypeError', message: '1 proofs but 2 messages' });
  assert.throws(() => sc.verifyMany([proof], { signerKeys: keys, policy, messages: [new Uint8Array(3)] }), {
    name: 'TypeError', message: 'message 0 must be 32 bytes, got 3' });
});
