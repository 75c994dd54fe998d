// The mailboxes file (CHANGEDESK_IMAP_MAILBOXES): which IMAP mailboxes to ingest, how to log in, what to do after.
import fs from 'node:fs';
import { z } from 'zod';
import { ConfigError } from '../../shared/config.ts';

const secretSource = {
  password: z.string().min(1).optional().describe('the password or app password itself (prefer passwordFile or passwordEnv)'),
  passwordFile: z.string().min(1).optional().describe('a file holding the password; read at every connect, so rotation needs no restart'),
  passwordEnv: z.string().min(1).optional().describe('the name of an environment variable holding the password'),
  accessTokenFile: z.string().min(1).optional().describe('a file holding an OAuth2 access token (XOAUTH2), kept fresh by whatever issues it; read at every connect'),
};

export const mailboxConfigSchema = z
  .object({
    id: z.string().regex(/^[\w.-]+$/, { error: 'letters, digits, dots, dashes or underscores' }).describe('a stable name for logs, /health and metrics'),
    host: z.string().min(1),
    port: z.number().int().min(1).max(65535).optional(),
    security: z.enum(['tls', 'starttls', 'none']).default('tls').describe('tls: implicit TLS (993); starttls: upgrade on 143; none: loopback tests only'),
    user: z.string().min(1),
    ...secretSource,
    mailbox: z.string().min(1).default('INBOX'),
    onProcessed: z.enum(['move', 'flag', 'none']).default('move').describe('after a message is stored: move it, set a keyword, or leave it (the UID cursor alone)'),
    processedFolder: z.string().min(1).default('Processed'),
    processedFlag: z.string().regex(/^\$?[\w-]+$/).default('$Changedesk'),
    rejectedFolder: z.string().min(1).nullable().default(null).describe('where refused messages (too large) go; null leaves them in place'),
    pollSeconds: z.number().int().min(2).max(3600).default(60).describe('a full check this often, whether or not IDLE reported anything'),
    idle: z.boolean().default(true).describe('use IMAP IDLE for prompt pick-up (polling continues as a safety net)'),
    stallSeconds: z.number().int().min(10).optional().describe('no completed check for this long raises the stall alert; default 3 polls + 2 minutes'),
  })
  .refine((m) => [m.password, m.passwordFile, m.passwordEnv, m.accessTokenFile].filter(Boolean).length === 1, {
    error: 'give exactly one of password, passwordFile, passwordEnv or accessTokenFile',
  });
export type MailboxConfig = z.infer<typeof mailboxConfigSchema>;

export const mailboxesFileSchema = z.object({ mailboxes: z.array(mailboxConfigSchema).min(1) }).refine(
  (f) => new Set(f.mailboxes.map((m) => m.id)).size === f.mailboxes.length,
  { error: 'mailbox ids must be unique' },
);

const loopback = (host: string) => host === 'localhost' || host === '::1' || host.startsWith('127.');

/** Reads and checks the file at start-up; a bad entry stops start-up naming the file, the mailbox and the field. */
export function loadMailboxes(file: string, mode: 'development' | 'production' | 'test'): MailboxConfig[] {
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new ConfigError(`CHANGEDESK_IMAP_MAILBOXES=${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const parsed = mailboxesFileSchema.safeParse(json);
  if (!parsed.success)
    throw new ConfigError(`CHANGEDESK_IMAP_MAILBOXES=${file}:\n${parsed.error.issues.map((i) => `  ${i.path.join('.') || '(file)'}: ${i.message}`).join('\n')}`);
  for (const m of parsed.data.mailboxes) {
    if (m.security === 'none' && mode === 'production' && !loopback(m.host))
      throw new ConfigError(`CHANGEDESK_IMAP_MAILBOXES=${file}: mailbox ${m.id}: security "none" sends the password in clear text; use tls or starttls`);
    if (m.passwordEnv && !process.env[m.passwordEnv])
      throw new ConfigError(`CHANGEDESK_IMAP_MAILBOXES=${file}: mailbox ${m.id}: the environment variable ${m.passwordEnv} is not set`);
  }
  return parsed.data.mailboxes;
}

/** The key the cursor is stored under: a different server, account or folder starts a new cursor. */
export const mailboxKey = (m: MailboxConfig) => `imap://${encodeURIComponent(m.user)}@${m.host}:${portOf(m)}/${m.mailbox}`;

export const portOf = (m: MailboxConfig) => m.port ?? (m.security === 'tls' ? 993 : 143);

/** Credentials as imapflow wants them, read now (files may have been rotated since the last connect). */
export function authOf(m: MailboxConfig): { user: string; pass?: string; accessToken?: string } {
  const read = (f: string) => fs.readFileSync(f, 'utf8').trim();
  if (m.accessTokenFile) return { user: m.user, accessToken: read(m.accessTokenFile) };
  return { user: m.user, pass: m.password ?? (m.passwordFile ? read(m.passwordFile) : process.env[m.passwordEnv!]!) };
}
