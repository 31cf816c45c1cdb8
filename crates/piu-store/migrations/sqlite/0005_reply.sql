-- Acknowledgements owed to senders that named a reply address (an AMQP
-- reply_to queue, a NATS subject): one row per such reception, written in the
-- transaction that journals it. A row is settled once the broker took the
-- acknowledgement, or when there was none to send (XML, no envelope) or no way
-- to send it; an unsettled one is tried again. So a restart or a reprocessing
-- does not send again what was sent, and a failed publish is retried.
CREATE TABLE journal_reply (
    reception_id BIGINT PRIMARY KEY REFERENCES journal_reception (id),
    -- ACKRES or CONTRL once sent; null while owed, or when none was due.
    kind TEXT,
    settled_at BIGINT,
    attempts BIGINT NOT NULL DEFAULT 0,
    last_attempt_at BIGINT,
    last_error TEXT
);
CREATE INDEX journal_reply_owed ON journal_reply (reception_id) WHERE settled_at IS NULL;

-- Receptions journaled before this table and not processed yet are owed their
-- acknowledgement too; older ones were answered by no one, and a late answer
-- to them would only puzzle their senders.
INSERT INTO journal_reply (reception_id)
    SELECT r.id FROM journal_reception r
    JOIN journal_processing p ON p.message_id = r.message_id
    WHERE r.reply_to IS NOT NULL AND p.state = 'received';
