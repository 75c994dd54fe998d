// The item page: the source (email and PDF text, evidence highlighted) beside the proposed changes, each value linked
// to its evidence; warnings, findings, risk, policy, the decision forms, postings and the audit trail.
import { html } from 'hono/html';
import type { AuditEvent } from '../audit/schema.ts';
import type { ProposedChange } from '../changes/schema.ts';
import type { PostingRecord } from '../erp/posting-repo.ts';
import type { InboundMessage, MessageDocument } from '../intake/schema.ts';
import { claimHolder } from '../review/claims.ts';
import type { ReviewItem } from '../review/schema.ts';
import type { User } from '../review/users.ts';
import { changeKinds } from '../triage/taxonomy.ts';
import type { EditRow } from './edit-form.ts';
import { humanize, kindLabel, relative, valueText } from './format.ts';
import { approveBlocker, auditPanel, policyPanel, postingsPanel, riskPanel } from './item-panels.ts';
import { csrfField, type Html } from './layout.ts';
import { placeEvidence, sourceView, type EvidenceRef } from './source-view.ts';

export interface ItemView {
  item: ReviewItem;
  message: InboundMessage;
  documents: MessageDocument[];
  audit: AuditEvent[];
  postings: PostingRecord[];
  user: User;
  csrf: string;
  /** The queue view it was opened from (query string), for next/previous and the way back. */
  search: string;
  nav: { prev: string | null; next: string | null; position: number | null; total: number };
  now: Date;
  /** After a refused edit: the rows as typed and the error of each field. */
  edit?: { rows: EditRow[]; errors: Record<string, string>; orderRef: string };
}

const norm = (s: string) => s.toLowerCase().replace(/[\s,]/g, '');

/** The evidence a value was read from: the quote that contains it, else the change's first evidence. */
export function evidenceIndex(change: ProposedChange, value: ProposedChange['to']): number | null {
  if (value == null || !change.evidence.length) return null;
  const at = change.evidence.findIndex((e) => norm(e.quote).includes(norm(String(value))));
  return at >= 0 ? at : 0;
}

export function evidenceRefs(item: ReviewItem): EvidenceRef[] {
  return [
    ...(item.orderRef?.evidence ?? []).map((ev, j) => ({ ev, id: `ev-ref-${j}`, group: 'ref' })),
    ...item.changes.flatMap((c, i) => c.evidence.map((ev, j) => ({ ev, id: `ev-${i}-${j}`, group: `c${i}` }))),
  ];
}

const valueLink = (change: ProposedChange, i: number, value: ProposedChange['to']) => {
  const j = evidenceIndex(change, value);
  if (value == null) return html`<span class="muted">—</span>`;
  return j == null ? html`<span class="value unlinked" title="no evidence: typed by a person or not found">${valueText(value)}</span>` : html`<a class="value ev-link" href="#ev-${i}-${j}" data-ev="c${i}">${valueText(value)}</a>`;
};

function changesTable(v: ItemView, missing: Set<string>, moved: Set<string>): Html {
  const { item } = v;
  const docName = (id: string) => v.documents.find((d) => d.id === id)?.filename ?? 'message';
  return html`<table class="changes">
    <thead><tr><th>#</th><th>Change</th><th>Item</th><th>From</th><th>To</th><th>Conf.</th><th>Evidence</th></tr></thead>
    ${item.changes.map((c, i) => {
      const findings = item.findings.filter((f) => f.changeIndex === i);
      const notes = [
        ...c.warnings.map((w) => html`<li class="warn">${w}</li>`),
        ...findings.map((f) => html`<li class="finding-${f.severity}">${f.message}</li>`),
        ...c.evidence.flatMap((e, j) => missing.has(`ev-${i}-${j}`) ? [html`<li class="warn">evidence not found in the source: “${e.quote}”</li>`] : moved.has(`ev-${i}-${j}`) ? [html`<li class="warn">evidence found at another place than recorded: “${e.quote}”</li>`] : []),
      ];
      return html`<tbody class="change" data-group="c${i}">
        <tr><td>${i + 1}</td><td>${kindLabel(c.kind)}${c.source === 'human' ? html` <span class="badge">human</span>` : ''}</td>
          <td class="mono">${c.sku == null ? html`<span class="muted">order</span>` : valueLink(c, i, c.sku)}</td>
          <td>${valueLink(c, i, c.from)}</td><td class="to">${valueLink(c, i, c.to)}</td>
          <td class="${c.confidence < 0.6 ? 'warn' : ''}">${c.confidence.toFixed(2)}</td>
          <td class="small">${c.evidence.map((e, j) => html`<a class="ev-link quote" href="#ev-${i}-${j}" data-ev="c${i}">“${e.quote}”</a> <span class="muted">${docName(e.documentId)}${e.page ? ` p.${e.page}` : ''}</span><br>`)}</td></tr>
        ${notes.length ? html`<tr class="notes"><td></td><td colspan="6"><ul>${notes}</ul></td></tr>` : ''}
      </tbody>`;
    })}
    ${item.changes.length ? '' : html`<tbody><tr><td colspan="7" class="empty">No change was extracted. Add one with Edit, or reject the item.</td></tr></tbody>`}
  </table>`;
}

