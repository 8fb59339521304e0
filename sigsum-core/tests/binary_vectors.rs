//! The spic and TKey vectors of `tests/vectors/{spic,tkey}/` (see their
//! READMEs): accepted vectors, spic's documented example, and the files
//! regenerated from the real serviceberry proof.
//!
//! The binary parsing and verification run without the text parsers
//! (`--no-default-features --features dalek`); what compares with the
//! ASCII proof, the text policies or the writers needs feature `parsers`.

use std::path::PathBuf;

use sigsum_core::{
    sha256, verify_spic, verify_spic_bytes, verify_tkey, verify_tkey_bytes, verify_tkey_with,
    BinaryVerifyError, Builtin, DefaultBackend, Hash, PublicKey, SpicPolicy, SpicProof, TkeyPolicy,
    TkeyProof, TrustPolicy, WitnessSet,
};
#[cfg(feature = "parsers")]
use sigsum_core::{
    spic_policy_from_compiled, spic_policy_from_text, write_spic_policy, write_spic_proof,
    write_tkey_policy, write_tkey_proof, LargeTextPolicy, Proof, TreeHead, MAX_SPIC_POLICY_LEN,
    MAX_SPIC_PROOF_LEN, MAX_TKEY_POLICY_LEN, MAX_TKEY_PROOF_LEN,
};

fn vectors() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors")
}

