// The run as TAP version 13 in the form kselftest prints it (tools/testing/selftests/kselftest.h),
// so that labs which already parse kselftest output take the kit's results unchanged: a version
// line, the plan `1..N`, one `ok N <property>` / `not ok N <property>` per verdict with
// `# SKIP <reason>` for a skipped one, diagnostic lines starting with "# " just before the result
// they explain, and kselftest's closing `# Totals:` line.
//
// The header is "TAP version 13", which kselftest.h's ksft_print_header writes, rather than
// "KTAP version 1": LAVA's kselftest test definition (Linaro test-definitions,
// automated/linux/kselftest/, whose parse-output.py turns result lines into LAVA results; KernelCI's
// kselftest jobs run KernelCI's fork of it, kernelci-core config/runtime/tests/kselftest.jinja2)
// matches the `ok N` / `not ok N` lines whatever the header, while generic TAP 13 consumers
// (Jenkins' TAP plugin, node's tap-parser) take only a TAP version line; and the kernel's KTAP
// document (Documentation/dev-tools/ktap.rst) lists "TAP version 13" among the versions its
// tooling accepts.
//
// A broken verdict is `not ok` with a "# broken: <why>" diagnostic, counted as `error` in the
// totals like kselftest's ksft_test_result_error. It carries no directive after the name: an
// "ERROR" directive is KTAP-only, and TAP 13 parsers read it as part of the test's name.
import type { Verdict, VerdictFile } from '../verdict/verdict.js';
import { countByStatus } from '../verdict/verdict.js';
import { environmentFacts, explanationLines, oneLine, printable } from './runFacts.js';

/** The run as TAP 13 / KTAP text, one line per test point. */
export function renderKtap(file: VerdictFile): string {
  const lines = ['TAP version 13', `1..${file.verdicts.length}`];
  // What the verdicts depend on, before the first test point as kselftest prints its preamble.
  lines.push(`# ipc-conformance results for ${file.environment.name}`);
  for (const [name, value] of environmentFacts(file)) lines.push(diagnostic(`${name}: ${value}`));
  file.verdicts.forEach((verdict, index) => {
    lines.push(...testPoint(verdict, index + 1));
  });
  const counts = countByStatus(file.verdicts);
  lines.push(`# Totals: pass:${counts.passed} fail:${counts.failed} xfail:0 xpass:0 skip:${counts.skipped} error:${counts.broken}`);
  return `${lines.join('\n')}\n`;
}

function testPoint(verdict: Verdict, number: number): string[] {
  const name = description(verdict.property);
  switch (verdict.status) {
    case 'passed':
      return [`ok ${number} ${name}`];
    case 'skipped':
      return [`ok ${number} ${name} # SKIP ${printable(oneLine(verdict.reason ?? 'a requirement is missing'))}`];
    case 'failed':
    case 'broken':
      return [...explanationLines(verdict).flatMap((line) => line.split('\n').map(diagnostic)), `not ok ${number} ${name}`];
  }
}

/** A diagnostic line; a multi-line text is one "# " line per line by the caller. */
const diagnostic = (text: string) => `# ${printable(text).replace(/[\r\n]+/g, ' ')}`;

/** A test point's description may not hold "#" (it would start a directive) nor a line break. */
const description = (property: string) => oneLine(property).replace(/#/g, '_');
