-- 003: where each IMAP mailbox's ingestion stands (UIDVALIDITY and the last UID durably stored), and which process
-- holds it: a restart resumes after the last stored message, and two processes never work one mailbox at once.
CREATE TABLE mailbox_state (
  mailbox_key      text PRIMARY KEY,            -- imap://user@host:port/mailbox
  uid_validity     text,                        -- the mailbox's UIDVALIDITY (a 32-bit unsigned number, as text)
  last_uid         bigint NOT NULL DEFAULT 0,   -- every UID up to this one is stored (and marked when marking is on)
  lease_owner      text,
  lease_expires_at timestamptz,
  updated_at       timestamptz NOT NULL DEFAULT now()
);
