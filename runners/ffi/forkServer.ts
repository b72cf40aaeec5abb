// The FFI fork server: a Node process with koffi and every mechanism's probes loaded, that makes
// each FFI probe's process by forking itself instead of starting Node again (≈2 ms of CPU instead
// of ≈65 ms; a conformance run starts some 300 FFI probes). Each probe still runs in a fresh process
// of its own — a copy of this one as it was before any probe ran — exactly as main.ts would run it.
//
// DESIGN.md says an FFI probe never forks from Node, because a forked child keeps only the forking
// thread and Node's other threads may hold locks. The fork here is made safe for the one thing the
// child does — run a synchronous probe, write two files and _exit — by starting the server with
// `--single-threaded` (V8 hands no work to helper threads: no concurrent GC or compilation) and
// `--v8-pool-size=1`; the threads left (one platform worker, the delayed-task scheduler, the
// inspector's signal thread) wait on condition variables and hold no lock at the fork. The child
// never returns to the event loop, whose descriptors it shares with the server. A probe that needs
// two processes is still a C case. runners/environments/ffiForkServer.ts starts the server.
//
// Protocol, one JSON object per line: a request on stdin
//   {"id": 7, "probe": "pipe.default-capacity", "argv": [], "env": {"TMPDIR": "…"}, "stdout": FILE, "stderr": FILE}
// is answered on stdout by {"id": 7, "pid": 1234} once the process exists, then by
// {"id": 7, "exitCode": 0, "signal": null} once it has ended; {"id": 7, "error": "…"} if it could not
// be forked. The server prints `ready` first and exits when its stdin closes.
import { writeSync } from 'node:fs';
import { constants } from 'node:os';
import { createInterface } from 'node:readline';
import koffi from 'koffi';
import { kitPaths } from '../core/kitPaths.js';
import { probeOutcome } from './probeOutcome.js';
import { FFI_PROBES } from './registry.js';

interface ForkRequest {
  id: number;
  probe: string;
  argv: string[];
  env: Record<string, string>;
  stdout: string;
  stderr: string;
}

const libc = koffi.load(null);
const exitNow = libc.func('void _exit(int status)');
const getpid = libc.func('int getpid(void)');
const waitpid = libc.func('int waitpid(int pid, _Out_ int *status, int options)');
const errnoLocation = libc.func('int *__errno_location(void)');
const forkProbeProcess = koffi.load(kitPaths.forkProbeHelper).func('int fork_probe_process(const char *out, const char *err)');
const WNOHANG = 1;

const signalNames = new Map(Object.entries(constants.signals).map(([name, number]) => [number, name]));
/** Probes still running: pid → request id. */
const running = new Map<number, number>();

function reply(message: object): void {
  writeSync(1, `${JSON.stringify(message)}\n`);
}

/** In the forked child: becomes the probe's process, runs the probe, and never returns. */
function becomeProbe(request: ForkRequest): never {
  // Node read its pid once at start-up: the copy would report the server's.
  Object.defineProperty(process, 'pid', { value: getpid(), enumerable: true, configurable: true });
  for (const [name, value] of Object.entries(request.env)) process.env[name] = value;
  const outcome = probeOutcome(request.probe, FFI_PROBES[request.probe], request.argv);
  // Synchronous writes to the files forkProbeProcess put on 1 and 2; _exit, because the event
  // loop and the exit handlers are the server's, not this process's.
  if (outcome.stdout) writeSync(1, outcome.stdout);
  if (outcome.stderr) writeSync(2, outcome.stderr);
  exitNow(outcome.status);
  throw new Error('unreachable: _exit returned');
}

function start(request: ForkRequest): void {
  const pid = forkProbeProcess(request.stdout, request.stderr) as number;
  if (pid === 0) becomeProbe(request);
  if (pid < 0) {
    reply({ id: request.id, error: `fork failed (errno ${koffi.decode(errnoLocation(), 'int')})` });
    return;
  }
  running.set(pid, request.id);
  reply({ id: request.id, pid });
}

/** Reaps every probe that has ended and reports how. */
function reapEnded(): void {
  for (;;) {
    const status = [0];
    const pid = waitpid(-1, status, WNOHANG) as number;
    if (pid <= 0) return;
    const id = running.get(pid);
    running.delete(pid);
    if (id === undefined) continue;
    const raw = status[0]!;
    const termination = raw & 0x7f;
    reply(
      termination === 0
        ? { id, exitCode: (raw >> 8) & 0xff, signal: null }
        : { id, exitCode: null, signal: signalNames.get(termination) ?? `signal ${termination}` },
    );
  }
}

process.on('SIGCHLD', reapEnded);
const requests = createInterface({ input: process.stdin });
requests.on('line', (line) => start(JSON.parse(line) as ForkRequest));
// The client went away: the probes die with this process (their parent-death signal).
requests.on('close', () => process.exit(0));
reply({ ready: true, probes: Object.keys(FFI_PROBES).length });
