//! Key formats: hex, OpenSSH lines and files, vkeys, PEM (sigsum-go
//! `internal/ssh/public.go`, `pkg/key/key.go`, `pkg/checkpoint/verifier.go`;
//! RFC 8410 for PEM; tables from sigsum-go `internal/ssh/public_test.go`,
//! `pkg/key/key_test.go`, `pkg/checkpoint/verifier_test.go`). Tables are
//! data files under `tests/vectors/keys/`.
#![cfg(feature = "parsers")]
use proptest::prelude::*;
use sigsum_core::*;

/// A key error at `line`, `column` (0: not applicable).
fn ke(line: u32, column: u32, kind: KeyErrorKind) -> KeyError {
    KeyError { line, column, kind }
}

/// An error in the notation of the key tables (tests/vectors/keys/
/// README.md), which the C tests read too: the reason's name with its
/// place, a key line's error inside a file as `Key { line, error }`.
fn notation(e: &KeyError) -> String {
    use KeyErrorKind as K;
    let (line, column) = (e.line, e.column);
    match e.kind {
        K::ControlCharacter
        | K::MissingFields
        | K::PolicyNotQuoted
        | K::PolicyEmpty
        | K::PolicyForbiddenChar
        | K::RepeatedPolicy
        | K::KeyType
        | K::Base64
        | K::BlobPrefix
        | K::BlobLength => {
            let inner = format!("{:?} {{ column: {column} }}", e.kind);
            if line == 0 {
                inner
            } else {
                format!("Key {{ line: {line}, error: {inner} }}")
            }
        }
        K::IndentedComment => format!("IndentedComment {{ line: {line} }}"),
        K::TooManyKeys { .. } => format!("TooManyKeys {{ line: {line} }}"),
        K::LineTooLong { .. } => format!("LineTooLong {{ line: {line} }}"),
        K::DuplicateKey { first } => format!("DuplicateKey {{ line: {line}, first: {first} }}"),
        K::PolicyConflict { first } => {
            format!("PolicyConflict {{ line: {line}, first: {first} }}")
        }
        K::PolicyNotUtf8 => format!("PolicyNotUtf8 {{ line: {line}, column: {column} }}"),
        K::NoKeys => "NoKeys".into(),
        K::VkeyFields => "Fields".into(),
        K::VkeyName => "Name".into(),
        K::VkeyKeyIdHex(error) => format!("KeyIdHex {{ column: {column}, error: {error:?} }}"),
        K::VkeyBase64 => format!("Base64 {{ column: {column} }}"),
        K::VkeyEmptyKey => format!("EmptyKey {{ column: {column} }}"),
        K::VkeyType { found } => format!("KeyType {{ column: {column}, found: {found} }}"),
        K::VkeyKeyLength => format!("KeyLength {{ column: {column} }}"),
        K::VkeyKeyIdMismatch => format!("KeyIdMismatch {{ column: {column} }}"),
        _ => format!("{e:?}"),
    }
}

fn dir() -> String {
    format!("{}/../tests/vectors/keys", env!("CARGO_MANIFEST_DIR"))
}

fn read(name: &str) -> String {
    let path = format!("{}/{name}", dir());
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Tab-separated rows, `#` lines skipped.
fn table(name: &str) -> Vec<Vec<String>> {
    read(name)
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| l.split('\t').map(str::to_string).collect())
        .collect()
}

