//! Reject twins of the accepted spic and TKey vectors: every field
//! flipped, every truncation, an extension, counts off by one, indexes out
//! of range, each with the exact error.
use std::path::PathBuf;

use sigsum_core::{
    sha256, verify_spic_bytes, verify_tkey_bytes, BinaryError, BinaryErrorKind, BinaryVerified,
    BinaryVerifyError, CompiledError, DefaultBackend, Hash, MerkleError, PublicKey, SpicPolicy,
    TkeyPolicy,
};

fn vectors() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors")
}

fn read(rel: &str) -> Vec<u8> {
    std::fs::read(vectors().join(rel)).unwrap()
}

fn signer() -> PublicKey {
    let hex = String::from_utf8(read("real/serviceberry-signer.hex")).unwrap();
    PublicKey::from_hex(hex.trim().as_bytes()).unwrap()
}

fn message() -> Hash {
    sha256(&read("real/serviceberry.message"))
}

type Outcome = Result<BinaryVerified, BinaryVerifyError>;

fn spic(policy: &[u8], proof: &[u8]) -> Outcome {
    verify_spic_bytes(&message(), &[signer()], policy, proof, &DefaultBackend)
}

fn tkey(policy: &[u8], proof: &[u8]) -> Outcome {
    verify_tkey_bytes(&message(), policy, proof, &DefaultBackend)
}

fn proof_err(offset: usize, kind: BinaryErrorKind) -> Outcome {
    Err(BinaryVerifyError::Proof(BinaryError { offset, kind }))
}

fn policy_err(offset: usize, kind: BinaryErrorKind) -> Outcome {
    Err(BinaryVerifyError::Policy(BinaryError { offset, kind }))
}

fn truncated(field: &'static str) -> BinaryErrorKind {
    BinaryErrorKind::Truncated { field }
}

