// Runs one command in an exercise sandbox and ends it completely: the run's cgroup is made first
// and registered for interruption before anything starts in it, the time limit kills the cgroup
// (every process the command started, wherever it went), and the cgroup is removed afterwards.
import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { endOnInterrupt } from '../../process/interruption.js';
import { type LimitHit, SandboxCgroup, type SandboxLimits } from '../../process/sandboxCgroup.js';
import { type SandboxSpec, sandboxArgv } from './sandboxCommand.js';
import type { SandboxSetup } from './sandboxSetup.js';

/** How much of stdout and stderr the kit keeps (a program may print without end). */
const STDOUT_LIMIT = 1 << 20;
const STDERR_LIMIT = 64 << 10;

/** One sandboxed command's start. */
export interface SandboxRunOptions {
  setup: SandboxSetup;
  spec: Omit<SandboxSpec, 'cgroupJoinFiles' | 'uid'>;
  limits: SandboxLimits;
  /** The command's whole environment: nothing of the kit's reaches it. */
  env: Record<string, string>;
  /** After this long the cgroup is killed, whatever runs in it. */
  killAfterMs: number;
  /** Bytes fed on stdin, or none (stdin is then /dev/null). */
  stdin?: (stream: NodeJS.WritableStream) => Promise<void>;
}

/** How it ended. */
export interface SandboxOutcome {
  exitCode: number | null;
  signal: string | null;
  /** The kit had to kill the cgroup at `killAfterMs`. */
  killed: boolean;
  limitsHit: LimitHit[];
  stdout: string;
  stderr: string;
  durationMs: number;
}

/** Keeps the first `limit` characters of a stream (or the last, for stderr's tail). */
function collect(stream: NodeJS.ReadableStream | null, limit: number, keep: 'head' | 'tail'): () => string {
  let text = '';
  stream?.on('data', (chunk: Buffer) => {
    text += chunk.toString();
    if (text.length > limit) text = keep === 'head' ? text.slice(0, limit) : text.slice(-limit);
  });
  return () => text;
}

export async function runSandboxed(options: SandboxRunOptions): Promise<SandboxOutcome> {
  const { setup } = options;
  const cgroup = SandboxCgroup.create(setup.hierarchy, options.limits);
  const forgetCgroup = endOnInterrupt(() => cgroup.remove());
  const seccomp = openSync(setup.seccompFilter, 'r');
  try {
    const argv = sandboxArgv({ ...options.spec, uid: setup.uid, cgroupJoinFiles: cgroup.joinFiles });
    const started = performance.now();
    const child = spawn(argv[0]!, argv.slice(1), {
      env: options.env,
      stdio: [options.stdin ? 'pipe' : 'ignore', 'pipe', 'pipe', seccomp],
      detached: true, // Ctrl-C in the kit's terminal reaches the kit, which ends the cgroup
    });
    const stdout = collect(child.stdout, STDOUT_LIMIT, 'head');
    const stderr = collect(child.stderr, STDERR_LIMIT, 'tail');
    let killed = false;
    const timer = setTimeout(() => {
      killed = true;
      cgroup.kill();
    }, options.killAfterMs);
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
      child.once('error', reject);
      // 'close': the exit, and both pipes drained (nothing in the sandbox holds them any more).
      child.once('close', (code, signal) => resolve({ code, signal }));
    });
    const feeding = options.stdin && child.stdin ? options.stdin(child.stdin) : Promise.resolve();
    const { code, signal } = await exited.finally(() => clearTimeout(timer));
    await feeding;
    const durationMs = performance.now() - started;
    cgroup.kill(); // the namespace's end took everything with it; this is the second wall
    return { exitCode: code, signal, killed, limitsHit: cgroup.limitsHit(), stdout: stdout(), stderr: stderr(), durationMs };
  } finally {
    closeSync(seccomp);
    forgetCgroup();
    cgroup.remove();
  }
}
