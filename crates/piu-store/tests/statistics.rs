//! On PostgreSQL the store analyses the database as records grow, so that
//! the key lookups are planned from statistics even where autovacuum never
//! runs (see `statistics.rs`).

use std::time::{Duration, Instant};

use piu_store::testing::{listed_passenger, run_postgres};
use piu_store::{Channel, FlightFacts, FlightKey, Reception, RecordSource};
use sqlx::{AnyConnection, Connection, Row};
use time::OffsetDateTime;

#[tokio::test]
async fn postgres_statistics_follow_the_travellers_written() {
    run_postgres(|db| async move {
        let store = db.open().await;
        let message = store
            .append(
                b"UNA:+.? 'UNB+UNOA:4+J2+PIU+261121:0930+1'",
                &Reception::new(Channel::Http, "J2", OffsetDateTime::now_utc()),
            )
            .await
            .expect("journaled")
            .id;
        let mut tx = store.records().await.expect("a transaction");
        let key = FlightKey {
            carrier: "J2".to_owned(),
            number: "011".to_owned(),
            departure_date: "2026-11-22".to_owned(),
            origin: "GYD".to_owned(),
        };
        let flight = tx
            .flight(&key, &FlightFacts::default())
            .await
            .expect("a flight");
        for n in 0..1_000 {
            let key = format!("T{n:04}");
            tx.put_traveller(&listed_passenger(
                flight,
                RecordSource::Api,
                key.as_bytes(),
                message,
                "{}",
            ))
            .await
            .expect("a traveller");
        }
        tx.commit().await.expect("committed");

        // A table never analysed counts -1 rows in `pg_class`.
        let mut probe = AnyConnection::connect(&db.url).await.expect("a probe");
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let row = sqlx::query(
                "SELECT CAST(reltuples AS BIGINT) FROM pg_class WHERE relname = 'traveller'",
            )
            .fetch_one(&mut probe)
            .await
            .expect("the table's statistics");
            let rows: i64 = row.try_get(0).expect("a count");
            if rows == 1_000 {
                break;
            }
            assert!(
                Instant::now() < deadline,
                "the traveller table's statistics count {rows} rows after 1,000 were written"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    })
    .await;
}
