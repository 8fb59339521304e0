//! Parser and writer rules of the ASCII signed tree head and the proof file:
//! limits at N and N+1, duplicates, how the tree head ends, size 0 and 1,
//! versions, the sigsum-go round-trip texts (P-c), and no panic on any
//! input.
#![cfg(feature = "parsers")]
mod proof_common;

use proof_common::vector;
use proptest::prelude::*;
use sigsum_core::{
    BufferTooSmall, EncodingError, Proof, ProofError, ProofErrorKind, ProofVersion, SignedTreeHead,
    Writer, MAX_COSIGNATURES, MAX_PATH_LEN, MAX_V2_TEXT_SIZE,
};

const SIG: &str = "2eb4bfb59aa08531f325b8b233859d5c62187a311c7bb32e4cbd61e3a2b458d4e4451cfeb8a920d3cb4f755ed2f5f895628c0d92463f6f2d7d12fdf56f070d04";
const ROOT: &str = "b02bd71073448d7a3ee402892f96c9d78b712242deed7e6fd8a98abcde33f46d";

fn kh(i: usize) -> String {
    format!("{i:064x}")
}

fn sth(size: u64, cosigs: usize) -> String {
    let mut s = format!("size={size}\nroot_hash={ROOT}\nsignature={SIG}\n");
    for i in 0..cosigs {
        s.push_str(&format!("cosignature={} {} {SIG}\n", kh(i + 1), 1000 + i));
    }
    s
}

fn head(version: u8) -> String {
    let short = if version == 1 { "abcd " } else { "" };
    format!(
        "version={version}\nlog={}\nleaf={short}{} {SIG}\n\n",
        kh(7),
        kh(8)
    )
}

fn proof(size: u64, cosigs: usize, nodes: usize) -> String {
    let mut s = head(2) + &sth(size, cosigs);
    if size >= 2 {
        s.push_str("\nleaf_index=0\n");
        for i in 0..nodes {
            s.push_str(&format!("node_hash={}\n", kh(100 + i)));
        }
    }
    s
}

fn perr(text: &str) -> (u32, ProofErrorKind) {
    let e = Proof::parse(text.as_bytes()).unwrap_err();
    (e.line, e.kind)
}

#[test]
fn signed_tree_head_standalone() {
    let text = sth(10, 3);
    let t = SignedTreeHead::parse(text.as_bytes()).unwrap();
    assert_eq!(t.tree_head.size, 10);
    assert_eq!(t.cosignatures.len(), 3);
    assert!(!t.cosignatures.is_empty());
    assert_eq!(t.cosignatures.first_line(), 4);
    let c: Vec<_> = t.cosignatures.iter().collect();
    assert_eq!(c[2].timestamp, 1002);
    assert_eq!(c[2].key_hash.to_string(), kh(3));
    assert_eq!(t.cosignatures.get(1), Some(c[1]));
    assert_eq!(t.cosignatures.get(3), None);
    // No cosignatures at all.
    let text0 = sth(0, 0);
    let t = SignedTreeHead::parse(text0.as_bytes()).unwrap();
    assert!(t.cosignatures.is_empty());
    // A standalone tree head may not contain an empty line.
    let text = sth(10, 1) + "\n";
    assert_eq!(
        SignedTreeHead::parse(text.as_bytes()),
        Err(ProofError {
            line: 5,
            kind: ProofErrorKind::UnexpectedEmptyLine {
                expected: "cosignature"
            }
        })
    );
}

#[test]
fn cosignature_limit_and_duplicates() {
    let ok = sth(5, MAX_COSIGNATURES);
    assert_eq!(
        SignedTreeHead::parse(ok.as_bytes())
            .unwrap()
            .cosignatures
            .len(),
        MAX_COSIGNATURES
    );
    let over = sth(5, MAX_COSIGNATURES + 1);
    assert_eq!(
        SignedTreeHead::parse(over.as_bytes()).unwrap_err(),
        ProofError {
            line: 3 + MAX_COSIGNATURES as u32 + 1,
            kind: ProofErrorKind::TooManyCosignatures
        }
    );
    // Duplicate key hash (another timestamp), and the same key hash in
    // another hex case.
    let text = sth(5, 3) + &format!("cosignature={} 1 {SIG}\n", kh(2));
    assert_eq!(
        SignedTreeHead::parse(text.as_bytes()).unwrap_err(),
        ProofError {
            line: 7,
            kind: ProofErrorKind::DuplicateCosignature { first_line: 5 }
        }
    );
    let upper = format!("{:064X}", 0xabcdefu64);
    let lower = format!("{:064x}", 0xabcdefu64);
    let text = sth(5, 0) + &format!("cosignature={lower} 1 {SIG}\ncosignature={upper} 2 {SIG}\n");
    assert_eq!(
        SignedTreeHead::parse(text.as_bytes()).unwrap_err(),
        ProofError {
            line: 5,
            kind: ProofErrorKind::DuplicateCosignature { first_line: 4 }
        }
    );
}