/// A field of a vector: name (as in `Truncated`), start, length.
type Field = (&'static str, usize, usize);

/// The minimal LEB128 length of the integer at `at`.
fn leb_len(b: &[u8], at: usize) -> usize {
    b[at..].iter().position(|x| x & 0x80 == 0).unwrap() + 1
}

/// The fields of a spic proof, read independently of the library.
fn spic_proof_fields(b: &[u8]) -> Vec<Field> {
    let mut f = vec![];
    let mut at = 0;
    let leb = |f: &mut Vec<Field>, at: &mut usize, name| {
        let n = leb_len(b, *at);
        f.push((name, *at, n));
        let mut v = 0u64;
        for (i, x) in b[*at..*at + n].iter().enumerate() {
            v |= u64::from(x & 0x7f) << (7 * i);
        }
        *at += n;
        v
    };
    leb(&mut f, &mut at, "leaf key index");
    f.push(("leaf signature", at, 64));
    at += 64;
    leb(&mut f, &mut at, "tree size");
    leb(&mut f, &mut at, "leaf index");
    let nodes = leb(&mut f, &mut at, "inclusion path") as usize;
    f.push(("inclusion path", at, 32 * nodes));
    at += 32 * nodes;
    leb(&mut f, &mut at, "log key index");
    f.push(("log signature", at, 64));
    at += 64;
    let count = leb(&mut f, &mut at, "cosignatures");
    for _ in 0..count {
        leb(&mut f, &mut at, "cosignature timestamp");
        leb(&mut f, &mut at, "witness index");
        f.push(("cosignature", at, 64));
        at += 64;
    }
    assert_eq!(at, b.len());
    f
}

/// The fields of the TKey proof vector (fixed layout).
fn tkey_proof_fields(cosigs: usize, nodes: usize) -> Vec<Field> {
    let mut f = vec![
        ("log key hash", 0, 32),
        ("submitter key hash", 32, 32),
        ("leaf signature", 64, 64),
        ("tree size", 128, 8),
        ("root hash", 136, 32),
        ("log signature", 168, 64),
        ("leaf index", 232, 8),
        ("cosignature count", 240, 1),
        ("path length", 241, 1),
        ("cosignatures", 242, 104 * cosigs),
    ];
    f.push(("inclusion path", 242 + 104 * cosigs, 32 * nodes));
    f
}

/// Every strict prefix fails with `Truncated` in the field that holds the
/// first missing byte, at that field's start.
fn check_truncations(
    bytes: &[u8],
    fields: &[Field],
    run: impl Fn(&[u8]) -> Outcome,
    err: fn(usize, BinaryErrorKind) -> Outcome,
) {
    for len in 0..bytes.len() {
        let (name, start, _) = *fields
            .iter()
            .find(|(_, s, n)| len >= *s && len < s + n)
            .unwrap();
        assert_eq!(
            run(&bytes[..len]),
            err(start, truncated(name)),
            "prefix {len}"
        );
    }
}

#[test]
fn spic_proof_twins() {
    let policy = read("spic/serviceberry.policy.bin");
    let proof = read("spic/serviceberry.proof.bin");
    assert!(spic(&policy, &proof).is_ok());
    let fields = spic_proof_fields(&proof);
    check_truncations(&proof, &fields, |p| spic(&policy, p), proof_err);
    // Extended by one byte.
    let mut longer = proof.clone();
    longer.push(0);
    assert_eq!(
        spic(&policy, &longer),
        proof_err(proof.len(), BinaryErrorKind::TrailingBytes)
    );

    // Each field with its first byte's low bit flipped.
    let flip = |at: usize| {
        let mut p = proof.clone();
        p[at] ^= 1;
        spic(&policy, &p)
    };
    let bad_cosig =
        |position, witness| Err(BinaryVerifyError::BadCosignature { position, witness });
    let expected: Vec<Outcome> = vec![
        Err(BinaryVerifyError::LeafKeyIndex { index: 1, keys: 1 }),
        Err(BinaryVerifyError::BadLeafSignature),
        // size 381383: the path needs another length.
        Err(BinaryVerifyError::Inclusion(MerkleError::PathTooShort {
            expected: 11,
            got: 10,
        })),
        // leaf 381380: another leaf position, the root differs.
        Err(BinaryVerifyError::BadLogSignature),
        // 11 nodes: the old log key index and signature are read as the
        // 11th node, the rest shifts: garbage until a witness index of 64
        // or more.
        proof_err(
            491,
            BinaryErrorKind::ValueTooLarge {
                field: "witness index",
                max: 63,
            },
        ),
        Err(BinaryVerifyError::BadLogSignature),
        // The proof's log is log 1 (serviceberry); log 0 did not sign.
        Err(BinaryVerifyError::BadLogSignature),
        Err(BinaryVerifyError::BadLogSignature),
        // 5 cosignatures: the proof ends before the fifth.
        proof_err(proof.len(), truncated("cosignature timestamp")),
        // The cosigning witnesses are 5, 4, 3, 7 (by timestamp, then key
        // hash). A timestamp or signature flipped: that cosignature fails.
        bad_cosig(0, 5),
        // 5 -> 4: witness 4 cosigns twice (found at the second).
        proof_err(528, BinaryErrorKind::DuplicateWitness { index: 4 }),
        bad_cosig(0, 5),
        bad_cosig(1, 4),
        proof_err(528, BinaryErrorKind::DuplicateWitness { index: 5 }),
        bad_cosig(1, 4),
        bad_cosig(2, 3),
        // 3 -> 2: two of the 2-of-3 group's members are gone, one is
        // claimed: the group fails, and with it the 4 of 6.
        Err(BinaryVerifyError::QuorumNotMet {
            verified: 4,
            failed: 0,
            total_known: 4,
        }),
        bad_cosig(2, 3),
        bad_cosig(3, 7),
        // 7 -> 6: still a quorum, but witness 6 did not sign this.
        bad_cosig(3, 6),
        bad_cosig(3, 7),
    ];
    let got: Vec<Outcome> = fields.iter().map(|(_, at, _)| flip(*at)).collect();
    let wrong: Vec<String> = got
        .iter()
        .zip(&expected)
        .enumerate()
        .filter(|(_, (g, e))| g != e)
        .map(|(i, (g, e))| format!("field {i} {:?}: got {g:?}, expected {e:?}", fields[i]))
        .collect();
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert_eq!(got.len(), expected.len());
}

/// `proof` with the bytes of `field` replaced by `with`.
fn splice(bytes: &[u8], field: Field, with: &[u8]) -> Vec<u8> {
    let (_, at, n) = field;
    let mut out = bytes[..at].to_vec();
    out.extend_from_slice(with);
    out.extend_from_slice(&bytes[at + n..]);
    out
}

fn leb(mut v: u64) -> Vec<u8> {
    let mut out = vec![];
    loop {
        let b = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(b);
            return out;
        }
        out.push(b | 0x80);
    }
}

