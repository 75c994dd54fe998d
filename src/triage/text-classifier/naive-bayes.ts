// Multinomial naive Bayes over binary word features, with its smoothing and temperature chosen by leave-one-out.
import { z } from 'zod';
import { categorySchema, type Category } from '../taxonomy.ts';
import { featuresOf } from './features.ts';

export const textModelSchema = z.object({
  id: z.literal('text-classifier'),
  version: z.string(),
  algorithm: z.literal('multinomial-naive-bayes/binary-words+bigrams'),
  /** Where the labelled messages came from (the train split: never the held-out test split). */
  trainedOn: z.string(),
  documents: z.number().int(),
  labels: z.array(categorySchema),
  docCounts: z.array(z.number().int()),
  /** Laplace smoothing added to every feature count. */
  alpha: z.number().positive(),
  /** Divides the log-odds before the softmax, so probabilities match the leave-one-out hit rate. */
  temperature: z.number().positive(),
  /** Leave-one-out accuracy on the training messages, with the chosen alpha. */
  looAccuracy: z.number(),
  featureTotals: z.array(z.number().int()),
  /** Feature → number of training messages of each label (same order as `labels`) that contain it. */
  vocabulary: z.record(z.string(), z.array(z.number().int())),
});
export type TextModel = z.infer<typeof textModelSchema>;

export interface LabelledText {
  text: string;
  label: Category;
}

export interface Prediction {
  category: Category;
  probability: number;
  /** Every label's probability, best first. */
  ranked: { category: Category; probability: number }[];
}

type Counts = Omit<TextModel, 'id' | 'version' | 'algorithm' | 'trainedOn' | 'alpha' | 'temperature' | 'looAccuracy'>;

function count(examples: LabelledText[]): Counts & { features: string[][] } {
  const labels = [...new Set(examples.map((e) => e.label))].sort();
  const docCounts = labels.map(() => 0);
  const featureTotals = labels.map(() => 0);
  const vocabulary: Record<string, number[]> = {};
  const features = examples.map((e) => featuresOf(e.text));
  examples.forEach((e, i) => {
    const l = labels.indexOf(e.label);
    docCounts[l]!++;
    for (const f of features[i]!) {
      (vocabulary[f] ??= labels.map(() => 0))[l]!++;
      featureTotals[l]!++;
    }
  });
  return { documents: examples.length, labels, docCounts, featureTotals, vocabulary, features };
}

const vocabularySizes = new WeakMap<object, number>();
const vocabularySize = (m: Counts) => {
  if (!vocabularySizes.has(m.vocabulary)) vocabularySizes.set(m.vocabulary, Object.keys(m.vocabulary).length);
  return vocabularySizes.get(m.vocabulary)!;
};

/** Log-scores per label for a message's features, optionally leaving one training message out of the counts. */
function scores(m: Counts, alpha: number, features: string[], leaveOut?: { label: number; features: string[] }): number[] {
  const vocab = vocabularySize(m);
  const left = new Set(leaveOut?.features ?? []);
  const seen = (f: string) => (m.vocabulary[f] ?? []).reduce((a, b) => a + b, 0) - (left.has(f) ? 1 : 0) > 0;
  const known = features.filter(seen);
  return m.labels.map((_, l) => {
    const own = leaveOut?.label === l;
    const docs = m.docCounts[l]! - (own ? 1 : 0);
    if (docs <= 0) return -Infinity;
    const total = m.featureTotals[l]! - (own ? left.size : 0);
    let s = Math.log(docs / (m.documents - (leaveOut ? 1 : 0)));
    for (const f of known) s += Math.log((m.vocabulary[f]![l]! - (own && left.has(f) ? 1 : 0) + alpha) / (total + alpha * vocab));
    return s;
  });
}

function softmax(s: number[], temperature: number): number[] {
  const max = Math.max(...s);
  const e = s.map((x) => (Number.isFinite(x) ? Math.exp((x - max) / temperature) : 0));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / sum);
}

const ALPHAS = [0.05, 0.1, 0.2, 0.5, 1];
const TEMPERATURES = [1, 1.5, 2, 3, 4, 6, 8, 12, 16, 24, 32];

/** Trains on the examples; alpha by leave-one-out accuracy, then the temperature by leave-one-out log-loss. */
export function train(examples: LabelledText[], meta: { version: string; trainedOn: string }): TextModel {
  const m = count(examples);
  const looScores = (alpha: number) => examples.map((e, i) => scores(m, alpha, m.features[i]!, { label: m.labels.indexOf(e.label), features: m.features[i]! }));
  const truth = examples.map((e) => m.labels.indexOf(e.label));
  const accuracy = (all: number[][]) => all.filter((s, i) => s.indexOf(Math.max(...s)) === truth[i]).length / all.length;
  const byAlpha = ALPHAS.map((alpha) => ({ alpha, loo: looScores(alpha) })).map((x) => ({ ...x, acc: accuracy(x.loo) }));
  const best = byAlpha.reduce((a, b) => (b.acc > a.acc ? b : a));
  const logLoss = (t: number) => -best.loo.reduce((sum, s, i) => sum + Math.log(Math.max(1e-12, softmax(s, t)[truth[i]!]!)), 0);
  const temperature = TEMPERATURES.reduce((a, b) => (logLoss(b) < logLoss(a) ? b : a));
  const { features: _features, ...counts } = m;
  return {
    id: 'text-classifier', version: meta.version, algorithm: 'multinomial-naive-bayes/binary-words+bigrams', trainedOn: meta.trainedOn,
    alpha: best.alpha, temperature, looAccuracy: Math.round(best.acc * 1000) / 1000, ...counts,
  };
}

/**
 * The label probabilities for a text. `weights` multiplies a label's probability before renormalising (evidence from
 * outside the text, e.g. that no change was extracted); a label without a weight keeps weight 1, 0 rules it out.
 */
export function predict(model: TextModel, text: string, weights: Partial<Record<Category, number>> = {}): Prediction {
  const weighted = softmax(scores(model, model.alpha, featuresOf(text)), model.temperature).map((p, i) => p * (weights[model.labels[i]!] ?? 1));
  const sum = weighted.reduce((a, b) => a + b, 0) || 1;
  const probabilities = weighted.map((p) => p / sum);
  const ranked = model.labels.map((category, i) => ({ category, probability: probabilities[i]! })).sort((a, b) => b.probability - a.probability);
  return { category: ranked[0]!.category, probability: ranked[0]!.probability, ranked };
}
