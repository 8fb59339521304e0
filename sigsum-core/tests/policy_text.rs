//! Text policy grammar and semantics (sigsum-go `doc/policy.md`,
//! `pkg/policy/config.go` and `builder.go`, including the stricter format
//! of `sigsum/sigsum` `proposals/2025-10-stricter-policy-format.md`), with
//! the tables of sigsum-go pkg/policy/config_test.go and policy_test.go.
#![cfg(feature = "parsers")]
mod common;

use common::*;
use sigsum_core::*;

fn kind_from_str(s: &str) -> PolicyErrorKind {
    use PolicyErrorKind::*;
    if let Some(b) = s
        .strip_prefix("ControlCharacter(0x")
        .and_then(|s| s.strip_suffix(')'))
    {
        return ControlCharacter(u8::from_str_radix(b, 16).unwrap());
    }
    match s {
        "LineTooLong" => LineTooLong,
        "UnknownKeyword" => UnknownKeyword,
        "LogArguments" => LogArguments,
        "WitnessArguments" => WitnessArguments,
        "GroupArguments" => GroupArguments,
        "QuorumArguments" => QuorumArguments,
        "InvalidKey(HexLength)" => InvalidKey(EncodingError::HexLength),
        "InvalidKey(HexSyntax)" => InvalidKey(EncodingError::HexSyntax),
        "ThresholdSyntax" => ThresholdSyntax,
        "ThresholdOutOfRange" => ThresholdOutOfRange,
        "DuplicateLog" => DuplicateLog,
        "DuplicateWitness" => DuplicateWitness,
        "DuplicateName" => DuplicateName,
        "ReservedName" => ReservedName,
        "UndefinedName" => UndefinedName,
        "AlreadyMember" => AlreadyMember,
        "NoneAsMember" => NoneAsMember,
        "QuorumRedefined" => QuorumRedefined,
        "NoQuorum" => NoQuorum,
        _ => panic!("unknown kind {s:?}"),
    }
}

fn set_of(p: &TextPolicy, names: &[Vec<u8>]) -> WitnessSet {
    let mut set = WitnessSet::EMPTY;
    for n in names {
        match p.find(n) {
            Some(PolicyNode::Witness(i)) => set.insert(i),
            other => panic!(
                "{:?} is not a witness: {other:?}",
                String::from_utf8_lossy(n)
            ),
        }
    }
    set
}

#[test]
fn invalid_configs_fail_with_the_exact_error_and_line() {
    let cases = read_cases("invalid-config.txt");
    assert_eq!(cases.len(), 54);
    assert_eq!(cases.iter().filter(|c| c.source == "sigsum-go").count(), 13);
    for c in &cases {
        let (kind, line) = c.error.as_ref().expect("error line");
        let want = PolicyError {
            line: *line,
            kind: kind_from_str(kind),
        };
        assert_eq!(TextPolicy::parse(&c.text).err(), Some(want), "{}", c.name);
        // Larger capacities do not change the verdict.
        assert_eq!(
            LargeTextPolicy::parse(&c.text).err(),
            Some(want),
            "{}",
            c.name
        );
    }
}

