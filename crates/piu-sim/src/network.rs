//! Airports, carriers, aircraft and the routes they fly to and from Azerbaijan,
//! and the flights of one day drawn from them.

use piu_model::Syntax;

use crate::pools::Origin;
use crate::rng::Rng;

pub struct Airport {
    pub code: &'static str,
    pub country: &'static str,
    /// Minutes east of UTC (standard time; November has no summer time here).
    pub utc_offset: i32,
    pub city: &'static str,
}

#[rustfmt::skip]
pub const AIRPORTS: &[Airport] = &[
    Airport { code: "GYD", country: "AZE", utc_offset: 240, city: "BAKU" },
    Airport { code: "NAJ", country: "AZE", utc_offset: 240, city: "NAKHCHIVAN" },
    Airport { code: "GNJ", country: "AZE", utc_offset: 240, city: "GANJA" },
    Airport { code: "LLK", country: "AZE", utc_offset: 240, city: "LANKARAN" },
    Airport { code: "GBB", country: "AZE", utc_offset: 240, city: "GABALA" },
    Airport { code: "ZTU", country: "AZE", utc_offset: 240, city: "ZAGATALA" },
    Airport { code: "IST", country: "TUR", utc_offset: 180, city: "ISTANBUL" },
    Airport { code: "SAW", country: "TUR", utc_offset: 180, city: "ISTANBUL" },
    Airport { code: "ESB", country: "TUR", utc_offset: 180, city: "ANKARA" },
    Airport { code: "SVO", country: "RUS", utc_offset: 180, city: "MOSCOW" },
    Airport { code: "DME", country: "RUS", utc_offset: 180, city: "MOSCOW" },
    Airport { code: "VKO", country: "RUS", utc_offset: 180, city: "MOSCOW" },
    Airport { code: "LED", country: "RUS", utc_offset: 180, city: "SAINT PETERSBURG" },
    Airport { code: "KZN", country: "RUS", utc_offset: 180, city: "KAZAN" },
    Airport { code: "DOH", country: "QAT", utc_offset: 180, city: "DOHA" },
    Airport { code: "DXB", country: "ARE", utc_offset: 240, city: "DUBAI" },
    Airport { code: "SHJ", country: "ARE", utc_offset: 240, city: "SHARJAH" },
    Airport { code: "TLV", country: "ISR", utc_offset: 120, city: "TEL AVIV" },
    Airport { code: "JED", country: "SAU", utc_offset: 180, city: "JEDDAH" },
    Airport { code: "FRA", country: "DEU", utc_offset: 60, city: "FRANKFURT" },
    Airport { code: "LHR", country: "GBR", utc_offset: 0, city: "LONDON" },
    Airport { code: "CDG", country: "FRA", utc_offset: 60, city: "PARIS" },
    Airport { code: "MXP", country: "ITA", utc_offset: 60, city: "MILAN" },
    Airport { code: "VIE", country: "AUT", utc_offset: 60, city: "VIENNA" },
    Airport { code: "BUD", country: "HUN", utc_offset: 60, city: "BUDAPEST" },
    Airport { code: "ATH", country: "GRC", utc_offset: 120, city: "ATHENS" },
    Airport { code: "TSE", country: "KAZ", utc_offset: 300, city: "ASTANA" },
    Airport { code: "ALA", country: "KAZ", utc_offset: 300, city: "ALMATY" },
    Airport { code: "TAS", country: "UZB", utc_offset: 300, city: "TASHKENT" },
    Airport { code: "TBS", country: "GEO", utc_offset: 240, city: "TBILISI" },
    Airport { code: "IKA", country: "IRN", utc_offset: 210, city: "TEHRAN" },
    Airport { code: "DEL", country: "IND", utc_offset: 330, city: "DELHI" },
    Airport { code: "PEK", country: "CHN", utc_offset: 480, city: "BEIJING" },
    Airport { code: "URC", country: "CHN", utc_offset: 480, city: "URUMQI" },
    // Beyond the hubs, for connections only.
    Airport { code: "JFK", country: "USA", utc_offset: -300, city: "NEW YORK" },
    Airport { code: "AMS", country: "NLD", utc_offset: 60, city: "AMSTERDAM" },
    Airport { code: "BCN", country: "ESP", utc_offset: 60, city: "BARCELONA" },
    Airport { code: "BKK", country: "THA", utc_offset: 420, city: "BANGKOK" },
    Airport { code: "MNL", country: "PHL", utc_offset: 480, city: "MANILA" },
    Airport { code: "BOM", country: "IND", utc_offset: 330, city: "MUMBAI" },
    Airport { code: "KUL", country: "MYS", utc_offset: 480, city: "KUALA LUMPUR" },
    Airport { code: "ORD", country: "USA", utc_offset: -360, city: "CHICAGO" },
    Airport { code: "YYZ", country: "CAN", utc_offset: -300, city: "TORONTO" },
    Airport { code: "OVB", country: "RUS", utc_offset: 420, city: "NOVOSIBIRSK" },
    Airport { code: "SVX", country: "RUS", utc_offset: 300, city: "YEKATERINBURG" },
];

