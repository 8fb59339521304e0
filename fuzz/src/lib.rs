//! Entry points of the fuzz targets, one function per target.
//!
//! Each function takes the raw fuzzer input, runs the sigsum-core parser or
//! verifier on it and checks invariants against an independent naive
//! reference (it panics on any violation, which is what the fuzzer reports
//! as a crash). The same functions replay the committed seeds and crash
//! regressions in the ordinary test `sigsum-core/tests/fuzz_regressions.rs`
//! (which includes this file with `#[path]`), so keep this file free of
//! dependencies other than `sigsum_core`, `sha2` and `std`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use sigsum_core::*;
use testkit::merkle as naive;

// sigsum-core's private decoders and line reader, compiled here from their
// source so that the `encoding` and `lines` targets test them directly
// (they are not part of the public API).
#[allow(dead_code)]
#[path = "../../sigsum-core/src/encoding.rs"]
mod encoding;
#[allow(dead_code)]
#[path = "../../sigsum-core/src/hexscan.rs"]
mod hexscan;
#[allow(dead_code)]
#[path = "../../sigsum-core/src/lines.rs"]
mod lines;
use encoding::{
    decode_base64, decode_base64_array, decode_hex_array, encode_base64, parse_decimal,
    EncodingError as DecodeError,
};
use lines::{split_fields, split_key_value, LineMode, Lines};

/// A fuzz entry point: takes the raw fuzzer input.
pub type Entry = fn(&[u8]);

/// Every fuzz target: its name (= `fuzz/fuzz_targets/<name>.rs`, seeds in
/// `fuzz/seeds/<name>/`, regressions in `fuzz/regressions/<name>/`) and its
/// entry point.
pub const TARGETS: &[(&str, Entry)] = &[
    ("encoding", encoding),
    ("lines", lines),
    ("leaf", leaf),
    ("tree_head", tree_head),
    ("sth_parse", sth_parse),
    ("proof_parse", proof_parse),
    ("proof_verify", proof_verify),
    ("policy_text", policy_text),
    ("policy_compiled", policy_compiled),
    ("merkle_inclusion", merkle_inclusion),
    ("merkle_consistency", merkle_consistency),
    ("note_parse", note_parse),
    ("checkpoint", checkpoint),
    ("keys", keys),
    ("policy_differential", policy_differential),
    ("tlog_policy", tlog_policy),
    ("tlog_checkpoint", tlog_checkpoint),
    ("tlog_proof", tlog_proof),
    ("spic", spic),
    ("tkey", tkey),
];

/// Targets whose entry points live elsewhere: `ffi` (fuzz/src/ffi.rs, the
/// C API; replayed by `sigsum-ffi/tests/fuzz_regressions.rs`).
pub const OTHER_TARGETS: &[&str] = &["ffi"];

/// Split off a fixed-size prefix, padding short input with zeros.
fn take<const N: usize>(data: &mut &[u8]) -> [u8; N] {
    let mut out = [0u8; N];
    let n = data.len().min(N);
    out[..n].copy_from_slice(&data[..n]);
    *data = &data[n..];
    out
}

fn lower_hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Naive reference for sigsum-go's `IntFromDecimal`.
fn naive_decimal(s: &[u8]) -> Result<u64, DecodeError> {
    if s.is_empty() {
        return Err(DecodeError::DecimalEmpty);
    }
    if !s.iter().all(u8::is_ascii_digit) {
        return Err(DecodeError::DecimalSyntax);
    }
    if s.len() > 1 && s[0] == b'0' {
        return Err(DecodeError::DecimalLeadingZero);
    }
    if s.len() > 19 {
        return Err(DecodeError::DecimalRange);
    }
    let v: u64 = std::str::from_utf8(s).unwrap().parse().unwrap();
    if v > MAX_DECIMAL {
        return Err(DecodeError::DecimalRange);
    }
    Ok(v)
}

/// Decimal, hex and base64 decoders: differential against naive references
/// and canonical round trips (every accepted encoding is the one we emit).
pub fn encoding(data: &[u8]) {
    let Some((&sel, s)) = data.split_first() else {
        return;
    };
    match sel % 4 {
        0 => {
            let got = parse_decimal(s);
            assert_eq!(got, naive_decimal(s), "decimal {s:?}");
            if let Ok(v) = got {
                assert_eq!(v.to_string().as_bytes(), s);
            }
        }
        1 => match decode_hex_array::<32>(s) {
            Ok(v) => assert_eq!(lower_hex(&v).as_bytes(), s.to_ascii_lowercase()),
            Err(DecodeError::HexLength) => assert_ne!(s.len(), 64),
            Err(DecodeError::HexSyntax) => {
                assert_eq!(s.len(), 64);
                assert!(!s.iter().all(u8::is_ascii_hexdigit));
            }
            Err(e) => panic!("unexpected hex error {e:?}"),
        },
        2 => {
            let mut out = [0u8; 64];
            if let Ok(v) = decode_base64(s, &mut out) {
                let mut enc = [0u8; 128];
                let re = encode_base64(v, &mut enc).expect("re-encode");
                assert_eq!(re, s, "non-canonical base64 accepted");
            }
        }
        _ => match decode_base64_array::<32>(s) {
            Ok(v) => {
                let mut enc = [0u8; 44];
                assert_eq!(encode_base64(&v, &mut enc).expect("re-encode"), s);
            }
            Err(DecodeError::Base64Length | DecodeError::Base64Syntax) => {}
            Err(e) => panic!("unexpected base64 error {e:?}"),
        },
    }
}

