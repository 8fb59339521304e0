//! Explaining quorum failures and the freshness check, on hand-computed
//! cases (the property tests in policy_props.rs cover random policies).
#![cfg(feature = "parsers")]
use sigsum_core::*;

/// The builtin policy `name`, parsed from its text.
fn builtin(name: &str) -> Result<TextPolicy<'static>, PolicyError> {
    Builtin::from_name(name)?.parse()
}

fn index(p: &TextPolicy, name: &str) -> u8 {
    match p.find(name.as_bytes()) {
        Some(PolicyNode::Witness(i)) => i,
        other => panic!("{name}: {other:?}"),
    }
}

fn group(p: &TextPolicy, name: &str) -> u8 {
    match p.find(name.as_bytes()) {
        Some(PolicyNode::Group(i)) => i,
        other => panic!("{name}: {other:?}"),
    }
}

#[test]
fn explain_sigsum_test_2025_3() {
    let p = builtin("sigsum-test-2025-3").unwrap();
    let glasklar = group(&p, "glasklar-test-witnesses");
    let rule = group(&p, "quorum-rule");
    let mut v = WitnessSet::EMPTY;
    let r = p.explain(&v);
    assert_eq!(
        *r.group(glasklar).unwrap(),
        GroupStatus {
            satisfied_members: 0,
            threshold: 2,
            members: 3,
            missing: 2
        }
    );
    // 4 of 6: the five single witnesses are cheapest.
    assert_eq!(r.group(rule).unwrap().missing, 4);
    assert_eq!(r.missing, 4);
    assert!(!r.is_satisfied());

    v.insert(index(&p, "poc.sigsum.org/nisse"));
    let r = p.explain(&v);
    assert_eq!(r.group(glasklar).unwrap().satisfied_members, 1);
    assert_eq!(r.group(glasklar).unwrap().missing, 1);
    assert_eq!(r.missing, 4);

    v.insert(index(&p, "rgdd.se/poc-witness"));
    let r = p.explain(&v);
    assert!(r.group(glasklar).unwrap().is_satisfied());
    assert_eq!(
        *r.group(rule).unwrap(),
        GroupStatus {
            satisfied_members: 1,
            threshold: 4,
            members: 6,
            missing: 3
        }
    );
    for name in [
        "remora.n621.de",
        "witness.stagemole.eu",
        "tillitis.se/test-witness-1",
    ] {
        v.insert(index(&p, name));
    }
    let r = p.explain(&v);
    assert!(r.is_satisfied());
    assert_eq!(r.missing, 0);
    assert!(p.is_satisfied(&v));
    assert_eq!(r.groups().count(), 2);
}

#[test]
fn compiled_missing_matches_text_on_builtins() {
    for name in Builtin::ALL.map(Builtin::name) {
        let p = builtin(name).unwrap();
        let mut buf = [0u8; MAX_COMPILED_LEN];
        let c = p.compile(&mut buf).unwrap();
        // Walk up through all prefixes of the witness list.
        let mut tv = WitnessSet::EMPTY;
        let mut cv = WitnessSet::EMPTY;
        for w in p.witnesses() {
            let (ti, _) = p.witness(&w.key_hash).unwrap();
            let (ci, _) = c.witness(&w.key_hash).unwrap();
            assert_eq!(
                c.missing_cosignatures(&cv),
                p.explain(&tv).missing,
                "{name}"
            );
            tv.insert(ti);
            cv.insert(ci);
        }
        assert_eq!(c.missing_cosignatures(&cv), 0, "{name}");
    }
}

fn two_of_three() -> (Vec<u8>, [u8; 3]) {
    let mut t = String::new();
    for i in 0..3 {
        t.push_str(&format!("witness w{i} {:064x}\n", i + 1));
    }
    t.push_str("group g 2 w0 w1 w2\nquorum g\n");
    (t.into_bytes(), [0, 1, 2])
}

#[test]
fn quorum_time_is_the_newest_time_the_quorum_holds() {
    let (text, [w0, w1, w2]) = two_of_three();
    let p = TextPolicy::parse(&text).unwrap();
    let cos = [(w0, 100), (w1, 300), (w2, 200)];
    assert_eq!(quorum_time(&p, &cos), Some(QuorumTime::At(200)));
    assert_eq!(quorum_time(&p, &cos[..1]), None);
    assert_eq!(quorum_time(&p, &[]), None);
    // A witness counts from its newest valid cosignature.
    let dup = [(w0, 300), (w0, 100), (w1, 150)];
    assert_eq!(quorum_time(&p, &dup), Some(QuorumTime::At(150)));
    // Equal timestamps.
    assert_eq!(
        quorum_time(&p, &[(w0, 7), (w2, 7)]),
        Some(QuorumTime::At(7))
    );
}

