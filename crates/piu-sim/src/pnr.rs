//! A booking as a push shows it: which data it holds at T-48, T-24 and after
//! closure (document data added, names corrected, tickets issued, check-in).

use piu_model::{
    Address, BagTag, Booking, CheckIn, Contact, ContactKind, Money, PassengerType, Remark, Ticket,
    TravelDocument, Traveller,
};

use crate::bookings::{CLOSE, Party, local};
use crate::network;
use crate::people::Age;

impl Party {
    /// Whether the push at `stage` lists this booking as held.
    pub fn active(&self, stage: usize) -> bool {
        self.appears <= stage && self.cancelled.is_none_or(|c| c > stage)
    }

    /// The booking and its travellers as the push at `stage` carries them.
    /// Traveller indexes are positions in the returned list.
    pub fn render(&self, stage: usize, dcs: bool) -> (Booking, Vec<Traveller>) {
        if self.cancelled.is_some_and(|c| c <= stage) {
            return (
                Booking {
                    record_locator: self.locator.clone(),
                    carrier: Some(self.owner.clone()),
                    cancelled: true,
                    ..Booking::default()
                },
                Vec::new(),
            );
        }
        let fixed = self.name_fixed.is_some_and(|s| s <= stage);
        let ticketed = self.ticketed_at <= stage;
        let mut travellers = Vec::new();
        let mut tickets = Vec::new();
        let mut payments = Vec::new();
        let pushed = &self.itinerary[self.pushed];
        let designator = format!(
            "{}{}",
            pushed.leg.carrier.as_deref().unwrap_or(""),
            pushed.leg.number.as_deref().unwrap_or("")
        );
        for (i, p) in self.pax.iter().enumerate() {
            let person = &p.person;
            let (surname, given) = if fixed {
                (person.surname.clone(), person.given.clone())
            } else {
                (person.booked_surname.clone(), person.booked_given.clone())
            };
            let docs = p.docs_at <= stage;
            let checked = stage == CLOSE && dcs && p.checked_in && p.seat.is_some();
            let mut t = Traveller {
                surname,
                given_names: given,
                title: person.title.map(String::from),
                passenger_type: Some(match person.age {
                    Age::Adult => PassengerType::Adult,
                    Age::Child => PassengerType::Child,
                    Age::Infant => PassengerType::Infant,
                }),
                passenger_ref: Some(p.pax_ref.clone()),
                booking_ref: Some(self.locator.clone()),
                frequent_flyer: p.ff.iter().cloned().collect(),
                ..Traveller::default()
            };
            if docs {
                t.date_of_birth = Some(person.birth);
                t.gender = Some(person.gender);
                t.nationality = Some(person.nationality.into());
                t.documents.push(TravelDocument {
                    kind: Some("P".into()),
                    number: Some(person.passport.number.clone()),
                    issuing_country: Some(person.passport.country.into()),
                    nationality: Some(person.nationality.into()),
                    expiry: Some(person.passport.expiry),
                    source: "SSR DOCS".into(),
                    ..TravelDocument::default()
                });
                if let Some(v) = &p.visa {
                    t.birth_place = Some(person.birth_place.clone());
                    t.documents.push(TravelDocument {
                        kind: Some("V".into()),
                        number: Some(v.number.clone()),
                        place_of_issue: Some("BAKU".into()),
                        issue_date: Some(v.issued),
                        applicable_country: Some("AZE".into()),
                        source: "SSR DOCO".into(),
                        ..TravelDocument::default()
                    });
                }
                if p.doca {
                    t.address = Some(Address {
                        kind: Some("residence".into()),
                        country: Some(person.residence.into()),
                        city: Some(
                            network::airport(match person.residence {
                                "RUS" => "SVO",
                                "TUR" => "IST",
                                "DEU" => "FRA",
                                "GBR" => "LHR",
                                "AZE" => "GYD",
                                _ => "DXB",
                            })
                            .city
                            .into(),
                        ),
                        ..Address::default()
                    });
                }
            }
            if p.seat_reserved || checked {
                t.seat = p.seat.clone();
            }
            if checked {
                let bags = p.checked_bags(BagTag {
                    carrier: Some(p.bag_tag[1..4].to_string()),
                    destination: Some(self.bag_dest.clone()),
                    ..p.bag_run()
                });
                t.check_in.push(CheckIn {
                    flight: Some(designator.clone()),
                    sequence: Some(format!("{:03}", p.sequence)),
                    seat: p.seat.clone(),
                    cabin: Some("Y".into()),
                    time: Some(local(p.check_in_at)),
                    bags: bags.clone(),
                });
                t.bags = bags;
            }
            if ticketed && let Some(n) = &p.ticket {
                t.ticket = Some(n.clone());
                tickets.push(Ticket {
                    number: n.clone(),
                    kind: Some("T".into()),
                    issued: Some(self.ticket_time.date()),
                    total: Some(Money {
                        amount: if person.age == Age::Infant {
                            (self.fare * 0.1).round()
                        } else {
                            self.fare
                        },
                        currency: Some(self.currency.into()),
                    }),
                    traveller: Some(i),
                });
            }
            travellers.push(t);
        }
        for (i, p) in self.pax.iter().enumerate() {
            if let Some(a) = p.infant_of {
                travellers[a].infant = Some(i);
            }
        }
        if ticketed {
            let total: f64 = self
                .pax
                .iter()
                .map(|p| {
                    if p.person.age == Age::Infant {
                        (self.fare * 0.1).round()
                    } else {
                        self.fare
                    }
                })
                .sum();
            let mut pay = self.payment.clone();
            pay.amount = Some(Money {
                amount: total,
                currency: None,
            });
            pay.traveller = Some(0);
            payments.push(pay);
        }
        let lead = &self.pax[0].person;
        let mut contacts = vec![Contact {
            kind: ContactKind::Phone,
            value: lead.phone.clone(),
            source: "CTCM".into(),
        }];
        if let Some(e) = lead.email.as_ref().filter(|_| self.email_at <= stage) {
            contacts.push(Contact {
                kind: ContactKind::Email,
                value: e.clone(),
                source: "CTCE".into(),
            });
        }
        let booking = Booking {
            record_locator: self.locator.clone(),
            travellers: (0..travellers.len()).collect(),
            carrier: Some(self.owner.clone()),
            other_locators: self.gds.iter().cloned().collect(),
            created: Some(local(self.created)),
            last_modified: None,
            ticketed: ticketed.then(|| local(self.ticket_time)),
            originator: Some(self.originator.clone()),
            contacts,
            addresses: self.address.iter().cloned().collect(),
            payments,
            tickets,
            itinerary: self.itinerary.clone(),
            split_from: self.split.iter().cloned().collect(),
            history: self.history.clone(),
            history_lines: self.lines.clone(),
            remarks: self
                .remark
                .iter()
                .map(|r| Remark {
                    kind: "4:28".into(),
                    text: r.clone(),
                })
                .collect(),
            ..Booking::default()
        };
        (booking, travellers)
    }
}