pub fn airport(code: &str) -> &'static Airport {
    AIRPORTS
        .iter()
        .find(|a| a.code == code)
        .unwrap_or(&AIRPORTS[0])
}

pub fn is_domestic(code: &str) -> bool {
    airport(code).country == "AZE"
}

/// How a carrier sends PNR data, if it does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PnrLink {
    pub syntax: Syntax,
    pub version: &'static str,
    /// Whether the push after closure carries departure control data (check-in,
    /// seats, bags) for every PNR, or only the PNRs changed since T-24.
    pub dcs: bool,
}

#[derive(Debug)]
pub struct Carrier {
    pub code: &'static str,
    pub name: &'static str,
    /// Ticketing prefix (also the numeric code on bag tags).
    pub prefix: &'static str,
    pub pnr: Option<PnrLink>,
    /// PAXLST directory.
    pub paxlst: &'static str,
    /// Persons per PAXLST message before the list is cut into parts.
    pub max_persons: usize,
    /// UNG/UNE around PAXLST.
    pub group: bool,
    pub contact: &'static str,
    /// Sends BGM 266 CLOB/CLNB after departure.
    pub close_out: bool,
}

const fn edi(version: &'static str, dcs: bool) -> Option<PnrLink> {
    Some(PnrLink {
        syntax: Syntax::Edifact,
        version,
        dcs,
    })
}

const fn xml(version: &'static str, dcs: bool) -> Option<PnrLink> {
    Some(PnrLink {
        syntax: Syntax::Xml,
        version,
        dcs,
    })
}

