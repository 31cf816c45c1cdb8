//! Birth years where the postings can carry them: an entry's range of birth
//! years packed into 16 bits, and a traveller's year made ready to test such
//! codes with a few comparisons and one bit, so that thinning candidates by
//! birth year reads nothing beyond the posting itself.

/// An entry's birth years, packed: the first year's distance from [`BASE`]
/// in the high byte, the number of years after it in the low byte.
pub type YearCode = u16;

/// Birth years unknown, or too far out to pack: every traveller may agree.
pub const UNKNOWN: YearCode = u16::MAX;

/// The earliest first year a code holds; earlier ones are kept as unknown.
const BASE: u16 = 1800;

/// Packs the first and last birth year an entry may have (`(0, u16::MAX)`
/// when unknown). Years that do not fit are packed as [`UNKNOWN`]: such an
/// entry is compared whatever the traveller's year, never left out.
pub fn code((lo, hi): (u16, u16)) -> YearCode {
    match (lo.checked_sub(BASE), hi.checked_sub(lo)) {
        (Some(first), Some(span)) if first < 255 && span < 256 => (first << 8) | span,
        _ => UNKNOWN,
    }
}

/// Whether an entry with these birth years may have been born in `year`
/// (always, when they are unknown or could not be packed).
pub fn may_hold(code: YearCode, year: i32) -> bool {
    if code == UNKNOWN {
        return true;
    }
    let lo = i32::from(BASE + (code >> 8));
    let hi = lo + i32::from(code & 0xff);
    (lo..=hi).contains(&year)
}

/// A traveller's birth year, ready to test [`YearCode`]s: whether an entry
/// born in `lo..=hi` may be the same person, with a year either side or a year
/// one digit off (a typing slip).
#[derive(Clone, Debug)]
pub struct YearFilter {
    year: u16,
    /// Bit `y - BASE` set: year `y` differs from the traveller's in one digit.
    one_digit: [u64; 8],
}

impl YearFilter {
    pub fn new(year: u16) -> Self {
        let mut one_digit = [0u64; 8];
        // Only the last four digits are compared (see `years_may_agree`).
        let four = year % 10_000;
        for place in [1u16, 10, 100, 1_000] {
            let digit = four / place % 10;
            for d in (0..10).filter(|d| *d != digit) {
                let other = four - digit * place + d * place;
                if let Some(bit) = other.checked_sub(BASE).filter(|b| *b < 512) {
                    one_digit[bit as usize / 64] |= 1 << (bit % 64);
                }
            }
        }
        YearFilter { year, one_digit }
    }

    fn one_digit_off(&self, year: u16) -> bool {
        let bit = year - BASE;
        self.one_digit[bit as usize / 64] & (1 << (bit % 64)) != 0
    }

    /// Whether an entry with these birth years may agree.
    pub fn admits(&self, code: YearCode) -> bool {
        if code == UNKNOWN {
            return true;
        }
        let lo = BASE + (code >> 8);
        let hi = lo + (code & 0xff);
        (lo - 1 <= self.year && self.year <= hi + 1)
            || self.one_digit_off(lo)
            || self.one_digit_off(hi)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rule the filter packs: unknown years, a year either side, or a
    /// year one digit off.
    fn years_may_agree((lo, hi): (u16, u16), year: u16) -> bool {
        let one_digit = |a: u16, b: u16| {
            let differ = (0..4).filter(|i| a / 10u16.pow(*i) % 10 != b / 10u16.pow(*i) % 10);
            differ.count() == 1
        };
        (lo == 0 && hi == u16::MAX)
            || (lo.saturating_sub(1) <= year && year <= hi.saturating_add(1))
            || one_digit(lo, year)
            || one_digit(hi, year)
    }

    #[test]
    fn birth_years_that_may_agree() {
        let admits = |range, year| YearFilter::new(year).admits(code(range));
        assert!(admits((0, u16::MAX), 1975));
        assert!(admits((1975, 1975), 1976));
        assert!(admits((1970, 1980), 1975));
        assert!(admits((1975, 1975), 1985), "one digit off");
        assert!(admits((1975, 1975), 1915), "one digit off");
        assert!(!admits((1975, 1975), 1982));
        assert!(!admits((1975, 1975), 1957), "two digits swapped");
    }

    #[test]
    fn a_packed_range_holds_its_years_only() {
        assert!(may_hold(code((1975, 1975)), 1975));
        assert!(!may_hold(code((1975, 1975)), 1976));
        assert!(may_hold(code((1970, 1980)), 1970) && may_hold(code((1970, 1980)), 1980));
        assert!(!may_hold(code((1970, 1980)), 1969));
        assert!(may_hold(code((0, u16::MAX)), 1500), "unknown");
        assert!(may_hold(code((1700, 1700)), 1950), "not packable: kept");
    }

    #[test]
    fn the_packed_test_agrees_with_the_rule_or_keeps_more() {
        let ranges = [
            (1975, 1975),
            (1800, 1800),
            (1799, 1805),
            (2054, 2054),
            (2055, 2060),
            (1900, 2155),
            (1900, 2156),
            (1990, 1979),
            (1, 1),
            (0, u16::MAX),
        ];
        for range in ranges {
            for year in (0..2_200).chain([9_999, 11_975, 65_534]) {
                let rule = years_may_agree(range, year);
                let packed = YearFilter::new(year).admits(code(range));
                let packable = code(range) != UNKNOWN || range == (0, u16::MAX);
                assert!(packed || !rule, "{range:?} {year}: left out");
                if packable {
                    assert_eq!(packed, rule, "{range:?} {year}");
                }
            }
        }
    }
}
