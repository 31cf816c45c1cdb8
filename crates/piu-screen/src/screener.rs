//! Screening one traveller: candidates from the blocking index and the
//! document index, every candidate scored on name and evidence, hits explained.

use std::sync::{Arc, RwLock};

use piu_names::{DEFAULT_THRESHOLD, NameId, NameView, PartCache};
use piu_watchlist::{PartialDate, Severity};
use time::Date;

use crate::blocking;
use crate::hit::{Hit, HitExplanation, HitKind, NameEvidence};
use crate::index::{self, Index, Owner};
use crate::person::{self, Factor, Telling, confusable_form, normalise_number};
use crate::subject::Subject;
use crate::years::{self, YearCode, YearFilter};

/// Names examined at most per traveller. Blocking by pairs of parts keeps
/// candidates to a handful; this bounds the rare traveller whose name pairs are
/// shared by thousands of entries (after thinning by birth year).
pub const MAX_CANDIDATES: usize = 4_096;
/// Name scores below this are not worth weighing the other evidence for.
const NAME_FLOOR: f32 = 0.6;

/// Listed persons bearing two of the traveller's name parts from which the
/// name alone is weak evidence.
const COMMON_NAME: usize = 2;
/// Listed persons bearing the traveller's whole name, among those whose birth
/// years do not rule them out, from which the same birth year (one namesake
/// in seventy or so shares it) or full dates one digit apart no longer tell
/// them apart.
const COMMON_NAME_SAME_YEAR: usize = 5;
/// A name score from which the traveller bears the listed name as listed (up
/// to the spellings the matcher folds together).
const AS_LISTED: f32 = 0.99;
/// What a common name without anything to tell its bearers apart costs.
const COMMON_NAME_EFFECT: f32 = -0.25;

/// An entry's best name against the traveller's, and its best name kept apart
/// by a slip alone.
struct Best {
    entry: u32,
    id: NameId,
    score: f32,
    slip: Option<(f32, NameId)>,
}

/// The outcome of screening one traveller.
#[derive(Clone, Debug, Default)]
pub struct Screened {
    pub hits: Vec<Hit>,
    /// Names compared.
    pub candidates: usize,
}

/// Screens against an index that can be replaced while screening goes on:
/// a new index is built aside and swapped in; screenings under way finish on
/// the index they started with.
#[derive(Default)]
pub struct Screener {
    index: RwLock<Arc<Index>>,
}

impl std::fmt::Debug for Screener {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let index = self.index();
        f.debug_struct("Screener")
            .field("lists", &index.lists().len())
            .field("entries", &index.entries().len())
            .finish()
    }
}

impl Screener {
    pub fn new(index: Index) -> Self {
        Screener {
            index: RwLock::new(Arc::new(index)),
        }
    }

    /// The index in use now.
    pub fn index(&self) -> Arc<Index> {
        self.index
            .read()
            .map(|i| Arc::clone(&i))
            .unwrap_or_else(|e| Arc::clone(&e.into_inner()))
    }

    /// Puts a new index in place; returns the old one.
    pub fn replace(&self, index: Index) -> Arc<Index> {
        let new = Arc::new(index);
        let mut slot = self.index.write().unwrap_or_else(|e| e.into_inner());
        std::mem::replace(&mut *slot, new)
    }

    pub fn screen(&self, subject: &Subject, today: Date) -> Screened {
        screen(&self.index(), subject, today)
    }
}

impl Default for Index {
    fn default() -> Self {
        Index::build(Vec::new())
    }
}

