//! `sigsum-verify-binary`, `sigsum-convert-proof` and
//! `sigsum-compile-policy --format` run as processes: exit codes, the one
//! stderr line naming the failing step, and the files they write.
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

fn vectors() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors")
}

fn v(rel: &str) -> String {
    vectors().join(rel).to_str().unwrap().to_string()
}

fn read(rel: &str) -> Vec<u8> {
    std::fs::read(vectors().join(rel)).unwrap()
}

struct Out {
    code: i32,
    stdout: Vec<u8>,
    stderr: String,
}

fn run_bin(bin: &str, args: &[&str], stdin: &[u8]) -> Out {
    let mut child = Command::new(bin)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let _ = child.stdin.take().unwrap().write_all(stdin);
    let out = child.wait_with_output().unwrap();
    Out {
        code: out.status.code().unwrap(),
        stdout: out.stdout,
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

fn verify(args: &[&str], stdin: &[u8]) -> Out {
    run_bin(env!("CARGO_BIN_EXE_sigsum-verify-binary"), args, stdin)
}

fn ok(o: Out) {
    assert_eq!((o.code, o.stderr.as_str()), (0, ""));
}

/// Exit status `code` and exactly the stderr line `line`.
fn fails(o: Out, code: i32, line: &str) {
    assert_eq!(
        (o.code, o.stderr.as_str()),
        (code, format!("{line}\n").as_str())
    );
}

fn message() -> Vec<u8> {
    read("real/serviceberry.message")
}

fn tmp(name: &str, bytes: &[u8]) -> String {
    let dir = std::env::temp_dir().join(format!("sigsum-binary-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path.to_str().unwrap().to_string()
}

#[test]
fn spic_verifies() {
    let (pol, prf) = (
        v("spic/serviceberry.policy.bin"),
        v("spic/serviceberry.proof.bin"),
    );
    // OpenSSH key file and 64-hex key file.
    for key in [
        "real/serviceberry-signer.pub",
        "real/serviceberry-signer.hex",
    ] {
        ok(verify(
            &["--format", "spic", "-p", &pol, "-k", &v(key), &prf],
            &message(),
        ));
    }
    // --raw-hash: the 32 bytes, or 64 hex digits.
    let hash: [u8; 32] = sigsum_core::sha256(&message()).0;
    let args = [
        "--format=spic",
        "--raw-hash",
        "-p",
        &pol,
        "-k",
        &v("real/serviceberry-signer.pub"),
        &prf,
    ];
    ok(verify(&args, &hash));
    let hex: String = hash.iter().map(|b| format!("{b:02x}")).collect();
    ok(verify(&args, format!(" {hex}\n").as_bytes()));
    fails(
        verify(&args, b"short"),
        1,
        "sigsum-verify-binary: reading message: --raw-hash input is neither 32 bytes nor 64 hex digits (hex value of the wrong length)",
    );
}

#[test]
fn spic_failing_steps() {
    let (pol, prf) = (
        v("spic/serviceberry.policy.bin"),
        v("spic/serviceberry.proof.bin"),
    );
    let key = v("real/serviceberry-signer.pub");
    fails(
        verify(
            &["--format", "spic", "-p", &pol, "-k", &key, &prf],
            b"other",
        ),
        1,
        "sigsum-verify-binary: bad leaf signature",
    );
    // The key file gives the key indexes: another key first.
    let keys = tmp(
        "two.keys",
        format!(
            "{}\n{}",
            "00".repeat(32),
            String::from_utf8(read("real/serviceberry-signer.hex")).unwrap()
        )
        .as_bytes(),
    );
    fails(
        verify(
            &["--format", "spic", "-p", &pol, "-k", &keys, &prf],
            &message(),
        ),
        1,
        "sigsum-verify-binary: bad leaf signature",
    );
    let mut proof = read("spic/serviceberry.proof.bin");
    proof.push(0);
    let longer = tmp("longer.spic", &proof);
    fails(
        verify(
            &["--format", "spic", "-p", &pol, "-k", &key, &longer],
            &message(),
        ),
        1,
        "sigsum-verify-binary: malformed spic proof: at byte 726: trailing bytes",
    );
    proof.pop();
    let last = proof.len() - 1;
    proof[last] ^= 1;
    let bad = tmp("bad-cosig.spic", &proof);
    fails(
        verify(
            &["--format", "spic", "-p", &pol, "-k", &key, &bad],
            &message(),
        ),
        1,
        "sigsum-verify-binary: bad cosignature 3 (witness 7)",
    );
    let badkeys = tmp("bad.keys", b"not a key\n");
    fails(
        verify(
            &["--format", "spic", "-p", &pol, "-k", &badkeys, &prf],
            &message(),
        ),
        1,
        &format!(
            "sigsum-verify-binary: reading key file {badkeys}: line 1: {}",
            sigsum_core::parse_ssh_key(b"not a key").unwrap_err()
        ),
    );
}

#[test]
fn tkey_verifies_and_fails() {
    let (pol, prf) = (
        v("tkey/serviceberry.policy.bin"),
        v("tkey/serviceberry.proof.bin"),
    );
    ok(verify(&["--format", "tkey", "-p", &pol, &prf], &message()));
    fails(
        verify(&["--format", "tkey", "-p", &pol, &prf], b"other"),
        1,
        "sigsum-verify-binary: inclusion proof failed: inclusion proof does not lead to the root",
    );
    fails(
        verify(&["--format", "tkey", "-p", &prf, &prf], &message()),
        1,
        "sigsum-verify-binary: malformed TKey policy blob: at byte 129: submitter key 4 is out of key-hash order",
    );
    let mut proof = read("tkey/serviceberry.proof.bin");
    proof[0] ^= 1;
    let other_log = tmp("other-log.tkey", &proof);
    fails(
        verify(&["--format", "tkey", "-p", &pol, &other_log], &message()),
        1,
        "sigsum-verify-binary: unknown log: the policy does not list the proof's log",
    );
}

#[test]
fn usage() {
    let (pol, prf) = (
        v("tkey/serviceberry.policy.bin"),
        v("tkey/serviceberry.proof.bin"),
    );
    let help = verify(&["--help"], b"");
    assert_eq!(help.code, 0);
    assert!(String::from_utf8(help.stdout)
        .unwrap()
        .starts_with("Usage: sigsum-verify-binary"));
    let version = verify(&["-p", "x", "--version"], b"");
    assert_eq!(
        String::from_utf8(version.stdout).unwrap(),
        format!(
            "sigsum-verify-binary (sigsum-core) {}\n",
            env!("CARGO_PKG_VERSION")
        )
    );
    let usage = |args: &[&str], line: &str| {
        fails(
            verify(args, b""),
            2,
            &format!("sigsum-verify-binary: {line} (see --help)"),
        )
    };
    usage(&["-p", &pol, &prf], "no format given (--format spic|tkey)");
    usage(
        &["--format", "x", "-p", &pol, &prf],
        "unknown format \"x\" (spic or tkey)",
    );
    usage(
        &["--format", "tkey", &prf],
        "no policy given (-p POLICY-BLOB)",
    );
    usage(
        &["--format", "tkey", "-p", &pol],
        "no proof file given on the command line",
    );
    usage(
        &["--format", "spic", "-p", &pol, &prf],
        "spic needs the submitter keys (-k KEY-FILE)",
    );
    usage(
        &["--format", "tkey", "-p", &pol, "-k", &pol, &prf],
        "tkey policy blobs hold the submitter keys: no -k",
    );
    usage(
        &["--format", "tkey", "-p", &pol, "--bogus", &prf],
        "unknown option --bogus",
    );
    usage(
        &["--format", "tkey", "-p", &pol, &prf, "--raw-hash"],
        &format!("unexpected argument after the proof file {prf}: \"--raw-hash\""),
    );
    usage(
        &["--format", "tkey", "--raw-hash=1", "-p", &pol, &prf],
        "option --raw-hash takes no value",
    );
}

#[test]
fn convert_and_compile_reproduce_the_vectors() {
    let convert = |args: &[&str]| run_bin(env!("CARGO_BIN_EXE_sigsum-convert-proof"), args, b"");
    let compile = |args: &[&str]| run_bin(env!("CARGO_BIN_EXE_sigsum-compile-policy"), args, b"");
    let policy = v("real/sigsum-test-2025-3.policy");
    let key = v("real/serviceberry-signer.pub");
    let proof = v("real/serviceberry-v2.proof");
    let o = convert(&["--format", "spic", "-p", &policy, "-k", &key, &proof]);
    assert_eq!((o.code, o.stderr.as_str()), (0, ""));
    assert_eq!(o.stdout, read("spic/serviceberry.proof.bin"));
    let o = convert(&["--format", "tkey", &proof]);
    assert_eq!(o.stdout, read("tkey/serviceberry.proof.bin"));
    // With the policy: the same (every witness is known).
    let o = convert(&["--format", "tkey", "-p", &policy, &proof]);
    assert_eq!(o.stdout, read("tkey/serviceberry.proof.bin"));
    let o = compile(&["-p", &policy, "--format", "spic", "--hex"]);
    let hex: String = read("spic/serviceberry.policy.bin")
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(String::from_utf8(o.stdout).unwrap(), format!("{hex}\n"));
    let out = tmp("tkey.pol", b"");
    let o = compile(&[
        "-P",
        "sigsum-test-2025-3",
        "--format",
        "tkey",
        "-k",
        &key,
        "-o",
        &out,
    ]);
    assert_eq!((o.code, o.stderr.as_str()), (0, ""));
    assert_eq!(
        std::fs::read(&out).unwrap(),
        read("tkey/serviceberry.policy.bin")
    );
    // The canonical route verifies too, end to end.
    let cpol = tmp("canonical.spic", b"");
    let cprf = tmp("canonical.proof", b"");
    assert_eq!(
        compile(&["-p", &policy, "--format", "spic-canonical", "-o", &cpol]).code,
        0
    );
    assert_eq!(
        convert(&[
            "--format",
            "spic",
            "--canonical",
            "-p",
            &policy,
            "-k",
            &key,
            "-o",
            &cprf,
            &proof
        ])
        .code,
        0
    );
    ok(verify(
        &["--format", "spic", "-p", &cpol, "-k", &key, &cprf],
        &message(),
    ));
    // A key the proof was not signed with.
    let o = convert(&[
        "--format",
        "spic",
        "-p",
        &policy,
        "-k",
        &v("proofs/pa-signer.pub"),
        &proof,
    ]);
    assert_eq!(
        (o.code, o.stderr.as_str()),
        (
            1,
            "sigsum-convert-proof: no submitter key matches the proof's leaf key hash\n"
        )
    );
    let o = compile(&["-p", &policy, "--format", "tkey", "--hex"]);
    assert_eq!(o.code, 2);
}
