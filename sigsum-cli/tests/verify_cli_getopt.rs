//! `sigsum-verify` accepts every command line sigsum-go's tool accepts
//! (pborman/getopt v2 rules, as read in `cmd/sigsum-verify`), with the
//! same meaning: `--k` for `-k`, `--raw-hash=false`, the last `-p`/`-P` (repeated `-k` add up)
//! wins, an empty `-p`/`-P` value counts as absent, `--help` beats
//! `--version` and a later usage error, and `--raw-hash` input trimmed of
//! Unicode white space (Go `strings.TrimSpace`).
use std::ffi::OsString;
use std::path::PathBuf;

use sigsum_cli::verify::{parse_args, read_message, Command, Settings};

fn args(a: &[&str]) -> Vec<OsString> {
    a.iter().map(OsString::from).collect()
}

fn settings(a: &[&str]) -> Settings {
    match parse_args(args(a)) {
        Ok(Command::Run(s)) => s,
        other => panic!("{a:?}: {other:?}"),
    }
}

fn expect(
    key: &str,
    policy_file: Option<&str>,
    policy_name: Option<&str>,
    raw_hash: bool,
) -> Settings {
    Settings {
        raw_hash,
        key_files: key.split(',').map(PathBuf::from).collect(),
        policy_file: policy_file.map(PathBuf::from),
        policy_name: policy_name.map(str::to_string),
        max_age: None,
        proof_file: "proof".into(),
    }
}

#[test]
fn single_letter_long_options_are_the_short_ones() {
    // getopt: "--f is -f if f is not defined as a long option".
    assert_eq!(
        settings(&["--k", "key", "--P=name", "proof"]),
        expect("key", None, Some("name"), false)
    );
    assert_eq!(
        settings(&["--k=key", "--p", "pol", "proof"]),
        expect("key", Some("pol"), None, false)
    );
    assert_eq!(parse_args(args(&["--v"])), Ok(Command::Version));
    assert!(parse_args(args(&["--x", "proof"])).is_err());
    assert!(parse_args(args(&["--ke", "key", "proof"])).is_err());
}

#[test]
fn boolean_options_take_an_optional_value_in_long_form() {
    for t in ["", "1", "true", "TRUE", "on", "t", "T"] {
        let a = format!("--raw-hash={t}");
        assert_eq!(
            settings(&["-k", "key", &a, "proof"]),
            expect("key", None, None, true),
            "{a}"
        );
    }
    for f in ["0", "false", "False", "off", "f", "OFF"] {
        let a = format!("--raw-hash={f}");
        assert_eq!(
            settings(&["--raw-hash", "-k", "key", &a, "proof"]),
            expect("key", None, None, false),
            "{a}"
        );
    }
    assert!(parse_args(args(&["-k", "key", "--raw-hash=yes", "proof"])).is_err());
    // --help=false and --version=0 do not ask for help / the version.
    assert_eq!(
        settings(&["--help=false", "--version=0", "-k", "key", "proof"]),
        expect("key", None, None, false)
    );
    assert_eq!(parse_args(args(&["--version=on"])), Ok(Command::Version));
}

#[test]
fn the_last_occurrence_wins() {
    assert_eq!(
        settings(&["-k", "a", "-k", "b", "-p", "x", "--policy=y", "proof"]),
        // -k adds up (every file's keys count); -p/-P: the last one wins.
        expect("a,b", Some("y"), None, false)
    );
    assert_eq!(
        settings(&["-P", "a", "-Pb", "-k", "key", "proof"]),
        expect("key", None, Some("b"), false)
    );
}

#[test]
fn empty_policy_values_count_as_absent() {
    // sigsum-go tests len(policyFile) > 0 and "" for "not given".
    assert_eq!(
        settings(&["-p", "", "-P", "name", "-k", "key", "proof"]),
        expect("key", None, Some("name"), false)
    );
    assert_eq!(
        settings(&["-p", "pol", "--named-policy=", "-k", "key", "proof"]),
        expect("key", Some("pol"), None, false)
    );
    assert!(parse_args(args(&["-p", "a", "-P", "b", "-k", "key", "proof"])).is_err());
}

#[test]
fn help_and_version_precedence() {
    // Flags seen before a usage error still count; --help beats --version.
    assert_eq!(
        parse_args(args(&["--version", "--help"])),
        Ok(Command::Help)
    );
    assert_eq!(parse_args(args(&["--help", "--bogus"])), Ok(Command::Help));
    assert_eq!(parse_args(args(&["-v", "-k"])), Ok(Command::Version));
    assert_eq!(parse_args(args(&["-vkkey", "p"])), Ok(Command::Version));
    assert!(parse_args(args(&["--bogus", "--help"])).is_err());
    // -k is mandatory, even an empty one counts as given.
    assert!(parse_args(args(&["proof"])).is_err());
    assert!(matches!(
        parse_args(args(&["-k", "", "proof"])),
        Ok(Command::Run(_))
    ));
}

