// IMAP ingestion against a real dovecot on loopback, fed by a real IMAP client (APPEND): exactly-once storage across
// crashes and restarts, marking only after storing, IDLE pick-up, reconnects, UIDVALIDITY changes, several mailboxes.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptMessage } from '../src/intake/accept-message.ts';
import type { AcceptFn } from '../src/intake/channels/channel.ts';
import { intakeChannels } from '../src/intake/channels/channel.ts';
import { mailboxConfigSchema, mailboxKey, type MailboxConfig } from '../src/intake/channels/imap-config.ts';
import { ImapIngester } from '../src/intake/channels/imap-ingester.ts';
import { loadCursor } from '../src/intake/channels/mailbox-state.ts';
import { startIntakeChannels } from '../src/intake/channels/start-channels.ts';
import { BlobStore } from '../src/storage/blob-store.ts';
import type { Db } from '../src/storage/db.ts';
import { logger } from '../src/shared/logger.ts';
import { openTestDb, tempDir } from './support/backends.ts';
import { DOVECOT_PASSWORD, dovecotMissing, startDovecot, startTcpProxy, type Dovecot } from './support/dovecot.ts';
import { buildEml } from './support/mail.ts';
import { eventually } from './support/stack.ts';

const missing = dovecotMissing();
if (missing) console.warn(`skipping the IMAP tests: ${missing}`);

