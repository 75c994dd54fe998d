// Finds the cases of a fixture set: every folder (at any depth) holding message.eml; its id is the relative path.
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../src/shared/errors.ts';
import { expectedSchema, type Expected } from './schema.ts';

export interface EvalCase {
  /** The folder's path relative to the fixture set, with `/` separators (e.g. `test/qty-terse-po-in-subject`). */
  id: string;
  emlPath: string;
  expected: Expected;
}

export async function discoverCases(root: string): Promise<EvalCase[]> {
  const info = await stat(root).catch(() => null);
  if (!info?.isDirectory()) throw new AppError('bad_request', `--fixtures ${root}: no such folder`);
  const dirs: string[] = [];
  await walk(root, dirs);
  const cases = await Promise.all(dirs.sort().map((dir) => loadCase(root, dir)));
  if (!cases.length) throw new AppError('bad_request', `--fixtures ${root}: no cases found (a case is a folder holding message.eml and expected.json)`);
  return cases;
}

async function walk(dir: string, found: string[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  if (entries.some((e) => e.isFile() && e.name === 'message.eml')) found.push(dir);
  for (const e of entries) if (e.isDirectory() && !e.name.startsWith('.') && e.name !== 'node_modules') await walk(path.join(dir, e.name), found);
}

async function loadCase(root: string, dir: string): Promise<EvalCase> {
  const id = path.relative(root, dir).split(path.sep).join('/') || '.';
  const file = path.join(dir, 'expected.json');
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'is missing' : `is not JSON (${(e as Error).message})`;
    throw new AppError('bad_request', `case ${id}: ${file} ${why}`);
  }
  const parsed = expectedSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new AppError('bad_request', `case ${id}: ${file} does not follow the eval contract: ${issues}`);
  }
  return { id, emlPath: path.join(dir, 'message.eml'), expected: parsed.data };
}
