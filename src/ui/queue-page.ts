// The review queue: filters (status, category, risk band, SLA, assignee), sort by due time or risk, bulk approval
// where policy allows it; rows are opened with the keyboard (j/k, Enter) or a click.
import { html } from 'hono/html';
import type { InboundMessage } from '../intake/schema.ts';
import { claimHolder } from '../review/claims.ts';
import { reviewStatusSchema, type ReviewItem } from '../review/schema.ts';
import type { User } from '../review/users.ts';
import { categories } from '../triage/taxonomy.ts';
import { changeSummary, humanize, relative } from './format.ts';
import { csrfField, type Html } from './layout.ts';
import { PAGE_SIZE, queueSearch, type QueueQuery } from './queue-query.ts';

export interface QueueRow { item: ReviewItem; message: InboundMessage | null }

const option = (value: string, label: string, selected: string | undefined) => html`<option value="${value}" ${value === (selected ?? '') ? 'selected' : ''}>${label}</option>`;

/** Why this user cannot include the item in a bulk approval, or null when they can. */
export function bulkBlocker(item: ReviewItem, user: User): string | null {
  if (item.status !== 'pending') return `the item is ${item.status}`;
  if (!item.policy.bulkApprovable) return `policy asks for a one-by-one review: ${item.policy.rulesFired.map((r) => r.reason).join('; ')}`;
  if (!item.policy.approverRoles.includes(user.role)) return `needs the role ${item.policy.approverRoles.join(' or ')}`;
  if (item.needsManual) return 'needs manual handling';
  return null;
}

function filters(q: QueueQuery, users: User[]): Html {
  return html`<form method="get" action="/ui/queue" class="filters" id="filters">
    <label>Status <select name="status" data-autosubmit>${[...reviewStatusSchema.options, 'all'].map((s) => option(s, humanize(s), q.status))}</select></label>
    <label>Category <select name="category" data-autosubmit>${option('', 'any', q.category)}${categories.map((c) => option(c, humanize(c), q.category))}</select></label>
    <label>Risk <select name="riskBand" data-autosubmit>${option('', 'any', q.riskBand)}${['high', 'medium', 'low'].map((b) => option(b, b, q.riskBand))}</select></label>
    <label>SLA <select name="sla" data-autosubmit>${option('any', 'any', q.sla)}${option('overdue', 'overdue', q.sla)}${option('on_time', 'on time', q.sla)}</select></label>
    <label>Claimed by <select name="assignee" data-autosubmit>${option('', 'anyone', q.assignee)}${option('me', 'me', q.assignee)}${users.map((u) => option(u.id, u.name, q.assignee))}</select></label>
    <label>Sort <select name="sort" data-autosubmit>${option('due', 'due time', q.sort)}${option('risk', 'risk', q.sort)}${option('newest', 'newest', q.sort)}</select></label>
    <noscript><button>Apply</button></noscript>
  </form>`;
}

function row(r: QueueRow, user: User, search: string, now: Date): Html {
  const { item } = r;
  const blocker = bulkBlocker(item, user);
  const overdue = item.status === 'pending' && new Date(item.sla.dueAt) < now;
  const holder = claimHolder(item, now);
  const href = `/ui/items/${item.id}${search ? `?${search}` : ''}`;
  return html`<tr class="row" data-href="${href}" data-id="${item.id}">
    <td class="sel">${blocker ? html`<span class="lock" title="${blocker}">·</span>` : html`<input type="checkbox" name="ids" value="${item.id}" aria-label="select for bulk approval">`}</td>
    <td class="due ${overdue ? 'overdue' : ''}">${item.status === 'pending' ? relative(item.sla.dueAt, now) : '—'}${item.sla.priority === 'high' ? html` <span class="badge high">high</span>` : ''}${item.sla.escalatedAt ? html` <span class="badge overdue">escalated</span>` : ''}</td>
    <td><span class="badge risk-${item.risk.band}">${item.risk.band}</span> <span class="muted">${Math.round(item.risk.probability * 100)}%</span></td>
    <td>${humanize(item.category)}</td>
    <td class="mono">${item.orderRef?.value ?? '—'}</td>
    <td><a href="${href}" class="open">${r.message?.subject ?? '(no subject)'}</a><div class="muted small">${r.message?.from ?? ''}</div></td>
    <td class="small">${item.changes.slice(0, 3).map((c) => html`<div>${changeSummary(c)}</div>`)}${item.changes.length > 3 ? html`<div class="muted">+${item.changes.length - 3} more</div>` : ''}${item.needsManual ? html`<div class="warn">needs manual handling</div>` : ''}</td>
    <td>${holder ?? html`<span class="muted">—</span>`}</td>
    <td><span class="badge status-${item.status}">${humanize(item.status)}</span>${item.findings.some((f) => f.severity !== 'info') || item.changes.some((c) => c.warnings.length) ? html` <span class="badge warn" title="has warnings or findings">!</span>` : ''}</td>
  </tr>`;
}

export function queueBody(o: { rows: QueueRow[]; total: number; q: QueueQuery; user: User; users: User[]; csrf: string; now: Date }): Html {
  const search = queueSearch(o.q);
  const prev = o.q.offset > 0 ? queueSearch(o.q, { offset: Math.max(0, o.q.offset - PAGE_SIZE) }) : null;
  const next = o.q.offset + PAGE_SIZE < o.total ? queueSearch(o.q, { offset: o.q.offset + PAGE_SIZE }) : null;
  return html`<div class="queue-head">
      <h1>Review queue <span class="muted">${o.total} item${o.total === 1 ? '' : 's'}</span></h1>
      ${filters(o.q, o.users)}
    </div>
    <form method="post" action="/ui/bulk-approve" id="bulk">
      ${csrfField(o.csrf)}
      <input type="hidden" name="back" value="${search}">
      <table class="queue">
        <thead><tr><th></th><th>Due</th><th>Risk</th><th>Category</th><th>Order</th><th>Message</th><th>Changes</th><th>Claimed</th><th>Status</th></tr></thead>
        <tbody>${o.rows.length ? o.rows.map((r) => row(r, o.user, search, o.now)) : html`<tr><td colspan="9" class="empty">Nothing here. Change the filters, or enjoy the quiet.</td></tr>`}</tbody>
      </table>
      <div class="bulk-bar">
        <button type="submit" class="primary" data-bulk>Approve selected</button>
        <span class="muted">Only items whose policy allows bulk approval can be selected (x). Others need a one-by-one look.</span>
        <span class="pager">${prev != null ? html`<a href="/ui/queue?${prev}">← previous</a>` : ''} ${next ? html`<a href="/ui/queue?${next}">next →</a>` : ''}</span>
      </div>
    </form>`;
}
