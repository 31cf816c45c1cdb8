//! Typed values from attributes or child elements, and the small structures
//! that several levels share (addresses, bags, SSRs, money, payments, tickets,
//! contacts). A value that does not parse stays unmarked, so it ends up as raw
//! data, and a warning says so.

use piu_model::{
    Address, BagTag, Bags, Contact, ContactKind, Date, FlightDesignator, LocalDateTime, Money,
    Note, Payment, PaymentMethod, Remark, Ssr, Ticket,
};

use super::tree::{El, note};
use crate::dates::{self, Century, SentDate};

/// Where warnings go and which date places two-digit years.
pub(crate) struct Cx<'w> {
    pub warnings: &'w mut Vec<Note>,
    pub reference: Option<Date>,
}

/// Where a value was read from.
pub(crate) enum Spot<'a> {
    Attr(El<'a>, &'static str),
    Child(El<'a>),
}

impl Spot<'_> {
    pub fn unmark(&self) {
        match self {
            Spot::Attr(el, name) => el.unmark_attr(name),
            Spot::Child(c) => c.unmark(),
        }
    }
}

/// Flight numbers without leading zeros (`0071` → `71`, `0` stays).
pub(crate) fn strip_zeros(s: &str) -> String {
    let s = s.trim();
    let t = s.trim_start_matches('0').trim_start();
    if t.is_empty() && !s.is_empty() {
        "0".to_string()
    } else {
        t.to_string()
    }
}

pub(crate) fn parse_bool(s: &str) -> Option<bool> {
    match s.trim().to_ascii_lowercase().as_str() {
        "true" | "1" | "y" | "yes" => Some(true),
        "false" | "0" | "n" | "no" => Some(false),
        _ => None,
    }
}

/// A finite decimal amount; a lone decimal comma is accepted.
pub(crate) fn parse_amount(s: &str) -> Option<f64> {
    let s = s.trim();
    let v: f64 = match s.parse() {
        Ok(v) => v,
        Err(_) if s.matches(',').count() == 1 && !s.contains('.') => {
            s.replace(',', ".").parse().ok()?
        }
        Err(_) => return None,
    };
    v.is_finite().then_some(v)
}

/// ISO 8601, `DDMMMYY[YY]`, `[CC]YYMMDD` or `[CC]YYMMDDHHMM`; two-digit years
/// are placed by `rule` around the reference date.
pub(crate) fn parse_moment(
    s: &str,
    reference: Option<Date>,
    rule: Century,
) -> Option<LocalDateTime> {
    let s = s.trim();
    if let Some(v) = dates::parse_iso(s) {
        return Some(v);
    }
    if s.len() >= 16 && s.as_bytes().get(10) == Some(&b' ') {
        let joined = format!("{}T{}", s.get(..10)?, s.get(11..)?);
        if let Some(v) = dates::parse_iso(&joined) {
            return Some(v);
        }
    }
    let place = |d: SentDate| match d {
        SentDate::Full(d) => Some(d),
        SentDate::TwoDigitYear(..) => d.resolve(reference?, rule),
    };
    if let Some(d) = dates::parse_ddmmmyy(s) {
        let d = place(d)?;
        return LocalDateTime::from_parts(d.year(), d.month() as u8, d.day(), None);
    }
    let (d, hm) = dates::parse_dtm(s, None)?;
    let d = place(d)?;
    LocalDateTime::from_parts(d.year(), d.month() as u8, d.day(), hm)
}

