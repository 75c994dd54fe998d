import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateGate, loadGate, type GateFile } from './gate.ts';
import { aggregate } from './metrics.ts';
import { change, record } from './test-support.ts';

const summary = { changes: { f1: 0.7 }, latencyMs: { p95: 50 }, confidence: { auroc: null } };
const gate: GateFile = {
  metrics: {
    'changes.f1': { min: 0.6, maxDrop: 0.02 },
    'latencyMs.p95': { max: 40, maxRise: 100 },
    'confidence.auroc': { min: 0.5 },
  },
};

describe('evaluateGate', () => {
  it('checks bounds, and regressions against the baseline', () => {
    const r = evaluateGate(gate, summary, { changes: { f1: 0.75 }, latencyMs: { p95: 45 } });
    expect(r.passed).toBe(false);
    expect(r.checks.map((c) => [c.metric, c.rule, c.status])).toEqual([
      ['changes.f1', 'min', 'pass'],
      ['changes.f1', 'maxDrop', 'fail'],
      ['latencyMs.p95', 'max', 'fail'],
      ['latencyMs.p95', 'maxRise', 'pass'],
      ['confidence.auroc', 'min', 'fail'],
    ]);
    expect(r.checks[1]!.message).toBe('changes.f1 dropped by 0.05 from 0.75 to 0.7 (tolerated 0.02)');
    expect(r.checks[4]!.message).toMatch(/missing or not measurable/);
  });

  it('skips regression checks without a baseline, and passes when every bound holds', () => {
    const r = evaluateGate({ metrics: { 'changes.f1': { min: 0.7, maxDrop: 0 } } }, summary, null);
    expect(r.passed).toBe(true);
    expect(r.checks.map((c) => c.status)).toEqual(['pass', 'skipped']);
  });

  it('tolerates a drop of exactly the tolerance', () => {
    expect(evaluateGate({ metrics: { 'changes.f1': { maxDrop: 0.05 } } }, summary, { changes: { f1: 0.75 } }).passed).toBe(true);
  });
});

describe('loadGate', () => {
  it('rejects a misspelt rule and a missing file, naming them', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'eval-gate-'));
    await writeFile(path.join(dir, 'g.json'), JSON.stringify({ metrics: { 'changes.f1': { mn: 0.5 } } }));
    await expect(loadGate(path.join(dir, 'g.json'))).rejects.toThrow(/metrics\.changes\.f1.*mn/);
    await expect(loadGate(path.join(dir, 'none.json'))).rejects.toThrow(/no such file/);
    await rm(dir, { recursive: true, force: true });
  });

  it('accepts the committed offline gate, whose every metric exists in a summary', async () => {
    const committed = await loadGate(path.join(import.meta.dirname, 'gates/offline-test.json'));
    expect(committed.comment).toBeTruthy();
    const exp = { category: 'quantity_change' as const, orderRef: '1', changes: [change('quantity', 'A', 1, 2)] };
    const records = [record('a', exp, { ...exp, confidences: [0.9] }), record('b', exp, { ...exp, changes: [change('quantity', 'A', 1, 3)], confidences: [0.3] })];
    const s = aggregate(records, { provider: 'offline', providerVersion: 'v', promptVersion: null, model: null, fixtures: 'x' });
    for (const c of evaluateGate(committed, s, null).checks) expect(c.message).not.toMatch(/missing/);
  });
});
