// The risk stage inside triage: suggest() scores every item with the configured scorer, or says it used the prior.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ErpAdapter } from '../src/erp/adapter.ts';
import type { ErpOrder } from '../src/erp/schema.ts';
import type { ExtractionProvider } from '../src/extraction/provider.ts';
import { InMemoryHistoryRepo } from '../src/risk/history-repo.ts';
import { loadRiskModel } from '../src/risk/model-file.ts';
import { createRiskScorer } from '../src/risk/scorer.ts';
import { suggest } from '../src/triage/suggest.ts';

const order: ErpOrder = {
  poNumber: '4500012345', salesOrder: 'SO-1', customerId: 'C-1001', status: 'shipped', orderDate: '2026-11-01', requestedDate: '2026-11-20',
  shipTo: 'Dock 3', shippingMethod: 'UPS', lines: [{ lineNo: 1, sku: 'HX-2210', quantity: 25, unitPrice: 38.4, status: 'shipped' }],
};
const erp: ErpAdapter = {
  findOrder: async (ref) => (ref === order.poNumber ? order : null),
  getCustomer: async () => null,
  getItem: async (sku) => (sku === 'HX-2210' ? { sku, description: 'screw', unitPrice: 40, stock: 1, uom: 'BX' } : null),
  postChange: async () => { throw new Error('not in this test'); },
  ping: async () => {},
};
const provider: ExtractionProvider = {
  info: { name: 'fake', version: '1', promptId: null, model: null },
  extract: async () => ({
    orderRef: { value: order.poNumber, evidence: [], confidence: 1 },
    changes: [{ kind: 'price', sku: 'HX-2210', from: 38.4, to: 30, evidence: [], confidence: 1, warnings: [], source: 'model' }],
    warnings: [],
  }),
};
const input = {
  message: { id: 'm1', subject: 'price', sentAt: '2026-11-25T10:00:00Z', receivedAt: '2026-11-25T10:00:05Z', warnings: [] },
  documents: [{ id: 'm1:0', messageId: 'm1', index: 0, role: 'body' as const, filename: null, contentType: 'text/plain', sha256: null, size: 10, pages: [{ page: 1, text: 'price 30' }], error: null }],
};
// Twelve earlier invoices of the ERP's customer C-1001, six disputed.
const history = new InMemoryHistoryRepo(Array.from({ length: 12 }, (_, i) => ({
  customerId: 'C-1001', date: `2026-10-${String(i + 1).padStart(2, '0')}`, amount: 900, disputed: i % 2 === 0, invoiceId: `I-${i}`, extras: {},
})));

describe('suggest with a risk scorer', () => {
  it('without one uses the documented prior and marks the item isPrior', async () => {
    const s = await suggest(input, { provider, erp });
    expect(s.risk).toMatchObject({ isPrior: true, modelVersion: 'prior-v1' });
  });

  it('with the trained model records its version, a probability, a band and factors in words', async () => {
    const model = await loadRiskModel(path.resolve(import.meta.dirname, '../fixtures/risk/ar-disputes.model.json'));
    const s = await suggest(input, { provider, erp, risk: createRiskScorer({ model, history }) });
    expect(s.risk).toMatchObject({ isPrior: false, modelVersion: model.version, band: 'high' });
    const texts = s.risk.factors.map((f) => f.text);
    expect(texts).toContain('customer disputed 6 of its 12 earlier invoices (50%; typical 23%)');
    expect(texts).toContain('the requested price of HX-2210 is 22% below the contract price (38.4)');
    expect(s.risk.probability).toBeGreaterThanOrEqual(0.5);
  });
});
