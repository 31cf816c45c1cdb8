//! Name pools per origin, with the spellings real messages show.
//!
//! Each entry is `NATIVE|VARIANT|…`: the name in its own script or Latin
//! orthography, then spellings that booking agents and foreign passports use for
//! it (Russian-style MAMEDOV for MƏMMƏDOV, MUHAMMAD for MOHAMMED). The passport
//! spelling is not listed: it is the ICAO transliteration of the native form,
//! made by [`passport_spelling`].

/// Where a traveller's names come from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Origin {
    Azerbaijani,
    Russian,
    Turkish,
    Iranian,
    Arab,
    Indian,
    European,
    CentralAsian,
    Chinese,
    Georgian,
}

pub struct Pool {
    pub surnames: &'static [&'static str],
    pub male: &'static [&'static str],
    pub female: &'static [&'static str],
    /// Surnames in -OV, -EV, -IN take -A for women.
    pub gendered_surnames: bool,
    /// Nationalities, by weight.
    pub nationalities: &'static [(&'static str, u32)],
}

#[rustfmt::skip]
const AZ_SURNAMES: &[&str] = &[
    "MƏMMƏDOV|MAMEDOV|MAMMEDOV", "ƏLİYEV|ALIEV", "HƏSƏNOV|GASANOV|HASSANOV",
    "HÜSEYNOV|GUSEINOV|GUSEYNOV|HUSEINOV", "QULİYEV|KULIEV|GULIEV", "İSMAYILOV|ISMAILOV",
    "ABBASOV", "CƏFƏROV|DZHAFAROV|JAFARLI", "RZAYEV|RZAEV", "BAĞIROV|BAGIROV|BAGHIROV",
    "SƏFƏROV|SAFAROV", "NƏSİROV|NASIROV", "KƏRİMOV|KERIMOV", "VƏLİYEV|VELIEV",
    "ORUCOV|ORUDZHEV|ORUJOV", "BABAYEV|BABAEV", "MUSTAFAYEV|MUSTAFAEV", "SÜLEYMANOV|SULEIMANOV",
    "HACIYEV|GADZHIEV|HAJIEV", "ƏHMƏDOV|AKHMEDOV|AHMADOV", "QASIMOV|KASUMOV|GASIMOV",
    "PAŞAYEV|PASHAEV", "NAĞIYEV|NAGIEV", "RƏHİMOV|RAGIMOV", "ŞÜKÜROV|SHUKUROV",
    "MƏHƏRRƏMOV|MAGERRAMOV|MAHARRAMOV", "ZEYNALOV|ZEINALOV", "CƏLİLOV|DZHALILOV|JALILOV",
    "ƏSGƏROV|ASKEROV", "NOVRUZOV", "ALLAHVERDİYEV|ALLAKHVERDIEV", "ƏLƏKBƏROV|ALEKPEROV",
    "İBRAHİMOV|IBRAGIMOV", "XƏLİLOV|KHALILOV|HALILOV", "SADIQOV|SADYKOV|SADIGOV",
    "TAĞIYEV|TAGIEV", "HÜMBƏTOV|GUMBATOV", "BAYRAMOV|BAIRAMOV", "AXUNDOV|AKHUNDOV",
    "MUSAYEV|MUSAEV", "QARAYEV|KARAEV", "ŞIRİNOV|SHIRINOV",
];

