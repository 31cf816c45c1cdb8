//! Special service requests (SSR) and the API data carried in them: DOCS
//! (travel document and identity), DOCA (address) and DOCO (visa or other
//! document), in the IATA free-text layout `/P/GBR/123456789/GBR/12JUL64/M/…`.

use std::borrow::Cow;

use piu_edifact::Segment;
use piu_model::{Address, Ssr};

use crate::dates::{self, SentDate};

/// A traveller an SSR names: a value for them (such as a seat) and their reference.
pub(super) type Named<'t> = (Option<Cow<'t, str>>, Option<Cow<'t, str>>);

/// One SSR as sent, with the travellers it names, borrowed from the segment
/// until the model needs owned text.
pub(super) struct SsrRead<'t> {
    pub code: Cow<'t, str>,
    pub status: Option<Cow<'t, str>>,
    pub carrier: Option<Cow<'t, str>>,
    pub text: Option<Cow<'t, str>>,
    /// Per named traveller: a value such as a seat, and the traveller reference.
    pub refs: Vec<Named<'t>>,
}

impl<'t> SsrRead<'t> {
    pub(super) fn from_segment(seg: &Segment<'t>) -> SsrRead<'t> {
        // Free text is component 8 on; a colon inside it splits it further.
        let text = match seg.element(0).map(|e| e.component_count()) {
            Some(n) if n > 9 => {
                let mut text = String::new();
                for c in 8..n {
                    if c > 8 {
                        text.push(':');
                    }
                    text.push_str(&seg.get(0, c).unwrap_or_default());
                }
                Some(Cow::<str>::Owned(text.trim_ascii().to_string())).filter(|t| !t.is_empty())
            }
            _ => seg.field(0, 8),
        };
        let refs = (1..seg.element_count())
            .map(|e| (seg.field(e, 0), seg.field(e, 2)))
            .collect();
        let code = seg.field(0, 0).unwrap_or_default();
        let code = if code.bytes().any(|b| b.is_ascii_lowercase()) {
            Cow::Owned(code.to_ascii_uppercase())
        } else {
            code
        };
        SsrRead {
            code,
            status: seg.field(0, 1),
            carrier: seg.field(0, 3),
            text,
            refs,
        }
    }

    /// The traveller references this SSR names.
    pub(super) fn traveller_refs(&self) -> impl Iterator<Item = &str> {
        self.refs.iter().filter_map(|(_, r)| r.as_deref())
    }

    /// The SSR for the model, with the value given for one traveller.
    pub(super) fn to_model(&self, value: Option<String>) -> Ssr {
        let owned = |v: &Option<Cow<'t, str>>| v.as_deref().map(str::to_string);
        Ssr {
            code: self.code.to_string(),
            status: owned(&self.status),
            carrier: owned(&self.carrier),
            text: owned(&self.text),
            value,
        }
    }
}

/// Splits IATA free text on `/`, aligning on a date field: senders differ in
/// whether a leading `/` is present, so the field that holds a date tells where
/// the others are.
fn fields(text: &str, date_index: usize) -> Vec<&str> {
    let mut parts: Vec<&str> = Vec::with_capacity(12);
    let mut start = 0;
    for (i, b) in text.bytes().enumerate() {
        if b == b'/' {
            parts.push(text[start..i].trim_ascii());
            start = i + 1;
        }
    }
    parts.push(text[start..].trim_ascii());
    let found = parts
        .iter()
        .take(date_index + 2)
        .position(|p| dates::parse_ddmmmyy(p).is_some())
        .filter(|&k| k >= date_index);
    let offset = match found {
        Some(k) => k - date_index,
        None => usize::from(text.starts_with('/')),
    };
    parts.drain(..offset.min(parts.len()));
    parts
}

fn field(f: &[&str], i: usize) -> Option<String> {
    f.get(i).filter(|s| !s.is_empty()).map(|s| s.to_string())
}

/// SSR DOCS: document type, issuing state, number, nationality, birth date,
/// sex, expiry, surname, given name, middle name.
#[derive(Debug, Default)]
pub(super) struct Docs {
    pub kind: Option<String>,
    pub issuing_country: Option<String>,
    pub number: Option<String>,
    pub nationality: Option<String>,
    pub birth: Option<SentDate>,
    pub gender: Option<String>,
    pub expiry: Option<SentDate>,
    pub surname: Option<String>,
    pub given: Option<String>,
    pub middle: Option<String>,
}

impl Docs {
    pub(super) fn parse(text: &str) -> Docs {
        let f = fields(text, 4);
        Docs {
            kind: field(&f, 0),
            issuing_country: field(&f, 1),
            number: field(&f, 2),
            nationality: field(&f, 3),
            birth: field(&f, 4).and_then(|d| dates::parse_ddmmmyy(&d)),
            gender: field(&f, 5),
            expiry: field(&f, 6).and_then(|d| dates::parse_ddmmmyy(&d)),
            surname: field(&f, 7),
            given: field(&f, 8),
            middle: field(&f, 9),
        }
    }

