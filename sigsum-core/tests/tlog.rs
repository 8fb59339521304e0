//! C2SP: tlog-policy, cosigned checkpoints of any log, tlog-proof. Every
//! accepted input has reject twins with the exact error.

#![cfg(feature = "parsers")]

use sigsum_core::{
    hash_leaf, verify_tlog_checkpoint, verify_tlog_proof, CheckpointError, DefaultBackend, Hash,
    MerkleError, NoteError, PolicyError, PolicyErrorKind, QuorumTime, TlogError, TlogKeyMaterial,
    TlogOptions, TlogPolicy, TlogProof, TlogProofError, TlogProofErrorKind, TrustPolicy,
    WitnessSet, MAX_TLOG_SIGNATURE_LINES,
};
use testkit::note::{base64, hex, public_key, signature_line};
use testkit::tlog::{policy, vkey, Log, Witness};

const ORIGIN: &str = "example.com/log";

fn witnesses(n: u8) -> Vec<Witness> {
    (0..n).map(Witness::new).collect()
}

fn strict() -> TlogOptions {
    TlogOptions {
        reject_invalid_cosignatures: true,
    }
}

fn leaf(i: u64) -> Hash {
    Hash(testkit::merkle::test_leaf(i))
}

/// A 2-of-3 policy, the log of 10 leaves, and a note cosigned by W0 and W2.
fn setup() -> (Log, Vec<Witness>, String) {
    let log = Log::new(ORIGIN, 10);
    let ws = witnesses(3);
    let text = policy(&log, &ws, "group G 2 W0 W1 W2\nquorum G\n");
    (log, ws, text)
}

fn verify_note(policy: &TlogPolicy<'_>, note: &str) -> Result<(u64, Option<u64>, u32), TlogError> {
    verify_tlog_checkpoint(
        note.as_bytes(),
        policy,
        &DefaultBackend,
        &TlogOptions::default(),
    )
    .map(|c| {
        (
            c.tree_head.size,
            c.quorum_time.timestamp(),
            c.signature_checks,
        )
    })
}

// ---------------------------------------------------------------- policy

#[test]
fn policy_accepts_the_spec_grammar_with_vkeys() {
    let (log, ws, _) = setup();
    let text = format!(
        "  # indented comment\n\tlog {} https://log.example  \n\nwitness X1 {}\nwitness X2 {}\n\
         witness Y1 {} https://y1.example\ngroup X-witnesses 2 X1 X2\ngroup Y any Y1\n\
         group X-and-Y all X-witnesses Y\nquorum X-and-Y   \n",
        log.vkey(),
        ws[0].vkey(),
        ws[1].vkey(),
        ws[2].vkey()
    );
    let p = TlogPolicy::parse(text.as_bytes()).unwrap();
    let logs: Vec<_> = p.logs().collect();
    assert_eq!(logs.len(), 1);
    assert_eq!(logs[0].key.name, ORIGIN);
    assert_eq!(logs[0].url, Some(&b"https://log.example"[..]));
    let names: Vec<_> = p.witnesses().map(|w| w.name).collect();
    assert_eq!(names, [&b"X1"[..], b"X2", b"Y1"]);
    assert_eq!(p.witnesses().nth(1).unwrap().key.name, "witness1.example");
    let set = |ix: &[u8]| {
        let mut s = WitnessSet::EMPTY;
        ix.iter().for_each(|i| s.insert(*i));
        s
    };
    assert!(p.is_satisfied(&set(&[0, 1, 2])));
    assert!(!p.is_satisfied(&set(&[0, 2])));
    assert!(!p.is_satisfied(&set(&[0, 1])));
}

fn policy_err(text: &str) -> PolicyError {
    TlogPolicy::parse(text.as_bytes()).unwrap_err()
}

#[test]
fn policy_reject_twins() {
    let (log, ws, good) = setup();
    assert!(TlogPolicy::parse(good.as_bytes()).is_ok());
    let e = |line, kind| PolicyError { line, kind };
    // CRLF: only TAB and LF are allowed control bytes.
    assert_eq!(
        policy_err(&good.replace('\n', "\r\n")),
        e(1, PolicyErrorKind::ControlCharacter(b'\r'))
    );
    // A log key of a cosigner type, a witness key of the log type.
    let w0 = ws[0].vkey();
    assert_eq!(
        policy_err(&good.replacen(&log.vkey(), &w0, 1)),
        e(1, PolicyErrorKind::VkeyType { found: 0x04 })
    );
    assert_eq!(
        policy_err(&good.replacen(&w0, &log.vkey(), 1)),
        e(2, PolicyErrorKind::VkeyType { found: 0x01 })
    );
    // An unknown type (0x05, RFC 6962 tree head signatures).
    let k = public_key(ws[0].seed);
    assert_eq!(
        policy_err(&good.replacen(&w0, &vkey("w", 0x05, &k), 1)),
        e(
            2,
            PolicyErrorKind::InvalidVkey(sigsum_core::KeyErrorKind::VkeyType { found: 5 })
        )
    );
    // Key id flipped; name changed (the id no longer matches).
    let mut flipped = w0.clone().into_bytes();
    let plus = w0.find('+').unwrap();
    flipped[plus + 1] = if flipped[plus + 1] == b'0' {
        b'1'
    } else {
        b'0'
    };
    let flipped = String::from_utf8(flipped).unwrap();
    assert_eq!(
        policy_err(&good.replacen(&w0, &flipped, 1)),
        e(
            2,
            PolicyErrorKind::InvalidVkey(sigsum_core::KeyErrorKind::VkeyKeyIdMismatch)
        )
    );
    // Truncated and extended key material.
    let (head, tail) = w0.rsplit_once('+').unwrap();
    let short = format!("{head}+{}", &tail[..tail.len() - 4]);
    assert_eq!(
        policy_err(&good.replacen(&w0, &short, 1)),
        e(
            2,
            PolicyErrorKind::InvalidVkey(sigsum_core::KeyErrorKind::VkeyKeyLength)
        )
    );
    let mut long = vec![0x04];
    long.extend_from_slice(&k);
    long.push(0);
    let long = format!("{head}+{}", base64(&long));
    assert!(matches!(
        policy_err(&good.replacen(&w0, &long, 1)).kind,
        PolicyErrorKind::InvalidVkey(_)
    ));
    // The same key under another name is a duplicate (tlog-policy).
    let dup = format!(
        "{good}witness W9 {}\n",
        vkey("other.example", 0x04, &public_key(ws[1].seed))
    );
    assert_eq!(policy_err(&dup), e(7, PolicyErrorKind::DuplicateWitness));
    let dup_log = format!(
        "log {}\n{good}",
        vkey("other.example/log", 0x01, &public_key(log.seed))
    );
    assert_eq!(policy_err(&dup_log), e(2, PolicyErrorKind::DuplicateLog));
    // none as a member, k out of range, undefined names, second quorum.
    assert_eq!(
        policy_err(&good.replace("group G 2 W0 W1 W2", "group G 2 W0 none W2")),
        e(5, PolicyErrorKind::NoneAsMember)
    );
    assert_eq!(
        policy_err(&good.replace("group G 2", "group G 4")),
        e(5, PolicyErrorKind::ThresholdOutOfRange)
    );
    assert_eq!(
        policy_err(&good.replace("group G 2", "group G 0")),
        e(5, PolicyErrorKind::ThresholdOutOfRange)
    );
    assert_eq!(
        policy_err(&good.replace("W1 W2", "W1 W1")),
        e(5, PolicyErrorKind::AlreadyMember)
    );
    assert_eq!(
        policy_err(&format!("{good}quorum none\n")),
        e(7, PolicyErrorKind::QuorumRedefined)
    );
    assert_eq!(
        policy_err(&good.replace("quorum G\n", "")),
        e(0, PolicyErrorKind::NoQuorum)
    );
    // A byte 0x7f, a control byte in a comment.
    assert_eq!(
        policy_err(&format!("# x\x7f\n{good}")),
        e(1, PolicyErrorKind::ControlCharacter(0x7f))
    );
    assert_eq!(
        policy_err(&format!("# x\x01\n{good}")),
        e(1, PolicyErrorKind::ControlCharacter(0x01))
    );
}

