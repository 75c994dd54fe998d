// Real-world robustness: every message and PDF of the third-party corpora (../shared/corpora) goes through intake
// (file reading, acceptMessage, the parse stage with PDF text extraction) in a pool of child processes with a hard
// time limit per file. Each file must end parsed, quarantined or refused with a reason, or as a recognised duplicate;
// none may hang or crash its worker; and where a set ships expected output, the attachments found must match it.
import { fork, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CorpusJob, CorpusKind, CorpusOutcome } from './intake-corpus.child.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const corpora = path.join(root, '../shared/corpora');
const CHILD = fileURLToPath(new URL('./intake-corpus.child.ts', import.meta.url));
/** Past this a file is declared hung and its worker killed (the parse stage's own PDF limit is 15 s). */
const HARD_LIMIT_MS = 45_000;
const WORKERS = 2;

const files = (dir: string, wanted: RegExp): string[] => {
  const abs = path.join(corpora, dir);
  if (!fs.existsSync(abs)) return [];
  return (fs.readdirSync(abs, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((e) => e.isFile() && wanted.test(e.name))
    .map((e) => path.join(e.parentPath ?? (e as unknown as { path: string }).path, e.name))
    .sort();
};

const sets: { set: string; kind: CorpusKind; files: string[] }[] = [
  { set: 'mime4j', kind: 'message', files: files('mime4j-testmsgs', /\.msg$/) }, // RFC 822 text despite the name
  { set: 'flanker', kind: 'message', files: files('flanker-messages', /\.eml$/) },
  { set: 'mailparser', kind: 'message', files: files('nodemailer-mailparser', /\.eml$/) },
  { set: 'mimekit', kind: 'message', files: [...files('mimekit/messages', /\.(txt|eml)$/), ...files('mimekit/partial', /\.eml$/), ...files('mimekit/tnef', /\.eml$/)] },
  { set: 'mimekit-tnef', kind: 'tnef', files: files('mimekit/tnef', /\.tnef$/) },
  { set: 'msgreader', kind: 'msg', files: files('msgreader-outlook-msg', /\.msg$/) },
  { set: 'pdfjs', kind: 'pdf', files: files('pdfjs-test-pdfs', /\.pdf$/i) },
  { set: 'qpdf', kind: 'pdf', files: files('qpdf-qtest', /\.pdf$/i) },
];
const jobs = sets.flatMap((s) => s.files.map((file) => ({ set: s.set, file, kind: s.kind })));
const missing = sets.filter((s) => s.files.length === 0).map((s) => s.set);

type Result = CorpusOutcome | { id: number; status: 'hung' | 'crashed'; reason: string; documents: []; ms: number };

/** Runs every job on a pool of children; a child that overruns HARD_LIMIT_MS or dies is replaced. */
async function runPool(all: CorpusJob[]): Promise<Map<number, Result>> {
  const results = new Map<number, Result>();
  const queue = [...all];
  const worker = async () => {
    let child: ChildProcess | null = null;
    const spawnChild = () =>
      new Promise<ChildProcess>((resolve, reject) => {
        const c = fork(CHILD, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'pipe', 'ipc'], env: { ...process.env, LOG_LEVEL: 'silent' } });
        c.stderr?.resume();
        c.once('message', () => resolve(c));
        c.once('exit', (code) => reject(new Error(`corpus worker exited during start-up (${code})`)));
      });
    for (let job = queue.shift(); job; job = queue.shift()) {
      child ??= await spawnChild();
      const c = child;
      const t = Date.now();
      const result = await new Promise<Result>((resolve) => {
        const timer = setTimeout(() => resolve({ id: job!.id, status: 'hung', reason: `no outcome after ${HARD_LIMIT_MS / 1000}s`, documents: [], ms: Date.now() - t }), HARD_LIMIT_MS);
        const onExit = (code: number | null, signal: string | null) =>
          resolve({ id: job!.id, status: 'crashed', reason: `the worker died (${signal ?? code})`, documents: [], ms: Date.now() - t });
        c.once('exit', onExit);
        c.once('message', (m: { ok: boolean; outcome?: CorpusOutcome; error?: string }) => {
          clearTimeout(timer);
          c.off('exit', onExit);
          resolve(m.ok ? m.outcome! : { id: job!.id, status: 'crashed', reason: `the pipeline threw: ${m.error}`, documents: [], ms: Date.now() - t });
        });
        c.send(job!);
      });
      if (result.status === 'hung' || c.exitCode !== null || c.signalCode !== null) {
        c.removeAllListeners();
        c.kill('SIGKILL');
        child = null;
      }
      results.set(job.id, result);
    }
    child?.kill();
  };
  await Promise.all(Array.from({ length: WORKERS }, worker));
  return results;
}

/** A reason reduced to its kind, for the summary ("PDF could not be read: Invalid PDF structure." → one bucket). */
const bucket = (r: string) => r.replace(/\d+(\.\d+)?/g, 'N').replace(/<[^>]*>/g, '<…>').replace(/(message|UID) \S+/g, '$1 …').slice(0, 90);

const lfHash = (b: Buffer) => createHash('sha256').update(b.toString('latin1').replace(/\r\n/g, '\n')).digest('hex');
const nameSet = (names: (string | null | undefined)[]) => [...new Set(names.filter((n): n is string => !!n))].sort();

