//! Blocking keys: which watchlist names are worth comparing with a traveller's.
//!
//! A name is filed under every pair of its parts, each part by the consonants of
//! its keys (vowels are what transliteration changes most: MAMMADOV, MAMEDOV and
//! MƏMMƏDOV share MMDV). A pair is far more selective than a part: millions of
//! entries share a common surname, few share it with the same given name. For
//! typing slips, each pair is also filed with one consonant deleted from either
//! part (symmetric deletion: a letter added, dropped or changed on either side
//! leaves a deletion in common). Names of one part are filed under that part;
//! an initial is filed by its letter, and full parts also under their first
//! letter, so that `R MAMMADOV` finds `RASHAD MAMMADOV`.
//!
//! Keys are 32-bit hashes: a collision only adds a candidate, which the full
//! comparison then rejects.

use piu_names::{NameView, PartView, Role};

/// Parts of a name that take part in blocking; more are rare and add only cost.
pub const BLOCKED_PARTS: usize = 4;
/// Consonant keys kept per part.
const KEYS_PER_PART: usize = 3;
/// Longest consonant key (longer parts are cut; the cut keeps the start).
const KEY_LEN: usize = 12;

/// What a part is filed under.
#[derive(Clone, Debug, PartialEq, Eq)]
struct PartKeys {
    /// Distinct consonant skeletons of its keys.
    skeletons: Vec<Vec<u8>>,
    /// Its first letter.
    letter: u8,
    initial: bool,
    role: Role,
    surname: bool,
}

fn part_keys(p: PartView) -> PartKeys {
    let mut skeletons: Vec<Vec<u8>> = Vec::with_capacity(2);
    for key in p.keys() {
        let s: Vec<u8> = key
            .iter()
            .copied()
            .filter(|c| !matches!(c, b'A' | b'E' | b'I' | b'O' | b'U'))
            .map(sound_class)
            .take(KEY_LEN)
            .collect();
        if !skeletons.contains(&s) && skeletons.len() < KEYS_PER_PART {
            skeletons.push(s);
        }
    }
    PartKeys {
        skeletons,
        letter: p.key().first().copied().unwrap_or(0),
        initial: p.initial(),
        role: p.role(),
        surname: p.role() == Role::Surname,
    }
}

/// Consonants that differ only in voicing, or that transliterations and
/// spellers trade, are filed as one: RASHAD and RASHAT, YUSIF and YUSUP.
fn sound_class(c: u8) -> u8 {
    match c {
        b'D' => b'T',
        b'B' => b'P',
        b'F' | b'W' => b'V',
        b'G' | b'Q' => b'K',
        b'Z' => b'S',
        c => c,
    }
}

/// Each skeleton with one letter deleted, distinct, for skeletons of three letters or more.
fn deletions(s: &[u8]) -> Vec<Vec<u8>> {
    let mut out: Vec<Vec<u8>> = Vec::new();
    if s.len() < 3 {
        return out;
    }
    for i in 0..s.len() {
        let d: Vec<u8> = s[..i].iter().chain(&s[i + 1..]).copied().collect();
        if !out.contains(&d) {
            out.push(d);
        }
    }
    out
}

/// A stable 32-bit hash of a tagged sequence of byte strings.
fn hash(tag: u8, parts: &[&[u8]]) -> u32 {
    // FNV-1a over the tag and the parts, each part followed by a separator,
    // then mixed. The tag is a byte of its own: XORed into the seed, it would
    // cancel against the first letter (tag 1 with H = tag 4 with M).
    let mut h: u64 = (0xcbf2_9ce4_8422_2325 ^ u64::from(tag)).wrapping_mul(0x0100_0000_01b3);
    for p in parts {
        for &b in *p {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        h = (h ^ 0xff).wrapping_mul(0x0100_0000_01b3);
    }
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h as u32
}

const TAG_PAIR: u8 = 1;
const TAG_SINGLE: u8 = 2;
const TAG_LETTER: u8 = 3;
const TAG_DATED: u8 = 6;
/// Pairs and single parts with one consonant deleted (entries only).
const TAG_PAIR_SLIP: u8 = 4;
const TAG_SINGLE_SLIP: u8 = 5;

/// A pair key, the same whichever part comes first.
fn pair(tag: u8, a: &[u8], b: &[u8]) -> u32 {
    if a <= b {
        hash(tag, &[a, b])
    } else {
        hash(tag, &[b, a])
    }
}

/// A part's letter with another part's skeleton.
fn letter_pair(letter: u8, other: &[u8]) -> u32 {
    hash(TAG_LETTER, &[&[letter], other])
}

/// Whether the keys serve filing a watchlist name or looking up a traveller's:
/// an entry is filed under its full parts' first letters too, a traveller's
/// initial looks them up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    File,
    Look,
}

