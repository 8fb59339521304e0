// sigsum-core/tools: policy compilation and hash, PEM keys, vkeys,
// checkpoints.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as sc from 'sigsum-core';
import * as tools from 'sigsum-core/tools';
import { hex, read, tsv, unescape, debugPosition } from './vectors.js';

test('builtins: shipped compiled form = canonical compilation of the text', () => {
  for (const name of sc.Policy.builtinNames()) {
    const builtin = sc.Policy.builtin(name);
    const text = sc.Policy.fromText(read(`real/${name}.policy`));
    assert.equal(hex(tools.builtinText(name)), hex(read(`real/${name}.policy`)));
    const blob = tools.compilePolicy(builtin);
    assert.equal(hex(tools.compilePolicy(text)), hex(blob));
    assert.equal(hex(tools.policyHash(text)), hex(sc.sha256(blob)));
    const compiled = sc.Policy.fromCompiled(blob);
    assert.equal(hex(tools.policyHash(compiled)), hex(tools.policyHash(builtin)));
  }
});

test('quorum none has no compiled form', () => {
  assert.throws(() => tools.compilePolicy(sc.Policy.fromText(read('proofs/pb.policy'))), sc.PolicyError);
});

test('PEM keys', () => {
  for (const [h, , pem] of tsv('keys/keys.tsv')) {
    if (pem !== '-') assert.equal(hex(tools.parsePemKey(read(`keys/${pem}`))), h);
  }
  const pem = new TextDecoder().decode(read('keys/seed11.pem'));
  assert.throws(() => tools.parsePemKey(pem + 'extra\n'), { name: 'KeyFormatError', line: 4 });
});

test('vkeys.tsv', () => {
  for (const [field, expected] of tsv('keys/vkeys.tsv')) {
    const t = unescape(field);
    if (expected.startsWith('ok ')) {
      const [, name, id, type, key] = expected.split(' ');
      const v = tools.parseVkey(t);
      assert.deepEqual([v.name, hex(v.keyId), v.sigType, hex(v.key)], [name, id, parseInt(type, 16), key]);
    } else {
      const [, column] = debugPosition(expected);
      assert.throws(() => tools.parseVkey(t), (e) =>
        e instanceof sc.KeyFormatError && (column === null || e.column === column));
    }
  }
});

test('checkpoints: Sigsum log signature and vkey, with twins', () => {
  const seed11 = sc.parseHexKey('66e0b858e462a609e66fe71370c816d8846ff103d5499a22a7fec37fdbc424a7');
  const text = new TextDecoder().decode(read('checkpoint/seed11.checkpoint'));
  const cp = new tools.Checkpoint(text);
  assert.equal(cp.size, 10);
  assert.equal(cp.origin, `sigsum.org/v1/tree/${hex(sc.keyHash(seed11))}`);
  cp.verifySigsum(seed11);
  assert.throws(() => cp.verifySigsum(new Uint8Array(32)), sc.CheckpointError);
  assert.throws(() => new tools.Checkpoint(text.replace('\n10\n', '\n11\n')).verifySigsum(seed11), (e) =>
    e instanceof sc.CheckpointError && e.line !== null && e.message.startsWith(`line ${e.line}: `));
  assert.throws(() => new tools.Checkpoint(text.replace('\n10\n', '\n010\n')), {
    name: 'CheckpointError', line: 2,
  });
  const vkey = 'sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8';
  const go = new tools.Checkpoint(read('checkpoint/gosumdb-30055305.checkpoint'));
  go.verifyVkey(vkey);
  assert.throws(() => cp.verifyVkey(vkey), sc.CheckpointError);
});

test('cosignatures of a checkpoint, with twins', () => {
  const witness = sc.parseHexKey('cbe357e6b464049e703b7be6c89201193acc2a18c095b0691aaf50b9b1e1578a');
  const log = sc.parseHexKey('ac26c0a855ac451a6539478e1a160388f024b385f1363efcda470170076c01e5');
  const name = `sigsum.org/v1/witness/${hex(sc.sha256(witness))}`;
  const cp = new tools.Checkpoint(read('checkpoint/p-a-cosigned.checkpoint'));
  cp.verifySigsum(log);
  cp.verifySignedBy(cp.origin, log);
  assert.throws(() => cp.verifySignedBy('other', log), sc.CheckpointError);
  assert.deepEqual(cp.cosignatures().map((c) => [c.name, c.timestamp, c.keyId.length]), [[name, 1683202758, 4]]);
  assert.deepEqual(cp.verifyCosignatures([[name, witness]]), { verified: [0], failed: [], unknown: 0 });
  assert.deepEqual(cp.verifyCosignatures([['x', log], [name, witness]]), { verified: [1], failed: [], unknown: 0 });
  assert.deepEqual(cp.verifyCosignatures([[`${name}x`, witness]]), { verified: [], failed: [], unknown: 1 });
  assert.throws(() => cp.verifyCosignatures([[name, new Uint8Array(31)]]), TypeError);
});

test('verify with a compiled policy from compilePolicy, and its twin', () => {
  const text = sc.Policy.fromText(read('real/sigsum-test-2025-3.policy'));
  const policy = sc.Policy.fromCompiled(tools.compilePolicy(text));
  const args = (p) => [read('real/serviceberry-v2.proof'), {
    signerKeys: read('real/serviceberry-signer.pub'), policy: p, data: read('real/serviceberry.message'),
  }];
  const v = sc.verify(...args(policy));
  assert.deepEqual([v.leafIndex, v.treeSize, v.cosignaturesVerified], [381381, 381382, 4]);
  const other = sc.Policy.fromCompiled(tools.compilePolicy(sc.Policy.builtin('sigsum-test1-2025')));
  assert.throws(() => sc.verify(...args(other)), sc.UnknownLogError);
});
