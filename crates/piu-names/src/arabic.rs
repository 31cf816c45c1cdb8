//! Arabic and Persian script. Short vowels are not written, so a name has no
//! single Latin form: common names carry the spellings documents use for them,
//! other words get a consonant reading with guessed vowels.

/// Common given names and name words, in normalised Arabic or Persian script
/// (see [`normalise`]), with their usual Latin spellings, the most frequent first.
const NAMES: &[(&str, &[&str])] = &[
    (
        "محمد",
        &[
            "MUHAMMAD", "MOHAMMED", "MOHAMED", "MOHAMMAD", "MOHAMAD", "MAHOMED",
        ],
    ),
    ("احمد", &["AHMAD", "AHMED", "AHMET"]),
    ("محمود", &["MAHMOUD", "MAHMUD", "MAHMOOD"]),
    ("مصطفي", &["MUSTAFA", "MOSTAFA", "MUSTAPHA"]),
    ("علي", &["ALI", "ALY"]),
    ("حسن", &["HASAN", "HASSAN"]),
    (
        "حسين",
        &["HUSSEIN", "HUSAYN", "HOSSEIN", "HUSEYN", "HUSSAIN"],
    ),
    ("عمر", &["OMAR", "UMAR"]),
    ("عثمان", &["OSMAN", "USMAN", "OTHMAN", "UTHMAN"]),
    ("يوسف", &["YUSUF", "YOUSEF", "YOUSSEF", "YOUSIF", "YUSEF"]),
    ("ابراهيم", &["IBRAHIM", "EBRAHIM", "IBRAGIM"]),
    ("اسماعيل", &["ISMAIL", "ESMAIL", "ISMAYIL"]),
    ("خالد", &["KHALID", "KHALED"]),
    ("خليل", &["KHALIL", "HALIL"]),
    ("سعيد", &["SAID", "SAEED", "SAEID"]),
    ("رشيد", &["RASHID", "RACHID", "RASHEED"]),
    ("كريم", &["KARIM", "KAREEM", "KERIM"]),
    ("جمال", &["JAMAL", "GAMAL", "CAMAL"]),
    ("طارق", &["TARIQ", "TAREK", "TARIK"]),
    ("سليمان", &["SULEIMAN", "SULAYMAN", "SOLEIMAN", "SULEYMAN"]),
    ("صالح", &["SALEH", "SALIH"]),
    ("ياسر", &["YASSER", "YASIR"]),
    ("فيصل", &["FAISAL", "FAYSAL"]),
    ("ناصر", &["NASSER", "NASIR", "NASER"]),
    ("سلمان", &["SALMAN"]),
    ("منصور", &["MANSOUR", "MANSUR"]),
    ("حمزه", &["HAMZA", "HAMZAH"]),
    ("بلال", &["BILAL"]),
    ("امير", &["AMIR", "AMEER"]),
    ("رضا", &["REZA", "RIDA", "RIDHA"]),
    ("مهدي", &["MAHDI", "MEHDI"]),
    ("جواد", &["JAVAD", "JAWAD"]),
    ("هشام", &["HISHAM", "HESHAM"]),
    ("وليد", &["WALID", "WALEED"]),
    ("زياد", &["ZIAD", "ZIYAD"]),
    ("عادل", &["ADEL", "ADIL"]),
    ("نبيل", &["NABIL", "NABEEL"]),
    ("يحيي", &["YAHYA", "YAHIA"]),
    ("موسي", &["MUSA", "MOUSSA", "MOUSA"]),
    ("عيسي", &["ISA", "EISA", "ISSA"]),
    ("داود", &["DAWUD", "DAOUD", "DAVUD"]),
    ("قاسم", &["QASIM", "KASIM", "GASIM", "QASSEM"]),
    ("جعفر", &["JAFAR", "JAAFAR", "DZHAFAR"]),
    ("حيدر", &["HAIDAR", "HAYDAR", "HEYDAR"]),
    ("عباس", &["ABBAS"]),
    ("فاطمه", &["FATIMA", "FATEMEH", "FATMA"]),
    ("عايشه", &["AISHA", "AYESHA", "AICHA"]),
    ("زينب", &["ZAINAB", "ZEINAB", "ZAYNAB"]),
    ("مريم", &["MARYAM", "MARIAM"]),
    ("ساره", &["SARA", "SARAH"]),
    ("ليلي", &["LAYLA", "LEILA", "LEYLA"]),
    ("نور", &["NOOR", "NUR", "NOUR"]),
    ("زهرا", &["ZAHRA"]),
    ("زهراء", &["ZAHRA"]),
    ("خديجه", &["KHADIJA", "KHADIJAH", "HADICE"]),
    ("امينه", &["AMINA", "AMINEH"]),
    ("عبد", &["ABD"]),
    ("الله", &["ALLAH", "ULLAH"]),
    ("الرحمن", &["AL-RAHMAN"]),
    ("الرحيم", &["AL-RAHIM"]),
    ("العزيز", &["AL-AZIZ"]),
    ("الكريم", &["AL-KARIM"]),
    ("بن", &["BIN"]),
    ("ابن", &["IBN"]),
    ("بنت", &["BINT"]),
    ("ابو", &["ABU"]),
    ("ام", &["UMM"]),
    ("فرهاد", &["FARHAD"]),
    ("داريوش", &["DARIUSH", "DARIOUSH"]),
    ("كوروش", &["KOUROSH", "KOROSH", "KURUSH"]),
    ("شهرام", &["SHAHRAM"]),
    ("بهرام", &["BAHRAM"]),
    ("پرويز", &["PARVIZ", "PERVIZ"]),
    ("نسرين", &["NASRIN", "NESRIN"]),
    ("فرزانه", &["FARZANEH", "FARZANA"]),
    ("محمدي", &["MOHAMMADI", "MUHAMMADI"]),
    ("احمدي", &["AHMADI"]),
    ("حسيني", &["HOSSEINI", "HUSSEINI"]),
    ("موسوي", &["MOUSAVI", "MUSAVI"]),
    ("رضايي", &["REZAEI", "REZAIE"]),
    ("كريمي", &["KARIMI"]),
    ("رحيمي", &["RAHIMI"]),
    ("جعفري", &["JAFARI", "JAAFARI"]),
    ("صادقي", &["SADEGHI", "SADIQI"]),
    ("قاسمي", &["GHASEMI", "QASIMI"]),
    ("تميمي", &["TAMIMI"]),
    ("قحطاني", &["QAHTANI", "KAHTANI"]),
    ("شمري", &["SHAMMARI"]),
    ("زهراني", &["ZAHRANI"]),
    ("حربي", &["HARBI"]),
    ("مطيري", &["MUTAIRI"]),
    ("عتيبي", &["OTAIBI", "UTAIBI"]),
    ("دوسري", &["DOSARI", "DOSSARY"]),
];

