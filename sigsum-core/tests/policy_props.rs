//! Property tests: the text form, the compiled form and the naive
//! reference (testkit::policy) agree on random policies and witness sets;
//! early decision equals full evaluation; the failure explanation is the
//! exact minimum; the quorum time is the same both ways; compilation is
//! canonical; nothing panics on mutated input.
#![cfg(feature = "parsers")]
use std::collections::BTreeSet;

use proptest::prelude::*;
use sigsum_core::*;
use testkit::policy::RandomPolicy;

/// Map reference witness numbers to the text policy's witness indices.
fn text_indices(p: &LargeTextPolicy, r: &RandomPolicy) -> Vec<u8> {
    r.witness_keys
        .iter()
        .map(|k| p.witness(&PublicKey(*k).key_hash()).unwrap().0)
        .collect()
}

fn compiled_indices(c: &CompiledPolicy, r: &RandomPolicy) -> Vec<u8> {
    r.witness_keys
        .iter()
        .map(|k| c.witness(&PublicKey(*k).key_hash()).unwrap().0)
        .collect()
}

fn set_of(present: &BTreeSet<usize>, map: &[u8]) -> WitnessSet {
    let mut s = WitnessSet::EMPTY;
    present.iter().for_each(|i| s.insert(map[*i]));
    s
}

