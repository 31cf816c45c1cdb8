//! Countries as ISO 3166-1 codes.
//!
//! Watchlists, travel documents and messages name countries in several ways: a
//! two-letter code, a three-letter code, the formal name the UN uses ("Iran
//! (Islamic Republic of)"), a short everyday name ("Iran"). The model keeps the
//! alpha-3 code, so that a nationality read from a watchlist and one read from a
//! passport compare as equal strings.

use std::collections::HashMap;
use std::sync::LazyLock;

/// One country: alpha-2, alpha-3, English short name.
type Row = (&'static str, &'static str, &'static str);

/// ISO 3166-1, ordered by alpha-2.
const ISO: &[Row] = &[
    ("AD", "AND", "Andorra"),
    ("AE", "ARE", "United Arab Emirates"),
    ("AF", "AFG", "Afghanistan"),
    ("AG", "ATG", "Antigua and Barbuda"),
    ("AI", "AIA", "Anguilla"),
    ("AL", "ALB", "Albania"),
    ("AM", "ARM", "Armenia"),
    ("AO", "AGO", "Angola"),
    ("AQ", "ATA", "Antarctica"),
    ("AR", "ARG", "Argentina"),
    ("AS", "ASM", "American Samoa"),
    ("AT", "AUT", "Austria"),
    ("AU", "AUS", "Australia"),
    ("AW", "ABW", "Aruba"),
    ("AX", "ALA", "Åland Islands"),
    ("AZ", "AZE", "Azerbaijan"),
    ("BA", "BIH", "Bosnia and Herzegovina"),
    ("BB", "BRB", "Barbados"),
    ("BD", "BGD", "Bangladesh"),
    ("BE", "BEL", "Belgium"),
    ("BF", "BFA", "Burkina Faso"),
    ("BG", "BGR", "Bulgaria"),
    ("BH", "BHR", "Bahrain"),
    ("BI", "BDI", "Burundi"),
    ("BJ", "BEN", "Benin"),
    ("BL", "BLM", "Saint Barthélemy"),
    ("BM", "BMU", "Bermuda"),
    ("BN", "BRN", "Brunei Darussalam"),
    ("BO", "BOL", "Bolivia (Plurinational State of)"),
    ("BQ", "BES", "Bonaire, Sint Eustatius and Saba"),
    ("BR", "BRA", "Brazil"),
    ("BS", "BHS", "Bahamas"),
    ("BT", "BTN", "Bhutan"),
    ("BV", "BVT", "Bouvet Island"),
    ("BW", "BWA", "Botswana"),
    ("BY", "BLR", "Belarus"),
    ("BZ", "BLZ", "Belize"),
    ("CA", "CAN", "Canada"),
    ("CC", "CCK", "Cocos (Keeling) Islands"),
    ("CD", "COD", "Congo, Democratic Republic of the"),
    ("CF", "CAF", "Central African Republic"),
    ("CG", "COG", "Congo"),
    ("CH", "CHE", "Switzerland"),
    ("CI", "CIV", "Côte d'Ivoire"),
    ("CK", "COK", "Cook Islands"),
    ("CL", "CHL", "Chile"),
    ("CM", "CMR", "Cameroon"),
    ("CN", "CHN", "China"),
    ("CO", "COL", "Colombia"),
    ("CR", "CRI", "Costa Rica"),
    ("CU", "CUB", "Cuba"),
    ("CV", "CPV", "Cabo Verde"),
    ("CW", "CUW", "Curaçao"),
    ("CX", "CXR", "Christmas Island"),
    ("CY", "CYP", "Cyprus"),
    ("CZ", "CZE", "Czechia"),
    ("DE", "DEU", "Germany"),
    ("DJ", "DJI", "Djibouti"),
    ("DK", "DNK", "Denmark"),
    ("DM", "DMA", "Dominica"),
    ("DO", "DOM", "Dominican Republic"),
    ("DZ", "DZA", "Algeria"),
    ("EC", "ECU", "Ecuador"),
    ("EE", "EST", "Estonia"),
    ("EG", "EGY", "Egypt"),
    ("EH", "ESH", "Western Sahara"),
    ("ER", "ERI", "Eritrea"),
    ("ES", "ESP", "Spain"),
    ("ET", "ETH", "Ethiopia"),
    ("FI", "FIN", "Finland"),
    ("FJ", "FJI", "Fiji"),
    ("FK", "FLK", "Falkland Islands (Malvinas)"),
    ("FM", "FSM", "Micronesia (Federated States of)"),
    ("FO", "FRO", "Faroe Islands"),
    ("FR", "FRA", "France"),
    ("GA", "GAB", "Gabon"),
    (
        "GB",
        "GBR",
        "United Kingdom of Great Britain and Northern Ireland",
    ),
    ("GD", "GRD", "Grenada"),
    ("GE", "GEO", "Georgia"),
    ("GF", "GUF", "French Guiana"),
    ("GG", "GGY", "Guernsey"),
    ("GH", "GHA", "Ghana"),
    ("GI", "GIB", "Gibraltar"),
    ("GL", "GRL", "Greenland"),
    ("GM", "GMB", "Gambia"),
    ("GN", "GIN", "Guinea"),
    ("GP", "GLP", "Guadeloupe"),
    ("GQ", "GNQ", "Equatorial Guinea"),
    ("GR", "GRC", "Greece"),
    ("GS", "SGS", "South Georgia and the South Sandwich Islands"),
    ("GT", "GTM", "Guatemala"),
    ("GU", "GUM", "Guam"),
    ("GW", "GNB", "Guinea-Bissau"),
    ("GY", "GUY", "Guyana"),
    ("HK", "HKG", "Hong Kong"),
    ("HM", "HMD", "Heard Island and McDonald Islands"),
    ("HN", "HND", "Honduras"),
    ("HR", "HRV", "Croatia"),
    ("HT", "HTI", "Haiti"),
    ("HU", "HUN", "Hungary"),
    ("ID", "IDN", "Indonesia"),
    ("IE", "IRL", "Ireland"),
    ("IL", "ISR", "Israel"),
    ("IM", "IMN", "Isle of Man"),
    ("IN", "IND", "India"),
    ("IO", "IOT", "British Indian Ocean Territory"),
    ("IQ", "IRQ", "Iraq"),
    ("IR", "IRN", "Iran (Islamic Republic of)"),
    ("IS", "ISL", "Iceland"),
    ("IT", "ITA", "Italy"),
    ("JE", "JEY", "Jersey"),
    ("JM", "JAM", "Jamaica"),
    ("JO", "JOR", "Jordan"),
    ("JP", "JPN", "Japan"),
    ("KE", "KEN", "Kenya"),
    ("KG", "KGZ", "Kyrgyzstan"),
    ("KH", "KHM", "Cambodia"),
    ("KI", "KIR", "Kiribati"),
    ("KM", "COM", "Comoros"),
    ("KN", "KNA", "Saint Kitts and Nevis"),
    ("KP", "PRK", "Korea (Democratic People's Republic of)"),
    ("KR", "KOR", "Korea, Republic of"),
    ("KW", "KWT", "Kuwait"),
    ("KY", "CYM", "Cayman Islands"),
    ("KZ", "KAZ", "Kazakhstan"),
    ("LA", "LAO", "Lao People's Democratic Republic"),
    ("LB", "LBN", "Lebanon"),
    ("LC", "LCA", "Saint Lucia"),
    ("LI", "LIE", "Liechtenstein"),
    ("LK", "LKA", "Sri Lanka"),
    ("LR", "LBR", "Liberia"),
    ("LS", "LSO", "Lesotho"),
    ("LT", "LTU", "Lithuania"),
    ("LU", "LUX", "Luxembourg"),
    ("LV", "LVA", "Latvia"),
    ("LY", "LBY", "Libya"),
    ("MA", "MAR", "Morocco"),
    ("MC", "MCO", "Monaco"),
    ("MD", "MDA", "Moldova, Republic of"),
    ("ME", "MNE", "Montenegro"),
    ("MF", "MAF", "Saint Martin (French part)"),
    ("MG", "MDG", "Madagascar"),
    ("MH", "MHL", "Marshall Islands"),
    ("MK", "MKD", "North Macedonia"),
    ("ML", "MLI", "Mali"),
    ("MM", "MMR", "Myanmar"),
    ("MN", "MNG", "Mongolia"),
    ("MO", "MAC", "Macao"),
    ("MP", "MNP", "Northern Mariana Islands"),
    ("MQ", "MTQ", "Martinique"),
    ("MR", "MRT", "Mauritania"),
    ("MS", "MSR", "Montserrat"),
    ("MT", "MLT", "Malta"),
    ("MU", "MUS", "Mauritius"),
    ("MV", "MDV", "Maldives"),
    ("MW", "MWI", "Malawi"),
    ("MX", "MEX", "Mexico"),
    ("MY", "MYS", "Malaysia"),
    ("MZ", "MOZ", "Mozambique"),
    ("NA", "NAM", "Namibia"),
    ("NC", "NCL", "New Caledonia"),
    ("NE", "NER", "Niger"),
    ("NF", "NFK", "Norfolk Island"),
    ("NG", "NGA", "Nigeria"),
    ("NI", "NIC", "Nicaragua"),
    ("NL", "NLD", "Netherlands (Kingdom of the)"),
    ("NO", "NOR", "Norway"),
    ("NP", "NPL", "Nepal"),
    ("NR", "NRU", "Nauru"),
    ("NU", "NIU", "Niue"),
    ("NZ", "NZL", "New Zealand"),
    ("OM", "OMN", "Oman"),
    ("PA", "PAN", "Panama"),
    ("PE", "PER", "Peru"),
    ("PF", "PYF", "French Polynesia"),
    ("PG", "PNG", "Papua New Guinea"),
    ("PH", "PHL", "Philippines"),
    ("PK", "PAK", "Pakistan"),
    ("PL", "POL", "Poland"),
    ("PM", "SPM", "Saint Pierre and Miquelon"),
    ("PN", "PCN", "Pitcairn"),
    ("PR", "PRI", "Puerto Rico"),
    ("PS", "PSE", "Palestine, State of"),
    ("PT", "PRT", "Portugal"),
    ("PW", "PLW", "Palau"),
    ("PY", "PRY", "Paraguay"),
    ("QA", "QAT", "Qatar"),
    ("RE", "REU", "Réunion"),
    ("RO", "ROU", "Romania"),
    ("RS", "SRB", "Serbia"),
    ("RU", "RUS", "Russian Federation"),
    ("RW", "RWA", "Rwanda"),
    ("SA", "SAU", "Saudi Arabia"),
    ("SB", "SLB", "Solomon Islands"),
    ("SC", "SYC", "Seychelles"),
    ("SD", "SDN", "Sudan"),
    ("SE", "SWE", "Sweden"),
    ("SG", "SGP", "Singapore"),
    ("SH", "SHN", "Saint Helena, Ascension and Tristan da Cunha"),
    ("SI", "SVN", "Slovenia"),
    ("SJ", "SJM", "Svalbard and Jan Mayen"),
    ("SK", "SVK", "Slovakia"),
    ("SL", "SLE", "Sierra Leone"),
    ("SM", "SMR", "San Marino"),
    ("SN", "SEN", "Senegal"),
    ("SO", "SOM", "Somalia"),
    ("SR", "SUR", "Suriname"),
    ("SS", "SSD", "South Sudan"),
    ("ST", "STP", "Sao Tome and Principe"),
    ("SV", "SLV", "El Salvador"),
    ("SX", "SXM", "Sint Maarten (Dutch part)"),
    ("SY", "SYR", "Syrian Arab Republic"),
    ("SZ", "SWZ", "Eswatini"),
    ("TC", "TCA", "Turks and Caicos Islands"),
    ("TD", "TCD", "Chad"),
    ("TF", "ATF", "French Southern Territories"),
    ("TG", "TGO", "Togo"),
    ("TH", "THA", "Thailand"),
    ("TJ", "TJK", "Tajikistan"),
    ("TK", "TKL", "Tokelau"),
    ("TL", "TLS", "Timor-Leste"),
    ("TM", "TKM", "Turkmenistan"),
    ("TN", "TUN", "Tunisia"),
    ("TO", "TON", "Tonga"),
    ("TR", "TUR", "Türkiye"),
    ("TT", "TTO", "Trinidad and Tobago"),
    ("TV", "TUV", "Tuvalu"),
    ("TW", "TWN", "Taiwan, Province of China"),
    ("TZ", "TZA", "Tanzania, United Republic of"),
    ("UA", "UKR", "Ukraine"),
    ("UG", "UGA", "Uganda"),
    ("UM", "UMI", "United States Minor Outlying Islands"),
    ("US", "USA", "United States of America"),
    ("UY", "URY", "Uruguay"),
    ("UZ", "UZB", "Uzbekistan"),
    ("VA", "VAT", "Holy See"),
    ("VC", "VCT", "Saint Vincent and the Grenadines"),
    ("VE", "VEN", "Venezuela (Bolivarian Republic of)"),
    ("VG", "VGB", "Virgin Islands (British)"),
    ("VI", "VIR", "Virgin Islands (U.S.)"),
    ("VN", "VNM", "Viet Nam"),
    ("VU", "VUT", "Vanuatu"),
    ("WF", "WLF", "Wallis and Futuna"),
    ("WS", "WSM", "Samoa"),
    ("YE", "YEM", "Yemen"),
    ("YT", "MYT", "Mayotte"),
    ("ZA", "ZAF", "South Africa"),
    ("ZM", "ZMB", "Zambia"),
    ("ZW", "ZWE", "Zimbabwe"),
];

/// Codes outside ISO 3166-1 that travel documents carry (ICAO Doc 9303 part 3)
/// and Kosovo's user-assigned code, which documents and sanctions lists use.
/// Alpha-2 is empty where none exists.
const DOCUMENT_CODES: &[Row] = &[
    ("XK", "XKX", "Kosovo"),
    ("", "XXA", "Stateless person"),
    ("", "XXB", "Refugee (1951 Convention)"),
    ("", "XXC", "Refugee (other)"),
    ("", "XXX", "Person of unspecified nationality"),
    ("", "UNO", "United Nations Organization"),
    ("", "UNA", "Specialized agency of the United Nations"),
    ("", "UNK", "Resident of Kosovo (UN interim administration)"),
    ("", "EUE", "European Union"),
];

/// Other ways of writing a country: UN and ISO long forms, everyday short
/// names, former names still found in lists, and ICAO's British variants.
const OTHER_NAMES: &[(&str, &str)] = &[
    ("D", "DEU"),
    ("GBD", "GBR"),
    ("GBN", "GBR"),
    ("GBO", "GBR"),
    ("GBP", "GBR"),
    ("GBS", "GBR"),
    ("UK", "GBR"),
    ("United Kingdom", "GBR"),
    ("Great Britain", "GBR"),
    ("Britain", "GBR"),
    ("United States", "USA"),
    ("US", "USA"),
    ("U.S.A.", "USA"),
    ("Russia", "RUS"),
    ("Iran", "IRN"),
    ("Islamic Republic of Iran", "IRN"),
    ("Syria", "SYR"),
    ("Turkey", "TUR"),
    ("Republic of Türkiye", "TUR"),
    ("North Korea", "PRK"),
    ("Democratic People's Republic of Korea", "PRK"),
    ("DPRK", "PRK"),
    ("South Korea", "KOR"),
    ("Republic of Korea", "KOR"),
    ("Laos", "LAO"),
    ("Lao PDR", "LAO"),
    ("Bolivia", "BOL"),
    ("Venezuela", "VEN"),
    ("Tanzania", "TZA"),
    ("United Republic of Tanzania", "TZA"),
    ("Moldova", "MDA"),
    ("Republic of Moldova", "MDA"),
    ("Vietnam", "VNM"),
    ("Palestine", "PSE"),
    ("State of Palestine", "PSE"),
    ("Democratic Republic of the Congo", "COD"),
    ("DR Congo", "COD"),
    ("DRC", "COD"),
    ("Congo-Kinshasa", "COD"),
    ("Republic of the Congo", "COG"),
    ("Congo-Brazzaville", "COG"),
    ("Ivory Coast", "CIV"),
    ("Brunei", "BRN"),
    ("Micronesia", "FSM"),
    ("Federated States of Micronesia", "FSM"),
    ("Macedonia", "MKD"),
    ("The former Yugoslav Republic of Macedonia", "MKD"),
    ("Republic of North Macedonia", "MKD"),
    ("Czech Republic", "CZE"),
    ("Swaziland", "SWZ"),
    ("Cape Verde", "CPV"),
    ("Burma", "MMR"),
    ("Vatican", "VAT"),
    ("Vatican City", "VAT"),
    ("Kyrgyz Republic", "KGZ"),
    ("Netherlands", "NLD"),
    ("Taiwan", "TWN"),
    ("Hong Kong SAR", "HKG"),
    ("Hong Kong, China", "HKG"),
    ("Macau", "MAC"),
    ("East Timor", "TLS"),
    ("Saint Helena", "SHN"),
    ("Falkland Islands", "FLK"),
    ("Bosnia-Herzegovina", "BIH"),
    ("UAE", "ARE"),
    ("Saint Martin", "MAF"),
    ("Sint Maarten", "SXM"),
    ("British Virgin Islands", "VGB"),
    ("Virgin Islands, British", "VGB"),
    ("US Virgin Islands", "VIR"),
    ("Virgin Islands, U.S.", "VIR"),
    ("Pitcairn Islands", "PCN"),
    ("Libyan Arab Jamahiriya", "LBY"),
    ("Cocos Islands", "CCK"),
];

struct Index {
    /// Alpha-2 and alpha-3 codes, upper case.
    codes: HashMap<&'static str, &'static str>,
    /// Folded names (see [`fold`]).
    names: HashMap<String, &'static str>,
    /// Alpha-3 to English name.
    by_alpha3: HashMap<&'static str, &'static str>,
}

static INDEX: LazyLock<Index> = LazyLock::new(|| {
    let mut codes = HashMap::new();
    let mut names = HashMap::new();
    let mut by_alpha3 = HashMap::new();
    for &(a2, a3, name) in ISO.iter().chain(DOCUMENT_CODES) {
        if !a2.is_empty() {
            codes.insert(a2, a3);
        }
        codes.insert(a3, a3);
        names.insert(fold(name), a3);
        by_alpha3.insert(a3, name);
    }
    for &(name, a3) in OTHER_NAMES {
        names.insert(fold(name), a3);
    }
    Index {
        codes,
        names,
        by_alpha3,
    }
});

/// The alpha-3 code of a country given as alpha-2, alpha-3 or English name,
/// in any case; `None` if it names no country known here.
pub fn alpha3(code_or_name: &str) -> Option<&'static str> {
    let s = code_or_name.trim();
    if s.is_empty() {
        return None;
    }
    if (2..=3).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphabetic()) {
        let upper = s.to_ascii_uppercase();
        if let Some(a3) = INDEX.codes.get(upper.as_str()) {
            return Some(a3);
        }
    }
    INDEX.names.get(&fold(s)).copied()
}

