//! PNRGOV XML: IATA `IATA_PNRGOV_NotifRQ`, and national wrappers that carry IATA
//! 2007/00 PNR elements under another root.
//!
//! The IATA schema itself is not at hand, and national schemas differ, so the
//! reader goes by local names (any namespace or none) and accepts most values
//! as an attribute or as a child element with the same name.
//!
//! **Finding things.** A PNR is any element with a `BookingRefID` child. The
//! pushed flight is every `FlightLeg` outside the PNRs or, when there is none,
//! every `Flight` outside the PNRs. A `Passenger` outside any PNR is a traveller
//! without booking. A document yields one message per pushed flight (or one
//! without flight); a PNR goes with the flight it shares the deepest common
//! ancestor with, and among equals with the one its itinerary holds.
//!
//! **Message** (attributes anywhere outside PNRs and flights, or leaf
//! elements there): `Version`; `EchoToken` (or `MessageID`, `MessageReference`,
//! `TransmissionID`, `TransactionIdentifier`) → `message_ref`;
//! `TransactionIdentifier` → `transaction_ref`; `Originator/@AirlineCode` (or
//! `Sender`) → `sender`; `@AirlineContactInfo` → `sender_contact`; `Recipient`;
//! `TimeStamp` → `prepared`; `PushType` (or `MessageFunction`,
//! `TransmissionType`: Full/22, Update/141) → `push`; `PNRs/@NumberOfPnrs` →
//! `declared_pnrs`.
//!
//! **Flight**: `FlightLeg @CarrierCode @FlightNumber @DepartureDateTime
//! @ArrivalDateTime`, `DepartureAirport`/`ArrivalAirport` (`@LocationCode`,
//! `@Code` or text), `MarketingAirline @Code @FlightNumber` (code-share
//! designators); an `OperatingAirline` makes its designator the flight's and the
//! leg's own one a marketing designator.
//!
//! **PNR**: `@PNR_CreationDate` → created, `@PNR_TransDate` → last modified,
//! `@LastTktDate` → ticketed, `@NumberOfPassengers` (checked), `@CancelledInd`;
//! `BookingRefID @ID` + `CompanyName @Code` (the first is the record locator,
//! more are other locators); `POS/Source @AgentSine @PseudoCityCode @ISOCountry
//! @ISOCurrency @AirportCode @AgentType` + `RequestorID @ID @Type /CompanyName
//! @Code` → originator; `ContactInfo` (`Telephone @PhoneNumber`, `Email`,
//! `ContactDetail @Type`, `Address`); `PrepaidBag`/`ExcessBaggage` → excess
//! baggage (raw); `Passenger`; `Flight` → itinerary; `SSR` (also in `SSRs`);
//! `Remark @Type`, `OSI`/`OtherServiceInfo` (also in `Remarks`);
//! `TicketDocument`, `PaymentInfo`; `NonAirSegment @Type`; `SplitPNR @ID`;
//! `History @DateTime @By /Action @Code`; `HistoryLine`. A PNR whose only
//! children are `BookingRefID` elements is a cancellation.
//!
//! **Passenger**: `@RPH` → passenger reference, `@SurnameRefNumber` and
//! `@BoardingStatus` → references, `@PassengerTypeCode`, `@BirthDate`,
//! `@Gender`, `@Nationality`, `@ResidenceCountry`, `@BirthPlace`,
//! `@InfantRPH`/`@AccompaniedByInfantInd` (infant link); `GivenName`,
//! `MiddleName`, `Surname`, `NameTitle`/`NamePrefix` (directly or in
//! `PersonName`; a title glued to the given name is split off); `CustLoyalty
//! @ProgramID @MembershipID @LoyalLevel`; `ContactInfo`; `SSR`;
//! `TicketDocument @TicketDocumentNbr @Type @DateOfIssue` with `TotalFare
//! @Amount @CurrencyCode` and `PaymentInfo @PaymentType @PaymentAmount
//! @CurrencyCode @VendorCode @AccountNbr @ExpiryDate @CardHolderName` (or an
//! OTA `PaymentCard` child); `ExcessBaggage`; `DOC_SSR` (or directly) with
//! `DOCS @DocType @DocID @DocIssueCountry @DocHolderNationality @BirthDate
//! @Gender @DocExpireDate @DocIssueDate` and a `DocHolderFormattedName` /
//! `DocHolderName` (`GivenName`, `MiddleName`, `Surname`), `DOCO` (the same
//! document fields, `@DocLimitCountry`, `@BirthPlace`), `DOCA @AddressType`
//! (`AddressLine`, `CityName`, `StateProv`, `PostalCode`, `CountryName @Code`);
//! `CheckIn @BoardPoint @CheckInSeqNbr @SeatNumber @CabinClass
//! @CheckInDateTime` with `Baggage @Quantity @Weight @UnitOfMeasure @PoolRole`
//! and `BagTag @TagNumber @Count @CarrierCode @Destination` (check-in records
//! may also sit under an itinerary `Flight`, with `@PassengerRPH`). The seat,
//! bags and ticket number of a traveller come from the first check-in and
//! ticket unless `Seat`, `Baggage` or `TicketNumber` elements state them.
//!
//! Whatever the reader does not map (an unknown element, an attribute, a value
//! that does not parse) is kept as a raw segment on the nearest message,
//! booking or traveller, with a warning where it is doubtful. No DTD is ever
//! processed; size, depth and element count are bounded by [`XmlLimits`].

mod booking;
mod map;
mod traveller;
pub(crate) mod tree;
mod values;

pub(crate) use map::IATA_ROOT;
pub(crate) use traveller::{
    DOCO_SOURCE, DOCS_SOURCE, computed_name_as_sent, date_text, derived_bags, derived_nationality,
    derived_residence, derived_seat, derived_ticket, is_doco,
};
pub(crate) use values::CONTACT_SOURCE;

use piu_model::Message;

use crate::{ReadError, ReadOptions};

/// Bounds for XML input: no DTD is ever processed; depth, size and counts are capped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct XmlLimits {
    pub max_bytes: usize,
    pub max_depth: usize,
    pub max_elements: usize,
}

impl Default for XmlLimits {
    fn default() -> Self {
        XmlLimits {
            max_bytes: 256 * 1024 * 1024,
            max_depth: 64,
            max_elements: 10_000_000,
        }
    }
}

/// Reads one XML document into messages (one per flight leg pushed).
pub(crate) fn read(input: &[u8], options: &ReadOptions) -> Result<Vec<Message>, ReadError> {
    let doc = tree::parse(input, &options.xml_limits)?;
    map::messages(&doc, options)
}
