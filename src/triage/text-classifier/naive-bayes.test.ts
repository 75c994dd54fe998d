import { describe, expect, it } from 'vitest';
import { featuresOf, wordsOf } from './features.ts';
import { predict, textModelSchema, train, type LabelledText } from './naive-bayes.ts';

const examples: LabelledText[] = [
  { text: 'Where is my order? Any update on the ship date?', label: 'status_inquiry' },
  { text: 'When will PO 123 ship? Please send tracking.', label: 'status_inquiry' },
  { text: 'Can you tell me the ETA for our order?', label: 'status_inquiry' },
  { text: 'Invoice 9100 overcharged us, please issue a corrected invoice.', label: 'invoice_dispute' },
  { text: 'You billed the freight twice on invoice 9200; we will short-pay it.', label: 'invoice_dispute' },
  { text: 'The surcharge on the invoice was not agreed, please reissue.', label: 'invoice_dispute' },
  { text: 'Please send an RMA, the valves arrived damaged and we want to return them.', label: 'return_request' },
  { text: 'Wrong item received, we need a call tag to send it back.', label: 'return_request' },
];

describe('features', () => {
  it('folds case and accents, keeps numbers as one token, adds word pairs and cue groups once', () => {
    expect(wordsOf('Rücksendung für PO 4500012345!')).toEqual(['rucksendung', 'fur', 'po', '#']);
    const f = featuresOf('We were overcharged, we were overcharged?');
    expect(f.filter((x) => x === 'overcharged')).toHaveLength(1);
    expect(f).toContain('were overcharged');
    expect(f.some((x) => x.startsWith('__dispute'))).toBe(true);
    expect(f.some((x) => x.startsWith('__question'))).toBe(true);
  });
});

describe('naive Bayes', () => {
  const model = train(examples, { version: 'test-v1', trainedOn: 'unit test' });

  it('trains a model its schema accepts, with its smoothing and temperature chosen by leave-one-out', () => {
    expect(textModelSchema.parse(model)).toEqual(model);
    expect(model.labels).toEqual(['invoice_dispute', 'return_request', 'status_inquiry']);
    expect(model.looAccuracy).toBeGreaterThan(0.5);
  });

  it('is deterministic: the same examples give the same model', () => {
    expect(JSON.stringify(train(examples, { version: 'test-v1', trainedOn: 'unit test' }))).toBe(JSON.stringify(model));
  });

  it('predicts with probabilities that sum to one, best first', () => {
    const p = predict(model, 'any update on when the order will ship?');
    expect(p.category).toBe('status_inquiry');
    expect(p.ranked.reduce((s, r) => s + r.probability, 0)).toBeCloseTo(1, 6);
    expect(p.ranked[0]!.probability).toBeGreaterThanOrEqual(p.ranked[1]!.probability);
    expect(predict(model, 'this invoice is wrong, we were overcharged').category).toBe('invoice_dispute');
  });

  it('weighs categories by evidence from outside the text, 0 ruling one out', () => {
    expect(predict(model, 'any update on when the order will ship?', { status_inquiry: 0 }).category).not.toBe('status_inquiry');
    const soft = { ...model, temperature: 32 };
    const plain = predict(soft, 'this invoice is wrong, please send an RMA');
    const weighted = predict(soft, 'this invoice is wrong, please send an RMA', { [plain.category]: 0.5 });
    expect(weighted.ranked.find((r) => r.category === plain.category)!.probability).toBeLessThan(plain.probability);
  });
});
