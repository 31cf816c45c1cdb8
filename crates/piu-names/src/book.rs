//! Prepared names stored compactly, many to a book.
//!
//! A watchlist holds millions of names; each must stay ready for comparison
//! without the strings and small vectors a parsed name carries. A book keeps
//! every part as a fixed-size record and every key's letters, and what
//! inserting or deleting each letter costs, in shared arenas. A [`NameView`]
//! borrows one name's parts from a book; comparison works on views only, so the
//! one traveller being screened and the million entries it is screened against
//! go through the same code.

use crate::distance::{TokenRef, indel_costs};
use crate::frequency::Frequencies;
use crate::lexicon;
use crate::parse::{ParsedName, Role};

/// Keys kept per part (see [`crate::parse`]).
pub(crate) const MAX_KEYS: usize = 4;
/// Parts kept per name; the rest are ignored.
pub(crate) const MAX_PARTS: usize = 8;

/// What a part is, apart from its place in a name: its keys and known names
/// (whether it is an initial, or its vowels guessed, is kept with each part:
/// see [`PartRecord`]).
/// Parts spelled alike share one content (a million names hold a few hundred
/// thousand distinct parts), which saves memory and lets a comparison remember
/// what it found for a content (see [`crate::PartCache`]).
#[derive(Clone, Copy, Debug)]
struct PartContent {
    letters: u32,
    key_lens: [u8; MAX_KEYS],
    names: u32,
    names_len: u8,
}

/// One part of one name, fixed size: its content, role and weight, and what
/// comparisons most often ask of its content (in bytes the record would
/// otherwise leave as padding), so that they need not read the content.
#[derive(Clone, Copy, Debug)]
struct PartRecord {
    content: u32,
    role: Role,
    weight: f32,
    /// Letters of the usual key.
    key_len: u8,
    initial: bool,
    vowels_guessed: bool,
}

/// Index of a name in its book.
pub type NameId = u32;

/// What identifies a part's content while a book is filled.
type ContentKey = (Box<[u8]>, [u8; MAX_KEYS], bool, bool);

/// Many prepared names.
#[derive(Clone, Debug)]
pub struct NameBook {
    /// Start of each name's parts in `parts`; one more at the end.
    starts: Vec<u32>,
    parts: Vec<PartRecord>,
    contents: Vec<PartContent>,
    letters: Vec<u8>,
    indels: Vec<u8>,
    names: Vec<u32>,
    /// Contents already held, while the book is filled; emptied by
    /// [`NameBook::shrink_to_fit`].
    known: foldhash::HashMap<ContentKey, u32>,
    /// Whether parts spelled alike are looked for: not in the book of one
    /// name that every traveller is prepared into.
    shares: bool,
}

impl Default for NameBook {
    fn default() -> Self {
        NameBook::new()
    }
}

impl NameBook {
    pub fn new() -> Self {
        NameBook {
            starts: vec![0],
            parts: Vec::new(),
            contents: Vec::new(),
            letters: Vec::new(),
            indels: Vec::new(),
            names: Vec::new(),
            known: Default::default(),
            shares: true,
        }
    }

    /// A book for one name, where no part can repeat another name's.
    pub(crate) fn single() -> Self {
        NameBook {
            shares: false,
            ..NameBook::new()
        }
    }

