// Runs the ERP simulator on a real TCP port (port 0 picks a free one) for the service in development and for tests.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createErpSimulatorApp } from './app.ts';
import type { Faults } from './faults.ts';
import { loadSeed } from './seed.ts';

export interface StartErpSimulatorOptions {
  port: number;
  host?: string;
  seedDir: string;
  stateFile?: string;
  faults?: Faults;
}

export async function startErpSimulator(opts: StartErpSimulatorOptions) {
  const seed = await loadSeed(opts.seedDir);
  const { app, state } = createErpSimulatorApp({ seed, stateFile: opts.stateFile, faults: opts.faults });
  const host = opts.host ?? '127.0.0.1';
  const { server, port } = await new Promise<{ server: Server; port: number }>((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port: opts.port, hostname: host }, (info: AddressInfo) =>
      resolve({ server, port: info.port }),
    ) as Server;
    server.once('error', reject);
  });
  const connectHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${connectHost}:${port}`,
    state,
    /** Also drops idle keep-alive connections, which would otherwise hold close() open for seconds. */
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
