// Classification through the model: the category the wording shows, then PRODUCT.md's precedence over the change
// kinds already extracted (a quantity change stays quantity_change, an invoice dispute outranks a price change).
import { primaryCategory } from '../../triage/taxonomy.ts';
import type { ExtractionInput } from '../provider.ts';
import type { Extraction } from '../schema.ts';
import { attachmentChunks, bodyBlocks, renderBlocks } from './input-blocks.ts';
import { locateQuote } from './locate.ts';
import type { ModelClient } from './model-call.ts';
import type { PromptFile } from './prompt-file.ts';
import { modelClassificationSchema, type LlmClassification } from './schemas.ts';
import { usageOf } from './usage.ts';

export interface LlmClassifyDeps {
  client: ModelClient;
  prompt: PromptFile;
  chunkChars: number;
}

export async function classifyWithLlm(input: ExtractionInput, extraction: Extraction, deps: LlmClassifyDeps): Promise<LlmClassification> {
  // The email and the first chunk of each attachment: enough to tell an invoice copy from a change notice.
  const blocks = [...bodyBlocks(input).blocks, ...firstChunks(input, deps.chunkChars)];
  const changes = extraction.changes.length
    ? extraction.changes.map((c) => `- ${c.kind} ${c.sku ?? '(whole order)'}: ${c.from ?? '?'} → ${c.to ?? '—'}`).join('\n')
    : '(none)';
  const { value, call } = await deps.client.call({
    prompt: deps.prompt,
    schema: modelClassificationSchema,
    values: { sentAt: input.sentAt ?? 'unknown', blocks: renderBlocks(blocks), changes },
    check: (a) => (a.confidence >= 0 && a.confidence <= 1 ? [] : ['confidence: must be between 0 and 1']),
  });
  const usage = usageOf(deps.client.model, [call]);
  const kinds = extraction.changes.map((c) => c.kind);
  const category = primaryCategory(kinds, [value.category]) ?? value.category;
  if (category !== value.category || (kinds.length > 0 && primaryCategory(kinds) === category)) {
    return { category, confidence: Math.min(...extraction.changes.map((c) => c.confidence)), source: 'changes', usage };
  }
  const grounded = locateQuote(blocks, value.source, value.quote) != null;
  const confidence = Math.round(Math.min(0.9, Math.max(0.3, value.confidence)) * (grounded ? 1 : 0.6) * 100) / 100;
  return { category, confidence, source: 'text', usage };
}

function firstChunks(input: ExtractionInput, chunkChars: number) {
  const seen = new Set<string | null>();
  return attachmentChunks(input, Math.floor(chunkChars / 2))
    .filter((c) => !seen.has(c.documentId) && !!seen.add(c.documentId))
    .map((c) => c.blocks[0]!)
    .map((b, i) => ({ ...b, id: `A${i + 1}.${b.id}`, label: `attachment ${i + 1}, page ${b.page}` }));
}