/// A vkey of any key bytes (for ML-DSA-44 keys of 1312 bytes).
fn any_vkey(name: &str, sig_type: u8, key: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    h.update(name.as_bytes());
    h.update([b'\n', sig_type]);
    h.update(key);
    let id = h.finalize();
    let mut data = vec![sig_type];
    data.extend_from_slice(key);
    format!("{name}+{}+{}", hex(&id[..4]), base64(&data))
}

#[test]
fn policy_holds_mldsa_witnesses_by_reference() {
    let (log, ws, _) = setup();
    let key: Vec<u8> = (0..1312u32).map(|i| (i * 7 % 251) as u8).collect();
    let mldsa = any_vkey("pq.example", 0x06, &key);
    let text = format!(
        "log {}\nwitness A {}\nwitness PQ {mldsa}\ngroup G all A PQ\nquorum G\n",
        log.vkey(),
        ws[0].vkey()
    );
    let p = TlogPolicy::parse(text.as_bytes()).unwrap();
    let pq = p.witnesses().nth(1).unwrap();
    assert_eq!(pq.key.sig_type, 0x06);
    assert!(matches!(pq.key.material, TlogKeyMaterial::MlDsa44 { .. }));
    // As a Sigsum TrustPolicy, only the Ed25519 witness is visible.
    let a = public_key(ws[0].seed);
    let a_hash = Hash(testkit::merkle::sha256(&a));
    assert_eq!(p.witness(&a_hash).map(|(i, _)| i), Some(0));
    if let TlogKeyMaterial::MlDsa44 { key_hash, .. } = pq.key.material {
        assert_eq!(key_hash.0, testkit::merkle::sha256(&key));
        let standin = Hash(testkit::merkle::sha256(&key_hash.0));
        assert_eq!(p.witness(&standin), None);
    }
    // Reject twins: 1311 and 1313 bytes, the id of another type.
    for bad in [&key[..1311], &[&key[..], &[0][..]].concat()[..]] {
        let v = any_vkey("pq.example", 0x06, bad);
        let t = text.replace(&mldsa, &v);
        assert_eq!(
            policy_err(&t),
            PolicyError {
                line: 3,
                kind: PolicyErrorKind::InvalidVkey(sigsum_core::KeyErrorKind::VkeyKeyLength)
            }
        );
    }
    // The same ML-DSA key twice, under two names, is a duplicate.
    let twice = format!(
        "{}witness PQ2 {}\n",
        text.replace("group G all A PQ\nquorum G\n", ""),
        any_vkey("pq2.example", 0x06, &key)
    );
    assert_eq!(
        policy_err(&format!("{twice}quorum A\n")),
        PolicyError {
            line: 4,
            kind: PolicyErrorKind::DuplicateWitness
        }
    );
    // The compiled Sigsum format cannot hold it: a clear error.
    let mut buf = [0u8; 4096];
    assert_eq!(
        p.compile(&mut buf).unwrap_err(),
        sigsum_core::CompileError::MlDsaWitness { witness: 1 }
    );
}

/// The Sigsum policy engine and the tlog-policy engine agree on every
/// policy of the shared grammar (keys rewritten as vkeys).
#[test]
fn policy_differential_against_sigsum_policies() {
    use sigsum_core::TextPolicy;
    use testkit::policy::RandomPolicy;
    for seed in 0..300u64 {
        let rp = RandomPolicy::generate(seed, 3, 12, 6, 5);
        let sigsum_text = rp.render(seed);
        let sigsum = TextPolicy::parse(&sigsum_text).unwrap();
        let tlog_text = to_tlog_policy(&sigsum_text);
        let tlog = TlogPolicy::parse(tlog_text.as_bytes())
            .unwrap_or_else(|e| panic!("seed {seed}: {e}\n{tlog_text}"));
        let n = sigsum.witness_count();
        assert_eq!(tlog.witnesses().count(), n);
        let mut rng = testkit::policy::Rng::new(seed);
        for _ in 0..64 {
            let mut set = WitnessSet::EMPTY;
            for i in 0..n {
                if rng.chance(1, 2) {
                    set.insert(i as u8);
                }
            }
            assert_eq!(
                tlog.is_satisfied(&set),
                sigsum.is_satisfied(&set),
                "seed {seed}"
            );
            let avail = WitnessSet::EMPTY;
            assert_eq!(tlog.missing(&set, &avail), sigsum.missing(&set, &avail));
        }
        for w in sigsum.witnesses() {
            assert_eq!(tlog.witness(&w.key_hash), sigsum.witness(&w.key_hash));
        }
        for l in sigsum.logs() {
            assert_eq!(tlog.log_key(&l.key_hash), Some(l.key));
        }
    }
}

