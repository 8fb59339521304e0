//! Every vector of tests/vectors/policy/compiled-policy-vectors.txt
//! (provenance in tests/vectors/policy/README.md): 57 policy vectors (compile bit for bit,
//! 392 eval cases on both the compiled and the text form), 24 bytecode
//! vectors (the proposed load-time verdicts, with our exact error) and 8
//! blob vectors (the port's lenient loads are rejections for us).
#![cfg(feature = "parsers")]
mod common;

use common::*;
use sigsum_core::*;

#[derive(Default, Debug)]
struct PolicyVector {
    name: String,
    rejects: bool,
    text: Vec<u8>,
    compiled: Option<Vec<u8>>,
    error: Option<String>,
    same_as: Option<String>,
    sizes: Option<String>,
    bytecode: Option<Vec<u8>>,
    disasm: Option<String>,
    order: Vec<String>,
    evals: Vec<(Vec<Vec<u8>>, bool)>,
}

#[derive(Default, Debug)]
struct BytecodeVector {
    name: String,
    nwitnesses: usize,
    bytecode: Vec<u8>,
    disasm: String,
    proposed: String,
    port_evals: Vec<(Vec<usize>, bool)>,
}

#[derive(Default, Debug)]
struct BlobVector {
    name: String,
    blob: Vec<u8>,
    port_load: String,
    proposed: String,
}

struct Vectors {
    policies: Vec<PolicyVector>,
    bytecodes: Vec<BytecodeVector>,
    blobs: Vec<BlobVector>,
}