/// The English short name of an alpha-3 code (upper case).
pub fn name(alpha3: &str) -> Option<&'static str> {
    INDEX.by_alpha3.get(alpha3).copied()
}

/// Every ISO 3166-1 country as (alpha-2, alpha-3, English short name).
pub fn all() -> &'static [(&'static str, &'static str, &'static str)] {
    ISO
}

/// A name reduced to what tells countries apart: lower case, Latin letters
/// without accents, words separated by one blank, "&" as "and", "St" as
/// "Saint", no leading "the". "Iran (Islamic Republic of)" and "Iran, Islamic
/// Republic of" fold alike.
fn fold(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars().flat_map(char::to_lowercase) {
        let c = match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' => 'a',
            'ç' | 'č' | 'ć' => 'c',
            'è' | 'é' | 'ê' | 'ë' | 'ə' => 'e',
            'ì' | 'í' | 'î' | 'ï' | 'ı' => 'i',
            'ñ' => 'n',
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' => 'o',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            'ý' | 'ÿ' => 'y',
            'ş' | 'š' => 's',
            'ğ' => 'g',
            '\'' | '’' | '.' => continue,
            c => c,
        };
        if c == '&' {
            out.push_str(" and ");
        } else if c.is_alphanumeric() {
            out.push(c);
        } else {
            out.push(' ');
        }
    }
    let mut words: Vec<&str> = out.split_whitespace().collect();
    if words.first() == Some(&"the") && words.len() > 1 {
        words.remove(0);
    }
    words
        .iter()
        .map(|w| if *w == "st" { "saint" } else { w })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_complete_and_consistent() {
        assert_eq!(ISO.len(), 249);
        let mut a2: Vec<_> = ISO.iter().map(|r| r.0).collect();
        let mut a3: Vec<_> = ISO.iter().map(|r| r.1).collect();
        a2.sort_unstable();
        a2.dedup();
        a3.sort_unstable();
        a3.dedup();
        assert_eq!(a2.len(), 249, "alpha-2 codes repeat");
        assert_eq!(a3.len(), 249, "alpha-3 codes repeat");
        for &(two, three, _) in ISO {
            assert_eq!(alpha3(two), Some(three));
            assert_eq!(alpha3(three), Some(three));
        }
        for &(other, a3) in OTHER_NAMES {
            assert!(name(a3).is_some(), "{other} points to unknown {a3}");
        }
    }

    #[test]
    fn every_official_name_reads_back() {
        for &(_, three, n) in ISO.iter().chain(DOCUMENT_CODES) {
            assert_eq!(alpha3(n), Some(three), "{n}");
            assert_eq!(name(three), Some(n));
        }
    }

    #[test]
    fn codes_in_any_case() {
        assert_eq!(alpha3("az"), Some("AZE"));
        assert_eq!(alpha3("Aze"), Some("AZE"));
        assert_eq!(alpha3(" ru "), Some("RUS"));
        assert_eq!(alpha3("xk"), Some("XKX"));
        assert_eq!(alpha3("D"), Some("DEU"));
        assert_eq!(alpha3("XXA"), Some("XXA"));
    }

    #[test]
    fn names_the_un_list_uses() {
        assert_eq!(alpha3("Russian Federation"), Some("RUS"));
        assert_eq!(alpha3("Iran (Islamic Republic of)"), Some("IRN"));
        assert_eq!(alpha3("Iran, Islamic Republic of"), Some("IRN"));
        assert_eq!(alpha3("Syrian Arab Republic"), Some("SYR"));
        assert_eq!(alpha3("Türkiye"), Some("TUR"));
        assert_eq!(alpha3("Turkiye"), Some("TUR"));
        assert_eq!(alpha3("TURKEY"), Some("TUR"));
        assert_eq!(alpha3("Democratic People's Republic of Korea"), Some("PRK"));
        assert_eq!(alpha3("Libyan Arab Jamahiriya"), Some("LBY"));
        assert_eq!(alpha3("Côte d’Ivoire"), Some("CIV"));
        assert_eq!(alpha3("the Gambia"), Some("GMB"));
        assert_eq!(alpha3("St. Lucia"), Some("LCA"));
        assert_eq!(alpha3("Antigua & Barbuda"), Some("ATG"));
        assert_eq!(alpha3("United Kingdom"), Some("GBR"));
    }

    #[test]
    fn unknown_is_none() {
        assert_eq!(alpha3(""), None);
        assert_eq!(alpha3("Narnia"), None);
        assert_eq!(alpha3("QQ"), None);
        assert_eq!(alpha3("the"), None);
        assert_eq!(name("ZZZ"), None);
    }
}
