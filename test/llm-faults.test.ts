// LLM endpoint faults (issue #10): while a batch flows, the OpenAI-compatible endpoint answers 500, then 429 with
// Retry-After, then hangs past the client timeout, then recovers. Two deployments share the one outage: one whose
// CHANGEDESK_LLM_FALLBACK_AFTER_S outlasts it (messages wait, the LLM extracts them after recovery) and one whose
// fallback is shorter (messages that waited past it are extracted offline and say so). Either way every message ends
// as exactly one review item and the audit chain verifies.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../src/audit/audit-log.ts';
import { acceptMessage } from '../src/intake/accept-message.ts';
import type { ReviewItem } from '../src/review/schema.ts';
import { backends } from './support/backends.ts';
import { startFakeOpenAi, type FakeOpenAi, type FakeReply, type FakeRequest } from './support/fake-openai.ts';
import { buildEml } from './support/mail.ts';
import { startStack, type Stack } from './support/stack.ts';

// The outage, in ms from its start: 500s, then 429s asking for RETRY_AFTER_S, then requests that never answer.
// Sized against the client's budget below: a call spends at most ~3.3 s (2 requests, 1 s timeout, ≤ 1.25 s backoff),
// so the falling-back deployment's probes (one when its fallback opens, the next 30 s later) end before recovery.
const PHASES = { serverErrorUntil: 2000, rateLimitUntil: 6000, hangUntil: 12_000 };
const RETRY_AFTER_S = 2;
const TIMEOUT_S = 1;
// Longer than the outage plus a call spanning recovery, so nothing falls back; and shorter than it, so all do.
const WAIT_FALLBACK_S = 20;
const SHORT_FALLBACK_S = 3;
const BATCH = 40;
const AFTER_RECOVERY = 10;
// A bound on the whole run, so a stuck pipeline fails with a tally instead of hanging CI.
const SETTLE_MS = Number(process.env.LLM_FAULT_SETTLE_S ?? 40) * 1000;
const backend = backends.at(-1)!; // the real PostgreSQL when DATABASE_URL is set, else PGlite

type Deployment = 'wait' | 'fallback';
const modelOf: Record<Deployment, string> = { wait: 'fake-wait', fallback: 'fake-fallback' };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The quantity each message asks for is unique, so every request and answer can be traced to its message. */
const quantityIn = (text: string) => Number(/HX-2210 from 25 to (\d+)/.exec(text)?.[1] ?? NaN);

/** What the endpoint says to a request arriving `ms` into the outage; a model that knows the message afterwards. */
function replyAt(ms: number, r: FakeRequest): FakeReply {
  if (ms < PHASES.serverErrorUntil) return { status: 500 };
  if (ms < PHASES.rateLimitUntil) return { status: 429, retryAfter: String(RETRY_AFTER_S) };
  if (ms < PHASES.hangUntil) return { hang: true };
  const n = quantityIn(r.data);
  const quote = `change HX-2210 from 25 to ${n}`;
  if (r.task === 'extraction')
    return { json: { orderRef: { value: '4500012345', source: 'B1', quote: 'PO 4500012345' }, changes: [{ kind: 'quantity', sku: 'HX-2210', from: 25, to: n, source: 'B1', quote, confidence: 0.95 }], lineItemRows: [] } };
  if (r.task === 'classification') return { json: { category: 'quantity_change', confidence: 0.9, source: 'B1', quote } };
  if (r.task?.includes('risk')) return { json: { signals: [] } };
  return { status: 400 };
}

