-- 004: audit events carry the correlation id of the message they belong to (its id), so one query finds every
-- event of one message's journey, items and postings included. Older events have none.
ALTER TABLE audit_events ADD COLUMN correlation_id text;
CREATE INDEX audit_events_correlation ON audit_events (correlation_id, seq) WHERE correlation_id IS NOT NULL;
