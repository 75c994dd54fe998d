// The per-case section of the HTML report: expected vs predicted, field by field, the differing cells marked.
import type { CanonicalChange } from '../src/changes/schema.ts';
import { caseProblems } from './score-case.ts';
import type { CaseRecord, ChangeVerdict } from './schema.ts';
import { esc } from './svg.ts';

const show = (v: unknown) => (v == null ? '<span class="null">null</span>' : esc(typeof v === 'string' ? v : JSON.stringify(v)));
const cell = (v: unknown, ok: boolean | null) => `<td class="${ok === false ? 'bad' : ok ? 'good' : ''}">${show(v)}</td>`;

function changeRows(r: CaseRecord, v: ChangeVerdict): string {
  const ex: CanonicalChange | null = v.expected == null ? null : r.expected.changes[v.expected] ?? null;
  const pr: CanonicalChange | null = v.predicted == null ? null : r.predicted?.changes[v.predicted] ?? null;
  const keyOk = v.status === 'missed' || v.status === 'spurious' ? false : true;
  const name = `change ${esc(v.kind)}${v.sku ? ` ${esc(v.sku)}` : ''}`;
  const conf = v.confidence == null ? '' : ` <span class="small">conf ${v.confidence.toFixed(2)}</span>`;
  const status = `<td class="status ${v.status === 'correct' ? 'good' : 'bad'}">${esc(v.status.replace('_', ' '))}${conf}</td>`;
  return [
    `<tr><th rowspan="3">${name}</th><td>kind + sku</td>${cell(ex ? `${ex.kind} ${ex.sku ?? '(order-wide)'}` : null, ex ? keyOk : null)}${cell(pr ? `${pr.kind} ${pr.sku ?? '(order-wide)'}` : null, pr ? keyOk : null)}${status}</tr>`,
    `<tr><td>from</td>${cell(ex?.from ?? null, v.from)}${cell(pr?.from ?? null, v.from)}<td></td></tr>`,
    `<tr><td>to</td>${cell(ex?.to ?? null, v.to)}${cell(pr?.to ?? null, v.to)}<td></td></tr>`,
  ].join('');
}

function caseBlock(r: CaseRecord, showTrial: boolean): string {
  const problems = caseProblems(r);
  const title = `${esc(r.id)}${showTrial ? ` <span class="small">trial ${r.trial}</span>` : ''}`;
  const badge = r.pass ? '<span class="badge good">pass</span>' : `<span class="badge bad">${esc(r.status === 'ok' ? `${problems.length} difference${problems.length === 1 ? '' : 's'}` : r.status)}</span>`;
  const rows = [
    `<tr><th>category</th><td></td>${cell(r.expected.category, r.verdicts.category)}${cell(r.predicted?.category ?? null, r.verdicts.category)}<td class="status ${r.verdicts.category ? 'good' : 'bad'}">${r.verdicts.category ? 'right' : 'wrong'}${r.confidence.category == null ? '' : ` <span class="small">conf ${r.confidence.category.toFixed(2)}</span>`}</td></tr>`,
    `<tr><th>orderRef</th><td></td>${cell(r.expected.orderRef, r.verdicts.orderRef)}${cell(r.predicted?.orderRef ?? null, r.verdicts.orderRef)}<td class="status ${r.verdicts.orderRef ? 'good' : 'bad'}">${r.verdicts.orderRef ? 'right' : 'wrong'}</td></tr>`,
    ...r.verdicts.changes.map((v) => changeRows(r, v)),
  ];
  const error = r.error ? `<p class="bad">${esc(r.status)}: ${esc(r.error)}</p>` : '';
  const list = problems.length ? `<ul>${problems.map((p) => `<li>${esc(p)}</li>`).join('')}</ul>` : '';
  const risk = r.risk ? `<p class="small">dispute risk ${r.risk.probability.toFixed(3)}${r.risk.disputed == null ? '' : `, labeled ${r.risk.disputed ? 'disputed' : 'not disputed'}`} · ${r.latencyMs.toFixed(1)} ms</p>` : '';
  return `<details id="case-${esc(r.id)}-${r.trial}"${r.pass ? '' : ' open'}><summary>${badge} ${title}</summary>${error}${list}` +
    `<table class="diff"><thead><tr><th></th><th>field</th><th>expected</th><th>predicted</th><th>verdict</th></tr></thead><tbody>${rows.join('')}</tbody></table>${risk}</details>`;
}

/** Failing cases first (open), then passing ones (folded). */
export function casesSection(records: readonly CaseRecord[]): string {
  const showTrial = records.some((r) => r.trial > 1);
  const ordered = [...records.filter((r) => !r.pass), ...records.filter((r) => r.pass)];
  return `<section><h2>Cases (${records.filter((r) => !r.pass).length} failing of ${records.length})</h2>${ordered.map((r) => caseBlock(r, showTrial)).join('\n')}</section>`;
}