/// Undo the `\n \r \t \\` escapes of the tables.
fn unescape(s: &str) -> Vec<u8> {
    let mut out = Vec::new();
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

fn write<F: FnOnce(&mut Writer<'_>) -> Result<(), E>, E: std::fmt::Debug>(f: F) -> Vec<u8> {
    let mut buf = [0u8; 512];
    let mut w = Writer::new(&mut buf);
    f(&mut w).unwrap();
    w.written().to_vec()
}

#[test]
fn every_key_in_every_format() {
    let rows = table("keys.tsv");
    assert_eq!(rows.len(), 9);
    for row in rows {
        let (h, ssh, pem_file) = (&row[0], &row[1], &row[2]);
        let key = parse_hex_key(h.as_bytes()).unwrap();
        assert_eq!(parse_hex_key(h.to_uppercase().as_bytes()), Ok(key));
        assert_eq!(parse_hex_key(format!(" {h}\r\n").as_bytes()), Ok(key));
        assert_eq!(write(|w| write_hex_key(&key, w)), h.as_bytes());
        // OpenSSH, with and without comment and policy.
        let parsed = parse_ssh_key(ssh.as_bytes()).unwrap();
        assert_eq!(
            (parsed.key, parsed.policy, parsed.comment),
            (key, None, &b""[..])
        );
        assert_eq!(
            write(|w| write_ssh_key(&key, None, "", w)),
            format!("{ssh}\n").as_bytes()
        );
        let line = write(|w| write_ssh_key(&key, Some("sigsum-test-2025-3"), "sigsum key", w));
        assert_eq!(
            line,
            format!("sigsum-policy=\"sigsum-test-2025-3\" {ssh} sigsum key\n").as_bytes()
        );
        let back = parse_ssh_key(&line).unwrap();
        assert_eq!(
            (back.key, back.policy, back.comment),
            (key, Some("sigsum-test-2025-3"), &b"sigsum key"[..])
        );
        // PEM (from openssl where there is a file).
        let pem = write(|w| write_pem_key(&key, w));
        if pem_file != "-" {
            assert_eq!(pem, read(pem_file).as_bytes(), "{pem_file}");
        }
        assert_eq!(parse_pem_key(&pem), Ok(key));
        // vkey, both types.
        for t in [1u8, 4] {
            let v = Vkey::new("example.com/k", t, key).unwrap();
            let s = write(|w| v.write(w));
            assert_eq!(Vkey::parse(&s), Ok(v));
            assert_eq!(v.key(), key);
        }
    }
}

#[test]
fn hex_rejects() {
    let good = "4cb5abf6ad79fbf5abbccafcc269d85cd2651ed4b885b5869f241aedf0a5ba29";
    assert_eq!(
        parse_hex_key(&good.as_bytes()[..63]),
        Err(ke(0, 0, KeyErrorKind::Hex(EncodingError::HexLength)))
    );
    assert_eq!(
        parse_hex_key(format!("{good}0").as_bytes()),
        Err(ke(0, 0, KeyErrorKind::Hex(EncodingError::HexLength)))
    );
    assert_eq!(
        parse_hex_key(format!("0x{}", &good[2..]).as_bytes()),
        Err(ke(0, 0, KeyErrorKind::Hex(EncodingError::HexSyntax)))
    );
    assert_eq!(
        parse_hex_key(format!("{} ", &good[..63]).replace(' ', "z").as_bytes()),
        Err(ke(0, 0, KeyErrorKind::Hex(EncodingError::HexSyntax)))
    );
    assert_eq!(
        parse_hex_key(format!("{} {}", &good[..32], &good[32..]).as_bytes()),
        Err(ke(0, 0, KeyErrorKind::Hex(EncodingError::HexLength)))
    );
    assert_eq!(
        parse_hex_key(b""),
        Err(ke(0, 0, KeyErrorKind::Hex(EncodingError::HexLength)))
    );
}

#[test]
fn ssh_line_table() {
    let want_key =
        PublicKey::from_hex(b"314cb82ac8b5fe90cf18bf190afa4759b80779709f991f736f044d5e13bcbca6")
            .unwrap();
    let rows = table("ssh-lines.tsv");
    assert!(rows.len() >= 30);
    for row in rows {
        let (desc, input, want) = (&row[0], unescape(&row[1]), &row[2]);
        let got = match parse_ssh_key(&input) {
            Ok(k) => {
                assert_eq!(k.key, want_key, "{desc}");
                let comment = String::from_utf8(k.comment.to_vec()).unwrap();
                let mut s = format!("ok {}", k.policy.unwrap_or("-"));
                if !comment.is_empty() {
                    s = format!("{s} {comment}");
                }
                s
            }
            Err(e) => format!("err {}", notation(&e)),
        };
        assert_eq!(&got, want, "{desc}: {:?}", String::from_utf8_lossy(&input));
    }
    assert_eq!(
        ke(0, 3, KeyErrorKind::KeyType).to_string(),
        "column 3: expected ssh-ed25519 (other key types and options are not supported)"
    );
}

#[test]
fn key_file_table() {
    let rows = table("keyfiles/expected.tsv");
    assert_eq!(rows.len(), 21);
    for row in rows {
        let (file, want_plain, want_policy) = (&row[0], &row[1], &row[2]);
        let input = std::fs::read(format!("{}/keyfiles/{file}", dir())).unwrap();
        let parsed = KeyFile::parse(&input);
        let got = match &parsed {
            Ok(f) => format!("ok {}", f.len()),
            Err(e) => format!("err {}", notation(e)),
        };
        assert_eq!(&got, want_plain, "{file}");
        let got = match parsed.and_then(|f| Ok((f.len(), f.policy_name()?))) {
            Ok((n, p)) => format!("ok {n} {}", p.unwrap_or("-")),
            Err(e) => format!("err {}", notation(&e)),
        };
        assert_eq!(&got, want_policy, "{file}");
    }
    // The iterator gives keys with their line numbers.
    let input = std::fs::read(format!("{}/keyfiles/two-keys-comments.keys", dir())).unwrap();
    let f = KeyFile::parse(&input).unwrap();
    assert!(!f.is_empty());
    let lines: Vec<_> = f
        .keys()
        .map(|k| (k.line, k.key.comment.to_vec(), k.key.key.0[31]))
        .collect();
    assert_eq!(
        lines,
        [(2, b"key 1".to_vec(), 0xa6), (5, b"key 2".to_vec(), 0xa7)]
    );
    assert_eq!(
        ke(3, 0, KeyErrorKind::DuplicateKey { first: 1 }).to_string(),
        "line 3: duplicate public key (first on line 1)"
    );
    assert_eq!(
        ke(2, 4, KeyErrorKind::MissingFields).to_string(),
        "line 2, column 4: expected \"ssh-ed25519 <key>\""
    );
}

#[test]
fn key_file_limit() {
    let line = |i: u32| {
        let mut k = [0u8; 32];
        k[..4].copy_from_slice(&i.to_be_bytes());
        String::from_utf8(write(|w| write_ssh_key(&PublicKey(k), None, "", w))).unwrap()
    };
    let file: String = (0..MAX_KEYS_PER_FILE as u32).map(line).collect();
    assert_eq!(
        KeyFile::parse(file.as_bytes()).unwrap().len(),
        MAX_KEYS_PER_FILE
    );
    let over = format!("{file}{}", line(999));
    assert_eq!(
        KeyFile::parse(over.as_bytes()).unwrap_err(),
        ke(257, 0, KeyErrorKind::TooManyKeys { max: 256 })
    );
}

/// Issue 17 (3): a `sigsum-policy` name that is not valid UTF-8 (sigsum-go
/// forbids only `"`, `'`, `\`, space and newline) does not reject a key file:
/// the keys are usable, and only `policy_name()`, which would use the name,
/// fails. A single line, whose name `parse_ssh_key` returns as `&str`, is
/// rejected.
#[test]
fn policy_names_that_are_not_utf8() {
    let input = std::fs::read(format!(
        "{}/keyfiles/two-keys-same-policy-not-utf8.keys",
        dir()
    ))
    .unwrap();
    let f = KeyFile::parse(&input).unwrap();
    let keys: Vec<_> = f
        .keys()
        .map(|k| (k.line, k.key.policy, k.key.comment))
        .collect();
    assert_eq!(keys, [(2, None, &b"key 1"[..]), (3, None, &b"key 2"[..])]);
    assert_eq!(f.policy_name(), Err(ke(2, 3, KeyErrorKind::PolicyNotUtf8)));
    assert_eq!(
        ke(2, 3, KeyErrorKind::PolicyNotUtf8).to_string(),
        "line 2, column 3: sigsum-policy name is not valid UTF-8"
    );
    let line = input.split(|&b| b == b'\n').nth(1).unwrap();
    assert_eq!(
        parse_ssh_key(line),
        Err(ke(0, 3, KeyErrorKind::PolicyForbiddenChar))
    );
    // Other bytes sigsum-go forbids are still errors of the file.
    for bad in [&b"caf\xe9 x"[..], b"caf\xe9\"", b"\xe9'", b"\\\xe9"] {
        let text = [
            &b"sigsum-policy=\""[..],
            bad,
            b"\" ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDFMuCrItf6Qzxi/GQr6R1m4B3lwn5kfc28ETV4TvLym\n",
        ]
        .concat();
        assert!(
            matches!(KeyFile::parse(&text), Err(KeyError { line: 1, .. })),
            "{:?}",
            String::from_utf8_lossy(&text)
        );
    }
}

/// Issue 17 (2): key-file lines of 65,536 bytes or more are rejected, as
/// sigsum-go's `bufio.Scanner` rejects them; 65,535 bytes pass. Key lines,
/// comment lines and a stripped `\r` all count, and so does a last line
/// without `\n`.
#[test]
fn key_file_line_limit() {
    assert_eq!(MAX_KEY_FILE_LINE_LEN, 65535);
    assert_eq!(MAX_KEY_FILE_LINE_LEN, MAX_LINE_LEN);
    let ssh = |k: u8| {
        let line = write(|w| write_ssh_key(&PublicKey([k; 32]), None, "", w));
        String::from_utf8(line).unwrap().trim_end().to_string()
    };
    let (first, second) = (ssh(1), ssh(2));
    // A line of exactly `n` bytes (before its terminator).
    let key_line = |n: usize| format!("{second} {}", "x".repeat(n - second.len() - 1));
    let comment_line = |n: usize| format!("#{}", "x".repeat(n - 1));
    // `n` bytes counting the `\r`.
    let cr_line = |n: usize| format!("{}\r", key_line(n - 1));
    // (what, file with a line 2 of `n` bytes, keys in it).
    let build = |shape: usize, n: usize| match shape {
        0 => ("key line", format!("# keys\n{}\n", key_line(n)), 1),
        1 => ("comment line", format!("{first}\n{}\n", comment_line(n)), 1),
        2 => ("CRLF key line", format!("# keys\r\n{}\n", cr_line(n)), 1),
        3 => (
            "CRLF comment line",
            format!("{first}\r\n{}\r\n", comment_line(n - 1)),
            1,
        ),
        4 => (
            "last line without newline",
            format!("{first}\n{}", comment_line(n)),
            1,
        ),
        5 => (
            "key line ending in CR, no newline",
            format!("{first}\n{}", cr_line(n)),
            2,
        ),
        _ => unreachable!(),
    };
    for shape in 0..6 {
        let (what, ok, keys) = build(shape, MAX_KEY_FILE_LINE_LEN);
        let f = KeyFile::parse(ok.as_bytes()).unwrap_or_else(|e| panic!("{what}: {e}"));
        assert_eq!(f.len(), keys, "{what}");
        for n in [MAX_KEY_FILE_LINE_LEN + 1, 3 * MAX_KEY_FILE_LINE_LEN] {
            let (_, long, _) = build(shape, n);
            assert_eq!(
                KeyFile::parse(long.as_bytes()).unwrap_err(),
                ke(2, 0, KeyErrorKind::LineTooLong { max: 65535 }),
                "{what}, {n} bytes"
            );
        }
    }
    // The limit is checked in file order: an earlier bad line reports first,
    // a long line reports before a later bad one.
    let bad_then_long = format!("junk\n{}\n", comment_line(70000));
    assert_eq!(
        KeyFile::parse(bad_then_long.as_bytes()).unwrap_err(),
        ke(1, 5, KeyErrorKind::MissingFields)
    );
    let long_then_bad = format!("{}\njunk\n", comment_line(70000));
    assert_eq!(
        KeyFile::parse(long_then_bad.as_bytes()).unwrap_err(),
        ke(1, 0, KeyErrorKind::LineTooLong { max: 65535 })
    );
    assert_eq!(
        ke(2, 0, KeyErrorKind::LineTooLong { max: 65535 }).to_string(),
        "line 2: line longer than 65535 bytes"
    );
}

#[test]
fn vkey_table() {
    let rows = table("vkeys.tsv");
    assert_eq!(rows.len(), 27);
    let show = |r: Result<Vkey<'_>, KeyError>| match r {
        Ok(v) => format!(
            "ok {} {} {:02x} {}",
            v.name(),
            v.key_id(),
            v.sig_type(),
            v.key()
        ),
        Err(e) => format!("err {}", notation(&e)),
    };
    for row in rows {
        let input = unescape(&row[0]);
        let checked = show(Vkey::parse(&input));
        assert_eq!(&checked, &row[1], "{}", row[0]);
        let want_unchecked = if row[2] == "same" { &row[1] } else { &row[2] };
        assert_eq!(
            &show(Vkey::parse_unchecked(&input)),
            want_unchecked,
            "{}",
            row[0]
        );
        // Checked vkeys print back identically (lowercase id).
        if let Ok(v) = Vkey::parse(&input) {
            assert!(v.is_consistent());
            let out = write(|w| v.write(w));
            assert_eq!(out, row[0].replace("033DE0AE", "033de0ae").as_bytes());
        }
    }
    // sigsum-go TestNoteVerifierString: writing an (inconsistent) parsed
    // vkey keeps its id.
    let v = Vkey::parse_unchecked(
        b"example.org/key+01020304+BAFFLINGNESS+AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
    )
    .unwrap();
    assert!(!v.is_consistent());
    assert_eq!(v.key_id(), KeyId([1, 2, 3, 4]));
    assert_eq!(
        write(|w| v.write(w)),
        b"example.org/key+01020304+BAFFLINGNESS+AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
    );
    // TestNewNoteVerifier.
    let v = Vkey::new("example.org/key", 4, v.key()).unwrap();
    assert_eq!(
        write(|w| v.write(w)),
        b"example.org/key+57bfe580+BAFFLINGNESS+AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
    );
    assert_eq!(
        Vkey::new("bad name", 1, v.key()),
        Err(ke(0, 0, KeyErrorKind::VkeyName))
    );
    assert_eq!(
        Vkey::new("example.org/key", 2, v.key()),
        Err(ke(0, 0, KeyErrorKind::VkeyType { found: 2 }))
    );
    assert_eq!(
        ke(0, 25, KeyErrorKind::VkeyType { found: 2 }).to_string(),
        "column 25: unsupported vkey key type 0x02"
    );
    // Key data is decoded up to 48 base64 characters (36 bytes): at 48 the
    // bytes are read (here: type 0x02), at 52 it is a length error unread.
    let data48 = format!("example.org/key+01020304+Ag{}", "A".repeat(46));
    assert_eq!(
        Vkey::parse_unchecked(data48.as_bytes()).err(),
        Some(ke(0, 26, KeyErrorKind::VkeyType { found: 2 }))
    );
    let data52 = format!("example.org/key+01020304+Ag{}", "A".repeat(50));
    assert_eq!(
        Vkey::parse_unchecked(data52.as_bytes()).err(),
        Some(ke(0, 26, KeyErrorKind::VkeyKeyLength))
    );
}

