//! sigsum-compile-policy as a process.
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_sigsum-compile-policy");

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn run(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .env("SIGSUM_POLICY_DIR", tmp("no-such-dir"))
        .output()
        .unwrap()
}

fn tmp(name: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("sigsum-compile-policy-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

/// The `compiled` hex of a vector in compiled-policy-vectors.txt.
fn vector_hex(name: &str) -> String {
    let data =
        std::fs::read_to_string(repo().join("tests/vectors/policy/compiled-policy-vectors.txt"))
            .unwrap();
    let start = data.find(&format!("vector {name}\n")).unwrap();
    data[start..]
        .lines()
        .find_map(|l| l.strip_prefix("compiled "))
        .unwrap()
        .to_string()
}

const GENERIC_HASH: &str = "34dc9d5a669847a7692ffe8c72e06e6af4cd2ff7f43bc429c5900e3c25324e03";

#[test]
fn named_builtin_to_hex_and_hash() {
    let o = run(&["-P", "sigsum-generic-2025-1", "--hex"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        format!("{}\n", vector_hex("builtin/sigsum-generic-2025-1"))
    );
    let o = run(&["--named-policy=sigsum-generic-2025-1", "--hash"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o), format!("{GENERIC_HASH}\n"));
}

#[test]
fn file_to_raw_output_file() {
    let policy = repo().join("tests/vectors/real/sigsum-test-2025-3.policy");
    let out = tmp("test-2025-3.bin");
    let o = run(&["-p", policy.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(o.stdout.is_empty());
    let bytes = std::fs::read(&out).unwrap();
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    assert_eq!(hex, vector_hex("builtin/sigsum-test-2025-3"));
    assert_eq!(bytes.len(), 341);
}

#[test]
fn stdin_input() {
    let mut child = Command::new(BIN)
        .args(["-p", "-", "--hash"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let text =
        std::fs::read(repo().join("tests/vectors/real/sigsum-generic-2025-1.policy")).unwrap();
    use std::io::Write;
    child.stdin.take().unwrap().write_all(&text).unwrap();
    let o = child.wait_with_output().unwrap();
    assert!(o.status.success());
    assert_eq!(stdout(&o), format!("{GENERIC_HASH}\n"));
}

#[test]
fn policy_dir_overrides_builtin() {
    let dir = tmp("policydir");
    std::fs::create_dir_all(&dir).unwrap();
    let text = std::fs::read(repo().join("tests/vectors/real/sigsum-test1-2025.policy")).unwrap();
    std::fs::write(dir.join("sigsum-generic-2025-1.sigsum-policy"), &text).unwrap();
    let with_dir = |args: &[&str]| {
        Command::new(BIN)
            .args(args)
            .env("SIGSUM_POLICY_DIR", &dir)
            .output()
            .unwrap()
    };
    let overridden = with_dir(&["-P", "sigsum-generic-2025-1", "--hash"]);
    let test1 = run(&["-P", "sigsum-test1-2025", "--hash"]);
    assert!(overridden.status.success() && test1.status.success());
    assert_eq!(stdout(&overridden), stdout(&test1));
    assert_ne!(stdout(&overridden), format!("{GENERIC_HASH}\n"));
}

#[test]
fn invalid_policy_reports_line_and_fails() {
    let bad = tmp("bad.policy");
    let key = "c".repeat(64);
    std::fs::write(
        &bad,
        format!("# x\nwitness W1 {key}\nwitness W2 {key}\nquorum W1\n"),
    )
    .unwrap();
    let o = run(&["-p", bad.to_str().unwrap(), "--hex"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.is_empty());
    let e = stderr(&o);
    assert!(e.contains("line 3: duplicate witness"), "{e}");
    assert!(e.contains("bad.policy"), "{e}");
    assert!(e.contains(&format!("\n  | witness W2 {key}\n")), "{e}");

    let none = tmp("none.policy");
    std::fs::write(&none, "quorum none\n").unwrap();
    let o = run(&["-p", none.to_str().unwrap(), "--hash"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("quorum none cannot be compiled"),
        "{}",
        stderr(&o)
    );

    let o = run(&["-p", tmp("missing.policy").to_str().unwrap(), "--hex"]);
    assert_eq!(o.status.code(), Some(1));

    let o = run(&["-P", "Bad_Name", "--hex"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("invalid policy name"), "{}", stderr(&o));
    let o = run(&["-P", "no-such-policy", "--hex"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("no builtin policy"), "{}", stderr(&o));
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &[][..],
        &["--hex"][..],
        &["-P", "sigsum-test1-2025"][..],
        &["-P", "sigsum-test1-2025", "-p", "x", "--hex"][..],
        &["-P", "sigsum-test1-2025", "--hex", "--hash"][..],
        &["-P"][..],
        &["--bogus"][..],
        &["-P", "sigsum-test1-2025", "--hex=1"][..],
    ] {
        let o = run(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stderr(&o).contains("Usage:"), "{args:?}");
        assert!(o.stdout.is_empty());
    }
}

#[test]
fn help_and_version() {
    let o = run(&["--help"]);
    assert!(o.status.success());
    assert!(stdout(&o).starts_with("Usage: sigsum-compile-policy"));
    let o = run(&["-V"]);
    assert!(o.status.success());
    assert_eq!(
        stdout(&o),
        format!("sigsum-compile-policy {}\n", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn non_utf8_argument_is_a_usage_error_not_a_panic() {
    use std::os::unix::ffi::OsStrExt;
    let bad = std::ffi::OsStr::from_bytes(b"-p\xff");
    let o = Command::new(BIN)
        .arg(bad)
        .arg("--hex")
        .env("SIGSUM_POLICY_DIR", tmp("no-such-dir"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("not valid UTF-8"), "{}", stderr(&o));
}
