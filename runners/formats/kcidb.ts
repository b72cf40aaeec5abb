// The run as a KernelCI KCIDB submission (I/O schema v4.5, kernelci/kcidb-io
// kcidb_io/schema/v04_05.py): one checkout and one build standing for the kernel the probes ran on,
// and one test per property whose path is the dotted property id. `kcidb-submit` (or any KCIDB
// client) takes the file as it is.
//
// The kit does not build kernels: it sees one running. So the checkout is known only by the kernel
// release it reports and the build by the full uname version, the architecture and, for a guest,
// the configuration it was read to have. Ids are stable for the same kernel, so the runs of many
// machines on one kernel land on one build in KCIDB; the tests' ids are unique per run.
import { createHash } from 'node:crypto';
import type { Verdict, VerdictFile, VerdictStatus } from '../verdict/verdict.js';
import { environmentFacts, explanationLines, seconds } from './runFacts.js';

/** The KCIDB schema version the export is written in. */
export const KCIDB_VERSION = { major: 4, minor: 5 } as const;

/** The origin the kit submits as: KCIDB's origin pattern is [a-z0-9_]+, so no hyphen. */
export const KCIDB_ORIGIN = 'ipc_conformance';

/** KCIDB's statuses for the kit's: a broken probe is KCIDB's ERROR (the test's own code failed). */
const STATUS: Record<VerdictStatus, 'PASS' | 'FAIL' | 'SKIP' | 'ERROR'> = {
  passed: 'PASS',
  failed: 'FAIL',
  skipped: 'SKIP',
  broken: 'ERROR',
};

/** KCIDB caps every log excerpt at this many characters. */
const LOG_EXCERPT_MAX = 16384;

/** The run as a KCIDB v4 I/O object. */
export function kcidbExport(file: VerdictFile): Record<string, unknown> {
  const env = file.environment;
  const kernel = typeof env.kernel === 'string' && env.kernel !== '' ? env.kernel : 'unknown';
  const release = kernel.split(/\s+/)[0]!;
  const arch = typeof env.arch === 'string' ? env.arch : undefined;
  const checkoutId = `${KCIDB_ORIGIN}:linux-${release}`;
  const buildId = `${KCIDB_ORIGIN}:linux-${release}-${arch ?? 'unknown'}-${digest(kernel, arch, env.kernelConfig)}`;
  const runId = `${env.name}-${digest(env.name, env.machineHostname ?? env.hostname, file.generatedAt)}`;
  const environment = {
    comment: [env.name, env.runtime, env.ipcMode === undefined ? undefined : `IPC namespace: ${env.ipcMode}`].filter(Boolean).join('; '),
    misc: Object.fromEntries(environmentFacts(file)),
  };
  const checkout = {
    id: checkoutId,
    origin: KCIDB_ORIGIN,
    comment: `Linux ${release}, as the running kernel reported it (its source was not recorded)`,
    valid: true,
  };
  const build = {
    id: buildId,
    checkout_id: checkoutId,
    origin: KCIDB_ORIGIN,
    comment: kernel,
    // KCIDB's architecture pattern is [a-z0-9_]*: x86_64 and aarch64 fit, anything else stays in misc.
    ...(arch && /^[a-z0-9_]*$/.test(arch) ? { architecture: arch } : {}),
    valid: true,
    misc: defined({ kernel, arch, kernel_config: env.kernelConfig, emulator: env.emulator, accelerator: env.accelerator }),
  };
  const tests = file.verdicts.map((verdict) => test(file, verdict, { runId, buildId, environment }));
  return { version: { ...KCIDB_VERSION }, checkouts: [checkout], builds: [build], tests };
}

/** The export as the text of kcidb.json. */
export function renderKcidb(file: VerdictFile): string {
  return `${JSON.stringify(kcidbExport(file), null, 2)}\n`;
}

interface RunIds {
  runId: string;
  buildId: string;
  environment: { comment: string; misc: Record<string, string> };
}

function test(file: VerdictFile, verdict: Verdict, { runId, buildId, environment }: RunIds): Record<string, unknown> {
  const explanation = verdict.status === 'passed' ? [] : explanationLines(verdict);
  return {
    id: `${KCIDB_ORIGIN}:${runId}:${verdict.property}`,
    build_id: buildId,
    origin: KCIDB_ORIGIN,
    path: verdict.property,
    status: STATUS[verdict.status],
    environment,
    ...(verdict.startedAt ? { start_time: verdict.startedAt } : {}),
    ...(verdict.durationMs === undefined ? {} : { duration: seconds(verdict.durationMs) }),
    ...(explanation.length ? { log_excerpt: explanation.join('\n').slice(0, LOG_EXCERPT_MAX) } : {}),
    misc: defined({
      mechanism: verdict.mechanism,
      kind: verdict.kind,
      expected: verdict.expected ?? undefined,
      observed: verdict.observed ?? undefined,
      reason: verdict.reason,
      probes: verdict.probes,
      kit: file.kit,
      verdict_format: file.schemaVersion,
    }),
  };
}

/** A short stable digest of some facts, for ids. */
function digest(...facts: unknown[]): string {
  return createHash('sha256').update(JSON.stringify(facts)).digest('hex').slice(0, 12);
}

/** KCIDB allows no null and gives no meaning to an absent field but "unknown": absent ones are left out. */
function defined(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined && value !== null));
}
