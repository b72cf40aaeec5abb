// The uml environment end to end: Debian's User-Mode Linux booted as a process of this one. Without
// the package (apt-get install user-mode-linux, or `make setup-kernels`) these tests skip and say why.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { kitPaths } from '../../../runners/core/kitPaths.js';
import { standaloneRun } from '../../../runners/environments/probedEnvironment.js';
import { UmlEnvironment } from '../../../runners/environments/uml.js';
import { guestFolder } from '../../../runners/guests/guestFolder.js';
import { umidOf } from '../../../runners/guests/umlInstance.js';
import { runCommand } from '../../../runners/process/runCommand.js';
import { checkProperty } from '../../../runners/verdict/checkProperty.js';
import { cliCommand, propertyById } from '../../support/kit.js';

const uml = new UmlEnvironment();
const availability = await uml.available();
const why = availability.ok ? 'available' : `skipped: ${availability.reason}`;

/** Host processes started for the guest `umid` (UML's own processes keep its command line). */
function processesOf(umid: string): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes(`umid=${umid}`);
      } catch {
        return false; // gone meanwhile
      }
    })
    .map(Number);
}

/** Runs a module script in a Node process of its own; resolves once it printed `line`. */
function nodeScript(lines: string[], line: string) {
  const child = spawn(process.execPath, ['--input-type=module', '-e', lines.join('\n')], { stdio: ['ignore', 'pipe', 'inherit'] });
  const printed = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes(line) && resolve());
    child.once('exit', (code) => reject(new Error(`the script exited (${code}) before printing ${line}`)));
  });
  return { child, printed };
}

const ENVIRONMENT_MODULE = JSON.stringify(join(kitPaths.root, 'dist/runners/environments/uml.js'));

describe.skipIf(!availability.ok)(`uml environment (${why})`, () => {
  test('bench refuses in one line: timings under UML measure the emulation', async () => {
    const result = await runCommand([...cliCommand, 'bench', '--env', 'uml', '--quick'], { timeoutMs: 60_000 });
    expect(result.exitCode).toBe(2);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^ipc-conformance: error: bench measures timings and needs the machine's CPU, which uml lacks: requires native-cpu/,
    );
  });

  test('boots a 6.1 um kernel, runs a fixture and an FFI probe inside and describes itself', async () => {
    await uml.prepare();
    try {
      const description = await uml.describe();
      expect(description.kernel).toMatch(/^6\.1\./);
      expect(description.arch).toMatch(/^um\b/);
      expect(description.emulator).toMatch(/^user-mode-linux /);
      expect(description.accelerator).toBe('none (UML)');
      expect(description.kernelConfig?.CONFIG_SYSVIPC).toBe('y');
      const { mechanism, property } = await propertyById('pipe.capacity.default-is-16-pages'); // fixture and FFI probe
      const verdict = await checkProperty(mechanism, property, uml);
      expect(verdict.status, verdict.reason).toBe('passed');
      expect(verdict.observations.length).toBeGreaterThanOrEqual(2);
      expect((await uml.facts()).offers['native-cpu'].ok).toBe(false);
    } finally {
      await uml.release();
    }
    expect(processesOf(umidOf(uml.run.runId))).toEqual([]);
    expect(existsSync(guestFolder(uml.run.runId))).toBe(false);
  }, 120_000);

  test('the guest of a process SIGKILLed after preparing is ended by the next run, with its files', async () => {
    const run = { ...standaloneRun(), runId: `${standaloneRun().runId}-killed` };
    const umid = umidOf(run.runId);
    const preparing = nodeScript(
      [
        `const { UmlEnvironment } = await import(${ENVIRONMENT_MODULE});`,
        `await new UmlEnvironment(${JSON.stringify(run)}).prepare();`,
        "process.stdout.write('prepared\\n'); setInterval(() => {}, 1000);",
      ],
      'prepared',
    );
    await preparing.printed;
    expect(processesOf(umid).length).toBeGreaterThan(0);
    preparing.child.kill('SIGKILL');
    await new Promise((resolve) => preparing.child.once('exit', resolve));
    // The next run, in a process of its own: its run folder's sweep ends what the dead one recorded.
    const next = nodeScript(
      [
        `const { UmlEnvironment } = await import(${ENVIRONMENT_MODULE});`,
        'const next = new UmlEnvironment(); await next.prepare(); await next.release();',
        "process.stdout.write('swept\\n');",
      ],
      'swept',
    );
    await next.printed;
    expect(processesOf(umid)).toEqual([]);
    expect(existsSync(guestFolder(run.runId))).toBe(false);
    expect(existsSync(join(homedir(), '.uml', umid))).toBe(false);
  }, 120_000);
});
