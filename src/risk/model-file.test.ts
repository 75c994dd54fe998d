import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRiskModel, saveRiskModel, withVersion } from './model-file.ts';

const fixture = path.resolve(import.meta.dirname, '../../fixtures/risk/ar-disputes.model.json');

describe('loadRiskModel', () => {
  it('loads and validates the committed ar-disputes model, metrics included', async () => {
    const model = await loadRiskModel(fixture);
    expect(model.version).toMatch(/^risk-\d{8}-[0-9a-f]{8}$/);
    expect(Object.keys(model.metrics)).toEqual(expect.arrayContaining(['rocAuc', 'prAuc', 'brier', 'ece', 'baselineRocAuc']));
    expect(model.metrics.rocAuc!).toBeGreaterThan(0.853);
    expect(model.metrics.ece!).toBeLessThanOrEqual(0.05);
  });

  it('names what is wrong with a bad file', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'risk-model-'));
    const bad = path.join(dir, 'bad.json');
    const model = JSON.parse(await fs.readFile(fixture, 'utf8'));
    await fs.writeFile(bad, JSON.stringify({ ...model, calibration: { method: 'platt', a: 'x', b: 0 } }));
    await expect(loadRiskModel(bad)).rejects.toThrow(/is not a valid model file: calibration\.a/);
    await fs.writeFile(bad, '{');
    await expect(loadRiskModel(bad)).rejects.toThrow(/risk model .*bad\.json/);
    await expect(loadRiskModel(path.join(dir, 'missing.json'))).rejects.toThrow(/ENOENT/);
  });
});

describe('withVersion', () => {
  it('hashes what was learned: the same model trained later the same day keeps its id, other weights do not', async () => {
    const { version: _v, ...model } = await loadRiskModel(fixture);
    const a = withVersion({ ...model, trainedAt: '2026-01-02T08:00:00.000Z' });
    const b = withVersion({ ...model, trainedAt: '2026-01-02T17:00:00.000Z' });
    const c = withVersion({ ...model, trainedAt: '2026-01-02T08:00:00.000Z', priorRate: 0.3 });
    expect(a.version).toBe(b.version);
    expect(a.version).toMatch(/^risk-20260102-/);
    expect(c.version).not.toBe(a.version);
  });

  it('writes a file that loads back unchanged', async () => {
    const model = await loadRiskModel(fixture);
    const out = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'risk-model-')), 'm.json');
    await saveRiskModel(out, model);
    expect(await loadRiskModel(out)).toEqual(model);
  });
});
