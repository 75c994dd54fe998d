// The model file: its version id (date + content hash), writing it, and loading it with validation.
import fs from 'node:fs/promises';
import { AppError } from '../shared/errors.ts';
import { hashJson } from '../shared/hash.ts';
import { riskModelSchema, type RiskModel } from './schema.ts';

/** `risk-<yyyymmdd of training>-<8 hex of what was learned>`: the same data and settings give the same hash. */
export function withVersion(model: Omit<RiskModel, 'version'>): RiskModel {
  const { trainedAt, metrics: _m, reliability: _r, ...learned } = model;
  const version = `risk-${trainedAt.slice(0, 10).replaceAll('-', '')}-${hashJson(learned).slice(0, 8)}`;
  const { kind, schemaVersion, ...rest } = model;
  return riskModelSchema.parse({ kind, schemaVersion, version, ...rest });
}

export async function saveRiskModel(path: string, model: RiskModel): Promise<void> {
  await fs.writeFile(path, `${JSON.stringify(riskModelSchema.parse(model), null, 2)}\n`);
}

/** Reads and validates a model file; a missing, unreadable or invalid file is an error that names the problem. */
export async function loadRiskModel(path: string): Promise<RiskModel> {
  let raw: unknown;
  try {
    raw = JSON.parse(await fs.readFile(path, 'utf8'));
  } catch (e) {
    throw new AppError('bad_request', `risk model ${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const parsed = riskModelSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new AppError('bad_request', `risk model ${path} is not a valid model file: ${issues.join('; ')}`, issues);
  }
  return parsed.data;
}