#[rustfmt::skip]
const AZ_MALE: &[&str] = &[
    "RƏŞAD|RASHAD", "ELÇİN|ELCHIN|ELCIN", "TURAL", "ORXAN|ORKHAN|ORHAN", "ELVİN|ELVIN",
    "KAMRAN", "RAMİN|RAMIN", "ANAR", "ELNUR", "VÜQAR|VUGAR|VUKAR", "RAUF", "FƏRİD|FARID",
    "NİCAT|NIDZHAT|NIJAT", "CEYHUN|DZHEIKHUN|JEYHUN", "MURAD|MURAT", "EMİN|EMIN",
    "SƏBUHİ|SABUHI", "RÜSTƏM|RUSTAM", "İLHAM|ILKHAM", "VAQİF|VAGIF", "TOFİQ|TOFIK", "ƏLİ|ALI",
    "HÜSEYN|GUSEIN|HUSEYN", "MƏHƏMMƏD|MAGOMED|MAHAMMAD", "AYXAN|AIKHAN|AYKHAN", "TƏRLAN|TARLAN",
    "ZAUR", "SAMİR|SAMIR", "ELŞƏN|ELSHAN", "ŞAHİN|SHAKHIN|SHAHIN",
];

#[rustfmt::skip]
const AZ_FEMALE: &[&str] = &[
    "AYNUR", "LEYLA|LEILA", "GÜNAY|GUNAI", "NİGAR|NIGAR", "SƏBİNƏ|SABINA", "AYSEL|AISEL",
    "NƏRMİN|NARMIN", "KÖNÜL|KONUL|KYONUL", "ÜLVİYYƏ|ULVIYA|ULVIIA", "XƏDİCƏ|KHADIDZHA|KHADIJA",
    "ZƏHRA|ZAKHRA|ZAHRA", "FİDAN|FIDAN", "LALƏ|LALA", "SEVİNC|SEVINDZH|SEVINJ", "AYGÜN|AIGUN",
    "GÜLNAR|GULNAR", "ŞƏBNƏM|SHABNAM", "JALƏ|ZHALA", "TÜRKAN|TURKAN", "AYTƏN|AITAN|AYTAN",
    "RƏNA|RANA", "İRADƏ|IRADA",
];

#[rustfmt::skip]
const RU_SURNAMES: &[&str] = &[
    "IVANOV", "SMIRNOV", "KUZNETSOV", "POPOV", "VASILEV|VASILYEV|VASILIEV", "PETROV", "SOKOLOV",
    "MIKHAILOV|MIKHAYLOV|MICHAILOV", "NOVIKOV", "FEDOROV|FYODOROV|FEODOROV", "MOROZOV",
    "VOLKOV", "ALEKSEEV|ALEXEEV|ALEKSEYEV", "LEBEDEV", "SEMENOV|SEMYONOV", "EGOROV|YEGOROV",
    "PAVLOV", "KOZLOV", "STEPANOV", "NIKOLAEV|NIKOLAYEV", "ORLOV", "ANDREEV|ANDREYEV",
    "MAKAROV", "NIKITIN", "ZAKHAROV|ZAHAROV", "ZAITSEV|ZAYTSEV", "SOLOVEV|SOLOVYOV|SOLOVIEV",
    "BORISOV", "IAKOVLEV|YAKOVLEV", "GRIGOREV|GRIGORYEV",
];

#[rustfmt::skip]
const RU_MALE: &[&str] = &[
    "ALEKSANDR|ALEXANDER|ALEXANDR", "SERGEI|SERGEY", "DMITRII|DMITRY|DMITRIY", "ANDREI|ANDREY",
    "ALEKSEI|ALEXEY|ALEKSEY", "MAKSIM|MAXIM", "IVAN", "MIKHAIL|MIKHAIL|MICHAEL",
    "NIKOLAI|NIKOLAY", "VLADIMIR", "PAVEL", "ROMAN", "ARTEM|ARTYOM", "IGOR", "OLEG",
    "IURII|YURY|YURI", "DENIS", "EVGENII|EVGENY|YEVGENIY",
];

#[rustfmt::skip]
const RU_FEMALE: &[&str] = &[
    "ELENA|YELENA", "OLGA", "TATIANA|TATYANA", "NATALIA|NATALYA", "IRINA", "SVETLANA", "ANNA",
    "MARIIA|MARIA|MARIYA", "EKATERINA|YEKATERINA", "IULIIA|YULIA|JULIA", "ANASTASIIA|ANASTASIA",
    "DARIA|DARYA", "KSENIIA|KSENIA",
];

