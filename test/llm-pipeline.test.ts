// With CHANGEDESK_PROVIDER=openai the whole pipeline runs through the LLM provider (the real openai SDK and
// LangChain against a local OpenAI-compatible server): the item records provider, prompt, model, tokens and cost,
// the dispute signals feed the risk, and an unreachable endpoint falls back to the offline provider, marked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReviewItem } from '../src/review/schema.ts';
import { startFakeOpenAi, type FakeOpenAi } from './support/fake-openai.ts';
import { buildEml } from './support/mail.ts';
import { eventually, startStack, type Stack } from './support/stack.ts';

describe('the pipeline on the openai provider', () => {
  let fake: FakeOpenAi;
  let stack: Stack;
  beforeAll(async () => {
    fake = await startFakeOpenAi();
    stack = await startStack({
      env: {
        CHANGEDESK_PROVIDER: 'openai', OPENAI_BASE_URL: fake.baseURL, OPENAI_API_KEY: 'sk-test', CHANGEDESK_LLM_MODEL: 'fake-model',
        CHANGEDESK_LLM_CACHE: 'false', CHANGEDESK_LLM_PRICE_INPUT: '2', CHANGEDESK_LLM_PRICE_OUTPUT: '8', CHANGEDESK_LLM_FALLBACK_AFTER_S: '0',
        CHANGEDESK_LLM_MAX_RETRIES: '0', CHANGEDESK_LLM_TIMEOUT_S: '2',
      },
    });
  }, 60_000);
  afterAll(async () => {
    await stack?.close();
    await fake?.close();
  });

  async function itemFor(text: string, subject = 'PO 4500012345'): Promise<ReviewItem> {
    const { messageId } = (await (await stack.postEml(await buildEml({ subject, text }))).json()) as { messageId: string };
    const id = await eventually(async () => ((await (await stack.request('GET', `/api/v1/messages/${messageId}`, 'dev-rep-token')).json()) as any).reviewItemId, 'an item');
    return (await (await stack.request('GET', `/api/v1/review-items/${id}`, 'dev-rep-token')).json()) as ReviewItem;
  }

  it('extracts, classifies and reads dispute signals through the model, and records usage', async () => {
    fake.respond((r) => {
      if (r.task === 'extraction')
        return { json: { orderRef: { value: '4500012345', source: 'B1', quote: 'PO 4500012345' }, changes: [{ kind: 'quantity', sku: 'HX-2210', from: 25, to: 40, source: 'B1', quote: 'change HX-2210 from 25 to 40', confidence: 0.95 }], lineItemRows: [] }, usage: { prompt: 900, completion: 60 } };
      if (r.task === 'classification') return { json: { category: 'quantity_change', confidence: 0.9, source: 'B1', quote: 'change HX-2210 from 25 to 40' } };
      if (r.task === 'risk_signals' || r.task === 'riskSignals' || r.task?.includes('risk')) return { json: { signals: [{ kind: 'prior_problem', source: 'B1', quote: 'third time we ask' }] } };
      return { status: 500 };
    });
    const item = await itemFor('Hi,\n\nOn PO 4500012345 please change HX-2210 from 25 to 40. This is the third time we ask.\n\nDana');
    expect(item.provider).toEqual({ name: 'openai', version: 'openai-v1', promptId: 'extraction/v1', model: 'fake-model' });
    expect(item.changes).toMatchObject([{ kind: 'quantity', sku: 'HX-2210', from: 25, to: 40, source: 'model' }]);
    expect(item.classification).toMatchObject({ category: 'quantity_change' });
    expect(item.llmUsage).toMatchObject({ model: 'fake-model' });
    expect(item.llmUsage!.promptTokens).toBeGreaterThanOrEqual(900);
    expect(item.llmUsage!.costUsd).toBeGreaterThan(0);
    expect(item.risk.factors.map((f) => f.factor)).toContain('signal:prior_problem');
    expect(item.llmFallback).toBeNull();
  });

  it('falls back to the offline provider when the endpoint is down, and marks the item', async () => {
    fake.reset();
    fake.respond(() => ({ status: 503 }));
    const item = await itemFor('Hi,\n\nplease change HX-3108 from 25 to 30 pcs on PO 4500012345.\n\nDana');
    expect(item.llmFallback).toMatchObject({ from: 'openai', reason: 'endpoint_down' });
    expect(item.provider.name).toBe('offline');
    expect(item.changes).toMatchObject([{ kind: 'quantity', sku: 'HX-3108', to: 30 }]);
    expect(item.warnings.join(' ')).toMatch(/extracted by the offline provider instead of the LLM/);
  });
});
