// One IMAP mailbox ingested: IDLE with a polling safety net, UID cursor in the database, mark only after storing.
import os from 'node:os';
import { ImapFlow, type FetchMessageObject, type MailboxObject } from 'imapflow';
import type { Db } from '../../storage/db.ts';
import { isAppError } from '../../shared/errors.ts';
import type { Logger } from '../../shared/logger.ts';
import type { AcceptFn, IntakeChannel } from './channel.ts';
import { authOf, mailboxKey, portOf, type MailboxConfig } from './imap-config.ts';
import { loadCursor, releaseLease, saveCursor, takeLease, type MailboxCursor } from './mailbox-state.ts';
import { ChannelTracker } from './tracker.ts';

export interface ImapIngesterDeps {
  db: Db;
  accept: AcceptFn;
  logger: Logger;
  maxMessageBytes: number;
  /** This process, for the mailbox lease; default host:pid, so a restarted process in the same test reclaims at once. */
  owner?: string;
  /** Reconnect delays: doubling from `initialMs` up to `maxMs`, with jitter. */
  backoff?: { initialMs: number; maxMs: number };
  /** A sync that takes longer than this is abandoned and the connection dropped (a dead socket, a hung server). */
  syncTimeoutMs?: number;
  now?: () => number;
}

/** Messages fetched per round; a larger backlog continues in the next round without waiting. */
const BATCH = 200;

export class ImapIngester implements IntakeChannel {
  readonly name: string;
  private readonly key: string;
  private readonly tracker: ChannelTracker;
  private readonly log: Logger;
  private readonly owner: string;
  private readonly pollMs: number;
  private stopping = false;
  private loop: Promise<void> | null = null;
  private client: ImapFlow | null = null;
  private wakeUp: (() => void) | null = null;
  /** IDLE reported new mail while a sync was running: the next wait returns at once. */
  private woken = false;

  constructor(readonly config: MailboxConfig, private readonly deps: ImapIngesterDeps) {
    this.name = `imap:${config.id}`;
    this.key = mailboxKey(config);
    this.pollMs = config.pollSeconds * 1000;
    this.owner = deps.owner ?? `${os.hostname()}:${process.pid}`;
    this.tracker = new ChannelTracker(this.name, 'imap', (config.stallSeconds ?? 3 * config.pollSeconds + 120) * 1000, deps.now);
    this.tracker.detail.mailbox = `${config.user}@${config.host}:${portOf(config)}/${config.mailbox}`;
    this.log = deps.logger.child({ channel: this.name });
  }

  start(): this {
    this.loop ??= this.run();
    return this;
  }

  status() {
    return this.tracker.status();
  }

  /** Lets the message in hand finish (stored and marked), then logs out; a hung connection is cut after `graceMs`. */
  async stop(graceMs = 10_000): Promise<void> {
    this.stopping = true;
    this.wake();
    const cut = setTimeout(() => this.client?.close(), graceMs);
    try {
      await this.loop;
    } finally {
      clearTimeout(cut);
    }
    await releaseLease(this.deps.db, this.key, this.owner).catch(() => {});
    this.tracker.set('stopped');
  }

  private leaseTtlMs = () => 2 * this.pollMs + 60_000;

  private async run(): Promise<void> {
    const { initialMs, maxMs } = this.deps.backoff ?? { initialMs: 1000, maxMs: 5 * 60_000 };
    let failures = 0;
    while (!this.stopping) {
      try {
        if (!(await takeLease(this.deps.db, this.key, this.owner, this.leaseTtlMs()))) {
          this.tracker.set('standby');
          await this.sleep(this.leaseTtlMs() / 2);
          continue;
        }
        await this.session(() => (failures = 0));
      } catch (e) {
        if (this.stopping) break;
        const message = this.tracker.failed(e);
        const delay = Math.min(maxMs, initialMs * 2 ** failures++) * (0.8 + Math.random() * 0.4);
        this.tracker.set('reconnecting');
        this.tracker.detail.retryInMs = Math.round(delay);
        this.log.warn({ err: message, retryInMs: Math.round(delay) }, 'IMAP mailbox failed; reconnecting');
        await this.sleep(delay);
      }
    }
  }

