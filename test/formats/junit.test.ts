// junit.xml validates against a JUnit XSD (test/formats/junit.xsd, with xmllint as CI systems'
// importers would parse it) and says what the verdicts say: one suite per mechanism, broken
// verdicts counted as errors, skip reasons, expected vs observed, the environment as properties.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { renderJunit } from '../../runners/formats/junit.js';
import { countByStatus } from '../../runners/verdict/verdict.js';
import { allRuns, awkwardRun, currentRun, run, written } from './samples.js';

const XSD = join(import.meta.dirname, 'junit.xsd');
const scratch = mkdtempSync(join(tmpdir(), 'ipc-conformance-junit-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let files = 0;
const save = (xml: string) => written(scratch, `junit-${files++}.xml`, xml);
const validate = (path: string) => run('xmllint', ['--noout', '--schema', XSD, path]);
/** An XPath expression's value in a JUnit file, as xmllint prints it. */
const xpath = (path: string, expression: string) => run('xmllint', ['--xpath', expression, path]).stdout.trim();

describe('JUnit from the verdicts', () => {
  test.each(allRuns())('the %s run validates against the JUnit XSD and counts as the verdicts do', (_name, file) => {
    const path = save(renderJunit(file));
    const result = validate(path);
    expect(result.stderr).toMatch(/validates$/m);
    expect(result.status).toBe(0);
    const counts = countByStatus(file.verdicts);
    const mechanisms = new Set(file.verdicts.map((v) => v.mechanism));
    expect(Number(xpath(path, 'count(/testsuites/testsuite)'))).toBe(mechanisms.size);
    expect(Number(xpath(path, 'count(//testcase)'))).toBe(file.verdicts.length);
    expect(Number(xpath(path, 'count(//testcase/failure)'))).toBe(counts.failed);
    expect(Number(xpath(path, 'count(//testcase/error)'))).toBe(counts.broken);
    expect(Number(xpath(path, 'count(//testcase/skipped)'))).toBe(counts.skipped);
    expect(Number(xpath(path, 'string(/testsuites/@errors)'))).toBe(counts.broken);
    expect(Number(xpath(path, 'string(/testsuites/@failures)'))).toBe(counts.failed);
    expect(Number(xpath(path, 'sum(//testsuite/@errors)'))).toBe(counts.broken);
    expect(Number(xpath(path, 'sum(//testsuite/@skipped)'))).toBe(counts.skipped);
    expect(Number(xpath(path, 'sum(//testsuite/@tests)'))).toBe(file.verdicts.length);
  });

  const file = currentRun();
  const path = save(renderJunit(file));
  const caseOf = (property: string) => `//testcase[@name='${property}']`;

  test('a test case is named by its property and classed by its mechanism, with its time', () => {
    const verdict = file.verdicts[0]!;
    expect(xpath(path, `string(${caseOf(verdict.property)}/@classname)`)).toBe(verdict.mechanism);
    expect(Number(xpath(path, `string(${caseOf(verdict.property)}/@time)`))).toBe(verdict.durationMs! / 1000);
    expect(xpath(path, `string(${caseOf(verdict.property)}/parent::testsuite/@name)`)).toBe(verdict.mechanism);
  });

  test('a skipped property carries its reason as the message', () => {
    const skipped = file.verdicts.find((v) => v.status === 'skipped')!;
    expect(xpath(path, `string(${caseOf(skipped.property)}/skipped/@message)`)).toBe(skipped.reason);
  });

  test('a failed property is a failure with expected vs observed in its message and its text', () => {
    const failed = file.verdicts.find((v) => v.status === 'failed')!;
    expect(xpath(path, `string(${caseOf(failed.property)}/failure/@message)`)).toBe(failed.reason);
    const details = xpath(path, `string(${caseOf(failed.property)}/failure)`);
    expect(details).toMatch(/^expected: equals=\d+/m);
    expect(details).toMatch(/^observed: value=-?\d+/m);
  });

  test('a broken property is an error saying why, with what the probes reported', () => {
    const broken = file.verdicts.find((v) => v.status === 'broken')!;
    expect(xpath(path, `string(${caseOf(broken.property)}/error/@type)`)).toBe('broken');
    expect(xpath(path, `string(${caseOf(broken.property)}/error/@message)`)).toBe(broken.reason);
    expect(xpath(path, `string(${caseOf(broken.property)}/error)`)).toContain(`broken: ${broken.reason}`);
  });

  test('every suite names the environment, kernel, runtime, IPC mode, namespaces, arch, uid and kit as properties', () => {
    const property = (name: string) => xpath(path, `string(/testsuites/testsuite[1]/properties/property[@name='${name}']/@value)`);
    const env = file.environment;
    expect(property('environment')).toBe('gvisor');
    expect(property('kernel')).toBe(env.kernel);
    expect(property('runtime')).toBe(env.runtime);
    expect(property('ipc-mode')).toBe(env.ipcMode);
    expect(property('namespace.ipc')).toBe(env.namespaces?.ipc);
    expect(property('arch')).toBe(env.arch);
    expect(property('uid')).toBe(String(env.uid));
    expect(property('kit.version')).toBe('0.1.0');
    expect(property('selection.only')).toBe(file.selection?.only);
    expect(Number(xpath(path, 'count(//testsuite[not(properties/property)])'))).toBe(0);
  });

  test('markup, quotes, line breaks and control characters in the texts stay well-formed and readable', () => {
    const awkward = awkwardRun();
    const awkwardPath = save(renderJunit(awkward));
    expect(validate(awkwardPath).status).toBe(0);
    const message = xpath(awkwardPath, 'string(//skipped/@message)');
    expect(message).toContain('line one <a href="x">&amp;</a> line two "quoted" # not a directive \\u0001\\u001b[31mred');
    expect(xpath(awkwardPath, "string(//property[@name='kernel']/@value)")).toMatch(/<&>$/);
  });
});

describe('the XSD check can fail', () => {
  const good = renderJunit(currentRun());
  const broken: Array<[string, (xml: string) => string]> = [
    ['a test case without a name', (xml) => xml.replace(/<testcase name="[^"]*"/, '<testcase')],
    ['a count that is not a number', (xml) => xml.replace(/tests="\d+"/, 'tests="many"')],
    ['a skip after a failure', (xml) => xml.replace('</failure>', '</failure><skipped/>')],
    ['an element JUnit does not have', (xml) => xml.replace('<properties>', '<environment/><properties>')],
    ['a time zone in the timestamp', (xml) => xml.replace(/timestamp="([^"]+)"/, 'timestamp="$1Z"')],
  ];
  test.each(broken)('%s is rejected', (_what, breakIt) => {
    const changed = breakIt(good);
    expect(changed).not.toBe(good);
    const result = validate(save(changed));
    // Rejected by the schema, not by a schema that failed to load.
    expect(result.stderr).toMatch(/ fails to validate$/m);
    expect(result.status).not.toBe(0);
  });
});