#[rustfmt::skip]
const TR_SURNAMES: &[&str] = &[
    "YILMAZ", "KAYA", "DEMİR|DEMIR", "ŞAHİN|SAHIN", "ÇELİK|CELIK", "YILDIZ", "YILDIRIM",
    "ÖZTÜRK|OZTURK|OEZTUERK", "AYDIN", "ÖZDEMİR|OZDEMIR", "ARSLAN|ASLAN", "DOĞAN|DOGAN",
    "KILIÇ|KILIC", "ÇETİN|CETIN", "KARA", "KOÇ|KOC", "KURT", "ÖZKAN|OZKAN", "ŞİMŞEK|SIMSEK",
    "POLAT", "KORKMAZ", "ÇAKIR|CAKIR", "ERDOĞAN|ERDOGAN", "YAVUZ", "GÜNEŞ|GUNES",
];

#[rustfmt::skip]
const TR_MALE: &[&str] = &[
    "MEHMET|MEHMED", "MUSTAFA", "AHMET|AHMED", "ALİ|ALI", "HÜSEYİN|HUSEYIN|HUSEIN",
    "HASAN|HASSAN", "İBRAHİM|IBRAHIM", "MURAT", "EMRE", "BURAK", "OĞUZ|OGUZ", "CAN", "SERKAN",
    "ENGİN|ENGIN",
];

#[rustfmt::skip]
const TR_FEMALE: &[&str] = &[
    "AYŞE|AYSE|AISE", "FATMA", "EMİNE|EMINE", "HATİCE|HATICE", "ZEYNEP|ZEYNEB", "ELİF|ELIF",
    "MERVE", "ÖZLEM|OZLEM", "BÜŞRA|BUSRA", "SELİN|SELIN", "GİZEM|GIZEM",
];

#[rustfmt::skip]
const IR_SURNAMES: &[&str] = &[
    "MOHAMMADI|MOHAMADI|MUHAMMADI", "HOSSEINI|HOSEINI|HUSSEINI", "AHMADI",
    "REZAEI|REZAEE|REZAYI", "MOUSAVI|MUSAVI|MOOSAVI", "JAFARI|JAFARY", "KARIMI", "RAHIMI",
    "HASHEMI", "SADEGHI|SADEQI", "GHASEMI|QASEMI|GHASSEMI", "MORADI", "ABBASI", "NOURI|NOORI",
    "SALEHI", "KAZEMI", "TEHRANI", "NAZARI", "AZIZI", "BAGHERI|BAQERI", "HEIDARI|HEYDARI",
    "AKBARI", "SHARIFI", "ZAREI|ZAREEI", "NAJAFI",
];

#[rustfmt::skip]
const IR_MALE: &[&str] = &[
    "MOHAMMAD|MOHAMAD|MUHAMMAD", "ALI", "HOSSEIN|HOSEIN|HUSSEIN", "REZA", "MEHDI|MAHDI", "AMIR",
    "HAMID", "SAEED|SAID", "MOHSEN", "MAJID", "JAVAD", "MASOUD|MASOOD", "ALIREZA",
    "HASSAN|HASAN", "EBRAHIM|IBRAHIM",
];

#[rustfmt::skip]
const IR_FEMALE: &[&str] = &[
    "FATEMEH|FATEME|FATIMA", "ZAHRA", "MARYAM|MARIAM", "SARA|SARAH", "MAHSA", "NEGAR",
    "LEILA|LEYLA", "ZEINAB|ZEYNAB", "ELHAM", "NARGES", "SOMAYEH|SOMAYE", "PARISA", "SHIRIN",
];

