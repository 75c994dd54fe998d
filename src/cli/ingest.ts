// `npm run ingest -- <file.eml|folder>...`: submits messages to a running changedesk, with a progress line.
import fs from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    url: { type: 'string', default: process.env.CHANGEDESK_URL ?? `http://127.0.0.1:${process.env.PORT ?? 3000}` },
    token: { type: 'string', default: process.env.CHANGEDESK_TOKEN ?? 'dev-rep-token' },
    help: { type: 'boolean', short: 'h' },
  },
});

if (values.help || positionals.length === 0) {
  process.stdout.write('usage: npm run ingest -- [--url http://127.0.0.1:3000] [--token T] <file.eml|folder>...\n' +
    '  folders are read recursively for *.eml; CHANGEDESK_URL and CHANGEDESK_TOKEN set the defaults\n');
  process.exit(positionals.length === 0 && !values.help ? 2 : 0);
}

async function emlFiles(p: string): Promise<string[]> {
  const stat = await fs.stat(p);
  if (!stat.isDirectory()) return [p];
  const entries = await fs.readdir(p, { withFileTypes: true });
  const nested = await Promise.all(entries.map((e) => (e.isDirectory() ? emlFiles(path.join(p, e.name)) : e.name.endsWith('.eml') ? [path.join(p, e.name)] : [])));
  return nested.flat().sort();
}

const files = (await Promise.all(positionals.map(emlFiles))).flat();
const counts = { new: 0, duplicate: 0, failed: 0 };
const tty = process.stderr.isTTY;
for (const [i, file] of files.entries()) {
  let outcome: string;
  try {
    const res = await fetch(`${values.url}/api/v1/messages`, {
      method: 'POST', body: await fs.readFile(file),
      headers: { 'content-type': 'message/rfc822', authorization: `Bearer ${values.token}` },
    });
    const body = (await res.json()) as { messageId?: string; duplicate?: boolean; error?: { message: string } };
    if (!res.ok) throw new Error(`${res.status} ${body.error?.message ?? ''}`);
    counts[body.duplicate ? 'duplicate' : 'new']++;
    outcome = `${body.duplicate ? 'duplicate' : 'accepted'} ${body.messageId}`;
  } catch (e) {
    counts.failed++;
    outcome = `FAILED ${e instanceof Error ? (e.cause instanceof Error ? e.cause.message : e.message) : String(e)}`;
  }
  const line = `[${i + 1}/${files.length}] ${counts.new} new, ${counts.duplicate} duplicate, ${counts.failed} failed`;
  if (tty) process.stderr.write(`\r${line}  ${path.basename(file).slice(0, 40).padEnd(40)}`);
  else process.stderr.write(`${line}  ${file}: ${outcome}\n`);
  if (tty && outcome.startsWith('FAILED')) process.stderr.write(`\n${file}: ${outcome}\n`);
}
if (tty) process.stderr.write('\n');
process.stdout.write(`${JSON.stringify({ files: files.length, ...counts })}\n`);
process.exit(counts.failed ? 1 : 0);
