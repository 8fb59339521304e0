//! Checkpoints: real Sigsum and Go checksum database checkpoints, sigsum-go
//! tables, and mutations of each field (Sigsum `log.md` §2.2.2; C2SP
//! `tlog-checkpoint` and `signed-note`; sigsum-go `pkg/checkpoint`). The
//! origin line is compared byte for byte with the one derived from the log
//! key, which sigsum-go's `Checkpoint.Verify` does not do.
#![cfg(feature = "parsers")]
use sigsum_core::*;
use testkit::note as tk;

fn vector(name: &str) -> String {
    let path = format!(
        "{}/../tests/vectors/checkpoint/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn key(hex: &str) -> PublicKey {
    PublicKey::from_hex(hex.as_bytes()).unwrap()
}

const SEED11: [u8; 32] = {
    let mut s = [0u8; 32];
    s[0] = 0x11;
    s
};
const SEED11_PUB: &str = "66e0b858e462a609e66fe71370c816d8846ff103d5499a22a7fec37fdbc424a7";
const JELLYFISH: &str = "154f49976b59ff09a123675f58cb3e346e0455753c3c3b15d465dcb4f6512b0b";
const SUMDB: &str = "ce3372d75ad1ee5ecdaf8727293d4b111d87eb37531d7c86d4d3003f0eb809fc";
const SUMDB_VKEY: &[u8] = b"sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8";
const P_A_LOG: &str = "ac26c0a855ac451a6539478e1a160388f024b385f1363efcda470170076c01e5";

fn sigsum(input: &str, k: &PublicKey) -> Result<(), CheckpointError> {
    Checkpoint::parse(input.as_bytes())?.verify_sigsum(k, &DefaultBackend)
}

#[test]
fn real_sigsum_checkpoints_verify() {
    assert_eq!(tk::public_key(SEED11), key(SEED11_PUB).0);
    for (file, log, size, root) in [
        (
            "seed11.checkpoint",
            SEED11_PUB,
            10,
            "1c0e470000000000000000000000000000000000000000000000000000000000",
        ),
        (
            "jellyfish-30586.checkpoint",
            JELLYFISH,
            30586,
            "38bff40d48013e8df84075e89ee20397fbb6b892b575a44d013d5fcdeefdbd84",
        ),
        (
            "jellyfish-30588.checkpoint",
            JELLYFISH,
            30588,
            "0aeb6b071111dccb9b444014355f91e0bd6d21248a71999ef28e3413312bc4d0",
        ),
        (
            "p-a-cosigned.checkpoint",
            P_A_LOG,
            4,
            "3ddc56fd46e71e517b6936b977a457da7d398108141fcdf5c8386cdd724ab7a8",
        ),
    ] {
        let input = vector(file);
        let k = key(log);
        let cp = Checkpoint::parse_sigsum(input.as_bytes(), &k, &DefaultBackend)
            .unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(cp.tree_head.size, size, "{file}");
        assert_eq!(
            cp.tree_head.root_hash,
            Hash::from_hex(root.as_bytes()).unwrap()
        );
        assert_eq!(cp.origin, tk::sigsum_origin(&k.0));
        assert_eq!(
            cp.text(),
            (input.split("\n\n").next().unwrap().to_string() + "\n").as_bytes()
        );
        assert!(cp.extensions().is_empty());
        assert_eq!(cp.body().unwrap().as_bytes(), cp.text());
        // The foundation's tree-head verification agrees.
        let sig = cp.log_signature(cp.origin).unwrap();
        assert!(cp
            .tree_head
            .verify_log_signature(&k, &sig.signature, &DefaultBackend));
        // Another log's key: the origin differs.
        let other = if log == JELLYFISH {
            SEED11_PUB
        } else {
            JELLYFISH
        };
        assert_eq!(
            cp.verify_sigsum(&key(other), &DefaultBackend),
            Err(CheckpointError::OriginMismatch)
        );
    }
    // Seed 0x11: the naive signer produces the same bytes.
    let root = Hash::from_hex(b"1c0e470000000000000000000000000000000000000000000000000000000000")
        .unwrap();
    assert_eq!(
        tk::sigsum_checkpoint(SEED11, 10, &root.0),
        vector("seed11.checkpoint")
    );
}

#[test]
fn go_sumdb_checkpoints_verify_with_their_key() {
    let k = key(SUMDB);
    for (file, size, root) in [
        (
            "gosumdb-30055305.checkpoint",
            30055305,
            "mXfgRcJ0bG0j3CPdKwgGWtUzBUbX67saZGRmFuJGGsM=",
        ),
        (
            "gosumdb-49189689.checkpoint",
            49189689,
            "ftjbAOzaupaIvaPo/G+Dk63nxOZ2s1OPOKIaPtXs7S4=",
        ),
    ] {
        let input = vector(file);
        let cp = Checkpoint::parse(input.as_bytes()).unwrap();
        assert_eq!(cp.origin, "go.sum database tree");
        assert_eq!(cp.tree_head.size, size);
        assert_eq!(tk::base64(&cp.tree_head.root_hash.0), root);
        cp.verify_signed_by("sum.golang.org", &k, &DefaultBackend)
            .unwrap();
        let vkey = Vkey::parse(SUMDB_VKEY).unwrap();
        cp.verify_vkey(&vkey, &DefaultBackend).unwrap();
        let as_witness = Vkey::new("sum.golang.org", 4, k).unwrap();
        assert_eq!(
            cp.verify_vkey(&as_witness, &DefaultBackend),
            Err(CheckpointError::VkeyType)
        );
        // A vkey read without its id check still verifies by name and key.
        let wrong_id = Vkey::parse_unchecked(
            b"sum.golang.org+00000000+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8",
        )
        .unwrap();
        cp.verify_vkey(&wrong_id, &DefaultBackend).unwrap();
        let other = Vkey::parse(
            b"sigsum.org/v1/tree/4e89cc51651f0d95f3c6127c15e1a42e3ddf7046c5b17b752689c402e773bb4d+778629b1+AUZEryq9QPSJWgA7yjUPnVkSqzAaScd/E+W22QXCCl/m",
        )
        .unwrap();
        assert_eq!(
            cp.verify_vkey(&other, &DefaultBackend),
            Err(CheckpointError::NoLogSignature)
        );
        assert_eq!(
            cp.log_signature("sum.golang.org")
                .unwrap()
                .key_id
                .to_string(),
            "033de0ae"
        );
        // Not a Sigsum checkpoint; the origin is not a key name here.
        assert_eq!(
            cp.verify_sigsum(&k, &DefaultBackend),
            Err(CheckpointError::OriginMismatch)
        );
        assert_eq!(
            cp.verify_signed_by("go.sum database tree", &k, &DefaultBackend),
            Err(CheckpointError::NoLogSignature)
        );
        assert_eq!(
            cp.verify_signed_by("sum.golang.org", &key(JELLYFISH), &DefaultBackend),
            Err(CheckpointError::KeyIdMismatch { line: 5 })
        );
        // Size changed by one: the signature fails.
        let bumped = input.replacen(&size.to_string(), &(size + 1).to_string(), 1);
        assert_eq!(
            Checkpoint::parse(bumped.as_bytes())
                .unwrap()
                .verify_signed_by("sum.golang.org", &k, &DefaultBackend),
            Err(CheckpointError::BadSignature { line: 5 })
        );
    }
}

#[test]
fn parse_only_vector_and_extra_signature_table() {
    let input = vector("example-log-parse-only.checkpoint");
    let cp = Checkpoint::parse(input.as_bytes()).unwrap();
    assert_eq!(cp.origin, "example.org/log");
    assert_eq!(cp.tree_head.size, 10);
    let sig = cp.log_signature("example.org/log").unwrap();
    assert_eq!(sig.key_id.0, [12, 64, 3, 4]);
    let mut want = [0u8; 64];
    want[..2].copy_from_slice(&[65, 5]);
    assert_eq!(sig.signature.0, want);

    // sigsum-go TestCheckpointVerifyIgnoreExtraSignature.
    let valid = vector("seed11.checkpoint");
    let (body, sig_block) = valid.split_once("\n\n").unwrap();
    let valid_sig = sig_block.trim_end();
    let example_sig = "— example.org/log2 DEADBEEFAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
    let alien_sig = "— example.org/log DEAD";
    let bad_sig = "— example.org/log DEADB";
    let k = key(SEED11_PUB);
    for sigs in [
        vec![valid_sig],
        vec![valid_sig, alien_sig],
        vec![example_sig, valid_sig, alien_sig],
    ] {
        let text = format!("{body}\n\n{}\n", sigs.join("\n"));
        assert_eq!(sigsum(&text, &k), Ok(()), "{sigs:?}");
    }
    let text = format!(
        "{body}\n\n{}\n",
        [example_sig, valid_sig, alien_sig, bad_sig].join("\n")
    );
    assert_eq!(
        sigsum(&text, &k),
        Err(CheckpointError::Note(NoteError::SignatureBase64 {
            line: 8
        }))
    );
    // Only other signatures: no log signature.
    let text = format!("{body}\n\n{example_sig}\n{alien_sig}\n");
    assert_eq!(sigsum(&text, &k), Err(CheckpointError::NoLogSignature));
}

#[test]
fn every_field_mutation_is_rejected_exactly() {
    let good = vector("seed11.checkpoint");
    let k = key(SEED11_PUB);
    assert_eq!(sigsum(&good, &k), Ok(()));
    let lines: Vec<&str> = good.lines().collect();
    let join = |ls: &[&str]| ls.iter().map(|l| format!("{l}\n")).collect::<String>();
    let origin_hex = &lines[0][19..];
    // A second Ed25519 signature line with the log's name: by the same key
    // (a note-level duplicate) or another key (sigsum-go's "duplicate log
    // signature").
    let same_key_twice = format!(
        "{good}{}",
        tk::log_signature_line(SEED11, lines[0], "other text\n")
    );
    let mut seed12 = SEED11;
    seed12[0] = 0x12;
    let two_log_sigs = format!(
        "{good}{}",
        tk::log_signature_line(seed12, lines[0], "other text\n")
    );
    let cases: Vec<(String, CheckpointError)> = vec![
        // Origin: flipped, truncated, extended, uppercase hex, empty.
        (
            good.replacen("sigsum.org/v1/tree/e7", "sigsum.org/v1/tree/e6", 1),
            CheckpointError::OriginMismatch,
        ),
        (
            good.replacen(
                &format!("{origin_hex}\n"),
                &format!("{}\n", &origin_hex[..63]),
                1,
            ),
            CheckpointError::OriginMismatch,
        ),
        (
            good.replacen(&format!("{origin_hex}\n"), &format!("{origin_hex}0\n"), 1),
            CheckpointError::OriginMismatch,
        ),
        (
            good.replacen(
                &format!("{origin_hex}\n"),
                &format!("{}\n", origin_hex.to_uppercase()),
                1,
            ),
            CheckpointError::OriginMismatch,
        ),
        (
            join(&["", lines[1], lines[2], "", lines[4]]),
            CheckpointError::EmptyOrigin,
        ),
        (
            join(&[&"o".repeat(257), lines[1], lines[2], "", lines[4]]),
            CheckpointError::OriginTooLong,
        ),
        // Its twin: 256 bytes (MAX_ORIGIN_SIZE) passes the length check.
        (
            join(&[&"o".repeat(256), lines[1], lines[2], "", lines[4]]),
            CheckpointError::OriginMismatch,
        ),
        // Size: flipped, leading zero, sign, 2^63, 2^63-1, empty, missing.
        (
            good.replacen("\n10\n", "\n11\n", 1),
            CheckpointError::BadSignature { line: 5 },
        ),
        (
            good.replacen("\n10\n", "\n010\n", 1),
            CheckpointError::Size(EncodingError::DecimalLeadingZero),
        ),
        (
            good.replacen("\n10\n", "\n+10\n", 1),
            CheckpointError::Size(EncodingError::DecimalSyntax),
        ),
        (
            good.replacen("\n10\n", "\n10 \n", 1),
            CheckpointError::Size(EncodingError::DecimalSyntax),
        ),
        (
            good.replacen("\n10\n", "\n9223372036854775808\n", 1),
            CheckpointError::Size(EncodingError::DecimalRange),
        ),
        (
            good.replacen("\n10\n", "\n9223372036854775807\n", 1),
            CheckpointError::BadSignature { line: 5 },
        ),
        (
            good.replacen("\n10\n", "\n\n", 1),
            CheckpointError::Size(EncodingError::DecimalEmpty),
        ),
        (
            join(&[lines[0], "", lines[4]]),
            CheckpointError::MissingSize,
        ),
        // Root: flipped, truncated, extended, missing padding, non-canonical, missing.
        (
            good.replacen("HA5H", "HA5I", 1),
            CheckpointError::BadSignature { line: 5 },
        ),
        (
            good.replacen("AAA=\n", "AA=\n", 1),
            CheckpointError::RootHash(EncodingError::Base64Length),
        ),
        (
            good.replacen("AAA=\n", "AAAAAAA=\n", 1),
            CheckpointError::RootHash(EncodingError::Base64Length),
        ),
        (
            good.replacen("AAA=\n", "AAAA\n", 1),
            CheckpointError::RootHash(EncodingError::Base64Length),
        ),
        // Non-canonical trailing bits: the same 32 bytes, and the signature
        // is valid over the canonical text, so sigsum-go (which verifies
        // over its re-encoding) accepts this note. We reject it (see the
        // checkpoint module docs).
        (
            good.replacen("AAA=\n", "AAB=\n", 1),
            CheckpointError::RootHash(EncodingError::Base64Syntax),
        ),
        (
            good.replacen("HA5H", "HA5*", 1),
            CheckpointError::RootHash(EncodingError::Base64Syntax),
        ),
        (
            join(&[lines[0], lines[1], "", lines[4]]),
            CheckpointError::MissingRootHash,
        ),
        // Reordered lines.
        (
            join(&[lines[1], lines[0], lines[2], "", lines[4]]),
            CheckpointError::Size(EncodingError::DecimalSyntax),
        ),
        (
            join(&[lines[0], lines[2], lines[1], "", lines[4]]),
            CheckpointError::Size(EncodingError::DecimalSyntax),
        ),
        // Extension lines (not in Sigsum), including an empty one.
        (
            join(&[lines[0], lines[1], lines[2], "ext", "", lines[4]]),
            CheckpointError::ExtensionLines { line: 4 },
        ),
        (
            join(&[lines[0], lines[1], lines[2], "", "", lines[4]]),
            CheckpointError::EmptyExtensionLine { line: 4 },
        ),
        // Signature: flipped in the key id and in the signature, another
        // name, duplicate, wrong length.
        (
            good.replacen(" gJ2h", " gJ2i", 1),
            CheckpointError::KeyIdMismatch { line: 5 },
        ),
        (
            good.replacen("MqAQ=", "MqAA=", 1),
            CheckpointError::BadSignature { line: 5 },
        ),
        (
            good.replacen("gJ2ho0n8", "gJ2ho1n8", 1),
            CheckpointError::BadSignature { line: 5 },
        ),
        (
            good.replacen(&format!("— {}", lines[0]), "— example.org/log", 1),
            CheckpointError::NoLogSignature,
        ),
        (
            good.replacen("MqAQ=", "MqA=", 1),
            CheckpointError::Note(NoteError::SignatureBase64 { line: 5 }),
        ),
        (
            format!(
                "{}\n\n{}",
                good.split("\n\n").next().unwrap(),
                tk::signature_line(lines[0], [0x80, 0x9d, 0xa1, 0xa3], &[0; 65])
            ),
            CheckpointError::NoLogSignature,
        ),
        (
            two_log_sigs,
            CheckpointError::DuplicateLogSignature { line: 6, first: 5 },
        ),
        (
            same_key_twice,
            CheckpointError::Note(NoteError::DuplicateSignature { line: 6, first: 5 }),
        ),
        // Note-level damage.
        (
            good.replace('\n', "\r\n"),
            CheckpointError::Note(NoteError::ControlCharacter {
                line: 1,
                column: 84,
            }),
        ),
        (
            good.trim_end().to_string(),
            CheckpointError::Note(NoteError::MissingNewline { line: 5 }),
        ),
        (
            format!("{good}junk\n"),
            CheckpointError::Note(NoteError::SignaturePrefix { line: 6 }),
        ),
        (
            format!("{good}junk"),
            CheckpointError::Note(NoteError::MissingNewline { line: 6 }),
        ),
        (
            good.replacen("— ", "—  ", 1),
            CheckpointError::Note(NoteError::SignatureFields { line: 5 }),
        ),
        (
            good.replacen("\n\n", "\n", 1),
            CheckpointError::Note(NoteError::MissingBlankLine),
        ),
    ];
    for (input, want) in cases {
        assert_eq!(sigsum(&input, &k), Err(want), "{input:?}");
    }
    // 17 signature lines.
    let extra = |n: usize| -> String {
        (0..n)
            .map(|i| tk::signature_line(&format!("w{i}"), [0; 4], &[0; 72]))
            .collect()
    };
    assert_eq!(
        sigsum(&format!("{good}{}", extra(16)), &k),
        Err(CheckpointError::Note(NoteError::TooManySignatures {
            line: 21
        }))
    );
    assert_eq!(sigsum(&format!("{good}{}", extra(15)), &k), Ok(()));
}

#[test]
fn flipping_any_bit_anywhere_is_rejected() {
    for file in ["seed11.checkpoint", "jellyfish-30586.checkpoint"] {
        let good = vector(file).into_bytes();
        let k = if file.starts_with("seed11") {
            key(SEED11_PUB)
        } else {
            key(JELLYFISH)
        };
        for i in 0..good.len() {
            for bit in [0x01u8, 0x20, 0x80] {
                let mut bad = good.clone();
                bad[i] ^= bit;
                let r = Checkpoint::parse(&bad).and_then(|c| c.verify_sigsum(&k, &DefaultBackend));
                assert!(r.is_err(), "{file}: byte {i} ^ {bit:#x} accepted");
            }
        }
    }
    let vkey = Vkey::parse(SUMDB_VKEY).unwrap();
    for file in ["gosumdb-30055305.checkpoint", "gosumdb-49189689.checkpoint"] {
        let good = vector(file).into_bytes();
        for i in 0..good.len() {
            for bit in [0x01u8, 0x20, 0x80] {
                let mut bad = good.clone();
                bad[i] ^= bit;
                let r = Checkpoint::parse(&bad).and_then(|c| c.verify_vkey(&vkey, &DefaultBackend));
                assert!(r.is_err(), "{file}: byte {i} ^ {bit:#x} accepted");
            }
        }
    }
}

#[test]
fn generic_checkpoints_with_extension_lines() {
    let k = tk::public_key(SEED11);
    let text = tk::checkpoint_text("example.com/log", 5, &[7; 32], &["ext one", "ext two"]);
    let input = format!(
        "{text}\n{}",
        tk::log_signature_line(SEED11, "example.com/key", &text)
    );
    let cp = Checkpoint::parse(input.as_bytes()).unwrap();
    assert_eq!(cp.extensions(), b"ext one\next two\n");
    assert_eq!(cp.text(), text.as_bytes());
    cp.verify_signed_by("example.com/key", &PublicKey(k), &DefaultBackend)
        .unwrap();
    assert_eq!(
        cp.verify_sigsum(&PublicKey(k), &DefaultBackend),
        Err(CheckpointError::ExtensionLines { line: 4 })
    );
    assert_eq!(
        cp.body().unwrap_err(),
        CheckpointError::CosignedExtensionLines
    );
    // The extension lines are signed.
    let changed = input.replacen("ext two", "ext tw0", 1);
    assert_eq!(
        Checkpoint::parse(changed.as_bytes())
            .unwrap()
            .verify_signed_by("example.com/key", &PublicKey(k), &DefaultBackend),
        Err(CheckpointError::BadSignature { line: 7 })
    );
    assert_eq!(
        CheckpointError::BadSignature { line: 7 }.to_string(),
        "line 7: invalid log signature"
    );
}

/// Replace the base64 character at `i` of `s` by the one `f` picks from its
/// 6-bit value.
fn b64_char(s: &str, i: usize, f: impl Fn(u8) -> u8) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut b = s.as_bytes().to_vec();
    let v = A.iter().position(|c| *c == b[i]).unwrap() as u8;
    b[i] = A[usize::from(f(v) & 63)];
    String::from_utf8(b).unwrap()
}

