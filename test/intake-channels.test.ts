// The SMTP listener (fed by swaks, a real SMTP client), the watched folder, and one email arriving by every channel
// at once (HTTP upload, IMAP on dovecot, SMTP, folder) on a whole running changedesk: stored once, the rest duplicates.
import { execFile, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { ImapFlow } from 'imapflow';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../src/shared/errors.ts';
import type { AcceptFn } from '../src/intake/channels/channel.ts';
import { SmtpListener } from '../src/intake/channels/smtp-listener.ts';
import { startIntakeChannels, type RunningChannels } from '../src/intake/channels/start-channels.ts';
import { logger } from '../src/shared/logger.ts';
import { tempDir } from './support/backends.ts';
import { DOVECOT_PASSWORD, dovecotMissing, startDovecot, type Dovecot } from './support/dovecot.ts';
import { buildEml } from './support/mail.ts';
import { eventually, startStack, type Stack } from './support/stack.ts';

const run = promisify(execFile);
const swaks = spawnSync('which', ['swaks']).status === 0;
if (!swaks) console.warn('swaks is not installed: the SMTP tests send with nodemailer instead (.ci/run installs swaks)');

/** Sends one raw message over SMTP with swaks (or nodemailer without it); answers the server's last reply. */
async function sendSmtp(port: number, raw: Buffer, to = 'orders@midlandsupply.com'): Promise<{ ok: boolean; reply: string }> {
  if (swaks) {
    const file = path.join(await tempDir('cd-swaks-'), 'message.eml');
    await fs.writeFile(file, raw);
    const r = await run('swaks', ['--server', '127.0.0.1', '--port', String(port), '--from', 'dana.buyer@acme-mfg.com', '--to', to, '--data', file, '--timeout', '20'])
      .then((o) => ({ ok: true, out: o.stdout }), (e: { stdout?: string }) => ({ ok: false, out: e.stdout ?? '' }));
    const replies = r.out.split('\n').filter((l) => /^<~?\*{0,2} +\d{3}[ -]/.test(l));
    return { ok: r.ok, reply: replies.at(-2) ?? replies.at(-1) ?? r.out }; // the answer to DATA comes before QUIT's
  }
  const t = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
  try {
    const info = await t.sendMail({ envelope: { from: 'dana.buyer@acme-mfg.com', to: [to] }, raw });
    return { ok: true, reply: info.response };
  } catch (e) {
    return { ok: false, reply: (e as { response?: string }).response ?? String(e) };
  } finally {
    t.close();
  }
}

describe('SMTP listener', () => {
  const stored: Buffer[] = [];
  let failWith: Error | null = null;
  let delayMs = 0;
  let storedAt = 0;
  const accept: AcceptFn = async (raw) => {
    await new Promise((r) => setTimeout(r, delayMs));
    if (failWith) throw failWith;
    stored.push(raw);
    storedAt = Date.now();
    return { messageId: `m${stored.length}`, duplicate: false, status: 'received' };
  };
  let smtp: SmtpListener;
  beforeAll(async () => {
    smtp = await new SmtpListener({ host: '127.0.0.1', port: 0, recipients: ['orders@midlandsupply.com', '@changes.midlandsupply.com'], maxMessageBytes: 20_000 }, { accept, logger }).start();
  });
  afterAll(() => smtp?.stop());

  it('answers 250 only after the message is stored, with the bytes as sent', async () => {
    delayMs = 700;
    const raw = await buildEml({ subject: 'PO 4500012345 qty', text: 'Make it 40 not 25.', messageId: `<smtp-${randomUUID()}@acme-mfg.com>` });
    const sent = await sendSmtp(smtp.port, raw);
    const answeredAt = Date.now();
    delayMs = 0;
    expect(sent).toMatchObject({ ok: true });
    expect(sent.reply).toMatch(/250 2\.0\.0 stored as m1/);
    expect(answeredAt).toBeGreaterThanOrEqual(storedAt);
    expect(stored[0]!.toString()).toContain('Make it 40 not 25.');
    expect(stored[0]!.toString()).toContain('Subject: PO 4500012345 qty');
  });

  it('takes mail for the configured recipients and domains only', async () => {
    const raw = await buildEml({ subject: 'hi', text: 'x' });
    expect((await sendSmtp(smtp.port, raw, 'anyone@changes.midlandsupply.com')).ok).toBe(true);
    const refused = await sendSmtp(smtp.port, raw, 'ceo@midlandsupply.com');
    expect(refused.ok).toBe(false);
    expect(refused.reply).toMatch(/550/);
  });

  it('refuses an oversize message with 552 and a storage failure with 451, so the sender keeps it', async () => {
    const before = stored.length;
    const big = await buildEml({ subject: 'big', text: 'y'.repeat(30_000) });
    const tooBig = await sendSmtp(smtp.port, big);
    expect(tooBig).toMatchObject({ ok: false });
    expect(tooBig.reply).toMatch(/552/);
    failWith = new Error('the database is down');
    const retryLater = await sendSmtp(smtp.port, await buildEml({ subject: 'later', text: 'z' }));
    failWith = new AppError('bad_request', 'the message is empty');
    const bounced = await sendSmtp(smtp.port, await buildEml({ subject: 'bounce', text: 'z' }));
    failWith = null;
    expect(retryLater).toMatchObject({ ok: false });
    expect(retryLater.reply).toMatch(/451/);
    expect(bounced.reply).toMatch(/554/);
    expect(stored.length).toBe(before);
    expect(smtp.status().counts.rejected).toBeGreaterThanOrEqual(2);
  });
});

describe('watched folder and one email by every channel, on a running changedesk', () => {
  const dovecotSkip = dovecotMissing();
  let stack: Stack;
  let dovecot: Dovecot | null = null;
  let channels: RunningChannels;
  let inbox: string;
  const user = `every-${randomUUID().slice(0, 6)}`;

  beforeAll(async () => {
    stack = await startStack();
    inbox = await tempDir('cd-inbox-');
    let mailboxes: string | null = null;
    if (!dovecotSkip) {
      dovecot = await startDovecot();
      mailboxes = path.join(await tempDir('cd-mailboxes-'), 'mailboxes.json');
      await fs.writeFile(mailboxes, JSON.stringify({ mailboxes: [{ id: 'orders', host: dovecot.host, port: dovecot.port, security: 'none', user, password: DOVECOT_PASSWORD, pollSeconds: 2 }] }));
    }
    channels = await startIntakeChannels(
      { mode: 'test', maxMessageBytes: stack.s.config.maxMessageBytes, intake: { imapMailboxesFile: mailboxes, smtp: { host: '127.0.0.1', port: 0, recipients: ['orders@midlandsupply.com'], tls: null }, folder: { dir: inbox, pollMs: 200 } } },
      stack.s,
    );
  }, 90_000);
  afterAll(async () => {
    await channels?.stop();
    await dovecot?.stop();
    await stack?.close();
  });

  const byMessageId = (id: string) => stack.db.query<{ id: string; channel: string; status: string }>('SELECT id, channel, status FROM messages WHERE message_id_header = $1', [id]);
  const channel = (name: string) => channels.channels.find((c) => c.name === name)!;

  it('stores .eml and Outlook .msg files, moves them to processed/, and rejects what it cannot read with the reason', async () => {
    const id = `<folder-${randomUUID()}@acme-mfg.com>`;
    await fs.writeFile(path.join(inbox, 'change.eml'), Buffer.concat([Buffer.from('From dana Mon Nov 23 09:00:00 2026\n'), await buildEml({ subject: 'folder', text: 'Make it 40.', messageId: id })]));
    await fs.writeFile(path.join(inbox, 'broken.msg'), Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(600)]));
    const outlook = path.resolve('../shared/corpora/msgreader-outlook-msg/attachmentFiles.msg');
    if (existsSync(outlook)) await fs.copyFile(outlook, path.join(inbox, 'forwarded.msg'));
    await eventually(async () => (await fs.readdir(inbox)).filter((f) => /\.(eml|msg)$/.test(f)).length === 0, 'the folder emptied');
    expect((await fs.readdir(path.join(inbox, 'processed'))).sort()).toEqual(existsSync(outlook) ? ['change.eml', 'forwarded.msg'] : ['change.eml']);
    expect((await fs.readdir(path.join(inbox, 'rejected'))).sort()).toEqual(['broken.msg', 'broken.msg.reason.txt']);
    expect(await fs.readFile(path.join(inbox, 'rejected', 'broken.msg.reason.txt'), 'utf8')).toMatch(/Outlook \.msg file could not be read/);
    expect(await byMessageId(id)).toMatchObject([{ channel: 'folder' }]);
    if (existsSync(outlook)) {
      // The .msg keeps its own Message-ID, and its attachments become documents of the message.
      const [m] = await byMessageId('<000001da0c5d$22ab1460$68013d20$@hmailserver.test>');
      const detail = await eventually(async () => {
        const d = (await (await stack.request('GET', `/api/v1/messages/${m!.id}`, 'dev-rep-token')).json()) as { status: string; documents: { filename: string }[] };
        return d.status !== 'received' && d;
      }, 'the .msg parsed');
      expect(detail.documents.map((d) => d.filename)).toEqual([null, 'jpg.jpg', 'png.png', 'tif.tif']);
    }
    expect(channel('folder').status()).toMatchObject({ state: 'watching', counts: { rejected: 1 } });
  });

  it('stores an email that arrives by upload, IMAP, SMTP and the folder exactly once', async () => {
    const id = `<every-${randomUUID()}@acme-mfg.com>`;
    const raw = await buildEml({ subject: 'PO 4500012345: qty HX-2210 25 -> 40', text: 'Please make HX-2210 40 units instead of 25.', messageId: id });
    const upload = (await (await stack.postEml(raw)).json()) as { messageId: string; duplicate: boolean };
    expect(upload.duplicate).toBe(false);
    const smtpReply = await sendSmtp((channel('smtp') as SmtpListener).port, raw);
    expect(smtpReply.reply).toMatch(/250 .*duplicate/);
    await fs.writeFile(path.join(inbox, 'again.eml'), raw);
    await eventually(async () => existsSync(path.join(inbox, 'processed', 'again.eml')), 'the folder copy processed');
    if (dovecot) {
      const c = new ImapFlow({ host: dovecot.host, port: dovecot.port, secure: false, doSTARTTLS: false, auth: { user, pass: DOVECOT_PASSWORD }, logger: false });
      await c.connect();
      await c.append('INBOX', raw);
      await c.logout();
      await eventually(async () => channel('imap:orders').status().counts.duplicates === 1, 'the IMAP copy recognised');
    }
    expect(await byMessageId(id)).toEqual([expect.objectContaining({ id: upload.messageId, channel: 'api' })]);
    const health = (await (await stack.request('GET', '/health', null)).json()) as { status: string; channels: { name: string; state: string; counts: { duplicates: number } }[] };
    expect(health.status).toBe('ok');
    expect(health.channels.map((c) => c.name).sort()).toEqual([...(dovecot ? ['imap:orders'] : []), 'folder', 'smtp'].sort());
    for (const c of health.channels) expect(c.counts.duplicates).toBeGreaterThanOrEqual(1);
    const metrics = await (await stack.request('GET', '/metrics', 'dev-admin-token')).text();
    expect(metrics).toMatch(/changedesk_intake_messages_total\{channel="smtp",outcome="duplicate"\} 1/);
    expect(metrics).toMatch(/changedesk_intake_channel_up\{channel="folder"\} 1/);
    expect(metrics).toMatch(/changedesk_intake_channel_stalled\{channel="smtp"\} 0/);
    // And the one stored copy goes through the pipeline to a review item.
    await eventually(async () => (await (await stack.request('GET', `/api/v1/messages/${upload.messageId}`, 'dev-rep-token')).json() as { reviewItemId: string | null }).reviewItemId, 'the review item');
  });
});
