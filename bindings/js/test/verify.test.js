// verify() over the proofs of tests/vectors: each accepted proof and reject
// twins of it (one fault each), with exact classes and messages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as sc from 'sigsum-core';
import { hex, read } from './vectors.js';

const text = (rel) => new TextDecoder().decode(read(rel));

const ACCEPT = {
  'serviceberry-builtin': {
    proof: 'real/serviceberry-v2.proof', keys: 'real/serviceberry-signer.pub',
    policy: () => sc.Policy.builtin('sigsum-test-2025-3'), data: 'real/serviceberry.message',
    expect: { leafIndex: 381381, treeSize: 381382, cosignaturesVerified: 4, quorumTimestamp: 1770193051 },
  },
  'serviceberry-text': {
    proof: 'real/serviceberry-v2.proof', keys: 'real/serviceberry-signer.pub',
    policy: () => sc.Policy.fromText(text('real/sigsum-test-2025-3.policy')), data: 'real/serviceberry.message',
    expect: { leafIndex: 381381, treeSize: 381382, cosignaturesVerified: 4, quorumTimestamp: 1770193051 },
  },
  pa: {
    proof: 'proofs/pa.proof', keys: 'proofs/pa-signer.pub',
    policy: () => sc.Policy.fromText(read('proofs/pa.policy')), message: 'proofs/pa.message',
    expect: { leafIndex: 3, treeSize: 4, cosignaturesVerified: 1, quorumTimestamp: 1683202758 },
  },
  'pb-quorum-none': {
    proof: 'proofs/pb.proof', keys: 'proofs/pb-signer.pub',
    policy: () => sc.Policy.fromText(read('proofs/pb.policy')), message: 'proofs/pb.message',
    expect: { cosignaturesVerified: 0, quorumTimestamp: null },
  },
  'barreleye-v1-odd': {
    proof: 'proofs/barreleye-v1-odd.proof', keys: 'proofs/barreleye-signer.pub',
    policy: () => sc.Policy.builtin('sigsum-test1-2025'), data: 'proofs/barreleye-v1-odd.data',
    expect: {},
  },
  'barreleye-v1-even': {
    proof: 'proofs/barreleye-v1-even.proof', keys: 'proofs/barreleye-signer.pub',
    policy: () => sc.Policy.fromText(read('real/sigsum-test1-2025.policy')), data: 'proofs/barreleye-v1-even.data',
    expect: {},
  },
  'sigsum-rs-barreleye-v2': {
    proof: 'proofs/sigsum-rs-barreleye-v2.proof', keys: 'proofs/sigsum-rs-barreleye-signer.pub',
    policy: () => sc.Policy.fromText(read('proofs/sigsum-rs-stagemole-1of1.policy')), data: 'proofs/sigsum-rs-barreleye.data',
    expect: { leafIndex: 8857, treeSize: 8858 },
  },
};

const MSG = {
  signer: 'unknown signer key: the leaf key hash matches none of the given keys',
  log: "unknown log: the policy does not list the proof's log",
  inclusion: 'inclusion proof failed: inclusion proof does not lead to the root',
  logsig: 'bad log signature',
  checksum: 'short checksum mismatch: the version 1 proof is for another message',
};

function run(c, over = {}) {
  const input = 'data' in over || 'message' in over ? {}
    : c.data ? { data: read(c.data) } : { message: read(c.message) };
  return sc.verify(over.proof ?? read(c.proof), {
    signerKeys: over.keys ?? read(c.keys),
    policy: over.policy ?? c.policy(),
    ...input,
    ...('data' in over ? { data: over.data } : {}),
    ...('message' in over ? { message: over.message } : {}),
  });
}