#[test]
fn spic_proof_limits() {
    let policy = read("spic/serviceberry.policy.bin");
    let proof = read("spic/serviceberry.proof.bin");
    let f = spic_proof_fields(&proof);
    let find = |name: &str, nth: usize| *f.iter().filter(|x| x.0 == name).nth(nth).unwrap();
    let with = |name, nth, bytes: &[u8]| spic(&policy, &splice(&proof, find(name, nth), bytes));
    let too_large = |field, max| BinaryErrorKind::ValueTooLarge { field, max };
    // Non-minimal LEB128 (spic's decoder takes it): rejected.
    assert_eq!(
        with("leaf key index", 0, &[0x80, 0x00]),
        proof_err(
            0,
            BinaryErrorKind::NonMinimalLeb128 {
                field: "leaf key index"
            }
        )
    );
    // More than 64 bits.
    assert_eq!(
        with("tree size", 0, &[0xff; 10]),
        proof_err(65, BinaryErrorKind::Leb128Overflow { field: "tree size" })
    );
    assert_eq!(
        with(
            "tree size",
            0,
            &[0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02]
        ),
        proof_err(65, BinaryErrorKind::Leb128Overflow { field: "tree size" })
    );
    // Key indexes: above 2^32 - 1 (spic's uint32 fields), out of range.
    assert_eq!(
        with("leaf key index", 0, &leb(1 << 32)),
        proof_err(0, too_large("leaf key index", u32::MAX as u64))
    );
    assert_eq!(
        with("leaf key index", 0, &leb(u32::MAX as u64)),
        Err(BinaryVerifyError::LeafKeyIndex {
            index: u32::MAX,
            keys: 1
        })
    );
    assert_eq!(
        with("log key index", 0, &leb(2)),
        Err(BinaryVerifyError::LogKeyIndex { index: 2, logs: 2 })
    );
    assert_eq!(
        with("witness index", 0, &leb(8)),
        Err(BinaryVerifyError::WitnessIndex {
            index: 8,
            witnesses: 8
        })
    );
    assert_eq!(
        with("witness index", 0, &leb(64)),
        proof_err(463, too_large("witness index", 63))
    );
    // Tree size 2^63 (spic writes 0 into the signed text): rejected when
    // parsed. 2^63 - 1 parses (and fails the path).
    assert_eq!(
        with("tree size", 0, &leb(1 << 63)),
        proof_err(65, BinaryErrorKind::TreeSizeTooLarge)
    );
    assert_eq!(
        with("tree size", 0, &leb((1 << 63) - 1)),
        Err(BinaryVerifyError::Inclusion(MerkleError::PathTooShort {
            expected: 63,
            got: 10
        }))
    );
    // Leaf index = size.
    assert_eq!(
        with("leaf index", 0, &leb(381382)),
        Err(BinaryVerifyError::Inclusion(MerkleError::IndexOutOfRange))
    );
    // Timestamps: the first reaching 2^63, a later delta overflowing.
    assert_eq!(
        with("cosignature timestamp", 0, &leb(1 << 63)),
        proof_err(458, BinaryErrorKind::TimestampTooLarge)
    );
    assert_eq!(
        with("cosignature timestamp", 1, &leb(u64::MAX)),
        proof_err(528, BinaryErrorKind::TimestampTooLarge)
    );
    // Counts off by one (down): the last element becomes trailing bytes.
    assert_eq!(
        with("cosignatures", 0, &leb(3)),
        proof_err(660, BinaryErrorKind::TrailingBytes)
    );
    // 9 nodes: node 10 is read as the log key index, signature and
    // cosignature count (a byte of the old log signature).
    assert_eq!(
        with("inclusion path", 0, &leb(9)),
        proof_err(428, BinaryErrorKind::TooManyCosignatures { max: 64 })
    );
    // Counts at the limits are not refused for their size (the bytes then
    // run out).
    assert_eq!(
        with("inclusion path", 0, &leb(63)),
        proof_err(
            72,
            BinaryErrorKind::Truncated {
                field: "inclusion path"
            }
        )
    );
    assert_eq!(
        with("cosignatures", 0, &leb(64)),
        proof_err(
            726,
            BinaryErrorKind::Truncated {
                field: "cosignature timestamp"
            }
        )
    );
    // Counts above the limits.
    assert_eq!(
        with("inclusion path", 0, &leb(64)),
        proof_err(71, BinaryErrorKind::PathTooLong { max: 63 })
    );
    assert_eq!(
        with("cosignatures", 0, &leb(65)),
        proof_err(457, BinaryErrorKind::TooManyCosignatures { max: 64 })
    );
    // An invalid cosignature is fatal even when the others meet the
    // quorum: add witness 6's (garbage) cosignature to the 4 valid ones.
    let mut extra = splice(&proof, find("cosignatures", 0), &leb(5));
    extra.extend_from_slice(&[0x00, 0x06]);
    extra.extend_from_slice(&[0u8; 64]);
    assert_eq!(
        spic(&policy, &extra),
        Err(BinaryVerifyError::BadCosignature {
            position: 4,
            witness: 6
        })
    );
}

