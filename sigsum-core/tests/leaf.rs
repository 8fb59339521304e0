//! Leaves (Sigsum `log.md` §2.2.4, §3.2; sigsum-go `pkg/types/leaf.go`):
//! the 56-byte signed data, the 128-byte layout,
//! the leaf hash, and real leaf signatures with their inclusion proofs
//! (`tests/vectors/leaf/real-leaves.txt`: log.md §3.5, P-a, P-b, P-d, P-e).
use sigsum_core::{
    hash_leaf, leaf_checksum, leaf_signed_data, verify_inclusion, DefaultBackend, Ed25519Backend,
    Hash, Leaf, LeafError, MerkleError, PublicKey, Signature, LEAF_NAMESPACE, LEAF_SIZE,
    SIGNED_DATA_SIZE,
};
use std::collections::HashMap;

struct Case {
    fields: HashMap<String, Vec<String>>,
}

impl Case {
    fn one(&self, k: &str) -> &str {
        &self.fields[k][0]
    }
    fn bytes(&self, k: &str) -> Vec<u8> {
        let s = self.one(k);
        (0..s.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
            .collect()
    }
    fn hash(&self, k: &str) -> Hash {
        Hash::from_hex(self.one(k).as_bytes()).unwrap()
    }
    fn name(&self) -> &str {
        self.one("name")
    }
}

fn cases() -> Vec<Case> {
    let path = format!(
        "{}/../tests/vectors/leaf/real-leaves.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(path).unwrap();
    let mut out = Vec::new();
    for block in text.split("\n\n") {
        let mut fields: HashMap<String, Vec<String>> = HashMap::new();
        for line in block
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
        {
            let (k, v) = line.split_once('=').unwrap();
            fields.entry(k.to_owned()).or_default().push(v.to_owned());
        }
        if !fields.is_empty() {
            out.push(Case { fields });
        }
    }
    out
}

fn leaf_of(c: &Case) -> Leaf {
    Leaf {
        checksum: c.hash("checksum"),
        signature: Signature::from_hex(c.one("signature").as_bytes()).unwrap(),
        key_hash: c.hash("key_hash"),
    }
}

fn key_of(c: &Case) -> PublicKey {
    PublicKey::from_hex(c.one("public_key").as_bytes()).unwrap()
}

#[test]
fn signed_data_and_layout() {
    let cs = Hash(core::array::from_fn(|i| i as u8));
    let sd = leaf_signed_data(&cs);
    assert_eq!(sd.len(), SIGNED_DATA_SIZE);
    assert_eq!(SIGNED_DATA_SIZE, 56);
    assert_eq!(&sd[..23], b"sigsum.org/v1/tree-leaf");
    assert_eq!(&sd[..23], LEAF_NAMESPACE);
    assert_eq!(sd[23], 0);
    assert_eq!(&sd[24..], &cs.0);

    // checksum || signature || key_hash, at offsets 0, 32, 96.
    let bytes: [u8; 128] = core::array::from_fn(|i| i as u8);
    let leaf = Leaf {
        checksum: Hash::from_slice(&bytes[..32]).unwrap(),
        signature: Signature::from_slice(&bytes[32..96]).unwrap(),
        key_hash: Hash::from_slice(&bytes[96..]).unwrap(),
    };
    assert_eq!(LEAF_SIZE, 128);
    assert_eq!(leaf.to_bytes(), bytes);
    assert_eq!(Leaf::from_bytes(&bytes), Ok(leaf));
    // Leaf hash H(0x00 || leaf), against the independent reference.
    assert_eq!(leaf.hash().0, testkit::merkle::leaf_hash(&bytes));
    assert_eq!(leaf.hash(), hash_leaf(&bytes));
    // Every field matters for the hash.
    for i in [0, 31, 32, 95, 96, 127] {
        let mut b = bytes;
        b[i] ^= 1;
        assert_ne!(
            Leaf::from_bytes(&b).unwrap().hash(),
            leaf.hash(),
            "byte {i}"
        );
    }
    // Wrong lengths (sigsum-go tests 135 and 137).
    for len in [0, 1, 32, 127, 129, 135, 137, 256] {
        let v = vec![0u8; len];
        assert_eq!(Leaf::from_bytes(&v), Err(LeafError::Length), "len {len}");
    }
    assert_eq!(Leaf::from_bytes(&bytes[..127]), Err(LeafError::Length));
}

#[test]
fn real_leaf_vectors() {
    let cases = cases();
    let names: Vec<&str> = cases.iter().map(|c| c.name()).collect();
    assert_eq!(names, ["log-md-add-leaf", "P-a", "P-b", "P-d", "P-e"]);
    let mut inclusion = 0;
    for c in &cases {
        let name = c.name();
        let message = c.hash("message");
        let key = key_of(c);
        let leaf = leaf_of(c);
        assert_eq!(leaf_checksum(&message), leaf.checksum, "{name} checksum");
        assert_eq!(
            leaf_signed_data(&leaf.checksum).as_slice(),
            c.bytes("signed_data"),
            "{name}"
        );
        assert_eq!(key.key_hash(), leaf.key_hash, "{name} key hash");
        assert_eq!(leaf.to_bytes().as_slice(), c.bytes("leaf"), "{name} layout");
        assert_eq!(Leaf::from_bytes(&c.bytes("leaf")), Ok(leaf));
        assert_eq!(leaf.hash(), c.hash("leaf_hash"), "{name} leaf hash");
        assert_eq!(leaf.verify(&key, &DefaultBackend), Ok(()), "{name}");
        #[cfg(feature = "compact")]
        assert_eq!(
            leaf.verify(&key, &sigsum_core::CompactBackend),
            Ok(()),
            "{name} compact"
        );

        // Reject twins.
        let mut bad = leaf;
        bad.key_hash.0[0] ^= 1;
        assert_eq!(
            bad.verify(&key, &DefaultBackend),
            Err(LeafError::KeyHashMismatch)
        );
        let mut other_key = key;
        other_key.0[31] ^= 1;
        assert_eq!(
            leaf.verify(&other_key, &DefaultBackend),
            Err(LeafError::KeyHashMismatch)
        );
        for i in 0..32 {
            let mut bad = leaf;
            bad.checksum.0[i] ^= 1 << (i % 8);
            assert_eq!(
                bad.verify(&key, &DefaultBackend),
                Err(LeafError::BadSignature),
                "{name} checksum byte {i}"
            );
        }
        for i in 0..64 {
            let mut bad = leaf;
            bad.signature.0[i] ^= 1 << (i % 8);
            assert_eq!(
                bad.verify(&key, &DefaultBackend),
                Err(LeafError::BadSignature),
                "{name} signature byte {i}"
            );
        }
        // The signature is over H(message), not the message itself.
        let not_hashed = Leaf {
            checksum: message,
            ..leaf
        };
        assert_eq!(
            not_hashed.verify(&key, &DefaultBackend),
            Err(LeafError::BadSignature)
        );
        // The signed data is exactly the 56 bytes: no raw checksum, no
        // missing NUL.
        let sd = leaf_signed_data(&leaf.checksum);
        assert!(DefaultBackend.verify(&key, &sd, &leaf.signature));
        assert!(!DefaultBackend.verify(&key, &leaf.checksum.0, &leaf.signature));
        let mut no_nul = sd.to_vec();
        no_nul.remove(23);
        assert!(!DefaultBackend.verify(&key, &no_nul, &leaf.signature));
        let full = c.bytes("leaf");
        for len in [127, 129, 135, 137] {
            let mut v = full.clone();
            v.resize(len, 0);
            assert_eq!(Leaf::from_bytes(&v), Err(LeafError::Length), "{name} {len}");
        }

        // Inclusion in a real log.
        if let Some(size) = c.fields.get("size") {
            let size: u64 = size[0].parse().unwrap();
            let index: u64 = c.one("index").parse().unwrap();
            let root = c.hash("root");
            let path: Vec<Hash> = c.fields["node_hash"]
                .iter()
                .map(|s| Hash::from_hex(s.as_bytes()).unwrap())
                .collect();
            assert_eq!(
                verify_inclusion(&leaf.hash(), index, size, &root, &path),
                Ok(()),
                "{name}"
            );
            // Any change to the leaf breaks inclusion.
            let mut bad = leaf;
            bad.signature.0[63] ^= 0x40;
            assert_eq!(
                verify_inclusion(&bad.hash(), index, size, &root, &path),
                Err(MerkleError::RootMismatch)
            );
            // The neighbouring index: wrong shape or wrong root.
            let want = match testkit::merkle::naive_inclusion_len(index - 1, size).unwrap() {
                n if n == path.len() => MerkleError::RootMismatch,
                n if n > path.len() => MerkleError::PathTooShort {
                    expected: n as u8,
                    got: path.len() as u8,
                },
                n => MerkleError::PathTooLong { expected: n as u8 },
            };
            assert_eq!(
                verify_inclusion(&leaf.hash(), index - 1, size, &root, &path),
                Err(want),
                "{name}"
            );
            inclusion += 1;
        }
    }
    assert_eq!(inclusion, 4);
    // Keys are not interchangeable between cases.
    let (a, b) = (&cases[1], &cases[2]);
    assert_eq!(
        leaf_of(a).verify(&key_of(b), &DefaultBackend),
        Err(LeafError::KeyHashMismatch)
    );
    // A leaf with b's key hash but a's signature: the signature check fails.
    let mixed = Leaf {
        key_hash: key_of(b).key_hash(),
        ..leaf_of(a)
    };
    assert_eq!(
        mixed.verify(&key_of(b), &DefaultBackend),
        Err(LeafError::BadSignature)
    );
}

#[test]
fn leaf_error_display_is_distinct() {
    let all = [
        LeafError::Length,
        LeafError::KeyHashMismatch,
        LeafError::BadSignature,
    ];
    let texts: std::collections::HashSet<String> = all.iter().map(|e| e.to_string()).collect();
    assert_eq!(texts.len(), all.len());
}