const input = (name: string, value: string, errors: Record<string, string>, attrs = '') =>
  html`<input name="${name}" value="${value}" class="${errors[name] ? 'invalid' : ''}" ${attrs} aria-invalid="${errors[name] ? 'true' : 'false'}">${errors[name] ? html`<div class="error">${errors[name]}</div>` : ''}`;

function editForm(v: ItemView): Html {
  const errors = v.edit?.errors ?? {};
  const rows: EditRow[] = v.edit?.rows ?? v.item.changes.map((c) => ({ kind: c.kind, sku: c.sku ?? '', from: c.from == null ? '' : String(c.from), to: c.to == null ? '' : String(c.to), remove: false }));
  const all = [...rows, { kind: '', sku: '', from: '', to: '', remove: false }];
  const row = (r: EditRow, i: number) => html`<tr class="edit-row">
    <td><select name="c${i}_kind" class="${errors[`c${i}_kind`] ? 'invalid' : ''}"><option value="">${i < rows.length ? '—' : '+ add a change'}</option>${changeKinds.map((k) => html`<option value="${k}" ${r.kind === k ? 'selected' : ''}>${kindLabel(k)}</option>`)}</select></td>
    <td>${input(`c${i}_sku`, r.sku, errors, 'size="12" placeholder="item code"')}</td>
    <td>${input(`c${i}_from`, r.from, errors, 'size="10" placeholder="from"')}</td>
    <td>${input(`c${i}_to`, r.to, errors, 'size="14" placeholder="to"')}</td>
    <td>${i < rows.length ? html`<label class="small"><input type="checkbox" name="c${i}_remove" ${r.remove ? 'checked' : ''}> remove</label>` : ''}</td></tr>`;
  return html`<form method="post" action="/ui/items/${v.item.id}/edit${v.search ? `?${v.search}` : ''}" id="edit-form" novalidate>
    ${csrfField(v.csrf)}<input type="hidden" name="version" value="${v.item.version}">
    <label>Order reference ${input('orderRef', v.edit?.orderRef ?? v.item.orderRef?.value ?? '', errors, 'size="16"')}</label>
    <table class="edit"><thead><tr><th>Change</th><th>Item</th><th>From</th><th>To</th><th></th></tr></thead><tbody>${all.map(row)}</tbody></table>
    ${errors.version ? html`<div class="error">${errors.version}</div>` : ''}
    <p class="muted small">An edit makes version ${v.item.version + 1}: it is validated per kind and checked against the ERP again, and approvals of earlier versions stop counting.</p>
    <button class="primary">Save changes</button> <button type="button" data-action="close-panel">Cancel</button>
  </form>`;
}

function actions(v: ItemView): Html {
  const { item, user } = v;
  if (item.status !== 'pending') return html``;
  const holder = claimHolder(item, v.now);
  const blocker = approveBlocker(item, user);
  const q = v.search ? `?${v.search}` : '';
  return html`<section class="panel actions" id="actions">
    <div class="claim">${holder ? html`Claimed by <strong>${holder}</strong> until ${relative(item.assignment!.leaseExpiresAt, v.now).replace(/^in /, '')} from now.` : 'Nobody is working on this item.'}
      ${holder === user.id || (holder && user.role === 'admin')
        ? html`<form method="post" action="/ui/items/${item.id}/release${q}" class="inline">${csrfField(v.csrf)}<button>Release</button></form>`
        : !holder ? html`<form method="post" action="/ui/items/${item.id}/claim${q}" class="inline" id="claim-form">${csrfField(v.csrf)}<button>Claim <kbd>c</kbd></button></form>` : ''}
    </div>
    <form method="post" action="/ui/items/${item.id}/approve${q}" id="approve-form" class="decision">
      ${csrfField(v.csrf)}<input type="hidden" name="version" value="${item.version}">
      <input name="comment" placeholder="comment (optional)" maxlength="2000">
      <button class="primary" id="approve-btn" ${blocker ? 'disabled' : ''}>Approve version ${item.version} <kbd>a</kbd></button>
      ${blocker ? html`<div class="muted small" id="approve-why">${blocker}</div>` : ''}
    </form>
    <details id="reject-panel"><summary>Reject <kbd>r</kbd></summary>
      <form method="post" action="/ui/items/${item.id}/reject${q}" id="reject-form">
        ${csrfField(v.csrf)}<input type="hidden" name="version" value="${item.version}">
        <textarea name="reason" required maxlength="2000" rows="2" placeholder="why (required; the customer service log keeps it)"></textarea>
        <button class="danger">Reject</button>
      </form></details>
    <details id="edit-panel" ${v.edit ? 'open' : ''}><summary>Edit changes <kbd>e</kbd></summary>${editForm(v)}</details>
  </section>`;
}