#[test]
fn spic_policy_twins() {
    let policy = read("spic/serviceberry.policy.bin");
    let proof = read("spic/serviceberry.proof.bin");
    let fields: Vec<Field> = vec![
        ("log keys", 0, 1),
        ("log keys", 1, 64),
        ("witness keys", 65, 1),
        ("witness keys", 66, 256),
        ("quorum", 322, 1),
        ("quorum", 323, 5),
    ];
    check_truncations(&policy, &fields, |p| spic(p, &proof), policy_err);
    let mut longer = policy.clone();
    longer.push(0);
    assert_eq!(
        spic(&longer, &proof),
        policy_err(328, BinaryErrorKind::TrailingBytes)
    );
    let flip = |at: usize| {
        let mut p = policy.clone();
        p[at] ^= 1;
        spic(&p, &proof)
    };
    let ok = |o: &Outcome| o.is_ok();
    // Counts: 3 logs (the witness count is then read from a key byte).
    assert_eq!(
        flip(0),
        policy_err(97, BinaryErrorKind::TooManyWitnesses { max: 64 })
    );
    // Log 0 (barreleye) is not the proof's log; log 1 is.
    assert!(ok(&flip(1)));
    assert_eq!(flip(33), Err(BinaryVerifyError::BadLogSignature));
    // 9 witnesses.
    assert_eq!(flip(65), policy_err(66, truncated("witness keys")));
    // Witness keys: those of the proof's cosignatures (3, 4, 5, 7) fail.
    for w in 0..8u8 {
        let got = flip(66 + 32 * usize::from(w));
        match w {
            3 | 4 | 5 | 7 => assert!(
                matches!(got, Err(BinaryVerifyError::BadCosignature { witness, .. }) if witness == w),
                "witness {w}: {got:?}"
            ),
            _ => assert!(ok(&got), "witness {w}: {got:?}"),
        }
    }
    // The quorum: 0a 03 | 13 01 05.
    assert_eq!(flip(322), policy_err(327, BinaryErrorKind::TrailingBytes));
    assert_eq!(flip(323), policy_err(323, BinaryErrorKind::StackUnderflow));
    assert_eq!(
        flip(324),
        policy_err(
            328,
            BinaryErrorKind::WitnessCount {
                consumed: 7,
                listed: 8
            }
        )
    );
    // 0x13 -> 0x12: no child group, one witness, threshold 4.
    assert_eq!(
        flip(325),
        policy_err(
            325,
            BinaryErrorKind::ThresholdTooLarge {
                threshold: 4,
                members: 1
            }
        )
    );
    assert_eq!(
        flip(326),
        policy_err(325, BinaryErrorKind::NonCanonicalElement)
    );
    assert_eq!(
        flip(327),
        policy_err(
            328,
            BinaryErrorKind::WitnessCount {
                consumed: 7,
                listed: 8
            }
        )
    );
}

/// A spic policy from parts: `logs` keys, `witnesses` keys, the quorum.
fn spic_policy(logs: &[[u8; 32]], witnesses: &[[u8; 32]], quorum: &[u8]) -> Vec<u8> {
    let mut out = leb(logs.len() as u64);
    logs.iter().for_each(|k| out.extend_from_slice(k));
    out.extend(leb(witnesses.len() as u64));
    witnesses.iter().for_each(|k| out.extend_from_slice(k));
    out.extend(leb(quorum.len() as u64));
    out.extend_from_slice(quorum);
    out
}

