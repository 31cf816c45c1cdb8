-- The state index holds only messages that still wait or failed: a processed
-- message, nearly all of them, leaves it instead of moving within it, so the
-- index stays small and every message writes less of it.
DROP INDEX journal_processing_by_state;
CREATE INDEX journal_processing_waiting ON journal_processing (state, message_id)
    WHERE state <> 'processed';
