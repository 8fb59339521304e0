//! Signed-note structure, signature lines and key ids (C2SP signed-note;
//! sigsum-go `pkg/checkpoint/signature.go` and `checkpoint.go`).
#![cfg(feature = "parsers")]
use proptest::prelude::*;
use sigsum_core::*;
use testkit::note as tk;

fn vector(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/../tests/vectors/checkpoint/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

const SEED11: [u8; 32] = {
    let mut s = [0u8; 32];
    s[0] = 0x11;
    s
};

/// `"— example.org/log " + base64(key id 75e69d6d || 0xe79f || 62 zeros)`.
const DEADBEEF_LINE: &str = "— example.org/log deadbeefAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

fn note_with(sig_lines: &str) -> Vec<u8> {
    format!("example.org/log\n10\nHA5HAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n\n{sig_lines}")
        .into_bytes()
}

#[test]
fn key_ids_match_the_spec_and_the_naive_reference() {
    // sigsum-go TestNewLogKeyId: zero key, type 0x01.
    let zero = PublicKey([0; 32]);
    assert_eq!(
        key_id(b"example.org/log", SIG_TYPE_ED25519, &zero).0,
        tk::key_id("example.org/log", 1, &[0; 32])
    );
    // sigsum-go TestNewNoteVerifier: 57bfe580.
    let mut k = [0u8; 32];
    k[..9].copy_from_slice(&[0x01, 0x45, 0x2c, 0x83, 0x46, 0x34, 0x44, 0x92, 0xf8]);
    let id = key_id(b"example.org/key", SIG_TYPE_COSIGNATURE, &PublicKey(k));
    assert_eq!(id.to_string(), "57bfe580");
    assert_eq!(format!("{id:?}"), "KeyId(57bfe580)");
    assert_eq!(KeyId::from_hex(b"57BFE580"), Ok(id));
    // Seed 0x11 as a log (809da1a3) and as witness example.org/witness
    // (cacf2e50); jellyfish (d6c89be8); sum.golang.org (033de0ae).
    let seed11 = PublicKey(tk::public_key(SEED11));
    let origin = tk::sigsum_origin(&seed11.0);
    assert_eq!(
        key_id(origin.as_bytes(), SIG_TYPE_ED25519, &seed11).to_string(),
        "809da1a3"
    );
    assert_eq!(
        key_id(b"example.org/witness", SIG_TYPE_COSIGNATURE, &seed11).to_string(),
        "cacf2e50"
    );
    let jf =
        PublicKey::from_hex(b"154f49976b59ff09a123675f58cb3e346e0455753c3c3b15d465dcb4f6512b0b")
            .unwrap();
    assert_eq!(
        key_id(tk::sigsum_origin(&jf.0).as_bytes(), 1, &jf).to_string(),
        "d6c89be8"
    );
    let go =
        PublicKey::from_hex(b"ce3372d75ad1ee5ecdaf8727293d4b111d87eb37531d7c86d4d3003f0eb809fc")
            .unwrap();
    assert_eq!(key_id(b"sum.golang.org", 1, &go).to_string(), "033de0ae");
    // The type byte and the name are part of the id.
    assert_ne!(
        key_id(b"sum.golang.org", 4, &go),
        key_id(b"sum.golang.org", 1, &go)
    );
    assert_ne!(
        key_id(b"sum.golang.org2", 1, &go),
        key_id(b"sum.golang.org", 1, &go)
    );
}

#[test]
fn all_checkpoint_vectors_parse_as_notes() {
    for (file, text_len, sigs) in [
        ("seed11.checkpoint", 3, 1),
        ("jellyfish-30586.checkpoint", 3, 1),
        ("jellyfish-30588.checkpoint", 3, 1),
        ("gosumdb-30055305.checkpoint", 3, 1),
        ("gosumdb-49189689.checkpoint", 3, 1),
        ("example-log-parse-only.checkpoint", 3, 1),
        ("p-a-cosigned.checkpoint", 3, 2),
    ] {
        let input = vector(file);
        let note = Note::parse(&input).unwrap_or_else(|e| panic!("{file}: {e}"));
        let text = note.text();
        assert_eq!(text.iter().filter(|&&b| b == b'\n').count(), text_len);
        assert!(text.ends_with(b"\n"));
        assert_eq!(&input[..text.len()], text);
        assert_eq!(input[text.len()], b'\n');
        assert_eq!(note.signatures().len(), sigs);
        let first = note.signatures().iter().next().unwrap();
        assert_eq!(first.line, 5);
        assert_eq!(first.decoded_len(), 68);
    }
}

#[test]
fn signature_line_table_from_sigsum_go() {
    // TestParseEd25519SignatureLine, as note-level parsing sees it.
    let input = note_with(&format!("{DEADBEEF_LINE}\n"));
    let note = Note::parse(&input).unwrap();
    let line = note.signatures().iter().next().unwrap();
    assert_eq!(line.name, "example.org/log");
    assert_eq!(line.key_id().unwrap().0, [117, 230, 157, 109]);
    let (id, sig) = line.blob_array::<64>().unwrap();
    assert_eq!(id.to_string(), "75e69d6d");
    let mut want = [0u8; 64];
    want[..2].copy_from_slice(&[231, 159]);
    assert_eq!(sig, want);
    assert!(line.blob_array::<72>().is_none());

    // Other name: a valid line, skipped by name later.
    let other = DEADBEEF_LINE.replace("example.org/log", "example.org/log2");
    let input = note_with(&format!("{other}\n"));
    assert_eq!(
        Note::parse(&input)
            .unwrap()
            .signatures()
            .iter()
            .next()
            .unwrap()
            .name,
        "example.org/log2"
    );

    // Missing padding: invalid base64.
    let unpadded = DEADBEEF_LINE.trim_end_matches('=');
    assert_eq!(
        Note::parse(&note_with(&format!("{unpadded}\n"))).unwrap_err(),
        NoteError::SignatureBase64 { line: 5 }
    );
    // 4 + 63 bytes: valid, unwanted as Ed25519.
    let short = &DEADBEEF_LINE[..DEADBEEF_LINE.len() - 4];
    let input = note_with(&format!("{short}\n"));
    let note = Note::parse(&input).unwrap();
    let line = note.signatures().iter().next().unwrap();
    assert_eq!(line.decoded_len(), 66);
    assert!(line.blob_array::<64>().is_none());
    // "dead": 3 bytes, no key id at all; skipped, not an error.
    let input = note_with("— example.org/log dead\n");
    let note = Note::parse(&input).unwrap();
    let line = note.signatures().iter().next().unwrap();
    assert_eq!(line.decoded_len(), 3);
    assert_eq!(line.key_id(), None);
    assert_eq!(line.blob(), None);
    // Two spaces.
    let two = DEADBEEF_LINE.replacen("— ", "—  ", 1);
    assert_eq!(
        Note::parse(&note_with(&format!("{two}\n"))).unwrap_err(),
        NoteError::SignatureFields { line: 5 }
    );
}

#[test]
fn structure_errors_are_exact() {
    let good = vector("seed11.checkpoint");
    let s = String::from_utf8(good.clone()).unwrap();
    let sig_line = s.lines().nth(4).unwrap().to_string();
    let cases: Vec<(Vec<u8>, NoteError)> = vec![
        (
            s.replace('\n', "\r\n").into_bytes(),
            NoteError::ControlCharacter {
                line: 1,
                column: 84,
            },
        ),
        (
            s.replacen("\n10\n", "\n1\t0\n", 1).into_bytes(),
            NoteError::ControlCharacter { line: 2, column: 2 },
        ),
        (
            good[..good.len() - 1].to_vec(),
            NoteError::MissingNewline { line: 5 },
        ),
        (Vec::new(), NoteError::MissingNewline { line: 0 }),
        (
            s.replacen("\n\n", "\n", 1).into_bytes(),
            NoteError::MissingBlankLine,
        ),
        (format!("\n{sig_line}\n").into_bytes(), NoteError::EmptyText),
        (
            s.split("\n\n").next().unwrap().to_string().into_bytes(),
            NoteError::MissingNewline { line: 3 },
        ),
        (
            format!("{}\n\n", s.split("\n\n").next().unwrap()).into_bytes(),
            NoteError::NoSignatures,
        ),
        // A trailing blank line after the signatures makes it the last
        // blank line: no signatures follow it.
        (format!("{s}\n").into_bytes(), NoteError::NoSignatures),
        (
            s.replacen("— ", "- ", 1).into_bytes(),
            NoteError::SignaturePrefix { line: 5 },
        ),
        (
            s.replacen("— ", "—", 1).into_bytes(),
            NoteError::SignaturePrefix { line: 5 },
        ),
        (
            s.replacen("MqAQ=\n", "MqAQ= \n", 1).into_bytes(),
            NoteError::SignatureFields { line: 5 },
        ),
        (
            s.replacen("MqAQ=\n", "MqAQ= junk\n", 1).into_bytes(),
            NoteError::SignatureFields { line: 5 },
        ),
        (
            format!("{s}— a\n").into_bytes(),
            NoteError::SignatureFields { line: 6 },
        ),
        (
            format!("{s}trailing junk\n").into_bytes(),
            NoteError::SignaturePrefix { line: 6 },
        ),
        (
            s.replacen("— sigsum.org/v1", "— sigsum+org/v1", 1)
                .into_bytes(),
            NoteError::KeyName { line: 5 },
        ),
        (
            s.replacen("— sigsum.org/v1", "— sigsum\u{a0}org/v1", 1)
                .into_bytes(),
            NoteError::KeyName { line: 5 },
        ),
        (
            format!("{s}— {} AAAAAAA=\n", "n".repeat(256)).into_bytes(),
            NoteError::KeyName { line: 6 },
        ),
        (
            s.replacen("gJ2ho0n8", "gJ2h*0n8", 1).into_bytes(),
            NoteError::SignatureBase64 { line: 5 },
        ),
        // Non-canonical trailing bits ("AQ=" -> "AR=").
        (
            s.replacen("MqAQ=", "MqAR=", 1).into_bytes(),
            NoteError::SignatureBase64 { line: 5 },
        ),
        (
            format!("{s}{sig_line}\n").into_bytes(),
            NoteError::DuplicateSignature { line: 6, first: 5 },
        ),
    ];
    for (input, want) in cases {
        assert_eq!(
            Note::parse(&input).unwrap_err(),
            want,
            "{:?}",
            String::from_utf8_lossy(&input)
        );
    }
    // Invalid UTF-8 in the text.
    let mut bad = good.clone();
    bad[90] = 0xff;
    assert_eq!(
        Note::parse(&bad).unwrap_err(),
        NoteError::NotUtf8 { line: 3 }
    );
    // A 255-byte name is fine.
    let long = format!("{s}— {} AAAAAAA=\n", "n".repeat(255));
    assert_eq!(Note::parse(long.as_bytes()).unwrap().signatures().len(), 2);
    // Display says where.
    assert_eq!(
        NoteError::DuplicateSignature { line: 6, first: 5 }.to_string(),
        "line 6: repeats the key name, key id and length of line 5"
    );
}

#[test]
fn text_is_split_at_the_last_blank_line() {
    let input = b"a\n\nb\n\n\xe2\x80\x94 k AAAAAAA=\n";
    let note = Note::parse(input).unwrap();
    assert_eq!(note.text(), b"a\n\nb\n");
    assert_eq!(note.signatures().iter().next().unwrap().line, 5);
    // A blank line among the signature lines moves the split.
    let input = b"a\n\n\xe2\x80\x94 k AAAAAAA=\n\n\xe2\x80\x94 k AAAAAAE=\n";
    let note = Note::parse(input).unwrap();
    assert_eq!(note.text(), b"a\n\n\xe2\x80\x94 k AAAAAAA=\n");
    assert_eq!(note.signatures().len(), 1);
}

#[test]
fn signature_line_limit_is_16() {
    let lines = |n: usize| -> String {
        (0..n)
            .map(|i| tk::signature_line(&format!("k{i}"), [0; 4], &[0; 64]))
            .collect()
    };
    let input = note_with(&lines(16));
    assert_eq!(
        Note::parse(&input).unwrap().signatures().len(),
        MAX_SIGNATURE_LINES
    );
    assert_eq!(
        Note::parse(&note_with(&lines(17))).unwrap_err(),
        NoteError::TooManySignatures { line: 21 }
    );
    assert_eq!(
        SignatureLines::parse(lines(17).as_bytes()).unwrap_err(),
        NoteError::TooManySignatures { line: 17 }
    );
}

#[test]
fn duplicates_need_name_id_and_length() {
    let a = tk::signature_line("k", [1, 2, 3, 4], &[0; 64]);
    let b = tk::signature_line("k", [1, 2, 3, 4], &[1; 64]);
    let other_len = tk::signature_line("k", [1, 2, 3, 4], &[1; 72]);
    let other_id = tk::signature_line("k", [1, 2, 3, 5], &[1; 64]);
    let other_name = tk::signature_line("k2", [1, 2, 3, 4], &[1; 64]);
    assert_eq!(
        SignatureLines::parse(format!("{a}{b}").as_bytes()).unwrap_err(),
        NoteError::DuplicateSignature { line: 2, first: 1 }
    );
    let ok = format!("{a}{other_len}{other_id}{other_name}");
    assert_eq!(SignatureLines::parse(ok.as_bytes()).unwrap().len(), 4);
    assert!(!SignatureLines::parse(ok.as_bytes()).unwrap().is_empty());
    // Short signatures have no key id and are never duplicates.
    let short = "— k AAA=\n— k AAA=\n";
    assert_eq!(SignatureLines::parse(short.as_bytes()).unwrap().len(), 2);
}

#[test]
fn bare_signature_lists() {
    let input = vector("witness-cosignature-lines.txt");
    let lines = SignatureLines::parse(&input).unwrap();
    let ids: Vec<_> = lines
        .iter()
        .map(|l| {
            (
                l.line,
                l.name,
                l.key_id().unwrap().to_string(),
                l.decoded_len(),
            )
        })
        .collect();
    assert_eq!(
        ids,
        [
            (1, "example.org/witness", "c97f2e50".to_string(), 76),
            (2, "example.org/witness", "cacf2e50".to_string(), 76),
            (3, "example.org/witness-2", "cacf2e50".to_string(), 76),
            (4, "example.org/witness", "cacf2e50".to_string(), 78),
        ]
    );
    assert_eq!(lines.iter().nth(3).unwrap().blob(), None);
    assert_eq!(
        SignatureLines::parse(b"").unwrap_err(),
        NoteError::NoSignatures
    );
    assert_eq!(
        SignatureLines::parse(&input[..input.len() - 1]).unwrap_err(),
        NoteError::MissingNewline { line: 4 }
    );
    let mut blank = input.clone();
    blank.extend_from_slice(b"\n");
    assert_eq!(
        SignatureLines::parse(&blank).unwrap_err(),
        NoteError::SignaturePrefix { line: 5 }
    );
}

#[test]
fn writing_matches_sigsum_go_and_the_reference() {
    // sigsum-go TestWriteEd25519Signature.
    let mut sig = [0u8; 64];
    sig[..2].copy_from_slice(&[231, 159]);
    let mut buf = [0u8; 200];
    let mut w = Writer::new(&mut buf);
    write_signature_line(
        &mut w,
        b"example.org/log",
        &KeyId([117, 230, 157, 109]),
        &sig,
    )
    .unwrap();
    assert_eq!(w.written(), format!("{DEADBEEF_LINE}\n").as_bytes());
    let mut small = [0u8; 100];
    assert!(write_signature_line(
        &mut Writer::new(&mut small),
        b"example.org/log",
        &KeyId([0; 4]),
        &sig
    )
    .is_err());
}

proptest! {
    #[test]
    fn written_lines_parse_back(
        name in "[a-z0-9./:-]{1,40}",
        id in any::<[u8; 4]>(),
        blob in proptest::collection::vec(any::<u8>(), 0..100),
    ) {
        let mut buf = [0u8; 300];
        let mut w = Writer::new(&mut buf);
        write_signature_line(&mut w, name.as_bytes(), &KeyId(id), &blob).unwrap();
        let written = w.written().to_vec();
        let reference = tk::signature_line(&name, id, &blob);
        prop_assert_eq!(&written, reference.as_bytes());
        let lines = SignatureLines::parse(&written).unwrap();
        let line = lines.iter().next().unwrap();
        prop_assert_eq!(line.name, name.as_str());
        prop_assert_eq!(line.key_id(), Some(KeyId(id)));
        prop_assert_eq!(line.decoded_len(), 4 + blob.len());
        if blob.len() <= MAX_SIGNATURE_BLOB_SIZE {
            prop_assert_eq!(line.blob(), Some(&blob[..]));
        } else {
            prop_assert_eq!(line.blob(), None);
        }
    }

    #[test]
    fn parsing_never_panics(input in proptest::collection::vec(any::<u8>(), 0..300)) {
        let _ = Note::parse(&input);
        let _ = SignatureLines::parse(&input);
    }
}

/// sigsum-go's `parseNoteSignature` splits on single spaces and base64-
/// decodes the third field: an empty third field (`"— name "`) decodes to
/// nothing and an empty key name (`"—  sig"`) gives three fields too, so
/// sigsum-go skips both lines as unwanted signatures. Signed-note requires
/// a non-empty name and a key id; we reject the note (documented in
/// docs/checkpoint.md, divergence 4). A well-formed unwanted line next to
/// them is still skipped.
#[test]
fn empty_name_or_signature_field_rejects_the_note() {
    let good = String::from_utf8(vector("seed11.checkpoint")).unwrap();
    let sig = good
        .lines()
        .nth(4)
        .unwrap()
        .split(' ')
        .nth(2)
        .unwrap()
        .to_string();
    for (extra, want) in [
        (
            "— example.org/log \n".to_string(),
            Some(NoteError::SignatureFields { line: 6 }),
        ),
        (
            format!("—  {sig}\n"),
            Some(NoteError::SignatureFields { line: 6 }),
        ),
        ("— example.org/log dead\n".to_string(), None),
    ] {
        let input = format!("{good}{extra}");
        assert_eq!(Note::parse(input.as_bytes()).err(), want, "{extra:?}");
        assert_eq!(
            SignatureLines::parse(extra.as_bytes()).err(),
            want.map(|_| NoteError::SignatureFields { line: 1 }),
            "{extra:?}"
        );
    }
}

/// Signatures longer than one decoding run (96 characters): padding is
/// accepted only at the very end, wherever the run boundaries fall, and the
/// decoded length counts every run.
#[test]
fn long_signatures_decode_across_runs() {
    let a = |n: usize| "A".repeat(n);
    let line = |sig: &str| note_with(&format!("\u{2014} name {sig}\n"));
    for (sig, want) in [
        (a(100), Ok(75)),
        (a(96), Ok(72)),
        (a(196) + "AAA=", Ok(149)),
        (a(192) + "AA==", Ok(145)),
        (
            a(48) + "AA==" + &a(48),
            Err(NoteError::SignatureBase64 { line: 5 }),
        ),
        (
            a(92) + "AA==" + &a(4),
            Err(NoteError::SignatureBase64 { line: 5 }),
        ),
        (a(96) + "A=AA", Err(NoteError::SignatureBase64 { line: 5 })),
        (
            a(96) + "AAA" + "B" + "=",
            Err(NoteError::SignatureBase64 { line: 5 }),
        ),
        (a(194) + "B=", Err(NoteError::SignatureBase64 { line: 5 })),
    ] {
        let text = line(&sig);
        let got = Note::parse(&text).map(|n| n.signatures().iter().next().unwrap().decoded_len());
        assert_eq!(got, want, "{sig}");
    }
}