describe.skipIf(missing !== null)('IMAP ingestion against dovecot', () => {
  let dovecot: Dovecot;
  let db: Db;
  let blobs: BlobStore;
  const maxMessageBytes = 64 * 1024;
  const accept: AcceptFn = (raw, channel, actor) => acceptMessage(raw, channel, actor, { db, blobs, enqueueParse: async () => {}, maxMessageBytes });

  beforeAll(async () => {
    [dovecot, db] = await Promise.all([startDovecot(), openTestDb('pglite')]);
    blobs = new BlobStore(await tempDir('cd-imap-blobs-'));
  });
  afterAll(async () => {
    await dovecot?.stop();
    await db?.close();
  });

  /** A plain IMAP client for the test's side: it delivers mail (APPEND) and looks at folders. */
  async function client(user: string): Promise<ImapFlow> {
    const c = new ImapFlow({ host: dovecot.host, port: dovecot.port, secure: false, doSTARTTLS: false, auth: { user, pass: DOVECOT_PASSWORD }, logger: false });
    await c.connect();
    return c;
  }
  async function deliver(user: string, messages: Buffer[], folder = 'INBOX'): Promise<void> {
    const c = await client(user);
    try {
      for (const m of messages) await c.append(folder, m);
    } finally {
      await c.logout();
    }
  }
  async function count(user: string, folder: string): Promise<number> {
    const c = await client(user);
    try {
      const status = await c.status(folder, { messages: true });
      return status ? (status.messages ?? 0) : 0;
    } catch {
      return 0; // the folder does not exist (yet)
    } finally {
      await c.logout();
    }
  }
  const mails = (tag: string, n: number, size = 0) =>
    Promise.all(Array.from({ length: n }, (_, i) => buildEml({ subject: `${tag} ${i + 1}`, text: `Please change line ${i + 1} to 40 units.${'x'.repeat(size)}`, messageId: `<${tag}-${i + 1}@acme-mfg.com>` })));
  const config = (user: string, over: Partial<MailboxConfig> = {}): MailboxConfig =>
    mailboxConfigSchema.parse({ id: user, host: dovecot.host, port: dovecot.port, security: 'none', user, password: DOVECOT_PASSWORD, pollSeconds: 30, ...over });
  const ingester = (cfg: MailboxConfig, acceptFn: AcceptFn = accept) =>
    new ImapIngester(cfg, { db, accept: acceptFn, logger, maxMessageBytes, backoff: { initialMs: 100, maxMs: 500 }, owner: `test-${cfg.id}` });
  const storedWith = async (tag: string) =>
    (await db.query<{ message_id_header: string; channel: string }>(`SELECT message_id_header, channel FROM messages WHERE message_id_header LIKE $1`, [`<${tag}-%`]));
  const receivedEvents = async (tag: string) =>
    Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM audit_events a JOIN messages m ON m.id = a.entity_id WHERE a.action = 'message.received' AND m.message_id_header LIKE $1`, [`<${tag}-%`]))[0]!.n);

  it('stores every message once, moves it to Processed only after storing, and picks up new mail through IDLE', async () => {
    const user = `idle-${randomUUID().slice(0, 6)}`;
    await deliver(user, await mails('idle', 3));
    const ing = ingester(config(user)).start();
    try {
      await eventually(async () => (await count(user, 'Processed')) === 3, 'three messages moved');
      expect(await count(user, 'INBOX')).toBe(0);
      expect((await storedWith('idle')).map((m) => m.channel)).toEqual(['imap', 'imap', 'imap']);
      // The poll is 30 s away: a new message arriving now is seen through IDLE.
      await eventually(async () => ing.status().state === 'idle', 'the ingester to idle');
      const t = Date.now();
      await deliver(user, await mails('idle-late', 1));
      await eventually(async () => (await count(user, 'Processed')) === 4, 'the late message moved', 10_000);
      expect(Date.now() - t).toBeLessThan(10_000);
      const s = ing.status();
      expect(s).toMatchObject({ kind: 'imap', alert: null, counts: { accepted: 4, duplicates: 0, rejected: 0 } });
      expect(await loadCursor(db, mailboxKey(config(user)))).toMatchObject({ lastUid: 4 });
    } finally {
      await ing.stop();
    }
    expect(ing.status().state).toBe('stopped');
  });

  it('resumes exactly after a crash between storing and marking, and after a stop mid-batch: nothing lost, nothing twice', async () => {
    const user = `crash-${randomUUID().slice(0, 6)}`;
    await deliver(user, await mails('crash', 30));
    const cfg = config(user);

    // First life: dies right after the 10th message is stored, before it is moved (the connection is cut).
    let stored = 0;
    let first: ImapIngester;
    let crashed: Promise<void> | null = null;
    const crashing: AcceptFn = async (raw, ch, actor) => {
      const r = await accept(raw, ch, actor);
      if (++stored === 10) {
        // The process dies here: it stops at once, and this message is never moved.
        crashed = first.stop();
        throw new Error('simulated crash after storing');
      }
      return r;
    };
    first = ingester(cfg, crashing).start();
    await eventually(async () => crashed !== null, 'the simulated crash');
    await crashed;
    expect(await count(user, 'Processed')).toBe(9);
    expect((await storedWith('crash')).length).toBe(10);

    // Second life: asked to stop while the 20th message is being stored; that message is finished first.
    let second: ImapIngester;
    let stopping: Promise<void> | null = null;
    const stopAt20: AcceptFn = async (raw, ch, actor) => {
      const r = await accept(raw, ch, actor);
      if ((await storedWith('crash')).length === 20 && !stopping) stopping = second.stop();
      return r;
    };
    second = ingester(cfg, stopAt20).start();
    await eventually(async () => stopping !== null, 'the stop mid-batch');
    await stopping;
    expect(second.status().counts.duplicates).toBe(1); // the 10th, stored before the crash, is recognised
    expect(await count(user, 'Processed')).toBe(20);
    expect(await count(user, 'INBOX')).toBe(10);

    // Third life finishes the batch.
    const third = ingester(cfg).start();
    try {
      await eventually(async () => (await count(user, 'Processed')) === 30, 'all 30 moved');
    } finally {
      await third.stop();
    }
    expect(third.status().counts).toMatchObject({ accepted: 10, duplicates: 0 });
    const rows = await storedWith('crash');
    expect(new Set(rows.map((r) => r.message_id_header)).size).toBe(30);
    expect(rows.length).toBe(30);
    expect(await receivedEvents('crash')).toBe(30);
    expect(await count(user, 'INBOX')).toBe(0);
  });

  it('reconnects with backoff when the connection drops, and says so in its status meanwhile', async () => {
    const user = `drop-${randomUUID().slice(0, 6)}`;
    const proxy = await startTcpProxy(dovecot.port);
    const ing = ingester(config(user, { port: proxy.port })).start();
    try {
      await deliver(user, await mails('drop', 2));
      await eventually(async () => (await count(user, 'Processed')) === 2, 'the first two moved');
      proxy.pause();
      proxy.dropAll();
      await eventually(async () => ing.status().state === 'reconnecting', 'the ingester to notice the drop');
      expect(ing.status().lastError).toBeTruthy();
      expect(ing.status().alert).toMatch(/failing/);
      await deliver(user, await mails('drop-later', 2)); // arrives while the ingester is cut off
      proxy.resume();
      await eventually(async () => (await count(user, 'Processed')) === 4, 'the later two moved after the reconnect', 15_000);
      await eventually(async () => ing.status().alert === null, 'the alert to clear');
      expect(ing.status().counts).toMatchObject({ accepted: 4, duplicates: 0 });
    } finally {
      await ing.stop();
      await proxy.close();
    }
  });

  it('flags instead of moving, and after a UIDVALIDITY change reads the folder again without storing anything twice', async () => {
    const user = `flag-${randomUUID().slice(0, 6)}`;
    const cfg = config(user, { mailbox: 'Orders', onProcessed: 'flag' });
    const c = await client(user);
    await c.mailboxCreate('Orders');
    const batch = await mails('flag', 2);
    for (const m of batch) await c.append('Orders', m);
    const first = ingester(cfg).start();
    await eventually(async () => first.status().counts.accepted === 2, 'two stored');
    await first.stop();
    const flagged = await c.getMailboxLock('Orders').then(async (lock) => {
      try {
        return (await c.fetchAll('1:*', { flags: true })).map((m) => m.flags?.has('$Changedesk'));
      } finally {
        lock.release();
      }
    });
    expect(flagged).toEqual([true, true]);
    const before = await loadCursor(db, mailboxKey(cfg));

    // The folder is recreated (a restore, a migration): new UIDVALIDITY, the same two messages and one new one.
    await c.mailboxDelete('Orders');
    await c.mailboxCreate('Orders');
    for (const m of [...batch, ...(await mails('flag-new', 1))]) await c.append('Orders', m);
    await c.logout();
    const second = ingester(cfg).start();
    try {
      await eventually(async () => second.status().counts.accepted + second.status().counts.duplicates === 3, 'the folder read again');
    } finally {
      await second.stop();
    }
    expect(second.status().counts).toMatchObject({ accepted: 1, duplicates: 2 });
    const after = await loadCursor(db, mailboxKey(cfg));
    expect(after.uidValidity).not.toBe(before.uidValidity);
    expect(after.lastUid).toBe(3);
    expect((await storedWith('flag')).length).toBe(3);
  });

  it('refuses a message over the size limit without downloading it, moves it aside, and carries on', async () => {
    const user = `big-${randomUUID().slice(0, 6)}`;
    await deliver(user, [...(await mails('big', 1, maxMessageBytes)), ...(await mails('small', 1))]);
    const ing = ingester(config(user, { rejectedFolder: 'Rejected' })).start();
    try {
      await eventually(async () => (await count(user, 'Processed')) === 1 && (await count(user, 'Rejected')) === 1, 'one stored, one refused');
      expect(ing.status().counts).toMatchObject({ accepted: 1, rejected: 1 });
      expect(String(ing.status().detail.lastRejection)).toMatch(/limit is 65536/);
      expect(await storedWith('big')).toEqual([]);
    } finally {
      await ing.stop();
    }
  });

  it('runs several mailboxes from the mailboxes file and reports each in the channel list', async () => {
    const users = [`multi-a-${randomUUID().slice(0, 6)}`, `multi-b-${randomUUID().slice(0, 6)}`];
    const file = path.join(await tempDir('cd-mailboxes-'), 'mailboxes.json');
    await fs.writeFile(file, JSON.stringify({ mailboxes: users.map((u) => ({ id: u, host: dovecot.host, port: dovecot.port, security: 'none', user: u, password: DOVECOT_PASSWORD, pollSeconds: 2 })) }));
    await deliver(users[0]!, await mails('multi-a', 2));
    await deliver(users[1]!, await mails('multi-b', 3));
    const running = await startIntakeChannels(
      { mode: 'test', maxMessageBytes, intake: { imapMailboxesFile: file, smtp: null, folder: null } },
      { db, blobs, logger, enqueueParse: async () => {} },
    );
    try {
      await eventually(async () => (await count(users[0]!, 'Processed')) === 2 && (await count(users[1]!, 'Processed')) === 3, 'both mailboxes emptied');
      const statuses = intakeChannels.statuses().filter((s) => users.some((u) => s.name === `imap:${u}`));
      expect(statuses.map((s) => [s.name, s.counts.accepted]).sort()).toEqual([[`imap:${users[0]}`, 2], [`imap:${users[1]}`, 3]]);
    } finally {
      await running.stop();
    }
    expect(intakeChannels.statuses().some((s) => users.some((u) => s.name === `imap:${u}`))).toBe(false);
  });
});