/** Change the last hex digit of the nth `key=` line. */
function edit(proof, key, nth = 0) {
  const lines = new TextDecoder().decode(proof).split('\n');
  let seen = 0;
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].startsWith(`${key}=`)) {
      if (seen++ === nth) {
        const l = lines[i];
        lines[i] = l.slice(0, -1) + (l.endsWith('0') ? '1' : '0');
        return new TextEncoder().encode(lines.join('\n'));
      }
    }
  }
  throw new Error(`no ${key}= line ${nth}`);
}

function throwsStep(fn, cls, message) {
  let error;
  assert.throws(fn, (e) => {
    error = e;
    return e instanceof cls && e instanceof sc.SigsumError && e instanceof Error;
  });
  assert.equal(error.step, cls.step);
  assert.equal(error.name, cls.name);
  if (message !== undefined) assert.equal(error.message, message);
  return error;
}

const isV1 = (c) => text(c.proof).startsWith('version=1\n');

for (const [name, c] of Object.entries(ACCEPT)) {
  test(`accept ${name}`, () => {
    const v = run(c);
    assert.ok(v instanceof sc.Verified);
    for (const [k, want] of Object.entries(c.expect)) assert.equal(v[k], want, k);
    const log = /^log=([0-9a-f]{64})$/m.exec(text(c.proof))[1];
    assert.equal(hex(v.logKeyHash), log);
    assert.ok(v.treeSize > v.leafIndex);
    assert.equal(v.signatureChecks, 2 + v.cosignaturesVerified + v.cosignaturesFailed);
    const keys = sc.parseKeyFile(read(c.keys)).keys;
    assert.ok(keys.some((k) => hex(sc.keyHash(k)) === hex(v.signerKeyHash)));
    // The same with raw keys and the message instead of the data.
    const message = c.data ? createHash('sha256').update(read(c.data)).digest() : read(c.message);
    assert.equal(run(c, { keys: [new Uint8Array(32), ...keys], message }).treeSize, v.treeSize);
  });

  test(`reject ${name}: other data`, () => {
    const over = c.data ? { data: new Uint8Array([...read(c.data), 33]) }
      : { message: read(c.message).map((b, i) => (i === 0 ? b ^ 1 : b)) };
    const e = isV1(c)
      ? throwsStep(() => run(c, over), sc.ChecksumMismatchError, MSG.checksum)
      : throwsStep(() => run(c, over), sc.InclusionError, MSG.inclusion);
    assert.equal(e.line, null);
    assert.equal(e.column, null);
  });

  test(`reject ${name}: other signer`, () => {
    const other = sc.parseHexKey('22c091e3f75497ef19015c5daf143910e20cda7295b0fd1ddf83825686efeca6');
    throwsStep(() => run(c, { keys: [other] }), sc.UnknownSignerError, MSG.signer);
  });

  test(`reject ${name}: policy without the log`, () => {
    const other = name.startsWith('pb') ? 'proofs/pa.policy' : 'proofs/pb.policy';
    throwsStep(() => run(c, { policy: sc.Policy.fromText(read(other)) }), sc.UnknownLogError, MSG.log);
  });

  test(`reject ${name}: other root hash, other node hash`, () => {
    throwsStep(() => run(c, { proof: edit(read(c.proof), 'root_hash') }), sc.InclusionError, MSG.inclusion);
    throwsStep(() => run(c, { proof: edit(read(c.proof), 'node_hash') }), sc.InclusionError, MSG.inclusion);
  });

  test(`reject ${name}: bad log signature`, () => {
    throwsStep(() => run(c, { proof: edit(read(c.proof), 'signature') }), sc.LogSignatureError, MSG.logsig);
  });

  test(`reject ${name}: bad cosignatures`, () => {
    let proof = read(c.proof);
    const n = text(c.proof).split('\ncosignature=').length - 1;
    if (n === 0) {
      const policy = sc.Policy.fromText(text('proofs/pb.policy').replace('quorum none',
        'witness w cbe357e6b464049e703b7be6c89201193acc2a18c095b0691aaf50b9b1e1578a\nquorum w'));
      const e = throwsStep(() => run(c, { policy }), sc.QuorumError,
        'quorum not met: 0 valid and 0 invalid of 0 cosignatures from known witnesses');
      assert.deepEqual([e.verified, e.failed, e.totalKnown], [0, 0, 0]);
      return;
    }
    for (let i = 0; i < n; i++) proof = edit(proof, 'cosignature', i);
    const e = throwsStep(() => run(c, { proof }), sc.QuorumError);
    assert.equal(e.verified, 0);
    assert.ok(e.failed >= 1 && e.totalKnown >= e.failed);
    assert.equal(e.message,
      `quorum not met: 0 valid and ${e.failed} invalid of ${e.totalKnown} cosignatures from known witnesses`);
  });

  test(`reject ${name}: malformed proof`, () => {
    const lines = text(c.proof).split('\n');
    lines.splice(2, 0, 'size=1');
    const e = throwsStep(() => run(c, { proof: lines.join('\n') }), sc.ProofFormatError);
    assert.equal(e.line, 3);
    assert.equal(e.column, null);
    assert.ok(e.message.startsWith('malformed proof: line 3: '), e.message);
  });
}

