//! `sigsum-verify-batch` end to end: generated proofs sharing tree heads in
//! a directory tree, the real proof under a builtin policy, and every way a
//! run fails (a bad proof, a missing data file, no proofs, bad options).
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use sigsum_core::{write_ssh_key, PublicKey, Writer};
use testkit::batch::batch;

fn scratch(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("sigsum-batch-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sigsum-verify-batch"))
        .args(args)
        .env("SIGSUM_POLICY_DIR", "/nonexistent")
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

/// 12 generated proofs (3 tree heads) under `dir/proofs` in nested
/// directories, the key file and the policy file; returns their paths.
fn generated(dir: &Path) -> (PathBuf, PathBuf, Vec<PathBuf>) {
    let b = batch(5, 3, 4);
    let mut buf = [0u8; 256];
    let mut w = Writer::new(&mut buf);
    write_ssh_key(&PublicKey(b.signer), None, "batch signer", &mut w).unwrap();
    let keys = dir.join("signer.pub");
    std::fs::write(&keys, w.written()).unwrap();
    let policy = dir.join("batch.policy");
    std::fs::write(&policy, &b.policy).unwrap();
    let mut data_files = vec![];
    for (i, ((_, proof), data)) in b.proofs.iter().zip(&b.data).enumerate() {
        let sub = dir
            .join("proofs")
            .join(format!("tree{}", i / 4))
            .join(if i % 2 == 0 { "even" } else { "odd" });
        std::fs::create_dir_all(&sub).unwrap();
        let file = sub.join(format!("file{i}.bin"));
        std::fs::write(&file, data).unwrap();
        std::fs::write(sub.join(format!("file{i}.bin.proof")), proof).unwrap();
        data_files.push(file);
    }
    (keys, policy, data_files)
}

#[test]
fn verifies_a_tree_of_proofs() {
    let dir = scratch("ok");
    let (keys, policy, _) = generated(&dir);
    let proofs = dir.join("proofs");
    for threads in ["1", "2", "5"] {
        let o = run(&[
            "-k",
            keys.to_str().unwrap(),
            "-p",
            policy.to_str().unwrap(),
            "-j",
            threads,
            proofs.to_str().unwrap(),
        ]);
        assert_eq!(
            stdout(&o),
            "12 proofs: 12 verified, 0 failed\n",
            "-j {threads}"
        );
        assert!(o.status.success());
        // Not a terminal: no progress on standard error.
        assert!(o.stderr.is_empty());
    }
}

#[test]
fn reports_each_failure_with_its_file_and_step() {
    let dir = scratch("fail");
    let (keys, policy, files) = generated(&dir);
    // Another file content: another leaf, not in the tree (the inclusion
    // proof is checked before the leaf signature).
    std::fs::write(&files[3], b"changed").unwrap();
    // A proof without its file.
    std::fs::remove_file(&files[6]).unwrap();
    // A proof that does not parse.
    let bad = PathBuf::from(format!("{}.proof", files[9].display()));
    std::fs::write(&bad, "version=3\n").unwrap();
    let proofs = dir.join("proofs");
    let args = [
        "-k",
        keys.to_str().unwrap(),
        "-p",
        policy.to_str().unwrap(),
        proofs.to_str().unwrap(),
    ];
    let o = run(&args);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 4, "{out}");
    let p = |f: &PathBuf| format!("{}.proof", f.display());
    assert_eq!(
        lines[0],
        format!(
            "{}: proof failed to verify: inclusion proof failed: inclusion proof does not lead to the root",
            p(&files[3])
        )
    );
    assert!(
        lines[1].starts_with(&format!(
            "{}: reading the file {}: ",
            p(&files[6]),
            files[6].display()
        )),
        "{}",
        lines[1]
    );
    assert_eq!(
        lines[2],
        format!(
            "{}: invalid proof: line 1: unknown proof version 3",
            p(&files[9])
        )
    );
    assert_eq!(lines[3], "12 proofs: 9 verified, 3 failed");
    // The same with one thread.
    let one = run(&[&args[..4], &["-j", "1"], &args[4..]].concat());
    assert_eq!(stdout(&one), out);
}

#[test]
fn the_real_proof_under_a_builtin_policy() {
    let dir = scratch("real");
    let real = format!("{}/../tests/vectors/real", env!("CARGO_MANIFEST_DIR"));
    std::fs::copy(format!("{real}/serviceberry.message"), dir.join("m")).unwrap();
    std::fs::copy(format!("{real}/serviceberry-v2.proof"), dir.join("m.proof")).unwrap();
    let keys = format!("{real}/serviceberry-signer.pub");
    let o = run(&[
        "-k",
        &keys,
        "-P",
        "sigsum-test-2025-3",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(stdout(&o), "1 proofs: 1 verified, 0 failed\n");
    assert!(o.status.success());
    // Another builtin does not list the log.
    let o = run(&[
        "-k",
        &keys,
        "-P",
        "sigsum-generic-2025-1",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains("proof failed to verify: unknown log"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn usage_errors_and_empty_directories() {
    let dir = scratch("usage");
    let (keys, policy, _) = generated(&dir);
    let empty = dir.join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    let k = keys.to_str().unwrap();
    let p = policy.to_str().unwrap();
    let cases: [(&[&str], &str); 6] = [
        (
            &["-k", k, "-p", p, empty.to_str().unwrap()],
            "no .proof files under",
        ),
        (&["-p", p, empty.to_str().unwrap()], "no key file: give -k"),
        (&["-k", k, "-p", p], "no directory given"),
        (
            &["-k", k, "-p", p, "-j", "0", "x"],
            "-j: not a positive number",
        ),
        (&["-k", k, "-p", p, "--frob", "x"], "unknown option --frob"),
        (&["-k", k, "-p", p, "a", "b"], "more than one directory"),
    ];
    for (args, want) in cases {
        let o = run(args);
        assert_eq!(o.status.code(), Some(1), "{args:?}");
        let err = String::from_utf8(o.stderr).unwrap();
        assert!(
            err.starts_with("sigsum-verify-batch: ") && err.contains(want),
            "{args:?}: {err}"
        );
    }
    let o = run(&["--help"]);
    assert!(o.status.success() && stdout(&o).starts_with("Usage: sigsum-verify-batch"));
}
