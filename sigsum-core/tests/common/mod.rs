//! Shared helpers of the policy tests: reading the data files under
//! tests/vectors/policy/.
#![allow(dead_code)]

use std::path::PathBuf;

/// Path of a file under tests/vectors/policy/.
pub fn vector_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/vectors/policy")
        .join(name)
}

/// Read a file under tests/vectors/policy/.
pub fn read_vector(name: &str) -> String {
    std::fs::read_to_string(vector_path(name)).unwrap()
}

/// Decode `\xNN` escapes (a literal backslash is written `\x5c`).
pub fn unescape(s: &str) -> Vec<u8> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\\' {
            assert_eq!(b.get(i + 1), Some(&b'x'), "bad escape in {s:?}");
            let hex = std::str::from_utf8(&b[i + 2..i + 4]).unwrap();
            out.push(u8::from_str_radix(hex, 16).unwrap());
            i += 4;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    out
}

/// One `case` of valid-config.txt / invalid-config.txt.
#[derive(Debug, Default)]
pub struct Case {
    pub name: String,
    pub source: String,
    pub error: Option<(String, u32)>,
    pub shape: Option<String>,
    pub log_urls: Vec<(String, String)>,
    pub witness_urls: Vec<(Vec<u8>, String)>,
    pub text: Vec<u8>,
    pub evals: Vec<(Vec<Vec<u8>>, bool)>,
}

/// Parse `eval [a b c] -> true`.
pub fn parse_eval(rest: &str) -> (Vec<Vec<u8>>, bool) {
    let (set, result) = rest.split_once(" -> ").unwrap();
    let set = set.strip_prefix('[').unwrap().strip_suffix(']').unwrap();
    let names = set
        .split(' ')
        .filter(|s| !s.is_empty())
        .map(unescape)
        .collect();
    let result = match result {
        "true" => true,
        "false" => false,
        r => panic!("bad eval result {r:?}"),
    };
    (names, result)
}

/// Read a config case file.
pub fn read_cases(name: &str) -> Vec<Case> {
    let data = read_vector(name);
    let mut cases = Vec::new();
    let mut cur: Option<Case> = None;
    let mut in_text = false;
    let mut final_newline = true;
    for line in data.lines() {
        if in_text {
            if line == "end" {
                in_text = false;
                let c = cur.as_mut().unwrap();
                if !final_newline {
                    assert_eq!(c.text.pop(), Some(b'\n'));
                }
                continue;
            }
            let content = if line == "|" {
                ""
            } else {
                line.strip_prefix("| ")
                    .expect("text line must start with '| '")
            };
            let c = cur.as_mut().unwrap();
            c.text.extend(unescape(content));
            c.text.push(b'\n');
            continue;
        }
        if line.starts_with('#') || line.is_empty() {
            continue;
        }
        let (key, rest) = line.split_once(' ').unwrap_or((line, ""));
        match key {
            "case" => {
                if let Some(c) = cur.take() {
                    cases.push(c);
                }
                cur = Some(Case {
                    name: rest.to_string(),
                    ..Case::default()
                });
            }
            "source" => cur.as_mut().unwrap().source = rest.to_string(),
            "error" => {
                let (kind, l) = rest.rsplit_once(' ').unwrap();
                cur.as_mut().unwrap().error = Some((kind.to_string(), l.parse().unwrap()));
            }
            "shape" => cur.as_mut().unwrap().shape = Some(rest.to_string()),
            "log-url" => {
                let (k, u) = rest.split_once(' ').unwrap();
                cur.as_mut().unwrap().log_urls.push((k.into(), u.into()));
            }
            "witness-url" => {
                let (k, u) = rest.split_once(' ').unwrap();
                cur.as_mut()
                    .unwrap()
                    .witness_urls
                    .push((unescape(k), u.into()));
            }
            "text" | "text-no-final-newline" => {
                in_text = true;
                final_newline = key == "text";
            }
            "eval" => {
                let e = parse_eval(rest);
                cur.as_mut().unwrap().evals.push(e);
            }
            "done" => {}
            _ => panic!("unknown line {line:?} in {name}"),
        }
    }
    assert!(!in_text, "unterminated text block in {name}");
    if let Some(c) = cur.take() {
        cases.push(c);
    }
    cases
}
