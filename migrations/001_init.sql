-- 001: messages, documents, review items, ERP postings (outbox) and the append-only, hash-chained audit log.

CREATE TABLE messages (
  id                text PRIMARY KEY,
  channel           text NOT NULL,
  sha256            text NOT NULL UNIQUE,
  size              integer NOT NULL,
  message_id_header text UNIQUE,
  status            text NOT NULL CHECK (status IN ('received', 'parsed', 'triaged', 'quarantined')),
  quarantine_reason text,
  warnings          jsonb NOT NULL DEFAULT '[]',
  from_addr         text,
  to_addr           text,
  subject           text,
  sent_at           timestamptz,
  received_at       timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX messages_status ON messages (status, received_at);

CREATE TABLE documents (
  id           text PRIMARY KEY,
  message_id   text NOT NULL REFERENCES messages (id),
  idx          integer NOT NULL,
  role         text NOT NULL CHECK (role IN ('body', 'attachment')),
  filename     text,
  content_type text NOT NULL,
  sha256       text,
  size         integer NOT NULL,
  pages        jsonb NOT NULL,
  error        text,
  UNIQUE (message_id, idx)
);

CREATE TABLE review_items (
  id               text PRIMARY KEY,
  message_id       text NOT NULL UNIQUE REFERENCES messages (id),
  status           text NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'posted', 'post_failed')),
  category         text NOT NULL,
  needs_manual     boolean NOT NULL,
  risk_band        text NOT NULL,
  risk_probability double precision NOT NULL,
  version          integer NOT NULL,
  data             jsonb NOT NULL,
  created_at       timestamptz NOT NULL,
  updated_at       timestamptz NOT NULL
);
CREATE INDEX review_items_status ON review_items (status, created_at DESC);
CREATE INDEX review_items_category ON review_items (category, created_at DESC);

-- The outbox: written in the approving transaction, drained by the post worker. One row per approved version.
CREATE TABLE erp_postings (
  idempotency_key text PRIMARY KEY,
  review_item_id  text NOT NULL REFERENCES review_items (id),
  version         integer NOT NULL,
  payload         jsonb NOT NULL,
  payload_hash    text NOT NULL,
  status          text NOT NULL CHECK (status IN ('pending', 'posted', 'failed')),
  attempts        integer NOT NULL DEFAULT 0,
  last_error      text,
  erp_posting_id  text,
  posted_hash     text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  posted_at       timestamptz,
  UNIQUE (review_item_id, version)
);
CREATE INDEX erp_postings_status ON erp_postings (status);

CREATE TABLE audit_events (
  seq         bigserial PRIMARY KEY,
  at          timestamptz NOT NULL DEFAULT now(),
  actor_type  text NOT NULL,
  actor_id    text NOT NULL,
  action      text NOT NULL,
  entity_type text NOT NULL,
  entity_id   text NOT NULL,
  before      jsonb,
  after       jsonb,
  prev_hash   text NOT NULL,
  hash        text NOT NULL UNIQUE
);
CREATE INDEX audit_events_entity ON audit_events (entity_type, entity_id, seq);

CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only';
END $$;
CREATE TRIGGER audit_events_no_change BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
