//! The watchlists in memory, ready for screening.
//!
//! Every name of every entry (aliases included) is prepared once into a name
//! book and filed under its blocking keys (see [`crate::blocking`]). Beside it:
//! each entry's evidence in compact form, each entry's birth years in its
//! postings (to thin out the candidates of very common names), an index of document numbers, and the
//! lost, stolen and invalid documents. An index is built whole and then
//! replaced whole (see [`crate::Screener`]); it is never changed in place.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};

use piu_model::Gender;
use piu_names::{Frequencies, Matcher, NameBook, NameId};
use piu_watchlist::{Document, DocumentEntry, Entry, List, PartialDate};

use crate::blocking::{self, DateCode, Side};
use crate::person::{confusable_form, normalise_number};
use crate::postings::Postings;
use crate::years::{self, YearCode};

/// An entry's evidence, kept small: a million of them stay in memory.
#[derive(Clone, Debug)]
pub struct EntryRecord {
    pub list: u16,
    pub id: Box<str>,
    /// The entry's names as screened, primary first: the primary read from
    /// the source's separate fields when it gave them (`SURNAME, Given`), so
    /// that a hit explains the very name it scored.
    pub names: Box<[Box<str>]>,
    /// Bit `i` set: name `i` is a weak alias.
    pub weak: u32,
    pub gender: Option<Gender>,
    pub birth_dates: Box<[PartialDate]>,
    pub nationalities: Box<[Box<str>]>,
    pub documents: Box<[Document]>,
    pub provenance: Box<str>,
    /// Changes when any of the above changes (see [`crate::Ledger`]).
    pub fingerprint: u64,
}

impl EntryRecord {
    /// Reads what weighing the entry reads (its birth dates, nationalities
    /// and document numbers), and returns a value made of it, to be passed
    /// to [`std::hint::black_box`]: done for every entry to be weighed in
    /// one loop, the cache misses of the records, and of what they point to,
    /// overlap instead of coming one after another.
    pub(crate) fn touch(&self) -> usize {
        let dates = self.birth_dates.first().map_or(0, |d| d.year as usize);
        let nationality = self.nationalities.first().map_or(0, |n| n.len());
        let document = self.documents.first().map_or(0, |d| d.number.len());
        dates ^ nationality ^ document
    }
}

/// A list's entries and documents, as given to [`Index::build`].
#[derive(Clone, Debug)]
pub struct ListData {
    pub list: List,
    pub entries: Vec<Entry>,
    pub documents: Vec<DocumentEntry>,
}

/// Birth years an entry may have, for thinning candidates: `(0, u16::MAX)`
/// when unknown.
type Years = (u16, u16);

/// Whose a name is, with the one fact of its entry that screening asks of
/// every candidate (could a birth date confirm a slip?), so that a candidate's
/// entry record is read only when it is weighed: at a million entries those
/// records are scattered over a gigabyte, and reading one is a cache miss.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Owner {
    pub entry: u32,
    /// The name's place among its entry's names (0: the primary name).
    pub place: u8,
    born: BornMonth,
}

/// An entry's birth year and month, packed: [`NO_MONTH`] when no birth date
/// gives a month, [`SEVERAL_MONTHS`] when the entry must be asked (several
/// dates, or a year too far out to pack).
type BornMonth = u16;
const NO_MONTH: BornMonth = 0;
const SEVERAL_MONTHS: BornMonth = u16::MAX;
/// The earliest year packed.
const MONTH_BASE: i32 = 1800;

fn month_code(year: i32, month: u8) -> Option<BornMonth> {
    let months = (year - MONTH_BASE).checked_mul(12)? + i32::from(month);
    u16::try_from(months)
        .ok()
        .filter(|m| (1..SEVERAL_MONTHS).contains(m) && (1..=12).contains(&month))
}

