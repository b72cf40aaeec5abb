// How a run shows its progress. Off a terminal (a CI log, a pipe): one line per property as it is
// decided, with its verdict and time, and no escape sequence anywhere. On a terminal (a pseudo-
// terminal from script(1)): one line rewritten in place with the counts so far, still without an
// escape sequence. And the rule that decides where colours may go at all.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { colorsAllowed, withoutEscapes } from '../../runners/cli/terminalOutput.js';
import { runCommand } from '../../runners/process/runCommand.js';
import { cliCommand, faultShim } from '../support/kit.js';
import { cli, ESC } from './cliProcess.js';

const ONLY = 'pipe.direction.*,fifo.blocking.*';
let reportsRoot: string;
beforeAll(async () => {
  reportsRoot = await mkdtemp(join(tmpdir(), 'ipc-conformance-progress-'));
});
afterAll(async () => {
  await rm(reportsRoot, { recursive: true, force: true });
});
const env = () => ({ IPC_CONFORMANCE_REPORTS_ROOT: reportsRoot });

/** One progress line off a terminal: place, verdict, property, milliseconds. */
const PROGRESS_LINE = /^(\d+)\/(\d+) (passed|failed|skipped|broken) +(\S+) (\d+) ms$/;

describe('off a terminal', () => {
  test('one line per property as it is decided, and the summary, without escape sequences', async () => {
    const result = await cli(['run', '--only', ONLY, '--no-report'], env(), 180_000);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(`${result.stdout}${result.stderr}`).not.toContain(ESC);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toMatch(/^checking (\d+) properties in host$/);
    const total = Number(/^checking (\d+)/.exec(lines[0]!)![1]);
    expect(total).toBeGreaterThanOrEqual(8);
    // Numbered in the order decided, each property once, each with the run's total.
    const parsed = lines.map((line) => PROGRESS_LINE.exec(line)).filter((match) => match !== null);
    expect(parsed).toHaveLength(total);
    expect(parsed.map((match) => Number(match[1]))).toEqual(Array.from({ length: total }, (_, index) => index + 1));
    expect(parsed.every((match) => Number(match[2]) === total && match[3] === 'passed')).toBe(true);
    expect(new Set(parsed.map((match) => match[4])).size).toBe(total);
    expect(result.stdout).toMatch(/^total \(host\) +\d+ +0 +0 +0$/m);
  });

  test('a contradicted property shows as failed on its line', async () => {
    const id = 'pipe.capacity.default-is-16-pages';
    const result = await cli(['run', '--only', id, '--no-report'], { ...env(), LD_PRELOAD: faultShim('small_pipe') }, 180_000);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(new RegExp(`^1/1 failed {2}${id.replaceAll('.', '\\.')} \\d+ ms$`, 'm'));
    expect(result.stdout).not.toContain(ESC);
  });
});

describe('on a terminal', () => {
  test('one progress line rewritten in place, cut to the terminal width, then cleared for the summary', async () => {
    // script(1) gives the command a pseudo-terminal 60 columns wide; its output is what the terminal got.
    const command = [...cliCommand, 'run', '--only', ONLY, '--no-report'].map((word) => `'${word}'`).join(' ');
    const result = await runCommand(['script', '-qec', `stty cols 60; exec ${command}`, '/dev/null'], {
      timeoutMs: 180_000,
      env: env(),
    });
    expect(result.exitCode, result.stdout).toBe(0);
    expect(result.stdout).not.toContain(ESC);
    const text = result.stdout.replaceAll('\r\n', '\n');
    // No property got a line of its own: every update follows a carriage return, none a newline.
    expect(text).not.toMatch(/(^|\n)\d+\/\d+ /);
    const updates = text
      .split('\n')[0]!
      .split('\r')
      .filter((update) => update.trim() !== '');
    expect(updates.length).toBeGreaterThanOrEqual(8);
    for (const update of updates) expect(update.length).toBeLessThanOrEqual(59);
    const last = updates.at(-1)!;
    const total = Number(/^(\d+)\/\1 /.exec(last)?.[1]);
    expect(last).toMatch(new RegExp(`^${total}/${total} {2}${total} passed, 0 failed, 0 skipped, 0 broken {2}\\S`));
    expect(updates).toHaveLength(total);
    // The last update is blanked out, so the summary starts on a clean line.
    expect(text).toMatch(/\r {20,}\r\r?\n+mechanism +passed/);
  });
});

describe('where colours may go', () => {
  test('only to a terminal, and not while NO_COLOR is set to something', () => {
    expect(colorsAllowed({ write: () => true, isTTY: true }, {})).toBe(true);
    expect(colorsAllowed({ write: () => true, isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(colorsAllowed({ write: () => true, isTTY: true }, { NO_COLOR: '' })).toBe(true);
    expect(colorsAllowed({ write: () => true }, {})).toBe(false);
  });

  test('what a library colours reaches a log as its text', () => {
    const coloured = `${ESC}[1m${ESC}[32m✓${ESC}[39m${ESC}[22m 3 passed ${ESC}[2K${ESC}]8;;https://x${ESC}\\link${ESC}]8;;${ESC}\\`;
    expect(withoutEscapes(coloured)).toBe('✓ 3 passed link');
  });
});
