//! Signed-note cosignature lines (type 0x04): parsing, key ids, verification
//! semantics (C2SP `tlog-cosignature` and `signed-note`; sigsum-go
//! `pkg/checkpoint/cosignature.go`, `pkg/checkpoint/checkpoint.go`
//! `VerifyCosignatureByKey`, `pkg/policy/policy.go`
//! `VerifyCosignedTreeHead`): invalid cosignatures of known witnesses,
//! unchecked timestamps, and the unsigned witness name.
#![cfg(feature = "parsers")]
use sigsum_core::*;
use testkit::note as tk;

fn vector(name: &str) -> String {
    let path = format!(
        "{}/../tests/vectors/checkpoint/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn seed(b: u8) -> [u8; 32] {
    let mut s = [0u8; 32];
    s[0] = b;
    s
}

fn set(indices: &[u8]) -> WitnessSet {
    let mut s = WitnessSet::EMPTY;
    indices.iter().for_each(|i| s.insert(*i));
    s
}

#[test]
fn sigsum_go_cosignature_by_key_vector() {
    // The example.org/log checkpoint (size 10, root HA5H...) the lines
    // cosign.
    let cp_text = vector("example-log-parse-only.checkpoint");
    let cp = Checkpoint::parse(cp_text.as_bytes()).unwrap();
    let body = cp.body().unwrap();
    let input = vector("witness-cosignature-lines.txt");
    let lines = SignatureLines::parse(input.as_bytes()).unwrap();
    let parsed: Vec<_> = lines
        .iter()
        .map(|l| NoteCosignature::from_line(&l).unwrap())
        .collect();
    assert!(parsed[3].is_none(), "line 4 has a 74-byte blob");
    let c = parsed[1].unwrap();
    assert_eq!(
        (c.line, c.name, c.key_id.to_string(), c.timestamp),
        (2, "example.org/witness", "cacf2e50".to_string(), 1234)
    );
    let witness = NoteWitness {
        name: b"example.org/witness",
        key: PublicKey(tk::public_key(seed(0x11))),
    };
    assert_eq!(witness.key_id().to_string(), "cacf2e50");
    assert!(c.verify(&witness, &body, &DefaultBackend));
    // Lines 1 and 3 are not from this witness (key id, name).
    assert!(!parsed[0].unwrap().is_from(&witness));
    assert!(!parsed[2].unwrap().is_from(&witness));
    // Line 3 carries a valid signature, but under another name; the name
    // is not signed, so the key id check is what rejects it.
    let renamed = NoteWitness {
        name: b"example.org/witness-2",
        ..witness
    };
    assert!(!parsed[2].unwrap().verify(&renamed, &body, &DefaultBackend));

    let report = verify_cosignature_lines(lines, &body, &[witness], &DefaultBackend).unwrap();
    assert_eq!(
        report,
        CosignatureReport {
            verified: set(&[0]),
            failed: WitnessSet::EMPTY,
            unknown: 2,
        }
    );
    // Timestamp changed: sigsum-go "bad cosignature not rejected" twin.
    let mut bumped = c;
    bumped.timestamp += 1;
    assert!(!bumped.verify(&witness, &body, &DefaultBackend));
    // Another tree head.
    let other_text = vector("seed11.checkpoint");
    let other = Checkpoint::parse(other_text.as_bytes()).unwrap();
    assert!(!c.verify(&witness, &other.body().unwrap(), &DefaultBackend));

    // Writing gives the same line back.
    let mut buf = [0u8; 200];
    let mut w = Writer::new(&mut buf);
    c.write(&mut w).unwrap();
    assert_eq!(
        w.written(),
        (input.lines().nth(1).unwrap().to_string() + "\n").as_bytes()
    );
    assert!(c.write(&mut Writer::new(&mut [0u8; 120])).is_err());
}

#[test]
fn layout_vectors_and_the_timestamp_limit() {
    // sigsum-go cosignature_test.go: key id 75e69d6d, timestamp
    // 0xe79ff9d79a75ca1d. That is above 2^63 - 1: sigsum-go's binary path
    // accepts it, we reject it.
    let input = vector("cosignature-layout.txt");
    let lines = SignatureLines::parse(input.as_bytes()).unwrap();
    let line = lines.iter().next().unwrap();
    assert_eq!(line.key_id().unwrap().to_string(), "75e69d6d");
    let blob = line.blob().unwrap();
    assert_eq!(blob[..8], 0xe79ff9d79a75ca1du64.to_be_bytes());
    assert_eq!(blob[8..11], [253, 202, 29]);
    assert!(blob[11..].iter().all(|b| *b == 0));
    assert_eq!(
        NoteCosignature::from_line(&line),
        Err(NoteError::CosignatureTimestamp { line: 1 })
    );
    // The same layout with the top bit cleared is accepted.
    let mut ok_blob = blob.to_vec();
    ok_blob[0] &= 0x7f;
    let ok_line = tk::signature_line("example.org/witness-key", [117, 230, 157, 109], &ok_blob);
    let lines = SignatureLines::parse(ok_line.as_bytes()).unwrap();
    let c = NoteCosignature::from_line(&lines.iter().next().unwrap())
        .unwrap()
        .unwrap();
    assert_eq!(c.timestamp, 0x679ff9d79a75ca1d);
    assert_eq!(c.signature.0[..3], [253, 202, 29]);

    // C2SP example line: key id 8d66cf3f, timestamp 1679315147.
    let input = vector("c2sp-cosignature-line.txt");
    let lines = SignatureLines::parse(input.as_bytes()).unwrap();
    let c = NoteCosignature::from_line(&lines.iter().next().unwrap())
        .unwrap()
        .unwrap();
    assert_eq!(c.name, "witness.example.com/w1");
    assert_eq!(c.key_id.to_string(), "8d66cf3f");
    assert_eq!(c.timestamp, 1679315147);

    // 2^63 - 1 is the largest accepted timestamp; 2^63 is rejected.
    for (ts, ok) in [
        ((1u64 << 63) - 1, true),
        (1u64 << 63, false),
        (u64::MAX, false),
    ] {
        let mut b = ts.to_be_bytes().to_vec();
        b.extend_from_slice(&[0; 64]);
        let l = tk::signature_line("w", [0; 4], &b);
        let lines = SignatureLines::parse(l.as_bytes()).unwrap();
        let r = NoteCosignature::from_line(&lines.iter().next().unwrap());
        assert_eq!(r.is_ok(), ok, "{ts}");
    }
}

#[test]
fn real_p_a_cosignature_in_note_form() {
    let input = vector("p-a-cosigned.checkpoint");
    let log =
        PublicKey::from_hex(b"ac26c0a855ac451a6539478e1a160388f024b385f1363efcda470170076c01e5")
            .unwrap();
    let wkey =
        PublicKey::from_hex(b"cbe357e6b464049e703b7be6c89201193acc2a18c095b0691aaf50b9b1e1578a")
            .unwrap();
    let name = format!("sigsum.org/v1/witness/{}", wkey.key_hash());
    let witness = NoteWitness {
        name: name.as_bytes(),
        key: wkey,
    };
    let cp = Checkpoint::parse_sigsum(input.as_bytes(), &log, &DefaultBackend).unwrap();
    let report = cp.verify_cosignatures(&[witness], &DefaultBackend).unwrap();
    assert_eq!(report.verified, set(&[0]));
    assert_eq!(report.unknown, 0);
    // The same cosignature through the foundation's ASCII form.
    let line = cp.signatures().iter().nth(1).unwrap();
    let c = NoteCosignature::from_line(&line).unwrap().unwrap();
    assert_eq!(c.timestamp, 1683202758);
    let ascii = Cosignature {
        key_hash: wkey.key_hash(),
        timestamp: c.timestamp,
        signature: c.signature,
    };
    assert!(ascii.verify(&wkey, &log.key_hash(), &cp.tree_head, &DefaultBackend));
    // Known under another name: the key id differs, so it is unknown.
    let report = cp
        .verify_cosignatures(
            &[NoteWitness {
                name: b"other.example/witness",
                key: wkey,
            }],
            &DefaultBackend,
        )
        .unwrap();
    assert_eq!(report.verified, WitnessSet::EMPTY);
    assert_eq!(report.failed, WitnessSet::EMPTY);
    assert_eq!(report.unknown, 1);
}

#[test]
fn known_invalid_is_not_fatal_unknown_is_skipped() {
    let log_seed = seed(0x21);
    let root = [9u8; 32];
    let cp_text = tk::sigsum_checkpoint(log_seed, 1000, &root);
    let text = cp_text.split("\n\n").next().unwrap().to_string() + "\n";
    let w = |b: u8, name: &'static str| NoteWitness {
        name: name.as_bytes(),
        key: PublicKey(tk::public_key(seed(b))),
    };
    let witnesses = [
        w(0x31, "w.example/good"),
        w(0x32, "w.example/bad-sig"),
        w(0x33, "w.example/absent"),
        w(0x34, "w.example/bad-time"),
        w(0x35, "w.example/other-text"),
    ];
    let good = tk::cosignature_line(seed(0x31), "w.example/good", 1700000000, &text);
    // Valid line, then the signature damaged (last base64 char before
    // "==").
    let bad_sig = {
        let l = tk::cosignature_line(seed(0x32), "w.example/bad-sig", 1700000000, &text);
        let i = l.len() - 4;
        let c = if &l[i..i + 1] == "A" { "Q" } else { "A" };
        format!("{}{c}{}", &l[..i], &l[i + 1..])
    };
    let bad_time = tk::cosignature_line(seed(0x34), "w.example/bad-time", 1 << 63, &text);
    let other_text = tk::cosignature_line(seed(0x35), "w.example/other-text", 5, "x\n");
    let unknown = tk::cosignature_line(seed(0x36), "w.example/unknown", 5, &text);
    let input = format!("{cp_text}{good}{bad_sig}{bad_time}{other_text}{unknown}");
    let cp = Checkpoint::parse_sigsum(
        input.as_bytes(),
        &PublicKey(tk::public_key(log_seed)),
        &DefaultBackend,
    )
    .unwrap();
    let report = cp.verify_cosignatures(&witnesses, &DefaultBackend).unwrap();
    assert_eq!(
        report,
        CosignatureReport {
            verified: set(&[0]),
            failed: set(&[1, 3, 4]),
            unknown: 1,
        }
    );
    // The bad-time line on its own is an error naming its line.
    let lines = SignatureLines::parse(bad_time.as_bytes()).unwrap();
    assert_eq!(
        NoteCosignature::from_line(&lines.iter().next().unwrap()),
        Err(NoteError::CosignatureTimestamp { line: 1 })
    );
    // A bare witness response (add-checkpoint 200 body) is checked the
    // same way.
    let response = format!("{good}{unknown}");
    let lines = SignatureLines::parse(response.as_bytes()).unwrap();
    let report =
        verify_cosignature_lines(lines, &cp.body().unwrap(), &witnesses, &DefaultBackend).unwrap();
    assert_eq!(report.verified, set(&[0]));
    assert_eq!(report.unknown, 1);
    // A repeated cosignature line (same witness, same key id) rejects the
    // whole note.
    let repeated = format!("{cp_text}{good}{}", {
        tk::cosignature_line(seed(0x31), "w.example/good", 1700000001, &text)
    });
    assert_eq!(
        Checkpoint::parse(repeated.as_bytes()).unwrap_err(),
        CheckpointError::Note(NoteError::DuplicateSignature { line: 7, first: 6 })
    );
    // Too many witnesses.
    let many = vec![witnesses[0]; 256];
    assert_eq!(
        cp.verify_cosignatures(&many, &DefaultBackend),
        Err(CheckpointError::TooManyWitnesses)
    );
    assert_eq!(
        verify_cosignature_lines(cp.signatures(), &cp.body().unwrap(), &many, &DefaultBackend),
        Err(NoteError::TooManyWitnesses)
    );
    // Its twin: MAX_WITNESSES (255) witnesses are accepted (the first of
    // the identical entries decides).
    let most = vec![witnesses[0]; MAX_WITNESSES];
    let report =
        verify_cosignature_lines(cp.signatures(), &cp.body().unwrap(), &most, &DefaultBackend)
            .unwrap();
    assert_eq!(report.verified, set(&[0]));
    assert_eq!(
        cp.verify_cosignatures(&most, &DefaultBackend)
            .unwrap()
            .verified,
        set(&[0])
    );
    assert_eq!(
        NoteError::CosignatureTimestamp { line: 3 }.to_string(),
        "line 3: cosignature timestamp above 2^63-1"
    );
}

