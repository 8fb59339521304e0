//! `write_batch DIR [TREES] [PER_TREE]`: write generated proofs sharing
//! tree heads (testkit::batch; default 100 trees of 100 leaves = 10,000
//! proofs) as `DIR/proofs/tNNN/fileNNNNN` + `.proof`, with `DIR/signer.pub`
//! and `DIR/policy`, for timing `sigsum-verify-batch`.
use sigsum_core::{write_ssh_key, PublicKey, Writer};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let dir = std::path::PathBuf::from(
        args.get(1)
            .expect("usage: write_batch DIR [TREES] [PER_TREE]"),
    );
    let trees = args.get(2).map_or(100, |s| s.parse().expect("trees"));
    let per_tree = args.get(3).map_or(100, |s| s.parse().expect("per tree"));
    let b = testkit::batch::batch(11, trees, per_tree);
    std::fs::create_dir_all(&dir).expect("dir");
    let mut buf = [0u8; 256];
    let mut w = Writer::new(&mut buf);
    write_ssh_key(&PublicKey(b.signer), None, "batch signer", &mut w).expect("key");
    std::fs::write(dir.join("signer.pub"), w.written()).expect("key file");
    std::fs::write(dir.join("policy"), &b.policy).expect("policy");
    for (i, ((_, proof), data)) in b.proofs.iter().zip(&b.data).enumerate() {
        let sub = dir.join("proofs").join(format!("t{:03}", i / per_tree));
        std::fs::create_dir_all(&sub).expect("subdir");
        let file = sub.join(format!("file{i:05}"));
        std::fs::write(&file, data).expect("data");
        std::fs::write(sub.join(format!("file{i:05}.proof")), proof).expect("proof");
    }
    println!("{} proofs under {}", b.proofs.len(), dir.display());
}
