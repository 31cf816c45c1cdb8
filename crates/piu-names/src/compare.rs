//! Comparing two names part by part, and saying why.
//!
//! Parts are paired by similarity, whatever their order; a part may also pair
//! with two adjacent parts written as one (ABDUL RAHMAN, ABDULRAHMAN). The score
//! is the weighted mean similarity of the pairs, where rare parts and surnames
//! weigh more and a missing middle name or patronymic costs little. Some
//! evidence no weighting may outvote, so it caps the score below any threshold:
//! a surname not found in the other name, given names or fathers' names that
//! differ, son and father with their names swapped, and a name of one part
//! against a name of several (see [`caps`]).

use std::cmp::Ordering;

use crate::book::{MAX_PARTS, NameBook, NameView, PartView};
use crate::distance::{self, EDIT};
use crate::fold::is_vowel;
use crate::frequency::Frequencies;
use crate::lexicon;
use crate::parse::{ParsedName, Role, parse};
use crate::slots::{Probe, SlotKey, Slots};

/// Score at or above which two names are taken for the same person's.
pub const DEFAULT_THRESHOLD: f32 = 0.82;

/// Similarity from which a pair of parts counts as found in the other name.
const PART_FOUND: f32 = 0.84;
/// Pairs weaker than this are not paired at all.
const PAIR_FLOOR: f32 = 0.6;
/// Where a broken rule leaves the score.
const CAPPED: f32 = 0.5;
/// An initial against a name with that letter.
const INITIAL: f32 = 0.9;
/// Two spellings listed as one known name.
const KNOWN_VARIANT: f32 = 0.95;
/// The same consonants against a part whose vowels were guessed.
const CONSONANTS: f32 = 0.92;
/// Two different known names close in spelling.
const OTHER_NAME: f32 = 0.3;

/// A name read and prepared for comparison: a book of one, and the name as read
/// for explanations.
#[derive(Clone, Debug)]
pub struct Name {
    parsed: ParsedName,
    book: NameBook,
}

impl Name {
    /// The name as read: parts, roles, titles.
    pub fn parsed(&self) -> &ParsedName {
        &self.parsed
    }

    /// The prepared parts, as a book holds them.
    pub fn view(&self) -> NameView<'_> {
        self.book.view(0)
    }
}

/// Why two parts were paired.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rule {
    /// Written the same.
    Exact,
    /// Different spellings of the same letters (transliteration schemes fold together).
    Transliteration,
    /// Cheap edits only: vowels, G/H, C/J, glides, a swapped pair of letters.
    Variant,
    /// About one full edit: a typing slip, or another name.
    Edit,
    /// An initial against a name with that first letter.
    Initial,
    /// One part against two adjacent parts written together or apart.
    Joined,
    /// Male and female forms of one surname (IVANOV, IVANOVA): different people.
    GenderForm,
    /// Two different known names, however close in spelling (NASIROV, NAZIROV).
    OtherName,
    /// The same consonants, against a name written without its short vowels.
    Consonants,
    /// Two spellings the lexicon lists for one name (MAMMADOV, MAMEDOV).
    KnownSpellings,
}

impl Rule {
    pub fn describe(&self) -> &'static str {
        match self {
            Rule::Exact => "same spelling",
            Rule::Transliteration => "same name in another transliteration",
            Rule::Variant => "spelling variant",
            Rule::Edit => "one or more full edits",
            Rule::Initial => "initial",
            Rule::Joined => "written together or apart",
            Rule::GenderForm => "male and female forms of a surname",
            Rule::OtherName => "two different known names",
            Rule::Consonants => "same consonants; short vowels not written",
            Rule::KnownSpellings => "known spellings of one name",
        }
    }
}

/// One pairing of parts in an explanation.
#[derive(Clone, Debug, PartialEq)]
pub struct PairExplained {
    /// Parts of the first name (one, or two written apart).
    pub left: String,
    pub right: String,
    pub similarity: f32,
    pub rule: Rule,
}

/// As a reviewer reads it: `RASHAD = RƏŞAD 1.00 (transliteration)`.
impl std::fmt::Display for PairExplained {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} = {} {:.2} ({})",
            self.left,
            self.right,
            self.similarity,
            self.rule.describe()
        )
    }
}

/// A comparison with its reasons.
#[derive(Clone, Debug, PartialEq)]
pub struct Explanation {
    pub score: f32,
    pub pairs: Vec<PairExplained>,
    /// Parts of either name left without a partner, with their role.
    pub unmatched: Vec<(String, Role)>,
    /// Rules that capped the score.
    pub caps: Vec<String>,
}

/// Compares names, with part weights learned from the names it has seen.
#[derive(Clone, Debug, Default)]
pub struct Matcher {
    frequencies: Frequencies,
}

/// One candidate pairing: parts `a0..a1` of the first name with `b0..b1` of the second.
#[derive(Clone, Copy, Debug)]
struct Candidate {
    a: (usize, usize),
    b: (usize, usize),
    similarity: f32,
    rule: Rule,
}

/// Score of two names, and what it would be if a slip were forgiven.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Comparison {
    pub score: f32,
    /// When the only thing that keeps the names apart is one part that
    /// differs from its partner by about one edit (ARTUR, ARGUR; KARASOYLU,
    /// KARAOYLU) — a typing slip, or another name — the score the names would
    /// have without that cap. Alone it is no match; a caller with other
    /// evidence (the same birth date, the same document) may accept it.
    pub slip: Option<f32>,
}

/// Part similarities already computed between the parts of one name and the
/// part contents of one book (see [`Matcher::compare_views_cached`]).
/// Whole comparisons are kept too, by the other name's part contents and
/// roles: in a large list many names are made of the same parts in the same
/// places. Cleared for each traveller, it keeps its tables.
#[derive(Clone, Debug)]
pub struct PartCache {
    /// By own part and the other part's content (plus one: zero is free):
    /// similarity and rule.
    parts: Slots<u64, (f32, Rule)>,
    names: Slots<NameKey, Comparison>,
}

