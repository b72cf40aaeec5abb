// Entry point that runs one FFI probe in a process of its own, inside whichever environment the
// runner chose: `node dist/runners/ffi/main.js PROBE [ARG ...]`, the arguments in the order the
// probe declares its parameters (as a C fixture takes them). Prints one observation as JSON, like a
// C fixture, so the fixture runner's protocol handling serves both; `--list [--json]` as a C probe.
// On the host, forkServer.ts starts most FFI probes instead, by forking rather than starting Node.

import { loadFfiProbe } from './families.js';
import { probeOutcome } from './probeOutcome.js';

const [probeId, ...argv] = process.argv.slice(2);
if (probeId === '--list') {
  const { FFI_PROBES } = await import('./registry.js');
  if (argv.length === 1 && argv[0] === '--json') {
    const listed = Object.entries(FFI_PROBES).map(([name, probe]) => ({ name, params: probe.params }));
    process.stdout.write(`${JSON.stringify(listed, null, 1)}\n`);
  } else {
    process.stdout.write(`${Object.keys(FFI_PROBES).join('\n')}\n`);
  }
  process.exit(0);
}
const outcome = probeOutcome(probeId ?? '', probeId ? await loadFfiProbe(probeId) : undefined, argv);
process.stdout.write(outcome.stdout);
process.stderr.write(outcome.stderr);
process.exitCode = outcome.status;