#[test]
fn valid_configs_have_the_expected_shape_and_truth_table() {
    let cases = read_cases("valid-config.txt");
    assert_eq!(cases.len(), 14);
    let mut evals = 0;
    for c in &cases {
        let p = TextPolicy::parse(&c.text).unwrap_or_else(|e| panic!("{}: {e}", c.name));
        let shape = c.shape.as_ref().unwrap();
        let (counts, quorum) = shape.split_once(" quorum=").unwrap();
        let got = format!(
            "logs={} witnesses={} groups={}",
            p.log_count(),
            p.witness_count(),
            p.group_count()
        );
        assert_eq!(got, counts, "{}", c.name);
        let want_quorum = match quorum.split_once(' ') {
            None => {
                assert_eq!(quorum, "none");
                PolicyNode::None
            }
            Some(("witness", n)) | Some(("group", n)) => p.find(&unescape(n)).unwrap(),
            _ => panic!("bad shape {shape}"),
        };
        assert_eq!(p.quorum(), Some(want_quorum), "{}", c.name);
        for (key, url) in &c.log_urls {
            let key = PublicKey::from_hex(key.as_bytes()).unwrap();
            let log = p.log_by_hash(&key.key_hash()).unwrap();
            assert_eq!(log.key, key);
            assert_eq!(p.log_key(&key.key_hash()), Some(key));
            let want = (url != "-").then_some(url.as_bytes());
            assert_eq!(log.url, want, "{}", c.name);
        }
        for (name, url) in &c.witness_urls {
            let Some(PolicyNode::Witness(i)) = p.find(name) else {
                panic!("{name:?}")
            };
            let w = p.witness_at(i).unwrap();
            assert_eq!(p.witness(&w.key_hash), Some((i, w.key)));
            let want = (url != "-").then_some(url.as_bytes());
            assert_eq!(w.url, want, "{}", c.name);
        }
        for (names, want) in &c.evals {
            let set = set_of(&p, names);
            assert_eq!(p.is_satisfied(&set), *want, "{}: {names:?}", c.name);
            evals += 1;
        }
    }
    assert_eq!(evals, 48);
}

#[test]
fn sigsum_go_valid_config_urls_and_lookups() {
    // Keys of witnesses are looked up by key hash; logs by key hash; the
    // same key is both a log and a witness (W2 = log aaaa...).
    let c = &read_cases("valid-config.txt")[0];
    let p = TextPolicy::parse(&c.text).unwrap();
    let a = PublicKey::from_hex(&[b'a'; 64]).unwrap();
    assert!(p.log_key(&a.key_hash()).is_some());
    let (i, key) = p.witness(&a.key_hash()).unwrap();
    assert_eq!(key, a);
    assert_eq!(p.witness_at(i).unwrap().name, b"W2");
    assert_eq!(p.logs().filter(|l| l.url.is_some()).count(), 1);
    assert_eq!(p.witnesses().filter(|w| w.url.is_some()).count(), 4);
}

fn key(i: usize) -> String {
    format!("{:064x}", i + 1)
}

#[test]
fn capacity_limits_exactly_at_and_one_past() {
    let logs = |n: usize| {
        let mut t: String = (0..n).map(|i| format!("log {}\n", key(i))).collect();
        t.push_str("quorum none\n");
        t
    };
    assert_eq!(
        TextPolicy::parse(logs(MAX_LOGS).as_bytes())
            .unwrap()
            .log_count(),
        MAX_LOGS
    );
    assert_eq!(
        TextPolicy::parse(logs(MAX_LOGS + 1).as_bytes()).err(),
        Some(PolicyError {
            line: MAX_LOGS as u32 + 1,
            kind: PolicyErrorKind::TooManyLogs {
                max: MAX_LOGS as u16
            }
        })
    );
    let witnesses = |n: usize| {
        let mut t: String = (0..n)
            .map(|i| format!("witness w{i} {}\n", key(i)))
            .collect();
        t.push_str("quorum w0\n");
        t
    };
    assert_eq!(
        TextPolicy::parse(witnesses(MAX_TEXT_WITNESSES).as_bytes())
            .unwrap()
            .witness_count(),
        MAX_TEXT_WITNESSES
    );
    assert_eq!(
        TextPolicy::parse(witnesses(MAX_TEXT_WITNESSES + 1).as_bytes()).err(),
        Some(PolicyError {
            line: MAX_TEXT_WITNESSES as u32 + 1,
            kind: PolicyErrorKind::TooManyWitnesses {
                max: MAX_TEXT_WITNESSES as u16
            }
        })
    );
    // The witness capacity is capped at 255 (indices are bytes).
    let big = witnesses(256);
    assert_eq!(
        TextPolicyN::<'_, 1, 300, 1, { program_capacity(300, 1) }>::parse(big.as_bytes()).err(),
        Some(PolicyError {
            line: 256,
            kind: PolicyErrorKind::TooManyWitnesses { max: 255 }
        })
    );
    assert_eq!(
        TextPolicyN::<'_, 1, 300, 1, { program_capacity(300, 1) }>::parse(
            witnesses(255).as_bytes()
        )
        .unwrap()
        .witness_count(),
        255
    );
    let groups = |n: usize| {
        let mut t = format!("witness w {}\n", key(0));
        t.push_str("group g0 any w\n");
        for i in 1..n {
            t.push_str(&format!("group g{i} any g{}\n", i - 1));
        }
        t.push_str(&format!("quorum g{}\n", n - 1));
        t
    };
    let chain = groups(MAX_GROUPS);
    let p = TextPolicy::parse(chain.as_bytes()).unwrap();
    assert_eq!(p.group_count(), MAX_GROUPS);
    let mut one = WitnessSet::EMPTY;
    one.insert(0);
    assert!(p.is_satisfied(&one), "a 32-deep chain of any-groups");
    assert!(!p.is_satisfied(&WitnessSet::EMPTY));
    assert_eq!(
        TextPolicy::parse(groups(MAX_GROUPS + 1).as_bytes()).err(),
        Some(PolicyError {
            line: MAX_GROUPS as u32 + 2,
            kind: PolicyErrorKind::TooManyGroups {
                max: MAX_GROUPS as u16
            }
        })
    );
    // The group capacity is capped at 255 as well (indices are bytes).
    type Groups300<'a> = TextPolicyN<'a, 1, 1, 300, { program_capacity(1, 300) }>;
    assert_eq!(
        Groups300::parse(groups(256).as_bytes()).err(),
        Some(PolicyError {
            line: 257,
            kind: PolicyErrorKind::TooManyGroups { max: 255 }
        })
    );
    assert_eq!(
        Groups300::parse(groups(255).as_bytes())
            .unwrap()
            .group_count(),
        255
    );
}

