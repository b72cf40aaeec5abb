// A process that outlives one command: started detached in its own process group, its first
// stdout line handed over (a daemon announcing its address), and ended by signalling the group.
import { type ChildProcess, spawn } from 'node:child_process';
import { endOnInterrupt } from './interruption.js';
import { signalGroup } from './processGroup.js';

/** Waits this long for the first stdout line before giving up. */
const FIRST_LINE_TIMEOUT_MS = 10_000;

export interface LongRunning {
  readonly child: ChildProcess;
  readonly firstLine: Promise<string>;
  /** SIGTERM to the group, SIGKILL after 1 s; resolves once the process has exited. */
  stop(): Promise<void>;
}

export function startLongRunning(argv: readonly string[], env?: Record<string, string>): LongRunning {
  const child = spawn(argv[0]!, argv.slice(1), { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  // Interrupted: SIGKILL at once. A daemon or holder leaves nothing a SIGTERM handler would remove,
  // and one still starting may not yet handle SIGTERM (a pid namespace's first process drops it).
  child.once(
    'exit',
    endOnInterrupt(() => signalGroup(child.pid, 'SIGKILL')),
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const firstLine = new Promise<string>((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(
      () => reject(new Error(`${argv[0]} printed nothing within ${FIRST_LINE_TIMEOUT_MS} ms: ${stderr.trim()}`)),
      FIRST_LINE_TIMEOUT_MS,
    );
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const newline = stdout.indexOf('\n');
      if (newline >= 0) {
        clearTimeout(timer);
        resolve(stdout.slice(0, newline).trim());
      }
    });
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${argv[0]} exited (${signal ?? `status ${code}`}): ${stderr.trim().split('\n')[0] ?? ''}`));
    });
  });
  firstLine.catch(() => undefined); // a caller that never asks must not crash the process
  return { child, firstLine, stop: () => stopGroup(child) };
}

async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  signalGroup(child.pid, 'SIGTERM');
  const killer = setTimeout(() => signalGroup(child.pid, 'SIGKILL'), 1000);
  await exited;
  clearTimeout(killer);
}