#[rustfmt::skip]
const AR_SURNAMES: &[&str] = &[
    "AL MANSOURI|ALMANSOURI|AL-MANSOURI", "AL HASHIMI|ALHASHIMI|AL HASHEMI",
    "AL SAYED|ALSAYED|EL SAYED", "AL QASIMI|ALQASIMI|AL GHASIMI", "HASSAN|HASAN",
    "IBRAHIM|EBRAHIM", "ABDULLAH|ABDALLA", "AL AHMAD|ALAHMAD", "AL HAMMADI|ALHAMMADI",
    "SALEH|SALIH", "AL KUWARI|ALKUWARI", "AL MARRI|ALMARRI", "AL KETBI|ALKETBI",
    "AL SHAMSI|ALSHAMSI", "AL NUAIMI|ALNUAIMI|AL NUAIMY", "HADDAD", "NASSER|NASER", "KHALIL",
    "YOUSEF|YOUSSEF|YUSUF", "MAHMOUD|MAHMUD", "OTHMAN|OSMAN", "AL OTAIBI|ALOTAIBI",
];

#[rustfmt::skip]
const AR_MALE: &[&str] = &[
    "MOHAMMED|MUHAMMAD|MOHAMED|MOHAMMAD", "AHMED|AHMAD", "ABDULLAH|ABDALLAH", "OMAR|UMAR",
    "KHALID|KHALED", "YOUSEF|YUSUF|YOUSSEF", "HAMAD", "SAEED|SAID", "FAISAL|FAYSAL", "SULTAN",
    "RASHID|RASHED", "NASSER|NASER", "IBRAHIM|EBRAHIM", "AMR",
];

#[rustfmt::skip]
const AR_FEMALE: &[&str] = &[
    "FATIMA|FATMA", "AISHA|AYESHA|AICHA", "MARIAM|MARYAM", "NOOR|NUR", "HESSA", "SARA|SARAH",
    "MAHA", "LATIFA", "AMNA|AMINA", "SHAIKHA|SHEIKHA", "RANIA", "HUDA|HODA",
];

#[rustfmt::skip]
const IN_SURNAMES: &[&str] = &[
    "SHARMA", "SINGH", "KUMAR", "PATEL", "GUPTA", "VERMA", "REDDY", "NAIR", "IYER", "RAO",
    "JOSHI", "MEHTA", "SHAH", "DESAI", "KAPOOR|KAPUR", "CHOPRA", "MALHOTRA", "BANERJEE|BANERJI",
    "CHATTERJEE|CHATTERJI", "MUKHERJEE|MUKHERJI", "DAS", "PILLAI", "MENON",
    "AGARWAL|AGGARWAL|AGRAWAL", "KHAN", "SIDDIQUI|SIDDIQI", "ANSARI",
];

#[rustfmt::skip]
const IN_MALE: &[&str] = &[
    "RAHUL", "AMIT", "VIKRAM", "SURESH", "RAJESH", "ANIL", "SANJAY", "ARJUN", "ROHIT", "KARAN",
    "ADITYA", "MOHAMMED|MOHAMMAD|MOHD", "VIJAY", "PRAKASH",
];

#[rustfmt::skip]
const IN_FEMALE: &[&str] = &[
    "PRIYA", "ANJALI", "POOJA|PUJA", "NEHA", "SUNITA", "DEEPIKA|DIPIKA", "KAVITA|KAVITHA",
    "ANITA", "SHREYA|SHRIYA", "DIVYA", "LAKSHMI|LAXMI",
];

