// results.ktap is TAP 13 in kselftest's form: a TAP parser (tap-parser, node-tap's) reads it without
// a parse failure, its plan matches, and its pass/fail/skip counts, skip reasons and names are the
// verdicts'; a broken verdict is `not ok` with a diagnostic saying why; the totals line is kselftest's.
import { Parser, type Result } from 'tap-parser';
import { describe, expect, test } from 'vitest';
import { renderKtap } from '../../runners/formats/ktap.js';
import { oneLine, printable } from '../../runners/formats/runFacts.js';
import { countByStatus, type VerdictFile } from '../../runners/verdict/verdict.js';
import { allRuns, awkwardRun, currentRun } from './samples.js';

interface Parsed {
  asserts: Result[];
  extra: string[];
  final: NonNullable<Parser['results']>;
}

/** What tap-parser makes of a TAP text: every test point, every non-TAP line, and its summary. */
function parse(text: string): Parsed {
  const parser = new Parser();
  const asserts: Result[] = [];
  const extra: string[] = [];
  parser.on('assert', (result: Result) => asserts.push(result));
  parser.on('extra', (line: string) => extra.push(line));
  parser.end(text);
  return { asserts, extra, final: parser.results! };
}

/** Everything a KTAP text must agree on with the run it was written from; throws at the first difference. */
function checkKtap(text: string, file: VerdictFile): void {
  const { asserts, extra, final } = parse(text);
  expect(extra).toEqual([]);
  expect(final.failures.filter((f) => f.tapError)).toEqual([]);
  expect(final.plan).toMatchObject({ start: 1, end: file.verdicts.length });
  expect(final.count).toBe(file.verdicts.length);
  expect(asserts.map((a) => a.id)).toEqual(file.verdicts.map((_v, i) => i + 1));
  expect(asserts.map((a) => a.name)).toEqual(file.verdicts.map((v) => v.property));
  const counts = countByStatus(file.verdicts);
  expect(asserts.filter((a) => a.ok && !a.skip).length).toBe(counts.passed);
  expect(asserts.filter((a) => !a.ok).length).toBe(counts.failed + counts.broken);
  expect(final.skip).toBe(counts.skipped);
  const skipped = file.verdicts.filter((v) => v.status === 'skipped');
  expect(final.skips.map((s) => [s.name, s.skip])).toEqual(skipped.map((v) => [v.property, printable(oneLine(v.reason!))]));
  expect(text.split('\n').at(-2)).toBe(
    `# Totals: pass:${counts.passed} fail:${counts.failed} xfail:0 xpass:0 skip:${counts.skipped} error:${counts.broken}`,
  );
}

describe('KTAP / TAP 13 from the verdicts', () => {
  test.each(allRuns())('the %s run parses cleanly and says what the verdicts say', (_name, file) => {
    checkKtap(renderKtap(file), file);
  });

  const file = currentRun();
  const lines = renderKtap(file).split('\n');
  /** The diagnostic lines just before a test point's result line, as kselftest prints them. */
  const diagnosticsBefore = (property: string) => {
    const at = lines.findIndex((line) => new RegExp(`^(not )?ok \\d+ ${property}( |$)`).test(line));
    const before: string[] = [];
    for (let i = at - 1; i >= 0 && lines[i]!.startsWith('# '); i--) before.unshift(lines[i]!);
    return { line: lines[at], before };
  };

  test('the version line is kselftest’s and the plan follows it', () => {
    expect(lines.slice(0, 2)).toEqual(['TAP version 13', `1..${file.verdicts.length}`]);
  });

  test('the environment and the kit come as diagnostics before the first test point', () => {
    const preamble = lines.slice(
      2,
      lines.findIndex((line) => line.startsWith('ok ') || line.startsWith('not ok ')),
    );
    expect(preamble).toContain(`# kernel: ${file.environment.kernel}`);
    expect(preamble).toContain(`# runtime: ${file.environment.runtime}`);
    expect(preamble).toContain(`# ipc-mode: ${file.environment.ipcMode}`);
    expect(preamble).toContain('# kit.version: 0.1.0');
    expect(preamble).toContain('# kit.commit: 0123456789abcdef0123456789abcdef01234567');
    expect(preamble).toContain(`# selection.only: ${file.selection?.only}`);
  });

  test('a failed property is `not ok` after its expected and observed facts', () => {
    const failed = file.verdicts.find((v) => v.status === 'failed')!;
    const { line, before } = diagnosticsBefore(failed.property);
    expect(line).toMatch(new RegExp(`^not ok \\d+ ${failed.property}$`));
    expect(before.some((d) => d.startsWith('# expected: '))).toBe(true);
    expect(before.some((d) => d.startsWith('# observed: '))).toBe(true);
  });

  test('a broken property is `not ok` after a diagnostic saying it broke and why', () => {
    const broken = file.verdicts.find((v) => v.status === 'broken')!;
    const { line, before } = diagnosticsBefore(broken.property);
    expect(line).toMatch(new RegExp(`^not ok \\d+ ${broken.property}$`));
    expect(before[0]).toBe(`# broken: ${broken.reason}`);
  });

  test('control characters in a reason are written out, so a CI log shows them instead of obeying them', () => {
    const text = renderKtap(awkwardRun());
    expect(text).toContain('# not a directive \\u0001\\u001b[31mred\\u001b[0m');
    expect(text).not.toContain('\u001b');
    expect(text).not.toContain('\u0001');
  });

  test('a skipped property is `ok … # SKIP <reason>`', () => {
    const skipped = file.verdicts.find((v) => v.status === 'skipped')!;
    expect(diagnosticsBefore(skipped.property).line).toMatch(/^ok \d+ \S+ # SKIP requires /);
  });
});

describe('the parser check can fail', () => {
  const file = currentRun();
  const good = renderKtap(file);
  const broken: Array<[string, (text: string) => string]> = [
    ['a plan that does not match the test points', (text) => text.replace(/^1\.\.(\d+)$/m, (_m, n: string) => `1..${Number(n) + 1}`)],
    ['a missing test point', (text) => text.replace(/^ok 2 .*\n/m, '')],
    ['test points out of order', (text) => text.replace(/^ok 2 /m, 'ok 7 ')],
    ['a broken verdict shown as a pass', (text) => text.replace(/^not ok (\d+) performance\./m, 'ok $1 performance.')],
    ['another skip reason', (text) => text.replace(/ # SKIP requires /, ' # SKIP wants ')],
    ['a line that is no TAP at all', (text) => text.replace(/^# kernel: /m, 'kernel: ')],
    ['wrong totals', (text) => text.replace(/ error:(\d+)$/m, ' error:0')],
  ];
  test.each(broken)('%s is caught', (_what, breakIt) => {
    const changed = breakIt(good);
    expect(changed).not.toBe(good);
    expect(() => checkKtap(changed, file)).toThrow();
  });
});
