-- 005: the audit chain's head in one round trip: take the writers' lock, then read the newest event's hash. It is a
-- function because in READ COMMITTED a statement sees what was committed when it began: a read in the same statement
-- as the lock could miss the event the previous lock holder committed while this one waited. A VOLATILE function
-- takes a fresh snapshot for each statement inside, so its read runs after the lock is held.
CREATE FUNCTION audit_chain_head() RETURNS text LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(7283002);
  RETURN (SELECT hash FROM audit_events ORDER BY seq DESC LIMIT 1);
END $$;
