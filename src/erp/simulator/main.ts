// Standalone ERP simulator for development (`npm run erp:sim`): seeded from fixtures/erp, postings kept across restarts.
import path from 'node:path';
import { loadConfig } from '../../shared/config.ts';
import { logger } from '../../shared/logger.ts';
import { defaultSeedDir } from './seed.ts';
import { startErpSimulator } from './server.ts';

const config = loadConfig();
const sim = await startErpSimulator({
  port: config.erpSimPort,
  seedDir: defaultSeedDir(),
  stateFile: path.join(config.dataDir, 'erp-sim-state.json'),
});
logger.info({ url: sim.url }, 'ERP simulator listening');

for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => void sim.close().then(() => process.exit(0)));