  /** One connection: select the mailbox, then sync on every IDLE notice and every poll until stopped or broken. */
  private async session(connected: () => void): Promise<void> {
    this.tracker.set('connecting');
    const c = this.config;
    const client = new ImapFlow({
      host: c.host, port: portOf(c), secure: c.security === 'tls', doSTARTTLS: c.security === 'starttls' ? true : c.security === 'none' ? false : undefined,
      auth: authOf(c), logger: false, disableAutoIdle: !c.idle, autoIdleDelay: 2000, maxIdleTime: Math.min(this.pollMs, 5 * 60_000),
      connectionTimeout: 30_000, greetingTimeout: 15_000, socketTimeout: Math.max(this.pollMs * 2, 60_000) + 60_000,
      clientInfo: { name: 'changedesk' },
    });
    this.client = client;
    let closed = false;
    client.on('error', (err: Error) => this.log.warn({ err: err.message }, 'IMAP connection error'));
    client.on('close', () => ((closed = true), this.wake()));
    client.on('exists', () => this.wake());
    try {
      await client.connect();
      await this.locked(client, () => this.prepareFolders(client));
      connected();
      this.tracker.detail.retryInMs = null;
      this.log.info({ mailbox: c.mailbox }, 'IMAP mailbox connected');
      while (!this.stopping) {
        if (closed || !client.usable) throw new Error('the IMAP connection was closed');
        if (!(await takeLease(this.deps.db, this.key, this.owner, this.leaseTtlMs()))) return this.tracker.set('standby');
        this.tracker.set('syncing');
        const more = await this.withTimeout(this.locked(client, () => this.sync(client)));
        this.tracker.succeeded();
        this.tracker.set('idle');
        // The lock is released while waiting: imapflow starts IDLE only on a connection nobody holds.
        if (!more) await this.sleep(this.pollMs);
      }
    } finally {
      this.client = null;
      if (!closed) await Promise.race([client.logout(), new Promise((r) => setTimeout(r, 5000).unref())]).catch(() => {});
      client.close();
    }
  }

  /** Runs work with the mailbox selected and held (imapflow's lock: no IDLE starts in between). */
  private async locked<T>(client: ImapFlow, work: () => Promise<T>): Promise<T> {
    const lock = await client.getMailboxLock(this.config.mailbox);
    try {
      return await work();
    } finally {
      lock.release();
    }
  }

  private async prepareFolders(client: ImapFlow): Promise<void> {
    const c = this.config;
    for (const folder of [c.onProcessed === 'move' ? c.processedFolder : null, c.rejectedFolder]) if (folder) await client.mailboxCreate(folder);
    if (c.onProcessed === 'flag') {
      const permanent = (client.mailbox as MailboxObject).permanentFlags;
      if (permanent && !permanent.has('\\*') && !permanent.has(c.processedFlag))
        throw new Error(`the server does not keep the keyword ${c.processedFlag} in ${c.mailbox}; use onProcessed "move" or "none"`);
    }
  }

  /** Stores every message after the cursor, in UID order. Answers whether more are waiting than one round took. */
  private async sync(client: ImapFlow): Promise<boolean> {
    const mailbox = client.mailbox as MailboxObject;
    const uidValidity = String(mailbox.uidValidity);
    let cursor = await loadCursor(this.deps.db, this.key);
    if (cursor.uidValidity !== uidValidity) {
      if (cursor.uidValidity !== null)
        this.log.warn({ was: cursor.uidValidity, now: uidValidity }, 'UIDVALIDITY changed: the mailbox is read again from the start; stored messages are recognised as duplicates');
      cursor = { uidValidity, lastUid: 0 };
      await saveCursor(this.deps.db, this.key, cursor);
    }
    const found = await client.search({ uid: `${cursor.lastUid + 1}:*` }, { uid: true });
    if (found === false || found === undefined) throw new Error(`searching ${this.config.mailbox} failed`);
    // `n:*` always matches the newest message, even one below n: keep only what is really after the cursor.
    const uids = found.filter((u) => u > cursor.lastUid).sort((a, b) => a - b);
    Object.assign(this.tracker.detail, { uidValidity, lastUid: cursor.lastUid, waiting: uids.length });
    const batch = uids.slice(0, BATCH);
    if (batch.length === 0) return false;
    const metas = new Map((await client.fetchAll(batch.join(','), { uid: true, size: true, flags: true }, { uid: true })).map((m) => [m.uid, m]));
    for (const uid of batch) {
      if (this.stopping) return false;
      await this.ingest(client, uid, metas.get(uid), cursor);
      this.tracker.detail.lastUid = cursor.lastUid;
      this.tracker.detail.waiting = uids.length - batch.indexOf(uid) - 1;
    }
    return uids.length > batch.length;
  }