/// The line reader in both modes: lines tile the input exactly, numbers
/// and offsets are consistent, and the key/value and field splitters
/// reassemble their input.
pub fn lines(data: &[u8]) {
    let Some((&sel, input)) = data.split_first() else {
        return;
    };
    let mode = if sel & 1 == 0 {
        LineMode::Strict
    } else {
        LineMode::Lenient
    };
    let mut pos = 0usize;
    let mut expect_number = 0u32;
    let mut it = Lines::new(input, mode);
    while let Some(item) = it.next() {
        expect_number += 1;
        match item {
            Ok(line) => {
                assert_eq!(line.number, expect_number);
                assert_eq!(line.offset, pos);
                let end = pos + line.text.len();
                assert_eq!(&input[pos..end], line.text);
                let mut next = end;
                if mode == LineMode::Lenient && input.get(next) == Some(&b'\r') {
                    next += 1;
                }
                match input.get(next) {
                    Some(b'\n') => next += 1,
                    None => assert_eq!(mode, LineMode::Lenient),
                    Some(_) => panic!("line not ended by newline"),
                }
                assert!(!line.text.contains(&b'\n'));
                pos = next;
                if let Some((k, v)) = split_key_value(line.text) {
                    assert!(!k.contains(&b'='));
                    assert_eq!([k, b"=", v].concat(), line.text);
                } else {
                    assert!(!line.text.contains(&b'='));
                }
                if let Some(f) = split_fields::<3>(line.text) {
                    assert_eq!(f.join(&b' '), line.text);
                } else {
                    assert_ne!(line.text.iter().filter(|&&b| b == b' ').count(), 2);
                }
            }
            Err(e) => {
                assert_eq!(mode, LineMode::Strict);
                assert_eq!(e.line, expect_number);
                assert!(!input[pos..].contains(&b'\n'));
                assert!(it.next().is_none(), "item after MissingNewline");
                return;
            }
        }
    }
    assert_eq!(pos, input.len(), "lines do not cover the input");
}

/// The 128-byte leaf: length check, round trip, and its hash against a
/// direct SHA-256 of `0x00 || leaf`.
pub fn leaf(data: &[u8]) {
    use sha2::{Digest, Sha256};
    match Leaf::from_bytes(data) {
        Ok(l) => {
            assert_eq!(data.len(), LEAF_SIZE);
            assert_eq!(l.to_bytes().as_slice(), data);
            let want: [u8; 32] = Sha256::new()
                .chain_update([0u8])
                .chain_update(data)
                .finalize()
                .into();
            assert_eq!(l.hash().0, want);
        }
        Err(_) => assert_ne!(data.len(), LEAF_SIZE),
    }
}

/// Tree head body and cosignature message construction from arbitrary
/// values, checked by reading them back; and cosignature verification with
/// arbitrary keys and signatures (must never accept garbage).
pub fn tree_head(data: &[u8]) {
    let mut d = data;
    let size = u64::from_le_bytes(take::<8>(&mut d));
    let timestamp = u64::from_le_bytes(take::<8>(&mut d));
    let root_hash = Hash(take::<32>(&mut d));
    let key = PublicKey(take::<32>(&mut d));
    let sig = Signature(take::<64>(&mut d));
    let th = TreeHead { size, root_hash };
    let kh = key.key_hash();
    let body = th.sigsum_body(&kh);
    let text = std::str::from_utf8(body.as_bytes()).expect("body is ASCII");
    let parts: Vec<&str> = text.split('\n').collect();
    assert_eq!(parts.len(), 4, "{text:?}");
    assert_eq!(parts[0], format!("sigsum.org/v1/tree/{}", lower_hex(&kh.0)));
    assert_eq!(parts[1], size.to_string());
    assert_eq!(
        decode_base64_array::<32>(parts[2].as_bytes()),
        Ok(root_hash.0)
    );
    assert_eq!(parts[3], "");
    match CosignedMessage::new(timestamp, &body) {
        Some(m) => {
            assert!(timestamp <= MAX_DECIMAL);
            let want = format!("cosignature/v1\ntime {timestamp}\n{text}");
            assert_eq!(m.as_bytes(), want.as_bytes());
        }
        None => assert!(timestamp > MAX_DECIMAL),
    }
    let cs = Cosignature {
        key_hash: kh,
        timestamp,
        signature: sig,
    };
    // Random keys and signatures exercise invalid points and non-canonical
    // scalars (must not panic); the verdict itself is not checkable here.
    let _ = cs.verify(&key, &kh, &th, &DalekBackend);
    // A key whose hash is not the cosignature's key hash never verifies.
    let other = Cosignature {
        key_hash: Hash(root_hash.0.map(|b| !b)),
        ..cs
    };
    if other.key_hash != kh {
        assert!(!other.verify(&key, &kh, &th, &DalekBackend));
    }
}

