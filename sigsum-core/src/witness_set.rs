//! Sets of witness indices, the currency of quorum evaluation.
//!
//! A trust policy numbers its witnesses (`0..MAX_WITNESSES`); verification
//! collects the indices of the witnesses whose cosignature verified in a
//! [`WitnessSet`] and asks the policy whether they satisfy its quorum.

/// The most witnesses any policy can hold (the compiled format counts them
/// in one byte).
pub const MAX_WITNESSES: usize = 255;

/// A set of witness indices (`0..MAX_WITNESSES`), for example the witnesses
/// whose cosignature verified. Fixed size, no allocation.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct WitnessSet {
    bits: [u64; 4],
}

impl WitnessSet {
    /// The empty set.
    pub const EMPTY: WitnessSet = WitnessSet { bits: [0; 4] };

    /// Add witness `index`.
    pub fn insert(&mut self, index: u8) {
        if let Some(w) = self.bits.get_mut(usize::from(index >> 6)) {
            *w |= 1u64 << (index & 63);
        }
    }

    /// Remove witness `index`.
    pub fn remove(&mut self, index: u8) {
        if let Some(w) = self.bits.get_mut(usize::from(index >> 6)) {
            *w &= !(1u64 << (index & 63));
        }
    }

    /// `true` if witness `index` is in the set.
    pub fn contains(&self, index: u8) -> bool {
        self.bits
            .get(usize::from(index >> 6))
            .is_some_and(|w| w & (1u64 << (index & 63)) != 0)
    }

    /// Number of witnesses in the set.
    pub fn len(&self) -> usize {
        self.bits.iter().map(|w| w.count_ones() as usize).sum()
    }

    /// `true` if the set is empty.
    pub fn is_empty(&self) -> bool {
        self.bits.iter().all(|w| *w == 0)
    }

    /// The union of two sets.
    pub fn union(&self, other: &WitnessSet) -> WitnessSet {
        let mut out = *self;
        for (a, b) in out.bits.iter_mut().zip(other.bits.iter()) {
            *a |= *b;
        }
        out
    }

    /// The members in increasing order.
    pub fn iter(&self) -> impl Iterator<Item = u8> + '_ {
        (0..=u8::MAX).filter(move |i| self.contains(*i))
    }
}
