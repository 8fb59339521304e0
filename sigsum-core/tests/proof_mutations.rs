//! Every line of every accepted real proof, mutated in every way we could
//! think of (flip, truncate, extend, delete, duplicate, swap, CR, key and
//! separator damage, leading zeros, prefixes), must give the exact expected
//! error (parse error with its line, or the failing verification step).
#![cfg(feature = "parsers")]
mod proof_common;

use proof_common::*;
use sigsum_core::{
    hash_node, leaf_checksum, verify, DefaultBackend, EncodingError, Hash, Leaf, MerkleError,
    Proof, ProofErrorKind, ProofVersion, TrustPolicy, VerifyError, WitnessSet,
};

thread_local! {
    static CHECKS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Version,
    Log,
    Leaf,
    Blank1,
    Size,
    RootHash,
    Signature,
    Cosig(usize),
    Blank2,
    LeafIndex,
    Node(usize),
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Outcome {
    Ok,
    Parse(u32, ProofErrorKind),
    Verify(VerifyError),
    /// QuorumNotMet with any counts (they depend on the early stop).
    QuorumFail,
}

fn kinds(lines: &[String]) -> Vec<Kind> {
    let mut out = vec![];
    let (mut c, mut n, mut blanks) = (0, 0, 0);
    for (i, l) in lines.iter().enumerate() {
        let k = match i {
            0 => Kind::Version,
            1 => Kind::Log,
            2 => Kind::Leaf,
            _ if l.is_empty() => {
                blanks += 1;
                if blanks == 1 {
                    Kind::Blank1
                } else {
                    Kind::Blank2
                }
            }
            _ if l.starts_with("size=") => Kind::Size,
            _ if l.starts_with("root_hash=") => Kind::RootHash,
            _ if l.starts_with("signature=") => Kind::Signature,
            _ if l.starts_with("cosignature=") => {
                c += 1;
                Kind::Cosig(c - 1)
            }
            _ if l.starts_with("leaf_index=") => Kind::LeafIndex,
            _ if l.starts_with("node_hash=") => {
                n += 1;
                Kind::Node(n - 1)
            }
            _ => panic!("unexpected line {l}"),
        };
        out.push(k);
    }
    out
}

fn ascii(line: usize, e: ProofErrorKind) -> Outcome {
    Outcome::Parse(line as u32, e)
}

fn bad(line: usize, key: &'static str, field: u8, error: EncodingError) -> Outcome {
    ascii(line, ProofErrorKind::BadValue { key, field, error })
}

fn key_of(k: Kind) -> &'static str {
    match k {
        Kind::Version => "version",
        Kind::Log => "log",
        Kind::Leaf => "leaf",
        Kind::Size => "size",
        Kind::RootHash => "root_hash",
        Kind::Signature => "signature",
        Kind::Cosig(_) => "cosignature",
        Kind::LeafIndex => "leaf_index",
        Kind::Node(_) => "node_hash",
        Kind::Blank1 | Kind::Blank2 => "",
    }
}

/// The exact inclusion path length sigsum-go's `pkg/merkle/verify.go`
/// `VerifyInclusion` requires.
fn path_len(index: u64, size: u64) -> usize {
    let x = index ^ (size - 1);
    let k = 64 - x.leading_zeros();
    (k + (index.checked_shr(k).unwrap_or(0)).count_ones()) as usize
}

fn inclusion(index: u64, size: u64, n: usize) -> Outcome {
    Outcome::Verify(VerifyError::Inclusion(if index >= size {
        MerkleError::IndexOutOfRange
    } else if path_len(index, size) < n {
        MerkleError::PathTooLong {
            expected: path_len(index, size) as u8,
        }
    } else if path_len(index, size) > n {
        MerkleError::PathTooShort {
            expected: path_len(index, size) as u8,
            got: n as u8,
        }
    } else {
        MerkleError::RootMismatch
    }))
}