/// Screens one traveller against `index`; `today` decides list validity when
/// the subject carries no date of its own.
pub fn screen(index: &Index, subject: &Subject, today: Date) -> Screened {
    let on = subject.on.unwrap_or(today);
    let mut out = Screened::default();
    let traveller = index.matcher.prepare(&subject.name);
    let confirmable = SlipConfirmable::new(index, subject);
    let names = candidates(index, subject, &traveller, &confirmable);
    out.candidates = names.len();
    // Best name of each entry; names are sorted by id, and an entry's names
    // have adjacent ids.
    let mut best: Vec<Best> = Vec::new();
    let mut cache = PART_CACHE.take();
    cache.clear();
    // Every candidate's owner and name are read first, in loops whose reads do
    // not wait on one another: at a million entries nearly every one is a
    // cache miss, and independent misses overlap, where a loop that compares
    // as it reads waits for each in turn.
    let owners: Vec<Owner> = names.iter().map(|&id| index.owner[id as usize]).collect();
    let views: Vec<NameView> = names.iter().map(|&id| index.book.view(id)).collect();
    std::hint::black_box(views.iter().fold(0u32, |s, v| s.wrapping_add(v.touch())));
    for ((&id, owner), other) in names.iter().zip(owners).zip(views) {
        let entry = owner.entry;
        let one = traveller.view();
        let c = if confirmable.may(index, owner) {
            index.matcher.compare_views_cached(one, other, &mut cache)
        } else {
            index
                .matcher
                .compare_views_cached_without_slips(one, other, &mut cache)
        };
        let slip = c.slip.map(|s| (s, id));
        match best.last_mut() {
            Some(b) if b.entry == entry => {
                if c.score > b.score {
                    (b.score, b.id) = (c.score, id);
                }
                if slip.is_some_and(|(s, _)| b.slip.is_none_or(|(t, _)| s > t)) {
                    b.slip = slip;
                }
            }
            _ => best.push(Best {
                entry,
                id,
                score: c.score,
                slip,
            }),
        }
    }
    // Counted only once an entry is weighed: most travellers have none.
    let mut namesakes_counted: Option<usize> = None;
    let mut whole_name_all_years: Option<usize> = None;
    // Names too far apart are not worth weighing, unless a document number
    // brought the entry in: the same passport under another spelling.
    best.retain(|b| b.score >= NAME_FLOOR || b.slip.is_some_and(|(s, _)| s >= NAME_FLOOR));
    // Listed persons bearing the traveller's whole name: the candidates were
    // thinned only of those born in years that rule them out.
    let whole_name = best.iter().filter(|b| b.score >= DEFAULT_THRESHOLD).count();
    for &entry in &confirmable.by_document {
        if !best.iter().any(|b| b.entry == entry) {
            let (score, id) = best_name(index, &traveller, entry);
            best.push(Best {
                entry,
                id,
                score,
                slip: None,
            });
        }
    }
    std::hint::black_box(best.iter().fold(0usize, |sum, b| {
        sum ^ index.entries[b.entry as usize].touch()
    }));
    for b in best {
        let e = &index.entries[b.entry as usize];
        let list = &index.lists[e.list as usize];
        if !subject.source.allows(list.purpose) || !valid(list, on) {
            continue;
        }
        // A name kept apart by one slip counts only with a birth date or a
        // document that agrees.
        let (name_score, id, slip) = match b.slip {
            Some((s, id)) if b.score < NAME_FLOOR => (s, id, true),
            _ => (b.score, b.id, false),
        };
        let born = person::birth_date(subject.birth_date, &e.birth_dates);
        let born_the_same = person::born_the_same(&born);
        let mut factors = vec![
            born,
            person::gender(subject.gender, e.gender),
            person::nationality(
                subject.nationality.as_deref(),
                &e.nationalities,
                born_the_same,
            ),
        ];
        factors.extend(person::documents(&subject.documents, &e.documents));
        if slip {
            let Some(confirming) = factors.iter().find(|f| person::confirms(f)) else {
                continue;
            };
            factors.push(Factor {
                factor: "name",
                outcome: format!(
                    "one part differs by about a letter; taken as a slip because the {} agrees",
                    confirming.factor
                ),
                effect: 0.0,
            });
        }
        // A name many listed persons share says little without a birth date
        // or document to tell them apart.
        let counts = Namesakes {
            whole_name,
            name_score,
            pairs: &mut || *namesakes_counted.get_or_insert_with(|| namesakes(index, &traveller)),
            all_years: &mut || {
                *whole_name_all_years
                    .get_or_insert_with(|| bearers_of_whole_name(index, &traveller, &mut cache))
            },
        };
        if let Some(outcome) = namesakes_outcome(&factors, counts) {
            factors.push(Factor {
                factor: "namesakes",
                outcome,
                effect: COMMON_NAME_EFFECT,
            });
        }
        let score = (name_score + factors.iter().map(|f| f.effect).sum::<f32>()).clamp(0.0, 1.0);
        let k = index.owner[id as usize].place;
        // A weak alias (too common or vague on its own) hits only with a birth
        // date or document that agrees.
        let weak = e.weak & (1 << k) != 0;
        if weak
            && !factors
                .iter()
                .any(|f| f.effect > 0.0 && matches!(f.factor, "birth date" | "document"))
        {
            continue;
        }
        let threshold = list.threshold.unwrap_or(DEFAULT_THRESHOLD);
        if score < threshold {
            continue;
        }
        let entry_name = e
            .names
            .get(k as usize)
            .map(|n| n.to_string())
            .unwrap_or_default();
        let explained = index
            .matcher
            .explain(&traveller, &index.matcher.prepare(&entry_name));
        let mut name = NameEvidence::new(&subject.name, &entry_name, k > 0, &explained);
        name.score = name_score;
        out.hits.push(Hit {
            input_ref: subject.reference.clone(),
            kind: HitKind::Person,
            entry_id: e.id.to_string(),
            list: list.name.clone(),
            version: list.version.clone(),
            score,
            severity: list.severity,
            purpose: list.purpose,
            target_agency: list.owner_agency.clone(),
            explanation: HitExplanation {
                name: Some(name),
                factors,
                threshold,
                criterion: None,
                provenance: Some(e.provenance.to_string()),
            },
            identity: subject.identity.clone(),
            fingerprint: format!("{}|{:016x}", subject.fingerprint(), e.fingerprint),
        });
    }
    PART_CACHE.set(cache);
    lost_documents(index, subject, on, &mut out.hits);
    out.hits.sort_by(|a, b| b.score.total_cmp(&a.score));
    out
}

