//! criterion benchmarks of sigsum-core, side by side with the crates.io
//! `sigsum` 0.3 crate and with the floors (one SHA-256, one Ed25519 verify).
//!
//! Benchmark ids are `<group>/<name>`; `benches/report.py` pairs them into
//! the ratio table of docs/performance.md, so keep the ids stable.
use criterion::{black_box, criterion_group, criterion_main, Criterion};
use sigsum_benches::{compiled_test_2025_3, real, real_leaf};
use sigsum_core::{
    hash_leaf, hash_node, inclusion_path_len, leaf_signed_data, root_from_inclusion, sha256,
    verify, verify_bytes, verify_consistency, verify_inclusion, BatchVerifier, Checkpoint,
    CompiledPolicy, DalekBackend, Ed25519Backend, Hash, Leaf, NoteWitness, Policy, PrepareKeys,
    PreparedPolicy, Proof, PublicKey, TextPolicy, TrustPolicy, WitnessSet, MAX_COMPILED_LEN,
};
use std::time::Duration;

/// Floors: the cost of the primitives every verification is made of.
fn floors(c: &mut Criterion) {
    let r = real();
    let data = [7u8; 65];
    c.bench_function("floor/sha256-65B", |b| b.iter(|| sha256(black_box(&data))));
    let leaf = real_leaf(&r);
    let msg = leaf_signed_data(&leaf.checksum);
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

/// sigsum-core on the real serviceberry proof and the `sigsum-test-2025-3`
/// policy: the same operations as the peer group below.
fn ours(c: &mut Criterion) {
    let r = real();
    let signers = [r.signer];
    let msg_hash = sha256(&r.message);
    let policy = TextPolicy::parse(r.policy.as_bytes()).expect("policy parse");
    let proof = Proof::parse(r.proof.as_bytes()).expect("proof parse");
    let v = verify(&msg_hash, &signers, &policy, &proof, &DalekBackend).expect("verify");
    // Facts of this verification for benches/report.py (the floors).
    let meta = format!(
        "{{\"signature_checks\": {}, \"cosignatures_verified\": {}, \"path_len\": {}, \"cosignatures_in_proof\": {}}}\n",
        v.signature_checks,
        v.cosignatures_verified,
        proof.path.len(),
        proof.signed_tree_head.cosignatures.len()
    );
    let dir = std::env::var("CARGO_TARGET_DIR")
        .unwrap_or_else(|_| format!("{}/../target", env!("CARGO_MANIFEST_DIR")));
    let _ = std::fs::create_dir_all(format!("{dir}/criterion"));
    std::fs::write(format!("{dir}/criterion/sigsum-meta.json"), meta).expect("write meta");
    c.bench_function("ours/proof-parse", |b| {
        b.iter(|| Proof::parse(black_box(r.proof.as_bytes())))
    });
    c.bench_function("ours/proof-verify", |b| {
        b.iter(|| {
            verify(
                black_box(&msg_hash),
                &signers,
                &policy,
                black_box(&proof),
                &DalekBackend,
            )
        })
    });
    c.bench_function("ours/parse-verify", |b| {
        b.iter(|| {
            verify_bytes(
                black_box(&msg_hash),
                &signers,
                &policy,
                black_box(r.proof.as_bytes()),
                &DalekBackend,
            )
        })
    });
    c.bench_function("ours/policy-parse", |b| {
        b.iter(|| TextPolicy::parse(black_box(r.policy.as_bytes())).is_ok())
    });
    c.bench_function("ours/policy-builtin", |b| {
        b.iter(|| Policy::builtin(black_box("sigsum-test-2025-3")).is_ok())
    });
    let blob = compiled_test_2025_3();
    c.bench_function("ours/compiled-load", |b| {
        b.iter(|| CompiledPolicy::from_bytes(black_box(&blob)).is_ok())
    });
    let compiled = CompiledPolicy::from_bytes(&blob).expect("compiled load");
    // Quorum evaluation: the witnesses with a cosignature in the real proof.
    let mut set = WitnessSet::EMPTY;
    let mut cset = WitnessSet::EMPTY;
    for cs in proof.signed_tree_head.cosignatures.iter() {
        if let Some((i, _)) = policy.witness(&cs.key_hash) {
            set.insert(i);
        }
        if let Some((i, _)) = compiled.witness(&cs.key_hash) {
            cset.insert(i);
        }
    }
    assert!(policy.is_satisfied(&set) && compiled.is_satisfied(&cset));
    c.bench_function("ours/quorum-text", |b| {
        b.iter(|| policy.is_satisfied(black_box(&set)))
    });
    c.bench_function("ours/quorum-compiled", |b| {
        b.iter(|| compiled.is_satisfied(black_box(&cset)))
    });
    // The hashing part of a verification: leaf hash + inclusion path.
    let leaf = real_leaf(&r);
    let root = proof.signed_tree_head.tree_head.root_hash;
    c.bench_function("ours/proof-hashing", |b| {
        b.iter(|| {
            let leaf_hash = black_box(&leaf).hash();
            verify_inclusion(
                &leaf_hash,
                proof.leaf_index,
                proof.signed_tree_head.tree_head.size,
                &root,
                proof.path.iter(),
            )
        })
    });
}

/// Checkpoints (signed notes): parse, and parse + verify the log signature
/// and the witness cosignature of the P-a checkpoint; policy compilation.
fn checkpoints(c: &mut Criterion) {
    let text = std::fs::read(format!(
        "{}/../tests/vectors/checkpoint/p-a-cosigned.checkpoint",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("checkpoint vector");
    let log_key =
        PublicKey::from_hex(b"ac26c0a855ac451a6539478e1a160388f024b385f1363efcda470170076c01e5")
            .expect("log key");
    let witness_key =
        PublicKey::from_hex(b"cbe357e6b464049e703b7be6c89201193acc2a18c095b0691aaf50b9b1e1578a")
            .expect("witness key");
    let name = format!("sigsum.org/v1/witness/{}", witness_key.key_hash());
    let witnesses = [NoteWitness {
        name: name.as_bytes(),
        key: witness_key,
    }];
    let cp = Checkpoint::parse_sigsum(&text, &log_key, &DalekBackend).expect("checkpoint");
    let report = cp
        .verify_cosignatures(&witnesses, &DalekBackend)
        .expect("cosignatures");
    eprintln!("checkpoint cosignatures: {report:?}");
    c.bench_function("ours/checkpoint-parse", |b| {
        b.iter(|| Checkpoint::parse(black_box(&text)).is_ok())
    });
    c.bench_function("ours/checkpoint-verify", |b| {
        b.iter(|| {
            let cp = Checkpoint::parse_sigsum(black_box(&text), &log_key, &DalekBackend).ok()?;
            cp.verify_cosignatures(&witnesses, &DalekBackend).ok()
        })
    });
    let r = real();
    let policy = TextPolicy::parse(r.policy.as_bytes()).expect("policy parse");
    let mut buf = vec![0u8; MAX_COMPILED_LEN];
    c.bench_function("ours/policy-compile", |b| {
        b.iter(|| black_box(&policy).compile(&mut buf).is_ok())
    });
}

/// C2SP: a tlog-proof (parse + verify: log signature, three cosignatures,
/// inclusion) and its inclusion hashing alone; the tlog-policy parse.
fn tlog(c: &mut Criterion) {
    use sigsum_core::{verify_tlog_proof, TlogOptions, TlogPolicy, TlogProof};
    let t = sigsum_benches::tlog();
    let policy = TlogPolicy::parse(t.policy.as_bytes()).expect("tlog policy");
    let proof = TlogProof::parse(t.proof.as_bytes()).expect("tlog proof");
    let path: Vec<Hash> = proof.path().iter().collect();
    let head = proof.checkpoint().tree_head;
    let options = TlogOptions::default();
    c.bench_function("ours/tlog-proof-verify", |b| {
        b.iter(|| {
            verify_tlog_proof(
                black_box(t.proof.as_bytes()),
                &t.leaf_hash,
                &policy,
                &DalekBackend,
                &options,
            )
            .is_ok()
        })
    });
    c.bench_function("ours/tlog-proof-hashing", |b| {
        b.iter(|| {
            root_from_inclusion(&t.leaf_hash, proof.index, head.size, black_box(&path)).is_ok()
        })
    });
    c.bench_function("ours/tlog-policy-parse", |b| {
        b.iter(|| TlogPolicy::parse(black_box(t.policy.as_bytes())).is_ok())
    });
}

/// Merkle inclusion and consistency verification at several tree sizes.
/// Inclusion paths are arbitrary node hashes with the root computed from
/// them (any path is valid for its own root); consistency proofs come from
/// testkit's naive reference tree.
fn merkle(c: &mut Criterion) {
    for size in [5u64, 1000, 381_382, 1 << 40] {
        let index = size / 3;
        let len = inclusion_path_len(index, size).expect("path len");
        let path: Vec<Hash> = (0..len).map(|i| Hash([i as u8; 32])).collect();
        let leaf = Hash([0xaa; 32]);
        let root = root_from_inclusion(&leaf, index, size, &path).expect("root");
        c.bench_function(&format!("merkle/inclusion-{size}-len{len}"), |b| {
            b.iter(|| verify_inclusion(&leaf, black_box(index), size, &root, &path))
        });
    }
    let tree = testkit::merkle::Tree::with_test_leaves(70_000);
    for (old, new) in [(3u64, 5u64), (1000, 4097), (10_000, 70_000)] {
        let path: Vec<Hash> = tree
            .consistency_proof(old, new)
            .iter()
            .map(|h| Hash(*h))
            .collect();
        let (old_root, new_root) = (Hash(tree.root(old)), Hash(tree.root(new)));
        verify_consistency(old, new, &old_root, &new_root, &path).expect("consistency");
        c.bench_function(
            &format!("merkle/consistency-{old}-{new}-len{}", path.len()),
            |b| b.iter(|| verify_consistency(black_box(old), new, &old_root, &new_root, &path)),
        );
    }
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

/// Many proofs: a prepared policy (keys decoded once), and 1000 generated
/// proofs under 10 cosigned tree heads through a `BatchVerifier`, against
/// their floors (verification with an already decoded key; the hashing of
/// the 1000 leaves and inclusion proofs) and against 1000 independent
/// verifications.
fn many(c: &mut Criterion) {
    let r = real();
    let leaf = real_leaf(&r);
    let msg = leaf_signed_data(&leaf.checksum);
    let decoded = DalekBackend.prepare(&r.signer).expect("signer");
    c.bench_function("floor/ed25519-prepared", |b| {
        b.iter(|| {
            DalekBackend.verify_prepared(black_box(&decoded), black_box(&msg), &leaf.signature)
        })
    });
    let policy = TextPolicy::parse(r.policy.as_bytes()).expect("policy");
    let proof = Proof::parse(r.proof.as_bytes()).expect("proof");
    let message = sha256(&r.message);
    let signers = [r.signer];
    let prepared =
        PreparedPolicy::<_, _, 16>::new(&policy, &signers, DalekBackend).expect("prepare");
    assert!(prepared.verify(&message, &proof).is_ok());
    c.bench_function("ours/prepared-verify", |b| {
        b.iter(|| prepared.verify(black_box(&message), black_box(&proof)))
    });

    let batch = sigsum_benches::batch_1000();
    let policy = Policy::from_text(batch.policy.as_bytes()).expect("batch policy");
    let signers = [PublicKey(batch.signer)];
    let proofs: Vec<(Hash, Proof<'_>)> = batch
        .proofs
        .iter()
        .map(|(m, t)| (Hash(*m), Proof::parse(t.as_bytes()).expect("batch proof")))
        .collect();
    let prepared =
        PreparedPolicy::<_, _, 16>::new(&policy, &signers, DalekBackend).expect("prepare");
    let mut group = c.benchmark_group("batch");
    group.sample_size(10);
    group.bench_function("verify-1000", |b| {
        b.iter(|| {
            let mut v = BatchVerifier::<_, _, 16>::new(&prepared);
            proofs
                .iter()
                .all(|(m, p)| v.verify(black_box(m), black_box(p)).is_ok())
        })
    });
    group.bench_function("independent-1000", |b| {
        b.iter(|| {
            proofs.iter().all(|(m, p)| {
                verify(black_box(m), &signers, &policy, black_box(p), &DalekBackend).is_ok()
            })
        })
    });
    group.bench_function("hashing-1000", |b| {
        b.iter(|| {
            proofs.iter().all(|(m, p)| {
                let leaf = Leaf {
                    checksum: sha256(&m.0),
                    signature: p.leaf_signature,
                    key_hash: p.leaf_key_hash,
                };
                let th = &p.signed_tree_head.tree_head;
                verify_inclusion(
                    &leaf.hash(),
                    p.leaf_index,
                    th.size,
                    &th.root_hash,
                    p.path.iter(),
                )
                .is_ok()
            })
        })
    });
    group.finish();
}

fn config() -> Criterion {
    Criterion::default()
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(1))
        .sample_size(30)
}

/// The binary formats: the real proof converted to spic and TKey
/// (`tests/vectors/{spic,tkey}/`), parsed and verified from the bytes.
fn binary(c: &mut Criterion) {
    let r = real();
    let signers = [r.signer];
    let msg_hash = sha256(&r.message);
    let vector = |rel: &str| {
        std::fs::read(format!(
            "{}/../tests/vectors/{rel}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .expect("binary vector")
    };
    let (sp, sf) = (
        vector("spic/serviceberry.policy.bin"),
        vector("spic/serviceberry.proof.bin"),
    );
    let (tp, tf) = (
        vector("tkey/serviceberry.policy.bin"),
        vector("tkey/serviceberry.proof.bin"),
    );
    c.bench_function("binary/spic-parse-verify", |b| {
        b.iter(|| {
            sigsum_core::verify_spic_bytes(
                black_box(&msg_hash),
                &signers,
                black_box(&sp),
                black_box(&sf),
                &DalekBackend,
            )
        })
    });
    c.bench_function("binary/tkey-parse-verify", |b| {
        b.iter(|| {
            sigsum_core::verify_tkey_bytes(
                black_box(&msg_hash),
                black_box(&tp),
                black_box(&tf),
                &DalekBackend,
            )
        })
    });
}

criterion_group! {
    name = benches;
    config = config();
    targets = floors, core_parts, ours, peer_sigsum03, merkle, checkpoints, many, tlog, binary
}
criterion_main!(benches);
