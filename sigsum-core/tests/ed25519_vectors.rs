//! Ed25519 edge cases: every backend must decide exactly as Go's
//! `crypto/ed25519.Verify` (see `crypto.rs`). Data: `tests/vectors/ed25519/` — CCTV (`cctv-N`), "Taming
//! the many EdDSAs" (`speccheck-N`), Wycheproof (`wp-tcId`) and extra
//! vectors (`x-name`), with Go's verdicts in `expected-go.tsv`.
//!
//! `vectors.tsv` (made by `flatten.py`, shared with the C tests) is checked
//! here against the JSON files, so the flat file is provably faithful.
//!
//! Run the optional backend too with
//! `cargo test -p sigsum-core --features compact --test ed25519_vectors`.
use std::collections::{BTreeSet, HashMap};

use serde_json::Value;
use sigsum_core::{DalekBackend, Ed25519Backend, PublicKey, Signature};

const TOTAL: usize = 1092;

fn dir() -> String {
    format!("{}/../tests/vectors/ed25519", env!("CARGO_MANIFEST_DIR"))
}

fn read(name: &str) -> String {
    let path = format!("{}/{name}", dir());
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn json(name: &str) -> Value {
    serde_json::from_str(&read(name)).unwrap()
}

fn unhex(s: &str) -> Vec<u8> {
    assert!(s.len() % 2 == 0, "odd hex {s}");
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

#[derive(Debug, PartialEq)]
struct Row {
    id: String,
    pubkey: String,
    msg: String,
    sig: String,
    go_accepts: bool,
}

fn tsv_rows() -> Vec<Row> {
    read("vectors.tsv")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            assert_eq!(f.len(), 5, "{l}");
            assert!(f[4] == "A" || f[4] == "r", "{l}");
            Row {
                id: f[0].into(),
                pubkey: f[1].into(),
                msg: f[2].into(),
                sig: f[3].into(),
                go_accepts: f[4] == "A",
            }
        })
        .collect()
}

/// id -> (pubkey, msg, sig) hex, re-derived from the JSON files.
fn json_vectors() -> HashMap<String, (String, String, String)> {
    let s = |v: &Value| v.as_str().unwrap().to_lowercase();
    let mut out = HashMap::new();
    for v in json("ed25519vectors.json").as_array().unwrap() {
        let msg: String = v["msg"]
            .as_str()
            .unwrap()
            .bytes()
            .map(|b| format!("{b:02x}"))
            .collect();
        let id = format!("cctv-{}", v["number"].as_u64().unwrap());
        out.insert(id, (s(&v["key"]), msg, s(&v["sig"])));
    }
    for (i, v) in json("speccheck_cases.json")
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
    {
        out.insert(
            format!("speccheck-{i}"),
            (s(&v["pub_key"]), s(&v["message"]), s(&v["signature"])),
        );
    }
    for g in json("wycheproof_ed25519_test.json")["testGroups"]
        .as_array()
        .unwrap()
    {
        let pk = s(&g["publicKey"]["pk"]);
        for t in g["tests"].as_array().unwrap() {
            let id = format!("wp-{}", t["tcId"].as_u64().unwrap());
            out.insert(id, (pk.clone(), s(&t["msg"]), s(&t["sig"])));
        }
    }
    for v in json("extra_vectors.json").as_array().unwrap() {
        let id = format!("x-{}", v["name"].as_str().unwrap());
        out.insert(id, (s(&v["pub"]), s(&v["msg"]), s(&v["sig"])));
    }
    out
}

/// id -> Go accepts, from expected-go.tsv.
fn go_verdicts() -> Vec<(String, bool)> {
    read("expected-go.tsv")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with("id\t"))
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            assert_eq!(f.len(), 4, "{l}");
            (f[0].to_owned(), f[3] == "A")
        })
        .collect()
}

/// Verify one row the way a Sigsum verifier sees it: keys and signatures
/// of the wrong length never reach the backend (Go rejects them too).
fn verify<B: Ed25519Backend>(b: &B, row: &Row) -> bool {
    let (Some(key), Some(sig)) = (
        PublicKey::from_slice(&unhex(&row.pubkey)),
        Signature::from_slice(&unhex(&row.sig)),
    ) else {
        return false;
    };
    b.verify(&key, &unhex(&row.msg), &sig)
}

#[test]
fn tsv_is_faithful_to_json_and_go_verdicts() {
    let rows = tsv_rows();
    let json = json_vectors();
    let go = go_verdicts();
    assert_eq!(rows.len(), TOTAL);
    assert_eq!(json.len(), TOTAL);
    assert_eq!(go.len(), TOTAL);
    for (row, (id, accepts)) in rows.iter().zip(&go) {
        assert_eq!(
            &row.id, id,
            "vectors.tsv order differs from expected-go.tsv"
        );
        assert_eq!(row.go_accepts, *accepts, "{id}: verdict");
        let (pk, msg, sig) = &json[id];
        assert_eq!(
            (&row.pubkey, &row.msg, &row.sig),
            (pk, msg, sig),
            "{id}: data"
        );
    }
    let ids: BTreeSet<&str> = rows.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids.len(), TOTAL, "duplicate ids");
    let accepted = rows.iter().filter(|r| r.go_accepts).count();
    println!("{TOTAL} vectors, Go accepts {accepted}");
}

