//! Reading a name as it was sent: machine-readable zone (`SURNAME<<GIVEN<NAMES`),
//! booking (`SURNAME/GIVEN MR`), `Surname, Given`, or plain words in either
//! order; titles set aside, patronymics and particles recognised, and each part
//! given its role and its Latin matching keys.

use unicode_normalization::UnicodeNormalization;

use crate::fold::fold;
use crate::script;

/// How the name was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Form {
    /// `SURNAME<<GIVEN<NAMES`.
    Mrz,
    /// `SURNAME/GIVEN TITLE`.
    Pnr,
    /// `Surname, Given`.
    SurnameFirst,
    /// Words with no marker of which is the surname.
    Plain,
}

/// What a part of the name is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Role {
    Given,
    Middle,
    Surname,
    /// The father's name: `Ali oğlu`, `Ivanovich`, `bin Salman`.
    Patronymic,
}

impl Role {
    pub fn as_str(&self) -> &'static str {
        match self {
            Role::Given => "given",
            Role::Middle => "middle",
            Role::Surname => "surname",
            Role::Patronymic => "patronymic",
        }
    }
}

/// One part of a name.
#[derive(Clone, Debug, PartialEq)]
pub struct Part {
    /// The part as sent (particles joined, as read).
    pub original: String,
    /// Its Latin spelling, upper case.
    pub latin: String,
    /// Every Latin spelling it may carry under the schemes in use, `latin` first.
    pub spellings: Vec<String>,
    /// Folded matching keys (spellings that schemes swap made equal); at least one.
    pub keys: Vec<String>,
    pub role: Role,
    /// A single letter, written for a given name.
    pub initial: bool,
    /// Written in a script without short vowels and not a name the tables
    /// know: the vowels of its Latin forms are guesses, its consonants evidence.
    pub vowels_guessed: bool,
}

/// A name read into parts, with the titles it carried.
#[derive(Clone, Debug, PartialEq)]
pub struct ParsedName {
    pub form: Form,
    pub parts: Vec<Part>,
    /// Titles and honorifics removed from the name (MR, DR, HAJI …).
    pub titles: Vec<String>,
    /// Patronymic markers removed (OGLU, QIZI, BIN …).
    pub markers: Vec<String>,
}

/// Titles and honorifics, as upper-case Latin words.
pub const TITLES: &[&str] = &[
    "MR", "MRS", "MS", "MSTR", "MISS", "MISTER", "DR", "PROF", "CHD", "INF", "HAJI", "HAJJI",
    "HADJI", "HAJ", "SHEIKH", "SHAIKH", "SHEIK", "SIR", "DAME", "LORD", "REV", "MME", "MLLE",
    "HERR", "FRAU", "BEY", "KHANIM", "KHANUM", "HANIM", "XANIM", "EFENDI", "MULLA", "MULLAH",
    "MADAM", "MADAME", "SYED", "SEYED", "SEYYED", "SAYYID", "SAYED", "SAYYED",
];

/// Abbreviations of Muhammad in South Asian and Malay names (MD, MOHD).
const MUHAMMAD_ABBREVIATIONS: &[&str] = &["MD", "MOHD", "MHD", "MUHD"];

/// Words that end a name in -ud-din (NOUR EL DIN, NOURELDIN, SALAHEDDINE).
const DIN: &[&str] = &["DIN", "DINE", "DEEN"];

/// -ud-din with its article, written as a word (SALAH EDDINE) or glued on.
const DIN_JOINS: &[&str] = &[
    "EDDINE", "EDDIN", "ELDINE", "ELDIN", "UDDIN", "UDDEEN", "ADDIN", "ALDIN", "EDDEEN", "ELDEEN",
];

/// Titles that booking systems glue to the given name (`JOHNMR`). Not MS or DR:
/// WILLIAMS and ALEKSANDR end so (those are cut only when the lexicon knows
/// the name without them).
pub const GLUED_TITLES: &[&str] = &["MSTR", "MISS", "MRS", "MR"];