/// Removes vowel marks and tatweel and folds letter variants: alef forms to ا,
/// ى to ي, ة to ه, Persian ی and ک to ي and ك.
pub fn normalise(token: &str) -> String {
    token
        .chars()
        .filter_map(|c| match c {
            '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}' => None,
            'أ' | 'إ' | 'آ' | 'ٱ' => Some('ا'),
            'ى' | 'ی' | 'ې' => Some('ي'),
            'ة' => Some('ه'),
            'ک' => Some('ك'),
            'ئ' => Some('ي'),
            'ؤ' => Some('و'),
            c => Some(c),
        })
        .collect()
}

/// Letters only Persian (and Urdu) writes; their presence makes ض ذ ظ read Z
/// and و read V.
pub fn is_persian(token: &str) -> bool {
    token
        .chars()
        .any(|c| matches!(c, 'پ' | 'چ' | 'ژ' | 'گ' | 'ی' | 'ک'))
}

/// Consonant value of a letter (Arabic values; see [`is_persian`]).
fn letter(c: char, persian: bool) -> Option<&'static str> {
    Some(match c {
        'ض' | 'ذ' | 'ظ' if persian => "Z",
        'ب' => "B",
        'پ' => "P",
        'ت' => "T",
        'ث' => "S",
        'ج' => "J",
        'چ' => "CH",
        'ح' => "H",
        'خ' => "KH",
        'د' => "D",
        'ذ' => "Z",
        'ر' => "R",
        'ز' => "Z",
        'ژ' => "ZH",
        'س' => "S",
        'ش' => "SH",
        'ص' => "S",
        'ض' => "D",
        'ط' => "T",
        'ظ' => "Z",
        'غ' => "GH",
        'ف' => "F",
        'ق' => "Q",
        'ك' => "K",
        'گ' => "G",
        'ل' => "L",
        'م' => "M",
        'ن' => "N",
        'ه' => "H",
        'ء' => "",
        _ => return None,
    })
}