/// A witness set from up to 32 input bytes (bit i = witness i).
fn witness_set(bits: &[u8; 32]) -> WitnessSet {
    let mut set = WitnessSet::EMPTY;
    for i in 0..=255u8 {
        if bits[usize::from(i / 8)] >> (i % 8) & 1 == 1 {
            set.insert(i);
        }
    }
    set
}

fn sorted_cosignatures(sth: &SignedTreeHead<'_>) -> Vec<Cosignature> {
    let mut v: Vec<Cosignature> = sth.cosignatures.iter().collect();
    // Every accepted line is yielded (the iterator has no slow path).
    assert_eq!(v.len(), sth.cosignatures.len(), "iterator lost a line");
    for (i, c) in v.iter().enumerate() {
        assert_eq!(sth.cosignatures.get(i).as_ref(), Some(c));
    }
    v.sort_by_key(|c| c.key_hash);
    v
}

fn same_sth(a: &SignedTreeHead<'_>, b: &SignedTreeHead<'_>) {
    assert_eq!(a.tree_head, b.tree_head);
    assert_eq!(a.signature, b.signature);
    assert_eq!(a.cosignatures.len(), b.cosignatures.len());
    assert_eq!(sorted_cosignatures(a), sorted_cosignatures(b));
}

/// Signed tree head (`get-tree-head` ASCII): no panic; an accepted input
/// round-trips through `write_ascii` (canonical text) to the same values,
/// and the canonical text is a fixed point.
pub fn sth_parse(data: &[u8]) {
    let Ok(sth) = SignedTreeHead::parse(data) else {
        return;
    };
    let mut buf = vec![0u8; data.len() * 2 + 64];
    let mut w = Writer::new(&mut buf);
    sth.write_ascii(&mut w).expect("write_ascii fits");
    let text = w.written().to_vec();
    let again = SignedTreeHead::parse(&text).expect("canonical text parses");
    same_sth(&sth, &again);
    let mut buf2 = vec![0u8; text.len()];
    let mut w2 = Writer::new(&mut buf2);
    again.write_ascii(&mut w2).expect("write_ascii fits");
    assert_eq!(
        w2.written(),
        text.as_slice(),
        "canonical text is not a fixed point"
    );
}

/// Proof text (v1 and v2): no panic; an accepted proof round-trips through
/// the canonical v2 text, which always fits [`MAX_V2_TEXT_SIZE`].
pub fn proof_parse(data: &[u8]) {
    let Ok(p) = Proof::parse(data) else {
        return;
    };
    let mut buf = vec![0u8; MAX_V2_TEXT_SIZE];
    let text = p
        .to_v2_text(&mut buf)
        .expect("MAX_V2_TEXT_SIZE suffices")
        .to_vec();
    let q = Proof::parse(&text).expect("canonical v2 text parses");
    assert_eq!(p.log_key_hash, q.log_key_hash);
    assert_eq!(p.leaf_key_hash, q.leaf_key_hash);
    assert_eq!(p.leaf_signature, q.leaf_signature);
    assert_eq!(p.leaf_index, q.leaf_index);
    same_sth(&p.signed_tree_head, &q.signed_tree_head);
    assert_eq!(
        p.path.iter().collect::<Vec<_>>(),
        q.path.iter().collect::<Vec<_>>()
    );
    let mut buf2 = vec![0u8; MAX_V2_TEXT_SIZE];
    assert_eq!(q.to_v2_text(&mut buf2).expect("fits"), text.as_slice());
}

/// The real serviceberry proof's fixed context: message hash and signer.
fn serviceberry() -> (Hash, PublicKey) {
    use sha2::{Digest, Sha256};
    let message: [u8; 32] = Sha256::digest(b"Hello, Sigsum!\n").into();
    let signer =
        PublicKey::from_hex(b"99ed58583e8750b20548e69df4a4e1a592379a9a66c51cd32e42fbe4e1bde78a")
            .expect("signer");
    (Hash(message), signer)
}

/// The builtin `sigsum-test-2025-3` prepared once with the serviceberry
/// signer.
fn prepared_serviceberry(
) -> &'static sigsum_core::PreparedPolicy<'static, TextPolicy<'static>, DalekBackend, 16> {
    static POLICY: std::sync::OnceLock<TextPolicy<'static>> = std::sync::OnceLock::new();
    static PREPARED: std::sync::OnceLock<
        sigsum_core::PreparedPolicy<'static, TextPolicy<'static>, DalekBackend, 16>,
    > = std::sync::OnceLock::new();
    let policy = POLICY.get_or_init(|| Builtin::SigsumTest2025_3.parse().expect("builtin"));
    PREPARED.get_or_init(|| {
        let (_, signer) = serviceberry();
        sigsum_core::PreparedPolicy::new(policy, &[signer], DalekBackend).expect("prepare")
    })
}

