//! The review of hits by people, and what follows from it: assignment, notes
//! and dispositions of a hit; cases grouping hits, travellers and bookings;
//! referrals to competent authorities, asked for by one person and approved
//! or refused by another.
//!
//! Every change here is written together with its audit event, in one
//! transaction: a review that is not in the chain did not happen, and an
//! event for a change that was rolled back is never left behind. The four
//! eyes of a referral are kept by the table too: `decided_by` can never be
//! `requested_by`, and only a referral still `requested` can be decided.

use sqlx::Row;
use sqlx::any::AnyRow;
use time::OffsetDateTime;

use crate::accounts::UserId;
use crate::audit::{AuditEvent, append_audit_in};
use crate::error::StoreError;
use crate::journal::{from_micros, micros};
use crate::records::HitId;
use crate::store::Store;
use crate::views::MAX_PAGE;

/// What a person decided about a hit. `NotRelevant` also suppresses the hit
/// for that traveller and entry until the traveller's data change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Disposition {
    /// Back in the queue, undecided.
    Open,
    NeedsInformation,
    /// A true match: may be referred to a competent authority.
    Relevant,
    NotRelevant,
}

impl Disposition {
    pub const ALL: [Disposition; 4] = [
        Disposition::Open,
        Disposition::NeedsInformation,
        Disposition::Relevant,
        Disposition::NotRelevant,
    ];

    /// The name stored in `hit.state` and shown in the API.
    pub fn as_str(self) -> &'static str {
        match self {
            Disposition::Open => "open",
            Disposition::NeedsInformation => "needs_information",
            Disposition::Relevant => "relevant",
            Disposition::NotRelevant => crate::records::HIT_NOT_RELEVANT,
        }
    }

    pub fn parse(text: &str) -> Option<Disposition> {
        Disposition::ALL
            .into_iter()
            .find(|disposition| disposition.as_str() == text)
    }
}

/// A note on a hit, or a disposition with the note that came with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HitNote {
    pub id: i64,
    pub hit: HitId,
    pub author: UserId,
    pub author_name: String,
    pub written_at: OffsetDateTime,
    pub disposition: Option<Disposition>,
    pub text: String,
}

/// A case as a list shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseRecord {
    pub id: i64,
    pub title: String,
    /// The purpose name of the access layer (`terrorism_serious_crime`, …).
    pub purpose: String,
    pub state: String,
    pub created_by: UserId,
    pub creator_name: String,
    pub created_at: OffsetDateTime,
    pub items: u64,
}

/// What a case groups.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CaseItemKind {
    Hit,
    Traveller,
    Booking,
}

impl CaseItemKind {
    pub const ALL: [CaseItemKind; 3] = [
        CaseItemKind::Hit,
        CaseItemKind::Traveller,
        CaseItemKind::Booking,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CaseItemKind::Hit => "hit",
            CaseItemKind::Traveller => "traveller",
            CaseItemKind::Booking => "booking",
        }
    }

    pub fn parse(text: &str) -> Option<CaseItemKind> {
        CaseItemKind::ALL
            .into_iter()
            .find(|kind| kind.as_str() == text)
    }
}

/// One thing a case groups.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseItem {
    pub kind: CaseItemKind,
    pub object_id: i64,
    pub added_by: UserId,
    pub added_at: OffsetDateTime,
}

/// A new case.
#[derive(Debug, Clone)]
pub struct NewCase<'a> {
    pub title: &'a str,
    pub purpose: &'a str,
    pub created_by: UserId,
    pub at: OffsetDateTime,
}

/// A referral as asked for.
#[derive(Debug, Clone)]
pub struct NewReferral<'a> {
    /// The agency name of the access layer (`police`, …).
    pub agency: &'a str,
    pub purpose: &'a str,
    pub reason: &'a str,
    pub case: Option<i64>,
    /// The hits it refers; each must be reviewed `relevant`.
    pub hits: &'a [HitId],
    pub requested_by: UserId,
    pub at: OffsetDateTime,
    /// JSON: what is shared.
    pub content: &'a str,
}

/// Where a referral stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReferralState {
    Requested,
    Approved,
    Refused,
}

impl ReferralState {
    pub const ALL: [ReferralState; 3] = [
        ReferralState::Requested,
        ReferralState::Approved,
        ReferralState::Refused,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ReferralState::Requested => "requested",
            ReferralState::Approved => "approved",
            ReferralState::Refused => "refused",
        }
    }

    pub fn parse(text: &str) -> Option<ReferralState> {
        ReferralState::ALL
            .into_iter()
            .find(|state| state.as_str() == text)
    }
}