#[rustfmt::skip]
pub const CARRIERS: &[Carrier] = &[
    Carrier { code: "J2", name: "AZAL", prefix: "771", pnr: edi("13.1", true), paxlst: "D05B", max_persons: 150, group: true, contact: "AZAL API CONTROL, +994 12 598 8880", close_out: true },
    Carrier { code: "J2", name: "BUTA", prefix: "771", pnr: edi("11.1", false), paxlst: "D05B", max_persons: 999, group: false, contact: "BUTA AIRWAYS OPS, +994 12 565 0065", close_out: false },
    Carrier { code: "TK", name: "THY", prefix: "235", pnr: edi("15.1", true), paxlst: "D12B", max_persons: 999, group: true, contact: "TK APIS ISTANBUL, +90 212 463 6363", close_out: true },
    Carrier { code: "PC", name: "PEGASUS", prefix: "624", pnr: edi("11.1", false), paxlst: "D05B", max_persons: 999, group: false, contact: "PEGASUS DCS", close_out: false },
    Carrier { code: "SU", name: "AEROFLOT", prefix: "555", pnr: edi("11.1", false), paxlst: "D05B", max_persons: 200, group: true, contact: "AEROFLOT APIS, +7 495 223 5555", close_out: false },
    Carrier { code: "S7", name: "S7 AIRLINES", prefix: "421", pnr: edi("13.1", false), paxlst: "D05B", max_persons: 999, group: true, contact: "S7 DCS NOVOSIBIRSK", close_out: false },
    Carrier { code: "UT", name: "UTAIR", prefix: "298", pnr: edi("11.1", false), paxlst: "D02B", max_persons: 999, group: false, contact: "UTAIR APIS", close_out: false },
    Carrier { code: "QR", name: "QATAR AIRWAYS", prefix: "157", pnr: xml("13.1", true), paxlst: "D05B", max_persons: 999, group: true, contact: "QR API DOHA, +974 4023 0000", close_out: true },
    Carrier { code: "EK", name: "EMIRATES", prefix: "176", pnr: edi("13.1", false), paxlst: "D05B", max_persons: 120, group: true, contact: "EK APIS DUBAI", close_out: false },
    Carrier { code: "FZ", name: "FLYDUBAI", prefix: "141", pnr: edi("13.1", false), paxlst: "D05B", max_persons: 999, group: false, contact: "FLYDUBAI DCS", close_out: false },
    Carrier { code: "G9", name: "AIR ARABIA", prefix: "514", pnr: edi("14.1", false), paxlst: "D05B", max_persons: 999, group: false, contact: "AIR ARABIA OPS", close_out: false },
    Carrier { code: "W6", name: "WIZZ AIR", prefix: "", pnr: edi("15.1", false), paxlst: "D05B", max_persons: 999, group: false, contact: "WIZZ AIR APIS BUDAPEST", close_out: false },
    Carrier { code: "LH", name: "LUFTHANSA", prefix: "220", pnr: xml("14.1", true), paxlst: "D05B", max_persons: 999, group: true, contact: "LH API SERVICE, +49 69 696 0", close_out: true },
    Carrier { code: "A3", name: "AEGEAN", prefix: "390", pnr: edi("16.1", false), paxlst: "D05B", max_persons: 999, group: true, contact: "AEGEAN APIS", close_out: false },
    Carrier { code: "HY", name: "UZBEKISTAN AIRWAYS", prefix: "250", pnr: edi("11.1", false), paxlst: "D02B", max_persons: 999, group: false, contact: "HY DCS TASHKENT", close_out: false },
    Carrier { code: "KC", name: "AIR ASTANA", prefix: "465", pnr: edi("14.1", true), paxlst: "D05B", max_persons: 999, group: true, contact: "AIR ASTANA APIS, +7 727 258 4136", close_out: true },
    Carrier { code: "CZ", name: "CHINA SOUTHERN", prefix: "784", pnr: edi("15.1", false), paxlst: "D05B", max_persons: 999, group: true, contact: "CZ APIS GUANGZHOU", close_out: false },
    Carrier { code: "6E", name: "INDIGO", prefix: "312", pnr: edi("16.1", false), paxlst: "D05B", max_persons: 999, group: false, contact: "INDIGO APIS GURGAON", close_out: false },
    Carrier { code: "A9", name: "GEORGIAN AIRWAYS", prefix: "606", pnr: None, paxlst: "D02B", max_persons: 999, group: false, contact: "A9 DCS TBILISI", close_out: false },
    Carrier { code: "IR", name: "IRAN AIR", prefix: "096", pnr: None, paxlst: "D02B", max_persons: 999, group: false, contact: "IRAN AIR DCS", close_out: false },
];

pub fn carrier(name: &str) -> &'static Carrier {
    CARRIERS
        .iter()
        .find(|c| c.name == name || c.code == name)
        .unwrap_or(&CARRIERS[0])
}

/// Aircraft type code (as in PNR APD), seats, seat letters, cabin crew.
#[rustfmt::skip]
pub const AIRCRAFT: &[(&str, u32, &str, u32)] = &[
    ("AT7", 70, "ACDF", 2),
    ("E90", 106, "ACDF", 3),
    ("320", 162, "ABCDEF", 4),
    ("32N", 186, "ABCDEF", 5),
    ("321", 190, "ABCDEF", 5),
    ("738", 189, "ABCDEF", 5),
    ("7M8", 189, "ABCDEF", 5),
    ("763", 213, "ABCDEFGH", 7),
    ("788", 246, "ABCDEFGHJK", 8),
    ("333", 289, "ABCDEFGHJK", 9),
    ("359", 283, "ABCDEFGHJK", 10),
    ("77W", 354, "ABCDEFGHJK", 12),
];

pub fn aircraft(code: &str) -> (&'static str, u32, &'static str, u32) {
    *AIRCRAFT
        .iter()
        .find(|a| a.0 == code)
        .unwrap_or(&AIRCRAFT[2])
}

/// A rotation: out from Azerbaijan and back, both on the day when it operates.
pub struct Route {
    /// Carrier name (or code when unique).
    pub carrier: &'static str,
    /// Number of the flight from Azerbaijan; the return is the next number.
    pub number: u32,
    pub home: &'static str,
    pub away: &'static str,
    /// Local departure from home, and from away, as HHMM.
    pub out: u32,
    pub back: u32,
    pub minutes: i32,
    pub aircraft: &'static str,
    /// Share of days it flies, in percent.
    pub days: u32,
    /// Base load factor, in percent.
    pub load: u32,
    /// Carriers that sell seats on it under their own numbers.
    pub codeshare: &'static [&'static str],
}

