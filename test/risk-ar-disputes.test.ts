// End to end on the real ar-disputes corpus (read from ../shared/corpora, never copied): `npm run risk:train`'s
// command trains, reports and writes a model that beats the baseline on the time split and is calibrated.
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createRiskScorer } from '../src/risk/scorer.ts';
import { InMemoryHistoryRepo } from '../src/risk/history-repo.ts';
import { loadRiskModel } from '../src/risk/model-file.ts';
import { loadMapping, readHistoryCsv } from '../src/risk/read-history.ts';
import { trainRiskModel } from '../src/risk/train.ts';

const root = path.resolve(import.meta.dirname, '..');
const csv = path.resolve(root, '../shared/corpora/ar-disputes/WA_Fn-UseC_-Accounts-Receivable.csv');
const mappingPath = path.join(root, 'fixtures/risk/ar-disputes.mapping.json');
const committed = path.join(root, 'fixtures/risk/ar-disputes.model.json');

describe('risk:train on ar-disputes', () => {
  it('beats the baseline (ROC-AUC 0.853) on the latest 30% by date with ECE ≤ 0.05, and records the metrics', async () => {
    const out = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'risk-train-')), 'model.json');
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/risk/cli/train.ts', '--csv', csv, '--mapping', mappingPath, '--out', out], { cwd: root });
    expect(stdout).toMatch(/ROC-AUC\s+0\.\d{4}\s+0\.8525/);
    expect(stdout).toMatch(/test\s+2013-05-06 \.\. 2013-12-02\s+741 invoices/);
    const model = await loadRiskModel(out);
    expect(model.data).toMatchObject({ invoices: 2466, customers: 100, test: { invoices: 741 } });
    expect(model.metrics.rocAuc!).toBeGreaterThan(0.853);
    expect(model.metrics.rocAuc!).toBeGreaterThan(model.metrics.baselineRocAuc!);
    expect(model.metrics.ece!).toBeLessThanOrEqual(0.05);
    expect(model.metrics.baselineRocAuc!).toBeCloseTo(0.8525, 4);
    for (const key of ['prAuc', 'brier'] as const) expect(model.metrics[key]).toBeTypeOf('number');
  });

  it('reproduces the committed model file from the corpus and the mapping', async () => {
    const mapping = await loadMapping(mappingPath);
    const fresh = trainRiskModel(await readHistoryCsv(csv, mapping), { name: mapping.name });
    const shipped = await loadRiskModel(committed);
    expect(fresh.data).toEqual(shipped.data);
    fresh.features.forEach((f, i) => {
      expect(f.name).toBe(shipped.features[i]!.name);
      expect(f.weight).toBeCloseTo(shipped.features[i]!.weight, 9);
    });
    expect(fresh.calibration.a).toBeCloseTo(shipped.calibration.a, 9);
    expect(fresh.metrics.rocAuc).toBeCloseTo(shipped.metrics.rocAuc!, 9);
    expect(fresh.metrics.ece).toBeCloseTo(shipped.metrics.ece!, 9);
  });

  it('scores a review item for a corpus customer with the shipped model, in words', async () => {
    const model = await loadRiskModel(committed);
    const history = await InMemoryHistoryRepo.fromCsv(csv, mappingPath);
    const scorer = createRiskScorer({ model, history });
    const order = { poNumber: 'PO-9', salesOrder: 'SO-9', customerId: '0379-NEVHP', status: 'open' as const, orderDate: '2013-12-01', requestedDate: '2013-12-20', shipTo: 'x', shippingMethod: 'UPS', lines: [{ lineNo: 1, sku: 'A-1', quantity: 1, unitPrice: 60, status: 'open' as const }] };
    const risk = await scorer.score({ changes: [{ kind: 'quantity', sku: 'A-1', from: 1, to: 1 }], category: 'quantity_change', erp: { order, items: new Map() }, at: '2013-12-05' });
    expect(risk).toMatchObject({ isPrior: false, modelVersion: model.version });
    expect(risk.factors.map((f) => f.text).join('\n')).toMatch(/customer disputed \d+ of its (last|\d+ earlier) \d* ?invoices/);
  });
});