#[test]
fn spic_policy_limits() {
    let load = |b: &[u8]| {
        SpicPolicy::from_bytes(b)
            .map(|_| ())
            .map_err(|e| (e.offset, e.kind))
    };
    let keys: Vec<[u8; 32]> = (0..70u8).map(|i| [i; 32]).collect();
    let k = |n: usize| &keys[..n];
    // quorum none, one witness, a group of all 64 witnesses: fine.
    assert_eq!(load(&spic_policy(k(1), &[], &[0x00])), Ok(()));
    assert_eq!(load(&spic_policy(k(1), k(1), &[0x06, 0x01])), Ok(()));
    assert_eq!(load(&spic_policy(k(1), k(64), &[0x82, 0x02, 0x40])), Ok(()));
    // 65 witnesses (spic's 64-bit word).
    let p = spic_policy(k(1), k(65), &[0x86, 0x02, 0x41]);
    assert_eq!(
        load(&p),
        Err((33, BinaryErrorKind::TooManyWitnesses { max: 64 }))
    );
    // No log; a key twice.
    assert_eq!(
        load(&spic_policy(&[], &[], &[0x00])),
        Err((0, BinaryErrorKind::NoLogs))
    );
    let twice = [keys[0], keys[1], keys[0]];
    assert_eq!(
        load(&spic_policy(&twice, &[], &[0x00])),
        Err((0, BinaryErrorKind::DuplicateLogKey { index: 2 }))
    );
    assert_eq!(
        load(&spic_policy(k(1), &twice, &[0x0e, 0x03])),
        Err((33, BinaryErrorKind::DuplicateWitnessKey { index: 2 }))
    );
    // Programs: empty, unbalanced, too deep, thresholds.
    let base = spic_policy(k(1), &[], &[]).len();
    let q = |quorum: &[u8], nw: usize| load(&spic_policy(k(1), k(nw), quorum));
    let qat = |nw: usize| base + 32 * nw;
    assert_eq!(q(&[], 0), Err((qat(0), BinaryErrorKind::EmptyQuorum)));
    assert_eq!(
        q(&[0x00, 0x00], 0),
        Err((qat(0) + 2, BinaryErrorKind::FinalDepth { depth: 2 }))
    );
    let deep = vec![0x00; 189];
    // The length prefix of 189 is two bytes.
    assert_eq!(
        q(&deep, 0),
        Err((
            qat(0) + 1 + 188,
            BinaryErrorKind::StackOverflow { max: 188 }
        ))
    );
    let mut fold = vec![0x00; 188];
    fold.extend_from_slice(&[0x05, 0x81, 0x01 /* pop 129 */, 0x05, 0x3c]);
    assert_eq!(q(&fold, 0), Ok(()));
    assert_eq!(
        q(&[0x0a, 0x01], 1),
        Err((
            qat(1),
            BinaryErrorKind::ThresholdTooLarge {
                threshold: 2,
                members: 1
            }
        ))
    );
    assert_eq!(
        q(&[0x02, 0x01], 1),
        Err((qat(1), BinaryErrorKind::ZeroThreshold))
    );
    assert_eq!(
        q(&[0x05, 0x01], 0),
        Err((qat(0), BinaryErrorKind::StackUnderflow))
    );
    assert_eq!(
        q(&[0x06, 0x01], 2),
        Err((
            qat(2) + 2,
            BinaryErrorKind::WitnessCount {
                consumed: 1,
                listed: 2
            }
        ))
    );
    assert_eq!(
        q(&[0x06, 0x02], 1),
        Err((
            qat(1) + 2,
            BinaryErrorKind::WitnessCount {
                consumed: 2,
                listed: 1
            }
        ))
    );
    // Non-minimal counts and flags.
    assert_eq!(
        load(&[0x81, 0x00]),
        Err((0, BinaryErrorKind::NonMinimalLeb128 { field: "log keys" }))
    );
    assert_eq!(
        q(&[0x86, 0x00, 0x01], 1),
        Err((
            qat(1),
            BinaryErrorKind::NonMinimalLeb128 {
                field: "quorum element"
            }
        ))
    );
}