/// A Sigsum policy text with its hex keys rewritten as vkeys (logs named
/// by their Sigsum origin, witnesses `c.example`), everything else kept.
fn to_tlog_policy(sigsum_text: &[u8]) -> String {
    let mut tlog_text = String::new();
    for line in String::from_utf8_lossy(sigsum_text)
        .replace("\r\n", "\n")
        .lines()
    {
        let fields: Vec<&str> = line.split([' ', '\t']).filter(|f| !f.is_empty()).collect();
        let (head, key, rest) = match fields.first().copied() {
            Some("log") => ("log".to_string(), hex_key(fields[1]), &fields[2..]),
            Some("witness") => (
                format!("witness {}", fields[1]),
                hex_key(fields[2]),
                &fields[3..],
            ),
            _ => {
                tlog_text.push_str(line);
                tlog_text.push('\n');
                continue;
            }
        };
        let v = if head == "log" {
            vkey(&testkit::note::sigsum_origin(&key), 0x01, &key)
        } else {
            vkey("c.example", 0x04, &key)
        };
        tlog_text.push_str(&format!("{head} {v}"));
        for f in rest {
            tlog_text.push(' ');
            tlog_text.push_str(f);
        }
        tlog_text.push('\n');
    }
    tlog_text
}

/// A Sigsum proof verifies under the tlog-policy rewrite of its policy,
/// directly and through a prepared policy (which lists the policy's keys:
/// the logs and the Ed25519 witnesses, not the ML-DSA ones); lookups by
/// name and the quorum node are the Sigsum policy's.
#[test]
fn sigsum_proof_under_a_tlog_policy() {
    use sigsum_core::{sha256, verify, KeyFile, PolicyKeys, PreparedPolicy, Proof, TextPolicy};
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/vectors/real/");
    let read = |name: &str| std::fs::read(format!("{dir}{name}")).unwrap();
    let sigsum_text = read("sigsum-test-2025-3.policy");
    let sigsum = TextPolicy::parse(&sigsum_text).unwrap();
    let mut tlog_text = to_tlog_policy(&sigsum_text);
    // An ML-DSA witness outside the quorum: listed by name, not as a key.
    let pq: Vec<u8> = (0..1312u32).map(|i| i as u8).collect();
    tlog_text.push_str(&format!(
        "witness PQ {}\n",
        any_vkey("pq.example", 0x06, &pq)
    ));
    let tlog = TlogPolicy::parse(tlog_text.as_bytes()).unwrap();
    for w in sigsum.witnesses() {
        assert_eq!(tlog.find(w.name), sigsum.find(w.name));
    }
    for g in sigsum.groups() {
        assert_eq!(tlog.find(g.name), sigsum.find(g.name));
    }
    assert!(tlog.find(b"PQ").is_some());
    assert_eq!(tlog.find(b"nobody"), None);
    assert_eq!(tlog.quorum(), sigsum.quorum());
    assert!(tlog.quorum().is_some());
    let mut listed = (Vec::new(), Vec::new());
    tlog.for_each_key(&mut |i, k| match i {
        None => listed.0.push(k.0),
        Some(i) => listed.1.push((i, k.0)),
    });
    let mut expected = (Vec::new(), Vec::new());
    sigsum.for_each_key(&mut |i, k| match i {
        None => expected.0.push(k.0),
        Some(i) => expected.1.push((i, k.0)),
    });
    assert_eq!(listed, expected);
    let keys: Vec<_> = KeyFile::parse(&read("serviceberry-signer.pub"))
        .unwrap()
        .keys()
        .map(|l| l.key.key)
        .collect();
    let proof_text = read("serviceberry-v2.proof");
    let proof = Proof::parse(&proof_text).unwrap();
    let msg = sha256(&read("serviceberry.message"));
    let direct = verify(&msg, &keys, &tlog, &proof, &DefaultBackend).unwrap();
    assert_eq!(direct.tree_size, 381382);
    let prepared = PreparedPolicy::<_, _, 64>::new(&tlog, &keys, DefaultBackend).unwrap();
    assert_eq!(prepared.verify(&msg, &proof).unwrap().tree_size, 381382);
}

fn hex_key(s: &str) -> [u8; 32] {
    let mut k = [0u8; 32];
    for (i, b) in k.iter_mut().enumerate() {
        *b = u8::from_str_radix(&s[2 * i..2 * i + 2], 16).unwrap();
    }
    k
}

// ---------------------------------------------------------------- checkpoints

