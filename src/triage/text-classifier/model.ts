// The shipped text classifier: models/text-classifier-v2.json, read and checked once, on first use.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { textModelSchema, type TextModel } from './naive-bayes.ts';

export const TEXT_MODEL_VERSION = 'text-classifier-v2';
export const defaultTextModelFile = fileURLToPath(new URL(`../../../models/${TEXT_MODEL_VERSION}.json`, import.meta.url));

let cached: TextModel | null = null;

/** Throws with the file name when the model is missing or malformed: it ships with the code, so that is a bug. */
export function loadTextModel(file = defaultTextModelFile): TextModel {
  const parsed = textModelSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`text classifier ${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

export function defaultTextModel(): TextModel {
  cached ??= loadTextModel();
  return cached;
}