#[test]
fn any_damage_to_a_real_cosignature_line_stops_it_counting() {
    let input = vector("p-a-cosigned.checkpoint");
    let log =
        PublicKey::from_hex(b"ac26c0a855ac451a6539478e1a160388f024b385f1363efcda470170076c01e5")
            .unwrap();
    let wkey =
        PublicKey::from_hex(b"cbe357e6b464049e703b7be6c89201193acc2a18c095b0691aaf50b9b1e1578a")
            .unwrap();
    let name = format!("sigsum.org/v1/witness/{}", wkey.key_hash());
    let witness = [NoteWitness {
        name: name.as_bytes(),
        key: wkey,
    }];
    let start = input.rfind('\u{2014}').unwrap();
    let bytes = input.as_bytes();
    for i in start..bytes.len() {
        for bit in [0x01u8, 0x40] {
            let mut bad = bytes.to_vec();
            bad[i] ^= bit;
            let verified = Checkpoint::parse_sigsum(&bad, &log, &DefaultBackend)
                .and_then(|cp| cp.verify_cosignatures(&witness, &DefaultBackend));
            if let Ok(report) = verified {
                assert_eq!(report.verified, WitnessSet::EMPTY, "byte {i} ^ {bit:#x}");
            }
        }
    }
}

mod props {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn cosignature_lines_round_trip_and_verify(
            seed_byte in 1u8..,
            name in "[a-z0-9./-]{1,40}",
            ts in 0u64..=i64::MAX as u64,
            size in 0u64..1 << 40,
        ) {
            let log_seed = [7u8; 32];
            let cp_text = tk::sigsum_checkpoint(log_seed, size, &[3; 32]);
            let text = cp_text.split("\n\n").next().unwrap().to_string() + "\n";
            let line = tk::cosignature_line(seed(seed_byte), &name, ts, &text);
            let input = format!("{cp_text}{line}");
            let cp = Checkpoint::parse(input.as_bytes()).unwrap();
            let sig = cp.signatures().iter().nth(1).unwrap();
            let c = NoteCosignature::from_line(&sig).unwrap().unwrap();
            prop_assert_eq!(c.timestamp, ts);
            prop_assert_eq!(c.name, name.as_str());
            let mut buf = [0u8; 300];
            let mut w = Writer::new(&mut buf);
            c.write(&mut w).unwrap();
            prop_assert_eq!(w.written(), line.as_bytes());
            let witness = NoteWitness { name: name.as_bytes(), key: PublicKey(tk::public_key(seed(seed_byte))) };
            prop_assert!(c.verify(&witness, &cp.body().unwrap(), &DefaultBackend));
        }
    }
}

