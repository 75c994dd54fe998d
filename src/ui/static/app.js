// changedesk review workspace: keyboard shortcuts, evidence highlighting, small conveniences. No framework, no
// inline script (the Content-Security-Policy forbids it); every state change is a form POST with its CSRF token.
(() => {
  'use strict';
  const $ = (sel, root = document) => root.querySelector(sel);
  const $$ = (sel, root = document) => [...root.querySelectorAll(sel)];
  const page = document.body.dataset.page;
  const typing = (el) => el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));

  // Filters apply as soon as they change.
  for (const el of $$('[data-autosubmit]')) el.addEventListener('change', () => el.form.submit());

  // A form is sent once: a second click or key press while it is on its way does nothing.
  for (const form of $$('form[method="post"]')) {
    form.addEventListener('submit', (ev) => {
      if (form.dataset.sent) { ev.preventDefault(); return; }
      form.dataset.sent = '1';
      for (const b of $$('button', form)) b.disabled = true;
    });
  }

  const help = $('#help');
  const showHelp = () => help && !help.open && help.showModal();
  for (const b of $$('[data-action="help"]')) b.addEventListener('click', showHelp);

  // Ctrl/Cmd+Enter submits the form being typed in.
  document.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter' && (ev.ctrlKey || ev.metaKey) && typing(ev.target) && ev.target.form) {
      ev.preventDefault();
      ev.target.form.requestSubmit();
    }
  });

  // ---- evidence: a value's link scrolls its quote into view and lights up every mark of that change
  const light = (group, target) => {
    for (const m of $$('mark.ev.active')) m.classList.remove('active');
    for (const m of $$('mark.ev')) if (m.dataset.ev.split(' ').includes(group)) m.classList.add('active');
    for (const r of $$('tbody.change.active')) r.classList.remove('active');
    const row = $(`tbody.change[data-group="${group}"]`);
    if (row) row.classList.add('active');
    if (target) {
      const details = target.closest('details');
      if (details) details.open = true;
      target.scrollIntoView({ block: 'center', behavior: 'instant' });
    }
  };
  for (const a of $$('a.ev-link')) {
    a.addEventListener('click', (ev) => {
      const id = a.getAttribute('href').slice(1);
      const target = id && document.getElementById(id);
      if (!target) return;
      ev.preventDefault();
      history.replaceState(null, '', `#${id}`);
      light(a.dataset.ev, target);
    });
  }
  for (const body of $$('tbody.change')) {
    body.addEventListener('mouseenter', () => { for (const m of $$('mark.ev')) m.classList.toggle('hover', m.dataset.ev.split(' ').includes(body.dataset.group)); });
    body.addEventListener('mouseleave', () => { for (const m of $$('mark.ev.hover')) m.classList.remove('hover'); });
  }
  if (location.hash.startsWith('#ev-')) {
    const target = document.getElementById(location.hash.slice(1));
    if (target) light(target.dataset.ev ? target.dataset.ev.split(' ')[0] : '', target);
  }

  // ---- after an approval, follow the ERP posting until it lands (a few seconds at most)
  const head = $('[data-awaiting-post]');
  if (head) {
    const key = `cd-wait-${head.dataset.item}`;
    const n = Number(sessionStorage.getItem(key) || 0);
    if (n < 20) { sessionStorage.setItem(key, String(n + 1)); setTimeout(() => location.reload(), 1000); }
  }

  // ---- queue: a moving selection over the rows
  const rows = $$('tr.row');
  let at = -1;
  const select = (i) => {
    if (!rows.length) return;
    at = Math.max(0, Math.min(rows.length - 1, i));
    for (const r of rows) r.classList.remove('selected');
    rows[at].classList.add('selected');
    rows[at].scrollIntoView({ block: 'nearest' });
  };
  for (const [i, r] of rows.entries()) {
    r.addEventListener('click', (ev) => {
      if (ev.target.closest('a, input, button, label')) return;
      select(i);
      location.href = r.dataset.href;
    });
  }
  const bulkButton = $('[data-bulk]');
  const countSelected = () => {
    if (!bulkButton) return;
    const n = $$('input[name="ids"]:checked').length;
    bulkButton.textContent = n ? `Approve selected (${n})` : 'Approve selected';
    bulkButton.disabled = n === 0;
  };
  for (const c of $$('input[name="ids"]')) c.addEventListener('change', countSelected);
  countSelected();
  if (page === 'queue' && rows.length) select(0);

  const openPanel = (id, focus) => {
    const panel = document.getElementById(id);
    if (!panel) return false;
    panel.open = true;
    const el = $(focus, panel);
    if (el) el.focus();
    return true;
  };
  for (const b of $$('[data-action="close-panel"]')) b.addEventListener('click', () => { b.closest('details').open = false; });
  const follow = (sel) => { const a = $(sel); if (a) location.href = a.href; };

  const queueKeys = {
    j: () => select(at + 1), k: () => select(at - 1), ArrowDown: () => select(at + 1), ArrowUp: () => select(at - 1),
    o: () => rows[at] && (location.href = rows[at].dataset.href), Enter: () => rows[at] && (location.href = rows[at].dataset.href),
    x: () => { const c = rows[at] && $('input[name="ids"]', rows[at]); if (c) { c.checked = !c.checked; countSelected(); } },
    A: () => { if ($$('input[name="ids"]:checked').length) $('#bulk').requestSubmit(); },
    '/': () => { const f = $('#filters select'); if (f) f.focus(); },
  };
  const itemKeys = {
    j: () => follow('#next-link'), n: () => follow('#next-link'), k: () => follow('#prev-link'), p: () => follow('#prev-link'),
    u: () => follow('#back-link'),
    a: () => {
      const b = $('#approve-btn');
      if (b && !b.disabled) $('#approve-form').requestSubmit();
      else { const why = $('#approve-why'); if (why) { why.classList.add('flash-error'); why.scrollIntoView({ block: 'center' }); } }
    },
    r: () => openPanel('reject-panel', 'textarea'),
    e: () => openPanel('edit-panel', 'td:nth-child(4) input'),
    c: () => { const f = $('#claim-form'); if (f) f.requestSubmit(); },
  };
  for (let i = 1; i <= 9; i++) itemKeys[String(i)] = () => { const a = $(`tbody.change[data-group="c${i - 1}"] a.ev-link`); if (a) a.click(); };

  document.addEventListener('keydown', (ev) => {
    if (ev.key === 'Escape') {
      if (typing(ev.target)) ev.target.blur();
      for (const d of $$('details[open]#reject-panel, details[open]#edit-panel')) d.open = false;
      return;
    }
    if (typing(ev.target) || ev.ctrlKey || ev.metaKey || ev.altKey) return;
    if (ev.key === '?') { ev.preventDefault(); showHelp(); return; }
    const keys = page === 'queue' ? queueKeys : page === 'item' ? itemKeys : {};
    const fn = keys[ev.key];
    if (fn) { ev.preventDefault(); fn(); }
  });
})();
