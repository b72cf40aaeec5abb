// Entry point that runs one FFI probe in a process of its own, inside whichever environment the
// runner chose: `node dist/runners/ffi/main.js PROBE [ARGS]`. Prints one observation as JSON, like
// a C fixture, so the fixture runner's protocol handling serves both.
import { loadFfiProbe } from './families.js';

const [probeId, ...args] = process.argv.slice(2);
if (probeId === '--list') {
  const { FFI_PROBES } = await import('./registry.js');
  process.stdout.write(`${Object.keys(FFI_PROBES).join('\n')}\n`);
  process.exit(0);
}
const probe = probeId ? await loadFfiProbe(probeId) : undefined;
if (!probe) {
  process.stderr.write(`unknown FFI probe '${probeId ?? ''}' (try --list)\n`);
  process.exit(2);
}
try {
  process.stdout.write(`${JSON.stringify({ case: probeId, ...probe(args) })}\n`);
} catch (error) {
  process.stderr.write(`${probeId}: ${(error as Error).message}\n`);
  process.exit(1);
}
