//! Verification edge cases of sigsum-go's `VerifyCosignedTreeHead`
//! (`pkg/policy/policy.go`) and `SigsumProof.Verify` (`pkg/proof/proof.go`)
//! built by hand (keys from fixed seeds, signatures by testkit): one log
//! key used as a witness too, a cosignature carrying the log's key hash,
//! `leaf_index >= size`, the origin derived from the policy's log key,
//! invalid known cosignatures ignored, quorum timestamps with ties, size 1.
#![cfg(feature = "parsers")]
use sigsum_core::{
    verify_bytes, DefaultBackend, Freshness, FreshnessError, Hash, MerkleError, Policy, PublicKey,
    Verified, VerifyError,
};
use testkit::merkle::{hex, leaf_hash, sha256};
use testkit::proof::{checkpoint_body, cosigned_message, leaf_signed_data, tree, Key};

fn key(seed: u8) -> Key {
    Key::from_seed([seed; 32])
}

fn hex64(b: &[u8; 64]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

/// A cosignature line: (witness key, timestamp, valid signature?).
struct Cosig<'a>(&'a Key, u64, bool);

struct Built {
    text: String,
    message: Hash,
    signer: PublicKey,
}

/// A v2 proof for leaf `index` of a tree of `size`, logged by `log` whose
/// tree head signature is made over the origin of `origin_key` (normally the
/// log itself), with the given cosignatures (made over that same body).
fn build(log: &Key, origin_key: &Key, index: u64, size: u64, cosigs: &[Cosig<'_>]) -> Built {
    let signer = key(1);
    let message = Hash(sha256(b"edge message"));
    let checksum = sha256(&message.0);
    let leaf_sig = signer.sign(&leaf_signed_data(&checksum));
    let mut leaf = checksum.to_vec();
    leaf.extend_from_slice(&leaf_sig);
    leaf.extend_from_slice(&signer.key_hash);
    let lh = leaf_hash(&leaf);
    let (root, path) = tree(index.min(size - 1), size, &lh, &[7; 32]);
    let body = checkpoint_body(&origin_key.key_hash, size, &root);
    let mut text = format!(
        "version=2\nlog={}\nleaf={} {}\n\nsize={size}\nroot_hash={}\nsignature={}\n",
        hex(&log.key_hash),
        hex(&signer.key_hash),
        hex64(&leaf_sig),
        hex(&root),
        hex64(&log.sign(body.as_bytes())),
    );
    for Cosig(w, ts, valid) in cosigs {
        let mut sig = w.sign(cosigned_message(*ts, &body).as_bytes());
        if !valid {
            sig[5] ^= 1;
        }
        text += &format!("cosignature={} {ts} {}\n", hex(&w.key_hash), hex64(&sig));
    }
    if size >= 2 {
        text += &format!("\nleaf_index={index}\n");
        for n in &path {
            text += &format!("node_hash={}\n", hex(n));
        }
    }
    Built {
        text,
        message,
        signer: PublicKey(signer.public),
    }
}

fn run(b: &Built, policy: &str) -> Result<Verified, VerifyError> {
    let policy = Policy::from_text(policy.as_bytes()).unwrap();
    verify_bytes(
        &b.message,
        &[b.signer],
        &policy,
        b.text.as_bytes(),
        &DefaultBackend,
    )
}

fn pk(k: &Key) -> String {
    hex(&k.public)
}

#[test]
fn log_key_reused_as_witness_key() {
    // sigsum-go's config tests allow one key as both log and witness.
    let log = key(2);
    let policy = format!("log {}\nwitness w {}\nquorum w\n", pk(&log), pk(&log));
    let ok = run(&build(&log, &log, 3, 5, &[Cosig(&log, 100, true)]), &policy).unwrap();
    assert_eq!(
        (ok.cosignatures_verified, ok.quorum_timestamp),
        (1, Some(100))
    );
    // The same line with a bad signature does not count.
    assert_eq!(
        run(
            &build(&log, &log, 3, 5, &[Cosig(&log, 100, false)]),
            &policy
        ),
        Err(VerifyError::QuorumNotMet {
            verified: 0,
            failed: 1,
            total_known: 1
        })
    );
}

#[test]
fn cosignature_with_the_log_key_hash_is_not_a_witness_by_itself() {
    // A "cosignature" by the log key: valid signature, but the policy does
    // not list the log key as a witness, so it is skipped (not counted, not
    // failed).
    let log = key(2);
    let w = key(3);
    let policy = format!("log {}\nwitness w {}\nquorum w\n", pk(&log), pk(&w));
    let b = build(&log, &log, 0, 2, &[Cosig(&log, 100, true)]);
    assert_eq!(
        run(&b, &policy),
        Err(VerifyError::QuorumNotMet {
            verified: 0,
            failed: 0,
            total_known: 0
        })
    );
    let b = build(
        &log,
        &log,
        0,
        2,
        &[Cosig(&log, 100, true), Cosig(&w, 90, true)],
    );
    let ok = run(&b, &policy).unwrap();
    assert_eq!(
        (ok.cosignatures_verified, ok.quorum_timestamp),
        (1, Some(90))
    );
}

#[test]
fn leaf_index_at_or_beyond_size() {
    let log = key(2);
    let policy = format!("log {}\nquorum none\n", pk(&log));
    // A correct proof for index 4 of 5 verifies; index 5 and 6 with the same
    // path are out of range.
    let good = build(&log, &log, 4, 5, &[]);
    let ok = run(&good, &policy).unwrap();
    assert_eq!((ok.leaf_index, ok.tree_size), (4, 5));
    for bad in [5u64, 6, 1 << 62, 9223372036854775807] {
        let text = good
            .text
            .replace("leaf_index=4\n", &format!("leaf_index={bad}\n"));
        let b = Built {
            text,
            message: good.message,
            signer: good.signer,
        };
        assert_eq!(
            run(&b, &policy),
            Err(VerifyError::Inclusion(MerkleError::IndexOutOfRange)),
            "{bad}"
        );
    }
}

#[test]
fn origin_comes_from_the_policy_key_not_the_proof() {
    // The log signs a body whose origin names another key hash: the
    // signature is valid for that body, but we only ever check the body
    // with the origin derived from the policy's log key.
    let log = key(2);
    let other = key(4);
    let policy = format!("log {}\nquorum none\n", pk(&log));
    assert_eq!(
        run(&build(&log, &other, 1, 3, &[]), &policy),
        Err(VerifyError::BadLogSignature)
    );
    assert!(run(&build(&log, &log, 1, 3, &[]), &policy).is_ok());
    // A proof naming a log the policy does not know.
    let unknown = format!("log {}\nquorum none\n", pk(&other));
    assert_eq!(
        run(&build(&log, &log, 1, 3, &[]), &unknown),
        Err(VerifyError::UnknownLog)
    );
}

#[test]
fn invalid_known_cosignatures_are_ignored_and_timestamps_are_exact() {
    let log = key(2);
    let (a, b, c) = (key(5), key(6), key(7));
    let unknown = key(8);
    let policy = format!(
        "log {}\nwitness a {}\nwitness b {}\nwitness c {}\ngroup g 2 a b c\nquorum g\n",
        pk(&log),
        pk(&a),
        pk(&b),
        pk(&c)
    );
    // Newest (a, 300) is invalid: it does not count and is not an error;
    // then b (200) and c (200, tie): quorum timestamp 200.
    let p = build(
        &log,
        &log,
        2,
        3,
        &[
            Cosig(&unknown, 999, false),
            Cosig(&c, 200, true),
            Cosig(&a, 300, false),
            Cosig(&b, 200, true),
        ],
    );
    let ok = run(&p, &policy).unwrap();
    assert_eq!(
        (
            ok.cosignatures_verified,
            ok.cosignatures_failed,
            ok.quorum_timestamp
        ),
        (2, 1, Some(200))
    );
    // Valid a (300), c (100), b (200): the quorum (2 of 3) is met by the
    // two newest, so the quorum timestamp is 200 whatever the line order.
    let p = build(
        &log,
        &log,
        2,
        3,
        &[
            Cosig(&c, 100, true),
            Cosig(&a, 300, true),
            Cosig(&b, 200, true),
        ],
    );
    let ok = run(&p, &policy).unwrap();
    assert_eq!(
        (ok.cosignatures_verified, ok.quorum_timestamp),
        (2, Some(200))
    );
    let rule = |now| Freshness {
        now,
        max_age: 1000,
        max_skew: 0,
    };
    assert_eq!(ok.check_freshness(&rule(1200)), Ok(()));
    assert_eq!(
        ok.check_freshness(&rule(1201)),
        Err(FreshnessError::TooOld {
            quorum_timestamp: 200,
            age: 1001
        })
    );
    // Only one valid: not met, whatever the order.
    let p = build(
        &log,
        &log,
        2,
        3,
        &[
            Cosig(&c, 100, false),
            Cosig(&a, 300, true),
            Cosig(&b, 200, false),
        ],
    );
    assert_eq!(
        run(&p, &policy),
        Err(VerifyError::QuorumNotMet {
            verified: 1,
            failed: 2,
            total_known: 3
        })
    );
}

#[test]
fn size_one_proofs() {
    let log = key(2);
    let w = key(3);
    let policy = format!("log {}\nwitness w {}\nquorum w\n", pk(&log), pk(&w));
    let p = build(&log, &log, 0, 1, &[Cosig(&w, 5, true)]);
    assert!(!p.text.contains("leaf_index"));
    let ok = run(&p, &policy).unwrap();
    assert_eq!((ok.leaf_index, ok.tree_size), (0, 1));
    // The same with a trailing blank line is a parse error.
    let text = p.text.clone() + "\n";
    let b = Built { text, ..p };
    assert!(matches!(run(&b, &policy), Err(VerifyError::Proof(_))));
}

#[test]
fn timestamps_are_not_validated() {
    // As in sigsum-go (doc/sigsum-proof.md: the timestamp is ignored once
    // the cosignature is verified): no future check, no age limit (only the
    // opt-in max-age check); the ASCII path caps them at 2^63 - 1.
    let log = key(2);
    let (w1, w2) = (key(3), key(4));
    let max = 9223372036854775807u64;
    let b = build(
        &log,
        &log,
        2,
        3,
        &[Cosig(&w1, 0, true), Cosig(&w2, max, true)],
    );
    let all = format!(
        "log {}\nwitness a {}\nwitness b {}\ngroup g all a b\nquorum g\n",
        pk(&log),
        pk(&w1),
        pk(&w2)
    );
    let v = run(&b, &all).unwrap();
    assert_eq!((v.cosignatures_verified, v.quorum_timestamp), (2, Some(0)));
    let any = all.replace("group g all", "group g any");
    let v = run(&b, &any).unwrap();
    assert_eq!(
        (v.cosignatures_verified, v.quorum_timestamp),
        (1, Some(max))
    );
    // Twin: one more is not a valid ASCII timestamp.
    let text = b
        .text
        .replace(" 9223372036854775807 ", " 9223372036854775808 ");
    assert_ne!(text, b.text);
    let policy = Policy::from_text(any.as_bytes()).unwrap();
    match verify_bytes(
        &b.message,
        &[b.signer],
        &policy,
        text.as_bytes(),
        &DefaultBackend,
    ) {
        Err(VerifyError::Proof(e)) => assert_eq!(
            e.kind,
            sigsum_core::ProofErrorKind::BadValue {
                key: "cosignature",
                field: 1,
                error: sigsum_core::EncodingError::DecimalRange
            }
        ),
        other => panic!("{other:?}"),
    }
}

/// A `TrustPolicy` that breaks its contract: asked for the log of key hash
/// `h`, it answers with a key whose hash is not `h` (here: the real policy's
/// answer for `redirect`'s hash, whatever `h` was asked).
struct LyingLogKey<'a> {
    inner: &'a Policy<'a>,
    redirect: sigsum_core::Hash,
}

