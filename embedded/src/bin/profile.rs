//! Where the instructions of a verification go: each step of `verify`
//! measured on its own (`sigsum_embedded::measure`), printed one per line.
//! Not part of the footprint table; run it under QEMU with
//! `-icount shift=0` (see `docs/performance.md`).
#![no_std]
#![no_main]

use core::hint::black_box;
use sigsum_core::{
    leaf_checksum, leaf_signed_data, sha256, verify, verify_bytes, verify_inclusion, Builtin,
    CompiledPolicy, DalekBackend, Ed25519Backend, Leaf, Proof, PublicKey, TrustPolicy, WitnessSet,
};
use sigsum_embedded::measure;

static PROOF: &[u8] = include_bytes!("../../../tests/vectors/real/serviceberry-v2.proof");
static MESSAGE: &[u8] = include_bytes!("../../../tests/vectors/real/serviceberry.message");
static SIGNER_HEX: &[u8] = include_bytes!("../../../tests/vectors/real/serviceberry-signer.hex");

#[no_mangle]
extern "C" fn sigsum_app_main() -> bool {
    run().is_some()
}

fn run() -> Option<()> {
    let signer = measure("signer key from hex", || {
        PublicKey::from_hex(black_box(SIGNER_HEX).get(..64)?).ok()
    })?;
    let message = measure("sha256(message)", || sha256(black_box(MESSAGE)));
    measure("sha256(32 bytes), one block", || {
        sha256(black_box(&message.0))
    });
    let blob = black_box(Builtin::SigsumTest2025_3.compiled_bytes());
    let policy = measure("CompiledPolicy::from_bytes (10 keys hashed)", || {
        CompiledPolicy::from_bytes(blob).ok()
    })?;
    let proof = measure("Proof::parse", || Proof::parse(black_box(PROOF)).ok())?;
    let sth = &proof.signed_tree_head;
    measure("log key lookup (2 logs)", || {
        policy.log_key(black_box(&proof.log_key_hash))
    });
    let first = sth.cosignatures.get(0)?;
    measure("witness lookup (8 witnesses)", || {
        policy.witness(black_box(&first.key_hash))
    });
    measure("decode every cosignature line", || {
        sth.cosignatures.iter().count()
    });
    measure("quorum engine: missing()", || {
        policy.missing(&WitnessSet::EMPTY, black_box(&WitnessSet::EMPTY))
    });
    measure("leaf hash + inclusion proof", || {
        let leaf = Leaf {
            checksum: leaf_checksum(&message),
            signature: proof.leaf_signature,
            key_hash: proof.leaf_key_hash,
        };
        let head = &sth.tree_head;
        verify_inclusion(
            &leaf.hash(),
            proof.leaf_index,
            head.size,
            &head.root_hash,
            proof.path.iter(),
        )
        .is_ok()
    });
    let signed = leaf_signed_data(&leaf_checksum(&message));
    measure("Ed25519: leaf signature", || {
        DalekBackend.verify(&signer, &signed, &proof.leaf_signature)
    });
    let log_key = policy.log_key(&proof.log_key_hash)?;
    measure("Ed25519: log signature", || {
        sth.tree_head
            .verify_log_signature(&log_key, &sth.signature, &DalekBackend)
    });
    let (_, witness_key) = policy.witness(&first.key_hash)?;
    measure("Ed25519: one cosignature", || {
        first.verify(
            &witness_key,
            &proof.log_key_hash,
            &sth.tree_head,
            &DalekBackend,
        )
    });
    measure("verify (parsed proof)", || {
        verify(&message, &[signer], &policy, &proof, &DalekBackend).ok()
    })?;
    measure("verify_bytes", || {
        verify_bytes(
            &message,
            &[signer],
            &policy,
            black_box(PROOF),
            &DalekBackend,
        )
        .ok()
    })
    .map(|_| ())
}
