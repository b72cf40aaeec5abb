// What the figures were measured on. A latency means little without the CPU, the kernel, whether a
// hypervisor sits underneath and how busy the machine was; the probe's `machine` case reads them
// inside the environment (a gVisor sandbox reports its own kernel), the environment says what it is.

import { type ObservedValue, parseObservation } from '../core/observation.js';
import type { Environment, EnvironmentDescription } from '../environments/environment.js';

/** The probe's `machine` observation, as the report uses it. */
export interface MachineFacts {
  cpuModel: string;
  cpusOnline: number;
  cpusAllowed: number;
  kernel: string;
  hypervisor: boolean;
  /** DMI vendor or product name when readable, e.g. "QEMU" or "Amazon EC2". */
  platform: string | null;
  pageSize: number;
  loadavg: string;
  evidence: Record<string, ObservedValue>;
}

/** Everything the report says about where it ran. */
export interface MachineRecord {
  environment: string;
  runtime: string;
  description: EnvironmentDescription;
  facts: MachineFacts;
  loadavgBefore: string;
  loadavgAfter: string;
  /** Set when the figures come from a small virtual machine: fewer cores, noisier neighbours. */
  flag: string | null;
}

const asString = (v: ObservedValue | undefined): string => (v === undefined || v === null ? 'unknown' : String(v));

/** Reads the `machine` observation of bench-probe (stdout of one call) into MachineFacts. */
export function machineFactsFrom(stdout: string): MachineFacts {
  const observation = parseObservation('bench machine', stdout);
  const e = observation.evidence;
  const vendor = [e.sys_vendor, e.product_name].filter((v) => typeof v === 'string' && v.trim() !== '').join(' ');
  return {
    cpuModel: asString(e.cpu_model),
    cpusOnline: Number(e.cpus_online ?? e.cpus ?? observation.value),
    cpusAllowed: Number(e.cpus_allowed ?? e.cpus_online ?? e.cpus ?? observation.value),
    kernel: asString(e.kernel),
    hypervisor: e.hypervisor === true || e.hypervisor === 'true',
    platform: vendor || null,
    pageSize: Number(e.page_size),
    loadavg: asString(e.loadavg),
    evidence: e,
  };
}

/** The "2-CPU virtual machine" warning, when it applies. */
export function machineFlag(facts: Pick<MachineFacts, 'hypervisor' | 'cpusOnline'>): string | null {
  return facts.hypervisor && facts.cpusOnline <= 2 ? '2-CPU virtual machine' : null;
}

/** Runs the probe's `machine` case in the environment. */
export async function observeMachine(environment: Environment): Promise<MachineFacts> {
  const result = await environment.exec([...environment.fixtureCommand('bench'), 'machine'], { timeoutMs: 30_000 });
  if (result.exitCode !== 0) {
    throw new Error(
      `bench-probe machine failed (${result.timedOut ? 'timed out' : `exit status ${result.exitCode}`}): ${result.stderr.trim()}`,
    );
  }
  return machineFactsFrom(result.stdout);
}

/** Assembles the record from the facts observed before the run and the load average after it. */
export function machineRecord(description: EnvironmentDescription, before: MachineFacts, after: MachineFacts): MachineRecord {
  return {
    environment: description.name,
    runtime: description.runtime,
    description,
    facts: before,
    loadavgBefore: before.loadavg,
    loadavgAfter: after.loadavg,
    flag: machineFlag(before),
  };
}
