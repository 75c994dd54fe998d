// Extraction through the model: one call for the email (subject, newest message, forwarded request) and one per
// attachment chunk; each answer is grounded against the blocks it read, cross-checked against the table rows, merged.
import { shapeIssues } from '../../changes/registry.ts';
import type { ProposedChange } from '../../changes/schema.ts';
import { normaliseSku } from '../../changes/sku.ts';
import { dateReference, type DateReference } from '../offline/date-mentions.ts';
import { normaliseRef } from '../offline/order-ref.ts';
import type { ExtractionInput } from '../provider.ts';
import type { Extraction, ProviderInfo } from '../schema.ts';
import { groundAnswer, type GroundedRef } from './grounding.ts';
import { attachmentChunks, bodyBlocks, renderBlocks, splitBlockSet, type BlockSet } from './input-blocks.ts';
import type { ModelClient } from './model-call.ts';
import type { PromptFile } from './prompt-file.ts';
import { llmFailureOf } from './retry.ts';
import { modelExtractionSchema, type LlmCall, type LlmExtractionFields, type ModelExtraction } from './schemas.ts';
import { missingPagesWarning, unreadRowsWarning } from './truncation.ts';
import { usageOf } from './usage.ts';

export type LlmExtraction = Extraction & LlmExtractionFields;

export interface LlmExtractDeps {
  client: ModelClient;
  prompt: PromptFile;
  info: ProviderInfo;
  chunkChars: number;
  now?: () => Date;
}

interface SetResult {
  orderRef: GroundedRef | null;
  changes: ProposedChange[];
  warnings: string[];
  calls: LlmCall[];
}

/** How often a chunk whose answer was cut off is halved before its pages are reported as unread. */
const MAX_SPLITS = 3;

export async function extractWithLlm(input: ExtractionInput, deps: LlmExtractDeps): Promise<LlmExtraction> {
  const started = performance.now();
  const ref = dateReference(input.sentAt, deps.now);
  const sets = [bodyBlocks(input), ...attachmentChunks(input, deps.chunkChars)].filter((s) => s.blocks.length > 0);
  const results = await Promise.all(sets.map((set) => readSet(set, input.sentAt, ref, deps, 0)));
  const warnings = results.flatMap((r) => r.warnings);
  for (const doc of input.documents) {
    const w = doc.role === 'attachment' ? missingPagesWarning(doc) : null;
    if (w) warnings.push(w);
  }
  const picked = pickOrderRef(results.flatMap((r) => (r.orderRef ? [r.orderRef] : [])));
  return {
    orderRef: picked.orderRef,
    changes: mergeChanges(results.flatMap((r) => r.changes)),
    warnings: [...new Set([...warnings, ...picked.warnings])],
    provider: deps.info,
    usage: usageOf(deps.client.model, results.flatMap((r) => r.calls), performance.now() - started),
  };
}

async function readSet(set: BlockSet, sentAt: string | null, ref: DateReference, deps: LlmExtractDeps, depth: number): Promise<SetResult> {
  const ids = set.blocks.map((b) => b.id);
  try {
    const { value, call } = await deps.client.call({
      prompt: deps.prompt,
      schema: modelExtractionSchema,
      // Attachment chunks say nothing about the email (not even its date): the same PDF is the same input.
      values: { sentAt: set.documentId ? 'not given: these are attachment pages only' : (sentAt ?? 'unknown'), blocks: renderBlocks(set.blocks) },
      check: (answer) => answerProblems(answer, ids),
    });
    const answer = tidy(value);
    const grounded = groundAnswer(answer, set.blocks, ref);
    const unread = unreadRowsWarning(answer, set.blocks);
    return { orderRef: grounded.orderRef, changes: grounded.changes, warnings: [...(grounded.orderRef?.warnings ?? []), ...(unread ? [unread] : [])], calls: [call] };
  } catch (e) {
    const failure = llmFailureOf(e);
    if (failure?.reason !== 'truncated') throw e;
    const spent: LlmCall = {
      task: deps.prompt.task, promptId: deps.prompt.id, requests: failure.requests ?? 1, repaired: false, cacheHit: false,
      promptTokens: failure.promptTokens ?? 0, completionTokens: failure.completionTokens ?? 0, costUsd: failure.costUsd ?? 0, latencyMs: 0,
    };
    // Only attachment pages are split: the email's subject and newest message belong together.
    const halves = set.documentId && depth < MAX_SPLITS ? splitBlockSet(set) : null;
    if (!halves) {
      const where = set.documentId ? `attachment page(s) ${[...new Set(set.blocks.map((b) => b.page))].join(', ')}` : 'the email';
      return { orderRef: null, changes: [], warnings: [`the model's answer for ${where} was cut off at its token limit: changes there may be missing`], calls: [spent] };
    }
    const parts = await Promise.all(halves.map((h) => readSet(h, sentAt, ref, deps, depth + 1)));
    return {
      orderRef: parts.map((p) => p.orderRef).find((r) => r != null) ?? null,
      changes: parts.flatMap((p) => p.changes),
      warnings: parts.flatMap((p) => p.warnings),
      calls: [spent, ...parts.flatMap((p) => p.calls)],
    };
  }
}