#[test]
fn non_ascii_options_are_errors_not_panics() {
    for a in ["-é", "-éx", "--é", "-\u{1F600}k"] {
        assert!(parse_args(args(&["-k", "key", a, "proof"])).is_err(), "{a}");
    }
    // A value glued to a short option may be anything.
    assert_eq!(
        settings(&["-kclé", "proof"]),
        expect("clé", None, None, false)
    );
}

#[test]
fn raw_hash_input_is_trimmed_like_go_trimspace() {
    let hex = "7e2893f0b68d6dc712b13eb957a71e335dfd09d0597bdd5e4f99282ac68df6eb";
    let want = read_message(hex.as_bytes(), true).unwrap();
    for wrapped in [
        format!("{hex}\n"),
        format!("\u{0b}{hex}\u{0b}"),
        format!("\u{a0}{hex}\u{85}\u{2003}"),
        format!("\u{3000} {}\r\n", hex.to_uppercase()),
    ] {
        assert_eq!(
            read_message(wrapped.as_bytes(), true),
            Ok(want),
            "{wrapped:?}"
        );
    }
    // Not white space: a zero-width space, a NUL, invalid UTF-8.
    for bad in [
        format!("\u{200b}{hex}").into_bytes(),
        format!("{hex}\0").into_bytes(),
        [hex.as_bytes(), b"\xff"].concat(),
        hex.as_bytes()[..63].to_vec(),
    ] {
        assert!(read_message(&bad, true).is_err(), "{bad:?}");
    }
    // Exactly 32 bytes are the message itself, even if they are hex-ish.
    let raw = [b'a'; 32];
    assert_eq!(read_message(&raw, true).unwrap().0, raw);
}

#[test]
fn parse_args_never_panics() {
    // Deterministic pseudo-random command lines over option-like pieces.
    let pieces = [
        "-",
        "--",
        "-k",
        "-p",
        "-P",
        "-v",
        "--key",
        "--k",
        "--raw-hash",
        "=",
        "é",
        "\u{1F600}",
        "x",
        "",
        "--help",
        "--version",
        "--max-age",
        "1",
        "false",
        "-kv",
        "--=",
    ];
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let mut next = |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        usize::try_from(state % n as u64).unwrap()
    };
    for _ in 0..20_000 {
        let argc = next(5);
        let mut a = vec![];
        for _ in 0..argc {
            let parts = 1 + next(3);
            let s: String = (0..parts).map(|_| pieces[next(pieces.len())]).collect();
            a.push(OsString::from(s));
        }
        let _ = parse_args(a);
    }
}

#[test]
fn options_end_at_the_first_operand() {
    // getopt stops at the first operand: what follows is not parsed, and a
    // second operand is an error whatever it looks like.
    for tail in [
        &["-v"][..],
        &["--help"],
        &["--version"],
        &["-k", "key2"],
        &["--raw-hash"],
        &["--"],
        &["-"],
        &["x"],
    ] {
        let a = [&["-k", "key", "proof"][..], tail].concat();
        assert_eq!(
            parse_args(args(&a)),
            Err(format!(
                "unexpected argument after the proof file: {:?}",
                tail[0]
            )),
            "{a:?}"
        );
    }
    // `-` and "" are operands (proof files), and end the options too.
    let mut want = expect("key", None, None, false);
    want.proof_file = "-".into();
    assert_eq!(settings(&["-k", "key", "-"]), want);
    assert!(parse_args(args(&["-k", "key", "-", "-v"])).is_err());
    want.proof_file = "".into();
    assert_eq!(settings(&["-k", "key", ""]), want);
    assert!(parse_args(args(&["-k", "key", "", "proof"])).is_err());
    // `--` ends the options: `--` and option-like names after it are
    // operands; a second `--` is an operand.
    let mut want = expect("key", None, None, false);
    want.proof_file = "-v".into();
    assert_eq!(settings(&["-k", "key", "--", "-v"]), want);
    want.proof_file = "--".into();
    assert_eq!(settings(&["-k", "key", "--", "--"]), want);
    assert_eq!(
        parse_args(args(&["-k", "key", "--", "proof", "--"])),
        Err("unexpected argument after the proof file: \"--\"".into())
    );
    // --help and --version count only before the proof file.
    assert_eq!(
        parse_args(args(&["--help", "proof", "x"])),
        Ok(Command::Help)
    );
    assert!(parse_args(args(&["proof", "--help"])).is_err());
    // -k after the proof does not satisfy the mandatory -k.
    assert_eq!(
        parse_args(args(&["proof", "-k", "key"])),
        Err("no submitter key file given (-k)".into())
    );
}