#[test]
fn checkpoint_with_quorum_verifies_with_timestamps() {
    let (log, ws, ptext) = setup();
    let p = TlogPolicy::parse(ptext.as_bytes()).unwrap();
    let text = log.text(&[]);
    let note = log.note(&text, &[(&ws[0], 1000), (&ws[2], 2000)]);
    let c = verify_tlog_checkpoint(note.as_bytes(), &p, &DefaultBackend, &strict()).unwrap();
    assert_eq!(c.origin, ORIGIN);
    assert_eq!(c.tree_head.size, 10);
    assert_eq!(c.log, 0);
    assert_eq!(c.signature_checks, 3);
    assert_eq!(c.cosignatures().collect::<Vec<_>>(), [(0, 1000), (2, 2000)]);
    assert_eq!(c.timestamp(1), None);
    assert_eq!(c.quorum_time, QuorumTime::At(1000));
    assert_eq!(c.median_timestamp(), Some(1000));
    // Three cosigners: quorum time is the second newest, median the middle.
    let note3 = log.note(&text, &[(&ws[0], 1000), (&ws[1], 3000), (&ws[2], 2000)]);
    let c = verify_tlog_checkpoint(note3.as_bytes(), &p, &DefaultBackend, &strict()).unwrap();
    assert_eq!(c.quorum_time, QuorumTime::At(2000));
    assert_eq!(c.median_timestamp(), Some(2000));
    let fresh = sigsum_core::Freshness {
        now: 2100,
        max_age: 100,
        max_skew: 0,
    };
    assert_eq!(c.check_freshness(&fresh), Ok(()));
    let stale = sigsum_core::Freshness {
        max_age: 99,
        ..fresh
    };
    assert!(c.check_freshness(&stale).is_err());
}

#[test]
fn checkpoint_extension_lines_are_cosigned() {
    let (log, ws, ptext) = setup();
    let p = TlogPolicy::parse(ptext.as_bytes()).unwrap();
    let text = log.text(&["ext one", "ext two"]);
    let note = log.note(&text, &[(&ws[0], 5), (&ws[1], 6)]);
    let c = verify_tlog_checkpoint(note.as_bytes(), &p, &DefaultBackend, &strict()).unwrap();
    assert_eq!(c.extensions, b"ext one\next two\n");
    // A cosignature over the first three lines only does not verify.
    let short = log.text(&[]);
    let mut forged = format!("{text}\n");
    forged.push_str(&testkit::note::log_signature_line(log.seed, ORIGIN, &text));
    forged.push_str(&ws[0].cosign(5, &text));
    forged.push_str(&ws[1].cosign(6, &short));
    assert_eq!(
        verify_note(&p, &forged),
        Err(TlogError::QuorumNotMet {
            verified: 1,
            failed: 1,
            unsupported: 0
        })
    );
    let e = verify_tlog_checkpoint(forged.as_bytes(), &p, &DefaultBackend, &strict());
    assert_eq!(e.unwrap_err(), TlogError::BadCosignature { line: 9 });
}

#[test]
fn checkpoint_ignores_unknown_signatures_of_any_type_and_size() {
    let (log, ws, ptext) = setup();
    let p = TlogPolicy::parse(ptext.as_bytes()).unwrap();
    let text = log.text(&[]);
    let mut note = log.note(&text, &[(&ws[0], 1), (&ws[1], 2)]);
    // An ML-DSA-sized line (2432 bytes, about 3.3 KB of base64), an ECDSA
    // one, a 4-byte one, all from unknown keys; an unknown witness's
    // cosignature; a line with a known name but another key id.
    note.push_str(&signature_line("pq.example", [6; 4], &vec![0xab; 2428]));
    note.push_str(&signature_line("ecdsa.example", [2; 4], &[1; 71]));
    note.push_str(&signature_line("tiny.example", [0; 4], &[]));
    note.push_str(&Witness::new(9).cosign(3, &text));
    note.push_str(&signature_line(&ws[2].name, [9; 4], &[0; 72]));
    let c = verify_tlog_checkpoint(note.as_bytes(), &p, &DefaultBackend, &strict()).unwrap();
    assert_eq!(c.signature_checks, 3);
    assert_eq!(c.failed, WitnessSet::EMPTY);
}

#[test]
fn checkpoint_reject_twins() {
    let (log, ws, ptext) = setup();
    let p = TlogPolicy::parse(ptext.as_bytes()).unwrap();
    let text = log.text(&[]);
    let good = log.note(&text, &[(&ws[0], 1), (&ws[1], 2)]);
    assert!(verify_note(&p, &good).is_ok());
    let sig_lines: Vec<&str> = good.lines().skip(4).collect();
    // Unknown origin: another log's checkpoint.
    let other = Log::new("example.com/other", 10);
    let other_text = other.text(&[]);
    let other_note = other.note(&other_text, &[(&ws[0], 1), (&ws[1], 2)]);
    assert_eq!(verify_note(&p, &other_note), Err(TlogError::UnknownOrigin));
    // No log signature.
    let unsigned = format!("{text}\n{}\n{}\n", sig_lines[1], sig_lines[2]);
    assert_eq!(verify_note(&p, &unsigned), Err(TlogError::NoLogSignature));
    // Log signature over another text (size changed).
    let mut tampered = good.replacen("\n10\n", "\n11\n", 1);
    assert_eq!(
        verify_note(&p, &tampered),
        Err(TlogError::BadLogSignature { line: 5 })
    );
    // Root flipped.
    let root = base64(&log.tree.root(10));
    let other_root = base64(&log.tree.root(9));
    tampered = good.replacen(&root, &other_root, 1);
    assert_eq!(
        verify_note(&p, &tampered),
        Err(TlogError::BadLogSignature { line: 5 })
    );
    // A signature from another key with the log's name and id is checked
    // and fails (known key).
    let forged = testkit::note::log_signature_line([9; 32], ORIGIN, &text);
    let forged = forged.replacen(
        &forged[forged.rfind(' ').unwrap() + 1..forged.rfind(' ').unwrap() + 7],
        &sig_lines[0][sig_lines[0].rfind(' ').unwrap() + 1..sig_lines[0].rfind(' ').unwrap() + 7],
        1,
    );
    let with_forged = format!("{text}\n{forged}{}\n{}\n", sig_lines[1], sig_lines[2]);
    assert_eq!(
        verify_note(&p, &with_forged),
        Err(TlogError::BadLogSignature { line: 5 })
    );
    // Quorum not met: one cosignature dropped.
    let one = format!("{text}\n{}\n{}\n", sig_lines[0], sig_lines[1]);
    assert_eq!(
        verify_note(&p, &one),
        Err(TlogError::QuorumNotMet {
            verified: 1,
            failed: 0,
            unsupported: 0
        })
    );
    // Two lines from the same witness key: a second cosignature of the
    // same size is a note error (below); of another size, still a second
    // line of that witness.
    let k0 = testkit::note::key_id(&ws[0].name, 0x04, &public_key(ws[0].seed));
    let twice = format!("{good}{}", signature_line(&ws[0].name, k0, &[0; 80]));
    assert_eq!(
        verify_note(&p, &twice),
        Err(TlogError::DuplicateCosignature { line: 8, first: 6 })
    );
    // An identical line twice is a note error.
    let same = format!("{good}{}\n", sig_lines[1]);
    assert_eq!(
        verify_note(&p, &same),
        Err(TlogError::Checkpoint(CheckpointError::Note(
            NoteError::DuplicateSignature { line: 8, first: 6 }
        )))
    );
    // A cosignature with a timestamp of 2^63: fails (not counted / strict).
    let big = ws[1].cosign(1 << 63, &text);
    let with_big = format!("{text}\n{}\n{}\n{big}", sig_lines[0], sig_lines[1]);
    assert_eq!(
        verify_note(&p, &with_big),
        Err(TlogError::QuorumNotMet {
            verified: 1,
            failed: 1,
            unsupported: 0
        })
    );
    // A cosignature line of a known witness with the wrong size.
    let k1 = testkit::note::key_id(&ws[1].name, 0x04, &public_key(ws[1].seed));
    let wrong = signature_line(&ws[1].name, k1, &[0; 71]);
    let with_wrong = format!("{text}\n{}\n{}\n{wrong}", sig_lines[0], sig_lines[1]);
    let r = verify_tlog_checkpoint(with_wrong.as_bytes(), &p, &DefaultBackend, &strict());
    assert_eq!(r.unwrap_err(), TlogError::BadCosignature { line: 7 });
    // A CRLF note, a missing final newline.
    assert!(matches!(
        verify_note(&p, &good.replace('\n', "\r\n")),
        Err(TlogError::Checkpoint(CheckpointError::Note(
            NoteError::ControlCharacter { .. }
        )))
    ));
    assert_eq!(
        verify_note(&p, good.trim_end_matches('\n')),
        Err(TlogError::Checkpoint(CheckpointError::Note(
            NoteError::MissingNewline { line: 7 }
        )))
    );
}