impl Default for PartCache {
    fn default() -> Self {
        PartCache {
            parts: Slots::new(1024, (0.0, Rule::Edit)),
            names: Slots::new(256, NO_COMPARISON),
        }
    }
}

impl SlotKey for u64 {
    fn home(&self) -> u64 {
        self.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 40
    }
}

impl PartCache {
    pub fn new() -> Self {
        PartCache::default()
    }

    /// Forgets everything, for another name or another book.
    pub fn clear(&mut self) {
        self.parts.clear();
        self.names.clear();
    }

    /// The similarity of a part of the name and a content, or as much of
    /// it as `need` asks: a marker below the floor ([`BELOW_SLIP`],
    /// [`BELOW_FOUND`]) when `may_reach` says the pair cannot cost less
    /// than that floor's cost (remembered until more is asked for).
    fn get_or_insert(
        &mut self,
        own_part: usize,
        content: u32,
        need: Need,
        compute: impl FnOnce() -> (f32, Rule),
        may_reach: impl FnOnce(u16) -> bool,
    ) -> (f32, Rule) {
        let key = ((u64::from(content) << 3) | (own_part as u64 & 7)) + 1;
        match self.parts.probe(key) {
            Probe::Found(at) => {
                let (similarity, rule) = self.parts.value(at);
                let known = match need {
                    Need::Exact => similarity >= 0.0,
                    Need::Slip => similarity >= 0.0 || similarity == BELOW_SLIP.0,
                    Need::Found => true,
                };
                if known {
                    return (similarity, rule);
                }
                let judged = need.judge(compute, may_reach);
                self.parts.set(at, judged);
                judged
            }
            Probe::Free(at) => {
                let judged = need.judge(compute, may_reach);
                self.parts.insert(at, key, judged);
                judged
            }
        }
    }
}

/// A name as a comparison sees it: each part's content and role, in order
/// (a part's weight follows from its content and role within one book).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct NameKey {
    len: u8,
    /// Compared without slips (see [`Matcher::compare_views_cached_without_slips`]).
    without_slips: bool,
    parts: [u32; MAX_PARTS],
}

impl NameKey {
    /// None for a name whose contents are too many to pack with a role.
    fn of(name: NameView, without_slips: bool) -> Option<NameKey> {
        let mut key = NameKey {
            len: name.len().min(MAX_PARTS) as u8,
            without_slips,
            ..NameKey::default()
        };
        for (i, p) in name.parts().take(MAX_PARTS).enumerate() {
            if p.content_id() >= 1 << 29 {
                return None;
            }
            key.parts[i] = (p.content_id() << 2 | p.role() as u32) + 1;
        }
        Some(key)
    }
}

impl SlotKey for NameKey {
    fn home(&self) -> u64 {
        let mut h = u64::from(self.len) | u64::from(self.without_slips) << 8;
        for p in &self.parts[..self.len as usize] {
            h = (h ^ u64::from(*p)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
        h ^ (h >> 29)
    }

    /// Keys stored have at least one part.
    fn is_free(&self) -> bool {
        self.len == 0
    }
}

const NO_COMPARISON: Comparison = Comparison {
    score: 0.0,
    slip: None,
};

/// Similarity at or above which a part pair below [`PART_FOUND`] may be a slip.
const SLIP_FLOOR: f32 = 0.7;

/// How much of a pair's similarity a comparison needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Need {
    /// The similarity itself.
    Exact,
    /// Whether it reaches [`SLIP_FLOOR`].
    Slip,
    /// Whether it reaches [`PART_FOUND`].
    Found,
}

impl Need {
    /// The similarity, or a marker below the floor asked about when
    /// `may_reach` (given the least cost that falls below it) says the pair
    /// cannot reach it.
    fn judge(
        self,
        compute: impl FnOnce() -> (f32, Rule),
        may_reach: impl FnOnce(u16) -> bool,
    ) -> (f32, Rule) {
        let below = match self {
            Need::Exact => None,
            Need::Slip => Some((SLIP_COST, BELOW_SLIP)),
            Need::Found => Some((FOUND_COST, BELOW_FOUND)),
        };
        match below {
            Some((cost, marker)) if !may_reach(cost) => marker,
            _ => compute(),
        }
    }

    /// The similarity a pair must reach.
    fn floor(self) -> f32 {
        match self {
            Need::Exact | Need::Slip => SLIP_FLOOR,
            Need::Found => PART_FOUND,
        }
    }
}

/// What a comparison found, before it is explained.
struct Outcome {
    score: f32,
    /// The score before caps, and whether the caps come from one slip alone.
    uncapped: f32,
    slip: bool,
    /// The names in the order compared (see [`compare_order`]).
    swapped: bool,
    chosen: Vec<Candidate>,
    used_a: [bool; MAX_PARTS],
    used_b: [bool; MAX_PARTS],
    caps: Vec<&'static str>,
}

impl Matcher {
    pub fn new(frequencies: Frequencies) -> Self {
        Matcher { frequencies }
    }

    /// The part weights in use.
    pub fn frequencies(&self) -> &Frequencies {
        &self.frequencies
    }

    /// Reads and prepares a name.
    pub fn prepare(&self, name: &str) -> Name {
        let parsed = parse(name);
        let mut book = NameBook::single();
        book.add(&parsed, &self.frequencies);
        Name { parsed, book }
    }

    /// Reads a name and adds it to a book, for comparison with [`Matcher::score_views`].
    pub fn add_to(&self, book: &mut NameBook, name: &str) -> crate::NameId {
        book.add(&parse(name), &self.frequencies)
    }

    /// Score in [0, 1] of two prepared names.
    pub fn score(&self, a: &Name, b: &Name) -> f32 {
        self.score_views(a.view(), b.view())
    }

    /// Score in [0, 1] of two prepared names held in books.
    pub fn score_views(&self, a: NameView, b: NameView) -> f32 {
        compare(a, b, None, None).score
    }

    /// Score of two prepared names held in books, with the score a slip would
    /// have (see [`Comparison::slip`]).
    pub fn compare_views(&self, a: NameView, b: NameView) -> Comparison {
        let o = compare(a, b, None, None);
        Comparison {
            score: o.score,
            slip: o.slip.then_some(o.uncapped),
        }
    }

