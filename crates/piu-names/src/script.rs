//! From any script to Latin letters.
//!
//! Each script is rendered the way documents and bookings render it, under the
//! schemes in use: ICAO Doc 9303 (machine-readable zones), the Azerbaijani and
//! Turkish alphabets read as an English speaker writes them, Russian passport
//! practice and older Cyrillic conventions, the national Georgian and Armenian
//! systems, and for Arabic and Persian (whose short vowels are not written) the
//! common spellings of common names plus a consonant reading. [`renderings`] gives
//! the set of spellings a person may carry, the usual one first.

use crate::arabic;

/// The writing system of a token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Script {
    Latin,
    Cyrillic,
    Arabic,
    Georgian,
    Armenian,
    /// Chinese characters, one syllable each.
    Han,
    Other,
}

/// The script of the first letter that tells.
pub fn script_of(token: &str) -> Script {
    for c in token.chars() {
        let s = match c as u32 {
            0x0041..=0x024F | 0x1E00..=0x1EFF => Script::Latin,
            0x0400..=0x052F => Script::Cyrillic,
            0x0600..=0x06FF | 0x0750..=0x077F | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => Script::Arabic,
            0x10A0..=0x10FF | 0x1C90..=0x1CBF => Script::Georgian,
            0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF => Script::Han,
            0x0530..=0x058F | 0xFB13..=0xFB17 => Script::Armenian,
            _ if c.is_alphabetic() => Script::Other,
            _ => continue,
        };
        return s;
    }
    Script::Latin
}

/// Letters only Azerbaijani and Turkish spelling uses: C, Ç and X then stand
/// for the sounds those alphabets give them (Ç and Ö/Ü alone also occur in
/// French, Portuguese and German names, so they do not mark a name).
fn is_turkic_marked(token: &str) -> bool {
    token
        .chars()
        .any(|c| matches!(c, 'Ə' | 'ə' | 'Ş' | 'ş' | 'Ğ' | 'ğ' | 'İ' | 'ı'))
}

/// Azerbaijani and Turkish letters as an English speaker writes them (and, in
/// the second form, as ICAO machine-readable zones strip them).
fn turkic(c: char, english: bool, marked: bool) -> Option<&'static str> {
    Some(match (c, english) {
        ('Ə' | 'ə', _) => "A",
        ('Ş' | 'ş', true) => "SH",
        ('Ş' | 'ş', false) => "S",
        ('Ç' | 'ç', true) if marked => "CH",
        ('Ç' | 'ç', _) => "C",
        ('Ğ' | 'ğ', true) => "GH",
        ('Ğ' | 'ğ', false) => "G",
        ('ı' | 'İ', _) => "I",
        ('Ö' | 'ö', true) => "O",
        ('Ö' | 'ö', false) => "OE",
        ('Ü' | 'ü', true) => "U",
        ('Ü' | 'ü', false) => "UE",
        _ => return None,
    })
}

/// A Latin token in upper-case ASCII: Azerbaijani and Turkish letters by their
/// sound (`english`) or by ICAO stripping, other diacritics removed.
fn latin(token: &str, english: bool) -> String {
    latin_read(token, english, is_turkic_marked(token))
}

/// As [`latin`], reading C and X the Azerbaijani way when `marked`.
fn latin_read(token: &str, english: bool, marked: bool) -> String {
    let mut out = String::with_capacity(token.len() + 4);
    let chars: Vec<char> = token.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if let Some(s) = turkic(c, english, marked) {
            out.push_str(s);
            continue;
        }
        match c {
            // In Azerbaijani and Turkish spelling C is the J sound, X the KH sound.
            // (Not in CH, SCH, TSCH, which no Azerbaijani spelling has.)
            'C' | 'c' if marked && english && !matches!(chars.get(i + 1), Some('H' | 'h')) => {
                out.push('J')
            }
            'X' | 'x' if marked && english => out.push_str("KH"),
            'X' | 'x' if i == 0 => out.push_str("KH"),
            'Ä' | 'ä' if !english => out.push_str("AE"),
            'ß' => out.push_str("SS"),
            'Æ' | 'æ' => out.push_str("AE"),
            'Ø' | 'ø' => out.push_str(if english { "O" } else { "OE" }),
            'Þ' | 'þ' => out.push_str("TH"),
            c if c.is_ascii() => out.push(c.to_ascii_uppercase()),
            c => {
                for a in any_ascii::any_ascii_char(c).chars() {
                    if a.is_ascii_alphabetic() {
                        out.push(a.to_ascii_uppercase());
                    }
                }
            }
        }
    }
    out
}

