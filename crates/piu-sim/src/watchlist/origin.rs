//! Where a listed person's names come from, and what follows from it: how
//! often the origin appears on a list, which nationalities its people hold.

/// A naming tradition. Each has its own vocabulary, spelling rules and name
/// shape (patronymics, family names with articles, gendered surnames).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(super) enum Origin {
    Azerbaijani,
    Turkish,
    Russian,
    Arabic,
    Persian,
    European,
    CentralAsian,
    Georgian,
    Armenian,
}

pub(super) const ALL: [Origin; 9] = [
    Origin::Azerbaijani,
    Origin::Turkish,
    Origin::Russian,
    Origin::Arabic,
    Origin::Persian,
    Origin::European,
    Origin::CentralAsian,
    Origin::Georgian,
    Origin::Armenian,
];

/// Share of each origin among listed persons (and travellers), in percent:
/// a list kept in Baku, with the region's neighbours and the wider world.
pub(super) const MIX: [(Origin, u32); 9] = [
    (Origin::Azerbaijani, 20),
    (Origin::Russian, 18),
    (Origin::Arabic, 16),
    (Origin::Persian, 10),
    (Origin::European, 10),
    (Origin::Turkish, 9),
    (Origin::CentralAsian, 9),
    (Origin::Georgian, 4),
    (Origin::Armenian, 4),
];

impl Origin {
    /// A stable label, for seeding this origin's vocabulary.
    pub(super) fn label(self) -> &'static str {
        match self {
            Origin::Azerbaijani => "az",
            Origin::Turkish => "tr",
            Origin::Russian => "ru",
            Origin::Arabic => "ar",
            Origin::Persian => "fa",
            Origin::European => "eu",
            Origin::CentralAsian => "ca",
            Origin::Georgian => "ka",
            Origin::Armenian => "hy",
        }
    }

    /// Nationalities (alpha-3) by weight.
    pub(super) fn nationalities(self) -> &'static [(&'static str, u32)] {
        match self {
            Origin::Azerbaijani => &[
                ("AZE", 88),
                ("RUS", 6),
                ("TUR", 2),
                ("GEO", 2),
                ("IRN", 1),
                ("UKR", 1),
            ],
            Origin::Turkish => &[
                ("TUR", 88),
                ("DEU", 5),
                ("NLD", 2),
                ("BGR", 2),
                ("AZE", 1),
                ("CYP", 2),
            ],
            Origin::Russian => &[
                ("RUS", 72),
                ("UKR", 12),
                ("BLR", 6),
                ("KAZ", 4),
                ("ISR", 2),
                ("DEU", 2),
                ("LVA", 1),
                ("MDA", 1),
            ],
            Origin::Arabic => &[
                ("SAU", 18),
                ("IRQ", 12),
                ("SYR", 12),
                ("ARE", 10),
                ("EGY", 10),
                ("JOR", 8),
                ("YEM", 6),
                ("LBN", 5),
                ("QAT", 4),
                ("KWT", 4),
                ("LBY", 3),
                ("TUN", 3),
                ("DZA", 2),
                ("MAR", 2),
                ("SDN", 1),
            ],
            Origin::Persian => &[("IRN", 88), ("AFG", 6), ("SWE", 2), ("DEU", 2), ("CAN", 2)],
            Origin::European => &[
                ("DEU", 20),
                ("FRA", 15),
                ("GBR", 15),
                ("ITA", 12),
                ("ESP", 10),
                ("NLD", 6),
                ("BEL", 4),
                ("PRT", 4),
                ("USA", 4),
                ("IRL", 3),
                ("AUT", 3),
                ("CHE", 2),
                ("CAN", 2),
            ],
            Origin::CentralAsian => &[
                ("UZB", 35),
                ("KAZ", 30),
                ("TJK", 13),
                ("KGZ", 12),
                ("TKM", 8),
                ("RUS", 2),
            ],
            Origin::Georgian => &[("GEO", 92), ("RUS", 6), ("UKR", 2)],
            Origin::Armenian => &[
                ("ARM", 75),
                ("RUS", 15),
                ("FRA", 4),
                ("USA", 3),
                ("LBN", 2),
                ("IRN", 1),
            ],
        }
    }

    /// Whether women carry a feminine form of the family name.
    pub(super) fn gendered_surnames(self) -> bool {
        matches!(
            self,
            Origin::Azerbaijani | Origin::Russian | Origin::CentralAsian
        )
    }
}

/// Second nationalities: neighbours, diaspora countries and the states that
/// sell citizenship, as lists of sanctioned and wanted persons show them.
pub(super) const SECOND_NATIONALITIES: &[(&str, u32)] = &[
    ("RUS", 25),
    ("TUR", 10),
    ("USA", 10),
    ("GBR", 8),
    ("DEU", 8),
    ("CYP", 5),
    ("CAN", 5),
    ("FRA", 5),
    ("ARE", 4),
    ("ISR", 3),
    ("SWE", 3),
    ("NLD", 3),
    ("MLT", 3),
    ("KNA", 2),
    ("VUT", 1),
    ("GRD", 1),
    ("DMA", 1),
];
