//! `tlog-verify` run as a process: the Oak tlog-proof and its checkpoint
//! (tests/vectors/c2sp/) and generated logs, witnesses and proofs
//! (testkit::tlog) accepted; for each step a failing twin with exit status
//! 1 and exactly one stderr line naming the step.
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{SystemTime, UNIX_EPOCH};

use testkit::tlog::{policy, Log, Witness};

fn v(name: &str) -> String {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors/c2sp");
    p.join(name).to_str().unwrap().to_string()
}

fn read(name: &str) -> String {
    std::fs::read_to_string(v(name)).unwrap()
}

/// Write `data` to a fresh file of this test run; its path.
fn file(name: &str, data: &str) -> String {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("tlog-verify");
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, data).unwrap();
    p.to_str().unwrap().to_string()
}

struct Out {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(args: &[&str], stdin: &[u8]) -> Out {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tlog-verify"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The tool may exit, or not read stdin at all.
    let _ = child.stdin.take().unwrap().write_all(stdin);
    let out = child.wait_with_output().unwrap();
    Out {
        code: out.status.code().unwrap(),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

/// Exit 0, nothing on stderr; the stdout.
fn ok(o: Out) -> String {
    assert_eq!((o.code, o.stderr.as_str()), (0, ""), "{}", o.stderr);
    o.stdout
}

/// Exit 1, nothing on stdout, one stderr line starting with
/// `tlog-verify: <start>`; the line.
fn fails(o: Out, start: &str) -> String {
    assert_eq!(o.code, 1, "{}", o.stderr);
    assert_eq!(o.stdout, "");
    assert_eq!(o.stderr.lines().count(), 1, "{}", o.stderr);
    let want = format!("tlog-verify: {start}");
    assert!(o.stderr.starts_with(&want), "{:?} !~ {want:?}", o.stderr);
    o.stderr
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

const OAK_TIME: u64 = 1771605822;
const OAK_LEAF: &str = "ba544875c62770a71a8f5affc28b3c9add94e5463c0968ddaf7abfa0a3ffc91f";
const OAK_OUT: &str = "origin fake.log.origin/log
tree_size 4
root_hash 08fbfd847d12853ea4fd653d4197a1d5b57b6d87943a4ae706e08b0901bd1a01
quorum_timestamp 1771605822
median_timestamp 1771605822
witness w1 test-witness 1771605822
";

#[test]
fn oak_proof_verifies_from_the_entry_or_the_leaf_hash() {
    let entry = read("oak-test.entry");
    let (p, proof) = (v("oak-test.policy"), v("oak-test.tlog-proof"));
    assert_eq!(
        sigsum_core::hash_leaf(entry.as_bytes()).to_string(),
        OAK_LEAF
    );
    assert_eq!(ok(run(&["-p", &p, &proof], entry.as_bytes())), "");
    let joined = format!("-p{p}");
    ok(run(&[&joined, "--strict", &proof], entry.as_bytes()));
    ok(run(&["--policy", &p, "--", &proof], entry.as_bytes()));
    // --leaf-hash: stdin is not read (anything there is ignored), either
    // case of hex.
    ok(run(&["-p", &p, "--leaf-hash", OAK_LEAF, &proof], b"junk"));
    let upper = OAK_LEAF.to_ascii_uppercase();
    ok(run(
        &["-p", &p, &format!("--leaf-hash={upper}"), &proof],
        b"",
    ));
    // Old enough for any age but a large one.
    let age = (now() - OAK_TIME + 3600).to_string();
    ok(run(
        &["-p", &p, "--max-age", &age, &proof],
        entry.as_bytes(),
    ));
}

#[test]
fn oak_checkpoint_prints_its_values() {
    let out = ok(run(
        &[
            "--checkpoint",
            "-p",
            &v("oak-test.policy"),
            &v("oak-test.checkpoint"),
        ],
        b"",
    ));
    assert_eq!(out, OAK_OUT);
    // The checkpoint file is the proof's checkpoint.
    assert!(read("oak-test.tlog-proof").ends_with(&format!("\n\n{}", read("oak-test.checkpoint"))));
}

#[test]
fn oak_twins_fail_at_their_step() {
    let entry = read("oak-test.entry");
    let pol = read("oak-test.policy");
    let proof = read("oak-test.tlog-proof");
    let p = v("oak-test.policy");
    let pf = v("oak-test.tlog-proof");
    let go = |policy: &str, proof: &str, stdin: &str| run(&["-p", policy, proof], stdin.as_bytes());
    // read
    fails(
        go(&p, "/nonexistent/proof", &entry),
        "read: proof /nonexistent/proof: ",
    );
    fails(
        go("/nonexistent/policy", &pf, &entry),
        "read: policy /nonexistent/policy: ",
    );
    // parse policy: CRLF, an undefined quorum.
    let crlf = file("crlf.policy", &pol.replace('\n', "\r\n"));
    let e = fails(go(&crlf, &pf, &entry), "parse policy: ");
    assert!(
        e.ends_with(": line 1: invalid control character 0x0d\n"),
        "{e}"
    );
    let undef = file("undef.policy", &pol.replace("quorum w1", "quorum w2"));
    fails(go(&undef, &pf, &entry), "parse policy: ");
    // parse proof: before and inside the checkpoint.
    let bad = file("index.proof", &proof.replace("index 3", "index 03"));
    let e = fails(go(&p, &bad, &entry), "parse proof: line 2: invalid index");
    assert!(!e.contains('\r'));
    let bad = file("size.proof", &proof.replace("\n4\n", "\n04\n"));
    fails(
        go(&p, &bad, &entry),
        "parse proof: checkpoint starting on line 6: ",
    );
    // log signature: another origin, a flipped signature.
    let bad = file(
        "origin.proof",
        &proof.replace("\nfake.log.origin/log\n", "\nfake.log.origin/lg\n"),
    );
    let e = fails(go(&p, &bad, &entry), "log signature: ");
    assert_eq!(
        e,
        "tlog-verify: log signature: checkpoint origin is not a log of the policy\n"
    );
    let bad = file("logsig.proof", &proof.replace("87oCw+", "87oCx+"));
    fails(
        go(&p, &bad, &entry),
        "log signature: checkpoint line 5: invalid log signature",
    );
    // cosignatures: a flipped one (quorum, or rejected with --strict),
    // a quorum of two witnesses.
    let bad = file("cosig.proof", &proof.replace("mKe23SD", "mKe23SE"));
    fails(
        go(&p, &bad, &entry),
        "cosignatures: witness quorum not met (0 valid cosignatures, 1 invalid)",
    );
    fails(
        run(&["--strict", "-p", &p, &bad], entry.as_bytes()),
        "cosignatures: checkpoint line 6: invalid cosignature",
    );
    let two = pol.replace(
        "quorum w1",
        "witness w2 other-witness+b0d22709+BBERERERERERERERERERERERERERERERERERERERERER\n\
         group g all w1 w2\nquorum g",
    );
    let two = file("two.policy", &two);
    fails(
        go(&two, &pf, &entry),
        "cosignatures: witness quorum not met (1 valid",
    );
    // inclusion: another entry, another leaf hash, another index.
    fails(go(&p, &pf, "test entry dat"), "inclusion: ");
    let other = format!("{}0", &OAK_LEAF[..63]);
    fails(
        run(&["-p", &p, "--leaf-hash", &other, &pf], b""),
        "inclusion: ",
    );
    let bad = file("index2.proof", &proof.replace("index 3", "index 2"));
    fails(go(&p, &bad, &entry), "inclusion: ");
    // freshness: older than a minute.
    fails(
        run(&["-p", &p, "--max-age", "60", &pf], entry.as_bytes()),
        "freshness: ",
    );
    // The checkpoint mode's twins.
    let cp = v("oak-test.checkpoint");
    let check = |policy: &str, cp: &str| run(&["--checkpoint", "-p", policy, cp], b"");
    fails(check(&two, &cp), "cosignatures: witness quorum not met");
    let bad = file(
        "size.checkpoint",
        &read("oak-test.checkpoint").replace("\n4\n", "\n04\n"),
    );
    fails(check(&p, &bad), "parse checkpoint: ");
    fails(
        run(&["--checkpoint", "--max-age=60", "-p", &p, &cp], b""),
        "freshness: ",
    );
}

/// A log of 10 leaves, three witnesses (2 of 3 needed) cosigning at
/// `times`; the policy, a proof of leaf 6 and the leaf hash, as files.
fn generated(name: &str, times: &[u64]) -> (String, String, String, String) {
    let log = Log::new("example.com/log", 10);
    let ws: Vec<Witness> = (0..3).map(Witness::new).collect();
    let text = log.text(&[]);
    let cosigners: Vec<(&Witness, u64)> = ws.iter().zip(times.iter().copied()).collect();
    let note = log.note(&text, &cosigners);
    let pol = policy(&log, &ws, "group G 2 W0 W1 W2\nquorum G\n");
    let proof = log.proof(6, Some(b"extra data"), &note);
    let leaf = testkit::merkle::hex(&testkit::merkle::test_leaf(6));
    (
        file(&format!("{name}.policy"), &pol),
        file(&format!("{name}.proof"), &proof),
        file(&format!("{name}.checkpoint"), &note),
        leaf,
    )
}

#[test]
fn generated_logs_quorum_median_and_freshness() {
    let t = now();
    let (p, proof, cp, leaf) = generated("fresh", &[t - 30, t - 10, t - 20]);
    ok(run(
        &["-p", &p, "--leaf-hash", &leaf, "--max-age", "60", &proof],
        b"",
    ));
    // Quorum time: the newest T that two cosignatures at or after it
    // meet (t - 20); median of three: t - 20 as well; witnesses by index.
    let out = ok(run(&["--checkpoint", "-p", &p, &cp], b""));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[1], "tree_size 10");
    assert_eq!(lines[3], format!("quorum_timestamp {}", t - 20));
    assert_eq!(lines[4], format!("median_timestamp {}", t - 20));
    assert_eq!(
        lines[5..],
        [
            format!("witness W0 witness0.example {}", t - 30),
            format!("witness W1 witness1.example {}", t - 10),
            format!("witness W2 witness2.example {}", t - 20),
        ]
    );
    // Too old for 15 s; two witnesses only: quorum t - 10 ... t - 30.
    fails(
        run(
            &["-p", &p, "--leaf-hash", &leaf, "--max-age", "15", &proof],
            b"",
        ),
        "freshness: ",
    );
    let (p2, proof2, cp2, _) = generated("two", &[t - 30, t - 10]);
    let out = ok(run(&["--checkpoint", "-p", &p2, &cp2], b""));
    assert!(
        out.contains(&format!("quorum_timestamp {}\n", t - 30)),
        "{out}"
    );
    assert!(
        out.contains(&format!("median_timestamp {}\n", t - 30)),
        "{out}"
    );
    ok(run(
        &["-p", &p2, "--leaf-hash", &leaf, "--max-age", "40", &proof2],
        b"",
    ));
    // One witness only: quorum not met; in the future beyond 300 s skew.
    let (p1, proof1, _, _) = generated("one", &[t]);
    fails(
        run(&["-p", &p1, "--leaf-hash", &leaf, &proof1], b""),
        "cosignatures: witness quorum not met (1 valid cosignatures, 0 invalid)",
    );
    let (pf, prooff, _, _) = generated("future", &[t + 1000, t + 2000]);
    ok(run(&["-p", &pf, "--leaf-hash", &leaf, &prooff], b""));
    fails(
        run(
            &["-p", &pf, "--leaf-hash", &leaf, "--max-age", "60", &prooff],
            b"",
        ),
        "freshness: ",
    );
    // Another leaf of the same log.
    let other = testkit::merkle::hex(&testkit::merkle::test_leaf(5));
    fails(
        run(&["-p", &p, "--leaf-hash", &other, &proof], b""),
        "inclusion: ",
    );
}

#[test]
fn usage_errors_help_and_version() {
    let (p, proof) = (v("oak-test.policy"), v("oak-test.tlog-proof"));
    let usage = |args: &[&str], want: &str| {
        let e = fails(run(args, b""), want);
        assert!(e.ends_with(" (see --help)\n"), "{e}");
    };
    usage(&[&proof], "no tlog-policy file given (-p)");
    usage(&["-p", &p], "no proof file given");
    usage(&["--checkpoint", "-p", &p], "no checkpoint file given");
    usage(
        &["-p", &p, &proof, "--strict"],
        "unexpected argument after the proof file: \"--strict\"",
    );
    usage(
        &["-p", &p, "--leaf-hash", "abcd", &proof],
        "--leaf-hash \"abcd\": not 64 hex digits",
    );
    usage(
        &["--checkpoint", "-p", &p, "--leaf-hash", OAK_LEAF, &proof],
        "--leaf-hash is for proofs",
    );
    usage(&["-p", &p, "--max-age", "-1", &proof], "--max-age \"-1\": ");
    usage(&["-p", &p, "--max-age", "01", &proof], "--max-age \"01\": ");
    usage(
        &["-p", &p, "--raw-hash", &proof],
        "unknown option --raw-hash",
    );
    usage(
        &["-p", &p, "--strict=yes", &proof],
        "option --strict takes no value",
    );
    usage(&["-p"], "option -p needs a value");
    let help = ok(run(&["--help", "--bogus"], b""));
    assert!(
        help.starts_with("Usage: tlog-verify -p POLICY-FILE"),
        "{help}"
    );
    assert_eq!(help, sigsum_cli::tlog::USAGE);
    let version = ok(run(&["-v"], b""));
    assert_eq!(
        version,
        format!("tlog-verify (sigsum-core) {}\n", env!("CARGO_PKG_VERSION"))
    );
}

/// An ML-DSA-44 witness (testkit signs with RustCrypto ml-dsa): its
/// cosignature counts in `tlog-verify` (the feature `mldsa` is on by
/// default); a tampered one is named as the failing step.
#[test]
#[cfg(feature = "mldsa")]
fn mldsa_witness_counts() {
    let log = Log::new("example.com/pq-log", 5);
    let ed = Witness::new(0);
    let (seed, name) = ([77u8; 32], "pq.example");
    let text = log.text(&[]);
    let root = log.tree.root(5);
    let pq = testkit::mldsa::cosignature_line(seed, name, 1500, &log.origin, 5, &root);
    let note = format!("{}{pq}", log.note(&text, &[(&ed, 1000)]));
    let p = format!(
        "log {}\nwitness ED {}\nwitness PQ {}\ngroup G all ED PQ\nquorum G\n",
        log.vkey(),
        ed.vkey(),
        testkit::mldsa::vkey(seed, name)
    );
    let pf = file("pq.policy", &p);
    let cf = file("pq.checkpoint", &note);
    let out = ok(run(&["--checkpoint", "-p", &pf, &cf], b""));
    assert!(out.contains("1000"), "{out}");
    let other = testkit::mldsa::cosignature_line(seed, name, 1500, &log.origin, 4, &root);
    let bad = file(
        "pq-bad.checkpoint",
        &format!("{}{other}", log.note(&text, &[(&ed, 1000)])),
    );
    fails(run(&["--checkpoint", "-p", &pf, &bad], b""), "cosignatures");
}