/** What the schema cannot say and a repair can fix: confidences in range, changes shaped as their kind wants, real block ids. */
export function answerProblems(answer: ModelExtraction, blockIds: readonly string[]): string[] {
  const problems: string[] = [];
  const known = (id: string) => blockIds.includes(id);
  if (answer.orderRef && !known(answer.orderRef.source)) problems.push(`orderRef.source: "${answer.orderRef.source}" is not one of the blocks (${blockIds.join(', ')})`);
  tidy(answer).changes.forEach((c, i) => {
    if (!(c.confidence >= 0 && c.confidence <= 1)) problems.push(`changes.${i}.confidence: must be between 0 and 1`);
    if (!known(c.source)) problems.push(`changes.${i}.source: "${c.source}" is not one of the blocks (${blockIds.join(', ')})`);
    for (const issue of shapeIssues(c)) problems.push(`changes.${i}.${issue.path.join('.')}: ${issue.message}`);
  });
  return problems;
}

/** Blank strings mean "not stated". */
function tidy(answer: ModelExtraction): ModelExtraction {
  const blank = <T>(v: T) => (typeof v === 'string' && v.trim() === '' ? null : typeof v === 'string' ? (v.trim() as T) : v);
  return { ...answer, changes: answer.changes.map((c) => ({ ...c, sku: blank(c.sku), from: blank(c.from), to: blank(c.to) })) };
}

/** The body's order reference wins over an attachment's, which wins over the subject's; a found one over an invented one. */
function pickOrderRef(refs: GroundedRef[]): { orderRef: Extraction['orderRef']; warnings: string[] } {
  const sorted = [...refs].sort((a, b) => a.rank - b.rank);
  const best = sorted[0];
  if (!best) return { orderRef: null, warnings: [] };
  const rivals = new Set(sorted.filter((r) => r.rank < 9).map((r) => normaliseRef(r.value.value)));
  if (rivals.size <= 1) return { orderRef: best.value, warnings: [] };
  const orderRef = { ...best.value, confidence: Math.max(0.05, Math.round((best.value.confidence - 0.1) * 100) / 100) };
  return { orderRef, warnings: [`several order references in the message (${[...rivals].join(', ')}); ${best.value.value} was taken`] };
}

/** The same change read twice (from the body and its PDF, or from two chunks) becomes one, with all its evidence. */
function mergeChanges(changes: ProposedChange[]): ProposedChange[] {
  const byKey = new Map<string, ProposedChange>();
  const keyOf = (c: ProposedChange) => `${c.kind}|${c.sku ? normaliseSku(c.sku) : ''}|${typeof c.to === 'string' ? c.to.toLowerCase().replace(/\s+/g, ' ') : String(c.to)}`;
  for (const c of changes) {
    const seen = byKey.get(keyOf(c));
    if (!seen) {
      byKey.set(keyOf(c), c);
      continue;
    }
    byKey.set(keyOf(c), {
      ...seen,
      from: seen.from ?? c.from,
      evidence: [...seen.evidence, ...c.evidence.filter((e) => !seen.evidence.some((s) => s.documentId === e.documentId && s.page === e.page && s.start === e.start))],
      confidence: Math.max(seen.confidence, c.confidence),
      warnings: [...new Set([...seen.warnings, ...c.warnings])],
    });
  }
  return [...byKey.values()];
}
