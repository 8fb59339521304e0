//! The byte mutations of the no-panic property tests, shared by
//! `no_panic.rs` and `tlog_no_panic.rs`: a flipped, inserted or deleted
//! byte, or a truncation, at any position (taken modulo the length).

use proptest::prelude::*;

/// One mutation of an input.
#[derive(Clone, Debug)]
pub enum Mutation {
    Flip(usize, u8),
    Insert(usize, u8),
    Delete(usize),
    Truncate(usize),
}
/// Any mutation.
pub fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), 1u8..).prop_map(|(i, b)| Mutation::Flip(i, b)),
        (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Mutation::Insert(i, b)),
        any::<usize>().prop_map(Mutation::Delete),
        any::<usize>().prop_map(Mutation::Truncate),
    ]
}

/// `input` with `m` applied (nothing panics, even on empty input).
pub fn apply(input: &[u8], m: &Mutation) -> Vec<u8> {
    let mut v = input.to_vec();
    let n = v.len().max(1);
    match *m {
        Mutation::Flip(i, b) => {
            if let Some(x) = v.get_mut(i % n) {
                *x ^= b;
            }
        }
        Mutation::Insert(i, b) => v.insert(i % (v.len() + 1), b),
        Mutation::Delete(i) => {
            if !v.is_empty() {
                v.remove(i % n);
            }
        }
        Mutation::Truncate(i) => v.truncate(i % n),
    }
    v
}
