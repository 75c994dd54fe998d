import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compare, loadBaseline } from './compare.ts';
import { change, record } from './test-support.ts';

const exp = (orderRef: string) => ({ category: 'quantity_change' as const, orderRef, changes: [change('quantity', 'A-1', 1, 2)] });
const right = (id: string, trial = 1) => record(id, exp(id), exp(id), { trial });
const wrongCategory = (id: string, trial = 1) => record(id, exp(id), { ...exp(id), category: 'other' }, { trial });
const wrongValue = (id: string, trial = 1) => record(id, exp(id), { ...exp(id), changes: [change('quantity', 'A-1', 1, 3)] }, { trial });

describe('compare', () => {
  const baseline = {
    source: 'base',
    summary: { changes: { f1: 0.5, byKind: { quantity: { f1: 0.4 } } }, latencyMs: { p95: 100 }, category: { confusion: { matrix: [[1]] }, accuracy: 0.9 } },
    cases: [right('X'), wrongCategory('Y'), right('W'), right('V'), wrongValue('V', 2)],
  };
  const current = {
    summary: { changes: { f1: 0.6, byKind: { quantity: { f1: 0.4 } } }, latencyMs: { p95: 120 }, category: { confusion: { matrix: [[2]] } } },
    cases: [wrongCategory('X'), right('Y'), right('Z'), right('V'), right('V', 2)],
  };
  const c = compare(current, baseline);

  it('gives a delta per metric both runs have, and says which way is better', () => {
    expect(c.deltas.map((d) => d.metric).sort()).toEqual(['changes.byKind.quantity.f1', 'changes.f1', 'latencyMs.p95']);
    const f1 = c.deltas.find((d) => d.metric === 'changes.f1')!;
    expect(f1.delta).toBeCloseTo(0.1, 12);
    expect(f1.better).toBe(true);
    expect(c.deltas.find((d) => d.metric === 'latencyMs.p95')).toMatchObject({ baseline: 100, current: 120, delta: 20, better: false });
    expect(c.deltas.find((d) => d.metric === 'changes.byKind.quantity.f1')!.better).toBeNull();
  });

  it('lists flipped cases with the fields that changed; a case passes only when every trial does', () => {
    expect(c.broken).toEqual([{ id: 'X', before: true, after: false, fields: ['category'] }]);
    expect(c.fixed).toEqual([
      { id: 'Y', before: false, after: true, fields: ['category'] },
      { id: 'V', before: false, after: true, fields: ['changes'] },
    ]);
    expect(c.added).toEqual(['Z']);
    expect(c.removed).toEqual(['W']);
  });
});

describe('loadBaseline', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'eval-baseline-'));
    await writeFile(path.join(dir, 'summary.json'), JSON.stringify({ changes: { f1: 0.5 } }));
    await writeFile(path.join(dir, 'cases.jsonl'), `${JSON.stringify(right('X'))}\n${JSON.stringify(wrongValue('Y'))}\n`);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('reads a folder, or either file with its sibling', async () => {
    for (const p of [dir, path.join(dir, 'summary.json'), path.join(dir, 'cases.jsonl')]) {
      const b = await loadBaseline(p);
      expect(b.summary).toEqual({ changes: { f1: 0.5 } });
      expect(b.cases?.map((r) => [r.id, r.pass])).toEqual([['X', true], ['Y', false]]);
    }
  });

  it('says clearly what is wrong', async () => {
    await expect(loadBaseline(path.join(dir, 'nope'))).rejects.toThrow(/no such file or folder/);
    const bad = await mkdtemp(path.join(tmpdir(), 'eval-baseline-bad-'));
    await writeFile(path.join(bad, 'cases.jsonl'), '{"id": 1}\n');
    await expect(loadBaseline(bad)).rejects.toThrow(/line 1 is not a case record/);
    await rm(bad, { recursive: true, force: true });
  });
});
