// The host's way of running an FFI probe without starting Node for it: one fork server per kit
// process (runners/ffi/forkServer.ts) forks a fresh process for each probe. To the caller it is a
// command run like any other (runCommand.ts): a scratch TMPDIR, a time limit that ends the probe's
// process group with SIGTERM then SIGKILL, the interruption registry, and the same CommandResult.
// The server dies with this process (parent-death signal) and its probes with the server.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { kitPaths } from '../core/kitPaths.js';
import { endOnInterrupt, terminateGroup } from '../process/interruption.js';
import { signalGroup } from '../process/processGroup.js';
import type { CommandResult } from '../process/runCommand.js';
import { boundToThisProcess, runFolder } from '../process/runFolder.js';
import { temporaryFolder } from '../process/temporaryFolder.js';
import type { ExecOptions } from './environment.js';

/** Time between SIGTERM and SIGKILL after a timeout, as runCommand's default. */
const GRACE_MS = 500;
/** How long the server may take to load every probe module. */
const READY_TIMEOUT_MS = 10_000;

type ServerMessage =
  | { ready: true }
  | { id: number; pid: number }
  | { id: number; exitCode: number | null; signal: string | null }
  | { id: number; error: string };

interface Pending {
  onPid(pid: number): void;
  onEnd(exitCode: number | null, signal: string | null): void;
  onError(message: string): void;
}

class ForkServer {
  private readonly child: ChildProcess;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private failure: string | undefined;
  private started = false;
  readonly ready: Promise<void>;

  constructor() {
    // The run folder first: it marks this process's environment, which the server and every probe
    // it forks inherit, so that a sweep after a SIGKILL finds them (sweepDeadRuns.ts).
    const folder = runFolder();
    const [file, ...args] = boundToThisProcess([process.execPath, '--single-threaded', '--v8-pool-size=1', kitPaths.ffiForkServer]);
    this.child = spawn(file!, args, { detached: true, stdio: ['pipe', 'pipe', 'pipe'] });
    const forgetHelper = folder.recordHelper(this.child.pid, 'ffi-fork-server');
    // Not registered with the interruption registry: it has nothing to remove, and its parent-death
    // signal ends it with this process however that ends; the probes it forked die with it.
    // The server keeps this process alive only while a probe is waited for (holdWhileWaiting): a
    // kit process exits when its own work is done.
    this.child.unref();
    for (const stream of [this.child.stdin, this.child.stderr]) (stream as unknown as { unref(): void }).unref();
    // A server that died is reported by 'exit'; writing to it then must not crash this process.
    this.child.stdin?.on('error', () => undefined);
    let stderr = '';
    this.child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    let markReady: () => void = () => undefined;
    let markFailed: (error: Error) => void = () => undefined;
    this.ready = new Promise((resolve, reject) => {
      markReady = resolve;
      markFailed = reject;
    });
    const readyTimer = setTimeout(() => this.fail(`not ready within ${READY_TIMEOUT_MS} ms`, markFailed), READY_TIMEOUT_MS);
    readyTimer.unref();
    createInterface({ input: this.child.stdout! }).on('line', (line) => {
      const message = JSON.parse(line) as ServerMessage;
      if ('ready' in message) {
        clearTimeout(readyTimer);
        this.started = true;
        markReady();
      } else this.dispatch(message);
      this.holdWhileWaiting();
    });
    this.child.on('error', (error) => this.fail(error.message, markFailed));
    this.child.on('exit', (code, signal) => {
      forgetHelper();
      this.fail(`exited (${signal ?? `status ${code}`})${stderr.trim() ? `: ${stderr.trim().split('\n').at(-1)}` : ''}`, markFailed);
    });
  }

  /** Keeps the event loop alive while requests are outstanding (or the server is starting). */
  private holdWhileWaiting(): void {
    const stdout = this.child.stdout as unknown as { ref(): void; unref(): void };
    if (this.pending.size > 0 || !this.started) stdout.ref();
    else stdout.unref();
  }

