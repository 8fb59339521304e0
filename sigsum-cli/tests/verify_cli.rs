//! `sigsum-verify` run as a process on the real vectors: exit codes and the
//! one stderr line naming the failing step.
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn vectors() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors")
}

fn v(rel: &str) -> String {
    vectors().join(rel).to_str().unwrap().to_string()
}

struct Out {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run_env(args: &[&str], stdin: &[u8], env: &[(&str, &str)]) -> Out {
    run_in(&std::env::temp_dir(), args, stdin, env)
}

/// Run in working directory `dir`.
fn run_in(dir: &Path, args: &[&str], stdin: &[u8], env: &[(&str, &str)]) -> Out {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_sigsum-verify"));
    cmd.current_dir(dir);
    cmd.args(args)
        .env_remove("SIGSUM_POLICY_DIR")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, val) in env {
        cmd.env(k, val);
    }
    let mut child = cmd.spawn().unwrap();
    // The tool may exit (usage error) before reading stdin.
    let _ = child.stdin.take().unwrap().write_all(stdin);
    let out = child.wait_with_output().unwrap();
    Out {
        code: out.status.code().unwrap(),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

fn run(args: &[&str], stdin: &[u8]) -> Out {
    run_env(args, stdin, &[])
}

fn read(rel: &str) -> Vec<u8> {
    std::fs::read(vectors().join(rel)).unwrap()
}

fn ok(o: Out) {
    assert_eq!((o.code, o.stderr.as_str()), (0, ""), "{}", o.stderr);
}

/// Exit status 1 and exactly one stderr line, equal to `line`.
fn fails(o: Out, line: &str) {
    assert_eq!(o.code, 1, "stderr: {}", o.stderr);
    assert_eq!(o.stderr, format!("sigsum-verify: {line}\n"));
}

#[test]
fn serviceberry_with_builtin_policy() {
    let msg = read("real/serviceberry.message");
    let key = v("real/serviceberry-signer.pub");
    let proof = v("real/serviceberry-v2.proof");
    ok(run(&["-P", "sigsum-test-2025-3", "-k", &key, &proof], &msg));
    ok(run(
        &["--named-policy=sigsum-test-2025-3", "--key", &key, &proof],
        &msg,
    ));
    ok(run(
        &["-Psigsum-test-2025-3", &format!("-k{key}"), "--", &proof],
        &msg,
    ));
    // The policy named in the key file.
    ok(run(
        &["-k", &v("real/serviceberry-signer-policy.pub"), &proof],
        &msg,
    ));
    // A generous max age passes, a small one fails.
    ok(run(
        &[
            "-P",
            "sigsum-test-2025-3",
            "-k",
            &key,
            "--max-age",
            "1000000000",
            &proof,
        ],
        &msg,
    ));
    let o = run(
        &[
            "-P",
            "sigsum-test-2025-3",
            "-k",
            &key,
            "--max-age",
            "60",
            &proof,
        ],
        &msg,
    );
    assert_eq!(o.code, 1);
    assert!(
        o.stderr.starts_with(
            "sigsum-verify: proof failed to verify: too old: quorum timestamp 1770193051 is "
        ),
        "{}",
        o.stderr
    );
    assert_eq!(o.stderr.lines().count(), 1);
}

#[test]
fn other_real_proofs() {
    let bkey = v("proofs/barreleye-signer.pub");
    for name in ["odd", "even"] {
        let data = read(&format!("proofs/barreleye-v1-{name}.data"));
        let proof = v(&format!("proofs/barreleye-v1-{name}.proof"));
        ok(run(
            &["-P", "sigsum-test1-2025", "-k", &bkey, &proof],
            &data,
        ));
        ok(run(
            &["-k", &v("proofs/barreleye-signer-policy.pub"), &proof],
            &data,
        ));
        fails(
            run(&["-P", "sigsum-test2-2025", "-k", &bkey, &proof], &data),
            "proof failed to verify: quorum not met: 0 valid and 0 invalid of 4 cosignatures from known witnesses",
        );
    }
    // The mullvad/sigsum-rs README proof: valid under
    // its 1-of-1 stagemole policy, not under sigsum-test2-2025.
    let data = read("proofs/sigsum-rs-barreleye.data");
    let key = v("proofs/sigsum-rs-barreleye-signer.pub");
    let proof = v("proofs/sigsum-rs-barreleye-v2.proof");
    let policy = v("proofs/sigsum-rs-stagemole-1of1.policy");
    ok(run(&["-p", &policy, "-k", &key, &proof], &data));
    fails(
        run(&["-P", "sigsum-test2-2025", "-k", &key, &proof], &data),
        "proof failed to verify: quorum not met: 0 valid and 0 invalid of 2 cosignatures from known witnesses",
    );
    fails(
        run(&["-p", &policy, "-k", &key, &proof], b"Hello, Sigsum!\n"),
        "proof failed to verify: inclusion proof failed: inclusion proof does not lead to the root",
    );
    // --raw-hash: 32 raw bytes, or 64 hex digits with white space around.
    for p in ["pa", "pb"] {
        let msg = read(&format!("proofs/{p}.message"));
        let args = [
            "--raw-hash",
            "-p",
            &v(&format!("proofs/{p}.policy")),
            "-k",
            &v(&format!("proofs/{p}-signer.pub")),
            &v(&format!("proofs/{p}.proof")),
        ];
        ok(run(&args, &msg));
        let hex: String = msg.iter().map(|b| format!("{b:02x}")).collect();
        ok(run(&args, format!("  {hex}\n").as_bytes()));
        ok(run(&args, hex.to_uppercase().as_bytes()));
        fails(
            run(&args, b"abc\n"),
            "reading message: --raw-hash input is neither 32 bytes nor 64 hex digits (hex value of the wrong length)",
        );
        // Without --raw-hash the message is H(input): another leaf.
        fails(
            run(&args[1..], &msg),
            "proof failed to verify: inclusion proof failed: inclusion proof does not lead to the root",
        );
    }
}

#[test]
fn failing_steps() {
    let msg = read("real/serviceberry.message");
    let key = v("real/serviceberry-signer.pub");
    let proof = v("real/serviceberry-v2.proof");
    fails(
        run(
            &["-P", "sigsum-test-2025-3", "-k", &key, &proof],
            b"other data\n",
        ),
        "proof failed to verify: inclusion proof failed: inclusion proof does not lead to the root",
    );
    fails(
        run(&["-P", "sigsum-test1-2025", "-k", &key, &proof], &msg),
        "proof failed to verify: unknown log: the policy does not list the proof's log",
    );
    fails(
        run(&["-P", "sigsum-test-2025-3", "-k", &v("proofs/pa-signer.pub"), &proof], &msg),
        "proof failed to verify: unknown signer key: the leaf key hash matches none of the given keys",
    );
    fails(
        run(
            &[
                "-P",
                "sigsum-test-2025-3",
                "-k",
                &key,
                &v("proofs/sigsum-ts-stray-line.proof"),
            ],
            &msg,
        ),
        "invalid proof: line 8: expected key \"cosignature\"",
    );
    // Legacy doc/tools.md proofs: bad leaf signature.
    for name in ["old-friend", "hello-again"] {
        fails(
            run(
                &[
                    "-p",
                    &v("proofs/legacy-tools.policy"),
                    "-k",
                    &v("proofs/legacy-tools-signer.pub"),
                    &v(&format!("proofs/legacy-tools-{name}.proof")),
                ],
                &read(&format!("proofs/legacy-tools-{name}.data")),
            ),
            "proof failed to verify: bad leaf signature",
        );
    }
    // Inputs and options.
    fails(
        run(
            &[
                "-P",
                "sigsum-test-2025-3",
                "-k",
                &key,
                "/nonexistent/x.proof",
            ],
            &msg,
        ),
        "reading proof /nonexistent/x.proof: No such file or directory (os error 2)",
    );
    fails(
        run(&["-P", "sigsum-test-2025-3", "-k", &proof, &proof], &msg),
        &format!("reading key file {proof}: line 1, column 10: expected \"ssh-ed25519 <key>\""),
    );
    fails(
        run(&["-P", "no-such-policy", "-k", &key, &proof], &msg),
        "policy \"no-such-policy\": no builtin policy with this name (and no /etc/sigsum/policy/no-such-policy.sigsum-policy)",
    );
    fails(
        run(&["-P", "Bad_Name", "-k", &key, &proof], &msg),
        "policy name \"Bad_Name\": invalid policy name: does not match ^[a-z0-9][a-z0-9-]+$",
    );
    fails(
        run(&["-k", &key, &proof], &msg),
        "no policy: give -p or -P, or sigsum-policy=\"NAME\" in the key file",
    );
    fails(
        run(
            &["-p", &v("proofs/pa.policy"), "-P", "x", "-k", &key, &proof],
            &msg,
        ),
        "the -P (--named-policy) and -p (--policy) options are mutually exclusive (see --help)",
    );
    fails(
        run(&["-P", "sigsum-test-2025-3", &proof], &msg),
        "no submitter key file given (-k) (see --help)",
    );
    fails(
        run(&["-P", "sigsum-test-2025-3", "-k", &key], &msg),
        "no proof file given on the command line (see --help)",
    );
    fails(
        run(&["--frobnicate"], &msg),
        "unknown option --frobnicate (see --help)",
    );
    fails(
        run(
            &[
                "-P",
                "sigsum-test-2025-3",
                "-k",
                &key,
                "--max-age",
                "-1",
                &proof,
            ],
            &msg,
        ),
        "--max-age \"-1\": invalid decimal number (see --help)",
    );
}

#[test]
fn policy_names_in_key_files() {
    let dir = std::env::temp_dir().join(format!("sigsum-verify-keys-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let plain = String::from_utf8(read("real/serviceberry-signer.pub")).unwrap();
    let named = String::from_utf8(read("real/serviceberry-signer-policy.pub")).unwrap();
    let other = String::from_utf8(read("proofs/barreleye-signer-policy.pub")).unwrap();
    // Two keys with different policy names in one file.
    let conflict = dir.join("conflict.pub");
    std::fs::write(&conflict, format!("# two keys\n{named}{other}")).unwrap();
    // The same, split over two -k files.
    let second = dir.join("second.pub");
    std::fs::write(&second, &other).unwrap();
    let plain_file = dir.join("plain.pub");
    std::fs::write(&plain_file, &plain).unwrap();
    let msg = read("real/serviceberry.message");
    let proof = v("real/serviceberry-v2.proof");
    let c = conflict.to_str().unwrap();
    fails(
        run(&["-k", c, &proof], &msg),
        &format!("reading key file {c}: line 3: sigsum-policy differs from the one on line 2"),
    );
    // With -P the names are ignored, as in sigsum-go.
    ok(run(&["-P", "sigsum-test-2025-3", "-k", c, &proof], &msg));
    let named_file = v("real/serviceberry-signer-policy.pub");
    // Repeated -k files add up, and every one of them is read in full:
    // the conflicting file fails even before a good one ...
    fails(
        run(&["-k", c, "-k", &named_file, &proof], &msg),
        &format!("reading key file {c}: line 3: sigsum-policy differs from the one on line 2"),
    );
    // ... named and unnamed files disagree ...
    let p = plain_file.to_str().unwrap();
    fails(
        run(&["-k", &named_file, "-k", p, &proof], &msg),
        &format!("reading key file {p}: sigsum-policy differs from the earlier key files"),
    );
    // ... and so do two different names.
    let s = second.to_str().unwrap();
    fails(
        run(&["-k", &named_file, "-k", s, &proof], &msg),
        &format!("reading key file {s}: sigsum-policy differs from the earlier key files"),
    );
    // The signer's key may be in any of the files.
    ok(run(
        &["-P", "sigsum-test-2025-3", "-k", s, "-k", p, &proof],
        &msg,
    ));
    ok(run(
        &["-P", "sigsum-test-2025-3", "-k", p, "-k", s, &proof],
        &msg,
    ));
    // Without it in any file, the leaf's key is unknown.
    fails(
        run(&["-P", "sigsum-test-2025-3", "-k", s, &proof], &msg),
        "proof failed to verify: unknown signer key: the leaf key hash matches none of the given keys",
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A fresh directory with an installed "sigsum-test-2025-3" that only
/// trusts barreleye (so the serviceberry proof fails under it).
fn wrong_test_2025_3_dir(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("sigsum-verify-{tag}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("sigsum-test-2025-3.sigsum-policy"),
        read("real/sigsum-test1-2025.policy"),
    )
    .unwrap();
    dir
}

#[test]
fn installed_policy_overrides_builtin() {
    let dir = wrong_test_2025_3_dir("test");
    let args = [
        "-P",
        "sigsum-test-2025-3",
        "-k",
        &v("real/serviceberry-signer.pub"),
        &v("real/serviceberry-v2.proof"),
    ];
    let msg = read("real/serviceberry.message");
    fails(
        run_env(&args, &msg, &[("SIGSUM_POLICY_DIR", dir.to_str().unwrap())]),
        "proof failed to verify: unknown log: the policy does not list the proof's log",
    );
    ok(run(&args, &msg));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn help_and_version() {
    let o = run(&["--help"], b"");
    assert_eq!(o.code, 0);
    assert!(o
        .stdout
        .starts_with("Usage: sigsum-verify -k KEY-FILE... [-p POLICY-FILE | -P POLICY-NAME]"));
    let o = run(&["--version"], b"");
    assert_eq!(o.code, 0);
    assert!(o.stdout.starts_with("sigsum-verify (sigsum-core) "));
}

/// Invocations sigsum-go accepts (more in verify_cli_getopt.rs).
#[test]
fn process_accepts_reference_invocations() {
    // A policy file in the working directory that would make the proof fail
    // if SIGSUM_POLICY_DIR="" were taken as "the current directory".
    let dir = wrong_test_2025_3_dir("getopt");
    let bad_keys = dir.join("bad.pub");
    std::fs::write(&bad_keys, "not a key\n").unwrap();
    let msg = read("real/serviceberry.message");
    let key = v("real/serviceberry-signer.pub");
    let proof = v("real/serviceberry-v2.proof");
    // Empty SIGSUM_POLICY_DIR means the default directory (sigsum-go).
    ok(run_in(
        &dir,
        &["-P", "sigsum-test-2025-3", "-k", &key, &proof],
        &msg,
        &[("SIGSUM_POLICY_DIR", "")],
    ));
    // The reference's spellings (`--P=`, `--k`, `--raw-hash=false`) work;
    // repeated -k files add up and each is read in full, so a bad one fails.
    ok(run_in(
        &dir,
        &[
            "--P=sigsum-test-2025-3",
            "--k",
            &key,
            "--raw-hash=false",
            &proof,
        ],
        &msg,
        &[],
    ));
    let bad = bad_keys.to_str().unwrap();
    let o = run_in(
        &dir,
        &["--P=sigsum-test-2025-3", "-k", bad, "--k", &key, &proof],
        &msg,
        &[],
    );
    assert_eq!(o.code, 1);
    assert!(
        o.stderr
            .starts_with(&format!("sigsum-verify: reading key file {bad}: line 1")),
        "{}",
        o.stderr
    );
    let o = run_in(&dir, &["-k", &key, "-é", &proof], &msg, &[]);
    assert_eq!(o.code, 1, "{}", o.stderr);
    assert!(!o.stderr.contains("panicked"), "{}", o.stderr);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A policy file sigsum-go accepts with more witnesses and groups than the
/// embedded default `TextPolicy` holds (64 / 32): the host tool must take
/// it (up to the 255 a witness set can index).
#[test]
fn large_policy_files() {
    let dir = std::env::temp_dir().join(format!("sigsum-verify-large-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut text = String::from_utf8(read("proofs/pa.policy")).unwrap();
    text = text.replace("quorum w\n", "");
    // 199 more witnesses (keys 01..c7 repeated, all distinct), 100 groups.
    for i in 1..200u32 {
        text += &format!("witness x{i} {:064x}\n", i);
    }
    text += "group g0 any w x1\n";
    for g in 1..100u32 {
        text += &format!("group g{g} 1 g{} x{}\n", g - 1, g + 1);
    }
    text += "quorum g99\n";
    let policy = dir.join("large.policy");
    std::fs::write(&policy, &text).unwrap();
    let args = [
        "-p",
        policy.to_str().unwrap(),
        "-k",
        &v("proofs/pa-signer.pub"),
        "--raw-hash",
        &v("proofs/pa.proof"),
    ];
    ok(run(&args, &read("proofs/pa.message")));
    // Without the real witness in the chain the quorum fails.
    std::fs::write(
        &policy,
        text.replace("group g0 any w x1", "group g0 any x1"),
    )
    .unwrap();
    fails(
        run(&args, &read("proofs/pa.message")),
        "proof failed to verify: quorum not met: 0 valid and 0 invalid of 1 cosignatures from known witnesses",
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Issue 17 (1): option parsing stops at the proof file, as sigsum-go's
/// getopt does. `-k KEY -P NAME PROOF -v` used to print the version and
/// exit 0 whatever PROOF held; every option, in every spelling, placed
/// after the proof file is now an extra argument, and the exit status is
/// non-zero (even when the options before it verify the proof).
#[test]
fn options_after_the_proof_file_are_extra_arguments() {
    let msg = read("real/serviceberry.message");
    let key = v("real/serviceberry-signer.pub");
    let proof = v("real/serviceberry-v2.proof");
    let policy = v("real/sigsum-test-2025-3.policy");
    let name = "sigsum-test-2025-3";
    let (k_glued, key_eq) = (format!("-k{key}"), format!("--key={key}"));
    let (p_eq, big_p_glued) = (format!("--policy={policy}"), format!("-P{name}"));
    let big_p_eq = format!("--P={name}");
    let trailing: Vec<Vec<&str>> = vec![
        vec!["-v"],
        vec!["--version"],
        vec!["--v"],
        vec!["--version=true"],
        vec!["--help"],
        vec!["--help=1"],
        vec!["--raw-hash"],
        vec!["--raw-hash=false"],
        vec!["-k", &key],
        vec![&k_glued],
        vec!["--key", &key],
        vec![&key_eq],
        vec!["--k", &key],
        vec!["-p", &policy],
        vec![&p_eq],
        vec!["--p", &policy],
        vec!["-P", name],
        vec![&big_p_glued],
        vec!["--named-policy", name],
        vec![&big_p_eq],
        vec!["--max-age", "1000000000"],
        vec!["--max-age=60"],
        vec!["-vk", &key],
        vec!["--frobnicate"],
        vec!["--"],
        vec!["--", "-v"],
        vec!["-"],
        vec![""],
    ];
    // The proof (a) verifies with the options before it, (b) does not
    // (other data), (c) is not a proof at all (the issue's reproducer).
    let base = ["-P", name, "-k", &key];
    let runs: [(&str, &[u8], bool); 3] = [
        (&proof, &msg, true),
        (&proof, b"other data\n", false),
        (&key, &msg, false),
    ];
    for (proof_file, stdin, verifies) in runs {
        let mut args = base.to_vec();
        args.push(proof_file);
        assert_eq!(run(&args, stdin).code == 0, verifies, "{args:?}");
        for t in &trailing {
            let all = [args.as_slice(), t.as_slice()].concat();
            let o = run(&all, stdin);
            assert_ne!(o.code, 0, "{all:?}");
            assert_eq!(o.stdout, "", "{all:?}");
            fails(
                o,
                &format!(
                    "unexpected argument after the proof file: {:?} (see --help)",
                    t[0]
                ),
            );
        }
    }
    // `--` ends the options before the proof file; after it, a second
    // operand is still an extra argument.
    ok(run(&["-P", name, "-k", &key, "--", &proof], &msg));
    fails(
        run(&["-P", name, "-k", &key, "--", &proof, "-v"], &msg),
        "unexpected argument after the proof file: \"-v\" (see --help)",
    );
    // An option's value may look like an operand; the proof file is the
    // first argument that is neither an option nor its value.
    ok(run(&["-k", &key, "-P", name, &proof], &msg));
}

/// A scratch directory for key files built by a test.
fn scratch(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("sigsum-verify-{tag}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Issue 17 (2): a key-file line of 65,536 bytes or more is rejected with
/// its line number (sigsum-go's `bufio.Scanner` fails on it); 65,535 bytes
/// pass. Key lines, comment lines and a trailing `\r` count alike.
#[test]
fn key_file_line_limit() {
    let dir = scratch("long-lines");
    let msg = read("real/serviceberry.message");
    let proof = v("real/serviceberry-v2.proof");
    let key = String::from_utf8(read("real/serviceberry-signer.pub")).unwrap();
    let key = key.trim_end();
    // The serviceberry key line, its comment padded to `n` bytes.
    let key_line = |n: usize| format!("{key} {}", "x".repeat(n - key.len() - 1));
    let comment_line = |n: usize| format!("#{}", "x".repeat(n - 1));
    // (what, file whose long line, of `n` bytes with a `\r`, is `line`).
    let files = |n: usize| {
        [
            ("key line", format!("{}\n", key_line(n)), 1),
            ("comment line", format!("{}\n{key}\n", comment_line(n)), 1),
            (
                "key line ending in \\r",
                format!("{}\r\n", key_line(n - 1)),
                1,
            ),
            (
                "comment line ending in \\r",
                format!("{key}\r\n{}\r\n", comment_line(n - 1)),
                2,
            ),
        ]
    };
    let path = dir.join("keys.pub");
    let p = path.to_str().unwrap();
    for (what, text, _) in files(65535) {
        std::fs::write(&path, &text).unwrap();
        let o = run(&["-P", "sigsum-test-2025-3", "-k", p, &proof], &msg);
        assert_eq!((o.code, o.stderr.as_str()), (0, ""), "{what}");
    }
    for (what, text, line) in files(65536) {
        std::fs::write(&path, &text).unwrap();
        let o = run(&["-P", "sigsum-test-2025-3", "-k", p, &proof], &msg);
        assert_eq!(
            (o.code, o.stderr),
            (
                1,
                format!("sigsum-verify: reading key file {p}: line {line}: line longer than 65535 bytes\n")
            ),
            "{what}"
        );
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Issue 17 (3): a `sigsum-policy` name that is not valid UTF-8 (here the
/// Latin-1 byte 0xE9) names no policy. As in sigsum-go, it does not fail a
/// run that names its policy with `-p` or `-P` (the key-file names are then
/// ignored); without them the name would be used, and the run fails with
/// a clear error (sigsum-go fails it too, at the policy lookup).
#[test]
fn policy_names_that_are_not_utf8() {
    let dir = scratch("latin1");
    let msg = read("real/serviceberry.message");
    let proof = v("real/serviceberry-v2.proof");
    let policy = v("real/sigsum-test-2025-3.policy");
    let key = read("real/serviceberry-signer.pub");
    let latin1 = dir.join("latin1.pub");
    std::fs::write(&latin1, [&b"sigsum-policy=\"\xe9\" "[..], &key].concat()).unwrap();
    let almost = dir.join("almost.pub");
    std::fs::write(
        &almost,
        [
            &b"# comment\nsigsum-policy=\"sigsum-test-2025-3\xe9\"\t"[..],
            &key,
        ]
        .concat(),
    )
    .unwrap();
    let (l, a) = (latin1.to_str().unwrap(), almost.to_str().unwrap());
    for k in [l, a] {
        ok(run(&["-P", "sigsum-test-2025-3", "-k", k, &proof], &msg));
        ok(run(&["-p", &policy, "-k", k, &proof], &msg));
    }
    fails(
        run(&["-k", l, &proof], &msg),
        &format!("reading key file {l}: line 1, column 1: sigsum-policy name is not valid UTF-8"),
    );
    fails(
        run(&["-k", a, &proof], &msg),
        &format!("reading key file {a}: line 2, column 1: sigsum-policy name is not valid UTF-8"),
    );
    // With another key file that names a valid policy: still an error.
    let named = v("real/serviceberry-signer-policy.pub");
    fails(
        run(&["-k", &named, "-k", l, &proof], &msg),
        &format!("reading key file {l}: line 1, column 1: sigsum-policy name is not valid UTF-8"),
    );
    ok(run(
        &["-P", "sigsum-test-2025-3", "-k", &named, "-k", l, &proof],
        &msg,
    ));
    std::fs::remove_dir_all(&dir).unwrap();
}