/// Cyrillic schemes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Cyr {
    /// ICAO Doc 9303 (2015): Й → I, Я → IA, Ю → IU, Х → KH, Ц → TS, Ъ → IE.
    Icao,
    /// Passport practice before 2015 and most bookings: Й → Y, Я → YA, Ю → YU,
    /// Е → YE at the start of a word.
    Common,
    /// Azerbaijani and Ukrainian names: Г → H, Х → KH.
    SouthernG,
}

fn cyrillic_letter(
    c: char,
    scheme: Cyr,
    at_start: bool,
    after_vowel: bool,
) -> Option<&'static str> {
    let upper = c.to_uppercase().next().unwrap_or(c);
    let ye = at_start || after_vowel;
    Some(match upper {
        'А' => "A",
        'Б' => "B",
        'В' => "V",
        'Г' if scheme == Cyr::SouthernG => "H",
        'Г' => "G",
        'Ґ' => "G",
        'Д' => "D",
        'Е' if ye && scheme != Cyr::Icao => "YE",
        'Е' => "E",
        'Ё' if ye && scheme != Cyr::Icao => "YO",
        'Ё' => "E",
        'Є' => "YE",
        'Ж' => "ZH",
        'З' => "Z",
        'И' => "I",
        'І' => "I",
        'Ї' => "YI",
        'Й' if scheme == Cyr::Icao => "I",
        'Й' => "Y",
        'К' => "K",
        'Л' => "L",
        'М' => "M",
        'Н' => "N",
        'О' => "O",
        'П' => "P",
        'Р' => "R",
        'С' => "S",
        'Т' => "T",
        'У' => "U",
        'Ф' => "F",
        'Х' => "KH",
        'Ц' => "TS",
        'Ч' => "CH",
        'Ш' => "SH",
        'Щ' => "SHCH",
        'Ъ' if scheme == Cyr::Icao => "IE",
        'Ъ' | 'Ь' => "",
        'Ы' => "Y",
        'Э' => "E",
        'Ю' if scheme == Cyr::Icao => "IU",
        'Ю' => "YU",
        'Я' if scheme == Cyr::Icao => "IA",
        'Я' => "YA",
        // Azerbaijani, Kazakh, Uzbek and Tajik letters.
        'Ә' => "A",
        'Ғ' => "GH",
        'Ҝ' => "G",
        'Һ' | 'Ҳ' => "H",
        'Ҹ' => "J",
        'Ј' => "Y",
        'Ө' => "O",
        'Ү' | 'Ұ' | 'Ў' => "U",
        'Қ' => "K",
        'Ң' => "NG",
        'Ӣ' => "I",
        'Ҷ' => "J",
        _ => return None,
    })
}

fn cyrillic(token: &str, scheme: Cyr) -> String {
    let mut out = String::with_capacity(token.len() + 4);
    let mut prev_vowel = false;
    for (i, c) in token.chars().enumerate() {
        match cyrillic_letter(c, scheme, i == 0, prev_vowel) {
            Some(s) => out.push_str(s),
            None => out.push_str(&latin(&c.to_string(), true)),
        }
        prev_vowel = "АЕЁИОУЫЭЮЯаеёиоуыэюяӘәӨөҮү".contains(c);
    }
    out
}