test('sigsum-ts stray line: line 8', () => {
  const e = throwsStep(() => run(ACCEPT['barreleye-v1-odd'], { proof: read('proofs/sigsum-ts-stray-line.proof') }),
    sc.ProofFormatError, 'malformed proof: line 8: expected key "cosignature"');
  assert.equal(e.line, 8);
});

test('sigsum-rs parser rejects', () => {
  for (const [file, line] of [['extra-line', 4], ['version-not-supported', 1], ['missing-part', null], ['too-many-parts', null]]) {
    const e = throwsStep(() => run(ACCEPT['barreleye-v1-odd'], { proof: read(`proofs/sigsum-rs-sigsum-signature_${file}.proof`) }),
      sc.ProofFormatError);
    if (line !== null) assert.equal(e.line, line);
    assert.ok(e.message.startsWith(`malformed proof: line ${e.line}: `));
  }
});

test('sigsum-rs proof under other builtins: quorum not met before any signature check', () => {
  for (const [name, known] of [['sigsum-test2-2025', 2], ['sigsum-test-2025-3', 1]]) {
    const e = throwsStep(() => run(ACCEPT['sigsum-rs-barreleye-v2'], { policy: sc.Policy.builtin(name) }), sc.QuorumError,
      `quorum not met: 0 valid and 0 invalid of ${known} cosignatures from known witnesses`);
    assert.deepEqual([e.verified, e.failed, e.totalKnown], [0, 0, known]);
  }
});

test('legacy tools proofs: bad leaf signature', () => {
  for (const which of ['hello-again', 'old-friend']) {
    throwsStep(() => sc.verify(read(`proofs/legacy-tools-${which}.proof`), {
      signerKeys: read('proofs/legacy-tools-signer.pub'),
      policy: sc.Policy.fromText(read('proofs/legacy-tools.policy')),
      data: read(`proofs/legacy-tools-${which}.data`),
    }), sc.LeafSignatureError, 'bad leaf signature');
  }
});

test('a bad key file is a KeyFormatError with line and column', () => {
  const e = throwsStep(() => run(ACCEPT.pa, { keys: '\n# comment\nssh-ed25519 AAA!\n' }),
    sc.KeyFormatError, 'line 3, column 13: invalid base64 in key');
  assert.deepEqual([e.line, e.column], [3, 13]);
});

