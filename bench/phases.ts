// The measured phases of `npm run bench`, each a plain function returning its figures.
import { randomUUID } from 'node:crypto';
import { simpleParser } from 'mailparser';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { acceptMessage } from '../src/intake/accept-message.ts';
import { parseMime } from '../src/intake/parse-mime.ts';
import { isPdf, pdfPages } from '../src/intake/pdf-text.ts';
import type { Services } from '../src/runtime/services.ts';
import type { createApi } from '../src/api/app.ts';
import type { Mix } from './inputs.ts';
import { percentile, progress } from './stats.ts';

/** mailparser + pdf-parse on the same inputs, one after another: no queue, no database. */
export async function parseOnly(mix: Mix): Promise<{ msgsPerSec: number }> {
  const tick = progress('parse-only');
  const start = performance.now();
  for (const [i, m] of mix.entries()) {
    const mail = await simpleParser(m.raw);
    for (const a of mail.attachments) if (isPdf(a.content, a.contentType, a.filename ?? null)) await pdfPages(a.content);
    tick(i + 1, mix.length);
  }
  return { msgsPerSec: mix.length / ((performance.now() - start) / 1000) };
}

/** BullMQ alone: n no-op jobs through one worker at the pipeline's concurrency. */
export async function noopQueue(redisUrl: string, n: number, concurrency: number): Promise<{ jobsPerSec: number }> {
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const prefix = `bench-noop-${randomUUID().slice(0, 8)}`;
  const queue = new Queue('noop', { connection, prefix });
  let done = 0;
  const finished = new Promise<void>((resolve) => {
    const worker = new Worker('noop', async () => {}, { connection, prefix, concurrency });
    worker.on('completed', () => {
      if (++done === n) void worker.close().then(resolve);
    });
  });
  const start = performance.now();
  await queue.addBulk(Array.from({ length: n }, (_, i) => ({ name: 'noop', data: { i }, opts: { jobId: `noop-${i}`, removeOnComplete: true } })));
  await finished;
  const jobsPerSec = n / ((performance.now() - start) / 1000);
  await queue.obliterate({ force: true });
  await queue.close();
  connection.disconnect();
  return { jobsPerSec };
}

const countTriaged = async (s: Services, ids: string[]) =>
  Number((await s.db.query<{ n: string | number }>(`SELECT count(*) AS n FROM review_items WHERE message_id = ANY($1)`, [ids]))[0]!.n);

