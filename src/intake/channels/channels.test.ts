import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../shared/config.ts';
import { loadMailboxes, mailboxKey, mailboxConfigSchema } from './imap-config.ts';
import { withoutLeadingJunk } from './message-file.ts';
import { recipientAllowed } from './smtp-listener.ts';
import { ChannelTracker } from './tracker.ts';

const writeJson = (value: unknown) => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cd-mb-')), 'mailboxes.json');
  fs.writeFileSync(file, JSON.stringify(value));
  return file;
};
const mailbox = { id: 'orders', host: 'imap.example.com', user: 'orders@example.com', passwordFile: '/run/secrets/imap' };

describe('the mailboxes file', () => {
  it('fills defaults and keys the cursor by server, account and folder', () => {
    const [m] = loadMailboxes(writeJson({ mailboxes: [mailbox] }), 'production');
    expect(m).toMatchObject({ security: 'tls', mailbox: 'INBOX', onProcessed: 'move', processedFolder: 'Processed', pollSeconds: 60, idle: true });
    expect(mailboxKey(m!)).toBe('imap://orders%40example.com@imap.example.com:993/INBOX');
  });
  it('names the file, mailbox and field of a mistake', () => {
    expect(() => loadMailboxes(writeJson({ mailboxes: [{ ...mailbox, password: 'x' }] }), 'development')).toThrow(/mailboxes\.0: give exactly one of password/);
    expect(() => loadMailboxes(writeJson({ mailboxes: [mailbox, mailbox] }), 'development')).toThrow(/mailbox ids must be unique/);
    expect(() => loadMailboxes(writeJson({ mailboxes: [{ ...mailbox, security: 'none' }] }), 'production')).toThrow(/orders: security "none" sends the password in clear text/);
    expect(loadMailboxes(writeJson({ mailboxes: [{ ...mailbox, host: '127.0.0.1', security: 'none' }] }), 'production')).toHaveLength(1);
    expect(() => loadMailboxes('/no/such/file.json', 'development')).toThrow(ConfigError);
    expect(mailboxConfigSchema.safeParse({ ...mailbox, onProcessed: 'delete' }).success).toBe(false);
  });
});

describe('configuration of the SMTP listener and the folder', () => {
  it('needs recipients with a port, and both TLS files or neither', () => {
    expect(() => loadConfig({ CHANGEDESK_SMTP_PORT: '2525' })).toThrow(/CHANGEDESK_SMTP_RECIPIENTS="": required with CHANGEDESK_SMTP_PORT/);
    expect(() => loadConfig({ CHANGEDESK_SMTP_PORT: '2525', CHANGEDESK_SMTP_RECIPIENTS: 'orders@x.com', CHANGEDESK_SMTP_TLS_KEY: 'k.pem' })).toThrow(/CHANGEDESK_SMTP_TLS_CERT/);
    expect(() => loadConfig({ CHANGEDESK_SMTP_PORT: '2525', CHANGEDESK_SMTP_RECIPIENTS: 'not-an-address' })).toThrow(/expected addresses or @domains/);
    const c = loadConfig({ CHANGEDESK_SMTP_PORT: '2525', CHANGEDESK_SMTP_RECIPIENTS: 'orders@x.com, @changes.x.com', CHANGEDESK_INBOX_DIR: 'inbox' });
    expect(c.intake.smtp).toEqual({ host: '127.0.0.1', port: 2525, recipients: ['orders@x.com', '@changes.x.com'], tls: null });
    expect(c.intake.folder).toEqual({ dir: path.resolve('inbox'), pollMs: 5000 });
    expect(loadConfig({}).intake).toEqual({ imapMailboxesFile: null, smtp: null, folder: null });
  });
});

describe('small parts', () => {
  it('matches SMTP recipients by address or domain, ignoring case', () => {
    const allowed = ['orders@midlandsupply.com', '@changes.midlandsupply.com'];
    expect(recipientAllowed(allowed, 'Orders@MidlandSupply.com')).toBe(true);
    expect(recipientAllowed(allowed, 'anyone@changes.midlandsupply.com')).toBe(true);
    expect(recipientAllowed(allowed, 'orders@midlandsupply.com.evil.com')).toBe(false);
    expect(recipientAllowed(allowed, 'x@notchanges.midlandsupply.com')).toBe(false);
  });
  it('drops what tools put before an .eml header block, and nothing else', () => {
    const eml = 'From: a@b.c\r\nSubject: x\r\n\r\nFrom the desk\r\n';
    expect(withoutLeadingJunk(Buffer.from(`\ufeff\r\n  \nFrom dana@x Mon Nov 23 09:00:00 2026\n${eml}`)).toString()).toBe(eml);
    expect(withoutLeadingJunk(Buffer.from(eml)).toString()).toBe(eml);
  });
  it('raises the stall alert when no check succeeded for too long, but not in standby', () => {
    let now = 0;
    const t = new ChannelTracker('imap:test', 'imap', 60_000, () => now);
    t.set('idle');
    t.succeeded();
    now = 59_000;
    expect(t.status()).toMatchObject({ state: 'idle', alert: null });
    now = 61_000;
    t.failed(new Error('connection refused'));
    t.set('reconnecting');
    expect(t.status()).toMatchObject({ state: 'stalled', alert: 'no successful check for 61s (limit 60s); last error: connection refused' });
    t.set('standby');
    expect(t.status()).toMatchObject({ state: 'standby' });
    t.set('idle');
    t.succeeded();
    expect(t.status()).toMatchObject({ state: 'idle', alert: null, lastError: null, counts: { errors: 1 } });
  });
});