#[test]
fn same_mutations_on_every_sigsum_vector() {
    for (file, log) in [
        ("seed11.checkpoint", SEED11_PUB),
        ("jellyfish-30586.checkpoint", JELLYFISH),
        ("jellyfish-30588.checkpoint", JELLYFISH),
        ("p-a-cosigned.checkpoint", P_A_LOG),
    ] {
        let good = vector(file);
        let k = key(log);
        assert_eq!(sigsum(&good, &k), Ok(()), "{file}");
        let l: Vec<String> = good.lines().map(str::to_string).collect();
        let rebuild = |i: usize, new: &str| {
            let mut v = l.clone();
            v[i] = new.to_string();
            v.iter().map(|x| format!("{x}\n")).collect::<String>()
        };
        let size: u64 = l[1].parse().unwrap();
        let (sig_prefix, sig_b64) = l[4].rsplit_once(' ').unwrap();
        let flip_hex = |c: char| if c == '0' { '1' } else { '0' };
        let mut origin_flipped = l[0].clone();
        let c = origin_flipped.remove(19);
        origin_flipped.insert(19, flip_hex(c));
        let root_len = l[2].len();
        let cases: Vec<(String, CheckpointError)> = vec![
            (rebuild(0, &origin_flipped), CheckpointError::OriginMismatch),
            (
                rebuild(0, &l[0][..l[0].len() - 1]),
                CheckpointError::OriginMismatch,
            ),
            (
                rebuild(0, &format!("{}0", l[0])),
                CheckpointError::OriginMismatch,
            ),
            (
                rebuild(0, &l[0].to_uppercase()),
                CheckpointError::OriginMismatch,
            ),
            (
                rebuild(0, &l[0].replace("sigsum.org/v1/tree/", "sigsum.org/v1/")),
                CheckpointError::OriginMismatch,
            ),
            (
                rebuild(1, &(size + 1).to_string()),
                CheckpointError::BadSignature { line: 5 },
            ),
            (
                rebuild(1, &(size - 1).to_string()),
                CheckpointError::BadSignature { line: 5 },
            ),
            (
                rebuild(1, &format!("0{size}")),
                CheckpointError::Size(EncodingError::DecimalLeadingZero),
            ),
            (
                rebuild(1, &format!("{size}0")),
                CheckpointError::BadSignature { line: 5 },
            ),
            (
                rebuild(1, &(size / 10).to_string()),
                CheckpointError::BadSignature { line: 5 },
            ),
            (
                rebuild(1, "9223372036854775808"),
                CheckpointError::Size(EncodingError::DecimalRange),
            ),
            (
                rebuild(1, &format!("{size}\r")),
                CheckpointError::Note(NoteError::ControlCharacter {
                    line: 2,
                    column: (size.to_string().len() + 1) as u32,
                }),
            ),
            (
                rebuild(2, &b64_char(&l[2], 0, |v| v ^ 1)),
                CheckpointError::BadSignature { line: 5 },
            ),
            (
                rebuild(2, &b64_char(&l[2], root_len - 2, |v| (v & !3) | 1)),
                CheckpointError::RootHash(EncodingError::Base64Syntax),
            ),
            (
                rebuild(2, &l[2][..root_len - 1]),
                CheckpointError::RootHash(EncodingError::Base64Length),
            ),
            (
                rebuild(2, &l[2][4..]),
                CheckpointError::RootHash(EncodingError::Base64Length),
            ),
            (
                rebuild(2, &format!("AAAA{}", l[2])),
                CheckpointError::RootHash(EncodingError::Base64Length),
            ),
            (
                rebuild(
                    4,
                    &format!("{sig_prefix} {}", b64_char(sig_b64, 0, |v| v ^ 1)),
                ),
                CheckpointError::KeyIdMismatch { line: 5 },
            ),
            (
                rebuild(
                    4,
                    &format!("{sig_prefix} {}", b64_char(sig_b64, 40, |v| v ^ 1)),
                ),
                CheckpointError::BadSignature { line: 5 },
            ),
            (
                rebuild(
                    4,
                    &format!("{sig_prefix} {}", &sig_b64[..sig_b64.len() - 1]),
                ),
                CheckpointError::Note(NoteError::SignatureBase64 { line: 5 }),
            ),
            (
                rebuild(
                    4,
                    &format!(
                        "{sig_prefix} {}",
                        b64_char(sig_b64, sig_b64.len() - 2, |v| (v & !3) | 1)
                    ),
                ),
                CheckpointError::Note(NoteError::SignatureBase64 { line: 5 }),
            ),
            (
                rebuild(4, &format!("{sig_prefix}  {sig_b64}")),
                CheckpointError::Note(NoteError::SignatureFields { line: 5 }),
            ),
            (
                rebuild(4, &format!("{sig_prefix}x {sig_b64}")),
                CheckpointError::NoLogSignature,
            ),
            (
                rebuild(3, "x"),
                CheckpointError::Note(NoteError::MissingBlankLine),
            ),
            (
                good.replace('\n', "\r\n"),
                CheckpointError::Note(NoteError::ControlCharacter {
                    line: 1,
                    column: 84,
                }),
            ),
            (
                good[..good.len() - 1].to_string(),
                CheckpointError::Note(NoteError::MissingNewline {
                    line: l.len() as u32,
                }),
            ),
            (
                format!("{good}x\n"),
                CheckpointError::Note(NoteError::SignaturePrefix {
                    line: l.len() as u32 + 1,
                }),
            ),
            (
                [&l[1], &l[0], &l[2], "", &l[4]]
                    .iter()
                    .map(|x| format!("{x}\n"))
                    .collect(),
                CheckpointError::Size(EncodingError::DecimalSyntax),
            ),
            (
                [&l[0], &l[2], &l[1], "", &l[4]]
                    .iter()
                    .map(|x| format!("{x}\n"))
                    .collect(),
                CheckpointError::Size(EncodingError::DecimalSyntax),
            ),
            (
                [&l[0], &l[1], &l[2], "", &l[4], "", &l[4]]
                    .iter()
                    .map(|x| format!("{x}\n"))
                    .collect(),
                CheckpointError::EmptyExtensionLine { line: 4 },
            ),
        ];
        for (input, want) in cases {
            assert_eq!(sigsum(&input, &k), Err(want), "{file}: {input:?}");
        }
    }
}

