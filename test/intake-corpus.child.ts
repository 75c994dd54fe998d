// Child process of the corpus test: runs one corpus file at a time through intake (the folder channel's file reading,
// acceptMessage, the parse stage) on its own PGlite, and reports the outcome. A file that hangs here is killed by the
// parent, so one bad PDF cannot stall the run or take other files' results with it.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import MailComposer from 'nodemailer/lib/mail-composer';
import { acceptMessage } from '../src/intake/accept-message.ts';
import { readOutlookMsg } from '../src/intake/attachments/outlook-msg.ts';
import { readTnef } from '../src/intake/attachments/tnef.ts';
import { messageFromFile } from '../src/intake/channels/message-file.ts';
import { getMessage, listDocuments } from '../src/intake/message-repo.ts';
import { parseMessage } from '../src/intake/parse-message.ts';
import { BlobStore } from '../src/storage/blob-store.ts';
import { openPglite } from '../src/storage/db.ts';
import { migrate } from '../src/storage/migrate.ts';
import { isAppError } from '../src/shared/errors.ts';
import { sha256 } from '../src/shared/hash.ts';

/** A hash that ignores line-ending style: the expected files of the TNEF set were checked out with LF endings. */
const lfHash = (b: Buffer) => sha256(b.toString('latin1').replace(/\r\n/g, '\n'));

export type CorpusKind = 'message' | 'msg' | 'tnef' | 'pdf';
export interface CorpusJob { id: number; file: string; kind: CorpusKind }
export interface CorpusOutcome {
  id: number;
  status: 'parsed' | 'quarantined' | 'refused' | 'duplicate';
  reason: string | null;
  documents: { filename: string | null; contentType: string; pages: number; chars: number; error: string | null }[];
  /** For .msg and winmail.dat: the files the reader found directly inside (names and sizes). */
  inner?: { filename: string | null; size: number; sha256?: string }[];
  ms: number;
}

const db = await openPglite();
await migrate(db);
const blobs = new BlobStore(await fs.mkdtemp(path.join(os.tmpdir(), 'cd-corpus-')));
const deps = { db, blobs, enqueueParse: async () => {}, maxMessageBytes: 40 * 1024 * 1024 };
const actor = { type: 'system' as const, id: 'corpus' };

/** A customer's email carrying the file as its one attachment, the way a PDF or winmail.dat arrives. */
const carrying = (name: string, content: Buffer, contentType: string, n: number) =>
  new MailComposer({
    from: 'corpus@example.com', to: 'orders@example.com', subject: `corpus ${name}`, date: new Date('2026-01-01T00:00:00Z'),
    messageId: `<corpus-${n}-${Date.now()}@example.com>`, text: 'See attached.', attachments: [{ filename: name, content, contentType }],
  }).compile().build();

async function run(job: CorpusJob): Promise<CorpusOutcome> {
  const t = Date.now();
  const bytes = await fs.readFile(job.file);
  const name = path.basename(job.file);
  let inner: CorpusOutcome['inner'];
  let raw: Buffer;
  try {
    if (job.kind === 'pdf') raw = await carrying(name, bytes, 'application/pdf', job.id);
    else if (job.kind === 'tnef') {
      raw = await carrying('winmail.dat', bytes, 'application/ms-tnef', job.id);
      inner = readTnef(bytes).attachments.map((a) => ({ filename: a.filename, size: a.content.length, sha256: lfHash(a.content) }));
    } else {
      raw = await messageFromFile(bytes, name);
      if (job.kind === 'msg') inner = readOutlookMsg(bytes).attachments.map((a) => ({ filename: a.filename, size: a.content.length }));
    }
  } catch (e) {
    if (isAppError(e)) return { id: job.id, status: 'refused', reason: e.message, documents: [], inner, ms: Date.now() - t };
    throw e;
  }
  let accepted;
  try {
    accepted = await acceptMessage(raw, 'folder', actor, deps);
  } catch (e) {
    if (isAppError(e)) return { id: job.id, status: 'refused', reason: e.message, documents: [], inner, ms: Date.now() - t };
    throw e;
  }
  if (accepted.duplicate) return { id: job.id, status: 'duplicate', reason: `same Message-ID or bytes as message ${accepted.messageId}`, documents: [], inner, ms: Date.now() - t };
  await parseMessage(accepted.messageId, { db, blobs, pdfTimeoutMs: 15_000 });
  const m = (await getMessage(db, accepted.messageId))!;
  const documents = (await listDocuments(db, m.id)).map((d) => ({
    filename: d.filename, contentType: d.contentType, pages: d.pages.length, chars: d.pages.reduce((n, p) => n + p.text.length, 0), error: d.error,
  }));
  return { id: job.id, status: m.status === 'quarantined' ? 'quarantined' : 'parsed', reason: m.quarantineReason, documents, inner, ms: Date.now() - t };
}

process.on('message', (job: CorpusJob) => {
  run(job).then(
    (outcome) => process.send!({ ok: true, outcome }),
    (e: unknown) => process.send!({ ok: false, id: job.id, error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) }),
  );
});
process.send!({ ready: true });
