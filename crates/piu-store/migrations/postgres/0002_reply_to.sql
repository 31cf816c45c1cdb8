-- Where a sender asked for answers (an AMQP reply_to queue, a NATS subject), so
-- that an acknowledgement message can be sent back later. Null when none was given.
ALTER TABLE journal_reception ADD COLUMN reply_to TEXT;
