//! Weighted edit distance between folded tokens.
//!
//! Edits that transliteration and careless typing produce are cheap; edits that
//! make another name are dear. A vowel for a vowel (Ə written A or E, Arabic
//! short vowels) or G for H (Russian Г for Azerbaijani H) costs a fraction of a
//! consonant for a consonant (NASIROV, NAZIROV), so that true variants stay close
//! and names one letter apart stay apart. Costs are in tenths of an edit.

use crate::fold::is_vowel;

/// What a full edit costs.
pub const EDIT: u16 = 10;

/// Substituting `a` for `b` (upper-case ASCII letters).
pub const fn substitution(a: u8, b: u8) -> u16 {
    if a == b {
        return 0;
    }
    let (x, y) = if a < b { (a, b) } else { (b, a) };
    match (x, y) {
        (b'A', b'E') | (b'O', b'U') => 2,
        (b'E', b'I') | (b'I', b'U') => 3,
        (x, y) if is_vowel(x) && is_vowel(y) => 4,
        // Г read as G or H; Q read as G or K.
        (b'G', b'H') | (b'G', b'K') => 3,
        // Q of Azerbaijani names written with Russian Х (SADIQOV, SADYKHOV).
        (b'H', b'K') => 4,
        // Azerbaijani C is J; Western C is K or S; Y-glides written J.
        (b'C', b'J') | (b'I', b'J') => 3,
        (b'C', b'K') | (b'C', b'S') => 4,
        // Turkish spelling of Arabic final D (MEHMET), voiced and voiceless pairs.
        (b'D', b'T') => 6,
        (b'B', b'P') | (b'F', b'V') | (b'P', b'F') => 7,
        // Neighbouring keys in a row of the keyboard: a slip of the finger.
        (x, y) if keyboard_neighbours(x, y) => 7,
        _ => EDIT,
    }
}

/// Letters side by side in a row of a QWERTY keyboard.
const fn keyboard_neighbours(a: u8, b: u8) -> bool {
    const ROWS: [&[u8]; 3] = [b"QWERTYUIOP", b"ASDFGHJKL", b"ZXCVBNM"];
    let mut r = 0;
    while r < ROWS.len() {
        let row = ROWS[r];
        let mut k = 1;
        while k < row.len() {
            let (p, q) = (row[k - 1], row[k]);
            if (p == a && q == b) || (p == b && q == a) {
                return true;
            }
            k += 1;
        }
        r += 1;
    }
    false
}

/// [`substitution`] for every pair of bytes, indexed by their low five bits
/// (A–Z are 1–26), so that the inner loop of [`cost_within`] is one load.
static SUBSTITUTIONS: [[u8; 32]; 32] = {
    let mut table = [[EDIT as u8; 32]; 32];
    let mut a = b'A';
    while a <= b'Z' {
        let mut b = b'A';
        while b <= b'Z' {
            table[(a & 31) as usize][(b & 31) as usize] = substitution(a, b) as u8;
            b += 1;
        }
        a += 1;
    }
    table
};

/// The cheapest insertion or deletion (see [`indel`]).
const MIN_INDEL: u16 = 2;

/// Inserting or deleting `c` next to `before` and `after`.
pub fn indel(c: u8, before: Option<u8>, after: Option<u8>) -> u16 {
    let by_vowel = before.is_some_and(is_vowel) || after.is_some_and(is_vowel);
    match c {
        // A Y-glide written or not (ALIYEV, ALIEV; YELENA, ELENA).
        b'I' if by_vowel => 2,
        // A word's first sound is rarely lost (AHMAD is not HAMAD), except an H
        // that Russian spelling drops (HARUTYUNYAN, ARUTYUNYAN).
        b'H' if before.is_none() => 6,
        _ if before.is_none() => EDIT,
        c if is_vowel(c) => 4,
        b'H' => 4,
        _ => EDIT,
    }
}

/// The least inserting or deleting a letter costs in any place (see
/// [`indel`]), for [`LETTER_FLOOR`].
const fn cheapest_indel(c: u8) -> u16 {
    match c {
        b'I' => 2,
        b'H' => 4,
        c if is_vowel(c) => 4,
        _ => EDIT,
    }
}