#[test]
fn pem_rejects() {
    let good = read("seed11.pem");
    let key = parse_pem_key(good.as_bytes()).unwrap();
    assert_eq!(
        key.to_string(),
        "66e0b858e462a609e66fe71370c816d8846ff103d5499a22a7fec37fdbc424a7"
    );
    let b64 = good.lines().nth(1).unwrap();
    // CRLF and a missing final newline are fine; the key may be split.
    assert_eq!(
        parse_pem_key(good.replace('\n', "\r\n").as_bytes()),
        Ok(key)
    );
    assert_eq!(parse_pem_key(good.trim_end().as_bytes()), Ok(key));
    let split = good.replacen(b64, &format!("{}\n{}", &b64[..32], &b64[32..]), 1);
    assert_eq!(parse_pem_key(split.as_bytes()), Ok(key));
    let cases: Vec<(String, KeyError)> = vec![
        (
            good.replace("PUBLIC KEY-----\n", "PUBLIC KEY----\n"),
            ke(1, 0, KeyErrorKind::PemBegin),
        ),
        (format!("text\n{good}"), ke(1, 0, KeyErrorKind::PemBegin)),
        (format!(" {good}"), ke(1, 0, KeyErrorKind::PemBegin)),
        (
            good.replace("PUBLIC KEY", "PRIVATE KEY"),
            ke(1, 0, KeyErrorKind::PemLabel),
        ),
        (
            good.replace("-----END PUBLIC KEY-----\n", ""),
            ke(0, 0, KeyErrorKind::PemMissingEnd),
        ),
        (
            good.replace("-----END PUBLIC KEY-----", "-----END PRIVATE KEY-----"),
            ke(3, 0, KeyErrorKind::PemBase64),
        ),
        (format!("{good}\n"), ke(4, 0, KeyErrorKind::PemTrailing)),
        (format!("{good}junk\n"), ke(4, 0, KeyErrorKind::PemTrailing)),
        (
            good.replacen(b64, &format!("{b64}\n"), 1),
            ke(3, 0, KeyErrorKind::PemBase64),
        ),
        (
            good.replacen(b64, &format!(" {b64}"), 1),
            ke(2, 0, KeyErrorKind::PemBase64),
        ),
        (
            good.replacen(b64, &b64[..56], 1),
            ke(0, 0, KeyErrorKind::PemDerLength),
        ),
        (
            good.replacen(b64, &b64[..b64.len() - 1], 1),
            ke(2, 0, KeyErrorKind::PemBase64),
        ),
        (
            good.replacen(b64, &format!("{b64}AAAA"), 1),
            ke(2, 0, KeyErrorKind::PemBase64),
        ),
        (
            good.replacen(b64, &format!("{b64}\nAAAA"), 1),
            ke(3, 0, KeyErrorKind::PemBase64),
        ),
        (
            good.replacen(b64, &format!("{b64}\nAAAAAAAAAAAA"), 1),
            ke(0, 0, KeyErrorKind::PemDerLength),
        ),
        (
            good.replacen(&b64[..4], "MCsw", 1),
            ke(0, 0, KeyErrorKind::PemDerPrefix),
        ),
        (
            good.replacen(
                b64,
                "MCowBQYDK2VwAyEAZuC4WORipgnmb+cTcMgW2IRv8QPVSZoip/7Df9vEJA==",
                1,
            ),
            ke(0, 0, KeyErrorKind::PemDerLength),
        ),
        (
            good.replacen(
                b64,
                "MCowBQYDK2VwAyEAZuC4WORipgnmb+cTcMgW2IRv8QPVSZoip/7Df9vEJKcA",
                1,
            ),
            ke(0, 0, KeyErrorKind::PemDerLength),
        ),
        (String::new(), ke(1, 0, KeyErrorKind::PemBegin)),
    ];
    for (input, want) in cases {
        assert_eq!(parse_pem_key(input.as_bytes()), Err(want), "{input:?}");
    }
    let long_line = format!(
        "-----BEGIN PUBLIC KEY-----\n{}\n-----END PUBLIC KEY-----\n",
        "A".repeat(65)
    );
    assert_eq!(
        parse_pem_key(long_line.as_bytes()),
        Err(ke(2, 0, KeyErrorKind::PemBase64))
    );
    // Its twin: a 64-character line (MAX_PEM_LINE) passes the line check;
    // its 48 bytes are then the wrong DER length.
    let longest_line = long_line.replacen(&"A".repeat(65), &"A".repeat(64), 1);
    assert_eq!(
        parse_pem_key(longest_line.as_bytes()),
        Err(ke(0, 0, KeyErrorKind::PemDerLength))
    );
    assert_eq!(
        parse_pem_key(&pem_of(&[0; 44])),
        Err(ke(0, 0, KeyErrorKind::PemDerPrefix))
    );
    assert_eq!(
        parse_pem_key(&pem_of(&[0; 43])),
        Err(ke(0, 0, KeyErrorKind::PemDerLength))
    );
}