/// The Georgian national system.
fn georgian(token: &str) -> String {
    let mut out = String::new();
    for c in token.chars() {
        // Mtavruli capitals have the shapes' Mkhedruli letters 0x1C90 - 0x10D0 below.
        let c = match c as u32 {
            m @ 0x1C90..=0x1CBF => char::from_u32(m - 0x1C90 + 0x10D0).unwrap_or(c),
            _ => c,
        };
        let s = match c {
            'ა' => "A",
            'ბ' => "B",
            'გ' => "G",
            'დ' => "D",
            'ე' => "E",
            'ვ' => "V",
            'ზ' => "Z",
            'თ' => "T",
            'ი' => "I",
            'კ' => "K",
            'ლ' => "L",
            'მ' => "M",
            'ნ' => "N",
            'ო' => "O",
            'პ' => "P",
            'ჟ' => "ZH",
            'რ' => "R",
            'ს' => "S",
            'ტ' => "T",
            'უ' => "U",
            'ფ' => "P",
            'ქ' => "K",
            'ღ' => "GH",
            'ყ' => "Q",
            'შ' => "SH",
            'ჩ' => "CH",
            'ც' => "TS",
            'ძ' => "DZ",
            'წ' => "TS",
            'ჭ' => "CH",
            'ხ' => "KH",
            'ჯ' => "J",
            'ჰ' => "H",
            _ => "",
        };
        out.push_str(s);
    }
    out
}

/// Armenian in the common romanisation (Ե and Ո as YE and VO at the start of a word).
fn armenian(token: &str) -> String {
    let mut out = String::new();
    let chars: Vec<char> = token
        .chars()
        .map(|c| c.to_lowercase().next().unwrap_or(c))
        .collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let start = i == 0;
        let s = match c {
            'ա' => "A",
            'բ' => "B",
            'գ' => "G",
            'դ' => "D",
            'ե' if start => "YE",
            'ե' => "E",
            'զ' => "Z",
            'է' => "E",
            'ը' => "Y",
            'թ' => "T",
            'ժ' => "ZH",
            'ի' => "I",
            'լ' => "L",
            'խ' => "KH",
            'ծ' => "TS",
            'կ' => "K",
            'հ' => "H",
            'ձ' => "DZ",
            'ղ' => "GH",
            'ճ' => "CH",
            'մ' => "M",
            'յ' => "Y",
            'ն' => "N",
            'շ' => "SH",
            'ո' if chars.get(i + 1) == Some(&'ւ') => {
                i += 1;
                "U"
            }
            'ո' if start => "VO",
            'ո' => "O",
            'չ' => "CH",
            'պ' => "P",
            'ջ' => "J",
            'ռ' => "R",
            'ս' => "S",
            'վ' => "V",
            'տ' => "T",
            'ր' => "R",
            'ց' => "TS",
            'ւ' => "V",
            'փ' => "P",
            'ք' => "K",
            'օ' => "O",
            'ֆ' => "F",
            'և' => "EV",
            _ => "",
        };
        out.push_str(s);
        i += 1;
    }
    out
}

/// Whether the token's vowels are guesses (Arabic script outside the tables).
pub fn vowels_guessed(token: &str) -> bool {
    script_of(token) == Script::Arabic && arabic::vowels_guessed(token)
}

/// What the whole name tells about how to read each of its words.
#[derive(Clone, Copy, Debug, Default)]
pub struct Context {
    /// Another word is written with Persian letters.
    pub persian: bool,
    /// Another word has letters only Azerbaijani or Turkish spelling uses, so C
    /// and Ç read J and CH here too (Həmidov Elçin).
    pub turkic: bool,
}

impl Context {
    pub fn of(name: &str) -> Context {
        Context {
            persian: arabic::is_persian(name),
            turkic: is_turkic_marked(name),
        }
    }
}