/// A stored referral.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReferralRecord {
    pub id: i64,
    pub agency: String,
    pub purpose: String,
    pub reason: String,
    pub case: Option<i64>,
    pub state: ReferralState,
    pub requested_by: UserId,
    pub requester_name: String,
    pub requested_at: OffsetDateTime,
    pub decided_by: Option<UserId>,
    pub decider_name: Option<String>,
    pub decided_at: Option<OffsetDateTime>,
    pub decision_note: Option<String>,
    pub content: String,
    pub hits: Vec<HitId>,
}

/// Which referrals a list shows; `None` matches all.
#[derive(Debug, Clone, Copy, Default)]
pub struct ReferralFilter<'a> {
    pub agency: Option<&'a str>,
    pub purpose: Option<&'a str>,
    pub state: Option<ReferralState>,
}

/// How asking for a referral ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReferralRequest {
    Requested(i64),
    /// This hit is not reviewed `relevant` (or does not exist): nothing is
    /// referred that a person has not found relevant.
    HitNotRelevant(HitId),
    /// The case named does not exist.
    NoSuchCase(i64),
}

/// How deciding a referral ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReferralDecision {
    Decided,
    /// Already approved or refused.
    NotPending,
    /// The approver is the one who asked for it.
    OwnRequest,
    NoSuchReferral,
}

/// What waits for people, counted for a dashboard: no one is named in it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReviewCounts {
    /// Hits of the purpose not yet decided.
    pub open_hits: u64,
    pub needs_information: u64,
    /// Undecided hits held by the user asking.
    pub my_hits: u64,
    /// Referrals waiting for a supervisor's decision.
    pub referrals_requested: u64,
    pub referrals_approved: u64,
}

impl Store {
    /// Counts for a dashboard: hits of `hit_purpose` (the model's purpose
    /// name) by state and those `user` holds; referrals of `referral_purpose`
    /// (the access layer's name), to `agency` only if given.
    pub async fn review_counts(
        &self,
        hit_purpose: &str,
        user: UserId,
        referral_purpose: &str,
        agency: Option<&str>,
    ) -> Result<ReviewCounts, StoreError> {
        let row = sqlx::query(
            "SELECT \
             (SELECT COUNT(*) FROM hit WHERE purpose = $1 AND state = 'open'), \
             (SELECT COUNT(*) FROM hit WHERE purpose = $1 AND state = 'needs_information'), \
             (SELECT COUNT(*) FROM hit WHERE purpose = $1 AND assigned_to = $2 \
              AND state IN ('open', 'needs_information')), \
             (SELECT COUNT(*) FROM referral WHERE purpose = $3 AND state = 'requested' \
              AND ($4 IS NULL OR agency = $4)), \
             (SELECT COUNT(*) FROM referral WHERE purpose = $3 AND state = 'approved' \
              AND ($4 IS NULL OR agency = $4))",
        )
        .bind(hit_purpose)
        .bind(user.0)
        .bind(referral_purpose)
        .bind(agency)
        .fetch_one(&self.pool)
        .await?;
        let count = |index: usize| -> Result<u64, StoreError> {
            let value: i64 = row.try_get(index)?;
            Ok(u64::try_from(value).unwrap_or(0))
        };
        Ok(ReviewCounts {
            open_hits: count(0)?,
            needs_information: count(1)?,
            my_hits: count(2)?,
            referrals_requested: count(3)?,
            referrals_approved: count(4)?,
        })
    }