/// A PEM public key around arbitrary DER bytes (one base64 line).
fn pem_of(der: &[u8]) -> Vec<u8> {
    let mut buf = vec![0u8; 2 * der.len() + 64];
    let mut w = Writer::new(&mut buf);
    w.bytes(b"-----BEGIN PUBLIC KEY-----\n").unwrap();
    w.base64(der).unwrap();
    w.bytes(b"\n-----END PUBLIC KEY-----\n").unwrap();
    w.written().to_vec()
}

#[test]
fn writers_fail_cleanly() {
    let k = PublicKey([7; 32]);
    let mut small = [0u8; 10];
    assert!(write_hex_key(&k, &mut Writer::new(&mut small)).is_err());
    assert!(write_pem_key(&k, &mut Writer::new(&mut small)).is_err());
    assert_eq!(
        write_ssh_key(&k, None, "", &mut Writer::new(&mut small)),
        Err(ke(0, 0, KeyErrorKind::BufferTooSmall))
    );
    let mut buf = [0u8; 200];
    for bad in ["a\nb", "a\rb", " lead", "trail ", "nul\0"] {
        assert_eq!(
            write_ssh_key(&k, None, bad, &mut Writer::new(&mut buf)),
            Err(ke(0, 0, KeyErrorKind::Comment)),
            "{bad:?}"
        );
    }
    for bad in ["", "a b", "a\"b", "a'b", "a\\b", "a\nb"] {
        assert_eq!(
            write_ssh_key(&k, Some(bad), "", &mut Writer::new(&mut buf)),
            Err(ke(0, 0, KeyErrorKind::PolicyName)),
            "{bad:?}"
        );
    }
    let v = Vkey::new("n", 1, k).unwrap();
    assert_eq!(
        v.write(&mut Writer::new(&mut small)),
        Err(ke(0, 0, KeyErrorKind::BufferTooSmall))
    );
}

