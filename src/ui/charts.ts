// Charts as inline SVG (no script, styled by app.css classes): stacked columns over days, and horizontal bars.
import { escapeHtml as esc } from './highlight.ts';

export interface Series { name: string; values: number[] }

const PALETTE = 10;
const niceMax = (v: number) => {
  if (v <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  return [1, 2, 2.5, 5, 10].map((m) => m * p).find((m) => m >= v)!;
};

/** Columns per label, stacked by series, with a y axis, a legend and a tooltip per block. */
export function stackedColumns(o: { labels: string[]; series: Series[]; title: string; height?: number; width?: number }): string {
  const width = o.width ?? 640;
  const height = o.height ?? 220;
  const pad = { l: 36, r: 8, t: 10, b: 40 };
  const totals = o.labels.map((_, i) => o.series.reduce((s, x) => s + (x.values[i] ?? 0), 0));
  const max = niceMax(Math.max(0, ...totals));
  const plotH = height - pad.t - pad.b;
  const step = (width - pad.l - pad.r) / Math.max(1, o.labels.length);
  const bw = Math.max(2, Math.min(40, step * 0.7));
  const y = (v: number) => pad.t + plotH - (v / max) * plotH;
  const ticks = [0, max / 2, max].map((t) => `<g class="tick"><line x1="${pad.l}" x2="${width - pad.r}" y1="${y(t)}" y2="${y(t)}"></line><text x="${pad.l - 4}" y="${y(t) + 4}" text-anchor="end">${+t.toFixed(1)}</text></g>`).join('');
  const every = Math.ceil(o.labels.length / 10);
  let bars = '';
  o.labels.forEach((label, i) => {
    const x = pad.l + i * step + (step - bw) / 2;
    let acc = 0;
    o.series.forEach((s, k) => {
      const v = s.values[i] ?? 0;
      if (!v) return;
      bars += `<rect x="${x.toFixed(1)}" y="${y(acc + v).toFixed(1)}" width="${bw.toFixed(1)}" height="${((v / max) * plotH).toFixed(1)}" class="c${k % PALETTE}"><title>${esc(label)} · ${esc(s.name)}: ${v}</title></rect>`;
      acc += v;
    });
    if (i % every === 0) bars += `<text class="xlabel" x="${(x + bw / 2).toFixed(1)}" y="${height - pad.b + 14}" text-anchor="middle">${esc(label.slice(5))}</text>`;
  });
  const legend = o.series.length > 1 ? `<div class="legend">${o.series.map((s, k) => `<span><i class="c${k % PALETTE}"></i>${esc(s.name)}</span>`).join('')}</div>` : '';
  return `<figure class="chart"><svg viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${esc(o.title)}">${ticks}${bars}</svg>${legend}</figure>`;
}

export interface Bar { label: string; value: number; text?: string; cls?: string }

/** One horizontal bar per row, scaled to `max` (default: the largest value), the value written beside it. */
export function horizontalBars(rows: Bar[], o: { title: string; max?: number; width?: number }): string {
  if (!rows.length) return '<p class="muted">Nothing to show yet.</p>';
  const width = o.width ?? 640;
  const rowH = 22;
  const labelW = 210;
  const max = o.max ?? Math.max(1e-9, ...rows.map((r) => r.value));
  const barW = width - labelW - 150;
  const body = rows.map((r, i) => {
    const w = Math.max(r.value > 0 ? 2 : 0, (r.value / max) * barW);
    const yy = i * rowH;
    return `<g><text x="${labelW - 6}" y="${yy + 15}" text-anchor="end" class="ylabel">${esc(r.label)}</text><rect x="${labelW}" y="${yy + 4}" width="${w.toFixed(1)}" height="${rowH - 8}" class="${r.cls ?? 'c0'}"><title>${esc(r.label)}: ${esc(r.text ?? String(r.value))}</title></rect><text x="${(labelW + w + 6).toFixed(1)}" y="${yy + 15}" class="vlabel">${esc(r.text ?? String(r.value))}</text></g>`;
  }).join('');
  return `<figure class="chart"><svg viewBox="0 0 ${width} ${rows.length * rowH + 4}" width="${width}" height="${rows.length * rowH + 4}" role="img" aria-label="${esc(o.title)}">${body}</svg></figure>`;
}