/// Azerbaijani and Turkic patronymic markers (after the father's name).
const PATRONYMIC_AFTER: &[&str] = &[
    "OGLU", "OGLY", "OGHLU", "OGLI", "UGLI", "QIZI", "GIZI", "KIZI", "KYZY", "KIZY", "GYZY",
    "QYZY", "UULU", "ULY",
];

/// Arabic patronymic markers (before the father's name).
const PATRONYMIC_BEFORE: &[&str] = &["BIN", "IBN", "BINT", "BEN", "BENT", "BNT"];

/// The Arabic article and its assimilated forms.
const ARTICLES: &[&str] = &[
    "AL", "EL", "AD", "AR", "AS", "ASH", "AT", "AZ", "UL", "UD", "UR", "AN", "ES", "ED", "ER",
];

/// Particles of European surnames, joined to the word after them.
const PARTICLES: &[&str] = &[
    "VAN", "VON", "DE", "DI", "DA", "DEL", "DELLA", "DER", "DEN", "DU", "DOS", "DAS", "LA", "LE",
    "TER", "TEN",
];

/// Surname endings of the region (folded): Russian and Azerbaijani -ov/-ev,
/// Armenian -yan, Georgian -dze/-shvili/-ia, Persian -zade, Ukrainian -enko, Polish -ski.
const SURNAME_ENDINGS: &[&str] = &[
    "OV", "OVA", "EV", "EVA", "IEV", "IEVA", "YAN", "IAN", "ZADE", "ZADEH", "ZADA", "DZE",
    "SHVILI", "SVILI", "ENKO", "SKI", "SKA", "SKIY", "SKII", "SKAYA", "SKAIA", "OGLU", "LI", "LU",
    "UK", "IUK", "YUK",
];

/// Russian patronymic endings, as spelled and folded (-ovich → OVIC).
const PATRONYMIC_ENDINGS: &[&str] = &[
    "OVICH", "EVICH", "OVIC", "EVIC", "OVNA", "EVNA", "ICHNA", "ICNA",
];

/// Reads a name as sent.
pub fn parse(name: &str) -> ParsedName {
    // One code point per letter (a decomposed Ş is Ş), compatibility forms
    // (Arabic presentation forms, full-width letters) to their letters.
    let name: String = name.trim().nfkc().collect();
    let name = name.as_str();
    let (form, surname_text, given_text) = if let Some((s, g)) = name.split_once("<<") {
        (Form::Mrz, Some(s), g)
    } else if let Some((s, g)) = name.split_once('/') {
        (Form::Pnr, Some(s), g)
    } else if let Some((s, g)) = name.split_once(',') {
        (Form::SurnameFirst, Some(s), g)
    } else {
        (Form::Plain, None, name)
    };
    let mut titles = Vec::new();
    let mut markers = Vec::new();
    let mut surname = surname_text.map(words).unwrap_or_default();
    let mut given = words(given_text);
    if form == Form::Pnr
        && let Some(last) = given.last_mut()
    {
        // Booking systems glue the title to the given name: JOHNMR.
        if let Some(t) = GLUED_TITLES
            .iter()
            .find(|t| last.latin.len() > t.len() + 1 && last.latin.ends_with(*t))
        {
            let cut = last.latin.len() - t.len();
            last.latin.truncate(cut);
            titles.push(t.to_string());
        } else if let Some(t) = ["MS", "DR"].iter().find(|t| {
            // ANIMS is ANI MS, WILLIAMS is WILLIAMS: cut only when the rest is a
            // known name and the whole is not.
            last.latin.strip_suffix(*t).is_some_and(|stem| {
                stem.len() >= 2
                    && crate::lexicon::is_known(stem)
                    && !crate::lexicon::is_known(&last.latin)
            })
        }) {
            let cut = last.latin.len() - t.len();
            last.latin.truncate(cut);
            titles.push(t.to_string());
        }
    }
    strip_titles(&mut given, &mut titles);
    strip_titles(&mut surname, &mut titles);
    let surname = join_particles(surname, &mut markers);
    let given = join_particles(given, &mut markers);
    let parts = assign_roles(form, surname, given);
    ParsedName {
        form,
        parts,
        titles,
        markers,
    }
}