#[rustfmt::skip]
const EU_SURNAMES: &[&str] = &[
    "MÜLLER|MULLER|MUELLER", "SCHMIDT", "SCHNEIDER", "FISCHER", "WEBER", "MEYER|MEIER",
    "WAGNER", "BECKER", "SCHULZ", "HOFFMANN|HOFMANN", "MARTIN", "BERNARD", "DUBOIS",
    "LEFÈVRE|LEFEVRE", "ROSSI", "RUSSO", "FERRARI", "ESPOSITO", "BIANCHI", "SMITH", "JONES",
    "WILLIAMS", "BROWN", "TAYLOR", "O'BRIEN|OBRIEN", "O'NEILL|ONEILL", "PAPADOPOULOS",
    "GEORGIOU", "NOWAK", "KOWALSKI", "WIŚNIEWSKI|WISNIEWSKI", "NAGY", "HORVÁTH|HORVATH",
    "JANSSEN", "DE VRIES|DEVRIES",
];

#[rustfmt::skip]
const EU_MALE: &[&str] = &[
    "THOMAS", "MICHAEL", "ANDREAS", "STEFAN", "JEAN", "PIERRE", "MARCO", "LUCA", "JAMES",
    "JOHN", "DAVID", "PETER", "GIORGOS|GEORGIOS", "PIOTR", "LÁSZLÓ|LASZLO", "JAN",
];

#[rustfmt::skip]
const EU_FEMALE: &[&str] = &[
    "ANNA", "MARIA", "SABINE", "JULIA", "MARIE", "SOPHIE", "GIULIA", "FRANCESCA", "SARAH",
    "EMMA", "KATARZYNA", "ELENI", "ZSÓFIA|ZSOFIA", "CLAIRE",
];

#[rustfmt::skip]
const CA_SURNAMES: &[&str] = &[
    "ABDULLAEV|ABDULLAYEV", "YUSUPOV|IUSUPOV", "RAKHIMOV|RAHIMOV", "TOKHTAROV|TOKTAROV",
    "ISMAILOV|ISMAYILOV", "SULTANOV", "AKHMETOV|AHMETOV", "ZHUMABAEV|DZHUMABAEV|JUMABAEV",
    "NURLANOV", "KASYMOV|KASIMOV|QOSIMOV", "SEITKALIEV", "ERGASHEV", "TURSUNOV", "KARIMOV",
    "ALIMOV",
];

#[rustfmt::skip]
const CA_MALE: &[&str] = &[
    "TIMUR", "ASKAR", "NURLAN", "BAKHTIYOR|BAHTIYOR|BAKHTIYAR", "AZAMAT", "DILSHOD|DILSHOT",
    "SHERZOD|SHERZOT", "ALISHER", "YERLAN|ERLAN", "RUSTAM", "DAUREN",
];

#[rustfmt::skip]
const CA_FEMALE: &[&str] = &[
    "AIGUL|AYGUL", "GULNARA", "DINARA", "MADINA", "ZARINA", "ASEL", "DILNOZA", "SAULE",
    "NILUFAR|NILUFER",
];

#[rustfmt::skip]
const CN_SURNAMES: &[&str] = &[
    "WANG", "LI", "ZHANG", "LIU", "CHEN", "YANG", "HUANG", "ZHAO", "WU", "ZHOU", "XU", "SUN",
    "MA", "ZHU", "HU",
];

#[rustfmt::skip]
const CN_MALE: &[&str] = &[
    "WEI", "LEI", "JUN", "HAO", "YONG", "JIAN", "MING", "TAO", "QIANG", "BIN",
];

#[rustfmt::skip]
const CN_FEMALE: &[&str] = &[
    "FANG", "NA", "MIN", "JING", "LI", "YAN", "XIN", "LING", "HUI", "YING",
];

#[rustfmt::skip]
const GE_SURNAMES: &[&str] = &[
    "BERIDZE", "KAPANADZE", "GELASHVILI", "MAISURADZE", "GIORGADZE", "LOMIDZE", "TSIKLAURI",
    "BOLKVADZE", "KVARATSKHELIA", "NOZADZE", "JAPARIDZE|DZHAPARIDZE", "MCHEDLISHVILI",
];

#[rustfmt::skip]
const GE_MALE: &[&str] = &[
    "GIORGI|GEORGE", "DAVIT|DAVID", "LEVAN", "IRAKLI", "NIKA", "ZURAB", "LASHA", "TORNIKE",
];

