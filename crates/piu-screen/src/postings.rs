//! Key → names, for millions of names in little memory.
//!
//! Keys are 32-bit hashes. The postings are stored bucket by bucket (the top
//! bits of the key choose the bucket): one directory of bucket starts, and for
//! every posting the rest of its key, its name and its entry's birth years
//! (see [`crate::years`]), side by side, so that a lookup reads one directory
//! slot and one small bucket and thins by birth year from what it read. With
//! at least 16 bits choosing the bucket, the low 16 bits of a key tell it from
//! every other key in its bucket. Building counts first and places second, so
//! the store never needs more memory than it ends with.

use crate::years::YearCode;

/// One posting: the low bits of its key, its name's entry's birth years, its
/// name.
#[derive(Clone, Copy, Debug, Default)]
struct Posting {
    low: u16,
    years: YearCode,
    name: u32,
}

/// Bits of a key that choose a bucket, at least: the other 16 are kept.
const MIN_BITS: u32 = 16;

/// Name ids filed under 32-bit keys.
#[derive(Clone, Debug, Default)]
pub struct Postings {
    /// Bits of the key that choose the bucket.
    bits: u32,
    /// Start of each bucket in `postings`; one more at the end.
    starts: Vec<u32>,
    postings: Vec<Posting>,
}

impl Postings {
    /// Builds the store from a source that can list every (key, name, birth
    /// years) triple three times, in the same order: once to count, once to
    /// size the buckets, once to place.
    pub fn build<F>(triples: F) -> Postings
    where
        F: Fn(&mut dyn FnMut(u32, u32, YearCode)),
    {
        let mut total = 0usize;
        triples(&mut |_, _, _| total += 1);
        // About four postings a bucket.
        let bits = (usize::BITS - (total / 4).max(1).leading_zeros()).clamp(MIN_BITS, 28);
        let buckets = 1usize << bits;
        let mut starts = vec![0u32; buckets + 1];
        let shift = 32 - bits;
        triples(&mut |key, _, _| starts[(key >> shift) as usize + 1] += 1);
        for b in 0..buckets {
            starts[b + 1] += starts[b];
        }
        let mut fill = starts.clone();
        let mut postings = vec![Posting::default(); total];
        triples(&mut |key, name, years| {
            let slot = &mut fill[(key >> shift) as usize];
            postings[*slot as usize] = Posting {
                low: key as u16,
                years,
                name,
            };
            *slot += 1;
        });
        Postings {
            bits,
            starts,
            postings,
        }
    }

    /// Calls `f` with every name filed under `key` and its birth years.
    pub fn each(&self, key: u32, f: impl FnMut(u32, YearCode)) {
        self.scan(key, self.bucket(key), f);
    }

    /// [`Postings::each`] for many keys. Every key's bucket is located
    /// first, then every bucket is read: at millions of postings each
    /// location and each bucket is a cache miss, and misses that do not wait
    /// on one another overlap.
    pub fn each_of(&self, keys: &[u32], mut f: impl FnMut(u32, YearCode)) {
        let buckets: Vec<(u32, u32)> = keys.iter().map(|&k| self.bucket(k)).collect();
        let first = buckets.iter().fold(0u32, |sum, &(start, end)| {
            let p = self.postings.get(start as usize).filter(|_| start < end);
            sum.wrapping_add(p.map_or(0, |p| p.name))
        });
        std::hint::black_box(first);
        for (&key, &bucket) in keys.iter().zip(&buckets) {
            self.scan(key, bucket, &mut f);
        }
    }

    /// Where the bucket of `key` starts and ends.
    fn bucket(&self, key: u32) -> (u32, u32) {
        if self.starts.is_empty() {
            return (0, 0);
        }
        let bucket = (key >> (32 - self.bits)) as usize;
        (self.starts[bucket], self.starts[bucket + 1])
    }

    fn scan(&self, key: u32, (start, end): (u32, u32), mut f: impl FnMut(u32, YearCode)) {
        let low = key as u16;
        for p in &self.postings[start as usize..end as usize] {
            if p.low == low {
                f(p.name, p.years);
            }
        }
    }

    /// Postings held.
    pub fn len(&self) -> usize {
        self.postings.len()
    }

    pub fn heap_bytes(&self) -> usize {
        self.starts.capacity() * 4 + self.postings.capacity() * std::mem::size_of::<Posting>()
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
        let p = Postings::build(|f| pairs.iter().for_each(|&(k, n)| f(k, n, n as u16)));
        assert_eq!(p.len(), pairs.len());
        for key in [0u32, 17, 2_999, 3_000, u32::MAX] {
            let mut got = Vec::new();
            p.each(key, |n, years| {
                assert_eq!(years, n as u16);
                got.push(n)
            });
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
    fn keys_alike_in_their_low_bits_are_told_apart() {
        let keys = [0x0000_1234u32, 0x0001_1234, 0x8000_1234, 0xffff_1234];
        let p = Postings::build(|f| {
            for (n, k) in keys.iter().enumerate() {
                f(*k, n as u32, 0)
            }
        });
        for (n, k) in keys.iter().enumerate() {
            let mut got = Vec::new();
            p.each(*k, |name, _| got.push(name));
            assert_eq!(got, vec![n as u32], "{k:x}");
        }
    }

    #[test]
    fn many_keys_find_what_each_finds() {
        let pairs: Vec<(u32, u32)> = (0..2_000u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) % 700, i))
            .collect();
        let p = Postings::build(|f| pairs.iter().for_each(|&(k, n)| f(k, n, 0)));
        let keys = [3u32, 699, 700, 3, 12];
        let mut one_by_one = Vec::new();
        for &k in &keys {
            p.each(k, |n, _| one_by_one.push(n));
        }
        let mut together = Vec::new();
        p.each_of(&keys, |n, _| together.push(n));
        assert!(!together.is_empty());
        assert_eq!(together, one_by_one);
    }

    #[test]
    fn empty_store_finds_nothing() {
        let p = Postings::build(|_| {});
        let mut n = 0;
        p.each(42, |_, _| n += 1);
        p.each_of(&[42, 7], |_, _| n += 1);
        assert_eq!(n, 0);
    }
}
