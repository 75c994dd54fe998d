// Claims with leases, SLA due times and escalation, on a real database and queue.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escalateOverdue, type Escalation } from '../src/review/sla.ts';
import type { ReviewItem } from '../src/review/schema.ts';
import { buildEml } from './support/mail.ts';
import { eventually, startStack, type Stack } from './support/stack.ts';

describe('claims, bulk approval and SLAs', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  }, 60_000);
  afterAll(() => stack?.close());

  const call = async (method: string, path: string, token: string, body?: unknown) => {
    const res = await stack.request(method, path, token, body);
    return { status: res.status, body: (await res.json()) as any };
  };

  async function pendingItem(text: string): Promise<ReviewItem> {
    const { messageId } = (await (await stack.postEml(await buildEml({ subject: 'PO 4500012345', text }))).json()) as { messageId: string };
    const id = await eventually(async () => (await call('GET', `/api/v1/messages/${messageId}`, 'dev-rep-token')).body.reviewItemId, 'an item');
    return (await call('GET', `/api/v1/review-items/${id}`, 'dev-rep-token')).body;
  }

  it('gives every item a due time by priority', async () => {
    const item = await pendingItem('Hi,\n\nplease change HX-3108 from 25 to 27 on PO 4500012345.\n\nDana');
    expect(item.sla.priority).toBe('normal');
    expect(Date.parse(item.sla.dueAt) - Date.parse(item.createdAt)).toBe(8 * 3_600_000);
  });

  it('lets one rep work an item at a time, while an approver can still approve', async () => {
    const item = await pendingItem('Hi,\n\nplease change AB12345 from 12 to 13 on PO 4500012345.\n\nDana');
    const claim = await call('POST', `/api/v1/review-items/${item.id}/claim`, 'dev-rep-token');
    expect(claim.status).toBe(200);
    expect(claim.body.assignment.userId).toBe('dev-rep');
    const mine = await call('GET', '/api/v1/review-items?assignee=dev-rep', 'dev-rep-token');
    expect(mine.body.items.map((i: ReviewItem) => i.id)).toContain(item.id);

    const byOther = await call('POST', `/api/v1/review-items/${item.id}/claim`, 'dev-approver-token');
    expect(byOther.status).toBe(409);
    expect(byOther.body.error.message).toMatch(/claimed by dev-rep/);
    expect((await call('POST', `/api/v1/review-items/${item.id}/reject`, 'dev-approver-token', { reason: 'no' })).status).toBe(409);
    expect((await call('POST', `/api/v1/review-items/${item.id}/release`, 'dev-approver-token')).status).toBe(403);

    expect((await call('POST', `/api/v1/review-items/${item.id}/approve`, 'dev-approver-token', {})).body.status).toBe('approved');
  });

  it('lets the holder or an admin release a claim', async () => {
    const item = await pendingItem('Hi,\n\nplease change HX-2210 from 25 to 26 on PO 4500012345.\n\nDana');
    await call('POST', `/api/v1/review-items/${item.id}/claim`, 'dev-rep-token');
    const released = await call('POST', `/api/v1/review-items/${item.id}/release`, 'dev-admin-token');
    expect(released.status).toBe(200);
    expect(released.body.assignment).toBeNull();
    expect((await call('POST', `/api/v1/review-items/${item.id}/claim`, 'dev-approver-token')).status).toBe(200);
  });

  it('bulk-approves what policy allows and leaves the rest for a one-by-one look', async () => {
    const plain = await pendingItem('Hi,\n\nplease change HX-3108 from 25 to 35 on PO 4500012345.\n\nDana');
    const price = await pendingItem('Hi,\n\nthe price of HX-2210 should be $30.00 not $38.40 on PO 4500012345.\n\nDana');
    expect([plain.policy.bulkApprovable, price.policy.bulkApprovable]).toEqual([true, false]);
    const { status, body } = await call('POST', '/api/v1/review-items/bulk-approve', 'dev-admin-token', { ids: [plain.id, price.id, 'nope'] });
    expect(status).toBe(200);
    expect(body.results).toEqual([
      { id: plain.id, ok: true, status: 'approved' },
      { id: price.id, ok: false, error: expect.stringMatching(/^unprocessable: policy asks for a one-by-one review/) },
      { id: 'nope', ok: false, error: expect.stringMatching(/^not_found/) },
    ]);
  });

  it('escalates pending items past their due time once, with an event to route', async () => {
    const item = await pendingItem('Hi,\n\nplease change VLV-200-3/4 from 60 to 66 on PO 4500012345.\n\nDana');
    const seen: Escalation[] = [];
    const later = new Date(Date.parse(item.sla.dueAt) + 60_000);
    const first = await escalateOverdue({ db: stack.db, now: () => later, notify: async (e) => void seen.push(e) });
    expect(first.map((e) => e.itemId)).toContain(item.id);
    expect(seen.find((e) => e.itemId === item.id)).toMatchObject({ priority: 'normal', dueAt: item.sla.dueAt });
    expect((await escalateOverdue({ db: stack.db, now: () => later })).map((e) => e.itemId)).not.toContain(item.id);
    const detail = (await call('GET', `/api/v1/review-items/${item.id}`, 'dev-rep-token')).body;
    expect(detail.sla.escalatedAt).toBe(later.toISOString());
    expect(detail.audit.at(-1).action).toBe('review_item.escalated');
    const byDue = (await call('GET', '/api/v1/review-items?status=pending&sort=due', 'dev-rep-token')).body.items.map((i: ReviewItem) => i.sla.dueAt);
    expect(byDue).toEqual([...byDue].sort());
  });
});
