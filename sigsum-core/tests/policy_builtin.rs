//! Builtin policies: verbatim bytes, name rule, lookup (sigsum-go
//! `pkg/policy/builtin/*.builtin-policy` and `pkg/policy/named.go` at
//! commit 192b5532; the sizes and SHA-256 sums below were computed from
//! those files).
#![cfg(feature = "parsers")]
use sigsum_core::*;

/// The builtin policy `name`, parsed from its text.
fn builtin(name: &str) -> Result<TextPolicy<'static>, PolicyError> {
    Builtin::from_name(name)?.parse()
}

const SUMS: [(&str, usize, &str); 4] = [
    (
        "sigsum-generic-2025-1",
        1339,
        "666d9d0b9ab2e4019769c42eaccd7d6d502a9abac45979bb9b08b7213e4f53e3",
    ),
    (
        "sigsum-test-2025-3",
        2324,
        "a4dcc93b27872da774093f1aeb7aee25520dc173d75bb1da108e77910e0802c1",
    ),
    (
        "sigsum-test1-2025",
        649,
        "efd91055479db94ebc296e65cad1a9876b10b18a6852d1e24fcae9cd5fb5bb44",
    ),
    (
        "sigsum-test2-2025",
        1629,
        "b41376ad27c1ed2d394992ffbad5da258cf77c7d607135d9f916dc0e74704c0a",
    ),
];

#[test]
fn builtin_bytes_match_their_recorded_sums() {
    assert_eq!(Builtin::ALL.map(Builtin::name).len(), SUMS.len());
    for (name, len, sum) in SUMS {
        let text = Builtin::from_name(name).map(Builtin::text).unwrap();
        assert_eq!(text.len(), len, "{name}");
        assert_eq!(sha256(text).to_string(), sum, "{name}");
        // The copy in tests/vectors/real is the same file.
        let path = format!(
            "{}/../tests/vectors/real/{name}.policy",
            env!("CARGO_MANIFEST_DIR")
        );
        assert_eq!(std::fs::read(path).unwrap(), text, "{name}");
    }
    let mut names = Builtin::ALL.map(Builtin::name);
    names.sort();
    assert_eq!(
        names,
        Builtin::ALL.map(Builtin::name),
        "sorted, as sigsum-go's TestBuiltinList"
    );
}

#[test]
fn every_builtin_parses_with_the_expected_shape() {
    // (name, logs, witnesses, groups)
    for (name, logs, witnesses, groups) in [
        ("sigsum-generic-2025-1", 2, 3, 1),
        ("sigsum-test-2025-3", 2, 8, 2),
        ("sigsum-test1-2025", 1, 3, 1),
        ("sigsum-test2-2025", 1, 7, 2),
    ] {
        let p = builtin(name).unwrap();
        assert_eq!(p.log_count(), logs, "{name}");
        assert_eq!(p.witness_count(), witnesses, "{name}");
        assert_eq!(p.group_count(), groups, "{name}");
        assert!(!p.is_satisfied(&WitnessSet::EMPTY), "{name}");
        let mut all = WitnessSet::EMPTY;
        for i in 0..witnesses {
            all.insert(i as u8);
        }
        assert!(p.is_satisfied(&all), "{name}");
        assert!(Policy::builtin(name).is_ok());
    }
}

#[test]
fn builtin_key_hashes_match_their_recorded_values() {
    let p = builtin("sigsum-test-2025-3").unwrap();
    let h = |s: &str| Hash::from_hex(s.as_bytes()).unwrap();
    let barreleye = h("4e89cc51651f0d95f3c6127c15e1a42e3ddf7046c5b17b752689c402e773bb4d");
    let serviceberry = h("1643169b32bef33a3f54f8a353b87c475d19b6223cbb106390d10a29978e1cba");
    assert!(p.log_key(&barreleye).is_some());
    assert!(p.log_key(&serviceberry).is_some());
    let garden = h("d960fcff859a34d677343e4789c6843e897c9ff195ea7140a6ef382566df3b65");
    let (i, _) = p.witness(&garden).unwrap();
    assert_eq!(
        p.witness_at(i).unwrap().name,
        b"transparency.dev/DEV:witness-little-garden"
    );
    // A log key is not a witness key and vice versa.
    assert!(p.witness(&barreleye).is_none());
    assert!(p.log_key(&garden).is_none());
    // The old tillitis key of sigsum-test2-2025 is not in -test-2025-3.
    let old_tillitis = h("0d4f46a219ab309cea48cde9712e7d8486fc99802f873175eeab70fb84b4f5a4");
    assert!(p.witness(&old_tillitis).is_none());
    assert!(builtin("sigsum-test2-2025")
        .unwrap()
        .witness(&old_tillitis)
        .is_some());
}

