// The ERP simulator in its own process for `npm run bench`: the ERP is another system, so answering the triage
// stage's lookups must not count against the pipeline's own event loop. Prints its URL as one JSON line.
import { defaultSeedDir } from '../src/erp/simulator/seed.ts';
import { startErpSimulator } from '../src/erp/simulator/server.ts';

const sim = await startErpSimulator({ port: 0, seedDir: defaultSeedDir() });
process.stdout.write(`${JSON.stringify({ url: sim.url })}\n`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void sim.close().then(() => process.exit(0)));