/// End-to-end verification with fixed keys and policy (the serviceberry
/// message and signer, the builtin `sigsum-test-2025-3`): no panic, and
/// nothing but the real tree head and leaf can be accepted (signatures
/// cannot be forged, so an accepted proof must carry the real ones).
pub fn proof_verify(data: &[u8]) {
    let policy = Builtin::SigsumTest2025_3.parse().expect("builtin");
    let (message, signer) = serviceberry();
    let result = verify_bytes(&message, &[signer], &policy, data, &DalekBackend);
    // The prepared and batch paths give the same result (a cached tree
    // head only saves signature checks).
    if let Ok(proof) = Proof::parse(data) {
        let prepared = prepared_serviceberry();
        assert_eq!(prepared.verify(&message, &proof), result);
        let mut batch = sigsum_core::BatchVerifier::<_, _, 16, 2>::new(prepared);
        assert_eq!(batch.verify(&message, &proof), result);
        let again = batch
            .verify(&message, &proof)
            .map(|v| (v.tree_size, v.quorum_timestamp));
        assert_eq!(again, result.map(|v| (v.tree_size, v.quorum_timestamp)));
    }
    if let Ok(v) = result {
        let p = Proof::parse(data).expect("verified proof parses");
        assert_eq!(v.tree_size, 381_382);
        assert_eq!(v.leaf_index, 381_381);
        assert_eq!(p.signed_tree_head.tree_head.size, 381_382);
        assert_eq!(
            p.signed_tree_head.tree_head.root_hash,
            Hash::from_hex(b"901fefc6f1d978d2c2bedb82d448755bcdc7e8626e67ac7ee80873771be9b667")
                .expect("hex")
        );
        assert_eq!(v.signer_key_hash, signer.key_hash());
    }
}

/// The quorum of a text policy, evaluated naively from its tree.
fn naive_node(p: &TextPolicy<'_>, node: PolicyNode, set: &WitnessSet, depth: u32) -> bool {
    assert!(depth < 300, "group cycle");
    match node {
        PolicyNode::None => true,
        PolicyNode::Witness(i) => set.contains(i),
        PolicyNode::Group(g) => {
            let threshold = p.group_at(g).expect("group").threshold;
            let n = p
                .members(g)
                .filter(|m| naive_node(p, *m, set, depth + 1))
                .count();
            n >= usize::from(threshold)
        }
    }
}

/// Text policy parse: no panic; lookups find every parsed key; the
/// quorum evaluation equals a naive recursive evaluation of the group tree
/// on a witness set taken from the input's first 32 bytes, and is
/// monotone.
pub fn policy_text(data: &[u8]) {
    let mut d = data;
    let bits = take::<32>(&mut d);
    let Ok(p) = TextPolicy::parse(d) else {
        return;
    };
    for l in p.logs() {
        assert_eq!(p.log_key(&l.key_hash), Some(l.key));
    }
    for (i, w) in p.witnesses().enumerate() {
        assert_eq!(
            p.witness(&w.key_hash),
            Some((u8::try_from(i).expect("index"), w.key))
        );
    }
    let set = witness_set(&bits);
    let got = p.is_satisfied(&set);
    let want = p.quorum().is_some_and(|q| naive_node(&p, q, &set, 0));
    assert_eq!(
        got, want,
        "quorum evaluation differs from the naive tree walk"
    );
    if got {
        let mut more = set;
        for i in 0..u8::try_from(p.witness_count()).unwrap_or(u8::MAX) {
            more.insert(i);
        }
        assert!(p.is_satisfied(&more), "quorum not monotone");
    }
}

/// Compiled policy load and evaluation: no panic; an accepted blob
/// evaluates like its bare program, is monotone, and its key tables
/// resolve by key hash. Input: 32 bytes of witness set, then the blob.
pub fn policy_compiled(data: &[u8]) {
    let mut d = data;
    let bits = take::<32>(&mut d);
    let Ok(p) = CompiledPolicy::from_bytes(d) else {
        return;
    };
    assert_eq!(p.as_bytes(), d);
    let set = witness_set(&bits);
    let got = p.is_satisfied(&set);
    assert_eq!(got, evaluate_program(p.program(), p.witness_count(), &set));
    assert_eq!(got, p.is_satisfied(&set));
    if got {
        let mut more = set;
        for i in 0..u8::try_from(p.witness_count()).unwrap_or(u8::MAX) {
            more.insert(i);
        }
        assert!(p.is_satisfied(&more), "compiled quorum not monotone");
    }
    for (i, k) in p.witness_keys().enumerate() {
        assert_eq!(
            p.witness(&k.key_hash()),
            Some((u8::try_from(i).expect("index"), k))
        );
    }
    for k in p.log_keys() {
        assert_eq!(p.log_key(&k.key_hash()), Some(k));
    }
}