/// A word as read, before its role is known.
#[derive(Clone, Debug)]
struct Word {
    original: String,
    latin: String,
    /// Other Latin spellings (Arabic script carries several).
    alternatives: Vec<String>,
    patronymic: bool,
    vowels_guessed: bool,
}

/// Splits on blanks, hyphens, fillers and dots; drops apostrophes; renders each
/// word in Latin.
fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let context = script::Context::of(text);
    for raw in
        text.split(|c: char| c.is_whitespace() || matches!(c, '-' | '<' | '.' | '_' | ',' | '/'))
    {
        let cleaned: String = raw
            .chars()
            .filter(|c| {
                c.is_alphabetic()
                    || ('\u{0300}'..='\u{036F}').contains(c)
                    || ('\u{064B}'..='\u{065F}').contains(c)
            })
            .collect();
        if cleaned.is_empty() {
            continue;
        }
        // Chinese names are written without blanks: family name first, one character.
        let pieces: Vec<String> = match cleaned.char_indices().nth(1) {
            Some((second, _)) if script::script_of(&cleaned) == script::Script::Han => {
                vec![cleaned[..second].to_string(), cleaned[second..].to_string()]
            }
            _ => vec![cleaned],
        };
        for piece in pieces {
            read_word(piece, context, &mut out);
        }
    }
    out
}

/// Renders one word in Latin and appends it (and an Arabic article it carries).
fn read_word(cleaned: String, context: script::Context, out: &mut Vec<Word>) {
    let mut forms = script::renderings(&cleaned, context);
    if forms.is_empty() {
        return;
    }
    // Arabic readings may carry the article: AL-RAHMAN.
    if let Some(rest) = forms[0].strip_prefix("AL-") {
        out.push(Word {
            original: "ال".into(),
            latin: "AL".into(),
            alternatives: Vec::new(),
            patronymic: false,
            vowels_guessed: false,
        });
        let rest = rest.to_string();
        forms = forms
            .into_iter()
            .map(|f| f.strip_prefix("AL-").map(str::to_string).unwrap_or(f))
            .collect();
        forms[0] = rest;
    }
    let mut latin = forms.remove(0);
    if latin.is_empty() {
        return;
    }
    if MUHAMMAD_ABBREVIATIONS.contains(&latin.as_str()) {
        latin = "MUHAMMAD".into();
    }
    // The article glued to an Arabic family name (ALSHAMMARI, ELTAYEB) is also
    // read without it, as when it is written apart and dropped.
    if let Some(rest) = ["AL", "EL"]
        .iter()
        .find_map(|a| latin.strip_prefix(a))
        .filter(|r| r.len() >= 5)
    {
        forms.push(rest.to_string());
    }
    // And glued to the end of the word before it (IKRAMUL HAQ, FAZLUR RAHMAN).
    if let Some(stem) = ["UL", "UR", "UD"]
        .iter()
        .find_map(|a| latin.strip_suffix(a))
        .filter(|r| r.len() >= 3)
    {
        forms.push(stem.to_string());
    }
    out.push(Word {
        vowels_guessed: script::vowels_guessed(&cleaned),
        original: cleaned,
        latin,
        alternatives: forms,
        patronymic: false,
    });
}

fn strip_titles(words: &mut Vec<Word>, titles: &mut Vec<String>) {
    if words.len() < 2 {
        return;
    }
    // After the article a title word is a family name: AL-SAYYID.
    let mut after_article = false;
    words.retain(|w| {
        let is_title = TITLES.contains(&w.latin.as_str()) && !after_article;
        after_article = ARTICLES.contains(&w.latin.as_str());
        if is_title {
            titles.push(w.latin.clone());
        }
        !is_title
    });
}