#[test]
fn path_limit_at_63_and_64() {
    let text = proof(1 << 40, 0, MAX_PATH_LEN);
    let ok = Proof::parse(text.as_bytes()).unwrap();
    assert_eq!(ok.path.len(), 63);
    assert!(!ok.path.is_empty());
    assert_eq!(ok.path.iter().len(), 63);
    assert_eq!(ok.path.iter().nth(62).unwrap().to_string(), kh(162));
    assert_eq!(
        perr(&proof(1 << 40, 0, 64)),
        (9 + 64, ProofErrorKind::PathTooLong)
    );
    assert_eq!(perr(&proof(2, 0, 0)), (10, ProofErrorKind::EmptyPath));
}

#[test]
fn sizes_zero_and_one() {
    assert_eq!(perr(&proof(0, 1, 1)), (5, ProofErrorKind::EmptyTree));
    assert_eq!(
        perr(&(head(2) + &sth(0, 0))),
        (5, ProofErrorKind::EmptyTree)
    );
    let text = proof(1, 2, 0);
    let p = Proof::parse(text.as_bytes()).unwrap();
    assert_eq!((p.leaf_index, p.path.len()), (0, 0));
    assert!(p.path.is_empty());
    // A trailing blank line after a size-1 tree head.
    assert_eq!(
        perr(&(proof(1, 2, 0) + "\n")),
        (10, ProofErrorKind::SizeOneTrailingLine)
    );
    // An inclusion part after a size-1 tree head.
    assert_eq!(
        perr(&(proof(1, 0, 0) + "\nleaf_index=0\n")),
        (8, ProofErrorKind::SizeOneTrailingLine)
    );
    // Size 2 without the inclusion part.
    assert_eq!(
        perr(&proof(1, 1, 0).replace("size=1", "size=2")),
        (9, ProofErrorKind::MissingInclusionProof)
    );
}

#[test]
fn versions() {
    for v in [0u64, 3, 10, 9223372036854775807] {
        let text = proof(4, 0, 2).replace("version=2", &format!("version={v}"));
        assert_eq!(perr(&text), (1, ProofErrorKind::UnknownVersion(v)));
    }
    assert_eq!(
        perr(&proof(4, 0, 2).replace("version=2", "version=")),
        (
            1,
            ProofErrorKind::BadValue {
                key: "version",
                field: 0,
                error: EncodingError::DecimalEmpty
            }
        )
    );
    let v1 = head(1) + &sth(1, 0);
    let p = Proof::parse(v1.as_bytes()).unwrap();
    assert_eq!(
        p.version,
        ProofVersion::V1 {
            short_checksum: [0xab, 0xcd]
        }
    );
    // v1 short checksum must be exactly 4 hex digits.
    let bad = v1.replace("leaf=abcd ", "leaf=abc ");
    assert_eq!(
        perr(&bad),
        (
            3,
            ProofErrorKind::BadValue {
                key: "leaf",
                field: 0,
                error: EncodingError::HexLength
            }
        )
    );
    // The tree-head text after leaf= must be separated by one empty line.
    assert_eq!(
        perr(&v1.replacen("\n\n", "\n", 1)),
        (4, ProofErrorKind::ExpectedEmptyLine)
    );
    assert_eq!(
        perr(&head(2)[..head(2).len() - 1]),
        (4, ProofErrorKind::UnexpectedEof { expected: "size" })
    );
    assert_eq!(
        perr(""),
        (
            1,
            ProofErrorKind::UnexpectedEof {
                expected: "version"
            }
        )
    );
}