struct Ctx<'a> {
    case: &'a Case,
    lines: Vec<String>,
    kinds: Vec<Kind>,
    v1: bool,
    size: u64,
    index: u64,
    path: usize,
    /// Key hashes of cosignatures from known witnesses, in order, by line.
    cosig_key_hashes: Vec<Hash>,
}

impl Ctx<'_> {
    /// Outcome when `size=` says `size`: the inclusion check can still pass
    /// (a path for (i, n) can also fold to the root for (i, n') when only
    /// the opaque right-edge node changes), and then the log signature
    /// fails.
    fn size_changed(&self, size: u64) -> Outcome {
        if self.index >= size || path_len(self.index, size) != self.path {
            return inclusion(self.index, size, self.path);
        }
        let proof = Proof::parse(&self.case.proof).unwrap();
        let leaf = Leaf {
            checksum: leaf_checksum(&self.case.message),
            signature: proof.leaf_signature,
            key_hash: proof.leaf_key_hash,
        };
        // Test oracle: RFC 9162 fold.
        let (mut fn_, mut sn, mut r) = (self.index, size - 1, leaf.hash());
        let mut path = proof.path.iter();
        while sn > 0 {
            if fn_ & 1 == 1 {
                r = hash_node(&path.next().unwrap(), &r);
            } else if fn_ < sn {
                r = hash_node(&r, &path.next().unwrap());
            }
            fn_ >>= 1;
            sn >>= 1;
        }
        if r == proof.signed_tree_head.tree_head.root_hash {
            Outcome::Verify(VerifyError::BadLogSignature)
        } else {
            Outcome::Verify(VerifyError::Inclusion(MerkleError::RootMismatch))
        }
    }

    fn run(&self, text: &str) -> Outcome {
        let proof = match Proof::parse(text.as_bytes()) {
            Ok(p) => p,
            Err(e) => return Outcome::Parse(e.line, e.kind),
        };
        match verify(
            &self.case.message,
            &self.case.signers,
            &self.case.policy(),
            &proof,
            &DefaultBackend,
        ) {
            Ok(_) => Outcome::Ok,
            Err(VerifyError::QuorumNotMet { .. }) => Outcome::QuorumFail,
            Err(e) => Outcome::Verify(e),
        }
    }

    /// Verdict if the cosignature at position `skip` no longer counts.
    fn without_cosig(&self, skip: usize) -> Outcome {
        let policy = self.case.policy();
        let mut set = WitnessSet::EMPTY;
        for (i, kh) in self.cosig_key_hashes.iter().enumerate() {
            if i != skip {
                if let Some((idx, _)) = policy.witness(kh) {
                    set.insert(idx);
                }
            }
        }
        if policy.is_satisfied(&set) {
            Outcome::Ok
        } else {
            Outcome::QuorumFail
        }
    }

    fn join(lines: &[String]) -> String {
        let mut s = lines.join("\n");
        s.push('\n');
        s
    }

    fn with_line(&self, i: usize, new: &str) -> String {
        let mut l = self.lines.clone();
        l[i] = new.to_string();
        Self::join(&l)
    }

    fn check(&self, what: &str, text: &str, expected: Outcome) {
        CHECKS.with(|c| c.set(c.get() + 1));
        let got = self.run(text);
        assert_eq!(got, expected, "{}: {what}", self.case.name);
    }
}

fn flip_hex(s: &str, pos: usize) -> String {
    let mut b = s.as_bytes().to_vec();
    b[pos] = if b[pos] == b'0' { b'1' } else { b'0' };
    String::from_utf8(b).unwrap()
}

fn context(case: &Case) -> Ctx<'_> {
    let text = String::from_utf8(case.proof.clone()).unwrap();
    let lines: Vec<String> = text
        .strip_suffix('\n')
        .unwrap()
        .split('\n')
        .map(String::from)
        .collect();
    let proof = Proof::parse(&case.proof).unwrap();
    Ctx {
        case,
        kinds: kinds(&lines),
        lines,
        v1: matches!(proof.version, ProofVersion::V1 { .. }),
        size: proof.signed_tree_head.tree_head.size,
        index: proof.leaf_index,
        path: proof.path.len(),
        cosig_key_hashes: proof
            .signed_tree_head
            .cosignatures
            .iter()
            .map(|c| c.key_hash)
            .collect(),
    }
}