fn hashes(mut d: &[u8]) -> Vec<Hash> {
    let mut v = Vec::new();
    while !d.is_empty() {
        v.push(Hash(take::<32>(&mut d)));
    }
    v
}

/// Sizes from fuzz input: small trees mostly, any `u64` sometimes.
fn size_pair(d: &mut &[u8]) -> (u64, u64) {
    let sel = take::<1>(d)[0];
    let a = u64::from_le_bytes(take::<8>(d));
    let b = u64::from_le_bytes(take::<8>(d));
    match sel % 4 {
        0 => (a % 64, b % 64),
        1 => (a % 100_000, b % 100_000),
        2 => (a, b >> (a % 64)),
        _ => (a, b),
    }
}

/// Merkle inclusion against testkit's naive RFC 6962 recursion: path
/// length, computed root, and the verdict for the right and a wrong root.
/// Input: selector, index, size (u64 LE), leaf hash, then path nodes.
pub fn merkle_inclusion(data: &[u8]) {
    let mut d = data;
    let (index, size) = size_pair(&mut d);
    let leaf = Hash(take::<32>(&mut d));
    let path = hashes(d);
    let len = inclusion_path_len(index, size);
    assert_eq!(len, naive::naive_inclusion_len(index, size));
    let raw: Vec<[u8; 32]> = path.iter().map(|h| h.0).collect();
    let naive_root = naive::naive_root_from_path(&leaf.0, index, size, &raw);
    let ours = root_from_inclusion(&leaf, index, size, &path);
    match (&ours, naive_root) {
        (Ok(r), Some(n)) => {
            assert_eq!(r.0, n);
            assert_eq!(verify_inclusion(&leaf, index, size, r, &path), Ok(()));
            let wrong = Hash(r.0.map(|b| b ^ 1));
            assert_eq!(
                verify_inclusion(&leaf, index, size, &wrong, &path),
                Err(MerkleError::RootMismatch)
            );
        }
        (Err(_), None) => {
            assert!(verify_inclusion(&leaf, index, size, &leaf, &path).is_err());
        }
        // Paths longer than MAX_PATH_LEN (trees above 2^63 leaves) are
        // refused by design; the naive reference has no limit.
        (Err(MerkleError::PathLimitExceeded { .. }), Some(_)) => {
            assert!(len.is_some_and(|l| l > 63));
        }
        (a, b) => panic!(
            "inclusion {index}/{size} len {}: ours {a:?}, naive {b:?}",
            path.len()
        ),
    }
}

/// Merkle consistency against testkit's naive SUBPROOF recursion.
/// Input: selector, old size, new size (u64 LE), old root, then path.
pub fn merkle_consistency(data: &[u8]) {
    let mut d = data;
    let (old, new) = size_pair(&mut d);
    let old_root = Hash(take::<32>(&mut d));
    let path = hashes(d);
    let len = consistency_path_len(old, new);
    assert_eq!(len, naive::naive_consistency_len(old, new));
    let raw: Vec<[u8; 32]> = path.iter().map(|h| h.0).collect();
    if old == 0 || old >= new {
        // Trivial cases: empty path only; equal sizes, (0, 0) included,
        // need equal roots (the same root is passed twice here, so they
        // hold); from the empty tree to a larger one the old root must be
        // EMPTY_ROOT.
        let r = verify_consistency(old, new, &old_root, &old_root, &path);
        let ok = old <= new && path.is_empty() && (old == new || old_root == EMPTY_ROOT);
        assert_eq!(r.is_ok(), ok, "trivial consistency {old}->{new}: {r:?}");
        return;
    }
    match naive::naive_roots_from_consistency(old, new, &old_root.0, &raw) {
        Some((o, n)) => {
            let n = Hash(n);
            let r = verify_consistency(old, new, &old_root, &n, &path);
            if o == old_root.0 {
                if len.is_some_and(|l| l > 63) {
                    assert!(
                        matches!(r, Err(MerkleError::PathLimitExceeded { .. })),
                        "{r:?}"
                    );
                    return;
                }
                assert_eq!(r, Ok(()), "consistency {old}->{new}");
                let wrong = Hash(n.0.map(|b| b ^ 1));
                assert!(verify_consistency(old, new, &old_root, &wrong, &path).is_err());
            } else {
                assert!(
                    r.is_err(),
                    "consistency {old}->{new} accepted a wrong old root"
                );
            }
        }
        None => {
            assert!(verify_consistency(old, new, &old_root, &old_root, &path).is_err());
        }
    }
}

/// Signed notes and bare signature-line blocks (cosignature lines): no
/// panic; the note text is the exact prefix before the blank line; every
/// signature line has a valid key name and a consistent decoded length.
pub fn note_parse(data: &[u8]) {
    if let Ok(n) = Note::parse(data) {
        let text = n.text();
        assert!(text.ends_with(b"\n"));
        assert_eq!(&data[..text.len()], text);
        assert_eq!(data.get(text.len()), Some(&b'\n'));
        for sig in n.signatures() {
            assert!(is_valid_key_name(sig.name.as_bytes()));
            if let Some(blob) = sig.blob() {
                assert_eq!(blob.len() + 4, sig.decoded_len());
                assert!(sig.key_id().is_some());
            }
        }
    }
    if let Ok(lines) = SignatureLines::parse(data) {
        assert_eq!(lines.iter().count(), lines.len());
    }
}