    /// Notes and dispositions of a hit, oldest first.
    pub async fn hit_notes(&self, hit: HitId) -> Result<Vec<HitNote>, StoreError> {
        let rows = sqlx::query(
            "SELECT n.id, n.hit_id, n.author_id, u.username, n.written_at, n.disposition, n.text \
             FROM hit_note n JOIN account_user u ON u.id = n.author_id \
             WHERE n.hit_id = $1 ORDER BY n.id",
        )
        .bind(hit.0)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                let disposition: Option<String> = row.try_get(5)?;
                Ok(HitNote {
                    id: row.try_get(0)?,
                    hit: HitId(row.try_get(1)?),
                    author: UserId(row.try_get(2)?),
                    author_name: row.try_get(3)?,
                    written_at: from_micros(row.try_get(4)?)?,
                    disposition: disposition
                        .map(|name| {
                            Disposition::parse(&name)
                                .ok_or_else(|| StoreError::Corrupt(format!("disposition {name:?}")))
                        })
                        .transpose()?,
                    text: row.try_get(6)?,
                })
            })
            .collect()
    }

    /// Gives the hit to `assignee` (or to no one). False if there is no such
    /// hit; nothing is written then.
    pub async fn assign_hit(
        &self,
        hit: HitId,
        assignee: Option<UserId>,
        at: OffsetDateTime,
        audit: &AuditEvent,
    ) -> Result<bool, StoreError> {
        let (_turn, mut tx) = self.begin_write().await?;
        let updated =
            sqlx::query("UPDATE hit SET assigned_to = $1, assigned_at = $2 WHERE id = $3")
                .bind(assignee.map(|user| user.0))
                .bind(assignee.map(|_| micros(at)))
                .bind(hit.0)
                .execute(&mut *tx)
                .await?
                .rows_affected();
        if updated == 0 {
            return Ok(false);
        }
        append_audit_in(&mut tx, self.backend(), audit).await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Adds a note to a hit and, with a disposition, sets the hit's state.
    /// False if there is no such hit; nothing is written then.
    pub async fn note_hit(
        &self,
        hit: HitId,
        author: UserId,
        text: &str,
        disposition: Option<Disposition>,
        at: OffsetDateTime,
        audit: &AuditEvent,
    ) -> Result<bool, StoreError> {
        let (_turn, mut tx) = self.begin_write().await?;
        let exists = sqlx::query("SELECT 1 FROM hit WHERE id = $1")
            .bind(hit.0)
            .fetch_optional(&mut *tx)
            .await?
            .is_some();
        if !exists {
            return Ok(false);
        }
        if let Some(disposition) = disposition {
            sqlx::query("UPDATE hit SET state = $1 WHERE id = $2")
                .bind(disposition.as_str())
                .bind(hit.0)
                .execute(&mut *tx)
                .await?;
        }
        sqlx::query(
            "INSERT INTO hit_note (hit_id, author_id, written_at, disposition, text) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(hit.0)
        .bind(author.0)
        .bind(micros(at))
        .bind(disposition.map(Disposition::as_str))
        .bind(text)
        .execute(&mut *tx)
        .await?;
        append_audit_in(&mut tx, self.backend(), audit).await?;
        tx.commit().await?;
        Ok(true)
    }

    /// The referrals a hit is part of, by id.
    pub async fn referrals_of_hit(&self, hit: HitId) -> Result<Vec<i64>, StoreError> {
        let rows = sqlx::query(
            "SELECT referral_id FROM referral_hit WHERE hit_id = $1 ORDER BY referral_id",
        )
        .bind(hit.0)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| row.try_get(0).map_err(StoreError::from))
            .collect()
    }

    /// Whether the traveller or booking a case would group exists.
    pub async fn case_member_exists(
        &self,
        kind: CaseItemKind,
        id: i64,
    ) -> Result<bool, StoreError> {
        let sql = match kind {
            CaseItemKind::Hit => "SELECT 1 FROM hit WHERE id = $1",
            CaseItemKind::Traveller => "SELECT 1 FROM traveller WHERE id = $1",
            CaseItemKind::Booking => "SELECT 1 FROM booking WHERE id = $1",
        };
        Ok(sqlx::query(sql)
            .bind(id)
            .fetch_optional(&self.pool)
            .await?
            .is_some())
    }

    /// Opens a case; `audit` makes the event once the case's id is known.
    pub async fn create_case(
        &self,
        case: &NewCase<'_>,
        audit: impl FnOnce(i64) -> Result<AuditEvent, StoreError>,
    ) -> Result<i64, StoreError> {
        let (_turn, mut tx) = self.begin_write().await?;
        let row = sqlx::query(
            "INSERT INTO review_case (title, purpose, created_by, created_at) \
             VALUES ($1, $2, $3, $4) RETURNING id",
        )
        .bind(case.title)
        .bind(case.purpose)
        .bind(case.created_by.0)
        .bind(micros(case.at))
        .fetch_one(&mut *tx)
        .await?;
        let id: i64 = row.try_get(0)?;
        append_audit_in(&mut tx, self.backend(), &audit(id)?).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Cases of a purpose, newest first.
    pub async fn case_page(
        &self,
        purpose: &str,
        after: Option<i64>,
        limit: u32,
    ) -> Result<Vec<CaseRecord>, StoreError> {
        let rows = sqlx::query(concat!(
            select_cases!(),
            " WHERE c.purpose = $1 AND ($2 IS NULL OR c.id < $2) ORDER BY c.id DESC LIMIT $3"
        ))
        .bind(purpose)
        .bind(after)
        .bind(i64::from(limit.min(MAX_PAGE)))
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(case_record).collect()
    }

    pub async fn case(&self, id: i64) -> Result<Option<CaseRecord>, StoreError> {
        let row = sqlx::query(concat!(select_cases!(), " WHERE c.id = $1"))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(case_record).transpose()
    }

    /// What a case groups, in the order it was added.
    pub async fn case_items(&self, case: i64) -> Result<Vec<CaseItem>, StoreError> {
        let rows = sqlx::query(
            "SELECT kind, object_id, added_by, added_at FROM case_item \
             WHERE case_id = $1 ORDER BY added_at, kind, object_id",
        )
        .bind(case)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                let kind: String = row.try_get(0)?;
                Ok(CaseItem {
                    kind: CaseItemKind::parse(&kind)
                        .ok_or_else(|| StoreError::Corrupt(format!("case item kind {kind:?}")))?,
                    object_id: row.try_get(1)?,
                    added_by: UserId(row.try_get(2)?),
                    added_at: from_micros(row.try_get(3)?)?,
                })
            })
            .collect()
    }

    /// Adds a hit, traveller or booking to a case. False if it was there
    /// already (nothing is written then).
    pub async fn add_case_item(
        &self,
        case: i64,
        kind: CaseItemKind,
        object_id: i64,
        by: UserId,
        at: OffsetDateTime,
        audit: &AuditEvent,
    ) -> Result<bool, StoreError> {
        let (_turn, mut tx) = self.begin_write().await?;
        let added = sqlx::query(
            "INSERT INTO case_item (case_id, kind, object_id, added_by, added_at) \
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
        )
        .bind(case)
        .bind(kind.as_str())
        .bind(object_id)
        .bind(by.0)
        .bind(micros(at))
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if added == 0 {
            return Ok(false);
        }
        append_audit_in(&mut tx, self.backend(), audit).await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Asks for a referral. Every hit must be reviewed `relevant` when the
    /// request is written, checked in the same transaction.
    pub async fn request_referral(
        &self,
        referral: &NewReferral<'_>,
        audit: impl FnOnce(i64) -> Result<AuditEvent, StoreError>,
    ) -> Result<ReferralRequest, StoreError> {
        let (_turn, mut tx) = self.begin_write().await?;
        for hit in referral.hits {
            let state: Option<String> = sqlx::query("SELECT state FROM hit WHERE id = $1")
                .bind(hit.0)
                .fetch_optional(&mut *tx)
                .await?
                .map(|row| row.try_get(0))
                .transpose()?;
            if state.as_deref() != Some(Disposition::Relevant.as_str()) {
                return Ok(ReferralRequest::HitNotRelevant(*hit));
            }
        }
        if let Some(case) = referral.case {
            let exists = sqlx::query("SELECT 1 FROM review_case WHERE id = $1")
                .bind(case)
                .fetch_optional(&mut *tx)
                .await?
                .is_some();
            if !exists {
                return Ok(ReferralRequest::NoSuchCase(case));
            }
        }
        let row = sqlx::query(
            "INSERT INTO referral (agency, purpose, reason, case_id, requested_by, \
             requested_at, content) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(referral.agency)
        .bind(referral.purpose)
        .bind(referral.reason)
        .bind(referral.case)
        .bind(referral.requested_by.0)
        .bind(micros(referral.at))
        .bind(referral.content)
        .fetch_one(&mut *tx)
        .await?;
        let id: i64 = row.try_get(0)?;
        for hit in referral.hits {
            sqlx::query(
                "INSERT INTO referral_hit (referral_id, hit_id) VALUES ($1, $2) \
                 ON CONFLICT DO NOTHING",
            )
            .bind(id)
            .bind(hit.0)
            .execute(&mut *tx)
            .await?;
        }
        append_audit_in(&mut tx, self.backend(), &audit(id)?).await?;
        tx.commit().await?;
        Ok(ReferralRequest::Requested(id))
    }

    pub async fn referral(&self, id: i64) -> Result<Option<ReferralRecord>, StoreError> {
        let row = sqlx::query(concat!(select_referrals!(), " WHERE r.id = $1"))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        let Some(row) = row else {
            return Ok(None);
        };
        let mut referral = referral_record(&row)?;
        referral.hits =
            sqlx::query("SELECT hit_id FROM referral_hit WHERE referral_id = $1 ORDER BY hit_id")
                .bind(id)
                .fetch_all(&self.pool)
                .await?
                .iter()
                .map(|row| row.try_get(0).map(HitId))
                .collect::<Result<_, _>>()?;
        Ok(Some(referral))
    }

    /// Referrals, newest first, without their hits (see [`Store::referral`]).
    pub async fn referral_page(
        &self,
        filter: &ReferralFilter<'_>,
        after: Option<i64>,
        limit: u32,
    ) -> Result<Vec<ReferralRecord>, StoreError> {
        let rows = sqlx::query(concat!(
            select_referrals!(),
            " WHERE ($1 IS NULL OR r.agency = $1) AND ($2 IS NULL OR r.purpose = $2) \
             AND ($3 IS NULL OR r.state = $3) AND ($4 IS NULL OR r.id < $4) \
             ORDER BY r.id DESC LIMIT $5"
        ))
        .bind(filter.agency)
        .bind(filter.purpose)
        .bind(filter.state.map(ReferralState::as_str))
        .bind(after)
        .bind(i64::from(limit.min(MAX_PAGE)))
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(referral_record).collect()
    }

    /// Approves or refuses a referral still requested, by someone other than
    /// who asked for it, with `events` (the approval and, when approved, the
    /// disclosure) appended in the same transaction.
    pub async fn decide_referral(
        &self,
        id: i64,
        approver: UserId,
        approve: bool,
        note: &str,
        at: OffsetDateTime,
        events: &[AuditEvent],
    ) -> Result<ReferralDecision, StoreError> {
        let (_turn, mut tx) = self.begin_write().await?;
        let row = sqlx::query("SELECT state, requested_by FROM referral WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
        let Some(row) = row else {
            return Ok(ReferralDecision::NoSuchReferral);
        };
        let state: String = row.try_get(0)?;
        let requested_by: i64 = row.try_get(1)?;
        if state != ReferralState::Requested.as_str() {
            return Ok(ReferralDecision::NotPending);
        }
        if requested_by == approver.0 {
            return Ok(ReferralDecision::OwnRequest);
        }
        let decided = if approve {
            ReferralState::Approved
        } else {
            ReferralState::Refused
        };
        sqlx::query(
            "UPDATE referral SET state = $1, decided_by = $2, decided_at = $3, \
             decision_note = $4 WHERE id = $5 AND state = 'requested'",
        )
        .bind(decided.as_str())
        .bind(approver.0)
        .bind(micros(at))
        .bind(note)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        for event in events {
            append_audit_in(&mut tx, self.backend(), event).await?;
        }
        tx.commit().await?;
        Ok(ReferralDecision::Decided)
    }
}

macro_rules! select_cases {
    () => {
        "SELECT c.id, c.title, c.purpose, c.state, c.created_by, u.username, c.created_at, \
         (SELECT COUNT(*) FROM case_item i WHERE i.case_id = c.id) \
         FROM review_case c JOIN account_user u ON u.id = c.created_by"
    };
}
use select_cases;

fn case_record(row: &AnyRow) -> Result<CaseRecord, StoreError> {
    let items: i64 = row.try_get(7)?;
    Ok(CaseRecord {
        id: row.try_get(0)?,
        title: row.try_get(1)?,
        purpose: row.try_get(2)?,
        state: row.try_get(3)?,
        created_by: UserId(row.try_get(4)?),
        creator_name: row.try_get(5)?,
        created_at: from_micros(row.try_get(6)?)?,
        items: u64::try_from(items).unwrap_or(0),
    })
}

macro_rules! select_referrals {
    () => {
        "SELECT r.id, r.agency, r.purpose, r.reason, r.case_id, r.state, r.requested_by, \
         q.username, r.requested_at, r.decided_by, d.username, r.decided_at, \
         r.decision_note, r.content \
         FROM referral r JOIN account_user q ON q.id = r.requested_by \
         LEFT JOIN account_user d ON d.id = r.decided_by"
    };
}
use select_referrals;

fn referral_record(row: &AnyRow) -> Result<ReferralRecord, StoreError> {
    let state: String = row.try_get(5)?;
    Ok(ReferralRecord {
        id: row.try_get(0)?,
        agency: row.try_get(1)?,
        purpose: row.try_get(2)?,
        reason: row.try_get(3)?,
        case: row.try_get(4)?,
        state: ReferralState::parse(&state)
            .ok_or_else(|| StoreError::Corrupt(format!("referral state {state:?}")))?,
        requested_by: UserId(row.try_get(6)?),
        requester_name: row.try_get(7)?,
        requested_at: from_micros(row.try_get(8)?)?,
        decided_by: row.try_get::<Option<i64>, _>(9)?.map(UserId),
        decider_name: row.try_get(10)?,
        decided_at: row
            .try_get::<Option<i64>, _>(11)?
            .map(from_micros)
            .transpose()?,
        decision_note: row.try_get(12)?,
        content: row.try_get(13)?,
        hits: Vec::new(),
    })
}