/// Whether an entry packed as `born` was born in this year and month; its
/// dates are read only when the packing cannot tell.
fn born_in<'a>(
    born: BornMonth,
    year: i32,
    month: u8,
    dates: impl FnOnce() -> &'a [PartialDate],
) -> bool {
    match born {
        NO_MONTH => false,
        SEVERAL_MONTHS => dates()
            .iter()
            .any(|d| d.year == year && d.month == Some(month)),
        code => month_code(year, month) == Some(code),
    }
}

fn born_month(dates: &[PartialDate]) -> BornMonth {
    let mut with_month = dates.iter().filter_map(|d| Some((d.year, d.month?)));
    match (with_month.next(), with_month.next()) {
        (None, _) => NO_MONTH,
        (Some((year, month)), None) => month_code(year, month).unwrap_or(SEVERAL_MONTHS),
        (Some(_), Some(_)) => SEVERAL_MONTHS,
    }
}

/// Everything screening reads.
pub struct Index {
    pub(crate) lists: Vec<List>,
    pub(crate) entries: Vec<EntryRecord>,
    pub(crate) matcher: Matcher,
    pub(crate) book: NameBook,
    /// Each name's entry, by name id.
    pub(crate) owner: Vec<Owner>,
    /// Names by blocking key, each with its entry's birth years: candidates
    /// are thinned before their entry is looked at.
    pub(crate) postings: Postings,
    /// Names by birth date and one part (see [`blocking::dated_keys`]).
    pub(crate) dated: Postings,
    /// Entries by the hash of their documents' numbers in confusable form
    /// ([`document_key`]): a lookup reads one directory slot and one small
    /// bucket. Two numbers may share a key; the numbers themselves are
    /// compared when the entry is weighed.
    pub(crate) document_numbers: Postings,
    /// Lost, stolen and invalid documents by confusable number.
    pub(crate) lost_documents: HashMap<String, Vec<(u16, DocumentEntry)>>,
}

/// The key a document number is filed under: its confusable form, hashed.
fn document_key(number: &str) -> u32 {
    let h = hash_of(&confusable_form(&normalise_number(number)));
    (h ^ (h >> 32)) as u32
}

fn hash_of(value: &impl Hash) -> u64 {
    let mut h = DefaultHasher::new();
    value.hash(&mut h);
    h.finish()
}

