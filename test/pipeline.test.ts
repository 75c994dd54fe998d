// The walking skeleton end to end: email → review item → human decision → exactly one ERP posting, all audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../src/audit/audit-log.ts';
import { hashJson } from '../src/shared/hash.ts';
import type { ReviewItem } from '../src/review/schema.ts';
import { buildEml, buildPdf } from './support/mail.ts';
import { eventually, startStack, type Stack } from './support/stack.ts';
import { backends } from './support/backends.ts';

const REP = 'dev-rep-token';
const APPROVER = 'dev-approver-token';

describe.each(backends)('pipeline on %s', (backend) => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ backend });
  }, 60_000);
  afterAll(() => stack?.close());

  const json = async <T = any>(res: Response, status: number): Promise<T> => {
    const body = await res.json();
    expect(res.status, JSON.stringify(body)).toBe(status);
    return body as T;
  };

  async function ingest(raw: Buffer): Promise<{ messageId: string; duplicate: boolean }> {
    return json(await stack.postEml(raw), 202);
  }

  async function itemFor(messageId: string): Promise<ReviewItem & { audit: any[]; postings: any[]; canonical: any }> {
    const id = await eventually(async () => (await json<any>(await stack.request('GET', `/api/v1/messages/${messageId}`, REP), 200)).reviewItemId, `review item of ${messageId}`);
    return json(await stack.request('GET', `/api/v1/review-items/${id}`, REP), 200);
  }

  async function messageStatus(messageId: string, wanted: string) {
    return eventually(async () => {
      const m = await json<any>(await stack.request('GET', `/api/v1/messages/${messageId}`, REP), 200);
      return m.status === wanted ? m : null;
    }, `message ${messageId} ${wanted}`);
  }

  const changeNotice = async (po: string, rows: string[], messageId?: string) =>
    buildEml({
      subject: `Change notice for PO ${po}`,
      text: 'Hi team,\n\nplease see the attached change notice and update the order accordingly.\n\nThanks,\nDana',
      messageId,
      attachments: [{ filename: `change-notice-${po}.pdf`, contentType: 'application/pdf', content: await buildPdf(`PURCHASE ORDER CHANGE NOTICE - PO ${po}`, ['Item        Description            Old Qty    New Qty', ...rows]) }],
    });

  it('turns an email with a PDF into a pending item, and an approval into exactly one ERP posting', async () => {
    const { messageId, duplicate } = await ingest(await changeNotice('4500012345', ['HX-2210     Hex cap screw M10     25         40']));
    expect(duplicate).toBe(false);
    const item = await itemFor(messageId);
    expect(item.status).toBe('pending');
    expect(item.category).toBe('quantity_change');
    expect(item.canonical).toEqual({ category: 'quantity_change', orderRef: '4500012345', changes: [{ kind: 'quantity', sku: 'HX-2210', from: 25, to: 40 }] });
    const evidence = item.changes[0]!.evidence[0]!;
    expect(evidence.page).toBe(1);
    expect(evidence.quote).toMatch(/40/);
    expect(item.risk).toMatchObject({ band: 'low', isPrior: true });

    const approved = await json<ReviewItem>(await stack.request('POST', `/api/v1/review-items/${item.id}/approve`, APPROVER, { comment: 'ok' }), 200);
    expect(approved.status).toBe('approved');
    const posted = await eventually(async () => {
      const it = await itemFor(messageId);
      return it.status === 'posted' ? it : null;
    }, 'the item to be posted');

    const simPostings = stack.sim.state.postings.filter((p) => p.payload.reviewItemId === item.id);
    expect(simPostings).toHaveLength(1);
    expect(simPostings[0]!.payload.actions).toEqual([{ op: 'set_line_quantity', sku: 'HX-2210', quantity: 40 }]);
    expect(simPostings[0]!.payloadHash).toBe(hashJson(posted.postings[0].payload));
    expect(posted.postings[0].payloadHash).toBe(simPostings[0]!.payloadHash);
    expect(posted.postings[0].postedHash).toBe(posted.postings[0].payloadHash);
    expect(posted.audit.map((e: any) => e.action)).toEqual([
      'message.received', 'message.parsed', 'review_item.created', 'review_item.approval_given', 'review_item.approved', 'review_item.posted',
    ]);
    expect(await verifyAuditChain(stack.db)).toMatchObject({ ok: true });
  });

  it('rejects with a reason and never posts', async () => {
    const { messageId } = await ingest(await changeNotice('4500012398', ['10-4471-02  Motor starter           8          10']));
    const item = await itemFor(messageId);
    const noReason = await stack.request('POST', `/api/v1/review-items/${item.id}/reject`, REP, {});
    expect(noReason.status).toBe(400);
    const rejected = await json<ReviewItem>(await stack.request('POST', `/api/v1/review-items/${item.id}/reject`, REP, { reason: 'customer called: keep 8' }), 200);
    expect(rejected).toMatchObject({ status: 'rejected', rejection: { userId: 'dev-rep', reason: 'customer called: keep 8' } });
    expect((await stack.request('POST', `/api/v1/review-items/${item.id}/approve`, APPROVER, {})).status).toBe(409);
    expect(stack.sim.state.postings.some((p) => p.payload.reviewItemId === item.id)).toBe(false);
  });

  it('posts the edited values after an edit, and the editor alone cannot approve (four-eyes)', async () => {
    const { messageId } = await ingest(await changeNotice('4500012471', ['GLV-N8-L    Nitrile gloves L       20         30']));
    const item = await itemFor(messageId);
    const bad = await stack.request('PATCH', `/api/v1/review-items/${item.id}`, REP, { changes: [{ kind: 'quantity', sku: null, from: 20, to: 35 }] });
    expect(bad.status).toBe(422);
    const edited = await json<ReviewItem>(await stack.request('PATCH', `/api/v1/review-items/${item.id}`, REP, { changes: [{ kind: 'quantity', sku: 'GLV-N8-L', from: 20, to: 35 }] }), 200);
    expect(edited).toMatchObject({ version: 2, editedBy: ['dev-rep'] });
    const byEditor = await json<ReviewItem>(await stack.request('POST', `/api/v1/review-items/${item.id}/approve`, REP, {}), 200);
    expect(byEditor.status).toBe('pending');
    await json(await stack.request('POST', `/api/v1/review-items/${item.id}/approve`, APPROVER, {}), 200);
    await eventually(async () => (await itemFor(messageId)).status === 'posted', 'the edited item to be posted');
    const [posting] = stack.sim.state.postings.filter((p) => p.payload.reviewItemId === item.id);
    expect(posting!.payload).toMatchObject({ version: 2, actions: [{ op: 'set_line_quantity', sku: 'GLV-N8-L', quantity: 35 }] });
    expect(posting!.payload.approvedBy.sort()).toEqual(['dev-approver', 'dev-rep']);
  });

  it('demands a token, and an approver where policy says so', async () => {
    expect((await stack.request('GET', '/api/v1/review-items', null)).status).toBe(401);
    expect((await stack.request('GET', '/api/v1/review-items', 'not-a-token')).status).toBe(401);
    expect((await stack.request('GET', '/openapi.json', null)).status).toBe(401);
    const doc = await json<any>(await stack.request('GET', '/openapi.json', REP), 200);
    expect(Object.keys(doc.paths)).toContain('/api/v1/review-items/{id}/approve');

    const raw = await buildEml({ subject: 'PO 4500012345 price', text: 'Hi,\n\nthe price for HX-2210 should be $32.00, not $38.40 as agreed with your rep.\n\nDana' });
    const { messageId } = await ingest(raw);
    const item = await itemFor(messageId);
    expect(item.changes.map((c) => c.kind)).toContain('price');
    expect(item.policy.rulesFired.map((r) => r.rule)).toContain('price_change_over_5pct');
    const res = await stack.request('POST', `/api/v1/review-items/${item.id}/approve`, REP, {});
    expect(res.status).toBe(403);
    expect(((await res.json()) as any).error.message).toMatch(/approver/);
  });

  it('recognises the same message sent twice and makes one item', async () => {
    const raw = await changeNotice('4500012345', ['AB12345     Bearing kit            12         18'], '<dup-test-1@acme-mfg.com>');
    const first = await ingest(raw);
    const again = await ingest(raw);
    expect(again).toMatchObject({ messageId: first.messageId, duplicate: true });
    const resent = await ingest(Buffer.from(raw.toString().replace('Hi team', 'Hi  team')));
    expect(resent).toMatchObject({ messageId: first.messageId, duplicate: true });
    await itemFor(first.messageId);
    const list = await json<any>(await stack.request('GET', '/api/v1/review-items?limit=200', REP), 200);
    expect(list.items.filter((i: ReviewItem) => i.messageId === first.messageId)).toHaveLength(1);
  });

  it('quarantines garbled MIME with a reason', async () => {
    const garbled = Buffer.concat([Buffer.from([0x00, 0x8f, 0xff, 0x13]), Buffer.from('\u0000\u0001 Subj')]);
    const { messageId } = await ingest(garbled);
    const m = await messageStatus(messageId, 'quarantined');
    expect(m.quarantineReason).toMatch(/not an RFC 822 message/);
    const list = await json<any>(await stack.request('GET', '/api/v1/messages?status=quarantined', REP), 200);
    expect(list.items.map((x: any) => x.id)).toContain(messageId);
  });

  it('turns a truncated multipart and a corrupt PDF into items that need manual handling, with reasons', async () => {
    const whole = await changeNotice('4500012398', ['PN60220     Relay                  20         25']);
    const cut = whole.subarray(0, Math.floor(whole.length * 0.6));
    const item = await itemFor((await ingest(cut)).messageId);
    expect(item.needsManual).toBe(true);
    expect(item.manualReasons.join(' ')).toMatch(/cut off|could not be read/);

    const corrupt = await buildEml({
      subject: 'Revised PO 4500012345',
      text: 'Revised PO attached.',
      attachments: [{ filename: 'revised-po.pdf', contentType: 'application/pdf', content: Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage \u0000\u0001 trailer') }],
    });
    const bad = await itemFor((await ingest(corrupt)).messageId);
    expect(bad.needsManual).toBe(true);
    expect(bad.manualReasons.join(' ')).toMatch(/revised-po\.pdf could not be read/);
  });

  it('answers health and readiness, and is not ready while draining', async () => {
    const body = await json<any>(await stack.request('GET', '/health', null), 200);
    expect(body).toEqual({ status: 'ok', checks: { database: 'ok', redis: 'ok' } });
    expect(await json(await stack.request('GET', '/ready', null), 200)).toEqual({ ready: true, reasons: [] });
    stack.s.lifecycle.draining = true;
    try {
      expect(await json(await stack.request('GET', '/ready', null), 503)).toEqual({ ready: false, reasons: ['draining: finishing in-flight jobs before exit'] });
    } finally {
      stack.s.lifecycle.draining = false;
    }
  });
});