/// One spelling for the compounds written joined, apart or half-way: ABD-
/// names and -ud-din names. Applied to every part and to the lexicon alike.
pub(crate) fn canonical(latin: &str) -> String {
    let latin = din_compound(latin).unwrap_or_else(|| latin.to_string());
    abd_compound(&latin).unwrap_or(latin)
}

/// -ud-din names in one form: NOURELDIN, NOUREDDINE, NURUDDIN as NOURDIN.
fn din_compound(word: &str) -> Option<String> {
    DIN_JOINS
        .iter()
        .find_map(|j| word.strip_suffix(j).filter(|stem| stem.len() >= 3))
        .map(|stem| format!("{stem}DIN"))
}

/// ABDUL RAHMAN, ABDULRAHMAN and ABD AL-RAHMAN as one word ABD+RAHMAN.
fn abd_compound(word: &str) -> Option<String> {
    let rest = word.strip_prefix("ABD")?;
    let mut rest = rest.trim_start_matches(['U', 'E', 'A', 'O']).to_string();
    // Sun-letter assimilation doubles the consonant: ABDURRAHMAN, ABDULLAH.
    let b = rest.as_bytes();
    if b.len() > 2 && b[0] == b[1] {
        rest.remove(0);
    }
    // A lone L left is the article (ABDELKADER, ABDULAZIZ), but not the L of
    // Allah (ABDULLAH, ABDULLA, ABDULLAYEV).
    let allah = rest.starts_with("LA")
        && matches!(
            rest.as_bytes().get(2),
            None | Some(b'H' | b'Y' | b'E' | b'I' | b'O')
        );
    if rest.starts_with('L') && !allah && rest.len() > 3 {
        rest.remove(0);
    }
    (rest.len() >= 3).then(|| format!("ABD{rest}"))
}

/// Joins articles, ABD- compounds and surname particles to the word they
/// belong to, and marks fathers' names.
fn join_particles(words: Vec<Word>, markers: &mut Vec<String>) -> Vec<Word> {
    let mut out: Vec<Word> = Vec::with_capacity(words.len());
    let mut i = 0;
    while i < words.len() {
        let w = &words[i];
        let next = words.get(i + 1);
        let latin = w.latin.as_str();
        if let Some(n) = next.filter(|_| {
            matches!(
                latin,
                "ABD" | "ABDUL" | "ABDEL" | "ABDOL" | "ABDAL" | "ABDUR" | "ABDU" | "ABDOUL"
            )
        }) {
            // ABD + (article) + name.
            let (name, skip) = match words.get(i + 2) {
                Some(after) if ARTICLES.contains(&n.latin.as_str()) => (after, 3),
                _ => (n, 2),
            };
            let joined = format!("ABD{}", name.latin);
            out.push(Word {
                original: format!("{} {}", w.original, name.original),
                latin: joined,
                alternatives: Vec::new(),
                patronymic: false,
                vowels_guessed: false,
            });
            i += skip;
            continue;
        }
        if let Some(prev) = out.last_mut() {
            // NOUR EL DIN, SALAH AL-DIN, SALAH EDDINE: one name.
            let article_din =
                ARTICLES.contains(&latin) && next.is_some_and(|n| DIN.contains(&n.latin.as_str()));
            let glued_din = DIN_JOINS.contains(&latin);
            if article_din || glued_din {
                let used = if article_din { 2 } else { 1 };
                let text: Vec<&str> = words[i..i + used]
                    .iter()
                    .map(|w| w.original.as_str())
                    .collect();
                prev.original = format!("{} {}", prev.original, text.join(" "));
                prev.latin.push_str("DIN");
                i += used;
                continue;
            }
        }
        if next.is_some() && ARTICLES.contains(&latin) && words.len() > 1 {
            // The article is dropped; the word it precedes is matched without it.
            i += 1;
            continue;
        }
        if let Some(n) = next.filter(|_| PARTICLES.contains(&latin)) {
            out.push(Word {
                original: format!("{} {}", w.original, n.original),
                latin: format!("{}{}", w.latin, n.latin),
                alternatives: Vec::new(),
                patronymic: false,
                vowels_guessed: false,
            });
            i += 2;
            continue;
        }
        if PATRONYMIC_BEFORE.contains(&latin) && next.is_some() && i > 0 {
            markers.push(w.latin.clone());
            let mut n = words[i + 1].clone();
            n.patronymic = true;
            // Maghreb family names keep the marker: BEN ALI, BENALI.
            n.alternatives.push(format!("{}{}", w.latin, n.latin));
            out.push(n);
            i += 2;
            continue;
        }
        if (PATRONYMIC_AFTER.contains(&latin)
            || PATRONYMIC_AFTER.contains(&fold(latin).as_str())
            || mistyped_marker(latin))
            && !out.is_empty()
        {
            markers.push(w.latin.clone());
            if let Some(prev) = out.last_mut() {
                prev.patronymic = true;
            }
            i += 1;
            continue;
        }
        out.push(w.clone());
        i += 1;
    }
    out
}