#[test]
fn written_checkpoints_match_the_vectors() {
    for (file, log) in [
        ("seed11.checkpoint", SEED11_PUB),
        ("jellyfish-30586.checkpoint", JELLYFISH),
        ("jellyfish-30588.checkpoint", JELLYFISH),
    ] {
        let input = vector(file);
        let k = key(log);
        let cp = Checkpoint::parse_sigsum(input.as_bytes(), &k, &DefaultBackend).unwrap();
        let sig = cp.log_signature(cp.origin).unwrap();
        let mut buf = [0u8; 400];
        let mut w = Writer::new(&mut buf);
        let origin = cp.origin.as_bytes();
        write_checkpoint(
            &mut w,
            origin,
            &cp.tree_head,
            origin,
            &key_id(origin, 1, &k),
            &sig.signature,
        )
        .unwrap();
        assert_eq!(w.written(), input.as_bytes());
        let mut small = [0u8; 300];
        assert!(write_checkpoint(
            &mut Writer::new(&mut small),
            origin,
            &cp.tree_head,
            origin,
            &sig.key_id,
            &sig.signature
        )
        .is_err());
    }
}

mod props {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn signed_then_parsed_gives_the_same_values(
            seed in any::<[u8; 32]>(),
            size in 0u64..=i64::MAX as u64,
            root in any::<[u8; 32]>(),
        ) {
            let k = PublicKey(tk::public_key(seed));
            let text = tk::sigsum_checkpoint(seed, size, &root);
            let cp = Checkpoint::parse_sigsum(text.as_bytes(), &k, &DefaultBackend).unwrap();
            prop_assert_eq!(cp.tree_head.size, size);
            prop_assert_eq!(cp.tree_head.root_hash, Hash(root));
            // Our writer reproduces the reference signer's bytes.
            let sig = cp.log_signature(cp.origin).unwrap();
            let mut buf = [0u8; 400];
            let mut w = Writer::new(&mut buf);
            let origin = cp.origin.as_bytes();
            write_checkpoint(&mut w, origin, &cp.tree_head, origin, &key_id(origin, 1, &k), &sig.signature).unwrap();
            prop_assert_eq!(w.written(), text.as_bytes());
        }

        #[test]
        fn parsing_never_panics(input in proptest::collection::vec(any::<u8>(), 0..400)) {
            if let Ok(cp) = Checkpoint::parse(&input) {
                let _ = cp.verify_sigsum(&PublicKey([0; 32]), &DefaultBackend);
                let _ = cp.verify_cosignatures(&[], &DefaultBackend);
            }
        }
    }
}