fn differing<B: Ed25519Backend>(b: &B) -> Vec<String> {
    tsv_rows()
        .iter()
        .filter(|r| verify(b, r) != r.go_accepts)
        .map(|r| r.id.clone())
        .collect()
}

#[test]
fn dalek_matches_go_on_every_vector() {
    let diff = differing(&DalekBackend);
    assert!(
        diff.is_empty(),
        "DalekBackend differs from Go on {} of {TOTAL} vectors: {diff:?}",
        diff.len()
    );
}

fn recorded_compact_differences() -> Vec<String> {
    read("compact-differs.txt")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(str::to_owned)
        .collect()
}

/// The prepared-key path decides as Go on every vector too: the key
/// decoded once (`PrepareKeys`), then checked through a `PreparedPolicy`,
/// whose `Ed25519Backend` uses the decoded key.
#[test]
#[cfg(feature = "parsers")]
fn prepared_keys_match_go_on_every_vector() {
    use sigsum_core::{PrepareKeys, PreparedPolicy, TextPolicy};
    let policy = TextPolicy::EMPTY;
    let mut differ = Vec::new();
    for row in tsv_rows() {
        let (Some(key), Some(sig)) = (
            PublicKey::from_slice(&unhex(&row.pubkey)),
            Signature::from_slice(&unhex(&row.sig)),
        ) else {
            assert!(!row.go_accepts, "{}", row.id);
            continue;
        };
        let msg = unhex(&row.msg);
        let direct = DalekBackend
            .prepare(&key)
            .is_some_and(|k| DalekBackend.verify_prepared(&k, &msg, &sig));
        let prepared = PreparedPolicy::<_, _, 1>::new(&policy, &[key], DalekBackend).unwrap();
        assert_eq!(prepared.len(), 1);
        let through_policy = Ed25519Backend::verify(&prepared, &key, &msg, &sig);
        if direct != row.go_accepts || through_policy != row.go_accepts {
            differ.push(row.id.clone());
        }
    }
    assert!(
        differ.is_empty(),
        "prepared path differs from Go on {differ:?}"
    );
}

#[test]
fn compact_difference_list_is_well_formed() {
    let list = recorded_compact_differences();
    let ids: BTreeSet<String> = tsv_rows().into_iter().map(|r| r.id).collect();
    let unique: BTreeSet<&String> = list.iter().collect();
    assert_eq!(
        unique.len(),
        list.len(),
        "duplicates in compact-differs.txt"
    );
    for id in &list {
        assert!(ids.contains(id), "unknown id {id} in compact-differs.txt");
    }
    assert_eq!(list.len(), 241);
}

#[cfg(feature = "compact")]
#[test]
fn compact_differs_from_go_exactly_as_recorded() {
    use sigsum_core::CompactBackend;
    let got: BTreeSet<String> = differing(&CompactBackend).into_iter().collect();
    let want: BTreeSet<String> = recorded_compact_differences().into_iter().collect();
    let new: Vec<&String> = got.difference(&want).collect();
    let gone: Vec<&String> = want.difference(&got).collect();
    assert!(
        new.is_empty() && gone.is_empty(),
        "CompactBackend differs from Go on {} vectors; not recorded: {new:?}; recorded but now agreeing: {gone:?}",
        got.len()
    );
    // The split crypto.rs describes: extra accepts from the cofactored
    // equation, rejects of small-order and non-canonical keys and `R`.
    let rows = tsv_rows();
    let extra_accepts = rows
        .iter()
        .filter(|r| !r.go_accepts && verify(&CompactBackend, r))
        .count();
    assert_eq!((extra_accepts, got.len() - extra_accepts), (69, 172));
}

/// Writes compact-differs.txt from the current behaviour (run by hand when
/// the pinned ed25519-compact changes, then review the diff):
/// `cargo test -p sigsum-core --features compact --test ed25519_vectors -- --ignored regenerate`
#[cfg(feature = "compact")]
#[test]
#[ignore]
fn regenerate_compact_differs() {
    use sigsum_core::CompactBackend;
    let rows = tsv_rows();
    let mut out = String::from(COMPACT_HEADER);
    for r in rows
        .iter()
        .filter(|r| verify(&CompactBackend, r) != r.go_accepts)
    {
        out.push_str(&r.id);
        out.push('\n');
    }
    std::fs::write(format!("{}/compact-differs.txt", dir()), out).unwrap();
}

#[cfg(feature = "compact")]
const COMPACT_HEADER: &str = "\
# Vectors (ids of vectors.tsv) on which CompactBackend (ed25519-compact =2.6.1)
# decides differently from Go's crypto/ed25519.Verify, which sigsum-go uses.
# Two causes: its cofactored equation accepts signatures that are off by a
# low-order residue (Go rejects them), and it rejects small-order and
# non-canonical encodings of the key A and of R (Go accepts them).
# Checked by sigsum-core/tests/ed25519_vectors.rs:
#   cargo test -p sigsum-core --features compact --test ed25519_vectors
# Regenerate (then review the diff) with the ignored test
# regenerate_compact_differs.
";