/// The Latin spellings a token may appear in, under every scheme above, the
/// usual one first.
pub fn renderings(token: &str, context: Context) -> Vec<String> {
    let marked = is_turkic_marked(token) || context.turkic;
    let script = script_of(token);
    let mut out: Vec<String> = match script {
        Script::Latin => {
            let mut forms = vec![
                latin_read(token, true, marked),
                latin_read(token, false, marked),
            ];
            // Azerbaijani names written without their marked letters still use
            // C for J and X for KH (SEVINC, AXUNDOV).
            if !marked
                && token
                    .chars()
                    .skip(1)
                    .any(|c| matches!(c, 'c' | 'C' | 'x' | 'X'))
            {
                forms.push(latin_read(token, true, true));
            }
            forms
        }
        Script::Cyrillic => vec![
            cyrillic(token, Cyr::Common),
            cyrillic(token, Cyr::Icao),
            cyrillic(token, Cyr::SouthernG),
        ],
        Script::Arabic => arabic::romanisations(token, context.persian),
        Script::Georgian => vec![georgian(token)],
        Script::Armenian => {
            // Initial Ո is VO in the national system, O in many passports.
            let a = armenian(token);
            match a.strip_prefix("VO") {
                Some(rest) => vec![a.clone(), format!("O{rest}")],
                None => vec![a],
            }
        }
        Script::Han | Script::Other => vec![latin(token, true)],
    };
    if script == Script::Latin && is_turkic_marked(token) {
        // Russian-era spellings of Azerbaijani names render Ə as E.
        let e: String = token
            .chars()
            .map(|c| if matches!(c, 'Ə' | 'ə') { 'E' } else { c })
            .collect();
        out.push(latin_read(&e, true, marked));
    }
    out.retain(|s| !s.is_empty());
    // The first of each spelling, in order (without copying any).
    let mut k = 0;
    while k < out.len() {
        if out[..k].contains(&out[k]) {
            out.remove(k);
        } else {
            k += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The spelling a token is read as first.
    fn matching_forms(token: &str) -> Vec<String> {
        renderings(token, Context::default())
            .into_iter()
            .take(1)
            .collect()
    }

    #[test]
    fn azerbaijani() {
        assert_eq!(matching_forms("Məmmədov"), vec!["MAMMADOV"]);
        assert_eq!(matching_forms("Cəlilov"), vec!["JALILOV"]);
        assert_eq!(matching_forms("Xəlilov"), vec!["KHALILOV"]);
        assert_eq!(matching_forms("Rəşad"), vec!["RASHAD"]);
        assert_eq!(matching_forms("İsmayıl"), vec!["ISMAYIL"]);
        let name = Context::of("Həmidov Elçin");
        assert_eq!(
            renderings("Elçin", name)[0],
            "ELCHIN",
            "read as Azerbaijani by the name"
        );
        assert_eq!(renderings("Elçin", Context::default())[0], "ELCIN");
        let r = renderings("Məmmədov", Context::default());
        assert!(
            r.contains(&"MAMMADOV".to_string()) && r.contains(&"MEMMEDOV".to_string()),
            "{r:?}"
        );
        let r = renderings("Rəşad", Context::default());
        assert!(
            r.contains(&"RASAD".to_string()) && r.contains(&"RASHAD".to_string()),
            "{r:?}"
        );
    }

    #[test]
    fn cyrillic_schemes() {
        assert_eq!(matching_forms("Мамедов"), vec!["MAMEDOV"]);
        assert_eq!(matching_forms("Юлия"), vec!["YULIYA"]);
        let r = renderings("Гасанов", Context::default());
        assert!(
            r.contains(&"GASANOV".to_string()) && r.contains(&"HASANOV".to_string()),
            "{r:?}"
        );
        let r = renderings("Алексей", Context::default());
        assert!(
            r.contains(&"ALEKSEI".to_string()) && r.contains(&"ALEKSEY".to_string()),
            "{r:?}"
        );
        assert_eq!(matching_forms("Ельцин"), vec!["YELTSIN"]);
        assert_eq!(matching_forms("Щукин"), vec!["SHCHUKIN"]);
    }

    #[test]
    fn georgian_and_armenian() {
        assert_eq!(matching_forms("გიორგი"), vec!["GIORGI"]);
        assert_eq!(matching_forms("ბერიძე"), vec!["BERIDZE"]);
        assert_eq!(matching_forms("Հովհաննես"), vec!["HOVHANNES"]);
        assert_eq!(matching_forms("Երեմյան"), vec!["YEREMYAN"]);
    }

    #[test]
    fn other_latin() {
        assert_eq!(matching_forms("Müller"), vec!["MULLER"]);
        assert!(renderings("Müller", Context::default()).contains(&"MUELLER".to_string()));
        assert_eq!(matching_forms("Gonçalves"), vec!["GONCALVES"]);
        assert_eq!(matching_forms("Xavier"), vec!["KHAVIER"]);
        assert_eq!(matching_forms("ALEXANDER"), vec!["ALEXANDER"]);
    }
}
