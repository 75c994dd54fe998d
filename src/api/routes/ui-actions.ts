// The workspace's decisions: approve, reject, edit, claim, release, bulk-approve. Each is a POST (CSRF-checked by the
// session guard) that calls the same domain function as the JSON API, then redirects back with a notice.
import { Hono, type Context } from 'hono';
import { claimItem, releaseItem } from '../../review/claims.ts';
import { approveItem, bulkApprove, editItem, rejectItem } from '../../review/decisions.ts';
import { approvalState } from '../../review/policy.ts';
import { getReviewItem } from '../../review/review-repo.ts';
import type { Services } from '../../runtime/services.ts';
import { AppError } from '../../shared/errors.ts';
import { parseEditForm } from '../../ui/edit-form.ts';
import { setFlash, type Flash } from '../../ui/flash.ts';
import type { UiEnv } from '../../ui/guards.ts';
import { itemBody } from '../../ui/item-page.ts';
import { page } from '../../ui/layout.ts';
import { parseQueueQuery, queueSearch } from '../../ui/queue-query.ts';
import { loadItemView } from '../../ui/item-data.ts';

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

export function uiActionRoutes(s: Services) {
  const app = new Hono<UiEnv>();
  const back = (c: Context<UiEnv>, id: string, flash: Flash) => {
    setFlash(c, flash);
    const search = queueSearch({ ...parseQueueQuery(c.req.query()), offset: 0 });
    return c.redirect(`/ui/items/${id}${search ? `?${search}` : ''}`, 303);
  };
  /**
   * Runs a decision; a refusal (conflict, policy, validation) is shown on the item page, not as an error page. A
   * decision names the version the person saw: if the item changed since, nothing is decided on it.
   */
  const decide = (fn: (c: Context<UiEnv>, id: string, form: Record<string, unknown>) => Promise<Flash>) => async (c: Context<UiEnv>) => {
    const id = c.req.param('id')!;
    const form = await c.req.parseBody();
    try {
      if (form.version !== undefined) {
        const current = await getReviewItem(s.db, id);
        if (current && String(current.version) !== text(form.version))
          throw new AppError('conflict', `the item changed while you were looking at it (now version ${current.version}); check it again before deciding`);
      }
      return back(c, id, await fn(c, id, form));
    } catch (e) {
      if (e instanceof AppError && e.status < 500 && e.kind !== 'unauthenticated') return back(c, id, { kind: 'error', text: e.message });
      throw e;
    }
  };

  app.post('/items/:id/approve', decide(async (c, id, form) => {
    const item = await approveItem(id, c.get('user'), text(form.comment) || null, s);
    if (item.status === 'approved') return { kind: 'ok', text: `Approved version ${item.version}. The change is being posted to the ERP.` };
    const state = approvalState(item);
    return { kind: 'info', text: `Your approval is recorded. Still needed: ${state.satisfied ? 'nothing' : state.missing}.` };
  }));

  app.post('/items/:id/reject', decide(async (c, id, form) => {
    const reason = text(form.reason);
    if (!reason) throw new AppError('bad_request', 'a reason is required to reject');
    await rejectItem(id, c.get('user'), reason.slice(0, 2000), s);
    return { kind: 'ok', text: 'Rejected. Nothing will be posted to the ERP.' };
  }));

  app.post('/items/:id/claim', decide(async (c, id) => {
    await claimItem(id, c.get('user'), s);
    return { kind: 'ok', text: 'Claimed for 15 minutes: others cannot edit or reject it meanwhile.' };
  }));

  app.post('/items/:id/release', decide(async (c, id) => {
    await releaseItem(id, c.get('user'), s);
    return { kind: 'ok', text: 'Released.' };
  }));

  // A refused edit comes back as the item page with the rows as typed and the error beside each field.
  app.post('/items/:id/edit', async (c) => {
    const id = c.req.param('id');
    const form = await c.req.parseBody();
    const parsed = parseEditForm(form);
    const showErrors = async (errors: Record<string, string>, message: string) => {
      const view = await loadItemView(s, c, id);
      const body = itemBody({ ...view, edit: { rows: parsed.rows, errors, orderRef: text(form.orderRef) } });
      return c.html(page({ title: 'Edit refused', page: 'item', nav: 'queue', user: view.user, csrf: view.csrf, flash: { kind: 'error', text: message }, body }), 422);
    };
    if (!parsed.ok) return showErrors(parsed.errors, 'The changes were not saved: correct the marked fields.');
    try {
      const current = await getReviewItem(s.db, id);
      if (current && current.version !== parsed.version) throw new AppError('conflict', `the item changed while you were editing (now version ${current.version}); reload it`);
      const item = await editItem(id, c.get('user'), parsed.input, s);
      return back(c, id, { kind: 'ok', text: `Saved as version ${item.version}. Earlier approvals no longer count.` });
    } catch (e) {
      if (e instanceof AppError && e.kind === 'unprocessable') return showErrors({}, `The changes were not saved: ${e.message}`);
      if (e instanceof AppError && e.status < 500) return back(c, id, { kind: 'error', text: e.message });
      throw e;
    }
  });

  app.post('/bulk-approve', async (c) => {
    const form = await c.req.parseBody({ all: true });
    const ids = (Array.isArray(form.ids) ? form.ids : [form.ids]).filter((x): x is string => typeof x === 'string');
    const search = queueSearch(parseQueueQuery(new URLSearchParams(text(form.back))));
    if (ids.length) {
      const results = await bulkApprove(ids.slice(0, 200), c.get('user'), s);
      const ok = results.filter((r) => r.ok);
      const refused = results.filter((r) => !r.ok);
      setFlash(c, {
        kind: refused.length ? (ok.length ? 'info' : 'error') : 'ok',
        text: `${ok.length} approved${refused.length ? `; ${refused.length} refused: ${refused.map((r) => `${r.id.slice(0, 8)} (${r.error})`).join('; ')}` : '.'}`,
      });
    }
    return c.redirect(`/ui/queue${search ? `?${search}` : ''}`, 303);
  });
  return app;
}
