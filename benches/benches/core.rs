//! criterion benchmarks of sigsum-core, side by side with the crates.io
//! `sigsum` 0.3 crate and with the floors (one SHA-256, one Ed25519 verify).
//!
//! Benchmark ids are `<group>/<name>`; `benches/report.py` pairs them into
//! the ratio table of docs/performance.md, so keep the ids stable.
use criterion::{black_box, criterion_group, criterion_main, Criterion};
use sigsum_core::crypto::{sha256, DalekBackend, Ed25519Backend};
use sigsum_core::leaf::{checksum, signed_data, Leaf};
use sigsum_core::merkle::{hash_leaf, hash_node};
use sigsum_core::{Hash, PublicKey, Signature};
use std::time::Duration;

/// Vectors of the real serviceberry proof, read from tests/vectors/real.
struct Real {
    proof: String,
    message: Vec<u8>,
    signer: PublicKey,
    policy: String,
}

fn vector(name: &str) -> String {
    let path = format!(
        "{}/../tests/vectors/real/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn real() -> Real {
    let signer_hex = vector("serviceberry-signer.hex");
    Real {
        proof: vector("serviceberry-v2.proof"),
        message: vector("serviceberry.message").into_bytes(),
        signer: PublicKey::from_hex(signer_hex.trim().as_bytes()).expect("signer hex"),
        policy: vector("sigsum-test-2025-3.policy"),
    }
}

/// The leaf of the real proof: the values of its `leaf=` line.
fn real_leaf(r: &Real) -> Leaf {
    let line = r
        .proof
        .lines()
        .find_map(|l| l.strip_prefix("leaf="))
        .expect("leaf line");
    let (key_hash, sig) = line.split_once(' ').expect("leaf fields");
    Leaf {
        checksum: checksum(&sha256(&r.message)),
        signature: Signature::from_hex(sig.as_bytes()).expect("leaf sig"),
        key_hash: Hash::from_hex(key_hash.as_bytes()).expect("leaf key hash"),
    }
}

/// Floors: the cost of the primitives every verification is made of.
fn floors(c: &mut Criterion) {
    let r = real();
    let data = [7u8; 65];
    c.bench_function("floor/sha256-65B", |b| b.iter(|| sha256(black_box(&data))));
    let leaf = real_leaf(&r);
    let msg = signed_data(&leaf.checksum);
    assert!(DalekBackend.verify(&r.signer, &msg, &leaf.signature));
    c.bench_function("floor/ed25519-verify", |b| {
        b.iter(|| {
            DalekBackend.verify(
                black_box(&r.signer),
                black_box(&msg),
                black_box(&leaf.signature),
            )
        })
    });
}

/// Building blocks that exist in sigsum-core.
fn core_parts(c: &mut Criterion) {
    let r = real();
    let leaf = real_leaf(&r);
    c.bench_function("core/leaf-hash", |b| b.iter(|| black_box(&leaf).hash()));
    let bytes = leaf.to_bytes();
    c.bench_function("core/hash-leaf-128B", |b| {
        b.iter(|| hash_leaf(black_box(&bytes)))
    });
    let (x, y) = (Hash([1; 32]), Hash([2; 32]));
    c.bench_function("core/hash-node", |b| {
        b.iter(|| hash_node(black_box(&x), black_box(&y)))
    });
    c.bench_function("core/leaf-verify", |b| {
        b.iter(|| black_box(&leaf).verify(black_box(&r.signer), &DalekBackend))
    });
}

/// The peer: crates.io `sigsum` 0.3 on the same real inputs.
fn peer_sigsum03(c: &mut Criterion) {
    let r = real();
    let signers = [sigsum::PublicKey::from(r.signer.0)];
    let msg_hash = sigsum::Hash::new(&r.message);
    let policy = sigsum::Policy::parse(&r.policy).expect("peer policy parse");
    let sig = sigsum::SigsumSignature::from_ascii(&r.proof).expect("peer proof parse");
    sigsum::verify(&msg_hash, &sig, &signers, &policy).expect("peer verify");

    c.bench_function("sigsum03/proof-parse", |b| {
        b.iter(|| sigsum::SigsumSignature::from_ascii(black_box(&r.proof)))
    });
    c.bench_function("sigsum03/proof-verify", |b| {
        b.iter(|| sigsum::verify(black_box(&msg_hash), black_box(&sig), &signers, &policy))
    });
    c.bench_function("sigsum03/parse-verify", |b| {
        b.iter(|| {
            let sig = sigsum::SigsumSignature::from_ascii(black_box(&r.proof)).ok()?;
            sigsum::verify(black_box(&msg_hash), &sig, &signers, &policy).ok()
        })
    });
    c.bench_function("sigsum03/policy-parse", |b| {
        b.iter(|| sigsum::Policy::parse(black_box(&r.policy)))
    });
}

fn config() -> Criterion {
    Criterion::default()
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(1))
        .sample_size(30)
}

criterion_group! {
    name = benches;
    config = config();
    targets = floors, core_parts, peer_sigsum03
}
criterion_main!(benches);