    /// The same as [`Matcher::compare_views`], remembering in `cache` how each
    /// part of `one` compared with each part content of the book `others`
    /// come from: screening compares one traveller with hundreds of names made
    /// of the same few thousand parts. A cache serves one `one` and one book;
    /// [`PartCache::clear`] it before the next.
    ///
    /// For screening, which weighs only names that may score above 0.5 (where
    /// a broken rule leaves the score) or be a slip apart: when a surname of
    /// either name has no partner that could be found even by forgiving a
    /// slip, the comparison stops and scores 0 with no slip (in full it would
    /// score at most 0.5, with no slip).
    pub fn compare_views_cached(
        &self,
        one: NameView,
        other: NameView,
        cache: &mut PartCache,
    ) -> Comparison {
        cached(one, other, cache, Need::Slip)
    }

    /// [`Matcher::compare_views_cached`] for a name whose slips nothing could
    /// confirm: the comparison stops, and scores 0 with no slip, as soon as a
    /// surname of either name has no partner it could be found with (in full
    /// it would score at most 0.5, perhaps with a slip). Most names screening
    /// meets are such, and finding a surname takes far fewer letters in
    /// common than a slip.
    pub fn compare_views_cached_without_slips(
        &self,
        one: NameView,
        other: NameView,
        cache: &mut PartCache,
    ) -> Comparison {
        cached(one, other, cache, Need::Found)
    }

    /// Score of two names as sent.
    pub fn score_text(&self, a: &str, b: &str) -> f32 {
        self.score(&self.prepare(a), &self.prepare(b))
    }

