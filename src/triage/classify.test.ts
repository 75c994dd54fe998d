import { describe, expect, it } from 'vitest';
import type { ProposedChange } from '../changes/schema.ts';
import type { Extraction } from '../extraction/schema.ts';
import { classify } from './classify.ts';
import { defaultTextModel, TEXT_MODEL_VERSION } from './text-classifier/model.ts';
import { train } from './text-classifier/naive-bayes.ts';

const change = (kind: ProposedChange['kind'], confidence = 0.8): ProposedChange => ({ kind, sku: 'HX-2210', from: null, to: 40, evidence: [], confidence, warnings: [], source: 'model' });
const extraction = (...changes: ProposedChange[]): Extraction => ({ orderRef: null, changes, warnings: [] });
const model = train(
  [
    { text: 'where is my order, any update on the ship date?', label: 'status_inquiry' },
    { text: 'when will it ship, please send tracking', label: 'status_inquiry' },
    { text: 'your invoice overcharged us, we dispute the price and will short-pay', label: 'invoice_dispute' },
    { text: 'the invoice price is wrong, we were overcharged, please issue a credit', label: 'invoice_dispute' },
    { text: 'please change the quantity to 40', label: 'quantity_change' },
    { text: 'increase the qty of the bolts', label: 'quantity_change' },
    { text: 'thanks for the catalogue', label: 'other' },
  ],
  { version: 'test-v1', trainedOn: 'unit test' },
);

describe('classify', () => {
  it('follows the change kinds by PRODUCT.md precedence, with the lowest change confidence', () => {
    const c = classify(extraction(change('quantity', 0.9), change('delivery_date', 0.7)), { subject: null, body: 'please change the quantity to 40' }, { textModel: model });
    expect(c).toEqual({ category: 'quantity_change', confidence: 0.7, source: 'changes', model: 'test-v1' });
  });

  it('lets the text classifier decide when there is no change, weighing down the categories changes express', () => {
    const c = classify(extraction(), { subject: 'order status', body: 'any update on when it will ship? please send tracking' }, { textModel: model });
    expect(c).toMatchObject({ category: 'status_inquiry', source: 'text', model: 'test-v1' });
    const q = classify(extraction(), { subject: null, body: 'please change the quantity to 40' }, { textModel: model });
    const withChange = classify(extraction(change('quantity')), { subject: null, body: 'please change the quantity to 40' }, { textModel: model });
    expect(withChange.category).toBe('quantity_change');
    expect(q.source).toBe('text');
  });

  it('adds a dispute that changes cannot express, which wins by precedence over a price fix', () => {
    const body = 'your invoice overcharged us, we dispute the price and will short-pay; the price should be $12.50';
    expect(classify(extraction(change('price')), { subject: 'invoice dispute', body }, { textModel: model })).toMatchObject({ category: 'invoice_dispute', source: 'text' });
  });

  it('calls an automatic reply "other", whatever it quotes', () => {
    expect(classify(extraction(), { subject: 'Automatic reply: PO 123 change', body: 'I am out of the office.' }, { textModel: model }).category).toBe('other');
  });

  it('ships a model that loads and names its version', () => {
    const shipped = defaultTextModel();
    expect(shipped.version).toBe(TEXT_MODEL_VERSION);
    expect(shipped.trainedOn).toBe('fixtures/cases/train');
    expect(classify(extraction(), { subject: 'Where is PO 4500012345?', body: 'Any update on a ship date? Please send tracking.' }).model).toBe(TEXT_MODEL_VERSION);
  });
});