#[test]
fn checkpoint_signature_line_limit() {
    let (log, ws, ptext) = setup();
    let p = TlogPolicy::parse(ptext.as_bytes()).unwrap();
    let text = log.text(&[]);
    let base = log.note(&text, &[(&ws[0], 1), (&ws[1], 2)]);
    let mut note = base.clone();
    for i in 0..(MAX_TLOG_SIGNATURE_LINES - 3) {
        note.push_str(&signature_line(&format!("u{i}.example"), [1; 4], &[0; 72]));
    }
    assert!(verify_note(&p, &note).is_ok(), "exactly the limit");
    note.push_str(&signature_line("one-more.example", [1; 4], &[0; 72]));
    assert_eq!(
        verify_note(&p, &note),
        Err(TlogError::Checkpoint(CheckpointError::Note(
            NoteError::TooManySignatures {
                line: 5 + MAX_TLOG_SIGNATURE_LINES as u32
            }
        )))
    );
}

#[test]
fn checkpoint_text_size_limit() {
    let (log, ws, ptext) = setup();
    let p = TlogPolicy::parse(ptext.as_bytes()).unwrap();
    let head = log.text(&[]).len();
    let room = sigsum_core::MAX_TLOG_CHECKPOINT_TEXT_SIZE - head - 1;
    let fits = "x".repeat(room);
    let text = log.text(&[&fits]);
    assert_eq!(text.len(), sigsum_core::MAX_TLOG_CHECKPOINT_TEXT_SIZE);
    let note = log.note(&text, &[(&ws[0], 1), (&ws[1], 2)]);
    assert!(verify_note(&p, &note).is_ok());
    let over = log.text(&[&format!("{fits}x")]);
    let note = log.note(&over, &[(&ws[0], 1), (&ws[1], 2)]);
    assert_eq!(verify_note(&p, &note), Err(TlogError::CheckpointTooLarge));
}

#[test]
fn checkpoint_key_rotation_two_log_keys_for_one_origin() {
    let (log, ws, _) = setup();
    let mut new_log = Log::new(ORIGIN, 10);
    new_log.seed = [8; 32];
    let text = format!(
        "log {}\nlog {}\nwitness A {}\nquorum A\n",
        log.vkey(),
        new_log.vkey(),
        ws[0].vkey()
    );
    let p = TlogPolicy::parse(text.as_bytes()).unwrap();
    let t = new_log.text(&[]);
    let note = new_log.note(&t, &[(&ws[0], 1)]);
    let c = verify_tlog_checkpoint(note.as_bytes(), &p, &DefaultBackend, &strict()).unwrap();
    assert_eq!(c.log, 1);
    let n = log.note(&t, &[(&ws[0], 1)]);
    assert_eq!(
        verify_tlog_checkpoint(n.as_bytes(), &p, &DefaultBackend, &strict())
            .unwrap()
            .log,
        0
    );
}

#[test]
fn checkpoint_quorum_none_needs_only_the_log() {
    let (log, _, _) = setup();
    let text = format!("log {}\nquorum none\n", log.vkey());
    let p = TlogPolicy::parse(text.as_bytes()).unwrap();
    let t = log.text(&[]);
    let note = log.note(&t, &[]);
    let c = verify_tlog_checkpoint(note.as_bytes(), &p, &DefaultBackend, &strict()).unwrap();
    assert_eq!(c.quorum_time, QuorumTime::Unbounded);
    assert_eq!(c.median_timestamp(), None);
    let fresh = sigsum_core::Freshness {
        now: 0,
        max_age: 10,
        max_skew: 0,
    };
    assert_eq!(
        c.check_freshness(&fresh),
        Err(sigsum_core::FreshnessError::NoQuorumTimestamp)
    );
}

// ---------------------------------------------------------------- tlog-proof

