// The sign-in page: paste an API token (from the users file, or a development token); no password is stored.
import { html } from 'hono/html';
import type { Html } from './layout.ts';

export const signInBody = (o: { csrf: string; next: string; error?: string; development: boolean }): Html => html`<div class="sign-in">
  <h1>Sign in</h1>
  <form method="post" action="/ui/sign-in" id="sign-in-form">
    <input type="hidden" name="_csrf" value="${o.csrf}"><input type="hidden" name="next" value="${o.next}">
    <label>API token <input type="password" name="token" autocomplete="current-password" autofocus required></label>
    ${o.error ? html`<div class="error" role="alert">${o.error}</div>` : ''}
    <button class="primary">Sign in</button>
  </form>
  <p class="muted small">Your token is the one in the users file (<code>CHANGEDESK_USERS_FILE</code>); the session lasts 12 hours.
  ${o.development ? html`In development: <code>dev-rep-token</code>, <code>dev-approver-token</code> or <code>dev-admin-token</code>.` : ''}</p>
</div>`;