thread_local! {
    /// One part cache a thread, cleared for each traveller: growing a new
    /// one for each took about a twentieth of screening.
    static PART_CACHE: std::cell::Cell<PartCache> = std::cell::Cell::new(PartCache::new());
}

/// Which entries a slip in the name could count for: only a birth date or a
/// document that agrees confirms one (see [`person::confirms`]), so for the
/// rest a comparison need not look for slips.
struct SlipConfirmable {
    /// The traveller's birth year and month, when the month is known.
    born: Option<(i32, u8)>,
    /// Entries holding a document whose number reads as one of the
    /// traveller's (up to O/0 and I/1).
    by_document: Vec<u32>,
}

impl SlipConfirmable {
    fn new(index: &Index, subject: &Subject) -> Self {
        SlipConfirmable {
            born: subject
                .birth_date
                .and_then(|d| d.month.map(|m| (d.year, m))),
            by_document: subject
                .documents
                .iter()
                .flat_map(|d| index.entries_with_document(&d.number))
                .collect(),
        }
    }

    /// Whether a slip could be confirmed for an entry with these birth
    /// years, as far as they tell: more than [`SlipConfirmable::may`].
    fn may_by_years(&self, born: YearCode) -> bool {
        !self.by_document.is_empty()
            || self
                .born
                .is_some_and(|(year, _)| years::may_hold(born, year))
    }

    /// Whether a slip could be confirmed for a name of this owner: a birth
    /// date of the same year and month, or a document found by its number.
    /// (More entries than are confirmed: the comparison of the others is only
    /// cheaper.)
    fn may(&self, index: &Index, owner: Owner) -> bool {
        self.by_document.contains(&owner.entry)
            || self
                .born
                .is_some_and(|(year, month)| index.born_in_month(owner, year, month))
    }
}

/// How many listed persons bear the traveller's name, counted as needed.
struct Namesakes<'a> {
    /// Bearing the whole name, among those whose birth years do not rule
    /// them out.
    whole_name: usize,
    /// The weighed entry's name score.
    name_score: f32,
    /// Bearing any two of its parts, whatever their birth years.
    pairs: &'a mut dyn FnMut() -> usize,
    /// Bearing the whole name, whatever their birth years.
    all_years: &'a mut dyn FnMut() -> usize,
}

