// The original message beside the proposal: the newest message first, forwarded content, quoted history and
// signatures collapsed, each attachment page; every evidence span highlighted. Text only: nothing in it is markup.
import { html, raw } from 'hono/html';
import { isForwardSubject, segmentBody } from '../extraction/offline/segment.ts';
import type { Evidence } from '../extraction/evidence.ts';
import type { InboundMessage, MessageDocument } from '../intake/schema.ts';
import { highlight, locate, type Mark, type Span } from './highlight.ts';
import type { Html } from './layout.ts';

/** One evidence to show: the anchor id values link to, and the group (change) it belongs to. */
export interface EvidenceRef { ev: Evidence; id: string; group: string }

/** Marks per page (`documentId#page`), and the evidence that could not be found in its text. */
export function placeEvidence(documents: MessageDocument[], refs: EvidenceRef[]) {
  const marks = new Map<string, Mark[]>();
  const missing: EvidenceRef[] = [];
  const moved: EvidenceRef[] = [];
  for (const r of refs) {
    const doc = documents.find((d) => d.id === r.ev.documentId);
    const pageNo = r.ev.page ?? 1;
    const text = doc?.pages.find((p) => p.page === pageNo)?.text;
    const at = text == null ? null : locate(text, r.ev);
    if (!at) { missing.push(r); continue; }
    if (!at.exact) moved.push(r);
    const key = `${r.ev.documentId}#${pageNo}`;
    marks.set(key, [...(marks.get(key) ?? []), { start: at.start, end: at.end, id: r.id, group: r.group }]);
  }
  return { marks, missing, moved };
}

/** The parts of a body that are not in `keep`, as ranges (signature, footer, quoted history). */
function rest(length: number, keep: Span[]): Span[] {
  const out: Span[] = [];
  let at = 0;
  for (const s of [...keep].sort((a, b) => a.start - b.start)) {
    if (s.start > at) out.push({ start: at, end: s.start });
    at = Math.max(at, s.end);
  }
  if (at < length) out.push({ start: at, end: length });
  return out;
}

const joined = (text: string, spans: Span[], marks: Mark[]) => raw(spans.map((s) => highlight(text, marks, s)).join('\n<span class="gap">⋯</span>\n'));
const hasMark = (spans: Span[], marks: Mark[]) => marks.some((m) => spans.some((s) => m.start < s.end && m.end > s.start));

function bodyView(message: InboundMessage, doc: MessageDocument, marks: Mark[]): Html {
  const text = doc.pages[0]?.text ?? '';
  const parts = segmentBody(text, { forwarded: isForwardSubject(message.subject) });
  const newest = parts.newest.length ? parts.newest : parts.forwarded.length ? [] : [{ start: 0, end: text.length }];
  const older = rest(text.length, [...newest, ...parts.forwarded]).filter((s) => text.slice(s.start, s.end).trim());
  const lines = older.reduce((n, s) => n + text.slice(s.start, s.end).split('\n').length, 0);
  return html`<article class="doc" id="doc-${doc.id}">
    <h3>Message <span class="muted">${doc.contentType === 'text/html' ? '(HTML email, shown as text)' : ''}</span></h3>
    ${newest.length ? html`<pre class="text newest">${joined(text, newest, marks)}</pre>` : ''}
    ${parts.forwarded.length ? html`<h4>Forwarded message</h4><pre class="text forwarded">${joined(text, parts.forwarded, marks)}</pre>` : ''}
    ${older.length ? html`<details class="history" ${hasMark(older, marks) ? 'open' : ''}><summary>Quoted history, signature and footer (${lines} lines)</summary><pre class="text">${joined(text, older, marks)}</pre></details>` : ''}
  </article>`;
}

function attachmentView(doc: MessageDocument, marksOf: (page: number) => Mark[]): Html {
  return html`<article class="doc" id="doc-${doc.id}">
    <h3>${doc.filename ?? 'attachment'} <span class="muted">${doc.contentType}, ${doc.pages.length} page${doc.pages.length === 1 ? '' : 's'}</span></h3>
    ${doc.error ? html`<p class="warn">Could not be read: ${doc.error}</p>` : ''}
    ${!doc.error && !doc.pages.length ? html`<p class="muted">No text to show for this type of file.</p>` : ''}
    ${doc.pages.map((p) => html`<section class="page"><h4>Page ${p.page}</h4><pre class="text">${raw(highlight(p.text, marksOf(p.page)))}</pre></section>`)}
  </article>`;
}

export function sourceView(message: InboundMessage, documents: MessageDocument[], marks: Map<string, Mark[]>): Html {
  const of = (doc: MessageDocument, page: number) => marks.get(`${doc.id}#${page}`) ?? [];
  return html`<div class="headers">
      <div><span class="label">From</span> ${message.from ?? '—'}</div>
      <div><span class="label">To</span> ${message.to ?? '—'}</div>
      <div><span class="label">Subject</span> ${message.subject ?? '—'}</div>
      <div><span class="label">Sent</span> ${message.sentAt ?? '—'} <span class="muted">received ${message.receivedAt} via ${message.channel}</span></div>
    </div>
    ${message.warnings.length ? html`<ul class="warnings">${message.warnings.map((w) => html`<li>${w}</li>`)}</ul>` : ''}
    ${documents.map((d) => (d.role === 'body' ? bodyView(message, d, of(d, 1)) : attachmentView(d, (p) => of(d, p))))}`;
}