/// A marker after the father's name typed with one slip (OGLU as OBLU,
/// OGQLU, OGUL; QIZI as QIZZI): a word no known name is, one letter added,
/// dropped, replaced or two swapped from a marker of four letters or more.
fn mistyped_marker(latin: &str) -> bool {
    latin.len() >= 4
        && PATRONYMIC_AFTER.iter().any(|m| {
            m.len() >= 4 && crate::distance::one_slip_apart(latin.as_bytes(), m.as_bytes())
        })
        && !crate::lexicon::is_known(latin)
}

fn ends_with_any(key: &str, endings: &[&str]) -> bool {
    endings
        .iter()
        .any(|e| key.len() > e.len() + 1 && key.ends_with(e))
}

/// Keys kept per part: enough for the schemes of one script, few enough to
/// keep comparison cheap.
const MAX_KEYS: usize = 4;

fn make_part(mut w: Word, role: Role) -> Part {
    w.latin = canonical(&w.latin);
    let mut keys = vec![fold(&w.latin)];
    for a in &w.alternatives {
        let k = fold(&canonical(a));
        if !keys.contains(&k) && keys.len() < MAX_KEYS {
            keys.push(k);
        }
    }
    let mut spellings = vec![w.latin.clone()];
    spellings.extend(w.alternatives.iter().filter(|a| **a != w.latin).cloned());
    Part {
        initial: w.latin.len() == 1,
        vowels_guessed: w.vowels_guessed,
        original: w.original,
        latin: w.latin,
        spellings,
        keys,
        role: if w.patronymic { Role::Patronymic } else { role },
    }
}

/// Roles from the form; for plain names, from surname and patronymic endings,
/// else the last word is the surname.
fn assign_roles(form: Form, surname: Vec<Word>, given: Vec<Word>) -> Vec<Part> {
    let mut parts = Vec::new();
    if form != Form::Plain {
        let n_surnames = surname.len();
        for (k, w) in given.into_iter().enumerate() {
            let role = if k == 0 { Role::Given } else { Role::Middle };
            let mut p = make_part(w, role);
            if p.role == Role::Middle && ends_with_any(&p.keys[0], PATRONYMIC_ENDINGS) {
                p.role = Role::Patronymic;
            }
            parts.push(p);
        }
        for w in surname {
            parts.push(make_part(w, Role::Surname));
        }
        if n_surnames == 0 && parts.len() > 1 {
            // `/GIVEN` alone or `<<GIVEN`: nothing is known to be the surname.
            if let Some(last) = parts.last_mut() {
                last.role = Role::Surname;
            }
        }
        return parts;
    }
    let n = given.len();
    // Each word folded once: its endings are looked at up to three times.
    let folded: Vec<String> = given.iter().map(|w| fold(&w.latin)).collect();
    let ends = |i: usize, endings: &[&str]| {
        ends_with_any(&given[i].latin, endings) || ends_with_any(&folded[i], endings)
    };
    let patronymic_at = patronymics_by_ending(
        &(0..n)
            .map(|i| ends(i, PATRONYMIC_ENDINGS))
            .collect::<Vec<_>>(),
    );
    let candidates: Vec<usize> = (0..n)
        .filter(|&i| !given[i].patronymic && !patronymic_at[i])
        .collect();
    // A father's name last (KUZNETS PETR SERGEEVICH) puts the surname first;
    // else it is last (PETR SERGEEVICH KUZNETS).
    let father_last = n > 2 && (given[n - 1].patronymic || patronymic_at[n - 1]);
    let fallback = if father_last {
        candidates.first()
    } else {
        candidates.last()
    };
    let surname_at = candidates
        .iter()
        .rev()
        .copied()
        .find(|&i| ends(i, SURNAME_ENDINGS) && n > 1)
        .or_else(|| fallback.copied())
        .unwrap_or(n.saturating_sub(1));
    let first_given = (0..n).find(|&i| i != surname_at && !given[i].patronymic);
    for (i, w) in given.into_iter().enumerate() {
        let role = if i == surname_at || n == 1 {
            Role::Surname
        } else if Some(i) == first_given {
            Role::Given
        } else if patronymic_at[i] {
            Role::Patronymic
        } else {
            Role::Middle
        };
        parts.push(make_part(w, role));
    }
    parts
}