#[rustfmt::skip]
pub const ROUTES: &[Route] = &[
    Route { carrier: "AZAL", number: 71, home: "GYD", away: "IST", out: 720, back: 1440, minutes: 180, aircraft: "32N", days: 100, load: 85, codeshare: &[] },
    Route { carrier: "AZAL", number: 73, home: "GYD", away: "IST", out: 1915, back: 1805, minutes: 180, aircraft: "788", days: 100, load: 80, codeshare: &[] },
    Route { carrier: "AZAL", number: 851, home: "GYD", away: "SVO", out: 830, back: 1420, minutes: 190, aircraft: "320", days: 100, load: 82, codeshare: &["SU"] },
    Route { carrier: "AZAL", number: 13, home: "GYD", away: "DXB", out: 2330, back: 1235, minutes: 195, aircraft: "321", days: 100, load: 78, codeshare: &[] },
    Route { carrier: "AZAL", number: 27, home: "GYD", away: "TAS", out: 1010, back: 1505, minutes: 165, aircraft: "E90", days: 90, load: 70, codeshare: &["HY"] },
    Route { carrier: "AZAL", number: 223, home: "GYD", away: "TBS", out: 900, back: 1230, minutes: 65, aircraft: "E90", days: 100, load: 65, codeshare: &[] },
    Route { carrier: "AZAL", number: 77, home: "GYD", away: "LHR", out: 1105, back: 1810, minutes: 345, aircraft: "788", days: 70, load: 75, codeshare: &[] },
    Route { carrier: "AZAL", number: 75, home: "GYD", away: "CDG", out: 1040, back: 1720, minutes: 315, aircraft: "320", days: 70, load: 72, codeshare: &[] },
    Route { carrier: "AZAL", number: 83, home: "GYD", away: "MXP", out: 1000, back: 1600, minutes: 300, aircraft: "320", days: 45, load: 70, codeshare: &[] },
    Route { carrier: "AZAL", number: 91, home: "GYD", away: "VIE", out: 950, back: 1530, minutes: 270, aircraft: "320", days: 45, load: 68, codeshare: &[] },
    Route { carrier: "AZAL", number: 45, home: "GYD", away: "TSE", out: 130, back: 805, minutes: 170, aircraft: "320", days: 70, load: 70, codeshare: &[] },
    Route { carrier: "AZAL", number: 61, home: "GYD", away: "PEK", out: 1, back: 1330, minutes: 420, aircraft: "788", days: 45, load: 70, codeshare: &[] },
    Route { carrier: "AZAL", number: 41, home: "GYD", away: "JED", out: 300, back: 1030, minutes: 270, aircraft: "321", days: 45, load: 80, codeshare: &[] },
    Route { carrier: "AZAL", number: 81, home: "GYD", away: "DEL", out: 230, back: 1010, minutes: 240, aircraft: "320", days: 45, load: 76, codeshare: &[] },
    Route { carrier: "AZAL", number: 601, home: "NAJ", away: "IST", out: 850, back: 1630, minutes: 170, aircraft: "320", days: 100, load: 85, codeshare: &[] },
    Route { carrier: "AZAL", number: 861, home: "NAJ", away: "VKO", out: 1100, back: 1700, minutes: 200, aircraft: "320", days: 70, load: 80, codeshare: &[] },
    Route { carrier: "AZAL", number: 401, home: "GNJ", away: "IST", out: 705, back: 1400, minutes: 185, aircraft: "320", days: 70, load: 78, codeshare: &[] },
    Route { carrier: "AZAL", number: 871, home: "LLK", away: "VKO", out: 1200, back: 1800, minutes: 185, aircraft: "E90", days: 45, load: 72, codeshare: &[] },
    Route { carrier: "AZAL", number: 881, home: "ZTU", away: "VKO", out: 1130, back: 1730, minutes: 190, aircraft: "E90", days: 20, load: 70, codeshare: &[] },
    Route { carrier: "BUTA", number: 9051, home: "GYD", away: "VKO", out: 700, back: 1215, minutes: 190, aircraft: "E90", days: 100, load: 88, codeshare: &[] },
    Route { carrier: "BUTA", number: 9081, home: "GYD", away: "KZN", out: 1515, back: 2030, minutes: 180, aircraft: "E90", days: 70, load: 80, codeshare: &[] },
    Route { carrier: "BUTA", number: 9061, home: "GYD", away: "ESB", out: 800, back: 1230, minutes: 175, aircraft: "E90", days: 70, load: 75, codeshare: &[] },
    Route { carrier: "BUTA", number: 9071, home: "GNJ", away: "DME", out: 930, back: 1430, minutes: 195, aircraft: "E90", days: 90, load: 84, codeshare: &[] },
    Route { carrier: "BUTA", number: 9091, home: "GYD", away: "LED", out: 1330, back: 1930, minutes: 230, aircraft: "E90", days: 70, load: 82, codeshare: &[] },
    Route { carrier: "BUTA", number: 9011, home: "GBB", away: "DME", out: 1020, back: 1540, minutes: 190, aircraft: "E90", days: 30, load: 70, codeshare: &[] },
    Route { carrier: "TK", number: 333, home: "GYD", away: "IST", out: 515, back: 2030, minutes: 185, aircraft: "321", days: 100, load: 90, codeshare: &["J2"] },
    Route { carrier: "TK", number: 335, home: "GYD", away: "IST", out: 1400, back: 955, minutes: 185, aircraft: "333", days: 100, load: 84, codeshare: &[] },
    Route { carrier: "TK", number: 339, home: "GYD", away: "IST", out: 2210, back: 1810, minutes: 185, aircraft: "738", days: 100, load: 86, codeshare: &[] },
    Route { carrier: "TK", number: 359, home: "NAJ", away: "IST", out: 1330, back: 910, minutes: 165, aircraft: "738", days: 90, load: 88, codeshare: &[] },
    Route { carrier: "TK", number: 6851, home: "GNJ", away: "ESB", out: 1240, back: 850, minutes: 160, aircraft: "738", days: 45, load: 70, codeshare: &[] },
    Route { carrier: "PC", number: 671, home: "GYD", away: "SAW", out: 410, back: 2340, minutes: 185, aircraft: "32N", days: 100, load: 92, codeshare: &[] },
    Route { carrier: "PC", number: 673, home: "GYD", away: "SAW", out: 1650, back: 1215, minutes: 185, aircraft: "32N", days: 100, load: 88, codeshare: &[] },
    Route { carrier: "PC", number: 691, home: "NAJ", away: "SAW", out: 1520, back: 1110, minutes: 170, aircraft: "738", days: 70, load: 90, codeshare: &[] },
    Route { carrier: "SU", number: 1855, home: "GYD", away: "SVO", out: 1135, back: 700, minutes: 190, aircraft: "321", days: 100, load: 90, codeshare: &["J2"] },
    Route { carrier: "SU", number: 1857, home: "GYD", away: "SVO", out: 1920, back: 1450, minutes: 190, aircraft: "320", days: 100, load: 86, codeshare: &[] },
    Route { carrier: "S7", number: 2226, home: "GYD", away: "DME", out: 1610, back: 1135, minutes: 195, aircraft: "320", days: 90, load: 84, codeshare: &[] },
    Route { carrier: "UT", number: 804, home: "GYD", away: "VKO", out: 1025, back: 610, minutes: 195, aircraft: "738", days: 90, load: 80, codeshare: &[] },
    Route { carrier: "UT", number: 806, home: "GNJ", away: "VKO", out: 1440, back: 955, minutes: 195, aircraft: "738", days: 45, load: 78, codeshare: &[] },
    Route { carrier: "QR", number: 362, home: "GYD", away: "DOH", out: 2215, back: 1620, minutes: 195, aircraft: "788", days: 100, load: 80, codeshare: &["J2"] },
    Route { carrier: "EK", number: 2441, home: "GYD", away: "DXB", out: 1830, back: 1355, minutes: 190, aircraft: "77W", days: 100, load: 76, codeshare: &[] },
    Route { carrier: "FZ", number: 712, home: "GYD", away: "DXB", out: 330, back: 2215, minutes: 190, aircraft: "7M8", days: 100, load: 88, codeshare: &["EK"] },
    Route { carrier: "FZ", number: 1768, home: "GBB", away: "DXB", out: 1720, back: 1310, minutes: 190, aircraft: "738", days: 45, load: 72, codeshare: &[] },
    Route { carrier: "G9", number: 292, home: "GYD", away: "SHJ", out: 1550, back: 1120, minutes: 190, aircraft: "320", days: 90, load: 85, codeshare: &[] },
    Route { carrier: "W6", number: 2450, home: "GYD", away: "BUD", out: 1245, back: 755, minutes: 270, aircraft: "321", days: 70, load: 86, codeshare: &[] },
    Route { carrier: "LH", number: 627, home: "GYD", away: "FRA", out: 330, back: 2050, minutes: 300, aircraft: "32N", days: 100, load: 82, codeshare: &["J2"] },
    Route { carrier: "A3", number: 961, home: "GYD", away: "ATH", out: 330, back: 2240, minutes: 240, aircraft: "320", days: 45, load: 74, codeshare: &[] },
    Route { carrier: "HY", number: 702, home: "GYD", away: "TAS", out: 1940, back: 1605, minutes: 165, aircraft: "320", days: 90, load: 82, codeshare: &[] },
    Route { carrier: "KC", number: 104, home: "GYD", away: "ALA", out: 1720, back: 1215, minutes: 200, aircraft: "321", days: 90, load: 80, codeshare: &[] },
    Route { carrier: "KC", number: 132, home: "GYD", away: "TSE", out: 1815, back: 1410, minutes: 165, aircraft: "320", days: 70, load: 76, codeshare: &[] },
    Route { carrier: "CZ", number: 6042, home: "GYD", away: "URC", out: 2100, back: 1700, minutes: 300, aircraft: "321", days: 70, load: 78, codeshare: &[] },
    Route { carrier: "6E", number: 1804, home: "GYD", away: "DEL", out: 2300, back: 1700, minutes: 240, aircraft: "32N", days: 90, load: 90, codeshare: &[] },
    Route { carrier: "A9", number: 752, home: "GYD", away: "TBS", out: 1545, back: 1350, minutes: 60, aircraft: "AT7", days: 90, load: 70, codeshare: &[] },
    Route { carrier: "IR", number: 676, home: "GYD", away: "IKA", out: 1220, back: 900, minutes: 115, aircraft: "320", days: 70, load: 78, codeshare: &[] },
    Route { carrier: "AZAL", number: 15, home: "GYD", away: "DXB", out: 1000, back: 1700, minutes: 195, aircraft: "32N", days: 100, load: 74, codeshare: &[] },
    Route { carrier: "AZAL", number: 853, home: "GYD", away: "SVO", out: 1720, back: 2300, minutes: 190, aircraft: "32N", days: 100, load: 78, codeshare: &[] },
    Route { carrier: "AZAL", number: 141, home: "GYD", away: "TLV", out: 940, back: 1420, minutes: 175, aircraft: "320", days: 70, load: 76, codeshare: &[] },
    Route { carrier: "AZAL", number: 225, home: "GYD", away: "TBS", out: 1830, back: 2050, minutes: 65, aircraft: "AT7", days: 80, load: 60, codeshare: &[] },
    Route { carrier: "QR", number: 360, home: "GYD", away: "DOH", out: 1045, back: 415, minutes: 195, aircraft: "320", days: 100, load: 78, codeshare: &[] },
    Route { carrier: "FZ", number: 714, home: "GYD", away: "DXB", out: 1530, back: 1020, minutes: 190, aircraft: "738", days: 100, load: 84, codeshare: &[] },
    Route { carrier: "PC", number: 675, home: "GYD", away: "SAW", out: 2330, back: 1840, minutes: 185, aircraft: "32N", days: 70, load: 85, codeshare: &[] },
    Route { carrier: "BUTA", number: 9031, home: "NAJ", away: "SAW", out: 1215, back: 1655, minutes: 170, aircraft: "E90", days: 60, load: 86, codeshare: &[] },
];