/// Under which tag a name's keys as written are also filed or looked up
/// besides `exact`, and under which its keys with a consonant deleted go: an
/// entry files its deletions as slips; a traveller looks up its keys as
/// written among the slips and its deletions among the exact keys.
fn slip_tags(side: Side, exact: u8, slip: u8) -> (Option<u8>, u8) {
    match side {
        Side::File => (None, slip),
        Side::Look => (Some(slip), exact),
    }
}

/// The keys of a name, distinct and sorted.
///
/// Slips are filed and looked up only for pairs of a part taken as the
/// surname with a given name (every pair when no part is the surname; the
/// surname with every part when none is a given name): a name of three parts
/// or more with one slip keeps a pair without it, found by its exact key, so
/// slips are needed only where two names share just two parts, and pairs of
/// given names and fathers' names (ALI HASAN, ALEKSANDR ALEKSANDROVICH) are
/// the most crowded. Where the two sides take different parts as the surname
/// and given name, the pair of those two parts is still on both.
///
/// Slips are found by deleting a consonant on one side only: an entry is
/// filed under its pairs with one consonant deleted (a slip key), a traveller
/// looks up its pairs as written among the slip keys (a consonant dropped) and
/// its pairs with one consonant deleted among the exact keys (a consonant
/// added). Deleting on both sides would also find a consonant changed, but a
/// skeleton has no vowels to hold it: SMLV and SVLV (ISMAILOV, SAVELEV) would
/// meet, and at a million entries most candidates would be such strangers.
pub fn keys(name: NameView, side: Side) -> Vec<u32> {
    let Keys {
        mut written,
        slipped,
    } = split_keys(name, side);
    written.extend(slipped);
    written.sort_unstable();
    written.dedup();
    written
}

/// A traveller's keys, those that find names sharing a pair of parts as
/// written apart from those that find them only a slip away.
#[derive(Debug, Default)]
pub struct Keys {
    pub written: Vec<u32>,
    /// Not among `written`.
    pub slipped: Vec<u32>,
}

/// A traveller's keys ([`keys`] on the look side), split: a name found only
/// a slip away is worth comparing only where a slip could be confirmed.
pub fn look_keys(name: NameView) -> Keys {
    split_keys(name, Side::Look)
}