/// Why the name is too common to count in full, if it is.
fn namesakes_outcome(factors: &[Factor], counts: Namesakes) -> Option<String> {
    let Namesakes {
        whole_name,
        name_score,
        pairs,
        all_years,
    } = counts;
    match person::telling(factors) {
        Telling::Apart => None,
        telling @ (Telling::OneDigit | Telling::SameYear) => {
            let dates = match telling {
                Telling::OneDigit => "birth dates one digit apart do",
                _ => "the same birth year does",
            };
            (whole_name >= COMMON_NAME_SAME_YEAR).then(|| {
                format!(
                    "{whole_name} listed persons of about this age bear this name; {dates} not tell them apart"
                )
            })
        }
        // With a birth date unknown on one side, a name the traveller bears
        // as listed, with the person's nationality, that no other listed
        // person of any age bears is not common, whatever other persons bear
        // two of its parts.
        Telling::Nothing
            if name_score >= AS_LISTED
                && person::born_unknown(factors)
                && person::same_nationality(factors)
                && all_years() <= 1 =>
        {
            None
        }
        Telling::Nothing => {
            let pairs = pairs();
            (pairs >= COMMON_NAME).then(|| {
                format!(
                    "{pairs} listed persons bear this name; no full birth date or document tells them apart"
                )
            })
        }
    }
}

/// How many listed persons bear the traveller's whole name, whatever their
/// birth years: counted among the names that share a pair of its parts as
/// written, up to two (one is what matters).
fn bearers_of_whole_name(
    index: &Index,
    traveller: &piu_names::Name,
    cache: &mut PartCache,
) -> usize {
    let mut entries: Vec<u32> = Vec::with_capacity(2);
    for key in blocking::pair_keys(traveller.view()) {
        index.postings.each(key, |n, _| {
            let entry = index.owner[n as usize].entry;
            if entries.len() >= 2 || entries.contains(&entry) {
                return;
            }
            let c = index
                .matcher
                .compare_views_cached(traveller.view(), index.book.view(n), cache);
            if c.score >= DEFAULT_THRESHOLD {
                entries.push(entry);
            }
        });
        if entries.len() >= 2 {
            break;
        }
    }
    entries.len()
}

fn valid(list: &piu_watchlist::List, on: Date) -> bool {
    list.valid_from.is_none_or(|f| f <= on) && list.valid_until.is_none_or(|u| on <= u)
}

/// The entry's best name against the traveller's.
fn best_name(index: &Index, traveller: &piu_names::Name, entry: u32) -> (f32, NameId) {
    let first = index.owner.partition_point(|o| o.entry < entry);
    (first..index.owner.len())
        .take_while(|&id| index.owner[id].entry == entry)
        .map(|id| {
            (
                index
                    .matcher
                    .score_views(traveller.view(), index.book.view(id as NameId)),
                id as NameId,
            )
        })
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .unwrap_or((0.0, first as NameId))
}

