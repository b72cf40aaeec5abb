// What every machine format says about a run besides the verdicts (the environment, the kit, the
// selection) and how a verdict's facts read as text, in one place so that JUnit, KTAP and KCIDB
// name the same facts the same way.
import { formatFacts, type Verdict, type VerdictFile } from '../verdict/verdict.js';

/** The environment facts a verdict depends on, as (name, value) pairs, in a fixed order; absent ones left out. */
export function environmentFacts(file: VerdictFile): Array<[string, string]> {
  const env = file.environment;
  const text = (value: unknown) => (value === undefined || value === null || value === '' ? undefined : String(value));
  const facts: Array<[string, string | undefined]> = [
    ['environment', env.name],
    ['kernel', text(env.kernel)],
    ['runtime', text(env.runtime)],
    ['ipc-mode', text(env.ipcMode)],
    ...Object.entries(env.namespaces ?? {}).map(([ns, id]): [string, string] => [`namespace.${ns}`, id]),
    ['arch', text(env.arch)],
    ['uid', text(env.uid)],
    ['uid-map', text(env.uidMap)],
    ['emulator', text(env.emulator)],
    ['accelerator', text(env.accelerator)],
    ['hostname', text(env.hostname)],
    ['machine-hostname', text(env.machineHostname)],
    ['kit.version', file.kit?.version],
    ['kit.commit', file.kit ? (file.kit.commit ?? 'not a git checkout') : undefined],
    ['verdict-format', file.schemaVersion],
    ['selection.only', file.selection ? (file.selection.only ?? 'every property') : undefined],
    ['selection.specs', file.selection ? (file.selection.specs ?? 'the kit’s own specs') : undefined],
    ['generated-at', file.generatedAt],
  ];
  return facts.filter((fact): fact is [string, string] => fact[1] !== undefined);
}

/** Mechanisms in the order the run first decided one of their properties, each with its verdicts. */
export function verdictsByMechanism(verdicts: readonly Verdict[]): Map<string, Verdict[]> {
  const groups = new Map<string, Verdict[]>();
  for (const verdict of verdicts) {
    const group = groups.get(verdict.mechanism);
    if (group) group.push(verdict);
    else groups.set(verdict.mechanism, [verdict]);
  }
  return groups;
}

/** The lines that explain a verdict that is not a pass: why it broke, or the expectation against the observation. */
export function explanationLines(verdict: Verdict): string[] {
  const lines: string[] = [];
  if (verdict.status === 'broken') lines.push(`broken: ${verdict.reason ?? 'the probe did not observe'}`);
  if (verdict.expected) lines.push(`expected: ${formatFacts(verdict.expected)}`);
  if (verdict.observed) lines.push(`observed: ${formatFacts(verdict.observed)}`);
  // A failure's reason is often just those two facts again (checkProperty's default sentence).
  const restated = verdict.reason === `expected ${formatFacts(verdict.expected)}; observed ${formatFacts(verdict.observed)}`;
  if (verdict.status !== 'broken' && verdict.reason && !restated) lines.push(`reason: ${verdict.reason}`);
  if (verdict.probes.length) lines.push(`probes: ${verdict.probes.join('; ')}`);
  return lines;
}

// C0 control characters but tab, line feed and carriage return (and the two non-characters XML
// forbids): a probe's raw output can hold any byte, and XML 1.0 admits none of these, not even escaped.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding the control characters is the point.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

/** Text with control characters written out as `\u001b`, so a log stays readable and an XML file valid. */
export const printable = (text: string) => text.replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** Text on one line: newlines and runs of white space become one space. */
export const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

/** Seconds with millisecond precision, as JUnit and KCIDB count time. */
export const seconds = (ms: number) => Number((ms / 1000).toFixed(3));
