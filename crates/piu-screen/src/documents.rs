//! Entries by document number: every traveller's documents are looked up, so
//! a lookup should read little. The numbers' hashes are kept sorted, with a
//! directory of where each run of hashes sharing their top bits starts; a
//! lookup reads one directory slot and a run of a few hashes (a binary search
//! over a million would read about twenty places, most of them cache misses).

/// Hashes of document numbers (see [`crate::index`]) with their entries.
#[derive(Clone, Debug, Default)]
pub struct DocumentNumbers {
    /// Bits of a hash that choose its run.
    bits: u32,
    /// Start of each run in `numbers`; one more at the end.
    starts: Vec<u32>,
    /// Sorted, without repeats.
    numbers: Vec<(u64, u32)>,
}

impl DocumentNumbers {
    pub fn new(mut numbers: Vec<(u64, u32)>) -> Self {
        numbers.sort_unstable();
        numbers.dedup();
        numbers.shrink_to_fit();
        // About two hashes a run.
        let bits = (usize::BITS - (numbers.len() / 2).max(1).leading_zeros()).clamp(1, 30);
        let runs = 1usize << bits;
        let mut starts = Vec::with_capacity(runs + 1);
        let mut at = 0usize;
        for run in 0..runs as u64 {
            while at < numbers.len() && numbers[at].0 >> (64 - bits) < run {
                at += 1;
            }
            starts.push(at as u32);
        }
        starts.push(numbers.len() as u32);
        DocumentNumbers {
            bits,
            starts,
            numbers,
        }
    }

    /// Entries holding a number with this hash.
    pub fn entries(&self, hash: u64) -> impl Iterator<Item = u32> + '_ {
        let run = (hash >> (64 - self.bits)) as usize;
        let found = match (self.starts.get(run), self.starts.get(run + 1)) {
            (Some(&a), Some(&b)) => &self.numbers[a as usize..b as usize],
            _ => &[],
        };
        found
            .iter()
            .filter(move |(h, _)| *h == hash)
            .map(|(_, e)| *e)
    }

    pub fn heap_bytes(&self) -> usize {
        self.starts.capacity() * 4 + self.numbers.capacity() * std::mem::size_of::<(u64, u32)>()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_number_finds_its_entries_and_no_other() {
        let spread = |i: u64| (i + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        let mut numbers: Vec<(u64, u32)> = (0..5_000u64).map(|i| (spread(i), i as u32)).collect();
        // One number held by two entries, given twice; and the extremes.
        numbers.extend([
            (spread(7), 9_000),
            (spread(7), 9_000),
            (0, 1),
            (u64::MAX, 2),
        ]);
        let index = DocumentNumbers::new(numbers);
        for i in 0..5_000u64 {
            let mut got: Vec<u32> = index.entries(spread(i)).collect();
            got.sort_unstable();
            let want = if i == 7 {
                vec![7, 9_000]
            } else {
                vec![i as u32]
            };
            assert_eq!(got, want, "{i}");
        }
        assert_eq!(index.entries(0).collect::<Vec<_>>(), [1]);
        assert_eq!(index.entries(u64::MAX).collect::<Vec<_>>(), [2]);
        assert_eq!(index.entries(spread(5_001)).count(), 0);
        assert_eq!(DocumentNumbers::new(Vec::new()).entries(42).count(), 0);
    }
}