#[test]
fn every_line_mutated() {
    let mut total = 0usize;
    for case in accepted_cases() {
        let cx = context(&case);
        assert_eq!(cx.run(&Ctx::join(&cx.lines)), Outcome::Ok);
        let n = cx.lines.len();
        for i in 0..n {
            let ln = i + 1;
            let kind = cx.kinds[i];
            let line = &cx.lines[i];
            let key = key_of(kind);
            let value = line.split_once('=').map(|(_, v)| v).unwrap_or("");
            let last_field = value.split(' ').count() as u8 - 1;
            let next = cx.kinds.get(i + 1).copied();

            // A. CR before the newline.
            let exp = match kind {
                Kind::Version | Kind::Size | Kind::LeafIndex => {
                    bad(ln, key, 0, EncodingError::DecimalSyntax)
                }
                Kind::Blank1 => Outcome::Parse(ln as u32, ProofErrorKind::ExpectedEmptyLine),
                Kind::Blank2 => ascii(ln, ProofErrorKind::MissingEquals),
                _ => bad(ln, key, last_field, EncodingError::HexLength),
            };
            cx.check(
                &format!("CR on line {ln}"),
                &cx.with_line(i, &format!("{line}\r")),
                exp,
            );

            // B. Delete the line.
            let mut l = cx.lines.clone();
            l.remove(i);
            let exp = match kind {
                Kind::Version | Kind::Log | Kind::Size | Kind::RootHash => {
                    ascii(ln, ProofErrorKind::UnexpectedKey { expected: key })
                }
                Kind::Leaf => ascii(ln, ProofErrorKind::UnexpectedEmptyLine { expected: "leaf" }),
                Kind::Blank1 => Outcome::Parse(ln as u32, ProofErrorKind::ExpectedEmptyLine),
                Kind::Signature => match next {
                    Some(Kind::Cosig(_)) => {
                        ascii(ln, ProofErrorKind::UnexpectedKey { expected: key })
                    }
                    Some(Kind::Blank2) => {
                        ascii(ln, ProofErrorKind::UnexpectedEmptyLine { expected: key })
                    }
                    _ => ascii(ln, ProofErrorKind::UnexpectedEof { expected: key }),
                },
                Kind::Cosig(c) => cx.without_cosig(c),
                Kind::Blank2 => ascii(
                    ln,
                    ProofErrorKind::UnexpectedKey {
                        expected: "cosignature",
                    },
                ),
                Kind::LeafIndex => ascii(
                    ln,
                    ProofErrorKind::UnexpectedKey {
                        expected: "leaf_index",
                    },
                ),
                Kind::Node(_) if cx.path == 1 => {
                    Outcome::Parse(ln as u32, ProofErrorKind::EmptyPath)
                }
                Kind::Node(_) => inclusion(cx.index, cx.size, cx.path - 1),
            };
            cx.check(&format!("delete line {ln}"), &Ctx::join(&l), exp);

            // C. Duplicate the line.
            let mut l = cx.lines.clone();
            l.insert(i, line.clone());
            let after = |e: ProofErrorKind| ascii(ln + 1, e);
            let exp = match kind {
                Kind::Version => after(ProofErrorKind::UnexpectedKey { expected: "log" }),
                Kind::Log => after(ProofErrorKind::UnexpectedKey { expected: "leaf" }),
                Kind::Leaf => Outcome::Parse(ln as u32 + 1, ProofErrorKind::ExpectedEmptyLine),
                Kind::Blank1 => after(ProofErrorKind::UnexpectedEmptyLine { expected: "size" }),
                Kind::Size => after(ProofErrorKind::UnexpectedKey {
                    expected: "root_hash",
                }),
                Kind::RootHash => after(ProofErrorKind::UnexpectedKey {
                    expected: "signature",
                }),
                Kind::Signature => after(ProofErrorKind::UnexpectedKey {
                    expected: "cosignature",
                }),
                Kind::Cosig(_) => after(ProofErrorKind::DuplicateCosignature {
                    first_line: ln as u32,
                }),
                Kind::Blank2 => after(ProofErrorKind::UnexpectedEmptyLine {
                    expected: "leaf_index",
                }),
                Kind::LeafIndex => after(ProofErrorKind::UnexpectedKey {
                    expected: "node_hash",
                }),
                Kind::Node(_) => inclusion(cx.index, cx.size, cx.path + 1),
            };
            cx.check(&format!("duplicate line {ln}"), &Ctx::join(&l), exp);

            // D. Swap with the next line.
            if let Some(nk) = next {
                let mut l = cx.lines.clone();
                l.swap(i, i + 1);
                let exp = match (kind, nk) {
                    (Kind::Version | Kind::Log | Kind::Size | Kind::RootHash, _) => {
                        ascii(ln, ProofErrorKind::UnexpectedKey { expected: key })
                    }
                    (Kind::Leaf, _) => {
                        ascii(ln, ProofErrorKind::UnexpectedEmptyLine { expected: "leaf" })
                    }
                    (Kind::Blank1, _) => {
                        Outcome::Parse(ln as u32, ProofErrorKind::ExpectedEmptyLine)
                    }
                    (Kind::Signature, Kind::Cosig(_)) => {
                        ascii(ln, ProofErrorKind::UnexpectedKey { expected: key })
                    }
                    (Kind::Signature, _) => {
                        ascii(ln, ProofErrorKind::UnexpectedEmptyLine { expected: key })
                    }
                    (Kind::Cosig(_), Kind::Cosig(_)) => Outcome::Ok,
                    (Kind::Cosig(_), _) => ascii(
                        ln + 1,
                        ProofErrorKind::UnexpectedKey {
                            expected: "leaf_index",
                        },
                    ),
                    (Kind::Blank2, _) => ascii(
                        ln,
                        ProofErrorKind::UnexpectedKey {
                            expected: "cosignature",
                        },
                    ),
                    (Kind::LeafIndex, _) => ascii(
                        ln,
                        ProofErrorKind::UnexpectedKey {
                            expected: "leaf_index",
                        },
                    ),
                    (Kind::Node(_), _) => {
                        Outcome::Verify(VerifyError::Inclusion(MerkleError::RootMismatch))
                    }
                };
                cx.check(&format!("swap lines {ln},{}", ln + 1), &Ctx::join(&l), exp);
            }

            if matches!(kind, Kind::Blank1 | Kind::Blank2) {
                // A blank line with a space in it.
                let exp = match kind {
                    Kind::Blank1 => Outcome::Parse(ln as u32, ProofErrorKind::ExpectedEmptyLine),
                    _ => ascii(ln, ProofErrorKind::MissingEquals),
                };
                cx.check(
                    &format!("space on blank line {ln}"),
                    &cx.with_line(i, " "),
                    exp,
                );
                total += 5;
                continue;
            }

            // E. Key damage: wrong case, missing '=', space before '='.
            let upper_key = format!("{}{}", key[..1].to_uppercase(), &line[1..]);
            cx.check(
                &format!("key case on line {ln}"),
                &cx.with_line(i, &upper_key),
                ascii(ln, ProofErrorKind::UnexpectedKey { expected: key }),
            );
            cx.check(
                &format!("no '=' on line {ln}"),
                &cx.with_line(i, &line.replacen('=', "", 1)),
                ascii(ln, ProofErrorKind::MissingEquals),
            );
            cx.check(
                &format!("space before '=' on line {ln}"),
                &cx.with_line(i, &line.replacen('=', " =", 1)),
                ascii(ln, ProofErrorKind::UnexpectedKey { expected: key }),
            );

            // F. Field damage: per field, truncate / extend / bad char /
            // leading zero / uppercase; and separators.
            let fields: Vec<&str> = value.split(' ').collect();
            let nf = fields.len() as u8;
            for (fi, f) in fields.iter().enumerate() {
                let fi8 = fi as u8;
                let is_decimal = matches!(kind, Kind::Version | Kind::Size | Kind::LeafIndex)
                    || (matches!(kind, Kind::Cosig(_)) && fi == 1);
                let replace = |newf: &str| {
                    let mut fs: Vec<String> = fields.iter().map(|s| s.to_string()).collect();
                    fs[fi] = newf.to_string();
                    cx.with_line(i, &format!("{key}={}", fs.join(" ")))
                };
                if is_decimal {
                    cx.check(
                        &format!("leading zero line {ln} field {fi}"),
                        &replace(&format!("0{f}")),
                        bad(ln, key, fi8, EncodingError::DecimalLeadingZero),
                    );
                    cx.check(
                        &format!("sign line {ln} field {fi}"),
                        &replace(&format!("+{f}")),
                        bad(ln, key, fi8, EncodingError::DecimalSyntax),
                    );
                    cx.check(
                        &format!("empty line {ln} field {fi}"),
                        &replace(""),
                        bad(ln, key, fi8, EncodingError::DecimalEmpty),
                    );
                    cx.check(
                        &format!("2^63 line {ln} field {fi}"),
                        &replace("9223372036854775808"),
                        bad(ln, key, fi8, EncodingError::DecimalRange),
                    );
                    // Semantic change of the value.
                    let v: u64 = f.parse().unwrap();
                    let exp = match kind {
                        Kind::Version => Outcome::Parse(1, ProofErrorKind::UnknownVersion(v + 2)),
                        Kind::Size => cx.size_changed(v + 2),
                        Kind::LeafIndex => inclusion(v + 2, cx.size, cx.path),
                        Kind::Cosig(c) => cx.without_cosig(c),
                        _ => unreachable!(),
                    };
                    cx.check(
                        &format!("value+2 line {ln} field {fi}"),
                        &replace(&(v + 2).to_string()),
                        exp,
                    );
                } else {
                    cx.check(
                        &format!("truncate line {ln} field {fi}"),
                        &replace(&f[..f.len() - 1]),
                        bad(ln, key, fi8, EncodingError::HexLength),
                    );
                    cx.check(
                        &format!("extend line {ln} field {fi}"),
                        &replace(&format!("{f}0")),
                        bad(ln, key, fi8, EncodingError::HexLength),
                    );
                    cx.check(
                        &format!("non-hex line {ln} field {fi}"),
                        &replace(&format!("g{}", &f[1..])),
                        bad(ln, key, fi8, EncodingError::HexSyntax),
                    );
                    cx.check(
                        &format!("uppercase line {ln} field {fi}"),
                        &replace(&f.to_uppercase()),
                        Outcome::Ok,
                    );
                    // Semantic: flip one digit.
                    let exp = match (kind, fi) {
                        (Kind::Log, _) => Outcome::Verify(VerifyError::UnknownLog),
                        (Kind::Leaf, 0) if cx.v1 => {
                            Outcome::Verify(VerifyError::ShortChecksumMismatch)
                        }
                        (Kind::Leaf, f) if f == usize::from(nf) - 2 => {
                            Outcome::Verify(VerifyError::UnknownSignerKey)
                        }
                        (Kind::Leaf | Kind::RootHash | Kind::Node(_), _) => {
                            Outcome::Verify(VerifyError::Inclusion(MerkleError::RootMismatch))
                        }
                        (Kind::Signature, _) => Outcome::Verify(VerifyError::BadLogSignature),
                        (Kind::Cosig(c), _) => cx.without_cosig(c),
                        _ => unreachable!(),
                    };
                    cx.check(
                        &format!("flip line {ln} field {fi}"),
                        &replace(&flip_hex(f, f.len() / 2)),
                        exp,
                    );
                }
            }
            let field_count = ascii(ln, ProofErrorKind::FieldCount { key, expected: nf });
            let trailing = if nf == 1 {
                bad(
                    ln,
                    key,
                    0,
                    if matches!(kind, Kind::Version | Kind::Size | Kind::LeafIndex) {
                        EncodingError::DecimalSyntax
                    } else {
                        EncodingError::HexLength
                    },
                )
            } else {
                field_count.clone()
            };
            cx.check(
                &format!("trailing space line {ln}"),
                &cx.with_line(i, &format!("{line} ")),
                trailing,
            );
            if nf > 1 {
                cx.check(
                    &format!("double space line {ln}"),
                    &cx.with_line(i, &line.replacen(' ', "  ", 1)),
                    field_count.clone(),
                );
                cx.check(
                    &format!("tab separator line {ln}"),
                    &cx.with_line(i, &line.replacen(' ', "\t", 1)),
                    field_count.clone(),
                );
            }
            total += 1;
        }

        // G. Whole-text mutations.
        let full = Ctx::join(&cx.lines);
        cx.check(
            "trailing blank line",
            &format!("{full}\n"),
            ascii(
                n + 1,
                ProofErrorKind::UnexpectedEmptyLine {
                    expected: "node_hash",
                },
            ),
        );
        cx.check(
            "missing final newline",
            &full[..full.len() - 1],
            ascii(n, ProofErrorKind::MissingNewline),
        );
        cx.check(
            "CRLF",
            &full.replace('\n', "\r\n"),
            bad(1, "version", 0, EncodingError::DecimalSyntax),
        );
        cx.check(
            "leading blank line",
            &format!("\n{full}"),
            ascii(
                1,
                ProofErrorKind::UnexpectedEmptyLine {
                    expected: "version",
                },
            ),
        );
        // Every prefix made of whole lines.
        for k in 0..n {
            let prefix = Ctx::join(&cx.lines[..k]);
            let prefix = if k == 0 { String::new() } else { prefix };
            let next = cx.kinds[k];
            let at = k + 1;
            let exp = match next {
                Kind::Version
                | Kind::Log
                | Kind::Leaf
                | Kind::Size
                | Kind::RootHash
                | Kind::Signature
                | Kind::LeafIndex => ascii(
                    at,
                    ProofErrorKind::UnexpectedEof {
                        expected: key_of(next),
                    },
                ),
                Kind::Blank1 => ascii(at, ProofErrorKind::UnexpectedEof { expected: "size" }),
                Kind::Cosig(c) => {
                    // The tree head ends early: cosignatures dropped and no
                    // inclusion part.
                    let _ = c;
                    Outcome::Parse(at as u32, ProofErrorKind::MissingInclusionProof)
                }
                Kind::Blank2 => Outcome::Parse(at as u32, ProofErrorKind::MissingInclusionProof),
                Kind::Node(0) => Outcome::Parse(at as u32, ProofErrorKind::EmptyPath),
                Kind::Node(j) => inclusion(cx.index, cx.size, j),
            };
            cx.check(&format!("prefix of {k} lines"), &prefix, exp);
        }
        // Version 1 <-> 2 confusion.
        let other = if cx.v1 { "version=2" } else { "version=1" };
        cx.check(
            "other version",
            &cx.with_line(0, other),
            ascii(
                3,
                ProofErrorKind::FieldCount {
                    key: "leaf",
                    expected: if cx.v1 { 2 } else { 3 },
                },
            ),
        );
        total += 4 + n;
    }
    assert!(total > 100, "{total}");
    let checks = CHECKS.with(|c| c.get());
    eprintln!("{checks} mutated proofs checked");
    assert!(checks > 1000, "{checks}");
}