async function waitTriaged(s: Services, ids: string[], label: string, timeoutMs = 600_000) {
  const tick = progress(label);
  const end = Date.now() + timeoutMs;
  for (;;) {
    const n = await countTriaged(s, ids);
    tick(n, ids.length);
    if (n >= ids.length) return;
    if (Date.now() > end) throw new Error(`${label}: only ${n} of ${ids.length} messages became review items in ${timeoutMs / 1000}s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const intake = (s: Services, raw: Buffer) => acceptMessage(raw, 'api', { type: 'system', id: 'bench' }, { ...s, maxMessageBytes: s.config.maxMessageBytes });

/** The whole pipeline, intake to review item, as fast as it goes. */
export async function pipeline(s: Services, mix: Mix): Promise<{ msgsPerSec: number }> {
  const start = performance.now();
  const ids: string[] = [];
  for (const m of mix) ids.push((await intake(s, m.raw)).messageId);
  await waitTriaged(s, ids, 'pipeline');
  return { msgsPerSec: mix.length / ((performance.now() - start) / 1000) };
}

/** Intake-to-review-item latency with messages arriving at `ratePerSec` (an open loop: arrivals do not wait). */
export async function latencyAtRate(s: Services, mix: Mix, ratePerSec: number): Promise<{ p50: number; p95: number; p99: number }> {
  const ids: string[] = [];
  const start = performance.now();
  await Promise.all(mix.map(async (m, i) => {
    const at = (i / ratePerSec) * 1000;
    await new Promise((r) => setTimeout(r, Math.max(0, at - (performance.now() - start))));
    ids.push((await intake(s, m.raw)).messageId);
  }));
  await waitTriaged(s, ids, `latency at ${ratePerSec.toFixed(1)} msg/s`);
  const rows = await s.db.query<{ ms: number }>(
    `SELECT EXTRACT(EPOCH FROM (r.created_at - m.received_at)) * 1000 AS ms FROM review_items r JOIN messages m ON m.id = r.message_id WHERE m.id = ANY($1)`,
    [ids],
  );
  const ms = rows.map((r) => Number(r.ms));
  return { p50: percentile(ms, 50), p95: percentile(ms, 95), p99: percentile(ms, 99) };
}

/** Fills the review queue to `total` items (copies of a real item) in one statement per table. */
export async function fillReviewQueue(s: Services, total: number): Promise<void> {
  const [row] = await s.db.query<{ data: Record<string, unknown>; message_id: string }>('SELECT data, message_id FROM review_items LIMIT 1');
  if (!row) throw new Error('no review item to copy');
  const [{ n }] = (await s.db.query<{ n: string | number }>('SELECT count(*) AS n FROM review_items')) as [{ n: string | number }];
  const missing = total - Number(n);
  if (missing <= 0) return;
  const tag = randomUUID().slice(0, 8);
  await s.db.query(
    `INSERT INTO messages (id, channel, sha256, size, status, received_at)
     SELECT 'bench-${tag}-' || g, 'api', md5('${tag}' || g) || md5('${tag}' || g), 1000, 'triaged', now() - (g || ' seconds')::interval
     FROM generate_series(1, $1::int) g`,
    [missing],
  );
  await s.db.query(
    `INSERT INTO review_items (id, message_id, status, category, needs_manual, risk_band, risk_probability, version, data, created_at, updated_at, priority, due_at)
     SELECT 'bench-${tag}-' || g, 'bench-${tag}-' || g, (ARRAY['pending','approved','rejected','posted'])[1 + g % 4],
            (ARRAY['quantity_change','date_change','price_change','cancellation'])[1 + g % 4], false,
            (ARRAY['low','medium','high'])[1 + g % 3], (g % 100) / 100.0, 1,
            jsonb_set(jsonb_set(jsonb_set($2::jsonb, '{id}', to_jsonb('bench-${tag}-' || g)), '{messageId}', to_jsonb('bench-${tag}-' || g)),
                      '{status}', to_jsonb((ARRAY['pending','approved','rejected','posted'])[1 + g % 4])),
            now() - (g || ' seconds')::interval, now(), 'normal', now() + ((g % 600) || ' minutes')::interval
     FROM generate_series(1, $1::int) g`,
    [missing, JSON.stringify(row.data)],
  );
  await s.db.exec('ANALYZE review_items; ANALYZE messages;');
}

/** p99 of listing the queue (filters, sorts, pages) and of opening an item, through the real API in-process. */
export async function reviewApi(api: ReturnType<typeof createApi>, s: Services, requests: number): Promise<{ listP99: number; getP99: number }> {
  const ids = (await s.db.query<{ id: string }>('SELECT id FROM review_items ORDER BY random() LIMIT $1', [requests])).map((r) => r.id);
  const headers = { authorization: 'Bearer dev-rep-token' };
  const lists = ['status=pending&sort=due', 'status=pending&sort=risk', 'category=price_change', 'riskBand=high&status=pending', ''];
  const timed = async (path: string) => {
    const t = performance.now();
    const res = await api.request(path, { headers });
    if (res.status !== 200) throw new Error(`${path}: HTTP ${res.status}`);
    await res.arrayBuffer();
    return performance.now() - t;
  };
  const list: number[] = [];
  const get: number[] = [];
  const tick = progress('review API');
  for (let i = 0; i < requests; i++) {
    list.push(await timed(`/api/v1/review-items?${lists[i % lists.length]}&limit=50&offset=${(i * 50) % 2000}`));
    get.push(await timed(`/api/v1/review-items/${ids[i % ids.length]}`));
    tick(i + 1, requests);
  }
  return { listP99: percentile(list, 99), getP99: percentile(get, 99) };
}

/** Parses large-PDF messages one after another, as the parse stage does; the caller samples the RSS. */
export async function ingestLarge(raws: Buffer[]): Promise<number> {
  let pages = 0;
  for (const raw of raws) {
    const parsed = await parseMime(raw, randomUUID());
    if ('documents' in parsed) pages += parsed.documents.reduce((s, d) => s + d.pages.length, 0);
  }
  return pages;
}