#[test]
fn sigsum_go_round_trips() {
    // P-c: v2 texts re-serialize to themselves, v1 texts to the v2 texts,
    // byte for byte (one cosignature at most, so order is not an issue).
    for size in ["size1", "size4"] {
        let v2 = vector(&format!("proofs/go-{size}-v2.proof"));
        let v1 = vector(&format!("proofs/go-{size}-v1.proof"));
        let mut buf = [0u8; MAX_V2_TEXT_SIZE];
        assert_eq!(
            Proof::parse(&v2).unwrap().to_v2_text(&mut buf).unwrap(),
            &v2[..]
        );
        assert_eq!(
            Proof::parse(&v1).unwrap().to_v2_text(&mut buf).unwrap(),
            &v2[..]
        );
    }
    // Serviceberry: 8 cosignatures, written sorted by key hash.
    let text = vector("real/serviceberry-v2.proof");
    let p = Proof::parse(&text).unwrap();
    let mut buf = [0u8; MAX_V2_TEXT_SIZE];
    let out = p.to_v2_text(&mut buf).unwrap().to_vec();
    let mut lines: Vec<&[u8]> = text.split(|b| *b == b'\n').collect();
    let start = lines
        .iter()
        .position(|l| l.starts_with(b"cosignature="))
        .unwrap();
    lines[start..start + 8].sort();
    assert_eq!(out, lines.join(&b'\n'));
    // Deterministic: the sorted output is a fixed point.
    let again = Proof::parse(&out).unwrap();
    let mut buf2 = [0u8; MAX_V2_TEXT_SIZE];
    assert_eq!(again.to_v2_text(&mut buf2).unwrap(), &out[..]);
    // A too small buffer is an error, never a truncated proof.
    let mut small = vec![0u8; out.len() - 1];
    assert_eq!(p.to_v2_text(&mut small), Err(BufferTooSmall));
    let mut exact = vec![0u8; out.len()];
    let mut w = Writer::new(&mut exact);
    p.write_v2(&mut w).unwrap();
    assert_eq!(w.len(), out.len());
    // The largest proof fits MAX_V2_TEXT_SIZE.
    let mut big = proof(9223372036854775807, MAX_COSIGNATURES, MAX_PATH_LEN)
        .replace("leaf_index=0", "leaf_index=9223372036854775806");
    for i in 0..MAX_COSIGNATURES as u64 {
        // Every cosignature timestamp at its longest (19 digits).
        big = big.replace(
            &format!(" {} ", 1000 + i),
            &format!(" {} ", i64::MAX as u64 - i),
        );
    }
    let p = Proof::parse(big.as_bytes()).unwrap();
    let mut buf = vec![0u8; MAX_V2_TEXT_SIZE];
    assert!(p.to_v2_text(&mut buf).is_ok());
    // ... exactly: MAX_V2_TEXT_SIZE is the bound, not just a bound.
    assert_eq!(big.len(), MAX_V2_TEXT_SIZE);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn parse_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        let _ = Proof::parse(&bytes);
        let _ = SignedTreeHead::parse(&bytes);
    }

    #[test]
    fn mutated_proofs_never_panic_and_round_trip(
        pos in any::<prop::sample::Index>(),
        byte in prop::sample::select(b"0123456789abcdefABCDEF =\n\r-+xgz".to_vec()),
        op in 0u8..3,
        cosigs in 0usize..4,
        size in 1u64..6,
    ) {
        let text = proof(size, cosigs, 3).into_bytes();
        let mut t = text.clone();
        let i = pos.index(t.len());
        match op {
            0 => t[i] = byte,
            1 => { t.remove(i); }
            _ => t.insert(i, byte),
        }
        if let Ok(p) = Proof::parse(&t) {
            // Anything accepted re-serializes to a text that parses to the
            // same proof.
            let mut buf = vec![0u8; MAX_V2_TEXT_SIZE];
            let out = p.to_v2_text(&mut buf).unwrap().to_vec();
            let q = Proof::parse(&out).unwrap();
            prop_assert_eq!(q.signed_tree_head.tree_head, p.signed_tree_head.tree_head);
            prop_assert_eq!(q.leaf_index, p.leaf_index);
            prop_assert!(q.path.iter().eq(p.path.iter()));
            prop_assert_eq!(q.signed_tree_head.cosignatures.len(), p.signed_tree_head.cosignatures.len());
        }
    }
}

#[test]
fn proof_error_display_is_distinct() {
    use ProofErrorKind::*;
    let all = [
        MissingNewline,
        UnexpectedEof { expected: "size" },
        UnexpectedEmptyLine { expected: "size" },
        MissingEquals,
        UnexpectedKey { expected: "size" },
        FieldCount {
            key: "cosignature",
            expected: 4,
        },
        BadValue {
            key: "size",
            field: 0,
            error: EncodingError::DecimalSyntax,
        },
        DuplicateCosignature { first_line: 5 },
        TooManyCosignatures,
        UnknownVersion(3),
        ExpectedEmptyLine,
        EmptyTree,
        SizeOneTrailingLine,
        MissingInclusionProof,
        EmptyPath,
        PathTooLong,
    ];
    let texts: std::collections::HashSet<String> = all.iter().map(|e| e.to_string()).collect();
    assert_eq!(texts.len(), all.len());
    assert!(!texts.contains(""));
    let e = ProofError {
        line: 7,
        kind: UnexpectedKey { expected: "size" },
    };
    assert_eq!(e.to_string(), "line 7: expected key \"size\"");
}