/// Which words ending like a Russian father's name are one, given which
/// words so end: with one, it is; with several (SVIATOSLAV GENNADEVICH
/// GOLUBOVICH), only one right after a word that does not so end (the given
/// name it follows), the others being surnames of that shape.
fn patronymics_by_ending(ending: &[bool]) -> Vec<bool> {
    if ending.iter().filter(|e| **e).count() < 2 {
        return ending.to_vec();
    }
    let mut found = false;
    (0..ending.len())
        .map(|i| {
            let is = !found && ending[i] && i > 0 && !ending[i - 1];
            found |= is;
            is
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roles(name: &str) -> Vec<(String, Role)> {
        parse(name)
            .parts
            .into_iter()
            .map(|p| (p.latin, p.role))
            .collect()
    }

    #[test]
    fn forms() {
        assert_eq!(
            roles("MAMMADOV<<RASHAD<ALI"),
            vec![
                ("RASHAD".into(), Role::Given),
                ("ALI".into(), Role::Middle),
                ("MAMMADOV".into(), Role::Surname)
            ]
        );
        let p = parse("SMITH/JOHNMR");
        assert_eq!(p.titles, vec!["MR"]);
        assert_eq!(
            roles("SMITH/JOHNMR"),
            vec![
                ("JOHN".into(), Role::Given),
                ("SMITH".into(), Role::Surname)
            ]
        );
        assert_eq!(
            roles("Aliyev, Ilham"),
            vec![
                ("ILHAM".into(), Role::Given),
                ("ALIYEV".into(), Role::Surname)
            ]
        );
        assert_eq!(
            roles("Dr John Smith"),
            vec![
                ("JOHN".into(), Role::Given),
                ("SMITH".into(), Role::Surname)
            ]
        );
    }

    #[test]
    fn surname_first_plain_names_by_ending() {
        assert_eq!(
            roles("MAMMADOV RASHAD"),
            vec![
                ("MAMMADOV".into(), Role::Surname),
                ("RASHAD".into(), Role::Given)
            ]
        );
    }

    #[test]
    fn patronymics() {
        let r = roles("Rəşad Əli oğlu Məmmədov");
        assert_eq!(r[1], ("ALI".into(), Role::Patronymic));
        assert_eq!(r[2], ("MAMMADOV".into(), Role::Surname));
        let r = roles("Ivan Ivanovich Petrov");
        assert_eq!(r[1].1, Role::Patronymic);
        // Surnames shaped like a father's name.
        for n in [
            "SVIATOSLAV GENNADEVICH GOLUBOVICH",
            "GOLUBOVICH SVIATOSLAV GENNADEVICH",
            "Golubovich, Sviatoslav Gennadevich",
        ] {
            let r = roles(n);
            assert!(
                r.contains(&("GOLUBOVICH".into(), Role::Surname))
                    && r.contains(&("GENNADEVICH".into(), Role::Patronymic))
                    && r.contains(&("SVIATOSLAV".into(), Role::Given)),
                "{n}: {r:?}"
            );
        }
        let r = roles("KUZNETS PETR SERGEEVICH");
        assert_eq!(r[0], ("KUZNETS".into(), Role::Surname));
        let r = roles("Mohammed bin Salman Al Saud");
        assert!(r.contains(&("SALMAN".into(), Role::Patronymic)), "{r:?}");
        assert!(r.contains(&("SAUD".into(), Role::Surname)), "{r:?}");
    }

    #[test]
    fn mistyped_markers_are_markers() {
        let marker_and_father = |n: &str| {
            let p = parse(n);
            (p.markers.len(), p.parts.get(2).map(|x| x.role))
        };
        let mistyped = [
            "SHIRGAROV MAMMED ELMAR OBLU",
            "MAHARRAMOV KANAN RAMIN OCGLU",
            "NASIROV SHAHIN ULVI OGQLU",
            "NASIROV SHAHIN ULVI OGUL",
        ];
        let read: Vec<_> = mistyped.iter().map(|n| marker_and_father(n)).collect();
        assert_eq!(read, vec![(1, Some(Role::Patronymic)); 4], "{mistyped:?}");
    }

    #[test]
    fn abd_compounds_and_articles() {
        for n in [
            "ABDUL RAHMAN",
            "ABDULRAHMAN",
            "ABD AL-RAHMAN",
            "ABDURRAHMAN",
            "Abd al Rahman",
        ] {
            let p = parse(n);
            assert_eq!(p.parts.len(), 1, "{n}: {p:?}");
            assert_eq!(p.parts[0].latin, "ABDRAHMAN", "{n}");
        }
        assert_eq!(parse("ABDULLAH").parts[0].latin, "ABDLAH");
        assert_eq!(parse("ABDALLAH").parts[0].latin, "ABDLAH");
        assert_eq!(parse("ABDELKADER").parts[0].latin, "ABDKADER");
        assert_eq!(
            roles("Omar al-Farouq"),
            vec![
                ("OMAR".into(), Role::Given),
                ("FAROUQ".into(), Role::Surname)
            ]
        );
        assert_eq!(parse("Ludwig van Beethoven").parts[1].latin, "VANBEETHOVEN");
        // A title after the article is the family name; alone, a title.
        for n in ["AL-SAYYID ALI WAFFAQ", "AL-SAYYID, ALI WAFFAQ"] {
            let p = parse(n);
            assert!(p.titles.is_empty(), "{n}: {p:?}");
            assert!(p.parts.iter().any(|x| x.latin == "SAYYID"), "{n}: {p:?}");
        }
        assert_eq!(parse("SAYYID ALI WAFFAQ").titles, vec!["SAYYID"]);
        for n in [
            "Nour El Din Saad",
            "NOURELDIN SAAD",
            "Noureddine Saad",
            "NOUR EDDINE SAAD",
        ] {
            assert_eq!(parse(n).parts[0].latin, "NOURDIN", "{n}");
        }
    }

    #[test]
    fn unicode_forms_read_alike() {
        // Ş decomposed (S + U+0327) marks the name as Azerbaijani as Ş does.
        assert_eq!(parse("Ras\u{0327}ad Əliyev").parts[0].latin, "RASHAD");
        // Arabic presentation forms are the letters they present.
        assert_eq!(
            parse("\u{FEE3}\u{FEA4}\u{FEE4}\u{FEAA}").parts[0].latin,
            "MUHAMMAD"
        );
    }

    #[test]
    fn scripts() {
        assert_eq!(parse("Мамедов Рашад").parts[0].latin, "MAMEDOV");
        assert_eq!(parse("عبد الرحمن").parts[0].latin, "ABDRAHMAN");
        assert_eq!(parse("محمد").parts[0].keys.len(), 4);
    }
}