describe('corpus robustness', () => {
  it.skipIf(jobs.length === 0)('takes every corpus message and PDF to an outcome with a reason, without a hang or a crash', { timeout: 600_000 }, async () => {
    if (missing.length) console.warn(`corpus sets not found under ${corpora}: ${missing.join(', ')}`);
    const started = Date.now();
    const results = await runPool(jobs.map((j, id) => ({ id, file: j.file, kind: j.kind })));
    const summary: Record<string, Record<string, number>> = {};
    const failures: string[] = [];
    for (const [id, j] of jobs.entries()) {
      const r = results.get(id);
      const rel = path.relative(corpora, j.file);
      if (!r) { failures.push(`${rel}: no outcome`); continue; }
      if (r.status === 'hung' || r.status === 'crashed') failures.push(`${rel}: ${r.status}: ${r.reason}`);
      if (r.status !== 'parsed' && !r.reason?.trim()) failures.push(`${rel}: ${r.status} without a reason`);
      for (const d of r.documents) if (d.error !== null && !d.error.trim()) failures.push(`${rel}: a document with an empty error`);
      // A PDF ends read (text per page, possibly empty pages for scans) or unread with the reason.
      const doc = j.kind === 'pdf' ? r.documents.find((d) => d.contentType === 'application/pdf') : undefined;
      if (j.kind === 'pdf' && r.status === 'parsed' && !doc) failures.push(`${rel}: the PDF has no document`);
      const key =
        j.kind === 'pdf' && doc ? (doc.error ? `unread: ${bucket(doc.error)}` : 'text extracted')
        : r.status === 'parsed' ? `parsed${r.documents.some((d) => d.error) ? ' (with an unread attachment)' : ''}`
        : `${r.status}: ${bucket(r.reason ?? '')}`;
      (summary[j.set] ??= {})[key] = (summary[j.set]![key] ?? 0) + 1;
    }
    const slowest = [...results.values()].sort((a, b) => b.ms - a.ms).slice(0, 3).map((r) => `${path.relative(corpora, jobs[r.id]!.file)} ${r.ms} ms`);
    console.log(`corpus: ${jobs.length} files in ${Math.round((Date.now() - started) / 1000)} s; slowest: ${slowest.join(', ')}\n` +
      Object.entries(summary).map(([set, counts]) => `  ${set}: ${Object.entries(counts).sort((a, b) => b[1] - a[1]).map(([k, n]) => `${n} ${k}`).join('; ')}`).join('\n'));
    expect(failures).toEqual([]);
    expect(results.size).toBe(jobs.length);

    // Expected output shipped with the sets.
    const mismatches: string[] = [];
    for (const [id, j] of jobs.entries()) {
      const r = results.get(id) as CorpusOutcome;
      const rel = path.relative(corpora, j.file);
      const found = nameSet((r.inner ?? []).map((i) => i.filename));
      const inPipeline = new Set(r.documents.map((d) => d.filename));
      if (j.kind === 'tnef') {
        const base = j.file.replace(/\.tnef$/, '');
        const listed = fs.existsSync(`${base}.list`) ? nameSet(fs.readFileSync(`${base}.list`, 'utf8').split(/\r?\n/).filter((n) => !/^body\.(rtf|html|txt)$/.test(n))) : [];
        const extracted = fs.existsSync(base) ? fs.readdirSync(base).filter((n) => !/^message\.(rtf|html|txt)$/.test(n)) : [];
        // MimeKit lists what it turns into MIME parts; the tnef tool's folder has what it extracted. Ours: every
        // listed name, and nothing neither of them found (the tool numbers repeated names: "Untitled Attachment.2").
        const known = new Set([...listed, ...extracted, ...extracted.map((n) => n.replace(/\.\d+$/, ''))]);
        for (const n of listed) if (!found.includes(n)) mismatches.push(`${rel}: ${n} listed but not found (found ${found.join(', ')})`);
        for (const n of found) if (!known.has(n)) mismatches.push(`${rel}: found ${n}, which neither reference has`);
        for (const i of r.inner ?? []) {
          const file = path.join(base, i.filename ?? '');
          // An OLE object keeps its 16-byte class id in the tool's output; MimeKit and we drop it.
          const same = () => [fs.readFileSync(file), fs.readFileSync(file).subarray(16)].some((b) => lfHash(b) === i.sha256);
          if (i.filename && extracted.includes(i.filename) && !same()) mismatches.push(`${rel}: ${i.filename} differs from the extracted file`);
          if (i.filename && !inPipeline.has(i.filename)) mismatches.push(`${rel}: ${i.filename} was not stored as a document`);
        }
      }
      if (j.kind === 'msg') {
        const base = j.file.replace(/\.msg$/, '');
        for (const jsonFile of [`${base}.json`, `${base}-attachments0.json`, `${base}-attachments0-attachments0.json`]) {
          if (!fs.existsSync(jsonFile)) continue;
          const expected = JSON.parse(fs.readFileSync(jsonFile, 'utf8')) as {
            attachments?: { fileName?: string; name?: string; contentLength?: number; innerMsgContent?: boolean; innerMsgContentFields?: { subject?: string } }[];
          };
          // An embedded Outlook item has no file name: it is saved as "<display name>.msg".
          const names = nameSet((expected.attachments ?? []).map((a) => a.fileName ?? (a.innerMsgContent ? `${a.name ?? a.innerMsgContentFields?.subject ?? ''}.msg` : null)));
          for (const n of names) if (!inPipeline.has(n)) mismatches.push(`${path.relative(corpora, jsonFile)}: ${n} expected, not among the documents`);
          if (jsonFile.endsWith(`${base}.json`)) {
            if (names.join('|') !== found.join('|')) mismatches.push(`${rel}: found ${found.join(', ')}; expected ${names.join(', ')}`);
            for (const a of expected.attachments ?? [])
              if (a.fileName && a.contentLength !== undefined && !(r.inner ?? []).some((i) => i.filename === a.fileName && i.size === a.contentLength))
                mismatches.push(`${rel}: ${a.fileName} should be ${a.contentLength} bytes`);
          }
        }
      }
    }
    expect(mismatches).toEqual([]);
  });
});
