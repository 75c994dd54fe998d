// New lines on an existing order: "please add SKU 778812 qty 12 cases", "add a new line: 4 x 10-5520-02".
import type { Sentence } from './annotate.ts';
import { clamp, piecesBySku, type RuleOutput } from './finding.ts';
import { listIntroOf } from './quantity.ts';
import { cover } from './spans.ts';

const ADD = /\b(?:add(?:ing)?|new\s+line|additional\s+line|also\s+(?:send|include|need)|include|throw\s+(?:on|in)|tack\s+on|toss\s+in|agreg(?:ar|uen)|añad(?:ir|an)|incluir|hinzuf[üu]gen|erg[äa]nzen|zus[äa]tzlich)\b/i;
// "add 10 more", "two extra", "add 2 to the HX-2210 line": an increase of a line already on the order.
const RELATIVE = /\b(?:more|extra|another|additional\s+\d|weitere|m[áa]s)\b|\bto\s+(?:the\s+|that\s+|this\s+)?(?:[A-Z0-9][\w\/.-]*\s+)?line\b/i;
const NEGATED = /\b(?:don'?t|do\s+not|no\s+need\s+to)\s+add\b/i;
const NOT_AN_ORDER_CHANGE = /\b(?:quote|quotation|rfq|pricing\s+for|price\s+for|cotizaci[oó]n|angebot)\b/i;

// "4 x HX-2210", "12 pcs of AB-100": the count standing right before the item code.
const COUNT_BEFORE = /^\s*(?:x|×|pcs?\.?|ea\.?|units?|of|cases?|boxes?|rolls?|bags?)?\s*(?:of\s+)?$/i;

/** The one count of a piece; with several ("10 x CPL-050 (bag of 10)"), the one written right before the item. */
function countOf(s: Sentence, counts: Sentence['quantities'], sku: { start: number }) {
  if (counts.length === 1) return counts[0]!;
  const adjacent = counts.filter((q) => q.end <= sku.start && COUNT_BEFORE.test(s.page.text.slice(q.end, sku.start)));
  return adjacent.length === 1 ? adjacent[0]! : null;
}

/** One add_line per item the sentence adds (or its list's intro line adds), with the count written beside it. */
export function addLines(s: Sentence, sentences: readonly Sentence[] = []): RuleOutput {
  const out: RuleOutput = { findings: [], warnings: [] };
  const own = ADD.exec(s.text);
  const intro = own ? null : listIntroOf(sentences, s);
  const introAdds = intro != null && ADD.test(intro.text) && !NOT_AN_ORDER_CHANGE.test(intro.text);
  if ((!own && !introAdds) || s.skus.length === 0 || s.quantities.length === 0 || NEGATED.test(s.text) || NOT_AN_ORDER_CHANGE.test(s.text)) return out;
  // Where the request starts: the verb in this sentence, or (under an "add these:" intro) the line itself.
  const addAt = own ? s.start + own.index : s.start;
  for (const { piece, sku } of piecesBySku(s)) {
    if (!sku || sku.end < addAt) continue;
    const counts = s.quantities.filter((q) => q.start >= Math.min(piece.start, addAt) && q.end <= piece.end && q.value > 0);
    const count = countOf(s, counts, sku);
    if (!count) continue;
    const pieceText = s.page.text.slice(piece.start, piece.end);
    if (RELATIVE.test(pieceText)) {
      out.warnings.push(`"${sku.value}" is to be increased by an amount; the current quantity is needed, so it was not extracted`);
      continue;
    }
    out.findings.push({
      kind: 'add_line', page: s.page, tier: s.tier, sentence: s, sku, needsSku: false, from: null, to: count.value,
      spans: [cover([...(own ? [{ start: addAt, end: addAt + own[0].length }] : []), sku, count])],
      confidence: clamp(s.tier === 'attachment' ? 0.55 : 0.75),
      warnings: ['an item to add: check it is not already on the order (then it is a quantity change)'],
    });
  }
  return out;
}