/// Where the travellers of a route come from, by the foreign country.
pub fn origin_mix(country: &str) -> &'static [(Origin, u32)] {
    use Origin::*;
    match country {
        "TUR" => &[
            (Azerbaijani, 55),
            (Turkish, 35),
            (Russian, 4),
            (European, 4),
            (Iranian, 2),
        ],
        "RUS" => &[
            (Azerbaijani, 58),
            (Russian, 36),
            (CentralAsian, 4),
            (Georgian, 2),
        ],
        "ARE" => &[
            (Azerbaijani, 40),
            (Indian, 25),
            (Arab, 15),
            (European, 8),
            (Russian, 8),
            (Iranian, 4),
        ],
        "QAT" => &[
            (Azerbaijani, 30),
            (Indian, 25),
            (Arab, 15),
            (European, 18),
            (Chinese, 7),
            (Russian, 5),
        ],
        "SAU" => &[(Arab, 55), (Azerbaijani, 40), (Indian, 5)],
        "KAZ" | "UZB" => &[(CentralAsian, 55), (Azerbaijani, 30), (Russian, 15)],
        "GEO" => &[
            (Georgian, 45),
            (Azerbaijani, 40),
            (European, 10),
            (Russian, 5),
        ],
        "IRN" => &[(Iranian, 75), (Azerbaijani, 25)],
        "IND" => &[(Indian, 80), (Azerbaijani, 15), (European, 5)],
        "CHN" => &[(Chinese, 70), (Azerbaijani, 25), (European, 5)],
        _ => &[
            (Azerbaijani, 45),
            (European, 43),
            (Turkish, 5),
            (Russian, 5),
            (Iranian, 2),
        ],
    }
}