#[test]
fn tlog_proof_verifies_every_index() {
    let (log, ws, ptext) = setup();
    let p = TlogPolicy::parse(ptext.as_bytes()).unwrap();
    let text = log.text(&[]);
    let note = log.note(&text, &[(&ws[0], 10), (&ws[1], 20)]);
    for i in 0..10 {
        let extra = (i % 2 == 0).then_some(&b"age-v1.2.1-darwin-arm64.tar.gz"[..]);
        let proof = log.proof(i, extra, &note);
        let v =
            verify_tlog_proof(proof.as_bytes(), &leaf(i), &p, &DefaultBackend, &strict()).unwrap();
        assert_eq!(v.index, i);
        assert_eq!(v.checkpoint.tree_head.size, 10);
        assert_eq!(v.checkpoint.quorum_time, QuorumTime::At(10));
        match (extra, v.unauthenticated_extra) {
            (Some(e), Some(u)) => {
                let mut buf = [0u8; 64];
                assert_eq!(u.decode(&mut buf).unwrap(), e);
                assert_eq!(u.len(), e.len());
                assert!(!u.is_empty());
                assert_eq!(u.base64(), base64(e).as_bytes());
            }
            (None, None) => {}
            other => panic!("{other:?}"),
        }
        // Wrong leaf, neighbouring index.
        let wrong = verify_tlog_proof(
            proof.as_bytes(),
            &leaf((i + 1) % 10),
            &p,
            &DefaultBackend,
            &strict(),
        );
        assert_eq!(
            wrong.unwrap_err(),
            TlogError::Inclusion(MerkleError::RootMismatch)
        );
    }
}

#[test]
fn tlog_proof_rfc6962_leaf_hash_of_entry_bytes() {
    let entry = b"hello, transparency";
    let tree = testkit::merkle::Tree::new(vec![
        testkit::merkle::leaf_hash(b"a"),
        testkit::merkle::leaf_hash(entry),
        testkit::merkle::leaf_hash(b"c"),
    ]);
    let log = Log {
        seed: [7; 32],
        origin: ORIGIN.into(),
        tree,
    };
    let ws = witnesses(1);
    let p = policy(&log, &ws, "quorum W0\n");
    let p = TlogPolicy::parse(p.as_bytes()).unwrap();
    let note = log.note(&log.text(&[]), &[(&ws[0], 1)]);
    let proof = log.proof(1, None, &note);
    let opts = TlogOptions::default();
    assert!(verify_tlog_proof(
        proof.as_bytes(),
        &hash_leaf(entry),
        &p,
        &DefaultBackend,
        &opts
    )
    .is_ok());
    assert!(verify_tlog_proof(
        proof.as_bytes(),
        &hash_leaf(b"hello"),
        &p,
        &DefaultBackend,
        &opts
    )
    .is_err());
}

fn proof_err(text: &str) -> TlogProofError {
    TlogProof::parse(text.as_bytes()).unwrap_err()
}

#[test]
fn tlog_proof_reject_twins() {
    let (log, ws, ptext) = setup();
    let p = TlogPolicy::parse(ptext.as_bytes()).unwrap();
    let note = log.note(&log.text(&[]), &[(&ws[0], 10), (&ws[1], 20)]);
    let good = log.proof(3, Some(b"xyz"), &note);
    assert!(TlogProof::parse(good.as_bytes()).is_ok());
    let e = |line, kind| TlogProofError { line, kind };
    use TlogProofErrorKind as K;
    assert_eq!(proof_err(&good.replacen("@v1", "@v2", 1)), e(1, K::Header));
    assert_eq!(
        proof_err(&good.replacen("c2sp.org", "C2SP.org", 1)),
        e(1, K::Header)
    );
    assert_eq!(proof_err(&format!(" {good}")), e(1, K::Header));
    assert_eq!(proof_err(""), e(1, K::MissingCheckpoint));
    assert_eq!(proof_err("c2sp.org/tlog-proof@v1"), e(1, K::MissingNewline));
    assert_eq!(
        proof_err(&good.replacen("extra eHl6", "extra ", 1)),
        e(2, K::EmptyExtra)
    );
    assert_eq!(
        proof_err(&good.replacen("extra eHl6", "extra eHl", 1)),
        e(2, K::ExtraBase64(sigsum_core::EncodingError::Base64Syntax))
    );
    assert_eq!(
        proof_err(&good.replacen("extra eHl6", "extra  eHl6", 1)),
        e(2, K::ExtraBase64(sigsum_core::EncodingError::Base64Syntax))
    );
    // The extra line after the index, or twice.
    assert_eq!(
        proof_err(&good.replacen("extra eHl6\nindex 3\n", "index 3\nextra eHl6\n", 1)),
        e(3, K::PathHash(sigsum_core::EncodingError::Base64Length))
    );
    assert_eq!(
        proof_err(&good.replacen("extra eHl6\n", "extra eHl6\nextra eHl6\n", 1)),
        e(3, K::MissingIndex)
    );
    assert_eq!(
        proof_err(&good.replacen("index 3", "index 03", 1)).kind,
        K::Index(sigsum_core::EncodingError::DecimalLeadingZero)
    );
    assert_eq!(proof_err(&good.replacen("index 3", "index +3", 1)).line, 3);
    assert_eq!(proof_err(&good.replacen("index 3", "index  3", 1)).line, 3);
    assert_eq!(
        proof_err(&good.replacen("index 3", "Index 3", 1)),
        e(3, K::MissingIndex)
    );
    assert_eq!(
        proof_err(&good.replacen("index 3", "index 9223372036854775808", 1)).kind,
        K::Index(sigsum_core::EncodingError::DecimalRange)
    );
    // Path lines: a character flipped to non-base64, truncated, extended,
    // a CR.
    let path = log.tree.inclusion_proof(3, 10);
    let first = base64(&path[0]);
    assert_eq!(
        proof_err(&good.replacen(&first, &first.replacen(&first[..1], "!", 1), 1)),
        e(4, K::PathHash(sigsum_core::EncodingError::Base64Syntax))
    );
    assert_eq!(proof_err(&good.replacen(&first, &first[..40], 1)).line, 4);
    assert_eq!(
        proof_err(&good.replacen(&first, &format!("{first}AAAA"), 1)).line,
        4
    );
    assert_eq!(
        proof_err(&good.replacen(&format!("{first}\n"), &format!("{first}\r\n"), 1)),
        e(4, K::Character)
    );
    assert_eq!(
        proof_err(&good.replacen("index 3", "index\t3", 1)),
        e(3, K::Character)
    );
    // 64 path lines.
    let many = good.replacen(&format!("{first}\n"), &format!("{first}\n").repeat(62), 1);
    assert_eq!(proof_err(&many), e(4 + 63, K::PathTooLong));
    // No blank line / no checkpoint.
    let cut = good.find("\n\n").unwrap();
    assert_eq!(
        proof_err(&good[..=cut]),
        e(4 + path.len() as u32, K::MissingCheckpoint)
    );
    assert_eq!(
        proof_err(&good[..cut + 2]),
        e(5 + path.len() as u32, K::MissingCheckpoint)
    );
    // The checkpoint's own errors, located.
    let bad_cp = good.replacen("\n10\n", "\n010\n", 1);
    assert_eq!(
        proof_err(&bad_cp),
        e(
            5 + path.len() as u32,
            K::Checkpoint(CheckpointError::Size(
                sigsum_core::EncodingError::DecimalLeadingZero
            ))
        )
    );
    // Verification twins: index out of range, path truncated / extended.
    let opts = TlogOptions::default();
    let v = |t: &str, i: u64| {
        verify_tlog_proof(t.as_bytes(), &leaf(i), &p, &DefaultBackend, &opts).map(|_| ())
    };
    assert!(v(&good, 3).is_ok());
    let oob = good.replacen("index 3", "index 10", 1);
    assert_eq!(
        v(&oob, 3).unwrap_err(),
        TlogError::Inclusion(MerkleError::IndexOutOfRange)
    );
    let last = base64(path.last().unwrap());
    let truncated = good.replacen(&format!("{last}\n\n"), "\n", 1);
    assert!(matches!(
        v(&truncated, 3).unwrap_err(),
        TlogError::Inclusion(MerkleError::PathTooShort { .. })
    ));
    let extended = good.replacen(&format!("{last}\n\n"), &format!("{last}\n{last}\n\n"), 1);
    assert!(matches!(
        v(&extended, 3).unwrap_err(),
        TlogError::Inclusion(MerkleError::PathTooLong { .. })
    ));
    // Another index with the same path.
    assert_eq!(
        v(&good.replacen("index 3", "index 2", 1), 3).unwrap_err(),
        TlogError::Inclusion(MerkleError::RootMismatch)
    );
    // The checkpoint's verification errors come through.
    let one = log.note(&log.text(&[]), &[(&ws[0], 10)]);
    assert_eq!(
        v(&log.proof(3, None, &one), 3).unwrap_err(),
        TlogError::QuorumNotMet {
            verified: 1,
            failed: 0,
            unsupported: 0
        }
    );
}