fn split_keys(name: NameView, side: Side) -> Keys {
    let parts: Vec<PartKeys> = name.parts().take(BLOCKED_PARTS).map(part_keys).collect();
    let anchored = parts.iter().any(|p| p.surname);
    let has_given = parts.iter().any(|p| p.role == Role::Given && !p.initial);
    let partner = |p: &PartKeys| !has_given || matches!(p.role, Role::Given | Role::Surname);
    let (mut out, mut slip_keys): (Vec<u32>, Vec<u32>) = (Vec::new(), Vec::new());
    let full: Vec<&PartKeys> = parts.iter().filter(|p| !p.initial).collect();
    if full.len() == 1 {
        // One full part: filed under it alone (with its slips).
        let (whole, deleted) = slip_tags(side, TAG_SINGLE, TAG_SINGLE_SLIP);
        for s in &full[0].skeletons {
            out.push(hash(TAG_SINGLE, &[s]));
            if let Some(tag) = whole {
                slip_keys.push(hash(tag, &[s]));
            }
            for d in deletions(s) {
                slip_keys.push(hash(deleted, &[&d]));
            }
        }
    }
    let (whole, deleted) = slip_tags(side, TAG_PAIR, TAG_PAIR_SLIP);
    for i in 0..parts.len() {
        for j in i + 1..parts.len() {
            let (x, y) = (&parts[i], &parts[j]);
            let slips = !anchored || (x.surname && partner(y)) || (y.surname && partner(x));
            match (x.initial, y.initial) {
                (false, false) => {
                    for a in &x.skeletons {
                        for b in &y.skeletons {
                            out.push(pair(TAG_PAIR, a, b));
                            if !slips {
                                continue;
                            }
                            if let Some(tag) = whole {
                                slip_keys.push(pair(tag, a, b));
                            }
                            for d in deletions(a) {
                                slip_keys.push(pair(deleted, &d, b));
                            }
                            for d in deletions(b) {
                                slip_keys.push(pair(deleted, a, &d));
                            }
                        }
                    }
                    if side == Side::File {
                        for (one, other) in [(x, y), (y, x)] {
                            for s in &other.skeletons {
                                out.push(letter_pair(one.letter, s));
                            }
                        }
                    }
                }
                (true, false) | (false, true) => {
                    let (letter, other) = if x.initial { (x, y) } else { (y, x) };
                    for s in &other.skeletons {
                        out.push(letter_pair(letter.letter, s));
                    }
                }
                (true, true) => {}
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    slip_keys.sort_unstable();
    slip_keys.dedup();
    slip_keys.retain(|k| out.binary_search(k).is_err());
    Keys {
        written: out,
        slipped: slip_keys,
    }
}

/// A birth date as filed: year, month and day (0 when only the month is known).
pub type DateCode = [u8; 4];

/// The keys of a name born on `date`: each full part with the date. A name
/// with a slip in one part keeps the others; a slip is only forgiven when the
/// birth date agrees, so this finds the slips the pair keys cannot afford to
/// (a consonant changed) among the few born that day.
pub fn dated_keys(name: NameView, date: DateCode) -> Vec<u32> {
    let mut out: Vec<u32> = name
        .parts()
        .take(BLOCKED_PARTS)
        .map(part_keys)
        .filter(|p| !p.initial)
        .flat_map(|p| {
            p.skeletons
                .into_iter()
                .map(move |s| hash(TAG_DATED, &[&date, &s]))
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// The keys of each pair of full parts as written (no slips): the names under
/// one of them bear two of the same name parts.
pub fn pair_keys(name: NameView) -> Vec<u32> {
    let parts: Vec<PartKeys> = name
        .parts()
        .take(BLOCKED_PARTS)
        .map(part_keys)
        .filter(|p| !p.initial)
        .collect();
    let mut out = Vec::new();
    for i in 0..parts.len() {
        for j in i + 1..parts.len() {
            if let (Some(a), Some(b)) = (parts[i].skeletons.first(), parts[j].skeletons.first()) {
                out.push(pair(TAG_PAIR, a, b));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use piu_names::Matcher;

    fn shared(a: &str, b: &str, sa: Side, sb: Side) -> bool {
        let m = Matcher::default();
        let (x, y) = (m.prepare(a), m.prepare(b));
        let (ka, kb) = (keys(x.view(), sa), keys(y.view(), sb));
        ka.iter().any(|k| kb.binary_search(k).is_ok())
    }

    fn found(entry: &str, traveller: &str) -> bool {
        shared(entry, traveller, Side::File, Side::Look)
    }

    #[test]
    fn variants_and_slips_share_a_key() {
        for (entry, traveller) in [
            ("Rəşad Məmmədov", "MAMEDOV/RASHAD MR"),
            ("Rəşad Məmmədov", "Мамедов Рашад"),
            ("Rashad Mammadov", "MAMMADOV<<RAHSAD"),
            ("Rashad Mammadov", "MAMMADOV/RASHAT"),
            ("Rashad Elchin oglu Mammadov", "MAMMADOV/RASHAD"),
            ("Rashad Mammadov", "R MAMMADOV"),
            ("محمد علي", "MOHAMMED ALI"),
            ("MAMMADOV", "Məmmədov"),
        ] {
            assert!(found(entry, traveller), "{entry} | {traveller}");
        }
    }

    #[test]
    fn slips_are_filed_only_in_pairs_with_the_surname() {
        // One slip in a name of three parts leaves a pair without it.
        for traveller in [
            "MAMMADOV/RASHAD ELCHN",
            "MAMMADOV/RASHD ELCHIN",
            "MAMADOV/RASHAD ELCHIN",
            "MAMMADOV/RASHD",
            "MAMADOV/RASHAD",
        ] {
            assert!(found("Mammadov, Rashad Elchin", traveller), "{traveller}");
        }
        // Two given names alone, one with a slip: that pair files no slips;
        // nor does the surname with a second given name.
        assert!(!found("Mammadov, Rashad Elchin", "RASHAD/ECHIN"));
        assert!(!found("Mammadov, Rashad Elchin", "MAMMADOV/ECHIN"));
        assert!(found("Mammadov, Rashad", "MAMMADOV/RASHA"));
        assert!(found("Mammadov, Rashad", "MAMMADOV/RASHADS"));
        // Without a part taken as the surname, every pair files them.
        assert!(found("RASHAD ELCHIN", "RASHD ELCHIN"));
    }

    #[test]
    fn different_people_mostly_do_not() {
        for (entry, traveller) in [
            ("Rashad Mammadov", "Elchin Huseynov"),
            ("Rashad Mammadov", "Elchin Mammadov"),
            ("Giorgi Beridze", "Nino Kapanadze"),
        ] {
            assert!(!found(entry, traveller), "{entry} | {traveller}");
        }
    }
}
