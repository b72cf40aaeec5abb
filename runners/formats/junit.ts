// JUnit XML written from the verdicts, in the form Jenkins, GitLab and most CI systems read: one
// <testsuite> per mechanism inside <testsuites>. A failed property is a <failure> (the system
// contradicts the spec), a broken one an <error> (the probe did not observe, so nothing is known
// about the system) and a skipped one a <skipped> with the reason, so a CI's counts are the kit's.
// The environment the verdicts were taken in goes into each suite's <properties>: a result
// without it cannot be compared.
import type { Verdict, VerdictFile } from '../verdict/verdict.js';
import { environmentFacts, explanationLines, oneLine, printable, seconds, verdictsByMechanism } from './runFacts.js';

/** The run as a JUnit XML document. */
export function renderJunit(file: VerdictFile): string {
  const suites = [...verdictsByMechanism(file.verdicts)].map(([mechanism, verdicts], index) => testsuite(file, mechanism, verdicts, index));
  const counts = tally(file.verdicts);
  const wallMs = file.phases ? file.phases.functionalMs + file.phases.measurementsMs : undefined;
  const attributes = {
    name: `ipc-conformance ${file.environment.name}`,
    tests: file.verdicts.length,
    failures: counts.failures,
    errors: counts.errors,
    // The run's wall time where it was recorded; the properties of a suite run concurrently, so
    // the sum of their times would overstate it.
    ...(wallMs === undefined ? (counts.time === undefined ? {} : { time: counts.time }) : { time: seconds(wallMs) }),
  };
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites${attrs(attributes)}>\n${suites.join('')}</testsuites>\n`;
}

function testsuite(file: VerdictFile, mechanism: string, verdicts: Verdict[], index: number): string {
  const counts = tally(verdicts);
  const attributes = {
    name: mechanism,
    tests: verdicts.length,
    failures: counts.failures,
    errors: counts.errors,
    skipped: counts.skipped,
    ...(counts.time === undefined ? {} : { time: counts.time }),
    // The schema's timestamp carries no time zone; the kit's clock times are UTC.
    timestamp: file.generatedAt.replace(/(\.\d+)?(Z|[+-]\d\d:\d\d)$/, ''),
    hostname: String(file.environment.machineHostname ?? file.environment.hostname ?? 'unknown'),
    id: index,
    package: `ipc-conformance.${file.environment.name}`,
  };
  const properties = environmentFacts(file)
    .map(([name, value]) => `      <property${attrs({ name, value })}/>\n`)
    .join('');
  return `  <testsuite${attrs(attributes)}>\n    <properties>\n${properties}    </properties>\n${verdicts.map(testcase).join('')}  </testsuite>\n`;
}

function testcase(verdict: Verdict): string {
  const attributes = {
    name: verdict.property,
    classname: verdict.mechanism,
    ...(verdict.durationMs === undefined ? {} : { time: seconds(verdict.durationMs) }),
  };
  const open = `    <testcase${attrs(attributes)}`;
  const details = explanationLines(verdict).join('\n');
  switch (verdict.status) {
    case 'passed':
      return `${open}/>\n`;
    case 'skipped':
      return `${open}>\n      <skipped${attrs({ message: oneLine(verdict.reason ?? 'a requirement is missing') })}/>\n    </testcase>\n`;
    case 'failed': {
      const message = oneLine(verdict.reason ?? 'the system contradicts the property');
      const failure = `      <failure${attrs({ message, type: 'contradicted' })}>${text(details)}</failure>\n`;
      return `${open}>\n${failure}${observationsOut(verdict)}    </testcase>\n`;
    }
    case 'broken': {
      const message = oneLine(verdict.reason ?? 'the probe did not observe');
      const error = `      <error${attrs({ message, type: 'broken' })}>${text(details)}</error>\n`;
      return `${open}>\n${error}${observationsOut(verdict)}    </testcase>\n`;
    }
  }
}

/** What the probes reported, for a property that did not pass: what a reader checks first. */
function observationsOut(verdict: Verdict): string {
  if (verdict.observations.length === 0) return '';
  return `      <system-out>${text(JSON.stringify(verdict.observations, null, 2))}</system-out>\n`;
}

function tally(verdicts: readonly Verdict[]) {
  const count = (status: Verdict['status']) => verdicts.filter((v) => v.status === status).length;
  // Files written before format 1.0.0 have no timing: no time then, rather than a made-up zero.
  const timed = verdicts.filter((v) => v.durationMs !== undefined);
  const time = timed.length ? seconds(timed.reduce((sum, v) => sum + v.durationMs!, 0)) : undefined;
  return { failures: count('failed'), errors: count('broken'), skipped: count('skipped'), time };
}

/** Character data: markup characters escaped, control characters written out. */
function text(value: string): string {
  return printable(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Attributes in the given order; line breaks kept as character references (a parser would fold them). */
function attrs(values: Record<string, string | number>): string {
  return Object.entries(values)
    .map(
      ([name, value]) =>
        ` ${name}="${text(String(value)).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;')}"`,
    )
    .join('');
}