/// What a letter one string has more of than the other costs at least, times
/// two, by the low five bits of the letter: the cheaper of twice its
/// [`cheapest_indel`] and its cheapest [`substitution`] (half of which goes to
/// the letter the other string has more of). See [`letter_bound`].
static LETTER_FLOOR: [u8; 32] = {
    let mut table = [0u8; 32];
    let mut a = b'A';
    while a <= b'Z' {
        let mut least = 2 * cheapest_indel(a);
        let mut b = b'A';
        while b <= b'Z' {
            let s = substitution(a, b);
            if a != b && s < least {
                least = s;
            }
            b += 1;
        }
        table[(a & 31) as usize] = least as u8;
        a += 1;
    }
    table
};

/// A lower bound of [`cost_within`] from the letters alone, whatever their
/// order, times two: every edit but a swap changes how many of a letter or
/// two one string has more of than the other, and costs at least half the
/// [`LETTER_FLOOR`] of each. Most pairs of unrelated names are told apart
/// by this before any table is filled. `None` when a byte is not a capital
/// letter.
fn letter_bound(a: &[u8], b: &[u8]) -> Option<u32> {
    let mut counts = [0i8; 32];
    for &c in a {
        if !c.is_ascii_uppercase() {
            return None;
        }
        counts[(c & 31) as usize] += 1;
    }
    for &c in b {
        if !c.is_ascii_uppercase() {
            return None;
        }
        counts[(c & 31) as usize] -= 1;
    }
    // In 16 bits, which vectorise: at most 62 letters apart at 20 each.
    let twice: u16 = counts
        .iter()
        .zip(LETTER_FLOOR.iter())
        .map(|(d, f)| u16::from(d.unsigned_abs()) * u16::from(*f))
        .sum();
    Some(u32::from(twice))
}

/// Whether `a` and `b` may be within `max` of each other, judged by their
/// lengths and letters alone: false means [`cost_within`] finds nothing.
pub fn within_by_letters(a: &[u8], b: &[u8], max: u16) -> bool {
    let (a, b) = (&a[..a.len().min(MAX_LEN)], &b[..b.len().min(MAX_LEN)]);
    (a.len().abs_diff(b.len()) as u16).saturating_mul(MIN_INDEL) <= max
        && letter_bound(a, b).is_none_or(|twice| twice <= 2 * u32::from(max))
}

/// Adjacent letters swapped: a typing slip, unless at the start of either word
/// (AHMAD and HAMAD are two names).
fn transposition(at_start: bool) -> u16 {
    if at_start { EDIT } else { 5 }
}

/// Longest token compared; longer ones are cut (no name part is this long).
pub const MAX_LEN: usize = 31;

/// What inserting or deleting each letter of a token costs, by its neighbours
/// in its own word (see [`indel`]); worked out once per token, not per comparison.
pub fn indel_costs(letters: &[u8]) -> impl Iterator<Item = u8> + '_ {
    (0..letters.len()).map(move |i| {
        let before = i.checked_sub(1).map(|k| letters[k]);
        indel(letters[i], before, letters.get(i + 1).copied()) as u8
    })
}

/// A folded token (at most [`MAX_LEN`] letters) with its insertion costs.
#[derive(Clone, Copy, Debug, Default)]
pub struct TokenRef<'a> {
    letters: &'a [u8],
    indels: &'a [u8],
}

impl<'a> TokenRef<'a> {
    /// `indels` from [`indel_costs`] of the same letters.
    pub fn new(letters: &'a [u8], indels: &'a [u8]) -> Self {
        let n = letters.len().min(indels.len()).min(MAX_LEN);
        TokenRef {
            letters: &letters[..n],
            indels: &indels[..n],
        }
    }
}

impl<'a> TokenRef<'a> {
    pub fn letters(&self) -> &'a [u8] {
        self.letters
    }
}

impl std::ops::Deref for TokenRef<'_> {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        self.letters
    }
}

/// A token of its own, for one-off comparisons.
#[cfg(test)]
struct Token {
    letters: Vec<u8>,
    indels: Vec<u8>,
}

#[cfg(test)]
impl Token {
    fn new(letters: &[u8]) -> Token {
        let letters = &letters[..letters.len().min(MAX_LEN)];
        Token {
            letters: letters.to_vec(),
            indels: indel_costs(letters).collect(),
        }
    }

    fn as_ref(&self) -> TokenRef<'_> {
        TokenRef::new(&self.letters, &self.indels)
    }
}

