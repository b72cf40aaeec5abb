// `report` on the folder a `run --output` wrote: rebuilt in place, and with --serve served on
// loopback at the address it prints, until SIGINT or SIGTERM end it with exit status 0 and the
// port closed again.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { kitPaths } from '../../runners/core/kitPaths.js';
import { cliCommand } from '../support/kit.js';
import { cli } from './cliProcess.js';

let scratch: string;
let runDir: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'ipc-conformance-serve-'));
  runDir = join(scratch, 'run');
  const ran = await cli(['run', '--only', 'pipe.direction.*', '--output', runDir], { IPC_CONFORMANCE_REPORTS_ROOT: scratch }, 180_000);
  expect(ran.exitCode, ran.stderr).toBe(0);
}, 200_000);
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

/** A `report --serve` in the background, and the address it printed once it serves. */
async function startServing(args: string[]): Promise<{ server: ChildProcess; url: string; exited: Promise<number | null> }> {
  const server = spawn(cliCommand[0]!, [...cliCommand.slice(1), 'report', '--serve', '--output', runDir, ...args], {
    cwd: kitPaths.root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => server.once('exit', (code) => resolve(code)));
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no address within 60 s: ${output}`)), 60_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const found = /^report: (http:\/\/127\.0\.0\.1:\d+\/)/m.exec(output);
      if (found) {
        clearTimeout(timer);
        resolve(found[1]!);
      }
    };
    server.stdout!.on('data', read);
    server.stderr!.on('data', read);
    server.once('exit', () => reject(new Error(`report --serve ended: ${output}`)));
  });
  return { server, url, exited };
}

/** A port nothing listens on just now. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

describe('report --output DIR', () => {
  test('rebuilds the report of the run in DIR, in DIR', async () => {
    const result = await cli(['report', '--output', runDir], { IPC_CONFORMANCE_REPORTS_ROOT: scratch }, 120_000);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).toBe(`report: ${join(runDir, 'allure-report', 'index.html')}\n`);
  });

  test('of a folder that holds no run is one line', async () => {
    const result = await cli(['report', '--output', scratch, '--serve']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/^ipc-conformance: error: \S+verdicts\.json\b.*\n$/);
  });
});

describe('report --serve', () => {
  test.each([['SIGTERM'], ['SIGINT']] as const)('serves the report until %s, then exits 0 and frees the port', async (signal) => {
    const { server, url, exited } = await startServing([]);
    try {
      const page = await fetch(url);
      expect(page.status).toBe(200);
      expect(await page.text()).toMatch(/<html/i);
      server.kill(signal);
      expect(await exited).toBe(0);
      await expect(fetch(url)).rejects.toThrow();
    } finally {
      server.kill('SIGKILL');
    }
  });

  test('a run without a report gets one built first, and SIGTERM still ends the serving with 0', async () => {
    await rm(join(runDir, 'allure-report'), { recursive: true, force: true });
    const { server, url, exited } = await startServing([]);
    try {
      expect((await fetch(url)).status).toBe(200);
      server.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      server.kill('SIGKILL');
    }
  });

  test('--port N serves on that port', async () => {
    const port = await freePort();
    const { server, url, exited } = await startServing(['--port', String(port)]);
    try {
      expect(url).toBe(`http://127.0.0.1:${port}/`);
      server.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      server.kill('SIGKILL');
    }
  });
});