impl sigsum_core::TrustPolicy for LyingLogKey<'_> {
    fn log_key(&self, _: &Hash) -> Option<PublicKey> {
        self.inner.log_key(&self.redirect)
    }
    fn witness(&self, h: &Hash) -> Option<(u8, PublicKey)> {
        self.inner.witness(h)
    }
    fn is_satisfied(&self, v: &sigsum_core::WitnessSet) -> bool {
        self.inner.is_satisfied(v)
    }
}

/// The log signature is checked under the origin of the key the policy
/// returns, cosignatures under the proof's `log=`: the verifier checks
/// that the returned key really has the asked-for hash, so a policy that
/// answers with another log's key cannot tie the two to different logs.
#[test]
fn policy_log_key_must_hash_to_the_proofs_log() {
    let log = key(2);
    let other = key(4);
    let witness = key(9);
    let policy_text = format!(
        "log {}\nlog {}\nwitness w {}\nquorum w\n",
        pk(&log),
        pk(&other),
        pk(&witness)
    );
    let policy = Policy::from_text(policy_text.as_bytes()).unwrap();
    // The proof names `log`, but the tree head is signed by `other` over
    // `other`'s origin, and cosigned over that body too.
    let b = build(&other, &other, 1, 3, &[Cosig(&witness, 100, true)]);
    let text = b
        .text
        .replacen(&hex(&other.key_hash), &hex(&log.key_hash), 1);
    let lying = LyingLogKey {
        inner: &policy,
        redirect: Hash(other.key_hash),
    };
    assert_eq!(
        verify_bytes(
            &b.message,
            &[b.signer],
            &lying,
            text.as_bytes(),
            &DefaultBackend
        ),
        Err(VerifyError::UnknownLog)
    );
    // Twin: the same policy on the untouched proof (naming `other`, so the
    // returned key does hash to `log=`) verifies.
    assert!(verify_bytes(
        &b.message,
        &[b.signer],
        &LyingLogKey {
            inner: &policy,
            redirect: Hash(other.key_hash)
        },
        b.text.as_bytes(),
        &DefaultBackend
    )
    .is_ok());
}