/// A reading of a word outside the table: consonants as written, long vowels
/// (ا و ي) as A U I, ع as the A it is usually written, and A guessed between
/// consonants that meet.
fn reading(word: &str, persian: bool) -> String {
    let chars: Vec<char> = word.chars().collect();
    let mut out = String::new();
    let mut last_consonant = false;
    for (i, &c) in chars.iter().enumerate() {
        let next_vowel = chars
            .get(i + 1)
            .is_some_and(|n| matches!(n, 'ا' | 'و' | 'ي' | 'ع'));
        match c {
            'ا' | 'ع' => {
                out.push('A');
                last_consonant = false;
            }
            'و' | 'ي' => {
                let consonantal = i == 0 || next_vowel;
                let (cons, vowel) = match c {
                    'و' if persian => ('V', 'U'),
                    'و' => ('W', 'U'),
                    _ => ('Y', 'I'),
                };
                if consonantal {
                    if last_consonant {
                        out.push('A');
                    }
                    out.push(cons);
                    last_consonant = true;
                } else {
                    out.push(vowel);
                    last_consonant = false;
                }
            }
            c => {
                if let Some(s) = letter(c, persian) {
                    if s.is_empty() {
                        continue;
                    }
                    if last_consonant {
                        out.push('A');
                    }
                    out.push_str(s);
                    last_consonant = true;
                }
            }
        }
    }
    out
}

/// Latin spellings of an Arabic or Persian token, the likeliest first. The
/// article ال is kept apart (`AL-…`) so that it can be matched or dropped.
/// `persian`: another word of the name shows it is Persian.
pub fn romanisations(token: &str, persian: bool) -> Vec<String> {
    romanise(&normalise(token), persian || is_persian(token))
}

fn romanise(word: &str, persian: bool) -> Vec<String> {
    if let Some(forms) = table(word) {
        return forms.iter().map(|s| s.to_string()).collect();
    }
    if let Some(rest) = word.strip_prefix("ال").filter(|r| r.chars().count() >= 2) {
        let inner = romanise(rest, persian);
        return inner.into_iter().map(|r| format!("AL-{r}")).collect();
    }
    // عبدالله, عبدالرحمن: ABD joined to the name it serves.
    if let Some(rest) = word.strip_prefix("عبد").filter(|r| r.chars().count() >= 3) {
        let inner = romanise(rest, persian);
        return inner
            .into_iter()
            .map(|r| format!("ABD{}", r.replace('-', "")))
            .collect();
    }
    vec![reading(word, persian)]
}

fn table(word: &str) -> Option<&'static [&'static str]> {
    NAMES
        .iter()
        .find(|(w, _)| *w == word)
        .map(|(_, forms)| *forms)
}

/// Whether the vowels of the token's Latin forms were guessed (a word outside
/// the table), so that only its consonants are evidence.
pub fn vowels_guessed(token: &str) -> bool {
    let word = normalise(token);
    let word = word
        .strip_prefix("ال")
        .filter(|r| r.chars().count() >= 2)
        .unwrap_or(&word);
    let word = word
        .strip_prefix("عبد")
        .filter(|r| r.chars().count() >= 3)
        .unwrap_or(word);
    let word = word
        .strip_prefix("ال")
        .filter(|r| r.chars().count() >= 2)
        .unwrap_or(word);
    table(word).is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_and_reading() {
        assert_eq!(romanisations("محمد", false)[0], "MUHAMMAD");
        assert_eq!(romanisations("مُحَمَّد", false)[0], "MUHAMMAD");
        assert_eq!(romanisations("أحمد", false)[0], "AHMAD");
        assert_eq!(romanisations("الرحمن", false), vec!["AL-RAHMAN"]);
        assert_eq!(romanisations("حمد", false), vec!["HAMAD"]);
        assert_eq!(romanisations("كريمة", false), vec!["KARIMAH"]);
        assert_eq!(romanisations("الحربي", false), vec!["AL-HARBI"]);
        assert_eq!(romanisations("فاطمة", false)[0], "FATIMA");
        assert_eq!(romanisations("یوسف", false)[0], "YUSUF");
        assert_eq!(
            romanisations("رضوی", false),
            vec!["RAZAVI"],
            "Persian reads ض as Z"
        );
        assert_eq!(romanisations("العنزي", false), vec!["AL-ANAZI"]);
        assert!(vowels_guessed("العنزي") && !vowels_guessed("محمد"));
        assert_eq!(
            romanisations("رضوان", true),
            vec!["RAZAVAN"],
            "Persian by the rest of the name"
        );
        assert_eq!(romanisations("رضوان", false), vec!["RADAWAN"]);
    }
}
