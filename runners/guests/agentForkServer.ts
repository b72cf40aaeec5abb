// The agent's way of running an FFI probe without starting Node for it, as the host does
// (runners/environments/ffiForkServer.ts): under UML a Node start costs over a second of the
// guest's one CPU, a fork of the kit's fork server (runners/ffi/forkServer.ts, started once
// inside the guest) a few milliseconds. Same result as a command: a scratch TMPDIR, a time limit
// ending the probe's group with SIGTERM then SIGKILL, its stdout and stderr. Runs in the guest,
// so it imports nothing of the kit but the protocol's types.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { GuestAnswer } from './protocol.js';

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

export class AgentForkServer {
  private readonly child: ChildProcess;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private failure: string | undefined;
  readonly ready: Promise<void>;

  constructor(
    serverEntry: string,
    private readonly scratchRoot: string,
    private readonly graceMs: number,
  ) {
    this.child = spawn(process.execPath, ['--single-threaded', '--v8-pool-size=1', serverEntry], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stdin?.on('error', () => undefined);
    let stderr = '';
    this.child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    let markReady: () => void = () => undefined;
    this.ready = new Promise((resolve) => (markReady = resolve));
    createInterface({ input: this.child.stdout! }).on('line', (line) => {
      const message = JSON.parse(line) as ServerMessage;
      if ('ready' in message) return markReady();
      const pending = this.pending.get(message.id);
      if (!pending) return;
      if ('pid' in message) return pending.onPid(message.pid);
      this.pending.delete(message.id);
      if ('error' in message) pending.onError(message.error);
      else pending.onEnd(message.exitCode, message.signal);
    });
    this.child.on('exit', (code, signal) => {
      this.failure = `the guest's FFI fork server exited (${signal ?? `status ${code}`}): ${stderr.trim().split('\n').at(-1) ?? ''}`;
      markReady();
      for (const [id, pending] of this.pending) {
        this.pending.delete(id);
        pending.onError(this.failure);
      }
    });
  }

  /** Runs FFI probe `words` (probe id, arguments); answers as the agent answers a command. */
  async run(requestId: number, words: string[], env: Record<string, string>, timeoutMs: number): Promise<GuestAnswer> {
    await this.ready;
    if (this.failure) return { id: requestId, error: this.failure };
    const [probe = '', ...argv] = words;
    const scratch = mkdtempSync(join(this.scratchRoot, 'probe-'));
    const output = mkdtempSync(join(this.scratchRoot, 'ffi-output-'));
    const files = { stdout: join(output, 'stdout'), stderr: join(output, 'stderr') };
    const started = performance.now();
    const id = this.nextId++;
    try {
      const ended = await new Promise<{ exitCode: number | null; signal: string | null; timedOut: boolean }>((resolve, reject) => {
        let pgid: number | undefined;
        let timedOut = false;
        let killer: NodeJS.Timeout | undefined;
        const limit = setTimeout(() => {
          timedOut = true;
          signalGroup(pgid, 'SIGTERM');
          killer = setTimeout(() => signalGroup(pgid, 'SIGKILL'), this.graceMs);
        }, timeoutMs);
        const settle = () => {
          clearTimeout(limit);
          clearTimeout(killer);
        };
        this.pending.set(id, {
          onPid: (pid) => {
            pgid = pid;
            if (timedOut) signalGroup(pid, 'SIGTERM');
          },
          onEnd: (exitCode, signal) => {
            settle();
            signalGroup(pgid, 'SIGKILL'); // leftover helpers of the probe's group
            resolve({ exitCode, signal, timedOut });
          },
          onError: (message) => {
            settle();
            reject(new Error(message));
          },
        });
        this.child.stdin!.write(`${JSON.stringify({ id, probe, argv, env: { ...env, TMPDIR: scratch }, ...files })}\n`);
      });
      const read = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8') : '');
      return { id: requestId, ...ended, stdout: read(files.stdout), stderr: read(files.stderr), durationMs: performance.now() - started };
    } catch (error) {
      return { id: requestId, error: `cannot start FFI probe ${probe}: ${(error as Error).message}` };
    } finally {
      rmSync(scratch, { recursive: true, force: true });
      rmSync(output, { recursive: true, force: true });
    }
  }
}

export function signalGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (!pid) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // the group is gone already
  }
}
