//! Instruction counts, for ratios that do not depend on the machine's load.
//!
//! `icount <op> <n>` runs one operation `n` times. `benches/icount.py` runs
//! it under `valgrind --tool=callgrind` with two values of `n` and divides
//! the difference, which cancels the setup. The operation names are the
//! criterion ids of `benches/core.rs`. Under valgrind, sha2 falls back to
//! its portable code (valgrind does not expose the SHA extensions), for us
//! and for the peer alike.
use sigsum_benches::{compiled_test_2025_3, real, real_leaf};
use sigsum_core::{
    hash_node, inclusion_path_len, leaf_signed_data, root_from_inclusion, sha256, verify,
    verify_bytes, verify_inclusion, BatchVerifier, CompiledPolicy, DalekBackend, Ed25519Backend,
    Hash, Leaf, Policy, PrepareKeys, PreparedPolicy, Proof, PublicKey, TextPolicy, TrustPolicy,
};
use sigsum_core::{verify_tlog_proof, TlogOptions, TlogPolicy, TlogProof};
use std::hint::black_box;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (op, n) = match args.as_slice() {
        [_, op, n] => (op.as_str(), n.parse::<u32>().expect("count")),
        _ => {
            eprintln!("usage: icount <op> <n>");
            std::process::exit(2);
        }
    };
    let r = real();
    let signers = [r.signer];
    let msg_hash = sha256(&r.message);
    let policy = TextPolicy::parse(r.policy.as_bytes()).expect("policy");
    let proof = Proof::parse(r.proof.as_bytes()).expect("proof");
    let leaf = real_leaf(&r);
    let signed = leaf_signed_data(&leaf.checksum);
    let blob = compiled_test_2025_3();
    let p_signers = [sigsum::PublicKey::from(r.signer.0)];
    let p_hash = sigsum::Hash::new(&r.message);
    let p_policy = sigsum::Policy::parse(&r.policy).expect("peer policy");
    let p_sig = sigsum::SigsumSignature::from_ascii(&r.proof).expect("peer proof");
    let data = [7u8; 65];
    let checkpoint = std::fs::read(format!(
        "{}/../tests/vectors/checkpoint/p-a-cosigned.checkpoint",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("checkpoint");
    let mut cbuf = vec![0u8; sigsum_core::MAX_COMPILED_LEN];
    let (x, y) = (Hash([1; 32]), Hash([2; 32]));
    let size = 1u64 << 40;
    let index = size / 3;
    let len = inclusion_path_len(index, size).expect("len");
    let path: Vec<Hash> = (0..len).map(|i| Hash([i as u8; 32])).collect();
    let root = root_from_inclusion(&x, index, size, &path).expect("root");
    let tree_root = proof.signed_tree_head.tree_head.root_hash;
    let tree_size = proof.signed_tree_head.tree_head.size;

    // Prepared policy and batch inputs (only built for the ops that use them).
    let prepared =
        PreparedPolicy::<_, _, 16>::new(&policy, &signers, DalekBackend).expect("prepare");
    let decoded = DalekBackend.prepare(&r.signer).expect("signer");
    let batch_inputs = op.starts_with("batch/").then(sigsum_benches::batch_1000);
    let batch_policy = batch_inputs
        .as_ref()
        .map(|b| Policy::from_text(b.policy.as_bytes()).expect("batch policy"));
    let batch_signers = batch_inputs
        .as_ref()
        .map(|b| [PublicKey(b.signer)])
        .unwrap_or([r.signer]);
    let batch_prepared = batch_policy.as_ref().map(|p| {
        PreparedPolicy::<_, _, 16>::new(p, &batch_signers, DalekBackend).expect("prepare batch")
    });
    let batch_proofs: Vec<(Hash, Proof<'_>)> = batch_inputs
        .as_ref()
        .map(|b| {
            b.proofs
                .iter()
                .map(|(m, t)| (Hash(*m), Proof::parse(t.as_bytes()).expect("batch proof")))
                .collect()
        })
        .unwrap_or_default();

    let tlog = sigsum_benches::tlog();
    let tlog_policy = TlogPolicy::parse(tlog.policy.as_bytes()).expect("tlog policy");
    let tlog_proof = TlogProof::parse(tlog.proof.as_bytes()).expect("tlog proof");
    let tlog_path: Vec<Hash> = tlog_proof.path().iter().collect();
    let tlog_head = tlog_proof.checkpoint().tree_head;
    let tlog_options = TlogOptions::default();

    // The binary formats: the real proof converted (tests/vectors/{spic,tkey}).
    let vector = |rel: &str| {
        std::fs::read(format!(
            "{}/../tests/vectors/{rel}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .expect("binary vector")
    };
    let (spic_policy, spic_proof) = (
        vector("spic/serviceberry.policy.bin"),
        vector("spic/serviceberry.proof.bin"),
    );
    let (tkey_policy, tkey_proof) = (
        vector("tkey/serviceberry.policy.bin"),
        vector("tkey/serviceberry.proof.bin"),
    );

    let mut run: Box<dyn FnMut() -> bool> = match op {
        "ours/tlog-proof-verify" => Box::new(|| {
            verify_tlog_proof(
                black_box(tlog.proof.as_bytes()),
                &tlog.leaf_hash,
                &tlog_policy,
                &DalekBackend,
                &tlog_options,
            )
            .is_ok()
        }),
        "ours/tlog-proof-hashing" => Box::new(|| {
            root_from_inclusion(
                &tlog.leaf_hash,
                tlog_proof.index,
                tlog_head.size,
                black_box(&tlog_path),
            )
            .is_ok()
        }),
        "ours/tlog-policy-parse" => {
            Box::new(|| TlogPolicy::parse(black_box(tlog.policy.as_bytes())).is_ok())
        }
        "binary/spic-parse-verify" => Box::new(|| {
            sigsum_core::verify_spic_bytes(
                black_box(&msg_hash),
                &signers,
                black_box(&spic_policy),
                black_box(&spic_proof),
                &DalekBackend,
            )
            .is_ok()
        }),
        "binary/tkey-parse-verify" => Box::new(|| {
            sigsum_core::verify_tkey_bytes(
                black_box(&msg_hash),
                black_box(&tkey_policy),
                black_box(&tkey_proof),
                &DalekBackend,
            )
            .is_ok()
        }),
        "floor/ed25519-prepared" => Box::new(|| {
            DalekBackend.verify_prepared(black_box(&decoded), black_box(&signed), &leaf.signature)
        }),
        "ours/prepared-verify" => Box::new(|| {
            prepared
                .verify(black_box(&msg_hash), black_box(&proof))
                .is_ok()
        }),
        "batch/verify-1000" => Box::new(|| {
            let p = batch_prepared.as_ref().expect("batch");
            let mut b = BatchVerifier::<_, _, 16>::new(p);
            batch_proofs
                .iter()
                .all(|(m, proof)| b.verify(black_box(m), black_box(proof)).is_ok())
        }),
        "batch/hashing-1000" => Box::new(|| {
            batch_proofs.iter().all(|(m, proof)| {
                let leaf = Leaf {
                    checksum: sha256(&m.0),
                    signature: proof.leaf_signature,
                    key_hash: proof.leaf_key_hash,
                };
                let th = &proof.signed_tree_head.tree_head;
                verify_inclusion(
                    &black_box(&leaf).hash(),
                    proof.leaf_index,
                    th.size,
                    &th.root_hash,
                    proof.path.iter(),
                )
                .is_ok()
            })
        }),
        "floor/sha256-65B" => Box::new(|| black_box(sha256(black_box(&data))).0[0] == 0),
        "floor/ed25519-verify" => Box::new(|| {
            DalekBackend.verify(black_box(&r.signer), black_box(&signed), &leaf.signature)
        }),
        "core/hash-node" => Box::new(|| hash_node(black_box(&x), black_box(&y)).0[0] == 0),
        "core/leaf-hash" => Box::new(|| black_box(&leaf).hash().0[0] == 0),
        "merkle/inclusion-2^40" => {
            Box::new(|| verify_inclusion(&x, black_box(index), size, &root, &path).is_ok())
        }
        "ours/proof-parse" => Box::new(|| Proof::parse(black_box(r.proof.as_bytes())).is_ok()),
        "ours/proof-verify" => Box::new(|| {
            verify(
                black_box(&msg_hash),
                &signers,
                &policy,
                black_box(&proof),
                &DalekBackend,
            )
            .is_ok()
        }),
        "ours/parse-verify" => Box::new(|| {
            verify_bytes(
                black_box(&msg_hash),
                &signers,
                &policy,
                black_box(r.proof.as_bytes()),
                &DalekBackend,
            )
            .is_ok()
        }),
        "ours/proof-hashing" => Box::new(|| {
            let lh = black_box(&leaf).hash();
            verify_inclusion(
                &lh,
                proof.leaf_index,
                tree_size,
                &tree_root,
                proof.path.iter(),
            )
            .is_ok()
        }),
        "ours/policy-parse" => {
            Box::new(|| TextPolicy::parse(black_box(r.policy.as_bytes())).is_ok())
        }
        "ours/checkpoint-parse" => {
            Box::new(|| sigsum_core::Checkpoint::parse(black_box(&checkpoint)).is_ok())
        }
        "ours/policy-compile" => Box::new(move || black_box(&policy).compile(&mut cbuf).is_ok()),
        "ours/compiled-load" => Box::new(|| CompiledPolicy::from_bytes(black_box(&blob)).is_ok()),
        "ours/quorum-text" => Box::new(|| {
            let mut set = sigsum_core::WitnessSet::EMPTY;
            for i in 0..8 {
                set.insert(i);
            }
            policy.is_satisfied(black_box(&set))
        }),
        "sigsum03/proof-parse" => {
            Box::new(|| sigsum::SigsumSignature::from_ascii(black_box(&r.proof)).is_ok())
        }
        "sigsum03/proof-verify" => Box::new(|| {
            sigsum::verify(black_box(&p_hash), black_box(&p_sig), &p_signers, &p_policy).is_ok()
        }),
        "sigsum03/parse-verify" => Box::new(|| {
            sigsum::SigsumSignature::from_ascii(black_box(&r.proof))
                .is_ok_and(|s| sigsum::verify(&p_hash, &s, &p_signers, &p_policy).is_ok())
        }),
        "sigsum03/policy-parse" => Box::new(|| sigsum::Policy::parse(black_box(&r.policy)).is_ok()),
        "list" => {
            println!("ops are the names matched in examples/icount.rs");
            return;
        }
        _ => {
            eprintln!("unknown op {op}");
            std::process::exit(2);
        }
    };
    let mut ok = 0u32;
    for _ in 0..n {
        ok += u32::from(run());
    }
    black_box(ok);
}
