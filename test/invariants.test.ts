// A randomised run over many items: random edits, approvals, rejections, ERP faults and worker restarts, then the
// governance invariants of PRODUCT.md are checked on everything that happened.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../src/audit/audit-log.ts';
import { postingsForItem } from '../src/erp/posting-repo.ts';
import { listReviewItems } from '../src/review/review-repo.ts';
import type { ReviewItem } from '../src/review/schema.ts';
import { hashJson } from '../src/shared/hash.ts';
import { backends } from './support/backends.ts';
import { buildEml } from './support/mail.ts';
import { eventually, startStack, type Stack } from './support/stack.ts';

/** A small seeded PRNG (mulberry32), so a failing run can be replayed with its seed. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!, int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)) };
}

const SEED = Number(process.env.INVARIANT_SEED ?? 20261127);
const tokens = { 'dev-rep': 'dev-rep-token', 'dev-approver': 'dev-approver-token', 'dev-admin': 'dev-admin-token' } as const;
type UserId = keyof typeof tokens;
const lines = [['HX-2210', 25, 38.4], ['HX-3108', 25, 14.75], ['VLV-200-3/4', 60, 18.95], ['AB12345', 12, 46.2]] as const;

describe.each(backends)(`governance invariants under random operations on %s (seed ${SEED})`, (backend) => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ backend, postAttempts: 2 });
  }, 60_000);
  afterAll(() => stack?.close());

  it('never posts without a policy-satisfying approval, never twice, and posts exactly what was approved', async () => {
    const rnd = prng(SEED);
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) {
      const [sku, qty] = rnd.pick(lines);
      const raw = await buildEml({ subject: `PO 4500012345 change ${i}`, text: `Hi,\n\nplease change ${sku} from ${qty} to ${qty + 1 + i} on PO 4500012345.\n\nDana (${i})`, messageId: `<inv-${backend}-${SEED}-${i}@acme-mfg.com>` });
      const { messageId } = (await (await stack.postEml(raw)).json()) as { messageId: string };
      ids.push(await eventually(async () => ((await (await stack.request('GET', `/api/v1/messages/${messageId}`, 'dev-rep-token')).json()) as any).reviewItemId, 'item'));
    }

    const randomChanges = () => {
      const shape = rnd.int(0, 3);
      const [sku, qty, price] = rnd.pick(lines);
      if (shape === 0) return [{ kind: 'quantity', sku, from: qty, to: qty + rnd.int(1, 20) }];
      if (shape === 1) return [{ kind: 'price', sku, from: price, to: Math.round(price * (0.7 + rnd.next() * 0.2) * 100) / 100 }];
      if (shape === 2) return [{ kind: 'ship_to', sku: null, from: null, to: `Dock ${rnd.int(1, 9)}, 1400 Industrial Pkwy, Dayton, OH 45414` }];
      return [{ kind: 'quantity', sku, from: qty, to: qty + 2 }, { kind: 'delivery_date', sku: null, from: null, to: '2026-12-18' }];
    };

    const statuses: number[] = [];
    for (let op = 0; op < 220; op++) {
      const id = rnd.pick(ids);
      const user = rnd.pick(Object.keys(tokens) as UserId[]);
      const roll = rnd.next();
      let res: Response | null = null;
      if (roll < 0.35) res = await stack.request('PATCH', `/api/v1/review-items/${id}`, tokens[user], { changes: randomChanges(), orderRef: '4500012345' });
      else if (roll < 0.7) res = await stack.request('POST', `/api/v1/review-items/${id}/approve`, tokens[user], {});
      else if (roll < 0.74) res = await stack.request('POST', `/api/v1/review-items/${id}/reject`, tokens[user], { reason: 'random rejection' });
      else if (roll < 0.86) stack.sim.state.faults = { failNextPosts: rnd.int(1, 3), status: rnd.pick([500, 503, 422]), failAfterApply: rnd.next() < 0.5 };
      else if (roll < 0.92) await stack.restartWorkers();
      else res = await stack.request('POST', `/api/v1/review-items/${id}/repost`, 'dev-admin-token');
      if (res) statuses.push(res.status);
    }
    expect(statuses.filter((s) => s >= 500)).toEqual([]);

    // Let everything settle: no more faults, re-drive whatever failed, wait until nothing is in flight.
    stack.sim.state.faults = {};
    await eventually(async () => {
      const { items } = await listReviewItems(stack.db, { limit: 100, offset: 0 });
      for (const i of items.filter((x) => x.status === 'post_failed')) await stack.request('POST', `/api/v1/review-items/${i.id}/repost`, 'dev-admin-token');
      return items.every((i) => i.status !== 'approved' && i.status !== 'post_failed');
    }, 'all approved items to be posted', 60_000);

    const { items } = await listReviewItems(stack.db, { limit: 100, offset: 0 });
    const byId = new Map<string, ReviewItem>(items.map((i) => [i.id, i]));
    const simPostings = stack.sim.state.postings.filter((p) => byId.has(p.payload.reviewItemId));
    for (const item of items) {
      const posted = simPostings.filter((p) => p.payload.reviewItemId === item.id);
      // Invariant 2: at most one ERP change per item; posted exactly when the item says so.
      expect(posted.length, `${item.id} postings`).toBe(item.status === 'posted' ? 1 : 0);
      if (!posted[0]) continue;
      const p = posted[0];
      // Invariant 1: a recorded human approval that satisfies policy for the posted version.
      const approvals = item.approvals.filter((a) => a.version === p.payload.version && item.policy.approverRoles.includes(a.role));
      const people = new Set(approvals.map((a) => a.userId));
      expect(p.payload.version).toBe(item.version);
      expect(people.size).toBeGreaterThanOrEqual(item.policy.requiredApprovals);
      expect([...people].some((u) => !item.editedBy.includes(u)), 'four-eyes').toBe(true);
      expect([...people].every((u) => u in tokens), 'only humans approve').toBe(true);
      expect(new Set(p.payload.approvedBy)).toEqual(people);
      // Invariant 2: what the ERP received hashes to what was approved.
      const [outbox] = await postingsForItem(stack.db, item.id);
      expect(p.payloadHash).toBe(outbox!.payloadHash);
      expect(hashJson(p.payload)).toBe(outbox!.payloadHash);
      expect(outbox!.postedHash).toBe(outbox!.payloadHash);
    }
    // Invariant 4: every state change is audited and the chain verifies.
    expect(await verifyAuditChain(stack.db)).toMatchObject({ ok: true });
    expect(items.some((i) => i.status === 'posted')).toBe(true);
    if (process.env.INVARIANT_VERBOSE) console.log(items.map((i) => `${i.status} v${i.version} ${i.policy.rulesFired.map((r) => r.rule).join('+')}`), statuses.join(' '));
  }, 180_000);
});
