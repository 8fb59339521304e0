//! Reject twins of every accepted builtin policy, in text and compiled
//! form: each line or field flipped, truncated or extended gives the exact
//! error.
#![cfg(feature = "parsers")]
use sigsum_core::{
    validate_program, Builtin, CompiledError as C, CompiledPolicy, EncodingError, Instruction,
    Instructions, PolicyError, PolicyErrorKind as K, TextPolicy, MAX_COMPILED_LEN,
};

/// Length of a compiled policy's header (version and three counts).
const HEADER_LEN: usize = 4;

/// The builtin policy `name`, parsed from its text.
fn builtin(name: &str) -> Result<TextPolicy<'static>, PolicyError> {
    Builtin::from_name(name)?.parse()
}

fn parse_err(text: &str) -> Option<PolicyError> {
    TextPolicy::parse(text.as_bytes()).err()
}

fn with_line(lines: &[&str], i: usize, replacement: &[String]) -> String {
    let mut out: Vec<String> = lines[..i].iter().map(|s| s.to_string()).collect();
    out.extend(replacement.iter().cloned());
    out.extend(lines[i + 1..].iter().map(|s| s.to_string()));
    out.join("\n") + "\n"
}

#[test]
fn text_twins_of_every_builtin_line() {
    let mut checked = 0;
    for name in Builtin::ALL.map(Builtin::name) {
        let text =
            std::str::from_utf8(Builtin::from_name(name).map(Builtin::text).unwrap()).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert!(TextPolicy::parse(text.as_bytes()).is_ok());
        for (i, line) in lines.iter().enumerate() {
            let n = i as u32 + 1;
            let err = |kind| Some(PolicyError { line: n, kind });
            let fields: Vec<&str> = line.split_whitespace().collect();
            let Some(keyword) = fields.first() else {
                continue;
            };
            if keyword.starts_with('#') {
                // A comment line with a control character is rejected.
                let t = with_line(&lines, i, &[format!("{line}\x01")]);
                assert_eq!(parse_err(&t), err(K::ControlCharacter(1)), "{name}:{n}");
                continue;
            }
            let key_field = match *keyword {
                "log" => Some(1),
                "witness" => Some(2),
                _ => None,
            };
            if let Some(k) = key_field {
                let key = fields[k];
                for (bad, kind) in [
                    (&key[..63], K::InvalidKey(EncodingError::HexLength)),
                    (
                        &format!("{key}0")[..],
                        K::InvalidKey(EncodingError::HexLength),
                    ),
                    (
                        &format!("{}g", &key[..63])[..],
                        K::InvalidKey(EncodingError::HexSyntax),
                    ),
                ] {
                    let t = with_line(&lines, i, &[line.replacen(key, bad, 1)]);
                    assert_eq!(parse_err(&t), err(kind), "{name}:{n}");
                }
                // Extended by a field.
                let extra = if fields.len() == k + 1 {
                    " http://x extra"
                } else {
                    " extra"
                };
                let t = with_line(&lines, i, &[format!("{line}{extra}")]);
                let kind = if *keyword == "log" {
                    K::LogArguments
                } else {
                    K::WitnessArguments
                };
                assert_eq!(parse_err(&t), err(kind), "{name}:{n}");
                // Truncated to the keyword.
                let t = with_line(&lines, i, &[keyword.to_string()]);
                assert_eq!(parse_err(&t), err(kind), "{name}:{n}");
            }
            // Repeated line.
            let twice = with_line(&lines, i, &[line.to_string(), line.to_string()]);
            let dup = match *keyword {
                "log" => K::DuplicateLog,
                "witness" | "group" => K::DuplicateName,
                "quorum" => K::QuorumRedefined,
                other => panic!("{other}"),
            };
            assert_eq!(
                parse_err(&twice),
                Some(PolicyError {
                    line: n + 1,
                    kind: dup
                }),
                "{name}:{n}"
            );
            match *keyword {
                "group" => {
                    let members = fields.len() - 3;
                    for (t, kind) in [
                        ("0".to_string(), K::ThresholdOutOfRange),
                        ((members + 1).to_string(), K::ThresholdOutOfRange),
                        (format!("+{}", fields[2]), K::ThresholdSyntax),
                        (format!("0{}", fields[2]), K::ThresholdSyntax),
                    ] {
                        let mut f: Vec<String> = fields.iter().map(|s| s.to_string()).collect();
                        f[2] = t;
                        let txt = with_line(&lines, i, &[f.join(" ")]);
                        assert_eq!(parse_err(&txt), err(kind), "{name}:{n}");
                    }
                    // Truncated to name and threshold.
                    let txt = with_line(&lines, i, &[fields[..3].join(" ")]);
                    assert_eq!(parse_err(&txt), err(K::GroupArguments), "{name}:{n}");
                    // A member renamed.
                    let txt = with_line(&lines, i, &[format!("{line}X")]);
                    assert_eq!(parse_err(&txt), err(K::UndefinedName), "{name}:{n}");
                }
                "quorum" => {
                    let txt = with_line(&lines, i, &[]);
                    assert_eq!(
                        parse_err(&txt),
                        Some(PolicyError {
                            line: 0,
                            kind: K::NoQuorum
                        })
                    );
                    let txt = with_line(&lines, i, &[format!("{line} extra")]);
                    assert_eq!(parse_err(&txt), err(K::QuorumArguments), "{name}:{n}");
                    let txt = with_line(&lines, i, &[format!("{line}X")]);
                    assert_eq!(parse_err(&txt), err(K::UndefinedName), "{name}:{n}");
                    let txt = with_line(&lines, i, &[line.replacen("quorum", "Quorum", 1)]);
                    assert_eq!(parse_err(&txt), err(K::UnknownKeyword), "{name}:{n}");
                }
                _ => {}
            }
            checked += 1;
        }
    }
    // Directive lines: 7 + 13 + 6 + 11.
    assert_eq!(checked, 37);
}