#[test]
fn freshness_check_boundaries() {
    let rule = |now, max_age, max_skew| Freshness {
        now,
        max_age,
        max_skew,
    };
    let t = Some(1000);
    assert_eq!(rule(1000, 0, 0).check(t), Ok(()));
    assert_eq!(rule(1060, 60, 0).check(t), Ok(()));
    assert_eq!(
        rule(1061, 60, 0).check(t),
        Err(FreshnessError::TooOld {
            quorum_timestamp: 1000,
            age: 61
        })
    );
    // Ahead of `now`: within the skew it is age 0, beyond it is rejected.
    assert_eq!(rule(999, 0, 1).check(t), Ok(()));
    assert_eq!(
        rule(999, 60, 0).check(t),
        Err(FreshnessError::InFuture {
            quorum_timestamp: 1000,
            now: 999
        })
    );
    assert_eq!(
        rule(0, u64::MAX, 999).check(t),
        Err(FreshnessError::InFuture {
            quorum_timestamp: 1000,
            now: 0
        })
    );
    // now + max_skew saturates instead of wrapping.
    assert_eq!(rule(u64::MAX, u64::MAX, u64::MAX).check(Some(0)), Ok(()));
    assert_eq!(rule(1, 0, u64::MAX).check(Some(u64::MAX)), Ok(()));
    assert_eq!(
        rule(1000, u64::MAX, u64::MAX).check(None),
        Err(FreshnessError::NoQuorumTimestamp)
    );
    assert_eq!(QuorumTime::At(5).timestamp(), Some(5));
    assert_eq!(QuorumTime::Unbounded.timestamp(), None);
    assert_eq!(
        FreshnessError::TooOld {
            quorum_timestamp: 1,
            age: 2
        }
        .to_string(),
        "too old: quorum timestamp 1 is 2 seconds old"
    );
}

#[test]
fn policy_enum_forms_agree_on_a_builtin() {
    let text = Builtin::from_name("sigsum-generic-2025-1")
        .map(Builtin::text)
        .unwrap();
    let t = Policy::from_text(text).unwrap();
    let p = builtin("sigsum-generic-2025-1").unwrap();
    let mut buf = [0u8; MAX_COMPILED_LEN];
    let len = p.compile(&mut buf).unwrap().as_bytes().len();
    let c = Policy::from_compiled(&buf[..len]).unwrap();
    assert_eq!(
        Policy::from_compiled(&buf[..len - 1]).err(),
        Some(CompiledError::Truncated { expected: len })
    );
    let seasalp =
        Hash::from_hex(b"44ad38f8226ff9bd27629a41e55df727308d0a1cd8a2c31d3170048ac1dd22a1")
            .unwrap();
    assert_eq!(t.log_key(&seasalp), c.log_key(&seasalp));
    assert!(t.log_key(&seasalp).is_some());
    let names = [
        "witness.glasklar.is",
        "witness.mullvad.net",
        "tillitis.se/tillitis-witness-1",
    ];
    for mask in 0..8u8 {
        let (mut ts, mut cs) = (WitnessSet::EMPTY, WitnessSet::EMPTY);
        for (j, name) in names.iter().enumerate() {
            if mask >> j & 1 == 1 {
                let kh = p.witness_at(index(&p, name)).unwrap().key_hash;
                ts.insert(t.witness(&kh).unwrap().0);
                cs.insert(c.witness(&kh).unwrap().0);
            }
        }
        let want = mask.count_ones() >= 2;
        assert_eq!(t.is_satisfied(&ts), want);
        assert_eq!(c.is_satisfied(&cs), want);
        assert_eq!(by_value(&t, &ts), want, "&Policy implements TrustPolicy");
    }
    // The policy hash of the builtin (docs/policy.md "Compiled format").
    assert_eq!(
        p.policy_hash().unwrap().to_string(),
        "34dc9d5a669847a7692ffe8c72e06e6af4cd2ff7f43bc429c5900e3c25324e03"
    );
}

fn by_value<P: TrustPolicy>(p: P, s: &WitnessSet) -> bool {
    p.is_satisfied(s)
}