#[rustfmt::skip]
const GE_FEMALE: &[&str] = &[
    "NINO", "MARIAM", "TAMAR|TAMARA", "ANA", "KETEVAN", "SALOME", "EKA", "NATIA",
];

pub fn pool(origin: Origin) -> Pool {
    match origin {
        Origin::Azerbaijani => Pool {
            surnames: AZ_SURNAMES,
            male: AZ_MALE,
            female: AZ_FEMALE,
            gendered_surnames: true,
            nationalities: &[("AZE", 90), ("RUS", 7), ("TUR", 2), ("GEO", 1)],
        },
        Origin::Russian => Pool {
            surnames: RU_SURNAMES,
            male: RU_MALE,
            female: RU_FEMALE,
            gendered_surnames: true,
            nationalities: &[("RUS", 88), ("KAZ", 5), ("BLR", 4), ("ISR", 3)],
        },
        Origin::Turkish => Pool {
            surnames: TR_SURNAMES,
            male: TR_MALE,
            female: TR_FEMALE,
            gendered_surnames: false,
            nationalities: &[("TUR", 92), ("DEU", 6), ("NLD", 2)],
        },
        Origin::Iranian => Pool {
            surnames: IR_SURNAMES,
            male: IR_MALE,
            female: IR_FEMALE,
            gendered_surnames: false,
            nationalities: &[("IRN", 95), ("CAN", 3), ("SWE", 2)],
        },
        Origin::Arab => Pool {
            surnames: AR_SURNAMES,
            male: AR_MALE,
            female: AR_FEMALE,
            gendered_surnames: false,
            nationalities: &[
                ("ARE", 30),
                ("SAU", 25),
                ("QAT", 15),
                ("KWT", 10),
                ("JOR", 8),
                ("EGY", 7),
                ("IRQ", 5),
            ],
        },
        Origin::Indian => Pool {
            surnames: IN_SURNAMES,
            male: IN_MALE,
            female: IN_FEMALE,
            gendered_surnames: false,
            nationalities: &[("IND", 94), ("GBR", 3), ("ARE", 3)],
        },
        Origin::European => Pool {
            surnames: EU_SURNAMES,
            male: EU_MALE,
            female: EU_FEMALE,
            gendered_surnames: false,
            nationalities: &[
                ("DEU", 22),
                ("GBR", 18),
                ("FRA", 14),
                ("ITA", 12),
                ("POL", 8),
                ("GRC", 6),
                ("HUN", 6),
                ("NLD", 6),
                ("IRL", 4),
                ("USA", 4),
            ],
        },
        Origin::CentralAsian => Pool {
            surnames: CA_SURNAMES,
            male: CA_MALE,
            female: CA_FEMALE,
            gendered_surnames: true,
            nationalities: &[("KAZ", 45), ("UZB", 40), ("KGZ", 8), ("TKM", 7)],
        },
        Origin::Chinese => Pool {
            surnames: CN_SURNAMES,
            male: CN_MALE,
            female: CN_FEMALE,
            gendered_surnames: false,
            nationalities: &[("CHN", 97), ("HKG", 3)],
        },
        Origin::Georgian => Pool {
            surnames: GE_SURNAMES,
            male: GE_MALE,
            female: GE_FEMALE,
            gendered_surnames: false,
            nationalities: &[("GEO", 97), ("RUS", 3)],
        },
    }
}

