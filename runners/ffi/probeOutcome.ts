// One FFI probe run from its command-line words, as both ways of starting a probe process report
// it: main.ts (a Node process of its own) and forkServer.ts (a fork of a Node process that has
// every probe loaded). The text is what a C fixture would print; the status its exit status.
import { argsFromArgv, type FfiProbe } from './ffiProbe.js';

/** What the probe process prints on stdout and stderr, and the status it exits with. */
export interface ProbeOutcome {
  stdout: string;
  stderr: string;
  status: number;
}

/** Runs `probe` (undefined: there is no probe `probeId`) with its arguments in declared order. */
export function probeOutcome(probeId: string, probe: FfiProbe | undefined, argv: readonly string[]): ProbeOutcome {
  if (!probe) return { stdout: '', stderr: `unknown FFI probe '${probeId}' (try --list)\n`, status: 2 };
  const args = argsFromArgv(probe.params, [...argv]);
  if (typeof args === 'string') return { stdout: '', stderr: `${probeId}: ${args}\n`, status: 2 };
  try {
    return { stdout: `${JSON.stringify({ case: probeId, ...probe.run(args) })}\n`, stderr: '', status: 0 };
  } catch (error) {
    return { stdout: '', stderr: `${probeId}: ${(error as Error).message}\n`, status: 1 };
  }
}