    pub(super) fn is_infant(&self) -> bool {
        self.gender
            .as_deref()
            .is_some_and(|g| crate::person::gender(g).1)
    }
}

/// SSR DOCO: place of birth, document type, number, place of issue, issue date,
/// state the document is valid for.
#[derive(Debug, Default)]
pub(super) struct Doco {
    pub birth_place: Option<String>,
    pub kind: Option<String>,
    pub number: Option<String>,
    pub place_of_issue: Option<String>,
    pub issued: Option<SentDate>,
    pub applicable_country: Option<String>,
}

impl Doco {
    pub(super) fn parse(text: &str) -> Doco {
        let f = fields(text, 4);
        Doco {
            birth_place: field(&f, 0),
            kind: field(&f, 1),
            number: field(&f, 2),
            place_of_issue: field(&f, 3),
            issued: field(&f, 4).and_then(|d| dates::parse_ddmmmyy(&d)),
            applicable_country: field(&f, 5),
        }
    }
}

/// SSR DOCA: address type (R residence, D destination), country, street, city,
/// region, postcode.
pub(super) fn doca(text: &str) -> Address {
    let t = text.strip_prefix('/').unwrap_or(text);
    let f: Vec<&str> = t.split('/').map(str::trim_ascii).collect();
    Address {
        kind: field(&f, 0).map(|k| match k.as_str() {
            "R" => "residence".to_string(),
            "D" => "destination".to_string(),
            _ => k,
        }),
        country: field(&f, 1),
        street: field(&f, 2),
        city: field(&f, 3),
        region: field(&f, 4),
        postcode: field(&f, 5),
        phone: None,
    }
}

/// SSR INFT free text: `SURNAME/GIVEN/10AUG11` or `SURNAME/GIVEN 10AUG11`.
pub(super) fn inft_name(text: &str) -> (Option<String>, Option<String>) {
    let mut f = text.split('/').map(str::trim);
    let surname = f.next().filter(|s| !s.is_empty()).map(str::to_string);
    let given = f.next().map(|g| {
        g.split_whitespace()
            .filter(|w| dates::parse_ddmmmyy(w).is_none())
            .collect::<Vec<_>>()
            .join(" ")
    });
    (surname, given.filter(|g| !g.is_empty()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn docs_with_and_without_leading_slash() {
        let d = Docs::parse("/P/KOR/JR3364288/KOR/10SEP72/M/05JUL16/PARK/SE JOON");
        assert_eq!(d.kind.as_deref(), Some("P"));
        assert_eq!(d.number.as_deref(), Some("JR3364288"));
        assert_eq!(d.surname.as_deref(), Some("PARK"));
        assert_eq!(d.given.as_deref(), Some("SE JOON"));
        let d = Docs::parse("P/AZE/C1234567/AZE/01JAN90/F/01JAN30/ALIYEVA/AYTAN/ILHAM QIZI");
        assert_eq!(d.kind.as_deref(), Some("P"));
        assert_eq!(d.middle.as_deref(), Some("ILHAM QIZI"));
        let d = Docs::parse("/////05FEB53/F//DORON/NINA");
        assert_eq!(d.kind, None);
        assert_eq!(d.birth, dates::parse_ddmmmyy("05FEB53"));
        assert_eq!(d.gender.as_deref(), Some("F"));
        assert_eq!(d.surname.as_deref(), Some("DORON"));
        let d = Docs::parse("/P/COL/AO234000/COL/10AUG11/FI/21DEC22/TESTSURNAMETWO/TESTNAMETWO");
        assert!(d.is_infant());
    }

    #[test]
    fn doco_and_doca() {
        let d = Doco::parse(" HERE VA/V/8675309/OTHER PLACE/22DEC06/LI");
        assert_eq!(d.kind.as_deref(), Some("V"));
        assert_eq!(d.number.as_deref(), Some("8675309"));
        assert_eq!(d.applicable_country.as_deref(), Some("LI"));
        let a = doca("/D/AUS/13 SHORE AVENUE/BROADBEACH/QLD/4215");
        assert_eq!(a.kind.as_deref(), Some("destination"));
        assert_eq!(a.city.as_deref(), Some("BROADBEACH"));
        assert_eq!(a.postcode.as_deref(), Some("4215"));
    }

    #[test]
    fn infant_names() {
        assert_eq!(
            inft_name("TESTSURNAMETWO/TESTNAMETWO/10AUG11"),
            (Some("TESTSURNAMETWO".into()), Some("TESTNAMETWO".into()))
        );
        assert_eq!(
            inft_name("DYE/ARCHER 15APR12"),
            (Some("DYE".into()), Some("ARCHER".into()))
        );
    }
}