#[test]
fn cosigned_checkpoint_against_a_text_policy() {
    let log_seed = seed(0x41);
    let log = PublicKey(tk::public_key(log_seed));
    let names = ["w.example/a", "w.example/b", "w.example/c"];
    let keys: Vec<PublicKey> = (0..3)
        .map(|i| PublicKey(tk::public_key(seed(0x50 + i))))
        .collect();
    let policy_text = format!(
        "log {log}\nwitness {} {}\nwitness {} {}\nwitness {} {}\ngroup g 2 {} {} {}\nquorum g\n",
        names[0], keys[0], names[1], keys[1], names[2], keys[2], names[0], names[1], names[2]
    );
    let policy = TextPolicy::parse(policy_text.as_bytes()).unwrap();
    let cp_text = tk::sigsum_checkpoint(log_seed, 77, &[5; 32]);
    let text = cp_text.split("\n\n").next().unwrap().to_string() + "\n";
    let cosig =
        |i: usize| tk::cosignature_line(seed(0x50 + i as u8), names[i], 1_700_000_000, &text);
    let check = |lines: &str| {
        let input = format!("{cp_text}{lines}");
        let cp = Checkpoint::parse_sigsum(input.as_bytes(), &log, &DefaultBackend).unwrap();
        let witnesses = policy.witnesses().filter_map(|w| {
            let (i, _) = policy.witness_by_hash(&w.key_hash)?;
            Some((
                i,
                NoteWitness {
                    name: w.name,
                    key: w.key,
                },
            ))
        });
        let report = verify_cosignature_lines_indexed(
            cp.signatures(),
            &cp.body().unwrap(),
            witnesses,
            &DefaultBackend,
        );
        (report.verified.len(), policy.is_satisfied(&report.verified))
    };
    assert_eq!(check(&cosig(0)), (1, false));
    assert_eq!(check(&format!("{}{}", cosig(0), cosig(2))), (2, true));
    assert_eq!(
        check(&format!("{}{}{}", cosig(2), cosig(1), cosig(0))),
        (3, true)
    );
    // Right key, wrong name: unknown, does not count.
    let renamed = tk::cosignature_line(seed(0x51), "w.example/x", 1_700_000_000, &text);
    assert_eq!(check(&format!("{}{renamed}", cosig(0))), (1, false));
}

