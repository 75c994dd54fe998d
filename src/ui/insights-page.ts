// Process intelligence for operators: volume, touchless and edit rates, time to first touch and decision, SLA,
// where items stall, ERP posting failures and queue depths; charts first, the numbers beside them.
import { html, raw } from 'hono/html';
import type { Insights } from '../observability/insights.ts';
import { horizontalBars, stackedColumns } from './charts.ts';
import { humanize, minutesText, pct, shortTime } from './format.ts';
import type { Html } from './layout.ts';

const card = (label: string, value: string, note = '') => html`<div class="card"><div class="label">${label}</div><div class="big">${value}</div>${note ? html`<div class="muted small">${note}</div>` : ''}</div>`;

const byDay = (days: string[], rows: { day: string; count: number }[]) => days.map((d) => rows.find((r) => r.day === d)?.count ?? 0);

function volumeChart(i: Insights): string {
  const cats = [...new Set(i.volume.map((v) => v.category))].sort();
  return stackedColumns({
    title: 'review items per day by category', labels: i.days,
    series: cats.map((c) => ({ name: humanize(c), values: i.days.map((d) => i.volume.find((v) => v.day === d && v.category === c)?.count ?? 0) })),
    width: 1200, height: 240,
  });
}

const durationChart = (d: Insights['timeToDecision'], title: string) => horizontalBars(d.buckets.map((b) => ({ label: b.label, value: b.count })), { title, width: 560 });

export function insightsBody(i: Insights, days: number): Html {
  const posted = i.postings.byStatus.posted ?? 0;
  const failed = i.postings.byStatus.failed ?? 0;
  return html`<div class="insights">
    <div class="queue-head"><h1>Process insights <span class="muted">since ${i.since.slice(0, 10)}</span></h1>
      <form method="get" action="/ui/insights" class="filters"><label>Period <select name="days" data-autosubmit>${[7, 30, 90].map((d) => html`<option value="${d}" ${d === days ? 'selected' : ''}>last ${d} days</option>`)}</select></label><noscript><button>Show</button></noscript></form>
    </div>
    <div class="cards">
      ${card('Items', String(i.volume.reduce((s, v) => s + v.count, 0)), Object.entries(i.byStatus).map(([k, v]) => `${v} ${humanize(k)}`).join(', '))}
      ${card('Touchless rate', pct(i.touchless.rate), `${i.touchless.withoutEdit} of ${i.touchless.approved} approved without an edit`)}
      ${card('Time to first touch', minutesText(i.timeToFirstTouch.p50Minutes), `median; p90 ${minutesText(i.timeToFirstTouch.p90Minutes)}`)}
      ${card('Time to decision', minutesText(i.timeToDecision.p50Minutes), `median; p90 ${minutesText(i.timeToDecision.p90Minutes)}`)}
      ${card('SLA breaches', String(i.sla.escalated), `${i.sla.decidedLate} decided late · ${i.sla.overdueNow} overdue now`)}
      ${card('ERP posting failures', String(failed), `${posted} posted · ${i.postings.retried} needed retries`)}
    </div>
    <div class="grid2">
      <section class="panel wide"><h2>Volume by category</h2>${raw(volumeChart(i))}</section>
      <section class="panel"><h2>Where items wait now</h2>${raw(horizontalBars(i.stalls.map((s) => ({ label: s.stage, value: s.count, text: s.count ? `${s.count} · oldest ${minutesText(s.oldestMinutes)}` : '0', cls: s.stage.includes('failed') || s.stage.includes('quarantined') ? 'bad' : 'c0' })), { title: 'items per stage', width: 560 }))}</section>
      <section class="panel"><h2>Edit rate per field <span class="muted small">where the model is wrong</span></h2>
        ${raw(horizontalBars(i.editRate.slice(0, 12).map((e) => ({ label: e.how === 'edited' ? e.field : `${e.field} ${e.how}`, value: e.rate ?? 0, text: `${pct(e.rate)} (${e.count}/${e.of})`, cls: 'c3' })), { title: 'edit rate per field', max: 1, width: 560 }))}</section>
      <section class="panel"><h2>Time to first touch</h2>${raw(durationChart(i.timeToFirstTouch, 'time to first touch'))}<p class="muted small">${i.timeToFirstTouch.count} items touched by a person.</p></section>
      <section class="panel"><h2>Time to decision</h2>${raw(durationChart(i.timeToDecision, 'time to decision'))}<p class="muted small">${i.timeToDecision.count} items approved or rejected.</p></section>
      <section class="panel"><h2>SLA escalations per day</h2>${raw(stackedColumns({ title: 'SLA escalations per day', labels: i.days, series: [{ name: 'escalated', values: byDay(i.days, i.sla.escalatedByDay) }], height: 160, width: 560 }))}</section>
      <section class="panel"><h2>ERP posting failures per day</h2>${raw(stackedColumns({ title: 'ERP posting failures per day', labels: i.days, series: [{ name: 'post failed', values: byDay(i.days, i.postings.failuresByDay) }], height: 160, width: 560 }))}
        ${i.postings.recentFailures.length ? html`<table class="compact"><thead><tr><th>item</th><th>status</th><th>attempts</th><th>last error</th><th>since</th></tr></thead><tbody>
          ${i.postings.recentFailures.map((f) => html`<tr><td><a href="/ui/items/${f.reviewItemId}">${f.reviewItemId.slice(0, 12)}</a></td><td>${f.status}</td><td>${f.attempts}</td><td class="small">${f.lastError ?? ''}</td><td class="nowrap">${shortTime(f.at)}</td></tr>`)}</tbody></table>` : html`<p class="muted small">No failing postings.</p>`}</section>
      <section class="panel"><h2>Queue depths</h2>
        ${i.queues ? raw(horizontalBars(i.queues.map((q) => {
          const n = (k: string) => q.counts[k] ?? 0;
          return { label: q.queue, value: n('waiting') + n('prioritized') + n('active') + n('delayed'), text: `${n('waiting') + n('prioritized')} waiting · ${n('active')} active · ${n('delayed')} delayed · ${n('failed')} failed`, cls: n('failed') ? 'bad' : 'c1' };
        }), { title: 'jobs per queue', width: 560 })) : html`<p class="warn">Redis did not answer.</p>`}
      </section>
    </div>
  </div>`;
}