#[test]
fn compiled_twins_of_every_builtin() {
    for name in Builtin::ALL.map(Builtin::name) {
        let p = builtin(name).unwrap();
        let mut buf = [0u8; MAX_COMPILED_LEN];
        let blob = p.compile(&mut buf).unwrap().as_bytes().to_vec();
        let len = blob.len();
        let load = |b: &[u8]| CompiledPolicy::from_bytes(b).err();
        assert_eq!(load(&blob), None, "{name}");
        assert_eq!(load(&blob[..len - 1]), Some(C::Truncated { expected: len }));
        assert_eq!(load(&blob[..3]), Some(C::TooShort));
        assert_eq!(load(&[]), Some(C::TooShort));
        let mut longer = blob.clone();
        longer.push(0x40);
        assert_eq!(load(&longer), Some(C::TrailingData { expected: len }));
        for v in [1u8, 0x80, 0xff] {
            let mut b = blob.clone();
            b[0] = v;
            assert_eq!(load(&b), Some(C::UnsupportedVersion(v)));
        }
        // Header counts off by one either way.
        for (pos, delta) in [(1usize, 1i32), (2, 1), (3, 1), (1, -1), (2, -1), (3, -1)] {
            let mut b = blob.clone();
            b[pos] = (b[pos] as i32 + delta) as u8;
            let expected = if pos == 3 {
                (len as i32 + delta) as usize
            } else {
                (len as i32 + 32 * delta) as usize
            };
            let want = if delta > 0 {
                C::Truncated { expected }
            } else {
                C::TrailingData { expected }
            };
            assert_eq!(load(&b), Some(want), "{name} header {pos} {delta}");
        }
        // Swapping two adjacent keys breaks the order.
        let nlogs = blob[1] as usize;
        let nwit = blob[2] as usize;
        let key = |i: usize| HEADER_LEN + 32 * i;
        if nlogs >= 2 {
            let mut b = blob.clone();
            let (x, y) = (blob[key(0)..key(1)].to_vec(), blob[key(1)..key(2)].to_vec());
            b[key(0)..key(1)].copy_from_slice(&y);
            b[key(1)..key(2)].copy_from_slice(&x);
            assert_eq!(load(&b), Some(C::LogOrder { index: 1 }), "{name}");
            b[key(0)..key(1)].copy_from_slice(&x);
            assert_eq!(load(&b), Some(C::DuplicateLog { index: 1 }), "{name}");
        }
        let w = |i: usize| key(nlogs + i);
        let last = nwit - 1;
        let mut b = blob.clone();
        let (x, y) = (
            blob[w(last - 1)..w(last)].to_vec(),
            blob[w(last)..w(last + 1)].to_vec(),
        );
        b[w(last - 1)..w(last)].copy_from_slice(&y);
        b[w(last)..w(last + 1)].copy_from_slice(&x);
        assert_eq!(
            load(&b),
            Some(C::WitnessOrder { index: last as u8 }),
            "{name}"
        );
        b[w(last - 1)..w(last)].copy_from_slice(&x);
        assert_eq!(
            load(&b),
            Some(C::DuplicateWitness { index: last as u8 }),
            "{name}"
        );
        // Bytecode: last byte (a >=K) replaced; an ADD appended (length
        // fixed up); the first push made out of range.
        let prog = len - blob[3] as usize;
        let mut b = blob.clone();
        b[len - 1] = 0x01;
        assert_eq!(
            load(&b),
            Some(C::AddUnderflow {
                offset: len - 1 - prog
            }),
            "{name}"
        );
        let mut b = blob.clone();
        b[len - 1] = 0x00;
        assert_eq!(
            load(&b),
            Some(C::InvalidOpcode {
                offset: len - 1 - prog,
                byte: 0
            }),
            "{name}"
        );
        let mut b = blob.clone();
        b[prog] = 0x40 | nwit as u8;
        assert_eq!(
            load(&b),
            Some(C::WitnessIndexOutOfRange {
                offset: 0,
                index: nwit as u32
            }),
            "{name}"
        );
        let mut b = blob.clone();
        b.push(0x01);
        b[3] += 1;
        assert_eq!(
            load(&b),
            Some(C::AddUnderflow { offset: len - prog }),
            "{name}"
        );
        let mut b = blob.clone();
        b.extend([0x40, 0x01]);
        b[3] += 2;
        assert_eq!(load(&b), Some(C::TrailingAdd), "{name}");
        let mut b = blob.clone();
        b.push(0x40);
        b[3] += 1;
        assert_eq!(load(&b), Some(C::FinalDepth { depth: 2 }), "{name}");
        let mut b = blob.clone();
        b.push(0xc1);
        b[3] += 1;
        assert_eq!(load(&b), Some(C::DanglingPrefix), "{name}");
        let mut b = blob.clone();
        b.insert(prog, 0xc0);
        b[3] += 1;
        assert_eq!(load(&b), Some(C::LeadingZeroPrefix { offset: 0 }), "{name}");
    }
}

