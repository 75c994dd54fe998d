// Retrains the text classifier from a labelled fixture set (the train split by default): npm run classifier:train.
//
//   npm run classifier:train -- [--fixtures fixtures/cases/train] [--out models/text-classifier-v2.json]
//
// Each case's subject and newest-message text (quoted history and signatures cut, as at run time) is one example,
// labelled with expected.json's category. The output is deterministic: the same cases give the same file.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parseMime } from '../../intake/parse-mime.ts';
import { categorySchema } from '../taxonomy.ts';
import { classifierText } from './message-text.ts';
import { defaultTextModelFile, TEXT_MODEL_VERSION } from './model.ts';
import { train, type LabelledText } from './naive-bayes.ts';

const root = path.resolve(import.meta.dirname, '../../..');

async function caseDirs(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const here = entries.some((e) => e.isFile() && e.name === 'message.eml') ? [dir] : [];
  const below = await Promise.all(entries.filter((e) => e.isDirectory()).map((e) => caseDirs(path.join(dir, e.name))));
  return [...here, ...below.flat()].sort();
}

export async function examplesFrom(dir: string): Promise<LabelledText[]> {
  const examples: LabelledText[] = [];
  for (const c of await caseDirs(dir)) {
    const expected = JSON.parse(await readFile(path.join(c, 'expected.json'), 'utf8')) as { category: unknown };
    const parsed = await parseMime(await readFile(path.join(c, 'message.eml')), 'train');
    if ('quarantine' in parsed) continue;
    const body = parsed.documents[0]?.pages[0]?.text ?? '';
    examples.push({ text: classifierText({ subject: parsed.headers.subject, body }), label: categorySchema.parse(expected.category) });
  }
  return examples;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { fixtures: { type: 'string', default: 'fixtures/cases/train' }, out: { type: 'string', default: defaultTextModelFile } } });
  const fixtures = path.resolve(values.fixtures);
  const examples = await examplesFrom(fixtures);
  const model = train(examples, { version: TEXT_MODEL_VERSION, trainedOn: path.relative(root, fixtures) || '.' });
  await writeFile(values.out, `${JSON.stringify(model)}\n`);
  console.log(`${TEXT_MODEL_VERSION}: ${examples.length} messages, ${model.labels.length} categories, ${Object.keys(model.vocabulary).length} features, alpha ${model.alpha}, temperature ${model.temperature}, leave-one-out accuracy ${model.looAccuracy} → ${path.relative(process.cwd(), values.out)}`);
}