fn subset(bits: u64, n: usize) -> BTreeSet<usize> {
    (0..n).filter(|i| bits >> (i % 64) & 1 == 1).collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn text_compiled_and_reference_agree(seed: u64, fmt_seed: u64, sets in prop::collection::vec(any::<u64>(), 8)) {
        let r = RandomPolicy::generate(seed, 3, 120, 12, 6);
        let text = r.render(fmt_seed);
        let p = LargeTextPolicy::parse(&text).unwrap();
        prop_assert_eq!(p.witness_count(), r.witness_keys.len());
        prop_assert_eq!(p.log_count(), r.log_keys.len());
        let tmap = text_indices(&p, &r);
        let mut buf = vec![0u8; MAX_COMPILED_LEN];
        let compiled = match r.quorum {
            None => {
                prop_assert_eq!(p.compiled_len(), Err(CompileError::QuorumNone));
                None
            }
            Some(_) => Some(p.compile(&mut buf).unwrap()),
        };
        let n = r.witness_keys.len();
        for bits in sets.iter().copied().chain([0, u64::MAX]) {
            let present = subset(bits, n);
            let want = r.eval(&present);
            prop_assert_eq!(p.is_satisfied(&set_of(&present, &tmap)), want);
            let report = p.explain(&set_of(&present, &tmap));
            prop_assert_eq!(report.is_satisfied(), want);
            if let Some(c) = &compiled {
                let cmap = compiled_indices(c, &r);
                let cset = set_of(&present, &cmap);
                prop_assert_eq!(c.is_satisfied(&cset), want);
                prop_assert_eq!(c.missing_cosignatures(&cset), report.missing);
                let any = Policy::Compiled(*c);
                prop_assert_eq!(any.is_satisfied(&cset), want);
            }
        }
    }

    #[test]
    fn compilation_is_canonical(seed: u64, fmt_a: u64, fmt_b: u64) {
        // Same meaning, different names, order, spacing, hex case,
        // thresholds spelling: same bytes, same hash.
        let r = RandomPolicy::generate(seed, 4, 100, 10, 5);
        prop_assume!(r.quorum.is_some());
        let (ta, tb) = (r.render(fmt_a), r.render(fmt_b));
        let a = LargeTextPolicy::parse(&ta).unwrap();
        let b = LargeTextPolicy::parse(&tb).unwrap();
        let (mut ba, mut bb) = (vec![0u8; MAX_COMPILED_LEN], vec![0u8; MAX_COMPILED_LEN]);
        let ca = a.compile(&mut ba).unwrap();
        let cb = b.compile(&mut bb).unwrap();
        prop_assert_eq!(ca.as_bytes(), cb.as_bytes());
        prop_assert_eq!(ca.check_canonical(), Ok(()));
        prop_assert_eq!(a.policy_hash().unwrap(), cb.hash());
    }

    #[test]
    fn early_decision_equals_full_evaluation(seed: u64, fmt_seed: u64, v: u64, pend: u64) {
        let r = RandomPolicy::generate(seed, 1, 10, 6, 4);
        let text = r.render(fmt_seed);
        let p = LargeTextPolicy::parse(&text).unwrap();
        let tmap = text_indices(&p, &r);
        let n = r.witness_keys.len();
        let verified = subset(v, n);
        let pending: BTreeSet<usize> = subset(pend, n).difference(&verified).copied().collect();
        let pending_list: Vec<usize> = pending.iter().copied().collect();
        // Brute force over every subset of the pending cosignatures.
        let mut outcomes = BTreeSet::new();
        for mask in 0u32..(1 << pending_list.len()) {
            let mut s = verified.clone();
            for (j, w) in pending_list.iter().enumerate() {
                if mask >> j & 1 == 1 {
                    s.insert(*w);
                }
            }
            outcomes.insert(r.eval(&s));
        }
        let want = if r.eval(&verified) {
            QuorumState::Met
        } else if !outcomes.contains(&true) {
            QuorumState::Unreachable
        } else {
            QuorumState::Undecided
        };
        let got = p.decide(&set_of(&verified, &tmap), &set_of(&pending, &tmap));
        prop_assert_eq!(got, want);
        if r.quorum.is_some() {
            let mut buf = vec![0u8; MAX_COMPILED_LEN];
            let c = p.compile(&mut buf).unwrap();
            let cmap = compiled_indices(&c, &r);
            prop_assert_eq!(c.decide(&set_of(&verified, &cmap), &set_of(&pending, &cmap)), want);
        }
    }

    #[test]
    fn explanation_is_the_exact_minimum(seed: u64, fmt_seed: u64, v: u64) {
        let r = RandomPolicy::generate(seed, 1, 10, 6, 4);
        let text = r.render(fmt_seed);
        let p = LargeTextPolicy::parse(&text).unwrap();
        let tmap = text_indices(&p, &r);
        let present = subset(v, r.witness_keys.len());
        let report = p.explain(&set_of(&present, &tmap));
        let want = r.min_missing(&present).unwrap();
        prop_assert_eq!(usize::from(report.missing), want);
        for (g, status) in report.groups().enumerate() {
            let group = p.group_at(g as u8).unwrap();
            prop_assert_eq!(status.threshold, group.threshold);
            prop_assert_eq!(status.members, group.members);
            prop_assert!(status.satisfied_members <= status.members);
            prop_assert_eq!(status.is_satisfied(), status.satisfied_members >= status.threshold);
        }
    }

    #[test]
    fn quorum_time_is_the_definition(seed: u64, fmt_seed: u64, cos in prop::collection::vec((any::<u8>(), 0u64..20), 0..24)) {
        let r = RandomPolicy::generate(seed, 1, 12, 6, 4);
        let text = r.render(fmt_seed);
        let p = LargeTextPolicy::parse(&text).unwrap();
        let tmap = text_indices(&p, &r);
        let n = r.witness_keys.len();
        // (witness number, timestamp), duplicates allowed.
        let cosigned: Vec<(u8, u64)> = cos.iter().map(|(w, t)| (tmap[*w as usize % n], *t)).collect();
        let batch = quorum_time(&p, &cosigned);
        // The definition: holds on {ts >= T}, not on {ts > T}.
        if let Some(QuorumTime::At(t)) = batch {
            let at = |pred: &dyn Fn(u64) -> bool| {
                let mut s = WitnessSet::EMPTY;
                cosigned.iter().filter(|(_, ts)| pred(*ts)).for_each(|(w, _)| s.insert(*w));
                p.is_satisfied(&s)
            };
            prop_assert!(at(&|ts| ts >= t));
            prop_assert!(!at(&|ts| ts > t));
        }
        let mut all = WitnessSet::EMPTY;
        cosigned.iter().for_each(|(w, _)| all.insert(*w));
        prop_assert_eq!(batch.is_some(), p.is_satisfied(&all));
    }

    #[test]
    fn parser_and_loader_never_panic_on_mutations(seed: u64, fmt_seed: u64, muts in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..6)) {
        let r = RandomPolicy::generate(seed, 2, 12, 6, 4);
        let mut text = r.render(fmt_seed);
        for (i, b) in &muts {
            let i = i.index(text.len());
            text[i] = *b;
        }
        if let Ok(p) = LargeTextPolicy::parse(&text) {
            let _ = p.is_satisfied(&WitnessSet::EMPTY);
            let _ = p.explain(&WitnessSet::EMPTY);
            let _ = p.policy_hash();
        }
        let _ = TextPolicy::parse(&text);
        // Mutate a valid blob too.
        if r.quorum.is_some() {
            let clean = r.render(fmt_seed);
            let p = LargeTextPolicy::parse(&clean).unwrap();
            let mut blob = vec![0u8; MAX_COMPILED_LEN];
            let len = p.compile(&mut blob).unwrap().as_bytes().len();
            blob.truncate(len);
            for (i, b) in &muts {
                let i = i.index(blob.len());
                blob[i] = *b;
            }
            if let Ok(c) = CompiledPolicy::from_bytes(&blob) {
                let _ = c.check_canonical();
                let mut all = WitnessSet::EMPTY;
                (0..=254).for_each(|i| all.insert(i));
                let _ = c.is_satisfied(&all);
                let _ = c.missing_cosignatures(&WitnessSet::EMPTY);
            }
        }
    }
}

#[test]
fn random_program_bytes_never_panic() {
    let mut rng = testkit::policy::Rng::new(7);
    for _ in 0..20000 {
        let len = rng.below(12);
        let program: Vec<u8> = (0..len).map(|_| rng.next_u64() as u8).collect();
        let nw = rng.below(70);
        let ok = validate_program(&program, nw).is_ok();
        let mut s = WitnessSet::EMPTY;
        for i in 0..70u8 {
            if rng.chance(1, 2) {
                s.insert(i);
            }
        }
        let v = evaluate_program(&program, nw, &s);
        assert!(ok || !v, "{program:02x?}");
        if ok {
            let _ = check_canonical(&program);
        }
    }
}

#[test]
fn quorum_none_explains_and_times_as_unbounded() {
    let p = TextPolicy::parse(b"quorum none\n").unwrap();
    assert_eq!(p.quorum(), Some(PolicyNode::None));
    assert_eq!(p.explain(&WitnessSet::EMPTY).missing, 0);
    assert_eq!(quorum_time(&p, &[]), Some(QuorumTime::Unbounded));
}