    /// Score with the pairs, the parts left over and the rules applied.
    pub fn explain(&self, a: &Name, b: &Name) -> Explanation {
        let o = compare(a.view(), b.view(), None, None);
        let (x, y) = if o.swapped { (b, a) } else { (a, b) };
        let text = |n: &Name, span: (usize, usize)| {
            n.parsed.parts[span.0..span.1]
                .iter()
                .map(|p| p.original.as_str())
                .collect::<Vec<_>>()
                .join(" ")
        };
        let pairs = o
            .chosen
            .iter()
            .map(|c| {
                let (left, right) = (text(x, c.a), text(y, c.b));
                let exact =
                    c.rule == Rule::Transliteration && left.to_uppercase() == right.to_uppercase();
                let (left, right) = if o.swapped {
                    (right, left)
                } else {
                    (left, right)
                };
                PairExplained {
                    left,
                    right,
                    similarity: c.similarity,
                    rule: if exact { Rule::Exact } else { c.rule },
                }
            })
            .collect();
        let sides = [(x, &o.used_a), (y, &o.used_b)];
        let sides = if o.swapped {
            [sides[1], sides[0]]
        } else {
            sides
        };
        let mut unmatched = Vec::new();
        for (n, used) in sides {
            for (i, p) in n.parsed.parts.iter().take(MAX_PARTS).enumerate() {
                if !used[i] {
                    unmatched.push((p.original.clone(), p.role));
                }
            }
        }
        Explanation {
            score: o.score,
            pairs,
            unmatched,
            caps: o.caps.iter().map(|c| c.to_string()).collect(),
        }
    }
}

/// A comparison for screening through `cache`, given up as `need` says (see
/// [`compare`]); whole comparisons remembered by the other name and `need`.
fn cached(one: NameView, other: NameView, cache: &mut PartCache, need: Need) -> Comparison {
    let full = |cache: &mut PartCache| {
        let o = compare(one, other, Some(cache), Some(need));
        Comparison {
            score: o.score,
            slip: o.slip.then_some(o.uncapped),
        }
    };
    match NameKey::of(other, need == Need::Found).filter(|k| k.len > 0) {
        Some(key) => match cache.names.probe(key) {
            Probe::Found(at) => cache.names.value(at),
            Probe::Free(at) => {
                // The part cache is filled meanwhile; the names' table is not.
                let c = full(cache);
                cache.names.insert(at, key, c);
                c
            }
        },
        None => full(cache),
    }
}

/// Whether `b` comes before `a` in an order of the names' own (keys, roles,
/// initials): ties in the pairing are broken by position, and comparing in this
/// order makes the score independent of the caller's.
fn compare_order(a: NameView, b: NameView) -> bool {
    let ord = a
        .parts()
        .zip(b.parts())
        .map(|(x, y)| {
            x.keys()
                .map(|k| k.letters())
                .cmp(y.keys().map(|k| k.letters()))
                .then(x.role().cmp(&y.role()))
                .then(x.initial().cmp(&y.initial()))
        })
        .find(|o| *o != Ordering::Equal)
        .unwrap_or(a.len().cmp(&b.len()));
    ord == Ordering::Greater
}

/// Compares two names; with `give_up`, names a surname keeps apart come back
/// scored 0 without being paired: when a surname of either name has no
/// partner within a slip ([`Need::Slip`]: [`SLIP_FLOOR`]) and is not one of
/// parts written together, a cap stays whatever the pairing (see [`caps`] and
/// [`only_a_slip`]), so screening need not finish comparing. With
/// [`Need::Found`], the same when no partner reaches [`PART_FOUND`]: the cap
/// stays, though a slip may be there.
fn compare(
    a: NameView,
    b: NameView,
    mut cache: Option<&mut PartCache>,
    give_up: Option<Need>,
) -> Outcome {
    let swapped = compare_order(a, b);
    let (a, b) = if swapped { (b, a) } else { (a, b) };
    let mut outcome = Outcome {
        score: 0.0,
        uncapped: 0.0,
        slip: false,
        swapped,
        chosen: Vec::new(),
        used_a: [false; MAX_PARTS],
        used_b: [false; MAX_PARTS],
        caps: Vec::new(),
    };
    if a.is_empty() || b.is_empty() {
        return outcome;
    }
    // Similarities of every pair of parts, those of surnames first: when a
    // surname cannot be found, screening stops before the rest.
    let (n, m) = (a.len().min(MAX_PARTS), b.len().min(MAX_PARTS));
    // Parts as joining reads them, once joining is looked at.
    let mut joinables = None;
    let mut pairs = [[None::<(f32, Rule)>; MAX_PARTS]; MAX_PARTS];
    // A pair's similarity, or only whether it reaches a floor (a marker
    // below it for a pair that cannot reach it by its letters): most
    // surnames met in screening have no partner, and working out how far
    // they are is waste.
    let mut similarity = |i: usize, j: usize, need: Need| -> (f32, Rule) {
        if let Some(s) = pairs[i][j] {
            return s;
        }
        let (x, y) = (a.part(i), b.part(j));
        let s = match cache.as_deref_mut() {
            // The cache knows the first name given by its part number and
            // the second by its parts' contents.
            Some(c) => {
                let (own, other) = if swapped { (j, x) } else { (i, y) };
                c.get_or_insert(
                    own,
                    other.content_id(),
                    need,
                    || part_similarity(x, y),
                    |cost| may_reach(x, y, cost),
                )
            }
            None => need.judge(|| part_similarity(x, y), |cost| may_reach(x, y, cost)),
        };
        if s.0 >= 0.0 {
            pairs[i][j] = Some(s);
        }
        s
    };
    if let Some(need) = give_up {
        let surname = |p: PartView| p.role() == Role::Surname && !p.initial();
        let mut reaches = |i: usize, j: usize| similarity(i, j, need).0 >= need.floor();
        // Whether a surname of the first name (or of the second) has no
        // partner in the other.
        let mut lost_on = |on_a: bool| {
            let (own_len, other_len) = if on_a { (n, m) } else { (m, n) };
            (0..own_len).any(|k| {
                let part = if on_a { a.part(k) } else { b.part(k) };
                let partner = |l: usize| if on_a { (k, l) } else { (l, k) };
                let (own, other) = if on_a { (a, b) } else { (b, a) };
                surname(part)
                    && !(0..other_len).any(|l| {
                        let (i, j) = partner(l);
                        reaches(i, j)
                    })
                    && (!may_join(own, k, other) || {
                        let (ja, jb) = joinables.get_or_insert_with(|| (joinable(a), joinable(b)));
                        match on_a {
                            true => !joins(&ja[..n], k, &jb[..m]),
                            false => !joins(&jb[..m], k, &ja[..n]),
                        }
                    })
            })
        };
        // The name the cache serves (the traveller, in screening) first, `b`
        // when swapped: measured, a little cheaper than the other order.
        let own_first = !swapped;
        let lost = lost_on(own_first) || lost_on(!own_first);
        if lost {
            return outcome;
        }
    }
    let mut candidates: Vec<Candidate> = Vec::with_capacity(n * m + 4);
    for i in 0..n {
        for j in 0..m {
            let (similarity, rule) = similarity(i, j, Need::Exact);
            if similarity >= PAIR_FLOOR || matches!(rule, Rule::GenderForm | Rule::OtherName) {
                candidates.push(Candidate {
                    a: (i, i + 1),
                    b: (j, j + 1),
                    similarity,
                    rule,
                });
            }
        }
    }
    let (ja, jb) = joinables.get_or_insert_with(|| (joinable(a), joinable(b)));
    joined_candidates(&ja[..n], &jb[..m], &mut candidates);
    // Best pairs first; among equals, parts in the same role.
    candidates.sort_by(|x, y| {
        y.similarity
            .total_cmp(&x.similarity)
            .then_with(|| same_role(a, b, y).cmp(&same_role(a, b, x)))
    });
    let (used_a, used_b) = (&mut outcome.used_a, &mut outcome.used_b);
    for c in candidates {
        let free = (c.a.0..c.a.1).all(|i| !used_a[i]) && (c.b.0..c.b.1).all(|j| !used_b[j]);
        if !free {
            continue;
        }
        (c.a.0..c.a.1).for_each(|i| used_a[i] = true);
        (c.b.0..c.b.1).for_each(|j| used_b[j] = true);
        outcome.chosen.push(c);
    }
    let mut matched = 0.0f32;
    let mut total = 0.0f32;
    for c in &outcome.chosen {
        let w = span_weight(a, c.a).max(span_weight(b, c.b));
        matched += c.similarity * w;
        total += w;
    }
    for (name, used) in [(a, &outcome.used_a), (b, &outcome.used_b)] {
        for (i, p) in name.parts().enumerate() {
            if !used[i] {
                total += p.weight() * missing_factor(p.role());
            }
        }
    }
    let mut score = if total > 0.0 { matched / total } else { 0.0 };
    outcome.caps = caps(a, b, &outcome.chosen);
    outcome.uncapped = score.clamp(0.0, 1.0);
    if !outcome.caps.is_empty() {
        outcome.slip = only_a_slip(a, b, &outcome.chosen);
        score = score.min(CAPPED);
    }
    outcome.score = score.clamp(0.0, 1.0);
    outcome
}

/// Whether the caps would all go if the one pair that falls short of
/// [`PART_FOUND`] by about an edit had been found: one part pair, one part on
/// each side, spelled a slip apart, not two names the lexicon knows apart.
fn only_a_slip(a: NameView, b: NameView, chosen: &[Candidate]) -> bool {
    let short: Vec<usize> = (0..chosen.len())
        .filter(|&i| chosen[i].similarity < PART_FOUND)
        .collect();
    let [i] = short[..] else {
        return false;
    };
    let c = chosen[i];
    let one_each = c.a.1 - c.a.0 == 1 && c.b.1 - c.b.0 == 1;
    if !one_each
        || c.similarity < SLIP_FLOOR
        || !matches!(c.rule, Rule::Edit | Rule::Variant | Rule::Consonants)
    {
        return false;
    }
    let mut forgiven = chosen.to_vec();
    forgiven[i].similarity = PART_FOUND;
    caps(a, b, &forgiven).is_empty()
}

/// The rules a comparison broke, each of which keeps it below any threshold:
/// the surname of either name must be found in the other; given names paired
/// must agree; when both names carry a father's name, the fathers must agree
/// and not be swapped with another part (son and father); a name of one part
/// never matches a name of several.
fn caps(a: NameView, b: NameView, chosen: &[Candidate]) -> Vec<&'static str> {
    let mut caps = Vec::new();
    // Paired closely enough; an initial only by the same initial.
    let found = |on_a: bool, i: usize, initial: bool| {
        chosen.iter().any(|c| {
            let span = if on_a { c.a } else { c.b };
            (span.0..span.1).contains(&i) && c.similarity >= if initial { 1.0 } else { PART_FOUND }
        })
    };
    let surname_lost = [(a, true), (b, false)].iter().any(|(name, on_a)| {
        name.parts()
            .enumerate()
            .any(|(i, p)| p.role() == Role::Surname && !found(*on_a, i, p.initial()))
    });
    if surname_lost {
        caps.push("a surname is not found in the other name");
    }
    let single = |c: &&Candidate| c.a.1 - c.a.0 == 1 && c.b.1 - c.b.0 == 1;
    let roles = |c: &Candidate| (a.part(c.a.0).role(), b.part(c.b.0).role());
    let given_conflict = chosen
        .iter()
        .filter(single)
        .any(|c| c.similarity < PART_FOUND && roles(c) == (Role::Given, Role::Given));
    if given_conflict {
        caps.push("the given names differ");
    }
    let has = |name: NameView, role: Role| name.parts().any(|p| p.role() == role && !p.initial());
    if has(a, Role::Patronymic) && has(b, Role::Patronymic) {
        let father_found = chosen.iter().any(|c| {
            c.similarity >= PART_FOUND
                && (roles(c).0 == Role::Patronymic || roles(c).1 == Role::Patronymic)
        });
        if !father_found {
            caps.push("the fathers' names differ");
        }
        // BAKYT ASAN UULU against ASAN BAKYT UULU: son and father.
        let swapped = chosen.iter().filter(single).any(|c| {
            let (x, y) = roles(c);
            c.similarity >= PART_FOUND && (x == Role::Patronymic) != (y == Role::Patronymic)
        });
        if swapped {
            caps.push("one name's father's name is another part of the other");
        }
    }
    let lone = |n: NameView| n.len() == 1 && !n.part(0).initial();
    if (lone(a) && b.len() > 1) || (lone(b) && a.len() > 1) {
        caps.push("a name of one part does not match a name of several");
    }
    caps
}