#[test]
fn tkey_proof_twins() {
    let policy = read("tkey/serviceberry.policy.bin");
    let proof = read("tkey/serviceberry.proof.bin");
    assert!(tkey(&policy, &proof).is_ok());
    let fields = tkey_proof_fields(8, 10);
    check_truncations(&proof, &fields, |p| tkey(&policy, p), proof_err);
    let mut longer = proof.clone();
    longer.push(0);
    assert_eq!(
        tkey(&policy, &longer),
        proof_err(proof.len(), BinaryErrorKind::TrailingBytes)
    );
    let flip = |at: usize| {
        let mut p = proof.clone();
        p[at] ^= 1;
        tkey(&policy, &p)
    };
    let incl = |e| Err(BinaryVerifyError::Inclusion(e));
    assert_eq!(flip(0), Err(BinaryVerifyError::UnknownLog));
    assert_eq!(flip(32), Err(BinaryVerifyError::UnknownSignerKey));
    // The leaf signature is part of the leaf: its hash, and so the
    // path's root, changes (checked before the signature).
    assert_eq!(flip(64), incl(MerkleError::RootMismatch));
    assert_eq!(
        flip(128),
        incl(MerkleError::PathTooShort {
            expected: 11,
            got: 10
        })
    );
    assert_eq!(flip(136), incl(MerkleError::RootMismatch));
    assert_eq!(flip(168), Err(BinaryVerifyError::BadLogSignature));
    assert_eq!(flip(232), incl(MerkleError::RootMismatch));
    // 9 cosignatures: the first path node and more read as the ninth.
    assert_eq!(
        flip(240),
        proof_err(242 + 8 * 104, BinaryErrorKind::TimestampTooLarge)
    );
    assert_eq!(flip(241), proof_err(1074, truncated("inclusion path")));
    for node in 0..10 {
        assert_eq!(
            flip(1074 + 32 * node),
            incl(MerkleError::RootMismatch),
            "node {node}"
        );
    }
    // Cosignatures: a flipped field makes that one invalid or unknown;
    // invalid cosignatures do not count, the quorum (4 of 8) still holds.
    for c in 0..8 {
        for (what, at) in [("timestamp", 0), ("key hash", 8), ("signature", 40)] {
            let got = flip(242 + 104 * c + at).unwrap_or_else(|e| panic!("{c} {what}: {e}"));
            assert_eq!(got.cosignatures_verified, 4, "{c} {what}");
        }
    }
}

#[test]
fn tkey_proof_limits() {
    let policy = read("tkey/serviceberry.policy.bin");
    let proof = read("tkey/serviceberry.proof.bin");
    let set = |at: usize, bytes: &[u8]| {
        let mut p = proof.clone();
        p[at..at + bytes.len()].copy_from_slice(bytes);
        tkey(&policy, &p)
    };
    assert_eq!(
        set(240, &[17]),
        proof_err(240, BinaryErrorKind::TooManyCosignatures { max: 16 })
    );
    assert_eq!(
        set(241, &[64]),
        proof_err(241, BinaryErrorKind::PathTooLong { max: 63 })
    );
    assert_eq!(
        set(128, &(1u64 << 63).to_le_bytes()),
        proof_err(128, BinaryErrorKind::TreeSizeTooLarge)
    );
    assert_eq!(
        set(242, &(1u64 << 63).to_le_bytes()),
        proof_err(242, BinaryErrorKind::TimestampTooLarge)
    );
    // Leaf index = size.
    assert_eq!(
        set(232, &381382u64.to_le_bytes()),
        Err(BinaryVerifyError::Inclusion(MerkleError::IndexOutOfRange))
    );
    // The second cosignature with the first one's key hash.
    let first: Vec<u8> = proof[250..282].to_vec();
    assert_eq!(
        set(242 + 104 + 8, &first),
        proof_err(
            242 + 104 + 8,
            BinaryErrorKind::DuplicateCosignature { position: 1 }
        )
    );
    // Counts off by one, down: 7 cosignatures (the 8th is read as path,
    // the path runs into nothing... then trailing bytes).
    assert_eq!(
        set(240, &[7]),
        proof_err(proof.len() - 104, BinaryErrorKind::TrailingBytes)
    );
    assert_eq!(
        set(241, &[9]),
        proof_err(proof.len() - 32, BinaryErrorKind::TrailingBytes)
    );
    // The largest proof: 16 cosignatures, 63 nodes = 3922 bytes.
    assert_eq!(sigsum_core::MAX_TKEY_PROOF_LEN, 3922);
}

