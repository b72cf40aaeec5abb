// The machine the kit runs on: probes are executed directly, each in a scratch TMPDIR of its own.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { arch, release, version } from 'node:os';
import { join } from 'node:path';
import { dir } from 'tmp-promise';
import { REQUIREMENTS, type Requirement } from '../../specs/schema.js';
import { kitPaths } from '../kitPaths.js';
import { fixtureNames } from '../probes/catalog.js';
import { runCommand, type CommandResult } from '../process/runCommand.js';
import {
  RECORDED_SYSCTLS,
  type Availability,
  type Environment,
  type EnvironmentDescription,
  type EnvironmentFacts,
  type ExecOptions,
} from './environment.js';

/** Options for a host environment; `env` is added to every command (used to inject faults). */
export interface HostOptions {
  name?: string;
  env?: Record<string, string>;
}

const CAP_CHOWN = 0;
const CAP_SETGID = 6;
const CAP_SETUID = 7;

export class HostEnvironment implements Environment {
  readonly name: string;
  private readonly extraEnv: Record<string, string>;
  private factsPromise: Promise<EnvironmentFacts> | undefined;

  constructor(options: HostOptions = {}) {
    this.name = options.name ?? 'host';
    this.extraEnv = options.env ?? {};
  }

  async available(): Promise<Availability> {
    for (const fixture of fixtureNames()) {
      const binary = join(kitPaths.fixtureBinaries, `${fixture}_probe`);
      if (!existsSync(binary)) {
        return { ok: false, reason: `fixture ${binary} is not built: run \`make fixtures\` (needs gcc: apt-get install gcc make)` };
      }
    }
    if (!existsSync(kitPaths.ffiEntry)) {
      return { ok: false, reason: `${kitPaths.ffiEntry} is missing: run \`npm run build\`` };
    }
    return { ok: true };
  }

  async exec(argv: readonly string[], options: ExecOptions): Promise<CommandResult> {
    // A scratch TMPDIR per command: whatever a killed probe could not remove goes with it.
    const scratch = await dir({ prefix: 'ipc-conformance-run-', unsafeCleanup: true });
    try {
      return await runCommand(argv, {
        timeoutMs: options.timeoutMs,
        env: { ...this.extraEnv, ...options.env, TMPDIR: scratch.path },
      });
    } finally {
      await scratch.cleanup();
    }
  }

  fixtureCommand(fixture: string): string[] {
    return [join(kitPaths.fixtureBinaries, `${fixture}_probe`)];
  }

  ffiCommand(): string[] {
    return [process.execPath, kitPaths.ffiEntry];
  }

  async readSysctl(name: string): Promise<string> {
    return (await readFile(`/proc/sys/${name.replaceAll('.', '/')}`, 'utf8')).trim();
  }

  facts(): Promise<EnvironmentFacts> {
    this.factsPromise ??= this.readFacts();
    return this.factsPromise;
  }

  async describe(): Promise<EnvironmentDescription> {
    const sysctls: Record<string, string> = {};
    for (const name of RECORDED_SYSCTLS) sysctls[name] = await this.readSysctl(name).catch(() => 'unreadable');
    return {
      name: this.name,
      kernel: `${release()} ${version()}`,
      runtime: Object.keys(this.extraEnv).length ? `host with ${JSON.stringify(this.extraEnv)}` : 'host (no container)',
      arch: arch(),
      uid: process.geteuid?.() ?? -1,
      capabilities: (await effectiveCapabilities()).toString(16),
      pageSize: (await this.facts()).pageSize,
      sysctls,
      versions: { node: process.version },
    };
  }

  private async readFacts(): Promise<EnvironmentFacts> {
    const uid = process.geteuid?.() ?? -1;
    const caps = await effectiveCapabilities();
    const has = (bit: number) => (caps & (1n << BigInt(bit))) !== 0n;
    const missing = (requirement: Requirement, why: string): Availability => ({
      ok: false,
      reason: `requires ${requirement} (${REQUIREMENTS[requirement]}): ${why}`,
    });
    const offers: Record<Requirement, Availability> = {
      root: uid === 0 ? { ok: true } : missing('root', `effective uid is ${uid}`),
      'other-uid':
        has(CAP_SETUID) && has(CAP_SETGID) && has(CAP_CHOWN)
          ? { ok: true }
          : missing('other-uid', `effective uid ${uid} lacks CAP_SETUID/CAP_SETGID/CAP_CHOWN`),
      procfs: existsSync('/proc/self/fd') ? { ok: true } : missing('procfs', '/proc/self/fd does not exist'),
    };
    return { pageSize: await pageSize(), offers };
  }
}

async function effectiveCapabilities(): Promise<bigint> {
  const status = await readFile('/proc/self/status', 'utf8').catch(() => '');
  const hex = /^CapEff:\s*([0-9a-f]+)$/m.exec(status)?.[1];
  return hex ? BigInt(`0x${hex}`) : 0n;
}

async function pageSize(): Promise<number> {
  const result = await runCommand(['getconf', 'PAGESIZE'], { timeoutMs: 5000 });
  const size = Number(result.stdout.trim());
  if (!Number.isInteger(size) || size <= 0) throw new Error(`getconf PAGESIZE printed '${result.stdout.trim()}'`);
  return size;
}
