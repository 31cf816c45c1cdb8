//! Key → names, for millions of names in little memory.
//!
//! Keys are 32-bit hashes. The postings are stored bucket by bucket (the top
//! bits of the key choose the bucket): one directory of bucket starts, and for
//! every posting its key and its name. A lookup reads one directory slot and
//! scans one small bucket. Building counts first and places second, so the
//! store never needs more memory than it ends with.

/// Name ids filed under 32-bit keys.
#[derive(Clone, Debug, Default)]
pub struct Postings {
    /// Bits of the key that choose the bucket.
    bits: u32,
    /// Start of each bucket in `keys`/`names`; one more at the end.
    starts: Vec<u32>,
    keys: Vec<u32>,
    names: Vec<u32>,
}

impl Postings {
    /// Builds the store from a source that can list every (key, name) pair
    /// twice, in the same order: once to count, once to place.
    pub fn build<F>(pairs: F) -> Postings
    where
        F: Fn(&mut dyn FnMut(u32, u32)),
    {
        let mut total = 0usize;
        pairs(&mut |_, _| total += 1);
        // About four postings a bucket.
        let bits = (usize::BITS - (total / 4).max(1).leading_zeros()).clamp(4, 28);
        let buckets = 1usize << bits;
        let mut starts = vec![0u32; buckets + 1];
        let shift = 32 - bits;
        pairs(&mut |key, _| starts[(key >> shift) as usize + 1] += 1);
        for b in 0..buckets {
            starts[b + 1] += starts[b];
        }
        let mut fill = starts.clone();
        let mut keys = vec![0u32; total];
        let mut names = vec![0u32; total];
        pairs(&mut |key, name| {
            let slot = &mut fill[(key >> shift) as usize];
            keys[*slot as usize] = key;
            names[*slot as usize] = name;
            *slot += 1;
        });
        Postings {
            bits,
            starts,
            keys,
            names,
        }
    }

    /// Calls `f` with every name filed under `key`.
    pub fn each(&self, key: u32, mut f: impl FnMut(u32)) {
        if self.starts.is_empty() {
            return;
        }
        let bucket = (key >> (32 - self.bits)) as usize;
        let (start, end) = (
            self.starts[bucket] as usize,
            self.starts[bucket + 1] as usize,
        );
        for (k, n) in self.keys[start..end].iter().zip(&self.names[start..end]) {
            if *k == key {
                f(*n);
            }
        }
    }

    /// Postings held.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    pub fn heap_bytes(&self) -> usize {
        (self.starts.capacity() + self.keys.capacity() + self.names.capacity()) * 4
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_posting_is_found_under_its_key_only() {
        let pairs: Vec<(u32, u32)> = (0..10_000u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) % 3_000, i))
            .collect();
        let p = Postings::build(|f| pairs.iter().for_each(|&(k, n)| f(k, n)));
        assert_eq!(p.len(), pairs.len());
        for key in [0u32, 17, 2_999, 3_000, u32::MAX] {
            let mut got = Vec::new();
            p.each(key, |n| got.push(n));
            got.sort_unstable();
            let want: Vec<u32> = pairs
                .iter()
                .filter(|(k, _)| *k == key)
                .map(|(_, n)| *n)
                .collect();
            assert_eq!(got, want, "key {key}");
        }
    }

    #[test]
    fn empty_store_finds_nothing() {
        let p = Postings::build(|_| {});
        let mut n = 0;
        p.each(42, |_| n += 1);
        assert_eq!(n, 0);
    }
}
