// The guest agent: runs INSIDE a guest (User-Mode Linux, a QEMU machine), started by the guest's
// init as `node agent.js <channel device>`. It reads requests from the channel and runs each one
// at once, concurrently with the others, as the leader of a process group of its own in a scratch
// TMPDIR on the guest's tmpfs, with a hard time limit; it answers on the same channel
// (PROTOCOL.md). It imports nothing but Node and the protocol: the guest sees the kit read-only.
import { type ChildProcess, spawn } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AgentForkServer, signalGroup } from './agentForkServer.js';
import { frame, type GuestAnswer, type GuestRequest, lineReader, type RunRequest, type StartRequest } from './protocol.js';

/** Time between SIGTERM and SIGKILL after a time limit, as on the host (runCommand.ts). */
const GRACE_MS = 500;
/** Where the scratch folders go: the guest's /tmp is a tmpfs the init mounted. */
const SCRATCH_ROOT = process.env.TMPDIR ?? '/tmp';

const device = process.argv[2];
if (!device) {
  process.stderr.write('usage: agent.js <channel device>\n');
  process.exit(2);
}
// One descriptor for both directions; reads block a thread of libuv's pool, which a tty needs.
const fd = openSync(device, 'r+');
const channel = createWriteStream('', { fd, autoClose: false });
const answer = (message: GuestAnswer | { ready: true }) => channel.write(frame(message));

const daemons = new Map<number, ChildProcess>();

/** The kit's FFI entry and fork server, beside this file in dist/ (the guest sees the host's paths). */
const FFI_ENTRY = join(dirname(fileURLToPath(import.meta.url)), '..', 'ffi', 'main.js');
const FFI_FORK_SERVER = join(dirname(fileURLToPath(import.meta.url)), '..', 'ffi', 'forkServer.js');
/** Started on the first FFI probe that may be forked (its helper library must be built). */
let forkServer: AgentForkServer | undefined;

/** Whether a request may be forked by the fork server: the FFI entry, no variables that must be in place before Node starts. */
function forkable(request: RunRequest): boolean {
  return request.ffi === true && request.argv[0] === process.execPath && request.argv[1] === FFI_ENTRY && existsSync(FFI_FORK_SERVER);
}

function run(request: RunRequest): void {
  if (forkable(request)) {
    forkServer ??= new AgentForkServer(FFI_FORK_SERVER, SCRATCH_ROOT, GRACE_MS);
    void forkServer.run(request.id, request.argv.slice(2), request.env ?? {}, request.timeoutMs).then(answer);
    return;
  }
  const started = performance.now();
  const scratch = mkdtempSync(join(SCRATCH_ROOT, 'probe-'));
  const [file, ...args] = request.argv;
  const child = spawn(file ?? '', args, {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...request.env, TMPDIR: scratch },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  let timedOut = false;
  let killer: NodeJS.Timeout | undefined;
  const limit = setTimeout(() => {
    timedOut = true;
    signalGroup(child.pid, 'SIGTERM');
    killer = setTimeout(() => signalGroup(child.pid, 'SIGKILL'), GRACE_MS);
  }, request.timeoutMs);
  const finish = (reply: GuestAnswer) => {
    clearTimeout(limit);
    clearTimeout(killer);
    rmSync(scratch, { recursive: true, force: true });
    answer(reply);
  };
  child.once('error', (error) => finish({ id: request.id, error: `cannot start ${file}: ${error.message}` }));
  // Anything left in the group once the leader exited is a leftover helper: it would also keep the
  // pipes open, so 'close' comes after the group is killed.
  child.once('exit', () => signalGroup(child.pid, 'SIGKILL'));
  child.once('close', (exitCode, signal) =>
    finish({ id: request.id, exitCode, signal, stdout, stderr, timedOut, durationMs: performance.now() - started }),
  );
}

function start(request: StartRequest): void {
  const [file, ...args] = request.start;
  const child = spawn(file ?? '', args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...request.env } });
  let stdout = '';
  let stderr = '';
  let answered = false;
  const reply = (message: GuestAnswer) => {
    if (answered) return;
    answered = true;
    answer(message);
  };
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  child.stdout.setEncoding('utf8').on('data', (text: string) => {
    stdout += text;
    const newline = stdout.indexOf('\n');
    if (newline >= 0 && child.pid) {
      daemons.set(child.pid, child);
      reply({ id: request.id, pid: child.pid, firstLine: stdout.slice(0, newline).trim() });
    }
  });
  child.once('error', (error) => reply({ id: request.id, error: `cannot start ${file}: ${error.message}` }));
  child.once('exit', (code, signal) => {
    if (child.pid) daemons.delete(child.pid);
    reply({ id: request.id, error: `${file} exited (${signal ?? `status ${code}`}): ${stderr.trim().split('\n')[0] ?? ''}` });
  });
}

function stop(id: number, pid: number): void {
  const child = daemons.get(pid);
  if (!child) return void answer({ id, stopped: true });
  const killer = setTimeout(() => signalGroup(pid, 'SIGKILL'), 1000);
  child.once('exit', () => {
    clearTimeout(killer);
    answer({ id, stopped: true });
  });
  signalGroup(pid, 'SIGTERM');
}

const reader = lineReader((message) => {
  const request = message as GuestRequest;
  if ('argv' in request) run(request);
  else if ('start' in request) start(request);
  else if ('stop' in request) stop(request.id, request.stop);
});
// Every chunk read is acknowledged, so the broker may send more (its flow control: broker.ts).
createReadStream('', { fd, autoClose: false }).on('data', (chunk: Buffer | string) => {
  reader(chunk);
  channel.write(frame({ ack: Buffer.byteLength(chunk) }));
});
answer({ ready: true });
