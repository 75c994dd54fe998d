// Side panels of the item page: risk with its factors, policy and approvals, ERP postings, the audit trail.
import { html } from 'hono/html';
import type { AuditEvent } from '../audit/schema.ts';
import type { PostingRecord } from '../erp/posting-repo.ts';
import { approvalState } from '../review/policy.ts';
import type { ReviewItem } from '../review/schema.ts';
import type { User } from '../review/users.ts';
import { pct, shortTime } from './format.ts';
import type { Html } from './layout.ts';

/** Why this user cannot approve the current version, or null when they can (the server decides again on POST). */
export function approveBlocker(item: ReviewItem, user: User): string | null {
  if (item.status !== 'pending') return `the item is ${item.status}`;
  if (!item.policy.approverRoles.includes(user.role)) return `approving needs the role ${item.policy.approverRoles.join(' or ')}; you are ${user.role}`;
  if (item.approvals.some((a) => a.version === item.version && a.userId === user.id)) return 'you have already approved this version';
  const blocking = item.findings.filter((f) => f.severity === 'error');
  if (blocking.length) return `resolve first: ${blocking.map((f) => f.message).join('; ')}`;
  if (!item.changes.length) return 'there is no change to post: edit in the changes or reject the item';
  return null;
}

export function riskPanel(item: ReviewItem): Html {
  const { risk } = item;
  const max = Math.max(0.01, ...risk.factors.map((f) => Math.abs(f.weight)));
  return html`<section class="panel" id="risk">
    <h2>Dispute risk <span class="badge risk-${risk.band}">${risk.band}</span> <span class="big">${pct(risk.probability)}</span></h2>
    <ul class="factors">${risk.factors.map((f) => html`<li>
      <svg class="weight" width="80" height="10" role="img" aria-label="weight ${f.weight.toFixed(2)}"><rect x="${f.weight >= 0 ? 40 : 40 - (Math.abs(f.weight) / max) * 40}" y="1" width="${(Math.abs(f.weight) / max) * 40}" height="8" class="${f.weight >= 0 ? 'up' : 'down'}"></rect><line x1="40" x2="40" y1="0" y2="10" class="axis"></line></svg>
      <span>${f.text}</span> <span class="muted mono">${f.weight >= 0 ? '+' : ''}${f.weight.toFixed(2)}</span></li>`)}</ul>
    <p class="muted small">${risk.isPrior ? 'Documented prior (no trained model configured). ' : ''}Model ${risk.modelVersion}.</p>
  </section>`;
}

export function policyPanel(item: ReviewItem): Html {
  const current = item.approvals.filter((a) => a.version === item.version);
  const earlier = item.approvals.filter((a) => a.version !== item.version);
  const state = approvalState(item);
  return html`<section class="panel" id="policy">
    <h2>Policy</h2>
    <p>Needs <strong>${item.policy.requiredApprovals}</strong> approval${item.policy.requiredApprovals > 1 ? 's' : ''} by ${item.policy.approverRoles.join(' or ')}.
      ${item.policy.bulkApprovable ? 'Bulk approval allowed.' : html`<strong>No bulk approval.</strong>`}</p>
    ${item.policy.rulesFired.length ? html`<ul class="rules">${item.policy.rulesFired.map((r) => html`<li><code>${r.rule}</code> ${r.reason}</li>`)}</ul>` : html`<p class="muted">No rule fired: the defaults apply.</p>`}
    <h3>Approvals of version ${item.version}</h3>
    ${current.length ? html`<ul>${current.map((a) => html`<li>${a.userId} (${a.role}) ${shortTime(a.at)}${a.comment ? html` — “${a.comment}”` : ''}</li>`)}</ul>` : html`<p class="muted">None yet.</p>`}
    ${item.status === 'pending' && !state.satisfied && current.length ? html`<p class="warn">Still needed: ${state.missing}</p>` : ''}
    ${earlier.length ? html`<p class="muted small">${earlier.length} approval(s) of earlier versions no longer count.</p>` : ''}
    ${item.editedBy.length ? html`<p class="small">Edited by ${item.editedBy.join(', ')} (four-eyes: an editor cannot be the only approver).</p>` : ''}
    <p class="muted small">Policy ${item.policy.policyVersion}.</p>
  </section>`;
}

export function postingsPanel(postings: PostingRecord[]): Html {
  if (!postings.length) return html``;
  return html`<section class="panel" id="postings"><h2>ERP postings</h2>
    <table class="compact"><thead><tr><th>version</th><th>status</th><th>attempts</th><th>ERP id</th><th>hash</th></tr></thead><tbody>
    ${postings.map((p) => html`<tr class="posting posting-${p.status}"><td>${p.version}</td><td><span class="badge status-${p.status}">${p.status}</span></td><td>${p.attempts}</td><td class="mono">${p.erpPostingId ?? '—'}</td>
      <td>${p.postedHash ? (p.postedHash === p.payloadHash ? html`<span class="ok" title="${p.payloadHash}">✓ as approved</span>` : html`<span class="warn">differs from the approved payload</span>`) : html`<span class="muted mono" title="${p.payloadHash}">${p.payloadHash.slice(0, 10)}…</span>`}</td></tr>
      ${p.lastError ? html`<tr><td colspan="5" class="warn small">${p.lastError}</td></tr>` : ''}`)}
    </tbody></table></section>`;
}

const brief = (v: unknown) => {
  if (v == null) return '';
  const s = JSON.stringify(v);
  return s.length > 240 ? `${s.slice(0, 240)}…` : s;
};

export function auditPanel(events: AuditEvent[]): Html {
  return html`<section class="panel" id="audit"><h2>Audit trail</h2>
    <table class="compact audit"><thead><tr><th>#</th><th>when</th><th>who</th><th>what</th><th>details</th></tr></thead><tbody>
    ${events.map((e) => html`<tr><td>${e.seq}</td><td class="nowrap">${shortTime(e.at)}</td><td>${e.actor.type === 'user' ? e.actor.id : html`<span class="muted">${e.actor.type}:${e.actor.id}</span>`}</td><td>${e.action}</td><td class="mono small">${brief(e.after)}</td></tr>`)}
    </tbody></table></section>`;
}