fn read(rel: &str) -> Vec<u8> {
    std::fs::read(vectors().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn read_hex(rel: &str) -> Vec<u8> {
    let text = String::from_utf8(read(rel)).unwrap();
    let text = text.trim();
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap())
        .collect()
}

fn signer() -> PublicKey {
    PublicKey::from_hex(
        String::from_utf8(read("real/serviceberry-signer.hex"))
            .unwrap()
            .trim()
            .as_bytes(),
    )
    .unwrap()
}

fn message() -> Hash {
    sha256(&read("real/serviceberry.message"))
}

/// The four vector files, as the writers produce them from the real
/// serviceberry proof and the builtin policy `sigsum-test-2025-3`.
#[cfg(feature = "parsers")]
fn generate() -> [(&'static str, Vec<u8>); 4] {
    let text = read("real/sigsum-test-2025-3.policy");
    let policy = LargeTextPolicy::parse(&text).unwrap();
    let proof_text = read("real/serviceberry-v2.proof");
    let proof = Proof::parse(&proof_text).unwrap();

    let draft = spic_policy_from_text(&policy, &text).unwrap();
    let mut spic_policy = vec![0u8; MAX_SPIC_POLICY_LEN];
    let n = write_spic_policy(&draft, &mut spic_policy).unwrap();
    spic_policy.truncate(n);
    let loaded = SpicPolicy::from_bytes(&spic_policy).unwrap();
    let mut spic_proof = vec![0u8; MAX_SPIC_PROOF_LEN];
    let n = write_spic_proof(
        &proof,
        &loaded,
        &[signer()],
        &DefaultBackend,
        &mut spic_proof,
    )
    .unwrap();
    spic_proof.truncate(n);

    let compiled = Builtin::from_name("sigsum-test-2025-3")
        .unwrap()
        .compiled()
        .unwrap();
    let mut tkey_policy = vec![0u8; MAX_TKEY_POLICY_LEN];
    let n = write_tkey_policy(&[signer()], &compiled, &mut tkey_policy).unwrap();
    tkey_policy.truncate(n);
    let mut tkey_proof = vec![0u8; MAX_TKEY_PROOF_LEN];
    let n = write_tkey_proof(&proof, None, &mut tkey_proof).unwrap();
    tkey_proof.truncate(n);
    [
        ("spic/serviceberry.policy.bin", spic_policy),
        ("spic/serviceberry.proof.bin", spic_proof),
        ("tkey/serviceberry.policy.bin", tkey_policy),
        ("tkey/serviceberry.proof.bin", tkey_proof),
    ]
}

/// Rewrite the generated vector files:
/// `cargo test -p sigsum-core --test binary_vectors -- --ignored regenerate`.
#[cfg(feature = "parsers")]
#[test]
#[ignore]
fn regenerate() {
    for (name, bytes) in generate() {
        std::fs::write(vectors().join(name), bytes).unwrap();
    }
}

#[cfg(feature = "parsers")]
#[test]
fn generated_files_are_up_to_date() {
    for (name, bytes) in generate() {
        assert_eq!(read(name), bytes, "{name}: run the regenerate test");
    }
}

#[test]
fn spic_serviceberry_verifies() {
    let policy = read("spic/serviceberry.policy.bin");
    let proof = read("spic/serviceberry.proof.bin");
    let v = verify_spic_bytes(&message(), &[signer()], &policy, &proof, &DefaultBackend).unwrap();
    assert_eq!((v.tree_size, v.leaf_index), (381382, 381381));
    // spic's compiler keeps the first smallest satisfying set: 4.
    assert_eq!(v.cosignatures_verified, 4);
    assert_eq!(v.signature_checks, 6);
    assert_eq!(proof.len(), 726);
    // The kept set's quorum timestamp is the ASCII proof's here (it can
    // be older: docs/binary-formats.md).
    assert_eq!(v.quorum_timestamp, Some(SERVICEBERRY_QUORUM_TIME));
    // The root computed from the path and the log (the TKey proof, which
    // stores both, agrees).
    let tkey = read("tkey/serviceberry.proof.bin");
    let tkey = TkeyProof::parse(&tkey).unwrap();
    assert_eq!(v.root_hash, tkey.root_hash);
    assert_eq!(v.log_key_hash, tkey.log_key_hash);
    // Another message: the leaf signature fails.
    assert_eq!(
        verify_spic_bytes(&sha256(b"x"), &[signer()], &policy, &proof, &DefaultBackend),
        Err(BinaryVerifyError::BadLeafSignature)
    );
}

#[cfg(feature = "parsers")]
#[test]
fn spic_serviceberry_matches_ascii() {
    let policy = read("spic/serviceberry.policy.bin");
    let proof = read("spic/serviceberry.proof.bin");
    let v = verify_spic_bytes(&message(), &[signer()], &policy, &proof, &DefaultBackend).unwrap();
    // The root computed from the path is the one of the ASCII proof.
    let ascii = read("real/serviceberry-v2.proof");
    let ascii = Proof::parse(&ascii).unwrap();
    assert_eq!(v.root_hash, ascii.signed_tree_head.tree_head.root_hash);
    assert_eq!(v.log_key_hash, ascii.log_key_hash);
}

#[test]
fn spic_policy_of_the_builtin_is_spics_documented_example() {
    // spic's doc/format-example.md compiles the same logs, witnesses and
    // groups (as testing.policy): the bytes agree with its hexdump.
    let documented = read_hex("spic/doc-example.policy.hex");
    assert_eq!(read("spic/serviceberry.policy.bin"), documented);
    let loaded = SpicPolicy::from_bytes(&documented).unwrap();
    assert_eq!((loaded.log_count(), loaded.witness_count()), (2, 8));
    let elements: Vec<_> = loaded
        .elements()
        .map(|e| (e.threshold, e.children, e.witnesses))
        .collect();
    assert_eq!(elements, [(2, 0, 3), (4, 1, 5)]);
}

#[cfg(feature = "parsers")]
#[test]
fn spic_compiler_reproduces_spics_documented_example() {
    let documented = read_hex("spic/doc-example.policy.hex");
    let text = read("spic/doc-example.policy");
    let policy = LargeTextPolicy::parse(&text).unwrap();
    let draft = spic_policy_from_text(&policy, &text).unwrap();
    let mut out = vec![0u8; MAX_SPIC_POLICY_LEN];
    let n = write_spic_policy(&draft, &mut out).unwrap();
    assert_eq!(&out[..n], &documented[..]);
}

#[cfg(feature = "parsers")]
#[test]
fn spic_canonical_route_is_spelling_independent() {
    // Two spellings of one policy: members in another order.
    let text = read("spic/doc-example.policy");
    let swapped = String::from_utf8(text.clone())
        .unwrap()
        .replace(
            "2 poc.sigsum.org/nisse rgdd.se/poc-witness witness1.smartit.nu/witness1",
            "2 witness1.smartit.nu/witness1 poc.sigsum.org/nisse rgdd.se/poc-witness",
        )
        .into_bytes();
    let spic = |t: &[u8]| {
        let p = LargeTextPolicy::parse(t).unwrap();
        let mut out = vec![0u8; MAX_SPIC_POLICY_LEN];
        let n = write_spic_policy(&spic_policy_from_text(&p, t).unwrap(), &mut out).unwrap();
        out.truncate(n);
        let mut cbuf = vec![0u8; sigsum_core::MAX_COMPILED_LEN];
        let compiled = p.compile(&mut cbuf).unwrap();
        let mut canon = vec![0u8; MAX_SPIC_POLICY_LEN];
        let n =
            write_spic_policy(&spic_policy_from_compiled(&compiled).unwrap(), &mut canon).unwrap();
        canon.truncate(n);
        (out, canon)
    };
    let (a, canon_a) = spic(&text);
    let (b, canon_b) = spic(&swapped);
    // spic's compiler: the witness order follows the syntax...
    assert_ne!(a, b);
    // ...the route through the canonical compiled policy does not.
    assert_eq!(canon_a, canon_b);
    // And it still verifies the real proof.
    let policy = SpicPolicy::from_bytes(&canon_a).unwrap();
    let ascii = read("real/serviceberry-v2.proof");
    let proof = Proof::parse(&ascii).unwrap();
    let mut out = vec![0u8; MAX_SPIC_PROOF_LEN];
    let n = write_spic_proof(&proof, &policy, &[signer()], &DefaultBackend, &mut out).unwrap();
    let p = SpicProof::parse(&out[..n]).unwrap();
    verify_spic(&message(), &[signer()], &policy, &p, &DefaultBackend).unwrap();
}

#[test]
fn spic_documented_example_proof() {
    // spic's doc/format-example.md: the compiled proof (its message and
    // submitter key are not published, so only its fields, the witnesses
    // and the quorum can be checked here; the signatures against the
    // ASCII proof in `spic_documented_example_proof_matches_ascii`).
    let policy_bytes = read_hex("spic/doc-example.policy.hex");
    let policy = SpicPolicy::from_bytes(&policy_bytes).unwrap();
    let bytes = read_hex("spic/doc-example.proof.hex");
    assert_eq!(bytes.len(), 534);
    let proof = SpicProof::parse(&bytes).unwrap();
    assert_eq!(proof.leaf_key_index, 0);
    assert_eq!(proof.log_key_index, 0);
    assert_eq!(proof.path_len(), 4);
    // The minimal set {3, 4, 5, 6}, all at one time.
    let witnesses: Vec<u8> = proof.cosignatures().map(|c| c.witness).collect();
    assert_eq!(witnesses, [6, 3, 4, 5]);
    assert!(proof.cosignatures().all(|c| c.timestamp == 1765558886));
    let mut claimed = WitnessSet::EMPTY;
    for w in witnesses {
        claimed.insert(w);
    }
    assert!(policy.is_satisfied(&claimed));
    // The message is unknown: with any other, the leaf signature fails.
    let key = PublicKey([7; 32]);
    assert_eq!(
        verify_spic(&Hash([0; 32]), &[key], &policy, &proof, &DefaultBackend),
        Err(BinaryVerifyError::BadLeafSignature)
    );
}

#[cfg(feature = "parsers")]
#[test]
fn spic_documented_example_proof_matches_ascii() {
    // spic's doc/format-example.md: the ASCII proof and its compiled form.
    let policy_bytes = read_hex("spic/doc-example.policy.hex");
    let policy = SpicPolicy::from_bytes(&policy_bytes).unwrap();
    let bytes = read_hex("spic/doc-example.proof.hex");
    let proof = SpicProof::parse(&bytes).unwrap();
    let ascii_text = read("spic/doc-example.proof");
    let ascii = Proof::parse(&ascii_text).unwrap();
    let sth = &ascii.signed_tree_head;
    assert_eq!(proof.leaf_signature, ascii.leaf_signature);
    assert_eq!(proof.tree_size, sth.tree_head.size);
    assert_eq!(proof.leaf_index, ascii.leaf_index);
    assert!(proof.path().eq(ascii.path.iter()));
    let log = policy.log_key(proof.log_key_index as usize).unwrap();
    assert_eq!(log.key_hash(), ascii.log_key_hash);
    assert_eq!(proof.log_signature, sth.signature);
    let head = TreeHead {
        size: proof.tree_size,
        root_hash: sth.tree_head.root_hash,
    };
    assert!(head.verify_log_signature(&log, &proof.log_signature, &DefaultBackend));
    // Each cosignature is the ASCII one of its witness, and valid.
    let body = head.sigsum_body(&ascii.log_key_hash);
    for c in proof.cosignatures() {
        let key = policy.witness_key(usize::from(c.witness)).unwrap();
        let line = sth
            .cosignatures
            .iter()
            .find(|a| a.key_hash == key.key_hash())
            .unwrap();
        assert_eq!(line.signature, c.signature);
        assert!(line.verify_body(&key, &body, &DefaultBackend));
    }
}

#[test]
fn tkey_serviceberry_verifies() {
    let policy = read("tkey/serviceberry.policy.bin");
    let proof = read("tkey/serviceberry.proof.bin");
    assert_eq!(proof.len(), 242 + 8 * 104 + 10 * 32);
    let v = verify_tkey_bytes(&message(), &policy, &proof, &DefaultBackend).unwrap();
    assert_eq!((v.tree_size, v.leaf_index), (381382, 381381));
    // The same checks as the ASCII verification: leaf, log, 4 cosignatures.
    assert_eq!(v.signature_checks, 6);
    assert_eq!(v.quorum_timestamp, Some(SERVICEBERRY_QUORUM_TIME));
    // The message follows the proof on the device.
    let mut blob = proof.clone();
    blob.extend_from_slice(b"Hello");
    let (p, rest) = TkeyProof::parse_prefix(&blob).unwrap();
    assert_eq!(rest, b"Hello");
    let loaded = TkeyPolicy::from_bytes(&policy).unwrap();
    assert_eq!(
        verify_tkey(&message(), &loaded, &p, &DefaultBackend).unwrap(),
        v
    );
    assert_eq!(loaded.submitter_keys().collect::<Vec<_>>(), [signer()]);
    assert!(loaded.policy().log_key(&p.log_key_hash).is_some());
    // The blob's policy is the builtin's compiled form: the same result
    // with the keys and the builtin given apart.
    let builtin = Builtin::SigsumTest2025_3.compiled().unwrap();
    assert_eq!(loaded.policy().as_bytes(), builtin.as_bytes());
    assert_eq!(
        verify_tkey_with(&message(), &[signer()], &builtin, &p, &DefaultBackend).unwrap(),
        v
    );
}

/// The quorum timestamp of the real serviceberry proof (ASCII and TKey).
const SERVICEBERRY_QUORUM_TIME: u64 = 1770193051;

#[cfg(feature = "parsers")]
#[test]
fn tkey_serviceberry_matches_ascii() {
    let policy = read("tkey/serviceberry.policy.bin");
    let proof = read("tkey/serviceberry.proof.bin");
    let v = verify_tkey_bytes(&message(), &policy, &proof, &DefaultBackend).unwrap();
    let ascii_text = read("real/serviceberry-v2.proof");
    let ascii = Proof::parse(&ascii_text).unwrap();
    let builtin = sigsum_core::Policy::builtin("sigsum-test-2025-3").unwrap();
    let a =
        sigsum_core::verify(&message(), &[signer()], &builtin, &ascii, &DefaultBackend).unwrap();
    assert_eq!(v.quorum_timestamp, a.quorum_timestamp);
    assert_eq!(a.quorum_timestamp, Some(SERVICEBERRY_QUORUM_TIME));
    assert_eq!(v.root_hash, ascii.signed_tree_head.tree_head.root_hash);
}