/// Destinations beyond a hub, for connecting itineraries: (hub, beyond, carrier).
#[rustfmt::skip]
pub const BEYOND: &[(&str, &str, &str)] = &[
    ("IST", "JFK", "TK"), ("IST", "AMS", "TK"), ("IST", "BCN", "TK"), ("IST", "LHR", "TK"),
    ("DOH", "BKK", "QR"), ("DOH", "MNL", "QR"), ("DOH", "KUL", "QR"),
    ("DXB", "BOM", "EK"), ("DXB", "MNL", "EK"), ("DXB", "BKK", "EK"),
    ("FRA", "ORD", "LH"), ("FRA", "YYZ", "LH"), ("FRA", "BCN", "LH"),
    ("SVO", "OVB", "SU"), ("SVO", "SVX", "SU"), ("SVO", "LED", "SU"),
];

/// One flight of the day.
#[derive(Clone, Debug)]
pub struct Scheduled {
    pub carrier: &'static Carrier,
    pub number: u32,
    pub origin: &'static str,
    pub destination: &'static str,
    /// Local departure at origin, minutes after midnight of the day.
    pub departure: i32,
    pub minutes: i32,
    pub aircraft: &'static str,
    pub load: u32,
    pub codeshare: Vec<(&'static str, u32)>,
    /// Whether this is the return flight of its route.
    pub inbound: bool,
}

fn hhmm_to_minutes(v: u32) -> i32 {
    (v / 100 * 60 + v % 100) as i32
}

/// The flights operating on the day, in departure order.
pub fn schedule(rng: &mut Rng) -> Vec<Scheduled> {
    let mut out = Vec::new();
    for r in ROUTES {
        if !rng.chance(f64::from(r.days) / 100.0) {
            continue;
        }
        let c = carrier(r.carrier);
        let load = (r.load as i64 + rng.range(-12, 8)).clamp(35, 99) as u32;
        let shared = |n: u32| -> Vec<(&'static str, u32)> {
            r.codeshare
                .iter()
                .enumerate()
                .map(|(k, cs)| (*cs, 6000 + (n * 7 + k as u32 * 13) % 3000))
                .collect()
        };
        let jitter = rng.range(-1, 1) as i32 * 5;
        out.push(Scheduled {
            carrier: c,
            number: r.number,
            origin: r.home,
            destination: r.away,
            departure: hhmm_to_minutes(r.out) + jitter,
            minutes: r.minutes,
            aircraft: r.aircraft,
            load,
            codeshare: shared(r.number),
            inbound: false,
        });
        // Some rotations return the next day; most come back the same day.
        if rng.chance(0.92) {
            let load = (r.load as i64 + rng.range(-12, 8)).clamp(35, 99) as u32;
            out.push(Scheduled {
                carrier: c,
                number: r.number + 1,
                origin: r.away,
                destination: r.home,
                departure: hhmm_to_minutes(r.back),
                minutes: r.minutes + rng.range(-10, 15) as i32,
                aircraft: r.aircraft,
                load,
                codeshare: shared(r.number + 1),
                inbound: true,
            });
        }
    }
    out.sort_by_key(|s| {
        (
            s.departure - airport(s.origin).utc_offset,
            s.carrier.code,
            s.number,
        )
    });
    out
}