  /** One message: stored durably first, then marked, then the cursor moves; a crash anywhere repeats only the tail. */
  private async ingest(client: ImapFlow, uid: number, meta: FetchMessageObject | undefined, cursor: MailboxCursor): Promise<void> {
    const c = this.config;
    const advance = () => saveCursor(this.deps.db, this.key, { ...cursor, lastUid: (cursor.lastUid = uid) });
    if (!meta) return advance(); // expunged since the search
    if (c.onProcessed === 'flag' && meta.flags?.has(c.processedFlag)) return advance(); // stored by an earlier cursor
    if ((meta.size ?? 0) > this.deps.maxMessageBytes)
      return this.refuse(client, uid, `the message is ${meta.size} bytes; the limit is ${this.deps.maxMessageBytes} (CHANGEDESK_MAX_MESSAGE_BYTES)`).then(advance);
    const msg = await client.fetchOne(String(uid), { uid: true, source: true }, { uid: true });
    if (!msg || !msg.source) return advance();
    let duplicate: boolean;
    try {
      duplicate = (await this.deps.accept(msg.source, 'imap', { type: 'system', id: this.name })).duplicate;
    } catch (e) {
      if (isAppError(e) && e.permanent) return this.refuse(client, uid, e.message).then(advance);
      throw e; // the database or the blob store failed: nothing is marked, the next session tries again
    }
    this.tracker.counted(duplicate ? 'duplicate' : 'accepted');
    await this.mark(client, uid);
    await advance();
  }

  private async mark(client: ImapFlow, uid: number): Promise<void> {
    const c = this.config;
    if (c.onProcessed === 'move' && !(await client.messageMove(String(uid), c.processedFolder, { uid: true })))
      throw new Error(`could not move UID ${uid} to ${c.processedFolder}`);
    if (c.onProcessed === 'flag' && !(await client.messageFlagsAdd(String(uid), [c.processedFlag], { uid: true })))
      throw new Error(`could not set ${c.processedFlag} on UID ${uid}`);
  }

  /** A message intake refuses for good (too large, empty): said in the log and metrics, moved aside when configured. */
  private async refuse(client: ImapFlow, uid: number, reason: string): Promise<void> {
    this.tracker.counted('rejected');
    this.tracker.detail.lastRejection = `UID ${uid}: ${reason}`;
    this.log.error({ uid, reason }, 'IMAP message refused; it stays in the mailbox');
    if (this.config.rejectedFolder) await client.messageMove(String(uid), this.config.rejectedFolder, { uid: true });
  }

  private withTimeout<T>(work: Promise<T>): Promise<T> {
    const ms = this.deps.syncTimeoutMs ?? 10 * 60_000;
    work.catch(() => {}); // once abandoned, its failure (on the closed connection) is expected
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`a mailbox sync took longer than ${ms / 1000}s; the connection is dropped`)), ms);
    });
    return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
  }

  private wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  /** Waits `ms`, or until IDLE reports new mail, the connection closes or stop() is called. */
  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeUp = null;
        this.woken = false;
        resolve();
      };
      const timer = setTimeout(done, ms);
      if (this.woken || this.stopping) return done();
      this.wakeUp = done;
    });
  }
}