#[test]
fn line_length_limit_is_sigsum_go_scanner_limit() {
    let url = |n: usize| "u".repeat(n);
    let prefix = format!("log {} ", key(0));
    let ok = format!(
        "{prefix}{}\nquorum none\n",
        url(MAX_LINE_LEN - prefix.len())
    );
    assert!(TextPolicy::parse(ok.as_bytes()).is_ok());
    let long = format!(
        "{prefix}{}\nquorum none\n",
        url(MAX_LINE_LEN + 1 - prefix.len())
    );
    assert_eq!(
        TextPolicy::parse(long.as_bytes()).err(),
        Some(PolicyError {
            line: 1,
            kind: PolicyErrorKind::LineTooLong
        })
    );
    // A stripped CR counts towards the limit, as in bufio.Scanner.
    let cr = format!(
        "{prefix}{}\r\nquorum none\n",
        url(MAX_LINE_LEN - prefix.len())
    );
    assert_eq!(
        TextPolicy::parse(cr.as_bytes()).err(),
        Some(PolicyError {
            line: 1,
            kind: PolicyErrorKind::LineTooLong
        })
    );
}

#[test]
fn parse_in_place_replaces_and_clears_on_error() {
    let good = format!("witness w {}\nquorum w\n", key(0));
    let mut p = TextPolicy::EMPTY;
    assert!(
        !p.is_satisfied(&WitnessSet::EMPTY),
        "empty policy satisfies nothing"
    );
    p.parse_in_place(good.as_bytes()).unwrap();
    assert_eq!(p.witness_count(), 1);
    let bad = format!("witness w {}\n", key(1));
    assert_eq!(
        p.parse_in_place(bad.as_bytes()).err(),
        Some(PolicyError {
            line: 0,
            kind: PolicyErrorKind::NoQuorum
        })
    );
    assert_eq!(p.witness_count(), 0);
    assert_eq!(p.quorum(), None);
    let mut all = WitnessSet::EMPTY;
    all.insert(0);
    assert!(!p.is_satisfied(&all));
}

#[test]
fn default_storage_size_is_documented() {
    let size = core::mem::size_of::<TextPolicy<'static>>();
    assert!(size <= 10 * 1024 + 512, "TextPolicy is {size} bytes");
}

#[test]
fn error_display_has_line_numbers() {
    let e = TextPolicy::parse(b"quorum none\nquorum none\n").unwrap_err();
    assert_eq!(e.to_string(), "line 2: quorum can only be set once");
    let e = TextPolicy::parse(b"").unwrap_err();
    assert_eq!(e.to_string(), "no quorum defined");
    let e = TextPolicy::parse(b"# \x0c\n").unwrap_err();
    assert_eq!(e.to_string(), "line 1: invalid control character 0x0c");
}