proptest! {
    #[test]
    fn every_format_round_trips(
        key in any::<[u8; 32]>(),
        policy in proptest::option::of("[a-z0-9][a-z0-9-]{1,20}"),
        comment in "([!-~]([ -~]{0,20}[!-~])?)?",
        name in "[a-z0-9./-]{1,30}",
        t in prop_oneof![Just(1u8), Just(4u8)],
    ) {
        let key = PublicKey(key);
        let h = write(|w| write_hex_key(&key, w));
        prop_assert_eq!(parse_hex_key(&h), Ok(key));
        let line = write(|w| write_ssh_key(&key, policy.as_deref(), &comment, w));
        let p = parse_ssh_key(&line).unwrap();
        prop_assert_eq!(p.key, key);
        prop_assert_eq!(p.policy, policy.as_deref());
        prop_assert_eq!(p.comment, comment.as_bytes());
        let file = KeyFile::parse(&line).unwrap();
        prop_assert_eq!(file.policy_name(), Ok(policy.as_deref()));
        let pem = write(|w| write_pem_key(&key, w));
        prop_assert_eq!(parse_pem_key(&pem), Ok(key));
        let v = Vkey::new(&name, t, key).unwrap();
        let s = write(|w| v.write(w));
        prop_assert_eq!(Vkey::parse(&s), Ok(v));
    }

    #[test]
    fn key_parsers_never_panic(input in proptest::collection::vec(any::<u8>(), 0..200)) {
        let _ = parse_hex_key(&input);
        let _ = parse_ssh_key(&input);
        let _ = KeyFile::parse(&input).map(|f| f.policy_name());
        let _ = Vkey::parse(&input);
        let _ = Vkey::parse_unchecked(&input);
        let _ = parse_pem_key(&input);
        let _ = parse_pem_key(&pem_of(&input));
    }
}

/// The OpenSSH blob field is read only up to 72 base64 characters (54
/// bytes, a few more than the 51-byte blob): at 72 the blob is decoded
/// (and here has the wrong prefix), at 76 it is a length error unread.
#[test]
fn ssh_blob_field_length_boundary() {
    let line = |n: usize| format!("ssh-ed25519 {}\n", "A".repeat(n));
    assert_eq!(
        parse_ssh_key(line(72).as_bytes()).map(|k| k.key),
        Err(ke(0, 13, KeyErrorKind::BlobPrefix))
    );
    assert_eq!(
        parse_ssh_key(line(76).as_bytes()).map(|k| k.key),
        Err(ke(0, 13, KeyErrorKind::BlobLength))
    );
}
