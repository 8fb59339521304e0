//! The `sigsum-policy="<name>"` field of OpenSSH key lines, against the
//! table of sigsum-go's `getPolicy` tests (`tests/vectors/keys/
//! policy-options.tsv`). A unit test of the private field parser (some rows
//! cannot be written inside a whole key line: a name with a space, tab or
//! newline), compiled into the library's test build by `#[path]` from
//! `keys/ssh.rs`.
extern crate std;
use std::prelude::rust_2021::*;
use std::{format, panic, vec};

use super::parse_policy_option;

/// Undo the `\n \r \t \\` escapes of the tables.
fn unescape(s: &str) -> Vec<u8> {
    let mut out = vec![];
    let mut it = s.bytes();
    while let Some(b) = it.next() {
        if b != b'\\' {
            out.push(b);
            continue;
        }
        out.push(match it.next().unwrap() {
            b'n' => b'\n',
            b'r' => b'\r',
            b't' => b'\t',
            b'\\' => b'\\',
            other => panic!("bad escape \\{}", other as char),
        });
    }
    out
}

#[test]
fn policy_option_table() {
    let path = format!(
        "{}/../tests/vectors/keys/policy-options.tsv",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap();
    let mut rows = 0;
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        let row: Vec<&str> = line.split('\t').collect();
        let (desc, input, want) = (row[0], unescape(row[1]), row[2]);
        let got = match parse_policy_option(&input, 1) {
            Ok(name) => format!("ok {name}"),
            // The key tables' notation: the reason and its column.
            Err(e) => format!("err {:?} {{ column: {} }}", e.kind, e.column),
        };
        assert_eq!(got, want, "{desc}");
        rows += 1;
    }
    assert!(rows >= 17, "{rows}");
}