/// The native form of a pool entry.
pub fn native(entry: &'static str) -> &'static str {
    entry.split('|').next().unwrap_or(entry)
}

/// The other spellings of a pool entry.
pub fn variants(entry: &'static str) -> impl Iterator<Item = &'static str> {
    entry.split('|').skip(1)
}

/// Feminine form of a gendered surname (MAMMADOV → MAMMADOVA, ALIEV → ALIEVA).
pub fn feminine(surname: &str) -> String {
    let up = surname.trim_end();
    if up.ends_with("OV") || up.ends_with("EV") || up.ends_with("IN") || up.ends_with("YEV") {
        format!("{up}A")
    } else {
        up.to_string()
    }
}

/// ICAO 9303 spelling of a native name as the issuing state prints it: the
/// Azerbaijani alphabet as Azerbaijan transliterates it (Ə→A, X→KH, Q→G, C→J,
/// Ş→SH, Ç→CH), German umlauts as AE/OE/UE, other diacritics dropped.
pub fn passport_spelling(origin: Origin, native: &str) -> String {
    let mut out = String::with_capacity(native.len() + 4);
    for c in native.chars() {
        let s: &str = match (origin, c) {
            (Origin::Azerbaijani, 'X') => "KH",
            (Origin::Azerbaijani, 'Q') => "G",
            (Origin::Azerbaijani, 'C') => "J",
            (Origin::Azerbaijani, 'J') => "ZH",
            (Origin::Azerbaijani, 'Ş') => "SH",
            (Origin::Azerbaijani, 'Ç') => "CH",
            (Origin::Azerbaijani, 'Ğ') => "G",
            (Origin::European, 'Ü') => "UE",
            (Origin::European, 'Ö') => "OE",
            (Origin::European, 'Ä') => "AE",
            (_, 'Ə' | 'Ä' | 'Á' | 'À' | 'Â' | 'Ą') => "A",
            (_, 'Ü' | 'Ú' | 'Û') => "U",
            (_, 'Ö' | 'Ó' | 'Ô') => "O",
            (_, 'Ş' | 'Ś') => "S",
            (_, 'Ç' | 'Ć') => "C",
            (_, 'Ğ') => "G",
            (_, 'İ' | 'I' | 'Í') => "I",
            (_, 'É' | 'È' | 'Ê' | 'Ę') => "E",
            (_, 'Ł') => "L",
            (_, 'Ń') => "N",
            (_, 'Ż' | 'Ź') => "Z",
            (_, 'ß') => "SS",
            _ => {
                out.push(c);
                continue;
            }
        };
        out.push_str(s);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transliteration() {
        assert_eq!(
            passport_spelling(Origin::Azerbaijani, "MƏMMƏDOV"),
            "MAMMADOV"
        );
        assert_eq!(
            passport_spelling(Origin::Azerbaijani, "XƏLİLOV"),
            "KHALILOV"
        );
        assert_eq!(passport_spelling(Origin::Azerbaijani, "QULİYEV"), "GULIYEV");
        assert_eq!(passport_spelling(Origin::Azerbaijani, "CƏLİLOV"), "JALILOV");
        assert_eq!(passport_spelling(Origin::Azerbaijani, "ŞƏBNƏM"), "SHABNAM");
        assert_eq!(passport_spelling(Origin::Turkish, "ÖZTÜRK"), "OZTURK");
        assert_eq!(passport_spelling(Origin::European, "MÜLLER"), "MUELLER");
        assert_eq!(feminine("MAMMADOV"), "MAMMADOVA");
        assert_eq!(feminine("BERIDZE"), "BERIDZE");
    }

    #[test]
    fn pools_are_ascii_after_transliteration() {
        let all = [
            Origin::Azerbaijani,
            Origin::Russian,
            Origin::Turkish,
            Origin::Iranian,
            Origin::Arab,
            Origin::Indian,
            Origin::European,
            Origin::CentralAsian,
            Origin::Chinese,
            Origin::Georgian,
        ];
        for o in all {
            let p = pool(o);
            for e in p.surnames.iter().chain(p.male).chain(p.female) {
                let s = passport_spelling(o, native(e));
                assert!(s.is_ascii(), "{s}");
                assert!(variants(e).all(str::is_ascii), "{e}");
            }
        }
    }
}