export function itemBody(v: ItemView): Html {
  const { item } = v;
  const { marks, missing, moved } = placeEvidence(v.documents, evidenceRefs(item));
  const missingIds = new Set(missing.map((m) => m.id));
  const movedIds = new Set(moved.map((m) => m.id));
  const q = v.search ? `?${v.search}` : '';
  const overdue = item.status === 'pending' && new Date(item.sla.dueAt) < v.now;
  const pendingPost = item.status === 'approved' && v.postings.some((p) => p.status === 'pending');
  const itemFindings = item.findings.filter((f) => f.changeIndex == null);
  return html`<div class="item-head" data-item="${item.id}" data-status="${item.status}" ${pendingPost ? 'data-awaiting-post' : ''}>
      <a href="/ui/queue${q}" class="back" id="back-link">← queue <kbd>u</kbd></a>
      <h1>${v.message.subject ?? '(no subject)'}</h1>
      <div class="meta">
        <span class="badge status-${item.status}" id="item-status">${humanize(item.status)}</span>
        <span>${humanize(item.category)}</span>
        <span class="badge risk-${item.risk.band}">${item.risk.band} risk</span>
        ${item.status === 'pending' ? html`<span class="${overdue ? 'overdue' : ''}">due ${relative(item.sla.dueAt, v.now)}${item.sla.priority === 'high' ? ' (high priority)' : ''}</span>` : ''}
        <span class="muted">version ${item.version} · ${item.id}</span>
        <span class="nav">${v.nav.position ? html`${v.nav.position} of ${v.nav.total} ` : ''}
          ${v.nav.prev ? html`<a href="/ui/items/${v.nav.prev}${q}" id="prev-link" rel="prev">← <kbd>k</kbd></a>` : ''}
          ${v.nav.next ? html`<a href="/ui/items/${v.nav.next}${q}" id="next-link" rel="next">next <kbd>j</kbd> →</a>` : html`<span class="muted">last in this view</span>`}</span>
      </div>
    </div>
    <div class="item-grid">
      <section class="source" id="source"><h2>Source</h2>${sourceView(v.message, v.documents, marks)}</section>
      <section class="proposal">
        <h2>Proposed changes ${item.orderRef ? html`for order ${item.orderRef.evidence.length ? html`<a class="value ev-link mono" href="#ev-ref-0" data-ev="ref">${item.orderRef.value}</a>` : html`<span class="value unlinked mono" title="not found in the documents (see the warnings)">${item.orderRef.value}</span>`}` : html`<span class="warn">no order reference</span>`}</h2>
        ${item.needsManual ? html`<div class="callout warn"><strong>Needs manual handling:</strong> ${item.manualReasons.join('; ')}</div>` : ''}
        ${item.rejection ? html`<div class="callout">Rejected by ${item.rejection.userId}: “${item.rejection.reason}”</div>` : ''}
        ${changesTable(v, missingIds, movedIds)}
        ${item.warnings.length || itemFindings.length || missing.some((m) => m.group === 'ref') ? html`<ul class="item-notes">
          ${item.warnings.map((w) => html`<li class="warn">${w}</li>`)}
          ${itemFindings.map((f) => html`<li class="finding-${f.severity}">${f.message}</li>`)}
          ${missing.filter((m) => m.group === 'ref').map((m) => html`<li class="warn">order reference evidence not found: “${m.ev.quote}”</li>`)}
        </ul>` : ''}
        <p class="muted small">Classified ${humanize(item.classification.category)} (${item.classification.source}, ${item.classification.confidence.toFixed(2)}) by ${item.provider.name} ${item.provider.version}${item.provider.model ? ` / ${item.provider.model}` : ''}.</p>
        ${actions(v)}
        ${postingsPanel(v.postings)}
        ${riskPanel(item)}
        ${policyPanel(item)}
        ${auditPanel(v.audit)}
      </section>
    </div>`;
}
