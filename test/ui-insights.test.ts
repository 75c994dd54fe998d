// Process intelligence SQL on every backend (PGlite, and PostgreSQL when DATABASE_URL is set): decisions, edits,
// postings and stalls come out of review_items, audit_events and erp_postings as the page shows them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeInsights } from '../src/observability/insights.ts';
import { buildEml } from './support/mail.ts';
import { backends } from './support/backends.ts';
import { eventually, startStack, type Stack } from './support/stack.ts';

describe.each(backends)('insights on %s', (backend) => {
  let stack: Stack;
  const json = async (res: Response) => (await res.json()) as any;

  async function itemFor(text: string, subject: string): Promise<any> {
    const { messageId } = await json(await stack.postEml(await buildEml({ subject, text })));
    const id = await eventually(async () => (await json(await stack.request('GET', `/api/v1/messages/${messageId}`, 'dev-rep-token'))).reviewItemId, 'item', 60_000);
    return json(await stack.request('GET', `/api/v1/review-items/${id}`, 'dev-rep-token'));
  }

  beforeAll(async () => {
    stack = await startStack({ backend });
  }, 120_000);
  afterAll(() => stack?.close());

  it('counts volume, touchless approvals, edits per field, decisions, postings and stalls', async () => {
    const untouched = await itemFor('Hi, HX-2210 - make it 40 not 25 please.\n\nDave', 'PO 4500012345');
    const edited = await itemFor('Please change HX-2210 to 30 units.\n\nDave', 'PO 4500012345 qty');
    const waiting = await itemFor('HX-2210 - make it 12 not 25 pls', 'PO 4500012345 again');
    await stack.request('POST', `/api/v1/review-items/${untouched.id}/approve`, 'dev-rep-token');
    await stack.request('PATCH', `/api/v1/review-items/${edited.id}`, 'dev-rep-token', { changes: [{ kind: 'quantity', sku: 'HX-2210', from: 25, to: 35 }] });
    await stack.request('POST', `/api/v1/review-items/${edited.id}/approve`, 'dev-approver-token');
    await stack.request('POST', `/api/v1/review-items/${waiting.id}/claim`, 'dev-rep-token');
    await eventually(async () => (await json(await stack.request('GET', `/api/v1/review-items/${edited.id}`, 'dev-rep-token'))).status === 'posted', 'posted', 60_000);

    const i = await computeInsights(stack.db, stack.s.queues, { days: 7 });
    expect(i.days).toHaveLength(7);
    expect(i.volume).toEqual([{ day: i.days[6], category: 'quantity_change', count: 3 }]);
    expect(i.touchless).toEqual({ approved: 2, withoutEdit: 1, rate: 0.5 });
    expect(i.editRate).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'quantity.to', how: 'edited', count: 1, of: 2, rate: 0.5 })]));
    expect(i.editRate.map((e) => e.field)).toContain('quantity.from');
    expect(i.timeToDecision.count).toBe(2);
    expect(i.timeToFirstTouch.count).toBe(3);
    expect(i.postings.byStatus.posted).toBeGreaterThanOrEqual(1);
    expect(i.stalls.find((s) => s.stage === 'pending, claimed')?.count).toBe(1);
    expect(i.sla).toMatchObject({ escalated: 0, overdueNow: 0 });
    expect(i.queues?.map((q) => q.queue).sort()).toEqual(['parse', 'post', 'sla', 'triage']);
  }, 90_000);
});