#[test]
fn name_rule_matches_sigsum_go_named_test() {
    // sigsum-go pkg/policy/named_test.go TestCheckName, rewritten.
    let table: &[(&str, bool)] = &[
        ("", false),
        ("a", false),
        ("ab", true),
        ("AB", false),
        ("Abc", false),
        ("abC", false),
        ("ab-cd", true),
        ("-ab-cd", false),
        ("ab--cd", true),
        ("4", false),
        ("45", true),
        ("0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789", true),
        ("abc/def", false),
        ("abc.def", false),
        ("abc,def", false),
        ("abcdefgh-", true),
        ("abc:def", false),
        ("abc\ndef", false),
        ("abc?def", false),
        ("abc+def", false),
        ("-", false),
        ("--", false),
        ("---", false),
        ("3---", true),
        ("a_", false),
        ("sigsum-test1-2025", true),
        ("sigsum-Test1-2025", false),
        // Extra: Go's `$` does not match before a final newline.
        ("ab\n", false),
        ("ab ", false),
        ("\u{e9}b", false),
    ];
    for (name, ok) in table {
        let got = check_policy_name(name.as_bytes());
        if *ok {
            assert_eq!(got, Ok(()), "{name:?}");
            if !Builtin::ALL.map(Builtin::name).contains(name) {
                assert_eq!(
                    Builtin::from_name(name).map(Builtin::text),
                    Err(PolicyError {
                        line: 0,
                        kind: PolicyErrorKind::UnknownBuiltin
                    }),
                    "{name:?}"
                );
            }
        } else {
            assert_eq!(
                got,
                Err(PolicyError {
                    line: 0,
                    kind: PolicyErrorKind::InvalidName
                }),
                "{name:?}"
            );
            assert_eq!(
                Builtin::from_name(name).map(Builtin::text),
                Err(PolicyError {
                    line: 0,
                    kind: PolicyErrorKind::InvalidName
                }),
                "{name:?}"
            );
        }
    }
    assert_eq!(
        Policy::builtin("sigsum-test9-2025").err(),
        Some(PolicyError {
            line: 0,
            kind: PolicyErrorKind::UnknownBuiltin
        })
    );
    assert_eq!(
        Policy::builtin("Sigsum-test1-2025").err(),
        Some(PolicyError {
            line: 0,
            kind: PolicyErrorKind::InvalidName
        })
    );
}

/// The shipped compiled blobs are exactly the canonical compilation of the
/// shipped texts, and `Policy::builtin` (compiled) decides like the parsed
/// text on every subset of witnesses that cosigned.
#[test]
fn builtin_compiled_blobs_are_the_canonical_compilation() {
    for name in Builtin::ALL.map(Builtin::name) {
        let text = builtin(name).unwrap();
        let mut buf = [0u8; 4096];
        let compiled = text.compile(&mut buf).unwrap();
        assert_eq!(
            compiled.as_bytes(),
            Builtin::from_name(name)
                .map(Builtin::compiled_bytes)
                .unwrap(),
            "{name}"
        );
        let loaded = Builtin::from_name(name).unwrap().compiled().unwrap();
        assert_eq!(loaded.hash(), compiled.hash());
        let policy = Policy::builtin(name).unwrap();
        assert!(matches!(policy, Policy::Compiled(_)), "{name}");
        // Same log and witness lookups, same verdicts on every witness
        // subset (the builtins have at most 9 witnesses).
        let witnesses: Vec<_> = text.witnesses().map(|w| w.key.key_hash()).collect();
        assert!(witnesses.len() <= 10);
        for log in text.logs() {
            assert_eq!(policy.log_key(&log.key.key_hash()), Some(log.key));
        }
        for mask in 0u32..(1 << witnesses.len()) {
            let (mut a, mut b) = (WitnessSet::EMPTY, WitnessSet::EMPTY);
            for (i, kh) in witnesses.iter().enumerate() {
                if mask & (1 << i) != 0 {
                    a.insert(text.witness(kh).unwrap().0);
                    b.insert(policy.witness(kh).unwrap().0);
                }
            }
            assert_eq!(
                text.is_satisfied(&a),
                policy.is_satisfied(&b),
                "{name} {mask:b}"
            );
        }
    }
    // A flipped byte in a shipped blob would no longer match; unknown and
    // invalid names are rejected as for the text.
    assert_eq!(
        Policy::builtin("sigsum-test-2099").unwrap_err(),
        PolicyError {
            line: 0,
            kind: PolicyErrorKind::UnknownBuiltin
        }
    );
    assert_eq!(
        Policy::builtin("Bad_Name").unwrap_err(),
        PolicyError {
            line: 0,
            kind: PolicyErrorKind::InvalidName
        }
    );
}