#[test]
fn decoder_edge_cases() {
    let decode = |p: &[u8]| Instructions::new(p).collect::<Vec<_>>();
    // Five prefix bytes fit in 32 bits, six do not.
    assert_eq!(
        decode(&[0xff, 0xff, 0xff, 0xff, 0x7f]),
        vec![Ok((0, Instruction::Push((1 << 30) - 1)))]
    );
    assert_eq!(
        decode(&[0xc1, 0xc0, 0xc0, 0xc0, 0xc0, 0x40]),
        vec![Ok((0, Instruction::Push(1 << 30)))]
    );
    assert_eq!(
        decode(&[0xc4, 0xc0, 0xc0, 0xc0, 0xc0, 0x40]),
        vec![Err(C::ImmediateOverflow { offset: 0 })]
    );
    // An overflowing run reports a malformed byte after it first: the
    // opcode, ADD, or the end of the program.
    assert_eq!(
        decode(&[0xc4, 0xc0, 0xc0, 0xc0, 0xc0, 0x02]),
        vec![Err(C::InvalidOpcode { offset: 5, byte: 2 })]
    );
    assert_eq!(
        decode(&[0xc4, 0xc0, 0xc0, 0xc0, 0xc0, 0x01]),
        vec![Err(C::PrefixBeforeAdd { offset: 5 })]
    );
    assert_eq!(
        decode(&[0xc4, 0xc0, 0xc0, 0xc0, 0xc0, 0xc0]),
        vec![Err(C::DanglingPrefix)]
    );
    assert_eq!(
        decode(&[0x40, 0xc4, 0xc0, 0xc0, 0xc0, 0xc0, 0x80]),
        vec![
            Ok((0, Instruction::Push(0))),
            Err(C::ImmediateOverflow { offset: 1 })
        ]
    );
    // A prefix before an invalid opcode reports the opcode; before ADD the
    // prefix; the error ends decoding.
    assert_eq!(
        decode(&[0x40, 0xc1, 0x02, 0x40]),
        vec![
            Ok((0, Instruction::Push(0))),
            Err(C::InvalidOpcode { offset: 2, byte: 2 })
        ]
    );
    assert_eq!(
        decode(&[0xc1, 0x01]),
        vec![Err(C::PrefixBeforeAdd { offset: 1 })]
    );
    // 0xC0 is fine inside a run, not at its start.
    assert_eq!(
        decode(&[0xc1, 0xc0, 0x80]),
        vec![Ok((0, Instruction::AtLeast(4096)))]
    );
    assert_eq!(
        decode(&[0x40, 0xc0, 0xc1, 0x80]),
        vec![
            Ok((0, Instruction::Push(0))),
            Err(C::LeadingZeroPrefix { offset: 1 })
        ]
    );
    // The prefix value applies to one instruction only.
    assert_eq!(
        decode(&[0xc1, 0x40, 0x41]),
        vec![
            Ok((0, Instruction::Push(64))),
            Ok((2, Instruction::Push(1)))
        ]
    );
    assert_eq!(validate_program(&[0xc3, 0x7e], 255), Ok(()));
    assert_eq!(
        validate_program(&[0xc3, 0x7e], 254),
        Err(C::WitnessIndexOutOfRange {
            offset: 0,
            index: 254
        })
    );
}