impl Cx<'_> {
    pub fn warn(&mut self, el: &El<'_>, message: impl Into<String>) {
        self.warnings.push(note(el, message));
    }

    /// A value under one of `names` (attribute first, then a leaf child) that
    /// `parse` accepts. A value it refuses stays unmarked, with a warning.
    pub fn parsed<T>(
        &mut self,
        el: El<'_>,
        names: &[&'static str],
        what: &str,
        parse: impl Fn(&str) -> Option<T>,
    ) -> Option<T> {
        self.parsed_at(el, names, what, parse).map(|(v, _)| v)
    }

    /// As [`Cx::parsed`], also saying where the value was, so that a caller
    /// can leave it raw after all.
    pub fn parsed_at<'a, T>(
        &mut self,
        el: El<'a>,
        names: &[&'static str],
        what: &str,
        parse: impl Fn(&str) -> Option<T>,
    ) -> Option<(T, Spot<'a>)> {
        if let Some(name) = el.attr_name(names) {
            let raw = el.attr_raw(&[name]).unwrap_or_default().trim();
            if raw.is_empty() {
                return None;
            }
            return match parse(raw) {
                Some(v) => Some((v, Spot::Attr(el, name))),
                None => {
                    el.unmark_attr(name);
                    self.warn(
                        &el,
                        format!("{name} {raw:?} is not {what}; kept as raw data"),
                    );
                    None
                }
            };
        }
        let child = el.children().find(|c| c.is(names) && !c.has_children())?;
        let raw = child.peek_text();
        if raw.is_empty() {
            child.mark();
            return None;
        }
        match parse(raw) {
            Some(v) => {
                child.mark();
                child.text();
                Some((v, Spot::Child(child)))
            }
            None => {
                self.warn(
                    &child,
                    format!("{} {raw:?} is not {what}; kept as raw data", child.name()),
                );
                None
            }
        }
    }

    pub fn moment(
        &mut self,
        el: El<'_>,
        names: &[&'static str],
        rule: Century,
    ) -> Option<LocalDateTime> {
        let reference = self.reference;
        self.parsed(el, names, "a date this reader can place", |s| {
            parse_moment(s, reference, rule)
        })
    }

    pub fn day(&mut self, el: El<'_>, names: &[&'static str], rule: Century) -> Option<Date> {
        self.moment(el, names, rule).map(|m| m.date)
    }

    pub fn count(&mut self, el: El<'_>, names: &[&'static str]) -> Option<u32> {
        self.parsed(el, names, "a whole number", |s| s.parse().ok())
    }

    pub fn amount(&mut self, el: El<'_>, names: &[&'static str]) -> Option<f64> {
        self.parsed(el, names, "an amount", parse_amount)
    }

    pub fn flag(&mut self, el: El<'_>, names: &[&'static str]) -> Option<bool> {
        self.parsed(el, names, "true or false", parse_bool)
    }

    /// Amount and currency, when there is an amount.
    pub fn money(
        &mut self,
        el: El<'_>,
        amount: &[&'static str],
        currency: &[&'static str],
    ) -> Option<Money> {
        let amount = self.amount(el, amount)?;
        Some(Money {
            amount,
            currency: el.value(currency).map(str::to_string),
        })
    }
}

pub(crate) fn s(v: Option<&str>) -> Option<String> {
    v.map(str::to_string)
}

/// A code sent as `@Code`, `@LocationCode` or the element's text.
pub(crate) fn code_of(el: El<'_>) -> Option<String> {
    el.mark();
    s(el.attr(&["LocationCode", "Code"]))
        .or_else(|| Some(el.text().to_string()).filter(|t| !t.is_empty()))
}

/// An airline and flight number: `<OperatingAirline Code="J2" FlightNumber="71"/>`.
pub(crate) fn designator(el: El<'_>) -> FlightDesignator {
    el.mark();
    FlightDesignator {
        carrier: el
            .attr(&["Code", "CompanyShortName"])
            .map(str::to_string)
            .or_else(|| Some(el.text().to_string()).filter(|t| !t.is_empty()))
            .unwrap_or_default(),
        number: el
            .attr(&["FlightNumber"])
            .map(strip_zeros)
            .unwrap_or_default(),
    }
}

/// DOCA and ContactInfo addresses.
pub(crate) fn address(el: El<'_>) -> Address {
    el.mark();
    let lines: Vec<&str> = el
        .children_named(&["AddressLine"])
        .iter()
        .map(|l| l.text())
        .filter(|t| !t.is_empty())
        .collect();
    let street = if lines.is_empty() {
        s(el.attr(&["AddressLine", "Street"]))
    } else {
        Some(lines.join(", "))
    };
    let region = match el.child(&["StateProv"]) {
        Some(c) => {
            s(c.attr(&["StateCode"])).or_else(|| s(Some(c.text()).filter(|t| !t.is_empty())))
        }
        None => s(el.attr(&["StateProv", "StateCode"])),
    };
    let country = match el.child(&["CountryName"]) {
        Some(c) => code_of(c),
        None => s(el.attr(&["CountryCode", "Country"])),
    };
    let phone = match el.child(&["Telephone"]) {
        Some(c) => {
            s(c.attr(&["PhoneNumber"])).or_else(|| s(Some(c.text()).filter(|t| !t.is_empty())))
        }
        None => s(el.attr(&["Phone"])),
    };
    Address {
        kind: s(el.attr(&["AddressType", "Type"])),
        street,
        city: s(el.value(&["CityName", "City"])),
        region,
        postcode: s(el.value(&["PostalCode"])),
        country,
        phone,
    }
}

/// Checked bags with their tags.
pub(crate) fn bags(el: El<'_>, cx: &mut Cx<'_>) -> Bags {
    el.mark();
    let weight = cx.amount(el, &["Weight"]);
    let tags = el
        .children_named(&["BagTag"])
        .into_iter()
        .map(|t| BagTag {
            first: t
                .attr(&["TagNumber", "SerialNumber"])
                .map(str::to_string)
                .or_else(|| Some(t.text().to_string()).filter(|x| !x.is_empty()))
                .unwrap_or_default(),
            count: cx.count(t, &["Count", "Quantity"]).unwrap_or(1),
            carrier: s(t.attr(&["CarrierCode", "Carrier"])),
            destination: s(t.attr(&["Destination", "DestinationCode"])),
        })
        .collect();
    Bags {
        count: cx.count(el, &["Quantity", "NumberOfBags", "Count"]),
        weight,
        weight_unit: s(el.attr(&["UnitOfMeasure", "WeightUnit"])),
        tags,
        pool: s(el.attr(&["PoolRole", "Pool"])),
    }
}

/// `<SSR SSRCode="WCHR" Status="HK"><Airline Code="J2"/><Text>…</Text></SSR>`.
pub(crate) fn ssr(el: El<'_>) -> Ssr {
    el.mark();
    let carrier = match el.child(&["Airline"]) {
        Some(a) => code_of(a),
        None => s(el.attr(&["AirlineCode", "Carrier"])),
    };
    let text = match el.child(&["Text"]) {
        Some(t) => Some(t.text().to_string()).filter(|x| !x.is_empty()),
        None => s(el.attr(&["Text", "FreeText"]))
            .or_else(|| Some(el.text().to_string()).filter(|x| !x.is_empty())),
    };
    Ssr {
        code: el
            .attr(&["SSRCode", "Code", "SSR_Code", "SSRType"])
            .unwrap_or_default()
            .to_string(),
        status: s(el.attr(&["Status", "ActionCode"])),
        carrier,
        text,
        value: s(el.attr(&["Value", "SeatNumber"])),
    }
}

/// `<Remark Type="…">text</Remark>`, and OSI elements (kind `OSI`).
pub(crate) fn remark(el: El<'_>) -> Remark {
    el.mark();
    let kind = if el.is(&["OSI", "OtherServiceInfo", "OtherServiceInformation"]) {
        "OSI".to_string()
    } else {
        el.attr(&["Type", "RemarkType"])
            .unwrap_or_default()
            .to_string()
    };
    let text = match el.child(&["Text"]) {
        Some(t) => t.text().to_string(),
        None => el.text().to_string(),
    };
    Remark { kind, text }
}

pub(crate) fn payment_method(code: &str) -> PaymentMethod {
    match code.trim().to_ascii_uppercase().as_str() {
        "CC" | "CARD" | "CREDITCARD" | "DC" | "DEBITCARD" => PaymentMethod::Card,
        "CA" | "CASH" => PaymentMethod::Cash,
        "MS" | "MISC" | "MISCELLANEOUS" => PaymentMethod::Miscellaneous,
        "GR" | "GOVERNMENTRECEIPT" => PaymentMethod::GovernmentReceipt,
        _ => PaymentMethod::Other(code.trim().to_string()),
    }
}

/// `<PaymentInfo PaymentType="CC" …>`, card details on the element itself or on
/// an OTA-style `PaymentCard` child.
pub(crate) fn payment(el: El<'_>, cx: &mut Cx<'_>, traveller: Option<usize>) -> Payment {
    el.mark();
    let card = el.child(&["PaymentCard"]);
    let pick = |names: &[&str]| -> Option<String> {
        s(el.value(names)).or_else(|| card.and_then(|c| s(c.value(names))))
    };
    let method = payment_method(el.attr(&["PaymentType", "Type"]).unwrap_or_default());
    let mut amount = cx.money(
        el,
        &["PaymentAmount", "Amount"],
        &["CurrencyCode", "Currency"],
    );
    if amount.is_none()
        && let Some(c) = card
    {
        amount = cx.money(
            c,
            &["PaymentAmount", "Amount"],
            &["CurrencyCode", "Currency"],
        );
    }
    Payment {
        method,
        amount,
        card_vendor: pick(&["VendorCode", "CardCode", "CardType"]),
        card_number: pick(&["AccountNbr", "CardNumber"]),
        card_expiry: pick(&["ExpiryDate", "ExpireDate"]),
        payer: pick(&["CardHolderName", "Payer"]),
        billing_address: pick(&["BillingAddress"]),
        traveller,
    }
}

/// `<TicketDocument TicketDocumentNbr Type DateOfIssue><TotalFare …/>`; payments
/// inside it are returned with it.
pub(crate) fn ticket(
    el: El<'_>,
    cx: &mut Cx<'_>,
    traveller: Option<usize>,
) -> (Ticket, Vec<Payment>) {
    el.mark();
    let total = match el.child(&["TotalFare"]) {
        Some(t) => cx.money(t, &["Amount"], &["CurrencyCode", "Currency"]),
        None => cx.money(el, &["TotalAmount"], &["CurrencyCode"]),
    };
    let ticket = Ticket {
        number: el
            .value(&["TicketDocumentNbr", "TicketNumber", "TicketNbr"])
            .unwrap_or_default()
            .to_string(),
        kind: s(el.attr(&["Type", "TicketType"])),
        issued: cx.day(el, &["DateOfIssue", "IssueDate"], Century::NotAfter),
        total,
        traveller,
    };
    let payments = el
        .children_named(&["PaymentInfo"])
        .into_iter()
        .map(|p| payment(p, cx, traveller))
        .collect();
    (ticket, payments)
}

/// Default `source` of contacts read from XML.
pub(crate) const CONTACT_SOURCE: &str = "XML ContactInfo";

fn contact_kind(s: &str) -> ContactKind {
    match s.trim().to_ascii_lowercase().as_str() {
        "phone" | "telephone" => ContactKind::Phone,
        "email" | "e-mail" => ContactKind::Email,
        "address" => ContactKind::Address,
        _ => ContactKind::Other,
    }
}

/// `<ContactInfo>` with `Telephone`, `Email`, `ContactDetail` and (when the
/// caller takes them) `Address` children.
pub(crate) fn contact_info(
    el: El<'_>,
    contacts: &mut Vec<Contact>,
    mut addresses: Option<&mut Vec<Address>>,
) {
    el.mark();
    for c in el.children() {
        let source = || c.attr(&["Source"]).unwrap_or(CONTACT_SOURCE).to_string();
        let (kind, value) = if c.is(&["Telephone", "Phone", "PhoneNumber"]) {
            c.mark();
            let v = c
                .attr(&["PhoneNumber", "Number"])
                .map(str::to_string)
                .unwrap_or_else(|| c.text().to_string());
            (ContactKind::Phone, v)
        } else if c.is(&["Email", "EmailAddress"]) {
            c.mark();
            let v = c
                .attr(&["EmailAddress", "Value"])
                .map(str::to_string)
                .unwrap_or_else(|| c.text().to_string());
            (ContactKind::Email, v)
        } else if c.is(&["ContactDetail"]) {
            c.mark();
            let kind = contact_kind(c.attr(&["Type"]).unwrap_or_default());
            (kind, c.text().to_string())
        } else if c.is(&["Address"]) {
            if let Some(list) = addresses.as_deref_mut() {
                list.push(address(c));
            }
            continue;
        } else {
            continue;
        };
        contacts.push(Contact {
            kind,
            value,
            source: source(),
        });
    }
}