describe(`LLM endpoint faults while ${BATCH} messages per deployment flow (${backend})`, () => {
  let fake: FakeOpenAi;
  const stacks = {} as Record<Deployment, Stack>;
  const sent: Record<Deployment, Map<number, string>> = { wait: new Map(), fallback: new Map() };
  let t0 = 0;

  beforeAll(async () => {
    fake = await startFakeOpenAi();
    const env = (d: Deployment, fallbackS: number) => ({
      CHANGEDESK_PROVIDER: 'openai', OPENAI_BASE_URL: fake.baseURL, OPENAI_API_KEY: 'sk-test', CHANGEDESK_LLM_MODEL: modelOf[d],
      CHANGEDESK_LLM_CACHE: 'false', CHANGEDESK_LLM_TIMEOUT_S: String(TIMEOUT_S), CHANGEDESK_LLM_MAX_RETRIES: '1',
      CHANGEDESK_LLM_FALLBACK_AFTER_S: String(fallbackS), LOG_LEVEL: 'silent',
    });
    [stacks.wait, stacks.fallback] = await Promise.all([
      startStack({ backend, env: env('wait', WAIT_FALLBACK_S) }),
      startStack({ backend, env: env('fallback', SHORT_FALLBACK_S) }),
    ]);
  }, 90_000);

  afterAll(async () => {
    await Promise.all(Object.values(stacks).map((s) => s.close().catch(() => {})));
    await fake?.close();
  }, 60_000);

  async function send(d: Deployment, n: number) {
    const s = stacks[d].s;
    const raw = await buildEml({ subject: `PO 4500012345 (${d} ${n})`, text: `Hi,\n\nOn PO 4500012345 please change HX-2210 from 25 to ${n}.\n\nDana`, messageId: `<llm-fault-${d}-${n}@acme-mfg.com>` });
    const { messageId } = await acceptMessage(raw, 'api', { type: 'system', id: 'llm-fault-test' }, { ...s, maxMessageBytes: s.config.maxMessageBytes });
    sent[d].set(n, messageId);
  }

  async function itemsOf(d: Deployment) {
    const rows = await stacks[d].db.query<{ data: ReviewItem; created_at: Date; received_at: Date }>(
      'SELECT r.data, r.created_at, m.received_at FROM review_items r JOIN messages m ON m.id = r.message_id');
    return rows.map((r) => ({ item: r.data, createdAt: new Date(r.created_at).getTime(), receivedAt: new Date(r.received_at).getTime() }));
  }

  it('loses nothing, duplicates nothing, waits for the LLM or falls back as configured', async () => {
    t0 = Date.now();
    fake.respond((r) => replyAt(r.at - t0, r));
    // The batch arrives as the outage begins (both deployments at once), a second one after recovery.
    for (let i = 0; i < BATCH; i++) await Promise.all([send('wait', 100 + i), send('fallback', 300 + i)]);
    const sentIn = Date.now() - t0;
    expect(sentIn, 'the first batch arrived during the outage').toBeLessThan(PHASES.hangUntil);
    await sleep(PHASES.hangUntil - (Date.now() - t0) + 200);
    for (let i = 0; i < AFTER_RECOVERY; i++) await send('wait', 200 + i);

    const total = (d: Deployment) => sent[d].size;
    for (;;) {
      const [w, f] = await Promise.all([itemsOf('wait'), itemsOf('fallback')]);
      if (w.length === total('wait') && f.length === total('fallback')) break;
      if (Date.now() - t0 > SETTLE_MS) {
        const tally = async (d: Deployment) => stacks[d].db.query(`SELECT status, count(*) AS n FROM messages GROUP BY status`);
        throw new Error(`not settled after ${SETTLE_MS / 1000} s: wait ${w.length}/${total('wait')} items, fallback ${f.length}/${total('fallback')} ` +
          `(${JSON.stringify({ wait: await tally('wait'), fallback: await tally('fallback') })}); the endpoint saw ${fake.requests.length} requests`);
      }
      await sleep(200);
    }
    const settledS = (Date.now() - t0) / 1000;

    // Exactly one item per message: every message triaged, none quarantined, one creation event each.
    for (const d of ['wait', 'fallback'] as const) {
      const db = stacks[d].db;
      const byStatus = await db.query<{ status: string; n: string }>(`SELECT status, count(*) AS n FROM messages GROUP BY status`);
      expect(byStatus.map((r) => [r.status, Number(r.n)]), d).toEqual([['triaged', total(d)]]);
      const created = await db.query<{ id: string; n: string }>(`SELECT correlation_id AS id, count(*) AS n FROM audit_events WHERE action = 'review_item.created' GROUP BY correlation_id`);
      expect(created.map((r) => r.id).sort(), d).toEqual([...sent[d].values()].sort());
      expect(created.every((r) => Number(r.n) === 1), d).toBe(true);
      expect(await verifyAuditChain(db), d).toMatchObject({ ok: true });
    }

    const requestsOf = (d: Deployment) => fake.requests.filter((r) => r.body.model === modelOf[d]);
    const failed = (r: FakeRequest) => r.at - t0 < PHASES.hangUntil;

    // The fallback outlasting the outage: each message waited in the queue through the faults, and the LLM extracted
    // it after recovery, from its own text.
    const waited = await itemsOf('wait');
    for (const { item } of waited) {
      const n = item.changes[0]?.to;
      expect(item.llmFallback, `wait ${n}`).toBeNull();
      expect(item.provider).toMatchObject({ name: 'openai', model: modelOf.wait });
      expect(item.llmUsage).toMatchObject({ model: modelOf.wait });
      expect(item.changes).toMatchObject([{ kind: 'quantity', sku: 'HX-2210', from: 25, source: 'model' }]);
      expect(sent.wait.get(n as number), `the answer for ${n} is its message's`).toBe(item.messageId);
    }
    const waitRequests = requestsOf('wait');
    const answered = waitRequests.filter((r) => r.task === 'extraction' && !failed(r));
    expect(new Set(answered.map((r) => quantityIn(r.data))).size).toBe(total('wait'));
    // Every message of the first batch met the outage (none slipped through before it), and waited past it.
    const refused = new Set(waitRequests.filter(failed).map((r) => quantityIn(r.data)));
    expect(refused.size, 'messages that met a fault').toBeGreaterThanOrEqual(2);
    for (const { item, createdAt } of waited) expect(createdAt - t0, `wait ${item.changes[0]?.to} extracted after recovery`).toBeGreaterThanOrEqual(PHASES.hangUntil);

    // Each fault was met and handled as the client promises: Retry-After honoured, a hung request given up at the timeout.
    const all = fake.requests;
    const kinds = { serverError: 0, rateLimited: 0, hung: 0 };
    for (const r of waitRequests) {
      const ms = r.at - t0;
      if (ms < PHASES.serverErrorUntil) kinds.serverError++;
      else if (ms < PHASES.rateLimitUntil) kinds.rateLimited++;
      else if (ms < PHASES.hangUntil) kinds.hung++;
    }
    expect(kinds.serverError, 'the waiting deployment met 500s').toBeGreaterThan(0);
    expect(kinds.rateLimited, 'and 429s').toBeGreaterThan(0);
    expect(kinds.hung, 'and hangs').toBeGreaterThan(0);
    for (const r of all) {
      const ms = r.at - t0;
      if (ms < PHASES.serverErrorUntil) continue;
      if (ms < PHASES.rateLimitUntil) {
        const next = all.find((x) => x.at > r.at && x.body.model === r.body.model && x.task === r.task && quantityIn(x.data) === quantityIn(r.data));
        if (next) expect(next.at - r.at, 'the gap after a 429 with Retry-After').toBeGreaterThanOrEqual(RETRY_AFTER_S * 1000 - 20);
      } else if (ms < PHASES.hangUntil) {
        expect(r.abandonedAt, 'a hung request is given up').not.toBeNull();
        expect(r.abandonedAt! - r.at, 'given up at the client timeout').toBeGreaterThanOrEqual(TIMEOUT_S * 1000 - 50);
        expect(r.abandonedAt! - r.at).toBeLessThan(TIMEOUT_S * 1000 + 2000);
      }
    }

    // The fallback shorter than the outage: each message extracted while the endpoint was still failing had waited
    // past it, and the offline provider extracted it, saying so. Only a probe's call spanning the recovery could reach
    // the LLM instead (the sizes above keep that from happening on an idle machine); then it answered after recovery.
    const items = await itemsOf('fallback');
    const outageSeen = Math.min(...requestsOf('fallback').map((r) => r.at));
    const fellBack = items.filter(({ item }) => item.provider.name === 'offline');
    for (const { item, createdAt } of items) {
      const n = item.changes[0]?.to;
      expect(sent.fallback.get(n as number), `fallback ${n} is its message's`).toBe(item.messageId);
      if (item.provider.name !== 'offline') {
        expect(createdAt - t0, `fallback ${n} went to the LLM only after recovery`).toBeGreaterThanOrEqual(PHASES.hangUntil);
        expect(item.llmFallback).toBeNull();
        continue;
      }
      expect(item.llmFallback, `fallback ${n}`).toMatchObject({ from: 'openai', reason: 'endpoint_down' });
      expect(item.llmFallback!.detail).toMatch(/unavailable for \d+ s/);
      expect(item.warnings.join(' ')).toMatch(/extracted by the offline provider instead of the LLM/);
      expect(item.llmUsage).toBeNull();
      expect(createdAt - outageSeen, `fallback ${n} waited past CHANGEDESK_LLM_FALLBACK_AFTER_S`).toBeGreaterThanOrEqual(SHORT_FALLBACK_S * 1000 - 50);
    }
    expect(fellBack.length, 'messages extracted offline').toBeGreaterThanOrEqual(BATCH / 2);

    const fallbackFaults = requestsOf('fallback').filter(failed).length;
    console.log(`llm faults (${backend}): ${total('wait')} messages (${BATCH} during the outage, ${refused.size} of them refused at least once) ` +
      `waited and went to the LLM, ${fellBack.length} of ${total('fallback')} fell back offline; sent in ${(sentIn / 1000).toFixed(1)} s, outage ${PHASES.hangUntil / 1000} s, ` +
      `settled after ${settledS.toFixed(1)} s; the waiting deployment met ${kinds.serverError} × 500, ${kinds.rateLimited} × 429, ${kinds.hung} hung, ` +
      `the falling-back one ${fallbackFaults} failed requests; ${all.length} requests in all`);
  }, 120_000);
});