/// How much of its weight a part without partner costs: little for the parts
/// documents often leave out.
fn missing_factor(role: Role) -> f32 {
    match role {
        Role::Surname | Role::Given => 1.0,
        Role::Middle => 0.25,
        Role::Patronymic => 0.15,
    }
}

fn span_weight(name: NameView, span: (usize, usize)) -> f32 {
    (span.0..span.1)
        .map(|i| name.part(i).weight())
        .fold(0.0, f32::max)
}

fn same_role(a: NameView, b: NameView, c: &Candidate) -> bool {
    a.part(c.a.0).role() == b.part(c.b.0).role()
}

/// The consonants of a part's usual key, into `buf`.
fn skeleton<'b>(key: &[u8], buf: &'b mut [u8; distance::MAX_LEN]) -> &'b [u8] {
    let mut n = 0;
    for &c in key.iter().filter(|c| !is_vowel(**c)) {
        buf[n] = c;
        n += 1;
    }
    &buf[..n]
}

/// Whether [`part_similarity`] may reach the floor that keys `cost` apart
/// fall below ([`SLIP_COST`], [`FOUND_COST`]): false only when no pair of
/// keys can be within that cost by their letters (see
/// [`distance::within_by_letters`]) and nothing but the keys' spelling could
/// raise the similarity.
fn may_reach(x: PartView, y: PartView, cost: u16) -> bool {
    if x.initial() || y.initial() || x.vowels_guessed() || y.vowels_guessed() {
        return true;
    }
    x.keys().any(|kx| {
        y.keys()
            .any(|ky| distance::within_by_letters(&kx, &ky, cost))
    }) || lexicon::same_name(x.names(), y.names())
}

/// A pair of parts known to fall below [`SLIP_FLOOR`], not how far.
const BELOW_SLIP: (f32, Rule) = (-1.0, Rule::Edit);

/// A pair of parts known to fall below [`PART_FOUND`], not whether below
/// [`SLIP_FLOOR`].
const BELOW_FOUND: (f32, Rule) = (-2.0, Rule::Edit);

/// The least cost at which keys fall below [`SLIP_FLOOR`], whatever their
/// length (see [`distance::from_cost`]: 0.2 of similarity a full edit).
const SLIP_COST: u16 = 16;

/// The least cost at which keys fall below [`PART_FOUND`], whatever their
/// length.
const FOUND_COST: u16 = 9;

/// Similarity of two parts and the rule behind it, the same whichever comes
/// first (a cache of comparisons keeps one answer for both orders).
fn part_similarity(x: PartView, y: PartView) -> (f32, Rule) {
    if x.key() <= y.key() {
        ordered_similarity(x, y)
    } else {
        ordered_similarity(y, x)
    }
}