/// `TrustPolicy::witness_key` returns the key `witness` returned, for
/// every witness of every builtin in each form (text: the default, a second
/// lookup; compiled: the table entry at the index, no search), and nothing
/// for an index past the compiled table.
#[test]
fn witness_key_is_the_key_witness_returned() {
    for b in Builtin::ALL {
        let text = b.parse().unwrap();
        let compiled = b.compiled().unwrap();
        let text_enum = Policy::Text(b.parse().unwrap());
        let policies: [&dyn TrustPolicy; 4] =
            [&text, &compiled, &text_enum, &Policy::Compiled(compiled)];
        let hashes: Vec<_> = text.witnesses().map(|w| w.key.key_hash()).collect();
        for p in policies {
            for h in &hashes {
                let (i, key) = p.witness(h).unwrap();
                assert_eq!(p.witness_key(i, h), Some(key), "{}", b.name());
            }
        }
        let n = u8::try_from(compiled.witness_count()).unwrap();
        assert_eq!(compiled.witness_key(n, &hashes[0]), None, "{}", b.name());
        assert_eq!(
            compiled
                .witness_key(n - 1, &hashes[0])
                .map(|k| k.key_hash()),
            compiled.witness_keys().last().map(|k| k.key_hash())
        );
    }
}

/// `Builtin` (selection in code) and the name functions are the same
/// thing: every variant round-trips through its name, gives the same text
/// and blob as the name lookup (checked against the sums above),
/// and the variants are in `Builtin::ALL.map(Builtin::name)` order.
#[test]
fn builtin_enum_matches_the_names() {
    assert_eq!(Builtin::ALL.len(), Builtin::ALL.map(Builtin::name).len());
    for (b, name) in Builtin::ALL
        .into_iter()
        .zip(Builtin::ALL.map(Builtin::name))
    {
        assert_eq!(b.name(), name);
        assert_eq!(Builtin::from_name(name), Ok(b));
        assert_eq!(
            b.text(),
            Builtin::from_name(name).map(Builtin::text).unwrap()
        );
        assert_eq!(
            b.compiled_bytes(),
            Builtin::from_name(name)
                .map(Builtin::compiled_bytes)
                .unwrap()
        );
        let (_, len, sum) = SUMS.iter().find(|(n, _, _)| *n == name).unwrap();
        assert_eq!(b.text().len(), *len);
        assert_eq!(sha256(b.text()).to_string(), *sum);
        assert_eq!(
            b.compiled().unwrap().hash(),
            Builtin::from_name(name).unwrap().compiled().unwrap().hash()
        );
        let (parsed, by_name) = (b.parse().unwrap(), builtin(name).unwrap());
        assert_eq!(parsed.witness_count(), by_name.witness_count());
        assert_eq!(parsed.log_count(), by_name.log_count());
        assert!(parsed.witness_count() > 0);
    }
    // Distinct blobs and texts: no two variants share data.
    for (i, a) in Builtin::ALL.iter().enumerate() {
        for b in &Builtin::ALL[i + 1..] {
            assert_ne!(a.text(), b.text());
            assert_ne!(a.compiled_bytes(), b.compiled_bytes());
        }
    }
    for bad in ["", "a", "-sigsum-test1-2025", "Sigsum-test1-2025"] {
        assert_eq!(
            Builtin::from_name(bad),
            Err(PolicyError {
                line: 0,
                kind: PolicyErrorKind::InvalidName
            })
        );
    }
    for unknown in [
        "sigsum-test9-2025",
        "sigsum-test1-2025-",
        "sigsum-test-2025-",
    ] {
        assert_eq!(
            Builtin::from_name(unknown),
            Err(PolicyError {
                line: 0,
                kind: PolicyErrorKind::UnknownBuiltin
            })
        );
    }
}
