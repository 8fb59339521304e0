//! criterion benchmarks of sigsum-core.
use criterion::{black_box, criterion_group, criterion_main, Criterion};
use sigsum_core::crypto::sha256;

fn floors(c: &mut Criterion) {
    let data = [7u8; 65];
    c.bench_function("floor/sha256-65B", |b| b.iter(|| sha256(black_box(&data))));
}

criterion_group!(benches, floors);
criterion_main!(benches);
