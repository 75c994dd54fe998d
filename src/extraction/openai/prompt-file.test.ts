import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { findQuote } from './locate.ts';
import { loadPrompt, parsePrompt, render } from './prompt-file.ts';
import { modelClassificationSchema, modelExtractionSchema, modelRiskSignalsSchema } from './schemas.ts';

const schemas: Record<string, z.ZodType> = {
  extraction: modelExtractionSchema,
  classification: modelClassificationSchema,
  'risk-signals': modelRiskSignalsSchema,
};

describe('prompt files', () => {
  for (const task of ['extraction', 'classification', 'risk-signals', 'rationale', 'repair']) {
    it(`${task}/v1 loads, and its examples follow the schema and quote their input`, () => {
      const p = loadPrompt(task);
      expect(p.id).toBe(`${task}/v1`);
      expect(p.system.length).toBeGreaterThan(50);
      for (const e of p.examples) {
        const answer = schemas[task]!.parse(JSON.parse(e.assistant)) as { changes?: { quote: string }[]; signals?: { quote: string }[]; quote?: string };
        const quotes = [...(answer.changes ?? []), ...(answer.signals ?? [])].map((x) => x.quote).concat(answer.quote ? [answer.quote] : []);
        for (const q of quotes) expect(findQuote(e.user, q), `${e.name}: ${q}`).not.toBeNull();
      }
    });
  }
});

describe('parsePrompt', () => {
  const file = (user: string, inputs = '  - a: first') => `---\nid: t/v1\ninputs:\n${inputs}\noutput: x\n---\n\n# System\n\nsys\n\n# User\n\n${user}\n`;
  it('checks that the template uses exactly the inputs the header names', () => {
    expect(parsePrompt(file('{{a}}'), 't/v1').user).toBe('{{a}}');
    expect(() => parsePrompt(file('{{b}}'), 't/v1')).toThrow(/uses \{\{b\}\}/);
    expect(() => parsePrompt(file('none'), 't/v1')).toThrow(/input "a" is listed/);
    expect(() => parsePrompt(file('{{a}}'), 't/v2')).toThrow(/header says id "t\/v1"/);
  });
  it('renders every placeholder or fails', () => {
    expect(render('x {{a}} y', { a: '1' })).toBe('x 1 y');
    expect(() => render('{{a}}', {})).toThrow(/no value/);
  });
});