fn hex(s: &str) -> Vec<u8> {
    assert!(s.len() % 2 == 0);
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

fn read() -> Vectors {
    let data = read_vector("compiled-policy-vectors.txt");
    let mut v = Vectors {
        policies: vec![],
        bytecodes: vec![],
        blobs: vec![],
    };
    let mut lines = data.lines().peekable();
    while let Some(line) = lines.next() {
        if line.starts_with('#') || line.is_empty() {
            continue;
        }
        let (key, rest) = line.split_once(' ').unwrap_or((line, ""));
        match key {
            "vector" => {
                let mut p = PolicyVector {
                    name: rest.into(),
                    ..Default::default()
                };
                loop {
                    let line = lines.next().unwrap();
                    let (key, rest) = line.split_once(' ').unwrap_or((line, ""));
                    match key {
                        "end" => break,
                        "note" => {}
                        "sigsum-go-rejects" => p.rejects = true,
                        "policy" => {
                            while let Some(l) = lines.peek() {
                                if let Some(t) = l.strip_prefix("    ") {
                                    p.text.extend_from_slice(t.as_bytes());
                                } else if l.is_empty() {
                                } else {
                                    break;
                                }
                                p.text.push(b'\n');
                                lines.next();
                            }
                        }
                        "compiled" => p.compiled = Some(hex(rest)),
                        "error" => p.error = Some(rest.into()),
                        "same-as" => p.same_as = Some(rest.into()),
                        "sizes" => p.sizes = Some(rest.into()),
                        "bytecode" => p.bytecode = Some(hex(rest)),
                        "disasm" => p.disasm = Some(rest.into()),
                        "order" => {
                            p.order = rest
                                .split(' ')
                                .enumerate()
                                .map(|(i, e)| {
                                    let (idx, name) = e.split_once(':').unwrap();
                                    assert_eq!(idx.parse::<usize>().unwrap(), i);
                                    name.to_string()
                                })
                                .collect()
                        }
                        "eval" => p.evals.push(parse_eval(rest)),
                        _ => panic!("unknown line {line:?}"),
                    }
                }
                v.policies.push(p);
            }
            "bytecode-vector" => {
                let mut b = BytecodeVector {
                    name: rest.into(),
                    ..Default::default()
                };
                loop {
                    let line = lines.next().unwrap();
                    let (key, rest) = line.split_once(' ').unwrap_or((line, ""));
                    match key {
                        "end" => break,
                        "note" => {}
                        "nwitnesses" => b.nwitnesses = rest.parse().unwrap(),
                        "bytecode" => b.bytecode = hex(rest),
                        "disasm" => b.disasm = rest.into(),
                        "proposed" => b.proposed = rest.into(),
                        "port-eval" => {
                            let (set, result) = rest.split_once(" -> ").unwrap();
                            let set = set.trim_start_matches('[').trim_end_matches(']');
                            let idx = set
                                .split(' ')
                                .filter(|s| !s.is_empty())
                                .map(|s| s.parse().unwrap())
                                .collect();
                            b.port_evals.push((idx, result == "true"));
                        }
                        _ => panic!("unknown line {line:?}"),
                    }
                }
                v.bytecodes.push(b);
            }
            "blob-vector" => {
                let mut b = BlobVector {
                    name: rest.into(),
                    ..Default::default()
                };
                loop {
                    let line = lines.next().unwrap();
                    let (key, rest) = line.split_once(' ').unwrap_or((line, ""));
                    match key {
                        "end" => break,
                        "note" | "port-order" | "port-eval" => {}
                        "blob" => b.blob = hex(rest),
                        "port-load" => b.port_load = rest.into(),
                        "proposed" => b.proposed = rest.into(),
                        _ => panic!("unknown line {line:?}"),
                    }
                }
                v.blobs.push(b);
            }
            _ => panic!("unknown line {line:?}"),
        }
    }
    v
}

fn disassemble(program: &[u8]) -> String {
    if program.is_empty() {
        return "(empty program)".into();
    }
    let mut out = vec![];
    for item in Instructions::new(program) {
        out.push(match item.unwrap().1 {
            Instruction::Push(i) => format!("w[{i}]?"),
            Instruction::Add => "ADD".into(),
            Instruction::AtLeast(k) => format!(">={k}"),
        });
    }
    out.join(" ")
}

/// Line number (1-based) of the `n`-th line (1-based) starting with `word`.
fn nth_line(text: &[u8], word: &str, n: usize) -> u32 {
    let pos = text
        .split(|b| *b == b'\n')
        .enumerate()
        .filter(|(_, l)| l.starts_with(word.as_bytes()))
        .nth(n - 1)
        .unwrap()
        .0;
    pos as u32 + 1
}

/// Our verdict on each vector the port (or sigsum-go) rejects.
fn check_rejected(p: &PolicyVector) {
    let parsed = LargeTextPolicy::parse(&p.text);
    let err = |kind, line| {
        Some(PolicyError {
            line: nth_line(&p.text, line, 1),
            kind,
        })
    };
    match p.name.as_str() {
        "quorum-none" | "quorum-none-no-witnesses" => {
            let tp = parsed.unwrap();
            assert_eq!(tp.compiled_len(), Err(CompileError::QuorumNone));
            assert_eq!(tp.policy_hash(), Err(CompileError::QuorumNone));
            let mut buf = [0u8; 100];
            assert_eq!(tp.compile(&mut buf).err(), Some(CompileError::QuorumNone));
        }
        "max/256-witnesses" => {
            assert_eq!(
                parsed.err(),
                Some(PolicyError {
                    line: nth_line(&p.text, "witness", 256),
                    kind: PolicyErrorKind::TooManyWitnesses { max: 255 }
                })
            );
        }
        "max/256-logs" => {
            assert_eq!(
                parsed.err(),
                Some(PolicyError {
                    line: nth_line(&p.text, "log", 256),
                    kind: PolicyErrorKind::TooManyLogs { max: 255 }
                })
            );
            // With room for more logs the text parses, and the compiler
            // refuses it.
            let big =
                TextPolicyN::<'_, 300, 255, 255, { program_capacity(255, 255) }>::parse(&p.text)
                    .unwrap();
            assert_eq!(
                big.compiled_len(),
                Err(CompileError::TooManyLogs { count: 256 })
            );
        }
        "max/bytecode-256" => {
            let tp = parsed.unwrap();
            assert_eq!(
                tp.compiled_len(),
                Err(CompileError::ProgramTooLong { len: 256 })
            );
        }
        "lenient/same-member-twice" => {
            assert_eq!(parsed.err(), err(PolicyErrorKind::AlreadyMember, "group"));
        }
        "lenient/member-of-two-groups" => {
            assert_eq!(
                parsed.err(),
                Some(PolicyError {
                    line: nth_line(&p.text, "group", 2),
                    kind: PolicyErrorKind::AlreadyMember
                })
            );
        }
        "lenient/none-as-member" => {
            assert_eq!(parsed.err(), err(PolicyErrorKind::NoneAsMember, "group"));
        }
        other => panic!("unexpected rejected vector {other}"),
    }
}

#[test]
fn all_policy_vectors_compile_bit_for_bit_and_evaluate() {
    let v = read();
    assert_eq!(v.policies.len(), 57);
    let mut compiled_by_name: std::collections::HashMap<String, Vec<u8>> = Default::default();
    let mut evals = 0;
    let mut rejected = 0;
    for p in &v.policies {
        if p.error.is_some() || p.rejects {
            check_rejected(p);
            rejected += 1;
            // The port compiled the two lenient texts; their blobs are
            // structurally valid (only non-canonical), so our loader takes
            // them and evaluates them exactly as the port did (w0 counting
            // twice). Only the canonical-hash comparison can catch that;
            // our parser refuses the texts in the first place.
            if let Some(blob) = &p.compiled {
                let loaded = CompiledPolicy::from_bytes(blob).unwrap();
                let offset = if p.name == "lenient/same-member-twice" {
                    1
                } else {
                    4
                };
                assert_eq!(
                    loaded.check_canonical(),
                    Err(NonCanonical::DuplicateWitness { offset }),
                    "{}",
                    p.name
                );
                for (names, result) in &p.evals {
                    let mut set = WitnessSet::EMPTY;
                    for n in names {
                        let name = std::str::from_utf8(n).unwrap();
                        set.insert(p.order.iter().position(|o| o == name).unwrap() as u8);
                    }
                    assert_eq!(loaded.is_satisfied(&set), *result, "{} {names:?}", p.name);
                    evals += 1;
                }
            } else {
                assert!(p.evals.is_empty(), "{}", p.name);
            }
            continue;
        }
        let tp = LargeTextPolicy::parse(&p.text).unwrap_or_else(|e| panic!("{}: {e}", p.name));
        let want = p.compiled.clone().expect("compiled line");
        if let Some(other) = &p.same_as {
            assert_eq!(want, compiled_by_name[other], "{}: same-as {other}", p.name);
        }
        let mut buf = vec![0u8; MAX_COMPILED_LEN];
        let cp = tp.compile(&mut buf).unwrap();
        assert_eq!(cp.as_bytes(), &want[..], "{}", p.name);
        assert_eq!(tp.compiled_len(), Ok(want.len()), "{}", p.name);
        // Exact-size buffer works, one byte less does not.
        let mut exact = vec![0u8; want.len()];
        assert!(tp.compile(&mut exact).is_ok());
        let mut short = vec![0u8; want.len() - 1];
        assert_eq!(
            tp.compile(&mut short).err(),
            Some(CompileError::BufferTooSmall { needed: want.len() })
        );
        let hash = sha256(&want);
        assert_eq!(tp.policy_hash(), Ok(hash), "{}", p.name);
        assert_eq!(cp.hash(), hash);
        if let Some(sizes) = &p.sizes {
            let got = format!(
                "nlogs={} nwitnesses={} nquorum={} total={} sha256={}",
                cp.log_count(),
                cp.witness_count(),
                cp.program().len(),
                want.len(),
                hash
            );
            assert_eq!(&got, sizes, "{}", p.name);
        }
        if let Some(b) = &p.bytecode {
            assert_eq!(cp.program(), &b[..], "{}", p.name);
        }
        if let Some(d) = &p.disasm {
            assert_eq!(&disassemble(cp.program()), d, "{}", p.name);
        }
        // The blob loads strictly, is canonical, and the order line is the
        // key-hash order.
        let loaded = CompiledPolicy::from_bytes(&want).unwrap();
        assert_eq!(loaded.check_canonical(), Ok(()), "{}", p.name);
        for (i, name) in p.order.iter().enumerate() {
            let Some(PolicyNode::Witness(t)) = tp.find(name.as_bytes()) else {
                panic!("{}: {name}", p.name)
            };
            let w = tp.witness_at(t).unwrap();
            assert_eq!(loaded.witness(&w.key_hash), Some((i as u8, w.key)));
        }
        for l in tp.logs() {
            assert_eq!(loaded.log_key(&l.key_hash), Some(l.key), "{}", p.name);
        }
        for (names, result) in &p.evals {
            let mut compiled_set = WitnessSet::EMPTY;
            let mut text_set = WitnessSet::EMPTY;
            for n in names {
                let name = std::str::from_utf8(n).unwrap();
                let i = p.order.iter().position(|o| o == name).unwrap();
                compiled_set.insert(i as u8);
                let Some(PolicyNode::Witness(t)) = tp.find(n) else {
                    panic!("{name}")
                };
                text_set.insert(t);
            }
            assert_eq!(
                loaded.is_satisfied(&compiled_set),
                *result,
                "{} {names:?}",
                p.name
            );
            assert_eq!(tp.is_satisfied(&text_set), *result, "{} {names:?}", p.name);
            evals += 1;
        }
        compiled_by_name.insert(p.name.clone(), want);
    }
    assert_eq!(rejected, 8);
    assert_eq!(evals, 392);
}

/// Map a `proposed invalid: <reason>` text to our exact error.
fn expected_error(reason: &str) -> CompiledError {
    let num = |s: &str| -> usize {
        if let Some(h) = s.strip_prefix("0x") {
            usize::from_str_radix(h, 16).unwrap()
        } else {
            s.parse().unwrap()
        }
    };
    let words: Vec<&str> = reason.split(' ').collect();
    match words.as_slice() {
        ["empty", "program"] => CompiledError::EmptyProgram,
        ["last", "instruction", "is", "ADD"] => CompiledError::TrailingAdd,
        ["final", "stack", "depth", d, "!=", "1"] => CompiledError::FinalDepth { depth: num(d) },
        ["stack", "underflow", "(ADD)", "at", "offset", o] => {
            CompiledError::AddUnderflow { offset: num(o) }
        }
        ["stack", "underflow", "(>=K)", "at", "offset", o] => {
            CompiledError::ThresholdUnderflow { offset: num(o) }
        }
        ["unknown", "opcode", b, "at", "offset", o] => CompiledError::InvalidOpcode {
            offset: num(o),
            byte: num(b) as u8,
        },
        ["witness", "index", i, ">=", "nwitnesses", _, "at", "offset", o] => {
            CompiledError::WitnessIndexOutOfRange {
                offset: num(o),
                index: num(i) as u32,
            }
        }
        ["non-minimal", "prefix", "0xc0", "at", "offset", o] => {
            CompiledError::LeadingZeroPrefix { offset: num(o) }
        }
        ["prefix", "at", "end", "of", "program"] => CompiledError::DanglingPrefix,
        ["prefix", "before", "non-immediate", "opcode", "at", "offset", o] => {
            CompiledError::PrefixBeforeAdd { offset: num(o) }
        }
        _ => panic!("unmapped reason {reason:?}"),
    }
}

#[test]
fn all_bytecode_vectors_get_the_proposed_verdict() {
    let v = read();
    assert_eq!(v.bytecodes.len(), 24);
    let (mut valid, mut invalid, mut evals) = (0, 0, 0);
    for b in &v.bytecodes {
        let verdict = validate_program(&b.bytecode, b.nwitnesses);
        if let Some(reason) = b.proposed.strip_prefix("invalid: ") {
            let want = expected_error(reason);
            assert_eq!(verdict, Err(want), "{}", b.name);
            // Invalid programs never evaluate to true here, whatever the
            // port says (it says true for several), even on every witness.
            let mut all = WitnessSet::EMPTY;
            (0..=254).for_each(|i| all.insert(i));
            let mut sets = vec![WitnessSet::EMPTY, all];
            for (idx, _) in &b.port_evals {
                let mut s = WitnessSet::EMPTY;
                idx.iter().for_each(|i| s.insert(*i as u8));
                sets.push(s);
            }
            for s in &sets {
                assert!(
                    !evaluate_program(&b.bytecode, b.nwitnesses, s),
                    "{}: invalid program evaluated to true",
                    b.name
                );
            }
            invalid += 1;
            continue;
        }
        assert!(b.proposed.starts_with("valid-"), "{}", b.name);
        assert_eq!(verdict, Ok(()), "{}", b.name);
        let canonical = match b.name.as_str() {
            "single-push" | "prefix-witness-64" | "sketch-example-43981" => Ok(()),
            "prefix-threshold-64" | "threshold-zero" | "one-member-group-not-flattened" => {
                Err(NonCanonical::ThresholdOnSingleTerm { offset: 1 })
            }
            "threshold-above-n" => Err(NonCanonical::ThresholdOutOfRange { offset: 3 }),
            "members-not-sorted" => Err(NonCanonical::MemberOrder { offset: 2 }),
            "right-nested-adds" => Err(NonCanonical::RightNestedAdd { offset: 4 }),
            "deepest-stack" => Err(NonCanonical::RightNestedAdd { offset: 128 }),
            "duplicate-witness" => Err(NonCanonical::DuplicateWitness { offset: 1 }),
            other => panic!("unexpected valid vector {other}"),
        };
        assert_eq!(
            canonical.is_ok(),
            b.proposed == "valid-canonical",
            "{}",
            b.name
        );
        if b.nwitnesses <= 255 {
            assert_eq!(check_canonical(&b.bytecode), canonical, "{}", b.name);
        }
        assert_eq!(disassemble(&b.bytecode), b.disasm, "{}", b.name);
        valid += 1;
        for (idx, want) in &b.port_evals {
            if b.nwitnesses > 255 {
                // sketch-example-43981: decoder-only (a WitnessSet holds
                // indices below 256).
                continue;
            }
            let mut s = WitnessSet::EMPTY;
            idx.iter().for_each(|i| s.insert(*i as u8));
            assert_eq!(
                evaluate_program(&b.bytecode, b.nwitnesses, &s),
                *want,
                "{} {idx:?}",
                b.name
            );
            evals += 1;
        }
    }
    assert_eq!((valid, invalid), (11, 13));
    assert!(evals > 0);
    // The sketch's three-byte immediate decodes exactly.
    let ops: Vec<_> = Instructions::new(&hex("caef4d")).collect();
    assert_eq!(ops, vec![Ok((0, Instruction::Push(43981)))]);
    let ops: Vec<_> = Instructions::new(&hex("caef8d")).collect();
    assert_eq!(ops, vec![Ok((0, Instruction::AtLeast(43981)))]);
}

#[test]
fn all_blob_vectors_are_rejected_with_our_error() {
    let v = read();
    assert_eq!(v.blobs.len(), 8);
    let xy = &v
        .policies
        .iter()
        .find(|p| p.name == "doc-example/X-and-Y")
        .unwrap();
    let good = xy.compiled.clone().unwrap();
    assert!(
        CompiledPolicy::from_bytes(&good).is_ok(),
        "X/Y loads (no point check)"
    );
    let expected = good.len();
    for b in &v.blobs {
        assert!(b.proposed.starts_with("reject: "), "{}", b.name);
        let want = match b.name.as_str() {
            "too-short" => CompiledError::TooShort,
            "truncated-log-table" => CompiledError::Truncated { expected: 36 },
            "truncated-bytecode" => CompiledError::Truncated { expected },
            "trailing-byte" => CompiledError::TrailingData { expected },
            "version-1" => CompiledError::UnsupportedVersion(1),
            "empty-bytecode" => CompiledError::EmptyProgram,
            "witness-table-reversed" => CompiledError::WitnessOrder { index: 1 },
            "duplicate-witness-key" => CompiledError::DuplicateWitness { index: 1 },
            other => panic!("unexpected blob vector {other}"),
        };
        assert_eq!(
            CompiledPolicy::from_bytes(&b.blob).err(),
            Some(want),
            "{}",
            b.name
        );
        // The port accepted five of them.
        let port_accepted = b.port_load.starts_with("accepted");
        assert_eq!(
            port_accepted,
            !matches!(
                b.name.as_str(),
                "too-short" | "truncated-log-table" | "truncated-bytecode"
            ),
            "{}",
            b.name
        );
    }
}

#[test]
fn compiled_error_display_is_distinct() {
    use CompiledError::*;
    let all = [
        TooShort,
        UnsupportedVersion(1),
        Truncated { expected: 36 },
        TrailingData { expected: 36 },
        LogOrder { index: 1 },
        DuplicateLog { index: 1 },
        WitnessOrder { index: 1 },
        DuplicateWitness { index: 1 },
        EmptyProgram,
        InvalidOpcode { offset: 2, byte: 3 },
        LeadingZeroPrefix { offset: 2 },
        PrefixBeforeAdd { offset: 2 },
        DanglingPrefix,
        ImmediateOverflow { offset: 2 },
        WitnessIndexOutOfRange {
            offset: 2,
            index: 7,
        },
        AddUnderflow { offset: 2 },
        ThresholdUnderflow { offset: 2 },
        TrailingAdd,
        FinalDepth { depth: 2 },
    ];
    let texts: std::collections::HashSet<String> = all.iter().map(|e| e.to_string()).collect();
    assert_eq!(texts.len(), all.len());
    assert!(!texts.contains(""));
    assert_eq!(
        InvalidOpcode { offset: 2, byte: 3 }.to_string(),
        "unknown opcode 0x03 at offset 2"
    );
}

/// Key lookups in a compiled policy (binary search by key hash): every
/// key is found at its table position, and absent hashes (below, between
/// and above the table's) are not found.
#[test]
fn compiled_key_lookup_finds_exactly_the_table() {
    for b in Builtin::ALL {
        let c = b.compiled().unwrap();
        let witnesses: Vec<PublicKey> = c.witness_keys().collect();
        assert!(witnesses.len() > 1, "{b:?}");
        for (i, k) in witnesses.iter().enumerate() {
            assert_eq!(c.witness(&k.key_hash()), Some((i as u8, *k)), "{b:?}");
            assert_eq!(c.log_key(&k.key_hash()), None, "{b:?}");
        }
        for k in c.log_keys() {
            assert_eq!(c.log_key(&k.key_hash()), Some(k), "{b:?}");
            assert_eq!(c.witness(&k.key_hash()), None, "{b:?}");
        }
        let mut absent = vec![Hash([0; 32]), Hash([0xff; 32])];
        for k in witnesses.iter().copied().chain(c.log_keys()) {
            let mut h = k.key_hash();
            h.0[31] ^= 1;
            absent.push(h);
        }
        for h in &absent {
            assert_eq!(c.witness(h), None, "{b:?} {h:?}");
            assert_eq!(c.log_key(h), None, "{b:?} {h:?}");
        }
    }
}

/// The largest blob (255 logs, 255 witnesses, a 255-byte program): the
/// size of the C header's SIGSUM_MAX_COMPILED_POLICY_SIZE.
#[test]
fn max_compiled_len_is_the_largest_blob() {
    assert_eq!(MAX_COMPILED_LEN, 4 + 32 * 255 + 32 * 255 + 255);
}