/// The cheapest edit cost from `a` to `b` (restricted Damerau: substitutions,
/// insertions, deletions, adjacent swaps), in tenths of an edit, if it is at
/// most `max`; `None` as soon as every path costs more.
pub fn cost_within(a: TokenRef, b: TokenRef, max: u16) -> Option<u16> {
    let (del, ins) = (a.indels, b.indels);
    let (a, b) = (a.letters, b.letters);
    let (n, m) = (a.len(), b.len());
    // No letter is inserted or deleted for less than a glide.
    if (n.abs_diff(m) as u16).saturating_mul(MIN_INDEL) > max {
        return None;
    }
    if letter_bound(a, b).is_some_and(|twice| twice > 2 * u32::from(max)) {
        return None;
    }
    // Three rows, rotated rather than copied. (Ranges are written half-open:
    // inclusive ones cost a check more per cell.)
    let mut rows = [[0u16; MAX_LEN + 1]; 3];
    let [r0, r1, r2] = &mut rows;
    let (mut prev2, mut prev, mut cur) = (r0, r1, r2);
    // The same lengths everywhere, so that indexing needs no checks.
    let (b, ins) = (&b[..m], &ins[..m]);
    for j in 1..m + 1 {
        prev[j] = prev[j - 1] + u16::from(ins[j - 1]);
    }
    for i in 1..n + 1 {
        let ai = a[i - 1];
        // The letter before `ai`, for swaps; none in the first row.
        let before = if i > 1 { Some(a[i - 2]) } else { None };
        let d = u16::from(del[i - 1]);
        let row = &SUBSTITUTIONS[(ai & 31) as usize];
        let (p2, p, c) = (&prev2[..=m], &prev[..=m], &mut cur[..=m]);
        let mut left = p[0] + d;
        c[0] = left;
        let mut row_min = left;
        for j in 1..m + 1 {
            let bj = b[j - 1];
            let mut best = (p[j] + d)
                .min(left + u16::from(ins[j - 1]))
                .min(p[j - 1] + u16::from(row[(bj & 31) as usize]));
            if before == Some(bj) && j > 1 && ai == b[j - 2] && ai != bj {
                best = best.min(p2[j - 2] + transposition(i == 2 || j == 2));
            }
            c[j] = best;
            left = best;
            row_min = row_min.min(best);
        }
        // Every path to the end passes this row (a swap reaching back a row
        // passes a cell of this row at no more cost).
        if row_min > max {
            return None;
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    (prev[m] <= max).then_some(prev[m])
}

/// Similarity lost per full edit, however long the name: a consonant changed
/// in a long name makes another name as surely as in a short one.
const PER_EDIT: f32 = 0.2;

/// Costs beyond two full edits leave less than any similarity worth pairing.
pub const USEFUL_COST: u16 = 2 * EDIT;

/// Similarity in [0, 1] of two tokens; 0 for anything more than
/// [`USEFUL_COST`] apart.
pub fn similarity(a: &[u8], b: &[u8]) -> f32 {
    similarity_within(a, b, USEFUL_COST)
}

/// [`similarity`], but 0 as soon as the tokens are more than `max` apart:
/// a caller that only wants close pairs saves most of the table. Works on the
/// stack (screening calls it for every pair of parts written together).
pub fn similarity_within(a: &[u8], b: &[u8], max: u16) -> f32 {
    if a == b {
        return 1.0;
    }
    let (a, b) = (&a[..a.len().min(MAX_LEN)], &b[..b.len().min(MAX_LEN)]);
    if !within_by_letters(a, b, max) {
        return 0.0;
    }
    let (mut ia, mut ib) = ([0u8; MAX_LEN], [0u8; MAX_LEN]);
    for (slot, cost) in ia.iter_mut().zip(indel_costs(a)) {
        *slot = cost;
    }
    for (slot, cost) in ib.iter_mut().zip(indel_costs(b)) {
        *slot = cost;
    }
    let (ta, tb) = (
        TokenRef::new(a, &ia[..a.len()]),
        TokenRef::new(b, &ib[..b.len()]),
    );
    cost_within(ta, tb, max).map_or(0.0, |c| from_cost(c, a.len().max(b.len())))
}

/// Similarity in [0, 1] from an edit cost between tokens of which the longer
/// has `len` letters: the cost relative to the length, and at least
/// [`PER_EDIT`] for every full edit.
pub fn from_cost(cost: u16, len: usize) -> f32 {
    let len = len.min(MAX_LEN);
    if len == 0 {
        return 0.0;
    }
    let edits = cost as f32 / EDIT as f32;
    (1.0 - (edits / len as f32).max(edits * PER_EDIT)).max(0.0)
}

/// Whether two words (or document numbers) differ by one character added,
/// dropped or replaced, or two neighbours swapped: a typing slip, judged
/// without costs.
pub fn one_slip_apart(a: &[u8], b: &[u8]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let first = short.iter().zip(long).take_while(|(x, y)| x == y).count();
    match long.len() - short.len() {
        0 if first == short.len() => false,
        0 => {
            short[first + 1..] == long[first + 1..]
                || (first + 1 < short.len()
                    && short[first] == long[first + 1]
                    && short[first + 1] == long[first]
                    && short[first + 2..] == long[first + 2..])
        }
        1 => short[first..] == long[first + 1..],
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fold::fold;

    #[test]
    fn one_slip() {
        assert!(one_slip_apart(b"QIZZI", b"QIZI") && one_slip_apart(b"OGUL", b"OGLU"));
        assert!(one_slip_apart(b"C1234567", b"C1243567"), "swap");
        assert!(one_slip_apart(b"C1234567", b"C1234568"));
        assert!(!one_slip_apart(b"QIZI", b"QIZI"), "the same");
        assert!(!one_slip_apart(b"OBLUK", b"OGLU"));
        assert!(!one_slip_apart(b"C1234567", b"C1235476"));
    }

    fn cost(a: &[u8], b: &[u8]) -> u16 {
        cost_within(Token::new(a).as_ref(), Token::new(b).as_ref(), u16::MAX)
            .expect("any cost is below u16::MAX")
    }

    fn sim(a: &str, b: &str) -> f32 {
        similarity(fold(a).as_bytes(), fold(b).as_bytes())
    }

    #[test]
    fn variants_are_close_and_different_names_are_not() {
        assert!(sim("MAMMADOV", "MAMEDOV") > 0.95);
        assert!(sim("HASANOV", "GASANOV") > 0.93);
        assert!(sim("MUHAMMAD", "MOHAMMED") > 0.9);
        assert!(sim("MULLER", "MUELLER") > 0.9);
        assert!(sim("YELENA", "ELENA") > 0.95);
        assert!(
            sim("RAHSAD", "RASHAD") >= 0.9,
            "{}",
            sim("RAHSAD", "RASHAD")
        );
        assert!(sim("NASIROV", "NAZIROV") < 0.87);
        assert!(sim("KARIMOV", "KASIMOV") < 0.87);
        assert!(sim("YUSUF", "YUNUS") < 0.7);
        assert!(sim("AHMAD", "HAMAD") < 0.85);
        assert!(sim("SERGEEV", "SERGEENKO") < 0.75);
    }

    proptest::proptest! {
        #[test]
        fn cost_is_symmetric(a in "[A-Z]{0,12}", b in "[A-Z]{0,12}") {
            proptest::prop_assert_eq!(cost(a.as_bytes(), b.as_bytes()), cost(b.as_bytes(), a.as_bytes()));
        }
    }

    #[test]
    fn letter_floors_are_no_dearer_than_any_edit() {
        for a in b'A'..=b'Z' {
            let floor = u16::from(LETTER_FLOOR[(a & 31) as usize]);
            for b in (b'A'..=b'Z').filter(|b| *b != a) {
                assert!(floor <= substitution(a, b), "{}{}", a as char, b as char);
            }
            let around = [None, Some(b'A'), Some(b'I'), Some(b'H'), Some(b'T')];
            for before in around {
                for after in around {
                    assert!(floor <= 2 * indel(a, before, after), "{}", a as char);
                }
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn letter_bound_never_exceeds_the_cost(a in "[A-Z]{0,10}", b in "[A-Z]{0,10}") {
            let bound = letter_bound(a.as_bytes(), b.as_bytes()).expect("capital letters");
            proptest::prop_assert!(bound <= 2 * u32::from(cost(a.as_bytes(), b.as_bytes())));
        }

        #[test]
        fn letter_bound_never_exceeds_the_cost_of_near_names(a in "[AEIOUHRSDMNL]{0,9}", b in "[AEIOUHRSDMNL]{0,9}") {
            let bound = letter_bound(a.as_bytes(), b.as_bytes()).expect("capital letters");
            proptest::prop_assert!(bound <= 2 * u32::from(cost(a.as_bytes(), b.as_bytes())));
        }
    }

    #[test]
    fn cost_is_symmetric_and_zero_on_equal() {
        for (a, b) in [("ALIEV", "ALIIEV"), ("KARIMOV", "KERIMOV"), ("ABC", "")] {
            assert_eq!(
                cost(a.as_bytes(), b.as_bytes()),
                cost(b.as_bytes(), a.as_bytes())
            );
        }
        assert_eq!(cost(b"RASHAD", b"RASHAD"), 0);
    }
}