#[test]
fn tkey_policy_twins() {
    let policy = read("tkey/serviceberry.policy.bin");
    let proof = read("tkey/serviceberry.proof.bin");
    assert_eq!(policy.len(), 374);
    let compiled_len = policy.len() - 33;
    for len in 0..policy.len() {
        let expected = match len {
            0 => policy_err(0, truncated("submitter key count")),
            1..=32 => policy_err(1, truncated("submitter keys")),
            33..=36 => policy_err(33, BinaryErrorKind::CompiledPolicy(CompiledError::TooShort)),
            _ => policy_err(
                33,
                BinaryErrorKind::CompiledPolicy(CompiledError::Truncated {
                    expected: compiled_len,
                }),
            ),
        };
        assert_eq!(tkey(&policy[..len], &proof), expected, "prefix {len}");
    }
    let mut longer = policy.clone();
    longer.push(0);
    assert_eq!(
        tkey(&longer, &proof),
        policy_err(
            33,
            BinaryErrorKind::CompiledPolicy(CompiledError::TrailingData {
                expected: compiled_len
            })
        )
    );
    let flip = |at: usize| {
        let mut p = policy.clone();
        p[at] ^= 1;
        tkey(&p, &proof)
    };
    // 1 -> 0 keys.
    assert_eq!(flip(0), policy_err(0, BinaryErrorKind::NoSubmitterKeys));
    assert_eq!(flip(1), Err(BinaryVerifyError::UnknownSignerKey));
    assert_eq!(
        flip(33),
        policy_err(
            33,
            BinaryErrorKind::CompiledPolicy(CompiledError::UnsupportedVersion(1))
        )
    );
    // Two keys: out of order, twice.
    let other = PublicKey([9; 32]);
    let (lo, hi) = if other.key_hash() < signer().key_hash() {
        (other, signer())
    } else {
        (signer(), other)
    };
    let with_keys = |keys: &[PublicKey]| {
        let mut p = vec![keys.len() as u8];
        keys.iter().for_each(|k| p.extend_from_slice(&k.0));
        p.extend_from_slice(&policy[33..]);
        p
    };
    assert!(tkey(&with_keys(&[lo, hi]), &proof).is_ok());
    assert_eq!(
        tkey(&with_keys(&[hi, lo]), &proof),
        policy_err(33, BinaryErrorKind::SubmitterOrder { index: 1 })
    );
    assert_eq!(
        tkey(&with_keys(&[lo, lo]), &proof),
        policy_err(33, BinaryErrorKind::DuplicateSubmitter { index: 1 })
    );
    // Longer than the app's 10000 bytes.
    let big = vec![0u8; 10001];
    assert_eq!(
        TkeyPolicy::from_bytes(&big).map(|_| ()),
        Err(BinaryError {
            offset: 10000,
            kind: BinaryErrorKind::PolicyTooLarge
        })
    );
}

/// TKey proofs at the limits: a tree size and a timestamp of 2^63 - 1, 16
/// cosignatures and 63 path nodes are not refused for their values (the
/// shortened vector then runs out of bytes, at the exact field); the
/// counts of the vector itself.
#[test]
fn tkey_proof_at_the_limits() {
    use sigsum_core::TkeyProof;
    let proof = read("tkey/serviceberry.proof.bin");
    let parsed = TkeyProof::parse(&proof).unwrap();
    assert_eq!((parsed.path_len(), parsed.cosignature_count()), (10, 8));
    assert_eq!(parsed.path().count(), 10);
    assert_eq!(parsed.cosignatures().count(), 8);
    let set = |at: usize, bytes: &[u8]| {
        let mut p = proof.clone();
        p[at..at + bytes.len()].copy_from_slice(bytes);
        TkeyProof::parse(&p).map(|p| (p.path_len(), p.cosignature_count()))
    };
    let max = (1u64 << 63) - 1;
    assert_eq!(set(128, &max.to_le_bytes()), Ok((10, 8)));
    assert_eq!(set(242, &max.to_le_bytes()), Ok((10, 8)));
    assert_eq!(
        set(240, &[16]),
        Err(BinaryError {
            offset: 242,
            kind: truncated("cosignatures")
        })
    );
    assert_eq!(
        set(241, &[63]),
        Err(BinaryError {
            offset: 1074,
            kind: truncated("inclusion path")
        })
    );
}

