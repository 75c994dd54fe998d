// The page shell: head (our stylesheet and script only), top bar with navigation and the signed-in user, notices.
import { html } from 'hono/html';
import type { User } from '../review/users.ts';
import { assetUrl } from './assets.ts';
import type { Flash } from './flash.ts';

export type Html = ReturnType<typeof html>;

export interface PageOptions {
  title: string;
  user?: User | null;
  csrf?: string | null;
  flash?: Flash | null;
  nav?: 'queue' | 'insights' | 'docs' | null;
  /** data-page on <body>: tells app.js which keyboard map applies. */
  page: string;
  body: Html;
  /** Extra stylesheets or scripts (files we serve) for a page that needs them. */
  head?: Html;
}

const navLink = (href: string, label: string, active: boolean) => html`<a href="${href}" class="${active ? 'active' : ''}">${label}</a>`;

export const page = (o: PageOptions) => html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="same-origin">
<link rel="icon" href="data:,">
${o.csrf ? html`<meta name="csrf-token" content="${o.csrf}">` : ''}
<title>${o.title} · changedesk</title>
<link rel="stylesheet" href="${assetUrl('app.css')}">
<script src="${assetUrl('app.js')}" defer></script>
${o.head ?? ''}
</head>
<body data-page="${o.page}">
<header class="topbar">
  <a class="brand" href="/ui/queue">changedesk</a>
  ${o.user ? html`<nav>
    ${navLink('/ui/queue', 'Review queue', o.nav === 'queue')}
    ${navLink('/ui/insights', 'Process insights', o.nav === 'insights')}
    ${navLink('/ui/api-docs', 'API', o.nav === 'docs')}
    ${o.user.role === 'admin' ? html`<a href="/admin/queues">Queues (admin)</a>` : ''}
  </nav>
  <div class="who"><span title="${o.user.id}">${o.user.name}</span> <span class="role">${o.user.role}</span>
    <form method="post" action="/ui/sign-out" class="inline"><input type="hidden" name="_csrf" value="${o.csrf ?? ''}"><button class="link">Sign out</button></form>
    <button type="button" class="link" data-action="help" title="Keyboard shortcuts">?</button>
  </div>` : ''}
</header>
${o.flash ? html`<div class="flash flash-${o.flash.kind}" role="status">${o.flash.text}</div>` : ''}
<main>${o.body}</main>
<dialog id="help" class="help"><h2>Keyboard</h2>
  <table>
    <tr><th>j / k</th><td>next / previous row (queue) or item (item page)</td></tr>
    <tr><th>o, Enter</th><td>open the selected item</td></tr>
    <tr><th>x</th><td>select the row for bulk approval</td></tr>
    <tr><th>Shift+A</th><td>bulk-approve the selected rows</td></tr>
    <tr><th>a</th><td>approve this item</td></tr>
    <tr><th>r</th><td>reject (asks for a reason)</td></tr>
    <tr><th>e</th><td>edit the changes</td></tr>
    <tr><th>c</th><td>claim the item</td></tr>
    <tr><th>1–9</th><td>show the evidence of change n</td></tr>
    <tr><th>u</th><td>back to the queue</td></tr>
    <tr><th>/</th><td>filter the queue</td></tr>
    <tr><th>Ctrl+Enter</th><td>submit the form you are typing in</td></tr>
    <tr><th>Esc</th><td>close</td></tr>
  </table>
  <form method="dialog"><button>Close</button></form>
</dialog>
</body>
</html>`;

export const csrfField = (token: string) => html`<input type="hidden" name="_csrf" value="${token}">`;