// ---------------------------------------------------------------- ML-DSA-44

/// A checkpoint cosigned by an Ed25519 witness and an ML-DSA-44 witness
/// (testkit signs with RustCrypto `ml-dsa`; the message layout is
/// cross-checked against Go, Python and JavaScript implementations in
/// tests/vectors/mldsa/). With the `mldsa` feature the ML-DSA cosignature
/// counts; without it, it is reported as not checked and the quorum fails.
#[test]
fn mldsa_witness_in_a_quorum() {
    let log = Log::new(ORIGIN, 10);
    let ed = Witness::new(0);
    let pq_seed = [61u8; 32];
    let pq_name = "pq-witness.example";
    let ptext = format!(
        "log {}\nwitness ED {}\nwitness PQ {}\ngroup G all ED PQ\nquorum G\n",
        log.vkey(),
        ed.vkey(),
        testkit::mldsa::vkey(pq_seed, pq_name)
    );
    let p = TlogPolicy::parse(ptext.as_bytes()).unwrap();
    let root = log.tree.root(10);
    let pq_line = |ts: u64, name: &str, origin: &str, size: u64| {
        testkit::mldsa::cosignature_line(pq_seed, name, ts, origin, size, &root)
    };
    for extensions in [&[][..], &["ext line"][..]] {
        let text = log.text(extensions);
        let note = format!(
            "{}{}",
            log.note(&text, &[(&ed, 100)]),
            pq_line(200, pq_name, ORIGIN, 10)
        );
        let r = verify_tlog_checkpoint(note.as_bytes(), &p, &DefaultBackend, &strict());
        if cfg!(feature = "mldsa") {
            let c = r.unwrap();
            assert_eq!(c.cosignatures().collect::<Vec<_>>(), [(0, 100), (1, 200)]);
            assert_eq!(c.quorum_time, QuorumTime::At(100));
            assert_eq!(c.signature_checks, 3);
        } else {
            assert_eq!(
                r.unwrap_err(),
                TlogError::QuorumNotMet {
                    verified: 1,
                    failed: 0,
                    unsupported: 1
                }
            );
        }
    }
    // Reject twins: signed over another size, another origin, or with a
    // timestamp other than the one on the line; a wrong-size line.
    let text = log.text(&[]);
    let base = log.note(&text, &[(&ed, 100)]);
    let lenient = TlogOptions::default();
    let bad = [
        pq_line(200, pq_name, ORIGIN, 9),
        pq_line(200, pq_name, "example.com/other", 10),
        // The ML-DSA line of another witness name: another key id, so not
        // this witness's line at all.
        pq_line(200, "other.example", ORIGIN, 10),
    ];
    for (i, line) in bad.iter().enumerate() {
        let note = format!("{base}{line}");
        let r = verify_tlog_checkpoint(note.as_bytes(), &p, &DefaultBackend, &lenient);
        let (failed, unsupported) = match (i, cfg!(feature = "mldsa")) {
            (2, _) => (0, 0),
            (_, true) => (1, 0),
            (_, false) => (0, 1),
        };
        assert_eq!(
            r.unwrap_err(),
            TlogError::QuorumNotMet {
                verified: 1,
                failed,
                unsupported
            },
            "case {i}"
        );
    }
    // The timestamp bytes changed after signing.
    let good = pq_line(200, pq_name, ORIGIN, 10);
    let tampered = pq_line(201, pq_name, ORIGIN, 10);
    let (g, t) = (
        good.rsplit_once(' ').unwrap().1,
        tampered.rsplit_once(' ').unwrap().1,
    );
    // Key id (4 bytes) and 8 timestamp bytes are the first 16 characters.
    let spliced = good.replacen(&g[..16], &t[..16], 1);
    let note = format!("{base}{spliced}");
    let r = verify_tlog_checkpoint(note.as_bytes(), &p, &DefaultBackend, &strict());
    if cfg!(feature = "mldsa") {
        assert!(matches!(r.unwrap_err(), TlogError::BadCosignature { .. }));
    }
    // A line of the witness's name and key id but an Ed25519 size.
    let key = testkit::mldsa::public_key(pq_seed);
    let id = testkit::mldsa::key_id(pq_name, &key);
    let short = signature_line(pq_name, id, &[0; 72]);
    let note = format!("{base}{short}");
    let r = verify_tlog_checkpoint(note.as_bytes(), &p, &DefaultBackend, &strict());
    assert!(matches!(r.unwrap_err(), TlogError::BadCosignature { .. }));
}