/// Checkpoints: no panic in parsing, body reconstruction and Sigsum
/// verification with a fixed log key (the serviceberry log); an accepted
/// Sigsum checkpoint's body is its signed text.
pub fn checkpoint(data: &[u8]) {
    let Ok(cp) = Checkpoint::parse(data) else {
        return;
    };
    assert!(!cp.origin.is_empty());
    if let Ok(body) = cp.body() {
        assert_eq!(body.as_bytes(), cp.text());
    }
    let log_key =
        PublicKey::from_hex(b"47e481606d8acba747a6b053d6c2d191605fb122175d410a1202a91430abce39")
            .expect("key");
    if cp.verify_sigsum(&log_key, &DalekBackend).is_ok() {
        assert_eq!(cp.body().expect("sigsum body").as_bytes(), cp.text());
    }
}

/// Key formats (selector byte, then the text): hex, PEM, SPKI DER, OpenSSH
/// line and file, vkey. Accepted keys round-trip through the writers.
pub fn keys(data: &[u8]) {
    let Some((&sel, s)) = data.split_first() else {
        return;
    };
    let mut buf = vec![0u8; 4096];
    match sel % 6 {
        0 => {
            if let Ok(k) = parse_hex_key(s) {
                let mut w = Writer::new(&mut buf);
                write_hex_key(&k, &mut w).expect("write_hex");
                assert_eq!(parse_hex_key(w.written()), Ok(k));
            }
        }
        1 => {
            if let Ok(k) = parse_pem_key(s) {
                let mut w = Writer::new(&mut buf);
                write_pem_key(&k, &mut w).expect("write_pem");
                assert_eq!(parse_pem_key(w.written()), Ok(k));
            }
        }
        2 => {
            // Arbitrary DER in a PEM frame: an accepted key's DER is
            // exactly the input (the writer gives back the same text).
            let mut w = Writer::new(&mut buf);
            let framed = w.bytes(b"-----BEGIN PUBLIC KEY-----\n").is_ok()
                && w.base64(s).is_ok()
                && w.bytes(b"\n-----END PUBLIC KEY-----\n").is_ok();
            let pem = w.written().to_vec();
            if framed {
                if let Ok(k) = parse_pem_key(&pem) {
                    let mut out = vec![0u8; 256];
                    let mut w = Writer::new(&mut out);
                    write_pem_key(&k, &mut w).expect("write_pem_key");
                    assert_eq!(w.written(), pem.as_slice());
                }
            }
        }
        3 => {
            if let Ok(k) = parse_ssh_key(s) {
                let mut w = Writer::new(&mut buf);
                if write_ssh_key(&k.key, k.policy, "", &mut w).is_ok() {
                    let again = parse_ssh_key(w.written()).expect("written key parses");
                    assert_eq!((again.key, again.policy), (k.key, k.policy));
                }
            }
        }
        4 => {
            if let Ok(f) = KeyFile::parse(s) {
                assert_eq!(f.keys().count(), f.len());
                let _ = f.policy_name();
            }
        }
        _ => {
            if let Ok(v) = Vkey::parse(s) {
                let mut w = Writer::new(&mut buf);
                if v.write(&mut w).is_ok() {
                    let again = Vkey::parse(w.written()).expect("written vkey parses");
                    assert_eq!(again.name(), v.name());
                    assert_eq!(again.key(), v.key());
                    assert_eq!(again.key_id(), v.key_id());
                    assert_eq!(again.sig_type(), v.sig_type());
                }
            }
        }
    }
}

/// Text vs compiled policy: a text policy that compiles must decide every
/// quorum like its compiled form (witness indices mapped through the key
/// hashes), know the same logs, and hash to SHA-256 of the blob.
/// Input: 32 bytes of witness set (text indices), then the policy text.
pub fn policy_differential(data: &[u8]) {
    use sha2::{Digest, Sha256};
    let mut d = data;
    let bits = take::<32>(&mut d);
    let Ok(text) = TextPolicy::parse(d) else {
        return;
    };
    let mut buf = vec![0u8; MAX_COMPILED_LEN];
    let Ok(compiled) = text.compile(&mut buf) else {
        return;
    };
    let blob_hash: [u8; 32] = Sha256::digest(compiled.as_bytes()).into();
    assert_eq!(text.policy_hash().map(|h| h.0), Ok(blob_hash));
    assert_eq!(compiled.log_count(), text.log_count());
    for l in text.logs() {
        assert_eq!(compiled.log_key(&l.key_hash), Some(l.key));
    }
    let tset = witness_set(&bits);
    let mut cset = WitnessSet::EMPTY;
    for (i, w) in text.witnesses().enumerate() {
        let (ci, key) = compiled
            .witness(&w.key_hash)
            .expect("witness in compiled form");
        assert_eq!(key, w.key);
        if tset.contains(u8::try_from(i).expect("index")) {
            cset.insert(ci);
        }
    }
    assert_eq!(
        text.is_satisfied(&tset),
        compiled.is_satisfied(&cset),
        "text and compiled quorum differ"
    );
}