/// sigsum-go policy_test.go: six witnesses w0..w5, groups g0 = {w0, w1},
/// g1 = {w2, w3}, g2 = {g1, w4, w5}, q = {g0, g2}, with threshold k
/// everywhere.
fn tree_policy(k: u32) -> String {
    let mut t = format!("log {}\n", key(100));
    for i in 0..6 {
        t.push_str(&format!("witness w{i} {}\n", key(i)));
    }
    t.push_str(&format!("group g0 {k} w0 w1\n"));
    t.push_str(&format!("group g1 {k} w2 w3\n"));
    t.push_str(&format!("group g2 {k} g1 w4 w5\n"));
    t.push_str(&format!("group q {k} g0 g2\nquorum q\n"));
    t
}

fn set_from_bits(i: u32) -> WitnessSet {
    let mut s = WitnessSet::EMPTY;
    for j in 0..6 {
        if i & (1 << j) != 0 {
            s.insert(j as u8);
        }
    }
    s
}

#[test]
fn one_of_n_tree_is_any_single_witness() {
    let text = tree_policy(1);
    let p = TextPolicy::parse(text.as_bytes()).unwrap();
    assert!(!p.is_satisfied(&WitnessSet::EMPTY));
    for i in 1..64 {
        assert!(p.is_satisfied(&set_from_bits(i)), "case {i}");
    }
}

#[test]
fn two_of_n_tree_matches_sigsum_go_truth_table() {
    let text = tree_policy(2);
    let p = TextPolicy::parse(text.as_bytes()).unwrap();
    // g0 needs w0 and w1; g2 = 2 of {g1 = w2 & w3, w4, w5}.
    let truth = [
        false, false, false, false, false, false, false, true, false, false, false, true, true,
        true, true, true,
    ];
    for i in 0..64u32 {
        let want = (i & 3) == 3 && truth[(i >> 2) as usize];
        assert_eq!(p.is_satisfied(&set_from_bits(i)), want, "case {i}");
    }
}

#[test]
fn three_of_four_with_extra_and_invalid_witnesses() {
    // sigsum-go TestWitnessPolicy as a quorum table: 4 known witnesses, 3
    // needed; witness 4 is unknown to the policy (its index is never
    // handed out), an invalid cosignature is simply not in the set.
    let mut t = format!("log {}\n", key(100));
    for i in 0..4 {
        t.push_str(&format!("witness w{i} {}\n", key(i)));
    }
    t.push_str("group g 3 w0 w1 w2 w3\nquorum g\n");
    let p = TextPolicy::parse(t.as_bytes()).unwrap();
    let unknown = PublicKey::from_hex(key(4).as_bytes()).unwrap();
    assert_eq!(p.witness(&unknown.key_hash()), None);
    for (set, want) in [
        (&[][..], false),
        (&[0][..], false),
        (&[0, 1][..], false),
        (&[0, 1, 2][..], true),
        (&[1, 2, 3][..], true),
        (&[0, 1, 2, 3][..], true),
        (&[0, 1, 3][..], true),
        (&[0, 3][..], false),
    ] {
        let mut s = WitnessSet::EMPTY;
        set.iter().for_each(|i| s.insert(*i));
        assert_eq!(p.is_satisfied(&s), want, "{set:?}");
    }
}

/// The program room a text policy reserves (`program_capacity(w, g)`):
/// one byte per push of a witness index below 64, two above, one `ADD` per
/// witness or group, two bytes per `>=K`. Exact values, so that a device
/// build neither overflows nor reserves more than this.
#[test]
fn program_capacity_values() {
    assert_eq!(program_capacity(0, 0), 0);
    assert_eq!(program_capacity(10, 2), 10 + 12 + 2 * 2);
    assert_eq!(program_capacity(64, 32), 64 + 96 + 32 * 2);
    assert_eq!(program_capacity(65, 0), 64 + 2 + 65);
    assert_eq!(program_capacity(255, 255), 64 + 191 * 2 + 510 + 255 * 2);
}