/// Every verification failure has its own message (the text the CLI,
/// the C detail and the bindings show).
#[test]
fn verify_error_messages() {
    let proof_error = sigsum_core::Proof::parse(b"version=3\n").unwrap_err();
    let cases = [
        (
            VerifyError::Proof(proof_error),
            "malformed proof: line 1: unknown proof version 3",
        ),
        (VerifyError::NoPolicy, "no policy given"),
        (
            VerifyError::ShortChecksumMismatch,
            "short checksum mismatch: the version 1 proof is for another message",
        ),
        (
            VerifyError::UnknownSignerKey,
            "unknown signer key: the leaf key hash matches none of the given keys",
        ),
        (
            VerifyError::UnknownLog,
            "unknown log: the policy does not list the proof's log",
        ),
        (
            VerifyError::Inclusion(MerkleError::IndexOutOfRange),
            "inclusion proof failed: leaf index out of range",
        ),
        (VerifyError::BadLeafSignature, "bad leaf signature"),
        (VerifyError::BadLogSignature, "bad log signature"),
        (
            VerifyError::QuorumNotMet {
                verified: 1,
                failed: 2,
                total_known: 5,
            },
            "quorum not met: 1 valid and 2 invalid of 5 cosignatures from known witnesses",
        ),
    ];
    for (e, want) in cases {
        assert_eq!(e.to_string(), want, "{e:?}");
    }
}