/// The names worth comparing: filed under any of the traveller's keys, at
/// most [`MAX_CANDIDATES`]. When the traveller's birth year is known, names of
/// entries born in years that cannot agree are left out before any comparison:
/// the birth date would rule them out anyway (documents are looked up apart).
/// A name found only a slip away is left out too unless a slip could be
/// confirmed for its entry: without that, a slip is never forgiven.
fn candidates(
    index: &Index,
    subject: &Subject,
    traveller: &piu_names::Name,
    confirmable: &SlipConfirmable,
) -> Vec<NameId> {
    let year = subject
        .birth_date
        .map(|d| YearFilter::new(d.year.clamp(0, u16::MAX as i32 - 1) as u16));
    let filed = |keys: &[u32], names: &mut Vec<NameId>| match &year {
        Some(y) => index.postings.each_of(keys, |n, born| {
            if y.admits(born) {
                names.push(n)
            }
        }),
        None => index.postings.each_of(keys, |n, _| names.push(n)),
    };
    let keys = blocking::look_keys(traveller.view());
    let mut names: Vec<NameId> = Vec::new();
    filed(&keys.written, &mut names);
    // Names born the same day (or month) sharing a part: where slips are
    // forgiven, whatever the other part.
    if let Some(d) = subject.birth_date {
        let month = d.day.and(index::date_code(PartialDate { day: None, ..d }));
        for code in [index::date_code(d), month].into_iter().flatten() {
            let keys = blocking::dated_keys(traveller.view(), code);
            index.dated.each_of(&keys, |n, _| names.push(n));
        }
    }
    names.sort_unstable();
    names.dedup();
    // Thinned first by what the postings say (the birth year must be the
    // traveller's), then by the owner's birth month, which is a read apart.
    let mut slipped: Vec<NameId> = Vec::new();
    index.postings.each_of(&keys.slipped, |n, born| {
        if confirmable.may_by_years(born) {
            slipped.push(n)
        }
    });
    slipped.sort_unstable();
    slipped.dedup();
    slipped.retain(|n| {
        names.binary_search(n).is_err() && confirmable.may(index, index.owner[*n as usize])
    });
    if !slipped.is_empty() {
        names.extend(slipped);
        names.sort_unstable();
    }
    names.truncate(MAX_CANDIDATES);
    names
}

/// How many listed persons bear two of the traveller's name parts as written
/// (an entry's aliases count once): the most for any pair.
fn namesakes(index: &Index, traveller: &piu_names::Name) -> usize {
    let mut entries: Vec<u32> = Vec::new();
    blocking::pair_keys(traveller.view())
        .into_iter()
        .map(|k| {
            entries.clear();
            index
                .postings
                .each(k, |n, _| entries.push(index.owner[n as usize].entry));
            entries.sort_unstable();
            entries.dedup();
            entries.len()
        })
        .max()
        .unwrap_or(0)
}

/// The traveller's documents against the lists of lost, stolen and invalid
/// documents: the number must agree (up to O/0 and I/1), and the issuing
/// state where both are known.
fn lost_documents(index: &Index, subject: &Subject, on: Date, hits: &mut Vec<Hit>) {
    for d in &subject.documents {
        let key = confusable_form(&normalise_number(&d.number));
        let Some(found) = index.lost_documents.get(&key) else {
            continue;
        };
        for (list_no, doc) in found {
            let list = &index.lists[*list_no as usize];
            if !subject.source.allows(list.purpose) || !valid(list, on) {
                continue;
            }
            let states = (d.country.as_deref(), doc.issuing_state.as_deref());
            let mut factors = vec![Factor {
                factor: "document",
                outcome: format!(
                    "{} {} on the list as {}",
                    d.kind.as_deref().unwrap_or("document"),
                    normalise_number(&d.number),
                    format!("{:?}", doc.status).to_lowercase()
                ),
                effect: 1.0,
            }];
            match states {
                (Some(a), Some(b)) if !a.eq_ignore_ascii_case(b) => continue,
                (Some(a), Some(_)) => factors.push(Factor {
                    factor: "issuing state",
                    outcome: format!("same ({a})"),
                    effect: 0.0,
                }),
                _ => factors.push(Factor {
                    factor: "issuing state",
                    outcome: "unknown on one side".into(),
                    effect: 0.0,
                }),
            }
            hits.push(Hit {
                input_ref: subject.reference.clone(),
                kind: HitKind::Document,
                entry_id: doc.id.clone(),
                list: list.name.clone(),
                version: list.version.clone(),
                score: 1.0,
                severity: list.severity.max(Severity::Medium),
                purpose: list.purpose,
                target_agency: list.owner_agency.clone(),
                explanation: HitExplanation {
                    name: None,
                    factors,
                    threshold: 1.0,
                    criterion: None,
                    provenance: Some(format!(
                        "{} {}",
                        doc.provenance.source, doc.provenance.locator
                    )),
                },
                identity: subject.identity.clone(),
                fingerprint: subject.fingerprint(),
            });
        }
    }
}