test('arguments', () => {
  const c = ACCEPT.pa;
  assert.throws(() => sc.verify(read(c.proof), { signerKeys: read(c.keys), policy: c.policy(), data: 'x', message: new Uint8Array(32) }),
    { name: 'TypeError', message: 'give exactly one of data and message' });
  assert.throws(() => sc.verify(read(c.proof), { signerKeys: read(c.keys), policy: c.policy() }), TypeError);
  assert.throws(() => run(c, { message: new Uint8Array(31) }), { name: 'TypeError', message: 'message must be 32 bytes, got 31' });
  assert.throws(() => run(c, { keys: [new Uint8Array(3)] }), { name: 'TypeError', message: 'signer key 0 must be 32 bytes, got 3' });
  assert.throws(() => run(c, { policy: {} }), TypeError);
  assert.throws(() => run(c, { proof: 42 }), TypeError);
  assert.throws(() => new sc.Policy(), TypeError);
  // A string proof and key file work as UTF-8.
  assert.equal(run(c, { proof: text(c.proof), keys: text(c.keys) }).leafIndex, 3);
});

test('freshness', () => {
  const v = run(ACCEPT['serviceberry-builtin']);
  const t = v.quorumTimestamp;
  v.checkFreshness({ now: t + 60, maxAge: 60 });
  v.checkFreshness({ now: t - 300, maxAge: 0 });
  throwsStep(() => v.checkFreshness({ now: t + 61, maxAge: 60 }), sc.FreshnessError);
  throwsStep(() => v.checkFreshness({ now: t - 301, maxAge: 0 }), sc.FreshnessError);
  throwsStep(() => run(ACCEPT['pb-quorum-none']).checkFreshness({ now: 0, maxAge: 10 }), sc.FreshnessError);
  assert.throws(() => v.checkFreshness({ now: -1, maxAge: 1 }), TypeError);
});

test('error classes: one hierarchy, distinct steps', () => {
  const classes = [sc.ProofFormatError, sc.ChecksumMismatchError, sc.UnknownSignerError, sc.UnknownLogError,
    sc.InclusionError, sc.LeafSignatureError, sc.LogSignatureError, sc.QuorumError, sc.PolicyError,
    sc.KeyFormatError, sc.CheckpointError, sc.FreshnessError];
  for (const cls of classes) assert.ok(cls.prototype instanceof sc.SigsumError);
  assert.equal(new Set(classes.map((c) => c.step)).size, classes.length);
});

const SEED11_HEX = '66e0b858e462a609e66fe71370c816d8846ff103d5499a22a7fec37fdbc424a7';
/** The serviceberry log with a quorum of one witness that never signed. */
const unmeetable = () => sc.Policy.fromText(
  text('real/sigsum-test-2025-3.policy').split('\n').filter((l) => l.startsWith('log ')).join('\n') +
  `\nwitness W ${SEED11_HEX}\nquorum W\n`);

test('fallback policies: the first that holds, policyIndex', () => {
  const c = ACCEPT['serviceberry-builtin'];
  const good = sc.Policy.builtin('sigsum-test-2025-3');
  const noLog = sc.Policy.fromText(read('proofs/pb.policy'));
  assert.equal(run(c).policyIndex, 0);
  assert.equal(run(c, { policy: [good, noLog] }).policyIndex, 0);
  assert.equal(run(c, { policy: [noLog, good] }).policyIndex, 1);
  const v = run(c, { policy: [unmeetable(), noLog, good] });
  assert.deepEqual([v.policyIndex, v.treeSize], [2, 381382]);
});

test('fallback policies: twins', () => {
  const c = ACCEPT['serviceberry-builtin'];
  const noLog = sc.Policy.fromText(read('proofs/pb.policy'));
  throwsStep(() => run(c, { policy: [unmeetable(), noLog] }), sc.QuorumError,
    'quorum not met: 0 valid and 0 invalid of 0 cosignatures from known witnesses');
  throwsStep(() => run(c, { policy: [noLog, sc.Policy.fromText(read('proofs/pa.policy'))] }), sc.UnknownLogError, MSG.log);
  throwsStep(() => run(c, { policy: [] }), sc.PolicyError, 'no policy given');
  assert.throws(() => run(c, { policy: [noLog, 'sigsum-test-2025-3'] }),
    { name: 'TypeError', message: 'policy must be a Policy or an array of Policy objects' });
});
