// Storage of each IMAP mailbox's cursor (UIDVALIDITY, last stored UID) and of the lease that lets one process work it.
import type { Queryable } from '../../storage/db.ts';

export interface MailboxCursor {
  uidValidity: string | null;
  lastUid: number;
}

interface Row { uid_validity: string | null; last_uid: string | number }

export async function loadCursor(q: Queryable, key: string): Promise<MailboxCursor> {
  const [row] = await q.query<Row>('SELECT uid_validity, last_uid FROM mailbox_state WHERE mailbox_key = $1', [key]);
  return row ? { uidValidity: row.uid_validity, lastUid: Number(row.last_uid) } : { uidValidity: null, lastUid: 0 };
}

/** Records the cursor; called after a message is stored and marked, so a restart starts after it. */
export async function saveCursor(q: Queryable, key: string, c: MailboxCursor): Promise<void> {
  await q.query(
    `INSERT INTO mailbox_state (mailbox_key, uid_validity, last_uid) VALUES ($1, $2, $3)
     ON CONFLICT (mailbox_key) DO UPDATE SET uid_validity = EXCLUDED.uid_validity, last_uid = EXCLUDED.last_uid, updated_at = now()`,
    [key, c.uidValidity, c.lastUid],
  );
}

/**
 * Takes or renews the mailbox's lease for `ttlMs`; false while another live process holds it. Duplicates would be
 * recognised anyway; the lease keeps two processes from downloading and moving the same messages at once.
 */
export async function takeLease(q: Queryable, key: string, owner: string, ttlMs: number): Promise<boolean> {
  await q.query('INSERT INTO mailbox_state (mailbox_key) VALUES ($1) ON CONFLICT DO NOTHING', [key]);
  const rows = await q.query(
    `UPDATE mailbox_state SET lease_owner = $2, lease_expires_at = now() + make_interval(secs => $3::double precision / 1000)
     WHERE mailbox_key = $1 AND (lease_owner IS NULL OR lease_owner = $2 OR lease_expires_at < now())
     RETURNING mailbox_key`,
    [key, owner, ttlMs],
  );
  return rows.length === 1;
}

export async function releaseLease(q: Queryable, key: string, owner: string): Promise<void> {
  await q.query('UPDATE mailbox_state SET lease_owner = NULL, lease_expires_at = NULL WHERE mailbox_key = $1 AND lease_owner = $2', [key, owner]);
}