  private fail(why: string, markFailed: (error: Error) => void): void {
    this.failure ??= `the FFI fork server ${why}`;
    markFailed(new Error(this.failure));
    for (const [id, pending] of this.pending) {
      this.pending.delete(id);
      pending.onError(this.failure);
    }
  }

  private dispatch(message: Exclude<ServerMessage, { ready: true }>): void {
    const pending = this.pending.get(message.id);
    if (!pending) return;
    if ('error' in message) {
      this.pending.delete(message.id);
      pending.onError(message.error);
    } else if ('pid' in message) pending.onPid(message.pid);
    else {
      this.pending.delete(message.id);
      pending.onEnd(message.exitCode, message.signal);
    }
  }

  /** Closes its stdin, on which the server exits; resolves once it has. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.stdin?.end();
    await exited;
  }

  /** Runs the probe in a forked process; resolves once it has ended (or throws if it never ran). */
  async run(probe: string, argv: readonly string[], options: ExecOptions, env: Record<string, string>): Promise<CommandResult> {
    await this.ready;
    if (this.failure) throw new Error(this.failure);
    const scratch = temporaryFolder('ipc-conformance-run-');
    const output = temporaryFolder('ipc-conformance-ffi-output-');
    const started = performance.now();
    try {
      const id = this.nextId++;
      const files = { stdout: join(output.path, 'stdout'), stderr: join(output.path, 'stderr') };
      const ended = await new Promise<{ exitCode: number | null; signal: string | null; timedOut: boolean }>((resolve, reject) => {
        let pgid: number | undefined;
        let timedOut = false;
        let killTimer: NodeJS.Timeout | undefined;
        let forgetInterrupt = () => undefined as unknown;
        const timeoutTimer = setTimeout(() => {
          timedOut = true;
          signalGroup(pgid, 'SIGTERM');
          killTimer = setTimeout(() => signalGroup(pgid, 'SIGKILL'), GRACE_MS);
        }, options.timeoutMs);
        const settle = () => {
          clearTimeout(timeoutTimer);
          clearTimeout(killTimer);
          forgetInterrupt();
        };
        this.pending.set(id, {
          onPid: (pid) => {
            pgid = pid;
            // Interrupted: SIGTERM, as on a timeout, so that the probe removes what it made.
            forgetInterrupt = endOnInterrupt(() => terminateGroup(pid));
            if (timedOut) signalGroup(pid, 'SIGTERM');
          },
          onEnd: (exitCode, signal) => {
            settle();
            // Anything still in the group after its leader exited is a leftover helper.
            signalGroup(pgid, 'SIGKILL');
            resolve({ exitCode, signal, timedOut });
          },
          onError: (message) => {
            settle();
            reject(new Error(`cannot start FFI probe ${probe}: ${message}`));
          },
        });
        this.holdWhileWaiting();
        this.child.stdin!.write(`${JSON.stringify({ id, probe, argv, env: { ...env, TMPDIR: scratch.path }, ...files })}\n`);
      });
      return {
        ...ended,
        stdout: readIfThere(files.stdout),
        stderr: readIfThere(files.stderr),
        durationMs: performance.now() - started,
      };
    } finally {
      output.remove();
      scratch.remove();
    }
  }
}

/** A probe ended before it made its output files (a signal right after the fork) printed nothing. */
function readIfThere(file: string): string {
  return existsSync(file) ? readFileSync(file, 'utf8') : '';
}

let server: ForkServer | undefined;

/**
 * Runs an FFI probe (the words after the FFI entry: probe id and arguments) in a process forked by
 * this kit process's fork server, started on first use, with `env` added to the probe's variables.
 */
export function runFfiInForkServer(words: readonly string[], options: ExecOptions, env: Record<string, string>): Promise<CommandResult> {
  const [probe = '', ...argv] = words;
  server ??= new ForkServer();
  return server.run(probe, argv, options, env);
}

/** Stops this process's fork server, if it started one (the next FFI probe starts a new one). */
export async function stopFfiForkServer(): Promise<void> {
  const stopping = server;
  server = undefined;
  await stopping?.stop();
}