/// The verdict and the error do not depend on the order of the signature
/// lines: errors are reported in a fixed order (log signature, missing log
/// signature, duplicate cosignature, invalid cosignature in strict mode,
/// quorum).
#[test]
fn checkpoint_verdict_does_not_depend_on_line_order() {
    let (log, ws, ptext) = setup();
    let p = TlogPolicy::parse(ptext.as_bytes()).unwrap();
    let text = log.text(&[]);
    let note = log.note(&text, &[(&ws[0], 1), (&ws[1], 2), (&ws[2], 3)]);
    let (head, sigs) = note.split_once("\n\n").unwrap();
    let sigs: Vec<&str> = sigs.lines().collect();
    let rebuild = |order: &[usize], extra: &[String]| {
        let mut s = format!("{head}\n\n");
        for &i in order {
            s.push_str(sigs[i]);
            s.push('\n');
        }
        for e in extra {
            s.push_str(e);
        }
        s
    };
    let k0 = testkit::note::key_id(&ws[0].name, 0x04, &public_key(ws[0].seed));
    let dup = signature_line(&ws[0].name, k0, &[0; 80]);
    // A line of the log's key (its name and key id) of the wrong size.
    let log_id = testkit::note::key_id(ORIGIN, 0x01, &public_key(log.seed));
    let bad_log = signature_line(ORIGIN, log_id, &[0; 63]);
    for order in [[0, 1, 2, 3], [3, 2, 1, 0], [1, 0, 3, 2], [2, 3, 0, 1]] {
        let ok = rebuild(&order, &[]);
        assert_eq!(verify_note(&p, &ok).map(|r| r.1), Ok(Some(2)), "{order:?}");
        // A duplicate and a bad log signature: the log signature error wins,
        // wherever the lines are.
        let both = rebuild(&order, &[dup.clone(), bad_log.clone()]);
        let line = both
            .lines()
            .position(|l| l.ends_with(bad_log.trim_end().rsplit(' ').next().unwrap()))
            .unwrap() as u32
            + 1;
        assert_eq!(
            verify_note(&p, &both),
            Err(TlogError::BadLogSignature { line })
        );
        let dup_only = rebuild(&order, std::slice::from_ref(&dup));
        assert!(matches!(
            verify_note(&p, &dup_only),
            Err(TlogError::DuplicateCosignature { .. })
        ));
    }
    // Without the log's line: no log signature, even with a duplicate.
    let no_log = rebuild(&[1, 2, 3], &[dup]);
    assert_eq!(verify_note(&p, &no_log), Err(TlogError::NoLogSignature));
}

/// The largest timestamp a cosignature may carry (2^63 - 1, 19 digits: the
/// longest `time` line) verifies; 2^63 does not count.
#[test]
fn checkpoint_cosignature_timestamp_limits() {
    let (log, ws, ptext) = setup();
    let p = TlogPolicy::parse(ptext.as_bytes()).unwrap();
    let text = log.text(&[]);
    let max = i64::MAX as u64;
    let note = log.note(&text, &[(&ws[0], max), (&ws[1], max - 1)]);
    let c = verify_tlog_checkpoint(note.as_bytes(), &p, &DefaultBackend, &strict()).unwrap();
    assert_eq!(
        c.cosignatures().collect::<Vec<_>>(),
        [(0, max), (1, max - 1)]
    );
    assert_eq!(c.quorum_time, QuorumTime::At(max - 1));
    let over = log.note(&text, &[(&ws[0], max + 1), (&ws[1], max - 1)]);
    assert_eq!(
        verify_tlog_checkpoint(over.as_bytes(), &p, &DefaultBackend, &strict()).unwrap_err(),
        TlogError::BadCosignature { line: 6 }
    );
}

/// The parsed path: its length, emptiness (a tree of one leaf has an empty
/// path) and hashes, the leaf's sibling first.
#[test]
fn tlog_proof_path_accessors() {
    for size in [1u64, 2, 5, 10] {
        let log = Log::new(ORIGIN, size);
        let ws = witnesses(1);
        let note = log.note(&log.text(&[]), &[(&ws[0], 1)]);
        let index = size - 1;
        let proof_text = log.proof(index, None, &note);
        let proof = TlogProof::parse(proof_text.as_bytes()).unwrap();
        let expected = log.tree.inclusion_proof(index, size);
        assert_eq!(proof.path().len(), expected.len());
        assert_eq!(proof.path().is_empty(), size == 1);
        let hashes: Vec<[u8; 32]> = proof.path().iter().map(|h| h.0).collect();
        assert_eq!(hashes, expected);
        assert_eq!(proof.index, index);
        assert!(proof.unauthenticated_extra().is_none());
    }
}