/// The tlog-policy of the Oak vector (tests/vectors/c2sp/) plus the
/// serverless-test log, for the C2SP targets.
const TLOG_POLICY: &[u8] =
    b"log fake.log.origin/log+527eabb8+AddT9PtBhhNAsDYZ0V0euiRbXuvrLsw4L6vKARfipnmz
log github.com/AlCutter/serverless-test/log+28035191+AVtQ/9lW+g90rQY3+pODJvMQ8X/tTvh/EuvCDLSmUk4S
witness w1 test-witness+26349ef0+BIQDFTUlktisMqJzWn8qhteWrRr4dLcQ9R37T+8LQyQF
group g any w1
quorum g
";

/// tlog-policy text: an accepted policy has only log keys of type 0x01 and
/// witness keys of type 0x04 or 0x06, at most 64 witnesses; its meaning
/// does not change when a final newline is added; quorums are monotone.
pub fn tlog_policy(data: &[u8]) {
    let Ok(p) = TlogPolicy::parse(data) else {
        return;
    };
    assert!(p.logs().all(|l| l.key.sig_type == 0x01));
    assert!(p.witnesses().all(|w| matches!(w.key.sig_type, 0x04 | 0x06)));
    let n = p.witnesses().count();
    assert!(n <= MAX_TLOG_WITNESSES);
    assert!(!data.contains(&b'\r'));
    let mut more = data.to_vec();
    more.push(b'\n');
    let q = TlogPolicy::parse(&more).expect("a final newline changes nothing");
    assert_eq!(q.witnesses().count(), n);
    assert_eq!(q.logs().count(), p.logs().count());
    let mut all = WitnessSet::EMPTY;
    (0..n).for_each(|i| all.insert(i as u8));
    // Every subset that satisfies the quorum keeps doing so with more
    // witnesses; both parses agree.
    for bits in [0u64, 0x5555_5555_5555_5555, u64::MAX, 0x0f0f_0f0f_0f0f_0f0f] {
        let mut s = WitnessSet::EMPTY;
        (0..n)
            .filter(|i| bits >> i & 1 == 1)
            .for_each(|i| s.insert(i as u8));
        assert_eq!(p.is_satisfied(&s), q.is_satisfied(&s));
        if p.is_satisfied(&s) {
            assert!(p.is_satisfied(&all));
        }
    }
}

/// A checkpoint under [`TLOG_POLICY`]: when it verifies, the quorum time
/// and median are timestamps of valid cosignatures, and the strict mode
/// agrees unless a cosignature failed.
pub fn tlog_checkpoint(data: &[u8]) {
    let policy = TlogPolicy::parse(TLOG_POLICY).expect("policy");
    let lenient = verify_tlog_checkpoint(data, &policy, &DalekBackend, &TlogOptions::default());
    let strict = TlogOptions {
        reject_invalid_cosignatures: true,
    };
    let strict = verify_tlog_checkpoint(data, &policy, &DalekBackend, &strict);
    match (&lenient, &strict) {
        (Ok(c), Ok(s)) => {
            assert_eq!(c, s);
            assert!(c.failed.is_empty());
        }
        (Ok(c), Err(TlogError::BadCosignature { .. })) => assert!(!c.failed.is_empty()),
        (Ok(_), Err(e)) => panic!("strict mode failed differently: {e:?}"),
        (Err(e), Ok(_)) => panic!("only the lenient mode failed: {e:?}"),
        (Err(_), Err(_)) => {}
    }
    if let Ok(c) = lenient {
        let times: Vec<u64> = c.cosignatures().map(|(_, t)| t).collect();
        assert!(!times.is_empty(), "the quorum needs a cosignature");
        let t = c.quorum_time.timestamp().expect("quorum time");
        assert!(times.contains(&t));
        assert!(times.contains(&c.median_timestamp().expect("median")));
    }
}

/// A tlog-proof of the Oak vector's entry under [`TLOG_POLICY`]: parsing
/// and verifying never panic; a verified proof's index is below its size,
/// and its path has at most 63 hashes.
pub fn tlog_proof(data: &[u8]) {
    let policy = TlogPolicy::parse(TLOG_POLICY).expect("policy");
    let Ok(proof) = TlogProof::parse(data) else {
        return;
    };
    assert!(proof.path().len() <= MAX_PATH_LEN);
    assert_eq!(proof.path().iter().count(), proof.path().len());
    if let Some(extra) = proof.unauthenticated_extra() {
        let mut buf = vec![0u8; extra.len()];
        assert_eq!(extra.decode(&mut buf).map(|b| b.len()), Ok(extra.len()));
    }
    let leaf = hash_leaf(b"test entry data");
    if let Ok(v) = proof.verify(&leaf, &policy, &DalekBackend, &TlogOptions::default()) {
        assert!(v.index < v.checkpoint.tree_head.size);
        assert_eq!(v.index, proof.index);
    }
}