/// How an entry's primary name is best read: from separate fields when the
/// source gave them, so that the surname is known.
fn primary_name(entry: &Entry) -> String {
    match &entry.name_parts {
        Some(p) if !p.last.trim().is_empty() => {
            let given = [p.first.trim(), p.middle.trim()]
                .iter()
                .filter(|s| !s.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(" ");
            format!("{}, {}", p.last.trim(), given)
        }
        _ => entry.names.first().cloned().unwrap_or_default(),
    }
}

impl Index {
    /// Builds the index of the given lists.
    pub fn build(data: Vec<ListData>) -> Index {
        let mut book = NameBook::new();
        let plain = Matcher::default();
        let mut lists = Vec::with_capacity(data.len());
        let mut entries = Vec::new();
        let mut owner = Vec::new();
        // Each name's entry's birth years, for its postings.
        let mut births: Vec<YearCode> = Vec::new();
        let mut lost_documents: HashMap<String, Vec<(u16, DocumentEntry)>> = HashMap::new();
        for (l, d) in data.into_iter().enumerate() {
            let list_no = l as u16;
            lists.push(d.list);
            for e in d.entries {
                let entry_no = entries.len() as u32;
                if e.names.is_empty() {
                    continue;
                }
                let mut names = e.names.clone();
                names[0] = primary_name(&e);
                let born = years::code(year_range(&e.birth_dates));
                let month = born_month(&e.birth_dates);
                for (k, n) in names.iter().enumerate().take(32) {
                    plain.add_to(&mut book, n);
                    owner.push(Owner {
                        entry: entry_no,
                        place: k as u8,
                        born: month,
                    });
                    births.push(born);
                }
                let weak = e
                    .weak_aliases
                    .iter()
                    .filter(|i| **i < 32)
                    .fold(0u32, |m, i| m | 1 << i);
                let fingerprint = hash_of(&format!(
                    "{:?}{:?}{:?}{:?}{:?}",
                    e.names, e.birth_dates, e.nationalities, e.gender, e.documents
                ));
                entries.push(EntryRecord {
                    list: list_no,
                    id: e.id.into_boxed_str(),
                    names: names.into_iter().map(String::into_boxed_str).collect(),
                    weak,
                    gender: e.gender,
                    birth_dates: e.birth_dates.into_boxed_slice(),
                    nationalities: e
                        .nationalities
                        .into_iter()
                        .map(String::into_boxed_str)
                        .collect(),
                    documents: e.documents.into_boxed_slice(),
                    provenance: format!("{} {}", e.provenance.source, e.provenance.locator)
                        .into_boxed_str(),
                    fingerprint,
                });
            }
            for doc in d.documents {
                let key = confusable_form(&normalise_number(&doc.number));
                lost_documents.entry(key).or_default().push((list_no, doc));
            }
        }
        // Rare parts weigh more: count the parts of every name, then weigh.
        let mut frequencies = Frequencies::default();
        book.count_into(&mut frequencies);
        book.reweigh(&frequencies);
        book.shrink_to_fit();
        let postings = Postings::build(|f| {
            for (id, born) in births.iter().enumerate() {
                for key in blocking::keys(book.view(id as NameId), Side::File) {
                    f(key, id as u32, *born);
                }
            }
        });
        let dated = Postings::build(|f| {
            for id in 0..book.len() {
                let entry = &entries[owner[id].entry as usize];
                for code in entry.birth_dates.iter().filter_map(|d| date_code(*d)) {
                    for key in blocking::dated_keys(book.view(id as NameId), code) {
                        f(key, id as u32, years::UNKNOWN);
                    }
                }
            }
        });
        let mut document_numbers: Vec<(u32, u32)> = entries
            .iter()
            .enumerate()
            .flat_map(|(i, e)| {
                e.documents
                    .iter()
                    .map(move |d| (document_key(&d.number), i as u32))
            })
            .collect();
        document_numbers.sort_unstable();
        document_numbers.dedup();
        owner.shrink_to_fit();
        entries.shrink_to_fit();
        Index {
            lists,
            entries,
            matcher: Matcher::new(frequencies),
            book,
            owner,
            postings,
            dated,
            document_numbers: Postings::build(|f| {
                for &(key, entry) in &document_numbers {
                    f(key, entry, years::UNKNOWN);
                }
            }),
            lost_documents,
        }
    }

    pub fn lists(&self) -> &[List] {
        &self.lists
    }

    pub fn entries(&self) -> &[EntryRecord] {
        &self.entries
    }

    /// Names filed (entries' names and aliases).
    pub fn names(&self) -> usize {
        self.book.len()
    }

    /// Postings in the blocking index.
    pub fn postings(&self) -> usize {
        self.postings.len()
    }

    /// Heap bytes held by the name book, the blocking postings and the entries
    /// (an estimate from capacities; allocator overhead not counted).
    pub fn heap_bytes(&self) -> usize {
        let entries: usize = self
            .entries
            .iter()
            .map(|e| {
                std::mem::size_of::<EntryRecord>()
                    + e.id.len()
                    + e.names.iter().map(|n| n.len() + 16).sum::<usize>()
                    + e.birth_dates.len() * std::mem::size_of::<PartialDate>()
                    + e.nationalities.iter().map(|n| n.len() + 16).sum::<usize>()
                    + e.documents.len() * std::mem::size_of::<Document>()
                    + e.documents.iter().map(|d| d.number.len()).sum::<usize>()
                    + e.provenance.len()
            })
            .sum();
        self.book.heap_bytes()
            + self.postings.heap_bytes()
            + self.dated.heap_bytes()
            + entries
            + self.owner.capacity() * std::mem::size_of::<Owner>()
            + self.document_numbers.heap_bytes()
    }

    /// The matcher screening uses: part weights learned from these lists.
    pub fn matcher(&self) -> &Matcher {
        &self.matcher
    }

    /// Whether the owner's entry was born in this year and month (by any of
    /// its birth dates).
    pub(crate) fn born_in_month(&self, owner: Owner, year: i32, month: u8) -> bool {
        born_in(owner.born, year, month, || {
            &self.entries[owner.entry as usize].birth_dates
        })
    }

    /// Entries holding a document whose number reads the same (up to O/0 and I/1).
    pub(crate) fn entries_with_document(&self, number: &str) -> Vec<u32> {
        let mut entries = Vec::new();
        self.document_numbers
            .each(document_key(number), |entry, _| entries.push(entry));
        entries
    }
}

/// How a birth date is filed for [`blocking::dated_keys`]: a full date, or a
/// year and month; none for a year alone or 1 January (a placeholder), which
/// cannot confirm a slip.
pub(crate) fn date_code(d: PartialDate) -> Option<DateCode> {
    let month = d.month?;
    if month == 1 && d.day == Some(1) {
        return None;
    }
    let [lo, hi] = (d.year.clamp(0, i32::from(u16::MAX)) as u16).to_le_bytes();
    Some([lo, hi, month, d.day.unwrap_or(0)])
}

/// The first and last birth year an entry may have.
fn year_range(dates: &[PartialDate]) -> Years {
    let ys = dates
        .iter()
        .map(|d| d.year.clamp(0, u16::MAX as i32 - 1) as u16);
    match (ys.clone().min(), ys.max()) {
        (Some(a), Some(b)) => (a, b),
        _ => (0, u16::MAX),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_document_number_finds_its_entries_and_no_other() {
        let number = |i: u32| format!("C{:07}", i * 7);
        let mut filed: Vec<(u32, u32)> =
            (0..5_000).map(|i| (document_key(&number(i)), i)).collect();
        // One number held by two entries, given twice.
        filed.extend([(document_key(&number(7)), 9_000); 2]);
        filed.sort_unstable();
        filed.dedup();
        let numbers = Postings::build(|f| filed.iter().for_each(|&(k, e)| f(k, e, years::UNKNOWN)));
        let entries = |n: &str| {
            let mut got = Vec::new();
            numbers.each(document_key(n), |e, _| got.push(e));
            got.sort_unstable();
            got
        };
        for i in 0..5_000 {
            let want = if i == 7 { vec![7, 9_000] } else { vec![i] };
            assert_eq!(entries(&number(i)), want, "{i}");
        }
        assert_eq!(entries("c 000 0021"), [3], "spacing and case");
        assert_eq!(entries("CO000021"), [3], "O for 0");
        assert!(entries("C0000022").is_empty());
    }

    #[test]
    fn the_packed_birth_month_answers_as_the_dates_do() {
        let date = |year, month, day| PartialDate { year, month, day };
        let entries: Vec<Vec<PartialDate>> = vec![
            vec![],
            vec![date(1975, None, None)],
            vec![date(1975, Some(3), None)],
            vec![date(1975, Some(3), Some(14))],
            vec![date(1975, Some(12), Some(31)), date(1976, Some(1), Some(2))],
            vec![date(1799, Some(3), Some(1))],
            vec![date(1800, Some(1), Some(1))],
            vec![date(9000, Some(3), Some(1))],
            vec![date(1975, Some(13), None)],
            vec![date(-5, Some(3), None)],
        ];
        for dates in &entries {
            let packed = born_month(dates);
            for year in [-5, 0, 1799, 1800, 1974, 1975, 1976, 9000] {
                for month in 0..=13 {
                    let rule = dates
                        .iter()
                        .any(|d| d.year == year && d.month == Some(month));
                    assert_eq!(
                        born_in(packed, year, month, || dates),
                        rule,
                        "{dates:?} {year}-{month}"
                    );
                }
            }
        }
    }
}