/// A spic policy is a Sigsum TrustPolicy too: it answers exactly as the
/// compiled builtin it was made from (every witness subset, with and
/// without available witnesses), and a real ASCII proof verifies under it.
#[test]
fn spic_policy_as_a_trust_policy() {
    use sigsum_core::{Builtin, TrustPolicy, WitnessSet};
    let bytes = read("spic/serviceberry.policy.bin");
    let spic = SpicPolicy::from_bytes(&bytes).unwrap();
    let compiled = Builtin::SigsumTest2025_3.compiled().unwrap();
    let keys: Vec<PublicKey> = compiled.witness_keys().collect();
    assert_eq!(keys.len(), 8);
    // Compiled index i is spic index map[i].
    let map: Vec<u8> = keys
        .iter()
        .map(|k| TrustPolicy::witness(&spic, &k.key_hash()).unwrap().0)
        .collect();
    for (i, k) in keys.iter().enumerate() {
        assert_eq!(compiled.witness(&k.key_hash()).unwrap().0 as usize, i);
        assert_eq!(TrustPolicy::witness(&spic, &k.key_hash()).unwrap().1, *k);
    }
    let sets = |bits: u32| {
        let (mut c, mut s) = (WitnessSet::EMPTY, WitnessSet::EMPTY);
        for (i, &m) in map.iter().enumerate() {
            if bits >> i & 1 == 1 {
                c.insert(i as u8);
                s.insert(m);
            }
        }
        (c, s)
    };
    for bits in 0..256u32 {
        let (c, s) = sets(bits);
        assert_eq!(
            TrustPolicy::is_satisfied(&spic, &s),
            compiled.is_satisfied(&c),
            "{bits:08b}"
        );
        for avail in [0u32, 0x0f, 0xf0, 0xff, 0x55] {
            let (ca, sa) = sets(avail);
            assert_eq!(
                TrustPolicy::missing(&spic, &s, &sa),
                compiled.missing(&c, &ca),
                "{bits:08b} {avail:08b}"
            );
        }
    }
    for k in compiled.log_keys() {
        assert_eq!(TrustPolicy::log_key(&spic, &k.key_hash()), Some(k));
    }
    assert_eq!(TrustPolicy::log_key(&spic, &Hash([7; 32])), None);
    #[cfg(feature = "parsers")]
    real_proof_verifies_under(&spic);
}

/// The real ASCII proof verifies under `policy` (feature `parsers`).
#[cfg(feature = "parsers")]
fn real_proof_verifies_under<P: sigsum_core::TrustPolicy>(policy: &P) {
    use sigsum_core::{verify, KeyFile, Proof};
    let dir = vectors().join("real");
    let r = |n: &str| std::fs::read(dir.join(n)).unwrap();
    let signers: Vec<PublicKey> = KeyFile::parse(&r("serviceberry-signer.pub"))
        .unwrap()
        .keys()
        .map(|l| l.key.key)
        .collect();
    let text = r("serviceberry-v2.proof");
    let proof = Proof::parse(&text).unwrap();
    let v = verify(
        &sha256(&r("serviceberry.message")),
        &signers,
        policy,
        &proof,
        &DefaultBackend,
    );
    assert_eq!(v.unwrap().tree_size, 381382);
}

/// A TKey policy blob of exactly the largest size is not refused for its
/// size (it fails later, at its own bytes); one byte more is.
#[test]
fn tkey_policy_size_limit() {
    use sigsum_core::MAX_TKEY_POLICY_LEN;
    let mut blob = read("tkey/serviceberry.policy.bin");
    blob.resize(MAX_TKEY_POLICY_LEN, 0);
    assert_eq!(
        TkeyPolicy::from_bytes(&blob).map(|_| ()),
        Err(BinaryError {
            offset: 33,
            kind: BinaryErrorKind::CompiledPolicy(CompiledError::TrailingData { expected: 341 })
        })
    );
    blob.push(0);
    assert_eq!(
        TkeyPolicy::from_bytes(&blob).map(|_| ()),
        Err(BinaryError {
            offset: MAX_TKEY_POLICY_LEN,
            kind: BinaryErrorKind::PolicyTooLarge
        })
    );
}