/// [`part_similarity`] with the parts in a fixed order: keys are tried in
/// turn, each pair only as far as it could still do better.
fn ordered_similarity(x: PartView, y: PartView) -> (f32, Rule) {
    if x.initial() || y.initial() {
        let (kx, ky) = (x.key(), y.key());
        return if kx == ky {
            (1.0, Rule::Transliteration)
        } else if kx.first() == ky.first() {
            (INITIAL, Rule::Initial)
        } else {
            (0.0, Rule::Initial)
        };
    }
    let ((kx, nx), (ky, ny)) = (x.key_refs(), y.key_refs());
    let (kx, ky) = (&kx[..nx], &ky[..ny]);
    let pairs = || {
        kx.iter()
            .flat_map(move |a| ky.iter().map(move |b| (*a, *b)))
    };
    if pairs().any(|(kx, ky)| *kx == *ky) {
        return (1.0, Rule::Transliteration);
    }
    if pairs().any(|(kx, ky)| gender_forms(&kx, &ky)) {
        return (0.0, Rule::GenderForm);
    }
    let mut best = (0.0f32, Rule::Edit);
    // Each further pair of keys is only worth its cost if it can do better.
    let mut bound = distance::USEFUL_COST;
    for (kx, ky) in pairs() {
        if let Some(cost) = distance::cost_within(kx, ky, bound) {
            bound = cost;
            let s = distance::from_cost(cost, kx.len().max(ky.len()));
            if s > best.0 {
                let rule = if cost < EDIT {
                    Rule::Variant
                } else {
                    Rule::Edit
                };
                best = (s, rule);
            }
        }
    }
    if (x.vowels_guessed() || y.vowels_guessed()) && best.0 < CONSONANTS {
        let (mut bx, mut by) = ([0u8; distance::MAX_LEN], [0u8; distance::MAX_LEN]);
        let (sx, sy) = (skeleton(x.key(), &mut bx), skeleton(y.key(), &mut by));
        let s = if sx == sy && sx.len() >= 2 {
            CONSONANTS
        } else {
            distance::similarity(sx, sy).min(CONSONANTS)
        };
        if s > best.0 {
            best = (s, Rule::Consonants);
        }
    }
    if lexicon::same_name(x.names(), y.names()) {
        return (best.0.max(KNOWN_VARIANT), Rule::KnownSpellings);
    }
    if best.0 >= PAIR_FLOOR && lexicon::different_names(x.names(), y.names()) {
        return (OTHER_NAME, Rule::OtherName);
    }
    best
}

/// Male and female forms: IVANOV and IVANOVA (also MAMEDOV and MAMMADOVA),
/// PETROVSKI and PETROVSKAIA or PETROVSKA, DANIEL and DANIELA.
fn gender_forms(a: &[u8], b: &[u8]) -> bool {
    // Female forms end in A; male forms do not.
    if a.ends_with(b"A") == b.ends_with(b"A") {
        return false;
    }
    let (short, long) = if a.len() < b.len() { (a, b) } else { (b, a) };
    if short.len() >= 4
        && long.len() == short.len() + 1
        && long.starts_with(short)
        && long.ends_with(b"A")
    {
        return true;
    }
    const FEMALE: [(&[u8], &[u8]); 7] = [
        (b"SKAIA", b"SKI"),
        (b"CKAIA", b"CKI"),
        (b"SKA", b"SKI"),
        (b"CKA", b"CKI"),
        (b"OVA", b"OV"),
        (b"EVA", b"EV"),
        (b"INA", b"IN"),
    ];
    let male_of = |female: &[u8]| {
        FEMALE.iter().find_map(|(f, m)| {
            female
                .strip_suffix(*f)
                .filter(|stem| stem.len() >= 2)
                .map(|stem| [stem, *m].concat())
        })
    };
    let is_male = |k: &[u8]| FEMALE.iter().any(|(_, m)| k.ends_with(m));
    [(a, b), (b, a)].iter().any(|(male, female)| {
        is_male(male)
            && male_of(female).is_some_and(|m| distance::similarity(male, &m) >= PART_FOUND)
    })
}

/// The most a part and two parts written together may cost apart and still
/// reach [`PART_FOUND`] (see [`distance::from_cost`]: 0.2 of similarity a
/// full edit): anything dearer is not worth finishing the table for.
const JOINED_COST: u16 = 8;

/// What joining parts looks at, read from the book once per comparison.
#[derive(Clone, Copy, Debug, Default)]
struct Joinable<'a> {
    key: &'a [u8],
    initial: bool,
    vowels_guessed: bool,
}

/// The parts of a name as [`joined_similarity`] reads them.
fn joinable<'a>(name: NameView<'a>) -> [Joinable<'a>; MAX_PARTS] {
    let mut out = [Joinable::default(); MAX_PARTS];
    for (slot, p) in out.iter_mut().zip(name.parts()) {
        *slot = Joinable {
            key: p.key(),
            initial: p.initial(),
            vowels_guessed: p.vowels_guessed(),
        };
    }
    out
}

/// How well part `x` reads as `y` and `z` written together: at least
/// [`PART_FOUND`], or 0.
fn joined_similarity(x: &Joinable, y: &Joinable, z: &Joinable) -> f32 {
    if x.initial || y.initial || z.initial {
        return 0.0;
    }
    let (kx, ky, kz) = (x.key, y.key, z.key);
    // Only worth computing when the lengths can meet.
    let mut s = 0.0;
    if (ky.len() + kz.len()).abs_diff(kx.len()) <= 2 {
        let mut both = [0u8; 2 * distance::MAX_LEN];
        both[..ky.len()].copy_from_slice(ky);
        both[ky.len()..ky.len() + kz.len()].copy_from_slice(kz);
        s = distance::similarity_within(kx, &both[..ky.len() + kz.len()], JOINED_COST);
    }
    // A compound written without its vowels (غلامرضا, GHOLAM REZA).
    if s < PART_FOUND && x.vowels_guessed {
        let mut bufs = [[0u8; distance::MAX_LEN]; 3];
        let [bx, by, bz] = &mut bufs;
        let (sx, sy, sz) = (skeleton(kx, bx), skeleton(ky, by), skeleton(kz, bz));
        if sx.len() == sy.len() + sz.len() && sx.starts_with(sy) && sx.ends_with(sz) {
            s = CONSONANTS;
        }
    }
    if s >= PART_FOUND { s } else { 0.0 }
}

/// Pairs of one part with two adjacent parts written apart (ABDUL RAHMAN against
/// ABDULRAHMAN, ANNA MARIA against ANNAMARIA).
fn joined_candidates(a: &[Joinable], b: &[Joinable], out: &mut Vec<Candidate>) {
    let mut joined = |one: &[Joinable], two: &[Joinable], flip: bool| {
        for (i, x) in one.iter().enumerate() {
            for j in 0..two.len().saturating_sub(1) {
                let s = joined_similarity(x, &two[j], &two[j + 1]);
                if s >= PART_FOUND {
                    let (a, b) = ((i, i + 1), (j, j + 2));
                    out.push(Candidate {
                        a: if flip { b } else { a },
                        b: if flip { a } else { b },
                        similarity: s,
                        rule: Rule::Joined,
                    });
                }
            }
        }
    };
    joined(a, b, false);
    joined(b, a, true);
}

