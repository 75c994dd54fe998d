-- 002: who is working an item (claim with a lease) and when it is due (SLA), so the queue can sort and escalate.
ALTER TABLE review_items ADD COLUMN assignee text;
ALTER TABLE review_items ADD COLUMN lease_expires_at timestamptz;
ALTER TABLE review_items ADD COLUMN priority text NOT NULL DEFAULT 'normal' CHECK (priority IN ('normal', 'high'));
ALTER TABLE review_items ADD COLUMN due_at timestamptz;
ALTER TABLE review_items ADD COLUMN escalated_at timestamptz;
CREATE INDEX review_items_due ON review_items (due_at) WHERE status = 'pending';