#[test]
fn witness_vkeys_of_type_ed25519_still_name_the_witness() {
    // sigsum-go `tests/key-vkey-test`: the Armored Witness vkey has type 0x01, so its
    // id is not the id of its cosignature lines. A NoteWitness built from
    // the vkey's name and key computes the type-0x04 id itself.
    let v = Vkey::parse(
        b"ArmoredWitness-falling-pond+3fcb3644+AVTEhiyrpO+UL+Grxq+2XWPLoKVdPmMT/1kVS4WG2ILi",
    )
    .unwrap();
    assert_eq!(v.sig_type(), 1);
    let w = NoteWitness {
        name: v.name().as_bytes(),
        key: v.key(),
    };
    assert_ne!(w.key_id(), v.key_id());
    assert_eq!(
        w.key_id(),
        key_id(
            b"ArmoredWitness-falling-pond",
            SIG_TYPE_COSIGNATURE,
            &v.key()
        )
    );
}

/// sigsum-go `pkg/checkpoint/checkpoint.go` `VerifyCosignatureByKey`: a witness known
/// only by its key (empty name) matches a line under any key name whose key
/// id is `key_id(<that name>, 0x04, key)`, and the first such line decides
/// (an invalid first line is not rescued by a valid later one).
#[test]
fn witness_by_key_matches_any_name_and_the_first_line_decides() {
    // sigsum-go's own vector, by key: line 2 verifies; line 1 (other key
    // id) and line 3 (key id not that of its name) are unknown; line 4
    // (74-byte blob) is not a cosignature.
    let cp_text = vector("example-log-parse-only.checkpoint");
    let cp = Checkpoint::parse(cp_text.as_bytes()).unwrap();
    let body = cp.body().unwrap();
    let input = vector("witness-cosignature-lines.txt");
    let lines = SignatureLines::parse(input.as_bytes()).unwrap();
    let by_key = NoteWitness {
        name: b"",
        key: PublicKey(tk::public_key(seed(0x11))),
    };
    let report = verify_cosignature_lines(lines, &body, &[by_key], &DefaultBackend).unwrap();
    assert_eq!(
        report,
        CosignatureReport {
            verified: set(&[0]),
            failed: WitnessSet::EMPTY,
            unknown: 2,
        }
    );
    let parsed: Vec<_> = lines
        .iter()
        .filter_map(|l| NoteCosignature::from_line(&l).unwrap())
        .collect();
    assert_eq!(
        parsed
            .iter()
            .map(|c| c.is_from(&by_key))
            .collect::<Vec<_>>(),
        [false, true, false]
    );
    assert!(parsed[1].verify(&by_key, &body, &DefaultBackend));
    // Another key: nothing matches.
    let other = NoteWitness {
        name: b"",
        key: PublicKey(tk::public_key(seed(0x12))),
    };
    let report = verify_cosignature_lines(lines, &body, &[other], &DefaultBackend).unwrap();
    assert_eq!((report.verified, report.unknown), (WitnessSet::EMPTY, 3));

    // A Sigsum checkpoint cosigned by one key under two names, valid and
    // invalid (signed over another tree head), in both orders.
    let log_seed = seed(0x41);
    let log = PublicKey(tk::public_key(log_seed));
    let cp_text = tk::sigsum_checkpoint(log_seed, 77, &[5; 32]);
    let text = cp_text.split("\n\n").next().unwrap().to_string() + "\n";
    let other_cp = tk::sigsum_checkpoint(log_seed, 78, &[5; 32]);
    let other_text = other_cp.split("\n\n").next().unwrap().to_string() + "\n";
    let w = seed(0x52);
    let valid = tk::cosignature_line(w, "w.example/a", 1_700_000_000, &text);
    let invalid = tk::cosignature_line(w, "w.example/b", 1_700_000_000, &other_text);
    let key = PublicKey(tk::public_key(w));
    let run = |extra: &str, witness: NoteWitness<'_>| {
        let input = format!("{cp_text}{extra}");
        let cp = Checkpoint::parse_sigsum(input.as_bytes(), &log, &DefaultBackend).unwrap();
        cp.verify_cosignatures(&[witness], &DefaultBackend).unwrap()
    };
    let any = NoteWitness { name: b"", key };
    let named_a = NoteWitness {
        name: b"w.example/a",
        key,
    };
    let named_b = NoteWitness {
        name: b"w.example/b",
        key,
    };
    let r = run(&format!("{valid}{invalid}"), any);
    assert_eq!(
        (r.verified, r.failed, r.unknown),
        (set(&[0]), WitnessSet::EMPTY, 0)
    );
    let r = run(&format!("{invalid}{valid}"), any);
    assert_eq!(
        (r.verified, r.failed, r.unknown),
        (WitnessSet::EMPTY, set(&[0]), 0)
    );
    // Named witnesses still need their own name.
    for lines in [format!("{valid}{invalid}"), format!("{invalid}{valid}")] {
        let r = run(&lines, named_a);
        assert_eq!(
            (r.verified, r.failed, r.unknown),
            (set(&[0]), WitnessSet::EMPTY, 1)
        );
        let r = run(&lines, named_b);
        assert_eq!(
            (r.verified, r.failed, r.unknown),
            (WitnessSet::EMPTY, set(&[0]), 1)
        );
    }
    // A line whose key id was computed for another name does not match by
    // key either (the id binds the name on the line).
    let forged = valid.replace("w.example/a", "w.example/c");
    let r = run(&forged, any);
    assert_eq!(
        (r.verified, r.failed, r.unknown),
        (WitnessSet::EMPTY, WitnessSet::EMPTY, 1)
    );
}
