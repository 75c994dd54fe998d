// Small display helpers shared by the pages: times, percentages, change values.
import type { CanonicalChange } from '../changes/schema.ts';
import { changeKindRegistry } from '../changes/registry.ts';

export const pct = (v: number | null | undefined, digits = 0) => (v == null ? '—' : `${(v * 100).toFixed(digits)}%`);

/** "in 1 h 20 min", "3 min ago". */
export function relative(iso: string, now = new Date()): string {
  const mins = Math.round((new Date(iso).getTime() - now.getTime()) / 60_000);
  const abs = Math.abs(mins);
  const text = abs < 1 ? 'now' : abs < 60 ? `${abs} min` : abs < 48 * 60 ? `${Math.floor(abs / 60)} h${abs % 60 ? ` ${abs % 60} min` : ''}` : `${Math.round(abs / 1440)} d`;
  return abs < 1 ? text : mins > 0 ? `in ${text}` : `${text} ago`;
}

export const minutesText = (m: number | null) => (m == null ? '—' : m < 60 ? `${Math.round(m)} min` : m < 2880 ? `${(m / 60).toFixed(1)} h` : `${(m / 1440).toFixed(1)} d`);

export const shortTime = (iso: string | null) => (iso ? iso.replace('T', ' ').slice(0, 16) + ' UTC' : '—');

export const valueText = (v: CanonicalChange['to']) => (v == null ? '—' : String(v));

export const kindLabel = (kind: CanonicalChange['kind']) => changeKindRegistry[kind].label;

export const changeSummary = (c: CanonicalChange) =>
  `${kindLabel(c.kind)}${c.sku ? ` ${c.sku}` : ''}${c.from != null || c.to != null ? `: ${c.from != null ? `${valueText(c.from)} → ` : ''}${valueText(c.to)}` : ''}`;

export const humanize = (s: string) => s.replace(/_/g, ' ');