    /// Adds a parsed name; part weights come from `frequencies`.
    pub fn add(&mut self, parsed: &ParsedName, frequencies: &Frequencies) -> NameId {
        for p in parsed.parts.iter().take(MAX_PARTS) {
            let mut key_lens = [0u8; MAX_KEYS];
            let mut spelled: Vec<u8> = Vec::new();
            for (k, key) in p.keys.iter().take(MAX_KEYS).enumerate() {
                let token = &key.as_bytes()[..key.len().min(crate::distance::MAX_LEN)];
                key_lens[k] = token.len() as u8;
                spelled.extend_from_slice(token);
            }
            let known = (
                spelled.into_boxed_slice(),
                key_lens,
                p.initial,
                p.vowels_guessed,
            );
            let content = match self.known.get(&known).filter(|_| self.shares) {
                Some(c) => *c,
                None => {
                    let letters = self.letters.len() as u32;
                    self.letters.extend_from_slice(&known.0);
                    let mut at = 0;
                    for len in key_lens.iter().take_while(|l| **l > 0) {
                        let token = &known.0[at..at + *len as usize];
                        self.indels.extend(indel_costs(token));
                        at += *len as usize;
                    }
                    let ids = lexicon::names_of(p.keys.iter().map(String::as_str));
                    let names = self.names.len() as u32;
                    self.names.extend_from_slice(&ids);
                    let c = self.contents.len() as u32;
                    self.contents.push(PartContent {
                        letters,
                        key_lens,
                        names,
                        names_len: ids.len().min(u8::MAX as usize) as u8,
                    });
                    if self.shares {
                        self.known.insert(known, c);
                    }
                    c
                }
            };
            self.parts.push(PartRecord {
                content,
                role: p.role,
                weight: frequencies.weight(&p.keys[0]) * role_weight(p.role),
                key_len: key_lens[0],
                initial: p.initial,
                vowels_guessed: p.vowels_guessed,
            });
        }
        self.starts.push(self.parts.len() as u32);
        (self.starts.len() - 2) as NameId
    }

    /// Names in the book.
    pub fn len(&self) -> usize {
        self.starts.len().saturating_sub(1)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// One name's parts, ready for comparison.
    pub fn view(&self, id: NameId) -> NameView<'_> {
        let (start, end) = (self.starts[id as usize], self.starts[id as usize + 1]);
        NameView {
            book: self,
            parts: &self.parts[start as usize..end as usize],
        }
    }

    /// Sets every part's weight again from `frequencies`: a book can be built
    /// first and its parts counted after, without reading the names twice.
    pub fn reweigh(&mut self, frequencies: &Frequencies) {
        for p in &mut self.parts {
            let c = &self.contents[p.content as usize];
            let start = c.letters as usize;
            let key = &self.letters[start..start + c.key_lens[0] as usize];
            p.weight =
                frequencies.weight(std::str::from_utf8(key).unwrap_or("")) * role_weight(p.role);
        }
    }

    /// Counts every name's parts into `frequencies` (see [`Frequencies::learn`]).
    pub fn count_into(&self, frequencies: &mut Frequencies) {
        for id in 0..self.len() {
            let view = self.view(id as NameId);
            frequencies.learn_keys(
                view.parts()
                    .map(|p| std::str::from_utf8(p.key()).unwrap_or("")),
            );
        }
    }

    /// Bytes held, for sizing indexes.
    pub fn heap_bytes(&self) -> usize {
        self.starts.capacity() * 4
            + self.parts.capacity() * std::mem::size_of::<PartRecord>()
            + self.contents.capacity() * std::mem::size_of::<PartContent>()
            + self.letters.capacity()
            + self.indels.capacity()
            + self.names.capacity() * 4
    }

    /// Releases spare capacity once the book is complete.
    pub fn shrink_to_fit(&mut self) {
        self.starts.shrink_to_fit();
        self.parts.shrink_to_fit();
        self.contents.shrink_to_fit();
        self.known = Default::default();
        self.letters.shrink_to_fit();
        self.indels.shrink_to_fit();
        self.names.shrink_to_fit();
    }
}

/// Surnames carry more weight than given names, middle names and patronymics less.
fn role_weight(role: Role) -> f32 {
    match role {
        Role::Surname => 1.3,
        Role::Given => 1.0,
        Role::Middle => 0.7,
        Role::Patronymic => 0.6,
    }
}

/// A prepared name borrowed from a book.
#[derive(Clone, Copy, Debug)]
pub struct NameView<'a> {
    book: &'a NameBook,
    parts: &'a [PartRecord],
}

impl<'a> NameView<'a> {
    pub fn len(&self) -> usize {
        self.parts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.parts.is_empty()
    }

