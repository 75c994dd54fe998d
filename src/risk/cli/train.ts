// `npm run risk:train -- --csv <history.csv> --mapping <mapping.json> --out <model.json>`: trains, evaluates, writes.
import { parseArgs } from 'node:util';
import { isAppError } from '../../shared/errors.ts';
import { saveRiskModel } from '../model-file.ts';
import { loadMapping, readHistoryCsv } from '../read-history.ts';
import { metricsTable } from '../report.ts';
import { trainRiskModel } from '../train.ts';

const usage = 'usage: npm run risk:train -- --csv <history.csv> --mapping <mapping.json> --out <model.json> [--l2 1] [--smoothing 2]\n' +
  '  evaluates on the latest 30% of invoices by date and writes the model with its metrics (see src/risk/README.md)\n';

const { values } = parseArgs({
  options: {
    csv: { type: 'string' }, mapping: { type: 'string' }, out: { type: 'string' },
    l2: { type: 'string', default: '1' }, smoothing: { type: 'string', default: '2' }, help: { type: 'boolean', short: 'h' },
  },
});
if (values.help || !values.csv || !values.mapping || !values.out) {
  process.stdout.write(usage);
  process.exit(values.help ? 0 : 2);
}

const l2 = Number(values.l2);
const smoothing = Number(values.smoothing);
if (!(l2 >= 0) || !(smoothing > 0)) {
  process.stderr.write(`risk:train: --l2 must be a number ≥ 0 and --smoothing a number > 0\n${usage}`);
  process.exit(2);
}

try {
  const mapping = await loadMapping(values.mapping);
  const invoices = await readHistoryCsv(values.csv, mapping);
  const model = trainRiskModel(invoices, { name: mapping.name, extras: mapping.extras, l2, smoothing });
  process.stdout.write(metricsTable(model));
  await saveRiskModel(values.out, model);
  process.stdout.write(`wrote ${values.out} (${model.version})\n`);
} catch (e) {
  process.stderr.write(`risk:train: ${isAppError(e) ? e.message : e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
}
