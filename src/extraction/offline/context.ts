// Finds the item a sentence means when it names none ("make it 40 not 25"): nearby first, then the only one around.
import { normaliseSku } from '../../changes/sku.ts';
import type { Sentence } from './annotate.ts';
import type { Found, PageText } from './spans.ts';

export interface ContextSku {
  sku: Found<string>;
  /** The page the item code was read on; null when it came from the subject line (not a document). */
  page: PageText | null;
  /** How far the code was from the request: the confidence of the change falls with it. */
  distance: 'nearby' | 'message' | 'history' | 'subject';
}

type Mention = Omit<ContextSku, 'distance'>;

const NEARBY_BEFORE = 3;
const NEARBY_AFTER = 2;

export const CONTEXT_FACTOR: Record<ContextSku['distance'], number> = { nearby: 0.72, message: 0.68, history: 0.6, subject: 0.55 };

/** The one distinct item code among these mentions, or null when there are none or several. */
function single(mentions: Mention[]): Mention | null {
  const distinct = new Set(mentions.map((m) => normaliseSku(m.sku.value)));
  return distinct.size === 1 ? mentions[0]! : null;
}

const mentionsOf = (sentences: readonly Sentence[]): Mention[] => sentences.flatMap((s) => s.skus.map((sku) => ({ sku, page: s.page })));

/** Builds the lookup once per message; the message-wide answers do not depend on the sentence asking. */
export function skuContext(sentences: readonly Sentence[], subjectSkus: Found<string>[]): (s: Sentence) => ContextSku | null {
  const inMessage = mentionsOf(sentences.filter((o) => o.tier !== 'history'));
  const messageWide: ContextSku | null = (() => {
    if (inMessage.length > 0) {
      const one = single(inMessage);
      return one ? { ...one, distance: 'message' } : null;
    }
    const inHistory = single(mentionsOf(sentences.filter((o) => o.tier === 'history')));
    if (inHistory) return { ...inHistory, distance: 'history' };
    const inSubject = single(subjectSkus.map((sku) => ({ sku, page: null })));
    return inSubject ? { ...inSubject, distance: 'subject' } : null;
  })();
  return (s) => {
    const near = nearby(s, sentences);
    return near === undefined ? messageWide : near;
  };
}

/**
 * The nearest sentence around this one (same page and part of the message) that names items decides: one item is
 * the answer, several make the request ambiguous (null). undefined: no sentence nearby names any.
 */
function nearby(s: Sentence, sentences: readonly Sentence[]): ContextSku | null | undefined {
  const sameRegion = (o: Sentence) => o.page === s.page && o.tier === s.tier;
  const decide = (o: Sentence) => {
    const one = single(mentionsOf([o]));
    return one ? { ...one, distance: 'nearby' as const } : null;
  };
  for (let i = s.index - 1; i >= Math.max(0, s.index - NEARBY_BEFORE); i--) {
    const p = sentences[i]!;
    if (!sameRegion(p)) break;
    if (p.skus.length > 0) return decide(p);
  }
  for (let i = s.index + 1; i <= Math.min(sentences.length - 1, s.index + NEARBY_AFTER); i++) {
    const n = sentences[i]!;
    if (!sameRegion(n) || n.paragraph !== s.paragraph) break;
    if (n.skus.length > 0) return decide(n);
  }
  return undefined;
}
