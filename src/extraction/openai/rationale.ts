// A short rationale for the reviewer: why the suggestion says what it says, in two or three plain sentences. It is
// display text, never a decision: stripped of control characters and markup and cut to length, it changes nothing.
import type { CanonicalChange } from '../../changes/schema.ts';
import type { ExtractionInput } from '../provider.ts';
import { bodyBlocks, renderBlocks } from './input-blocks.ts';
import type { ModelClient } from './model-call.ts';
import type { PromptFile } from './prompt-file.ts';
import { modelRationaleSchema, type LlmUsage } from './schemas.ts';
import { usageOf } from './usage.ts';

export interface RationaleInput {
  category: string;
  orderRef: string | null;
  changes: CanonicalChange[];
  warnings: string[];
  riskBand: string;
}

export const MAX_RATIONALE_CHARS = 600;

export async function rationaleWithLlm(input: ExtractionInput, suggestion: RationaleInput, deps: { client: ModelClient; prompt: PromptFile }): Promise<{ text: string; usage: LlmUsage }> {
  const { value, call } = await deps.client.call({
    prompt: deps.prompt,
    schema: modelRationaleSchema,
    values: { blocks: renderBlocks(bodyBlocks(input).blocks), suggestion: JSON.stringify(suggestion, null, 1) },
  });
  return { text: plainText(value.rationale), usage: usageOf(deps.client.model, [call]) };
}

/** One line of plain text: no control characters, no tags, bounded length. */
export function plainText(s: string): string {
  const flat = s.replace(/<[^>]*>/g, ' ').replace(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g, ' ').replace(/\s+/g, ' ').trim();
  return flat.length > MAX_RATIONALE_CHARS ? `${flat.slice(0, MAX_RATIONALE_CHARS - 1)}…` : flat;
}
