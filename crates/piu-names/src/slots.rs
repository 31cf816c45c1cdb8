//! A small open-addressing table for what one screening remembers: filled
//! for one traveller, then cleared for the next. Clearing resets only the
//! slots in use, so one table serves traveller after traveller without being
//! allocated, grown and zeroed for each.

/// A key of a [`Slots`] table; the default key marks a free slot and is
/// never stored.
pub(crate) trait SlotKey: Copy + Eq + Default {
    /// Where probing for the key starts (any bits; the table masks them).
    fn home(&self) -> u64;

    /// Whether this is the free key; a key may tell it more cheaply than by
    /// comparing it whole.
    fn is_free(&self) -> bool {
        *self == Self::default()
    }
}

/// Where a key is, or the free slot where it would go.
pub(crate) enum Probe {
    Found(usize),
    Free(usize),
}

#[derive(Clone, Debug)]
pub(crate) struct Slots<K, V> {
    slots: Vec<(K, V)>,
    /// Slots holding a key, so that clearing touches only them.
    used: Vec<u32>,
    /// Slots of a new table.
    smallest: usize,
    /// What a free slot holds beside the free key.
    filler: V,
}

/// Tables grown beyond this many times their first size are let go when
/// cleared: one traveller with thousands of candidates should not make every
/// later clear slow or keep the memory.
const KEPT_GROWTH: usize = 16;

impl<K: SlotKey, V: Copy> Slots<K, V> {
    /// A table that starts at `smallest` slots (a power of two) once used.
    pub fn new(smallest: usize, filler: V) -> Self {
        Slots {
            slots: Vec::new(),
            used: Vec::new(),
            smallest,
            filler,
        }
    }

    /// Where `key` is, or the free slot where it would go; makes room first.
    pub fn probe(&mut self, key: K) -> Probe {
        if self.used.len() * 2 >= self.slots.len() {
            self.grow();
        }
        let mask = self.slots.len() - 1;
        let mut at = key.home() as usize & mask;
        loop {
            let held = self.slots[at].0;
            if held == key {
                return Probe::Found(at);
            }
            if held.is_free() {
                return Probe::Free(at);
            }
            at = (at + 1) & mask;
        }
    }

    pub fn value(&self, at: usize) -> V {
        self.slots[at].1
    }

    /// Replaces the value of a found key.
    pub fn set(&mut self, at: usize, value: V) {
        self.slots[at].1 = value;
    }

    /// Puts a key into the free slot [`Slots::probe`] gave for it.
    pub fn insert(&mut self, at: usize, key: K, value: V) {
        self.slots[at] = (key, value);
        self.used.push(at as u32);
    }

    /// Forgets every key.
    pub fn clear(&mut self) {
        if self.slots.len() > self.smallest * KEPT_GROWTH {
            self.slots = Vec::new();
        } else {
            let free = (K::default(), self.filler);
            for &at in &self.used {
                self.slots[at as usize] = free;
            }
        }
        self.used.clear();
    }

    fn grow(&mut self) {
        let old = std::mem::take(&mut self.slots);
        let free = (K::default(), self.filler);
        self.slots = vec![free; (old.len() * 2).max(self.smallest)];
        self.used.clear();
        let mask = self.slots.len() - 1;
        for (key, value) in old.into_iter().filter(|s| !s.0.is_free()) {
            let mut at = key.home() as usize & mask;
            while !self.slots[at].0.is_free() {
                at = (at + 1) & mask;
            }
            self.insert(at, key, value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Keys that crowd seven homes, so that probing goes on past taken slots.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    struct Crowded(u64);

    impl SlotKey for Crowded {
        fn home(&self) -> u64 {
            self.0 % 7
        }
    }

    fn get(t: &mut Slots<Crowded, u32>, key: u64) -> Option<u32> {
        match t.probe(Crowded(key)) {
            Probe::Found(at) => Some(t.value(at)),
            Probe::Free(_) => None,
        }
    }

    #[test]
    fn keys_survive_growth_and_clearing_forgets_them() {
        let mut t: Slots<Crowded, u32> = Slots::new(4, 0);
        for round in 0..3u64 {
            for k in 1..=100u64 {
                match t.probe(Crowded(k * 3 + round)) {
                    Probe::Free(at) => t.insert(at, Crowded(k * 3 + round), k as u32),
                    Probe::Found(_) => panic!("{k} seen before"),
                }
            }
            for k in 1..=100u64 {
                assert_eq!(get(&mut t, k * 3 + round), Some(k as u32));
            }
            if let Probe::Found(at) = t.probe(Crowded(3 + round)) {
                t.set(at, 7);
            }
            assert_eq!(get(&mut t, 3 + round), Some(7));
            t.clear();
            for k in 1..=100u64 {
                assert_eq!(get(&mut t, k * 3 + round), None);
            }
        }
    }
}
