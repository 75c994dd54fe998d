// The edit form of the item page: rows of (kind, sku, from, to) → the change list editItem takes, with errors per field.
import type { z } from 'zod';
import { changeKindRegistry, shapeIssues } from '../changes/registry.ts';
import type { CanonicalChange } from '../changes/schema.ts';
import { changeKindSchema } from '../triage/taxonomy.ts';
import type { EditInput } from '../review/decisions.ts';

export type FormBody = Record<string, string | File | (string | File)[]>;
export interface EditRow { kind: string; sku: string; from: string; to: string; remove: boolean }

export type ParsedEdit =
  | { ok: true; input: EditInput; version: number; rows: EditRow[] }
  | { ok: false; errors: Record<string, string>; version: number; rows: EditRow[] };

const str = (v: FormBody[string] | undefined) => (typeof v === 'string' ? v : '');
const NUMBER = /^-?[\d,]*\.?\d+$/;

/** A typed value as the kind's schema wants it: a number where a number is accepted, else the trimmed text. */
export function valueFor(kind: CanonicalChange['kind'], field: 'from' | 'to', typed: string): CanonicalChange['to'] {
  const text = typed.trim();
  if (!text) return null;
  const schema = changeKindRegistry[kind][field] as z.ZodType;
  if (NUMBER.test(text)) {
    const n = Number(text.replace(/,/g, ''));
    if (schema.safeParse(n).success) return n;
  }
  return text;
}

/** Rows come as c<i>_kind, c<i>_sku, c<i>_from, c<i>_to, c<i>_remove; a row without a kind is an unused blank. */
export function readRows(body: FormBody): EditRow[] {
  const indexes = [...new Set(Object.keys(body).map((k) => /^c(\d+)_kind$/.exec(k)?.[1]).filter((i): i is string => i != null).map(Number))].sort((a, b) => a - b);
  return indexes.map((i) => ({ kind: str(body[`c${i}_kind`]), sku: str(body[`c${i}_sku`]), from: str(body[`c${i}_from`]), to: str(body[`c${i}_to`]), remove: str(body[`c${i}_remove`]) === 'on' }));
}

export function parseEditForm(body: FormBody): ParsedEdit {
  const rows = readRows(body);
  const version = Number(str(body.version));
  const errors: Record<string, string> = {};
  const changes: CanonicalChange[] = [];
  rows.forEach((row, i) => {
    if (row.remove || !row.kind) return;
    const kind = changeKindSchema.safeParse(row.kind);
    if (!kind.success) { errors[`c${i}_kind`] = 'unknown kind of change'; return; }
    const change: CanonicalChange = { kind: kind.data, sku: row.sku.trim() || null, from: valueFor(kind.data, 'from', row.from), to: valueFor(kind.data, 'to', row.to) };
    for (const issue of shapeIssues(change)) errors[`c${i}_${String(issue.path[0])}`] = issue.message;
    changes.push(change);
  });
  const orderRef = str(body.orderRef).trim();
  if (!Number.isInteger(version) || version < 1) errors.version = 'the form is missing the version it edits; reload the page';
  if (Object.keys(errors).length) return { ok: false, errors, version, rows };
  return { ok: true, input: { changes, orderRef: orderRef || null }, version, rows };
}