    /// Reads the part records and part contents a comparison reads first,
    /// and returns a value made of them (to be passed to
    /// [`std::hint::black_box`], so that the reads are not left out). Done
    /// for many names in one loop, their reads overlap: each is a cache miss
    /// at a million names, and a comparison would otherwise wait for each.
    pub fn touch(&self) -> u32 {
        self.parts.iter().fold(0u32, |sum, p| {
            let content = &self.book.contents[p.content as usize];
            sum.wrapping_add(content.letters)
        })
    }

    /// The `i`-th part.
    pub fn part(&self, i: usize) -> PartView<'a> {
        PartView {
            book: self.book,
            record: &self.parts[i],
        }
    }

    pub fn parts(&self) -> impl Iterator<Item = PartView<'a>> + '_ {
        (0..self.parts.len()).map(|i| self.part(i))
    }
}

/// A prepared part borrowed from a book.
#[derive(Clone, Copy, Debug)]
pub struct PartView<'a> {
    book: &'a NameBook,
    record: &'a PartRecord,
}

impl<'a> PartView<'a> {
    pub fn role(&self) -> Role {
        self.record.role
    }

    fn content(&self) -> &'a PartContent {
        &self.book.contents[self.record.content as usize]
    }

    /// The same number for parts spelled alike in the same book.
    pub fn content_id(&self) -> u32 {
        self.record.content
    }

    pub fn initial(&self) -> bool {
        self.record.initial
    }

    /// Written without short vowels and not in the tables: compare consonants.
    pub fn vowels_guessed(&self) -> bool {
        self.record.vowels_guessed
    }

    /// Letters of the usual key ([`PartView::key`]).
    pub(crate) fn key_len(&self) -> usize {
        usize::from(self.record.key_len)
    }

    pub fn weight(&self) -> f32 {
        self.record.weight
    }

    /// Known names (lexicon groups) this part may be.
    pub fn names(&self) -> &'a [u32] {
        let c = self.content();
        let start = c.names as usize;
        &self.book.names[start..start + c.names_len as usize]
    }

    /// Folded keys, the usual first; at least one.
    pub fn keys(self) -> impl Iterator<Item = TokenRef<'a>> + 'a {
        let (book, content) = (self.book, self.content());
        let mut at = content.letters as usize;
        content
            .key_lens
            .iter()
            .take_while(|len| **len > 0)
            .map(move |len| {
                let range = at..at + *len as usize;
                at += *len as usize;
                TokenRef::new(&book.letters[range.clone()], &book.indels[range])
            })
    }

    /// [`PartView::keys`] read at once, and how many there are.
    pub(crate) fn key_refs(&self) -> ([TokenRef<'a>; MAX_KEYS], usize) {
        let c = self.content();
        let mut out = [TokenRef::default(); MAX_KEYS];
        let (mut n, mut at) = (0, c.letters as usize);
        while n < MAX_KEYS && c.key_lens[n] > 0 {
            let end = at + c.key_lens[n] as usize;
            out[n] = TokenRef::new(&self.book.letters[at..end], &self.book.indels[at..end]);
            (n, at) = (n + 1, end);
        }
        (out, n)
    }

    /// The usual key.
    pub fn key(&self) -> &'a [u8] {
        let c = self.content();
        let start = c.letters as usize;
        &self.book.letters[start..start + c.key_lens[0] as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::parse;

    #[test]
    fn a_part_record_takes_no_more_than_its_content_role_and_weight() {
        assert_eq!(std::mem::size_of::<PartRecord>(), 12);
    }

    #[test]
    fn parts_spelled_alike_share_a_content() {
        let f = Frequencies::default();
        let mut book = NameBook::new();
        let a = book.add(&parse("MAMMADOV, RASHAD"), &f);
        let b = book.add(&parse("ALIYEV RASHAD"), &f);
        let content = |id, i| book.view(id).part(i).content_id();
        let rashad = |id| {
            (0..2)
                .find(|&i| book.view(id).part(i).key() == b"RASAD")
                .expect("RASHAD keyed as RASAD")
        };
        assert_eq!(content(a, rashad(a)), content(b, rashad(b)));
        assert_ne!(content(a, 0), content(a, 1));
        assert_eq!(book.contents.len(), 3);
    }
}
