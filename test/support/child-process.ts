// Child processes for tests that run changedesk's own entry points: started so a signal reaches the real process,
// and stopped so none outlives its test.
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';

/**
 * Runs a TypeScript entry point in Node itself with tsx as a loader. Not `node_modules/.bin/tsx`: that launcher runs
 * the script as its own child, so a SIGKILL (or a signal it does not relay) stops only the launcher and leaves the
 * real process running, orphaned, after the test.
 */
export const spawnTs = (script: string, args: string[], opts: SpawnOptions): ChildProcess =>
  spawn(process.execPath, ['--import', 'tsx', script, ...args], opts);

const exited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

/** Sends `signal`, and SIGKILL if the process is still there after graceMs; resolves once it has exited. */
export async function stopChild(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM', graceMs = 10_000): Promise<void> {
  if (exited(child) || child.pid === undefined) return;
  const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await gone;
  clearTimeout(timer);
}