/// Whether [`joins`] may find part `i` of `own` written apart or together,
/// judged by the parts' records alone (initials, key lengths, guessed
/// vowels) as [`joined_similarity`] first judges them: false means it finds
/// nothing, without reading any part's letters.
fn may_join(own: NameView, i: usize, other: NameView) -> bool {
    let (n, m) = (own.len().min(MAX_PARTS), other.len().min(MAX_PARTS));
    let may = |x: PartView, y: PartView, z: PartView| {
        !(x.initial() || y.initial() || z.initial())
            && ((y.key_len() + z.key_len()).abs_diff(x.key_len()) <= 2 || x.vowels_guessed())
    };
    let x = own.part(i);
    let alone = (0..m.saturating_sub(1)).any(|j| may(x, other.part(j), other.part(j + 1)));
    let with_neighbour =
        |j: usize| j + 1 < n && (0..m).any(|l| may(other.part(l), own.part(j), own.part(j + 1)));
    alone || with_neighbour(i) || (i > 0 && with_neighbour(i - 1))
}

/// Whether part `i` of `own` pairs with parts of `other` written apart or
/// together (see [`joined_candidates`]).
fn joins(own: &[Joinable], i: usize, other: &[Joinable]) -> bool {
    let x = &own[i];
    let alone = (0..other.len().saturating_sub(1))
        .any(|j| joined_similarity(x, &other[j], &other[j + 1]) >= PART_FOUND);
    let with_neighbour = |j: usize| {
        j + 1 < own.len()
            && other
                .iter()
                .any(|y| joined_similarity(y, &own[j], &own[j + 1]) >= PART_FOUND)
    };
    alone || with_neighbour(i) || (i > 0 && with_neighbour(i - 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_at_the_slip_cost_are_below_the_slip_floor() {
        for len in 1..=distance::MAX_LEN {
            for cost in SLIP_COST..=distance::USEFUL_COST {
                assert!(distance::from_cost(cost, len) < SLIP_FLOOR, "{len} {cost}");
            }
        }
    }

    #[test]
    fn keys_at_the_found_cost_are_not_found() {
        for len in 1..=distance::MAX_LEN {
            for cost in FOUND_COST..=distance::USEFUL_COST {
                assert!(distance::from_cost(cost, len) < PART_FOUND, "{len} {cost}");
            }
        }
    }

    #[test]
    fn joined_parts_dearer_than_the_bound_are_never_found() {
        for len in 1..=distance::MAX_LEN {
            assert!(
                distance::from_cost(JOINED_COST + 1, len) < PART_FOUND,
                "{len}"
            );
        }
    }

    #[test]
    fn a_cache_changes_no_comparison() {
        let m = Matcher::default();
        let names = [
            "MAMMADOV, RASHAD ELCHIN OGLU",
            "Rashad Mammadov",
            "MAMEDOV RASHAT",
            "Məmmədov Rəşad",
            "ALIYEV ELCHIN",
            "HUSAYN ABDULKARIM UTHMAN",
            "UTHMAN BIN AHMAD HUSAYN",
            "ABD AL-RAHMAN OMAR",
            "ABDULRAHMAN OMAR",
            "R MAMMADOV",
            "IVANOVA ANNA",
            "IVANOV ANNA",
            "Мамедов Рашад",
            "ANNA MARIA ROSSI",
            "ANNAMARIA ROSSI",
            "ROSSI",
            "HASAN HASAN",
            "KARAOYLU AHMET",
            "KARASOYLU AHMET",
        ];
        let mut book = NameBook::new();
        for n in names {
            m.add_to(&mut book, n);
        }
        let mut cache = PartCache::new();
        for t in names {
            let traveller = m.prepare(t);
            cache.clear();
            // Twice over, so that the second round reads the cache.
            for _ in 0..2 {
                for (id, name) in names.iter().enumerate() {
                    let entry = book.view(id as crate::NameId);
                    let (cached, full) = (
                        m.compare_views_cached(traveller.view(), entry, &mut cache),
                        m.compare_views(traveller.view(), entry),
                    );
                    // Or given up on a surname, which in full stays capped.
                    let given_up = cached
                        == Comparison {
                            score: 0.0,
                            slip: None,
                        }
                        && full.score <= CAPPED
                        && full.slip.is_none();
                    assert!(
                        cached == full || given_up,
                        "{t} | {name}: {cached:?} {full:?}"
                    );
                    // Without slips: given up only where the score stays
                    // capped, whatever the slip.
                    let strict =
                        m.compare_views_cached_without_slips(traveller.view(), entry, &mut cache);
                    let given_up = strict
                        == Comparison {
                            score: 0.0,
                            slip: None,
                        }
                        && full.score <= CAPPED;
                    assert!(
                        strict == full || given_up,
                        "{t} | {name}: {strict:?} {full:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn screening_gives_up_on_a_surname_beyond_a_slip() {
        let m = Matcher::default();
        let (traveller, entry) = (m.prepare("ALIYEV/RASHAD"), m.prepare("KARIMOV, RASHAD"));
        let full = m.compare_views(traveller.view(), entry.view());
        assert!(full.score <= CAPPED && full.slip.is_none(), "{full:?}");
        let cached = m.compare_views_cached(traveller.view(), entry.view(), &mut PartCache::new());
        assert_eq!(
            cached,
            Comparison {
                score: 0.0,
                slip: None
            }
        );
        // A slip in the surname is still weighed.
        let slipped = m.prepare("KARIMOV/RASHAD");
        let near = m.prepare("KARIMOF, RASHAD");
        assert_eq!(
            m.compare_views_cached(slipped.view(), near.view(), &mut PartCache::new()),
            m.compare_views(slipped.view(), near.view())
        );
    }

    fn matches(a: &str, b: &str) -> bool {
        Matcher::default().score_text(a, b) >= DEFAULT_THRESHOLD
    }

    #[test]
    fn variants_across_scripts_match() {
        for (a, b) in [
            ("İlham Əliyev", "Ilham Aliyev"),
            ("Rəşad Məmmədov", "MAMMADOV/RASHAD MR"),
            ("Rəşad Məmmədov", "MAMEDOV<<RASHAD"),
            ("Rəşad Məmmədov", "Мамедов Рашад"),
            ("Elçin Həmidov", "HAMIDOV ELCHIN"),
            ("Elçin Həmidov", "GAMIDOV ELCHIN"),
            ("Elçin Həmidov", "Гамидов Эльчин"),
            ("Anar Cəlilov", "JALILOV ANAR"),
            ("Anar Cəlilov", "DZHALILOV ANAR"),
            ("Anar Cəlilov", "CALILOV ANAR"),
            ("محمد علي", "MOHAMMED ALI"),
            ("محمد علي", "MUHAMMAD ALI"),
            ("محمد علي", "MOHAMED ALI"),
            ("ABDUL RAHMAN OMAR", "ABD AL-RAHMAN OMAR"),
            ("ABDULRAHMAN OMAR", "ABDUL RAHMAN OMAR"),
        ] {
            assert!(matches(a, b), "{a} | {b}: {:?}", explained(a, b));
        }
    }

    #[test]
    fn tolerates_order_missing_parts_initials_and_slips() {
        for (a, b) in [
            ("Rashad Ali oglu Mammadov", "MAMMADOV RASHAD"),
            ("Ivan Ivanovich Petrov", "PETROV/IVAN"),
            ("PETROV/IVAN", "Petrov Ivan"),
            ("SMITH/J", "John Smith"),
            ("MAMMADOV/RASHAD", "MAMMDOV/RASHAD"),
        ] {
            assert!(matches(a, b), "{a} | {b}: {:?}", explained(a, b));
        }
    }

    #[test]
    fn different_people_one_letter_apart_do_not_match() {
        for (a, b) in [
            ("NASIROV/ELNUR", "NAZIROV/ELNUR"),
            ("KARIMOV/ANAR", "KASIMOV/ANAR"),
            ("AHMED/YUSUF", "AHMED/YUNUS"),
            ("IVANOV/IVAN", "IVANOVA/IVAN"),
            ("SERGEEV/PAVEL", "SERGEENKO/PAVEL"),
            ("KHAN/AHMAD", "KHAN/HAMAD"),
        ] {
            assert!(!matches(a, b), "{a} | {b}: {:?}", explained(a, b));
        }
    }

    #[test]
    fn surname_rules() {
        // Matching given names cannot outweigh another surname.
        assert!(!matches(
            "RASHAD ALI ELCHIN HASANOV",
            "RASHAD ALI ELCHIN HUSEYNOV"
        ));
        // A surname alone never matches a full name.
        assert!(!matches("MAMMADOV", "MAMMADOV RASHAD"));
        let e = explained("MAMMADOV", "MAMMADOV RASHAD");
        assert!(e.caps.iter().any(|c| c.contains("one part")), "{e:?}");
    }

    #[test]
    fn explanation_lists_pairs_rules_and_leftovers() {
        let e = explained("Rəşad Əli oğlu Məmmədov", "MAMEDOV/RASHAD");
        let rules: Vec<Rule> = e.pairs.iter().map(|p| p.rule).collect();
        assert_eq!(e.pairs.len(), 2, "{e:?}");
        assert!(rules.contains(&Rule::Transliteration), "{e:?}");
        assert_eq!(e.unmatched, vec![("Əli".to_string(), Role::Patronymic)]);
        assert!(e.caps.is_empty());
        assert!(e.score >= DEFAULT_THRESHOLD && e.score < 1.0);
    }

    #[test]
    fn rare_parts_weigh_more() {
        let m = Matcher::default();
        // The same slip in the given name costs more next to a common surname.
        let common = m.score_text("MAMMADOV/RASHAD", "MAMMADOV/RASAHD");
        let rare = m.score_text("TAGHIZADEH/RASHAD", "TAGHIZADEH/RASAHD");
        assert!(rare > common, "{rare} {common}");
    }

    #[test]
    fn scores_are_symmetric_and_bounded() {
        let m = Matcher::default();
        for (a, b) in [
            ("ABDUL RAHMAN", "ABDULRAHMAN OMAR"),
            ("SMITH/J", "JOHN SMITH"),
            ("Ivan", ""),
        ] {
            let (x, y) = (m.score_text(a, b), m.score_text(b, a));
            assert!(
                (x - y).abs() < 1e-6 && (0.0..=1.0).contains(&x),
                "{a} | {b}: {x} {y}"
            );
        }
    }

    fn explained(a: &str, b: &str) -> Explanation {
        let m = Matcher::default();
        m.explain(&m.prepare(a), &m.prepare(b))
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    /// Name-like text: words from several scripts, separators and markers.
    fn name() -> impl Strategy<Value = String> {
        let word = prop_oneof![
            "[A-Z]{1,9}",
            "[a-zəşçğıöü]{1,9}",
            "[а-яё]{1,9}",
            "[ا-ي]{1,7}",
            Just("OGLU".to_string()),
            Just("BIN".to_string()),
            Just("AL".to_string()),
            Just("ABDUL".to_string()),
            Just("MR".to_string()),
        ];
        (proptest::collection::vec(word, 0..6), "[ /<,]{0,2}")
            .prop_map(|(words, sep)| words.join(if sep.is_empty() { " " } else { &sep }))
    }

    proptest! {
        #[test]
        fn scores_are_bounded_and_explanations_agree(a in name(), b in name()) {
            let m = Matcher::default();
            let (x, y) = (m.prepare(&a), m.prepare(&b));
            let s = m.score(&x, &y);
            prop_assert!((0.0..=1.0).contains(&s));
            prop_assert_eq!(m.explain(&x, &y).score, s);
            prop_assert!((m.score(&y, &x) - s).abs() < 1e-5, "not symmetric: {} {}", s, m.score(&y, &x));
            if !x.parsed().parts.is_empty() {
                prop_assert_eq!(m.score(&x, &x), 1.0);
            }
        }

        #[test]
        fn any_text_is_read_without_panic(text in "\\PC{0,40}") {
            let m = Matcher::default();
            let n = m.prepare(&text);
            let _ = m.score(&n, &n);
        }
    }
}