/// A backend that accepts every signature, so that the binary verifiers
/// run past the signature checks on fuzzed input.
struct AcceptAll;

impl Ed25519Backend for AcceptAll {
    fn verify(&self, _: &PublicKey, _: &[u8], _: &Signature) -> bool {
        true
    }
}

/// Input: 2 bytes policy length (little-endian), the spic policy, the
/// spic proof. Oracles: parsed fields are consistent with the bytes; the
/// quorum is monotone and `missing` agrees with `is_satisfied`; a proof
/// that verifies (any signature accepted) has in-range indexes and
/// cosigning witnesses that satisfy the quorum.
pub fn spic(data: &[u8]) {
    let mut d = data;
    let len = usize::from(u16::from_le_bytes(take::<2>(&mut d)));
    let (policy_bytes, proof_bytes) = d.split_at(len.min(d.len()));
    let policy = SpicPolicy::from_bytes(policy_bytes);
    let proof = SpicProof::parse(proof_bytes);
    if let Ok(p) = &policy {
        assert!(p.witness_count() <= MAX_SPIC_WITNESSES);
        assert_eq!(p.as_bytes(), policy_bytes);
        let mut all = WitnessSet::EMPTY;
        for i in 0..p.witness_count() {
            all.insert(u8::try_from(i).unwrap());
        }
        let empty = WitnessSet::EMPTY;
        assert_eq!(p.missing(&empty, &all).is_some(), p.is_satisfied(&all));
        assert_eq!(p.missing(&all, &empty) == Some(0), p.is_satisfied(&all));
        let consumed: u64 = p.elements().map(|e| u64::from(e.witnesses)).sum();
        assert_eq!(consumed, p.witness_count() as u64);
    }
    if let Ok(pr) = &proof {
        let cosigs: Vec<_> = pr.cosignatures().collect();
        assert_eq!(cosigs.len(), pr.cosignature_count());
        assert!(cosigs.windows(2).all(|w| w[0].timestamp <= w[1].timestamp));
        assert_eq!(pr.path().len(), pr.path_len());
        assert!(pr.tree_size < 1 << 63);
    }
    if let (Ok(p), Ok(pr)) = (&policy, &proof) {
        let keys = [PublicKey([1; 32]), PublicKey([2; 32])];
        let r = verify_spic(&Hash([3; 32]), &keys, p, pr, &AcceptAll);
        if let Ok(v) = r {
            let mut claimed = WitnessSet::EMPTY;
            for c in pr.cosignatures() {
                assert!(usize::from(c.witness) < p.witness_count());
                claimed.insert(c.witness);
            }
            assert!(p.is_satisfied(&claimed));
            assert!((pr.leaf_key_index as usize) < keys.len());
            assert_eq!(v.tree_size, pr.tree_size);
        }
    }
}

/// Input: 2 bytes policy-blob length (little-endian), the TKey policy
/// blob, then a TKey proof followed by anything. Oracles: the proof's
/// length is 242 + 104 c + 32 p; `parse` accepts exactly when
/// `parse_prefix` leaves nothing; a proof that verifies (any signature
/// accepted) has a known signer and log and satisfies the quorum with its
/// known witnesses.
pub fn tkey(data: &[u8]) {
    let mut d = data;
    let len = usize::from(u16::from_le_bytes(take::<2>(&mut d)));
    let (policy_bytes, rest) = d.split_at(len.min(d.len()));
    let policy = TkeyPolicy::from_bytes(policy_bytes);
    let prefix = TkeyProof::parse_prefix(rest);
    let whole = TkeyProof::parse(rest);
    match &prefix {
        Ok((p, tail)) => {
            let used = rest.len() - tail.len();
            assert_eq!(
                used,
                TKEY_FIXED_LEN + TKEY_COSIGNATURE_LEN * p.cosignature_count() + 32 * p.path_len()
            );
            assert_eq!(whole.is_ok(), tail.is_empty());
            assert_eq!(p.cosignatures().count(), p.cosignature_count());
        }
        Err(e) => assert_eq!(whole.err(), Some(*e)),
    }
    if let (Ok(pol), Ok((p, _))) = (&policy, &prefix) {
        assert!(pol.submitter_keys().count() >= 1);
        if verify_tkey(&Hash([3; 32]), pol, p, &AcceptAll).is_ok() {
            assert!(pol.submitter(&p.submitter_key_hash).is_some());
            let compiled = pol.policy();
            assert!(compiled.log_key(&p.log_key_hash).is_some());
            let mut known = WitnessSet::EMPTY;
            for c in p.cosignatures() {
                if let Some((i, _)) = compiled.witness(&c.key_hash) {
                    known.insert(i);
                }
            }
            assert!(compiled.is_satisfied(&known));
        }
    }
}
