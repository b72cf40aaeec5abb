// The tutorial audit: how a claim is decided from property verdicts and from the performance
// measurements (paired ratios, memory figures against a bound), how a malformed claim is reported,
// that the kit's own claims are complete and valid, and the hand-out end to end.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { auditClaim, measuredStatement } from '../../../runners/claims/auditClaims.js';
import { loadValidatedClaims } from '../../../runners/claims/claimSet.js';
import { claimsMarkdown } from '../../../runners/claims/claimsReport.js';
import { type LoadedClaim, validateClaims } from '../../../runners/claims/loadClaims.js';
import type { Observation } from '../../../runners/core/observation.js';
import { runCommand } from '../../../runners/process/runCommand.js';
import { formatSummary } from '../../../runners/reporting/summary.js';
import { loadValidatedSpecs } from '../../../runners/selection/specSet.js';
import type { Verdict, VerdictFile } from '../../../runners/verdict/verdict.js';
import type { Claim, DecidedClaim, Evidence } from '../../../specs/claims/claimSchema.js';
import { SpecError } from '../../../specs/validate.js';
import { cliCommand } from '../../support/kit.js';

const both = (en: string) => ({ en, zh: `（中文）${en}` });

const signalClaim: DecidedClaim = {
  id: 'signals.any-process-can-signal-any-other',
  section: '2. 信号(Signals)',
  claim: both('Any process can send a signal to any other process.'),
  status: 'decided',
  decision: {
    evidence: [{ property: 'signal.permissions.eperm', supportsClaimWhen: 'failed' }],
    whenSupported: 'accurate',
    whenContradicted: 'inaccurate',
    reasoning: both('kill(2) refuses another uid with EPERM.'),
    correction: both('Only a process with the same uid, or CAP_KILL, may signal another.'),
  },
};

const verdict = (property: string, status: Verdict['status']): Verdict => ({
  property,
  mechanism: 'signal',
  kind: 'permissions',
  status,
  expected: { errno: 'EPERM' },
  observed: { value: -1, errno: status === 'passed' ? 'EPERM' : null },
  probes: [],
  observations: [],
  ...(status === 'skipped' ? { reason: 'requires other-uid' } : {}),
});

const run = (name: string, verdicts: Verdict[]): VerdictFile => ({ environment: { name }, generatedAt: '2026-11-26T00:00:00Z', verdicts });

describe('deciding a claim', () => {
  test('evidence against the claim makes it inaccurate, evidence for it accurate', () => {
    expect(auditClaim(signalClaim, run('host', [verdict('signal.permissions.eperm', 'passed')])).verdict).toBe('inaccurate');
    expect(auditClaim(signalClaim, run('lax', [verdict('signal.permissions.eperm', 'failed')])).verdict).toBe('accurate');
  });

  test('a skipped or missing property leaves the claim undecided, with the reason', () => {
    const skipped = auditClaim(signalClaim, run('host', [verdict('signal.permissions.eperm', 'skipped')]));
    expect(skipped).toMatchObject({ verdict: 'undecided', because: expect.stringMatching(/skipped: requires other-uid/) });
    expect(auditClaim(signalClaim, run('host', [])).verdict).toBe('undecided');
  });

  test('untestable and pending claims keep their reason', () => {
    const untestable: Claim = {
      id: 'dbus.mostly-on-desktops',
      section: 'D-Bus',
      claim: both('Used mostly on desktops.'),
      status: 'untestable',
      reason: both('A usage survey, not an experiment.'),
    };
    expect(auditClaim(untestable, run('host', []))).toMatchObject({ verdict: 'untestable', because: 'A usage survey, not an experiment.' });
    const pending: Claim = { ...untestable, status: 'pending', reason: both('Needs a property the kit lacks.') };
    expect(auditClaim(pending, run('host', []))).toMatchObject({ verdict: 'pending', because: 'Needs a property the kit lacks.' });
  });
});

// ---- the tutorial's performance table: measurements, decided by the audit ---------------------

/** A paired measurement as bench-probe pairs reports it: D-Bus against a UNIX stream, ratio 10. */
function pairsObservation(ratios: number[], evidence: Record<string, unknown> = {}): Observation {
  const sorted = [...ratios].sort((x, y) => x - y);
  return {
    probe: 'fixture bench/pairs',
    value: ratios.length,
    errno: null,
    signal: null,
    elapsed_ns: null,
    delay_ns: null,
    evidence: {
      pairs: 11,
      pairs_measured: ratios.length,
      supporting: ratios.filter((r) => r >= 10).length,
      needed: 9,
      ratio: '10',
      ratios: ratios.map((r) => r.toFixed(3)).join(','),
      median_ratio: sorted[Math.floor(sorted.length / 2)]!.toFixed(3),
      metric: 'rtt',
      a: 'dbus',
      b: 'unix-stream',
      ...evidence,
    },
  } as Observation;
}

const measurement = (property: string, observation: Observation): Verdict => ({
  property,
  mechanism: 'performance',
  kind: 'performance',
  status: 'passed', // measured: a measurement never fails the run
  expected: { atLeast: 1 },
  observed: { value: observation.value, errno: null, signal: null },
  probes: ['fixture bench/pairs'],
  observations: [observation],
});

const dbusClaim: DecidedClaim = {
  id: 'performance-comparison.dbus-latency-is-very-high',
  section: '性能比较',
  claim: both('D-Bus latency is very high.'),
  status: 'decided',
  decision: {
    evidence: [{ property: 'performance.latency.dbus-vs-unix-stream', supportsClaimWhen: 'passed', ratio: { atLeast: 10 } }],
    whenSupported: 'accurate',
    whenContradicted: 'inaccurate',
    reasoning: both('Very high: at least 10 times a UNIX stream round trip.'),
    correction: both('About 5 times.'),
  },
};

describe('deciding a claim from a performance measurement', () => {
  // The id says what is measured; the ratio the claim asks about is in its evidence.
  const property = 'performance.latency.dbus-vs-unix-stream';

  test('a failed paired decision says what it measured: the ratio, the pairs that bore it out, the pairs needed', () => {
    const fiveTimes = [4.6, 4.5, 4.7, 4.6, 4.8, 4.4, 4.6, 4.9, 4.6, 4.5, 4.7];
    const result = auditClaim(dbusClaim, run('host', [measurement(property, pairsObservation(fiveTimes))]));
    const sentence = "D-Bus round trip 4.6× UNIX stream's (median of 11 pairs), ≥ 10× in 0 of 11 pairs; needed ≥ 10× in 9 of 11";
    expect(result.verdict).toBe('inaccurate');
    expect(result.because).toBe(`${property} does not hold: ${sentence}`);
    expect(result.evidence).toEqual([expect.objectContaining({ property, status: 'failed', measured: sentence })]);
    expect(result.because).not.toMatch(/atLeast|value=/);
  });

  test('the same measurement, borne out in 9 of 11 pairs, supports the claim', () => {
    const tenTimes = [10.4, 10.2, 9.1, 10.8, 11.0, 10.3, 9.7, 10.5, 10.1, 10.9, 10.6];
    const result = auditClaim(dbusClaim, run('host', [measurement(property, pairsObservation(tenTimes))]));
    expect(result).toMatchObject({
      verdict: 'accurate',
      evidence: [{ status: 'passed', measured: expect.stringMatching(/≥ 10× in 9 of 11 pairs; needed ≥ 10× in 9 of 11$/) }],
    });
  });

  test('pairs cut off by the time budget: decided only when the missing ones could not change the outcome', () => {
    const decide = (ratios: number[]) => measuredStatement(measurement(property, pairsObservation(ratios)), undefined, 4096);
    // 7 of 7 measured bear it out, 4 missing: 7 + 4 could reach 9, 7 alone does not.
    expect(decide([11, 11, 11, 11, 11, 11, 11])).toMatchObject({
      status: 'inconclusive',
      measured: expect.stringMatching(/in 7 of 7 measured \(of 11 asked\) pairs.*too few pairs measured/),
    });
    // 1 of 7: even with the 4 missing, 5 < 9.
    expect(decide([11, 4, 4, 4, 4, 4, 4])).toMatchObject({ status: 'failed' });
    // 9 of 9: enough whatever the 2 missing would have said.
    expect(decide([11, 11, 11, 11, 11, 11, 11, 11, 11])).toMatchObject({ status: 'passed' });
  });

  test("the run's summary counts the measurements in a row of their own, labelled measured, and lists what they measured", () => {
    const fiveTimes = [4.6, 4.5, 4.7, 4.6, 4.8, 4.4, 4.6, 4.9, 4.6, 4.5, 4.7];
    const measured = {
      ...measurement(property, pairsObservation(fiveTimes)),
      observed: { value: 11, errno: null, signal: null, measured: 'D-Bus round trip 4.6×' },
    };
    // A mechanism's own performance-kind property is documented and gating: its row is not "measured".
    const nodelay: Verdict = {
      ...verdict('tcp.performance.tcp-nodelay-can-be-set-and-read-back', 'passed'),
      mechanism: 'tcp',
      kind: 'performance',
    };
    const summary = formatSummary('host', [nodelay, measured]);
    expect(summary).toMatch(/^performance \(measured\) +1 +0 +0 +0$/m);
    expect(summary).toMatch(/^tcp +1 +0 +0 +0$/m);
    expect(summary).toContain(`  ${property}: D-Bus round trip 4.6×`);
    expect(summary).not.toContain('tcp.performance.tcp-nodelay-can-be-set-and-read-back:');
  });

  test('the hand-out words a measurement by its statement (holds, does not hold), never by its measured status', () => {
    const fiveTimes = [4.6, 4.5, 4.7, 4.6, 4.8, 4.4, 4.6, 4.9, 4.6, 4.5, 4.7];
    const result = auditClaim(dbusClaim, run('host', [measurement(property, pairsObservation(fiveTimes))]));
    const markdown = claimsMarkdown('ipc-tutorial.zh.md', [{ environment: 'host', description: 'host', results: [result] }]);
    expect(markdown).toContain(`\`${property}\` ≥ 10× does not hold (D-Bus round trip 4.6×`);
    expect(markdown).toContain('supports the claim when it holds');
    expect(markdown).not.toMatch(/dbus-vs-unix-stream` (passed|failed)/);
  });

  test('pairs counted against another ratio than the claim asks about decide nothing (an older verdict file)', () => {
    const tenTimes = [10.4, 10.2, 9.1, 10.8, 11.0, 10.3, 9.7, 10.5, 10.1, 10.9, 10.6];
    const asksThree: Claim = {
      ...dbusClaim,
      decision: { ...dbusClaim.decision, evidence: [{ property, supportsClaimWhen: 'passed', ratio: { atLeast: 3 } }] },
    };
    const result = auditClaim(asksThree, run('host', [measurement(property, pairsObservation(tenTimes))]));
    expect(result).toMatchObject({ verdict: 'undecided', evidence: [{ status: 'inconclusive' }] });
    expect(result.because).toMatch(/the claim asks about ≥ 3×, which these pairs were not counted against$/);
    const asksWithin: Claim = {
      ...dbusClaim,
      decision: { ...dbusClaim.decision, evidence: [{ property, supportsClaimWhen: 'passed', ratio: { within: 10 } }] },
    };
    expect(auditClaim(asksWithin, run('host', [measurement(property, pairsObservation(tenTimes))])).verdict).toBe('undecided');
  });

  test('pairs that gave no ratio (no CPU time to read, as under gVisor) decide nothing', () => {
    const nan = pairsObservation([1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1], {
      supporting: 0,
      ratios: Array(11).fill('-nan').join(','),
      median_ratio: '-nan',
    });
    expect(measuredStatement(measurement(property, nan), undefined, 4096)).toMatchObject({
      status: 'inconclusive',
      measured: expect.stringMatching(/\?× UNIX stream's .*; the pairs gave no ratio/),
    });
    expect(auditClaim(dbusClaim, run('gvisor', [measurement(property, nan)])).verdict).toBe('undecided');
  });

  test('a measurement that broke or was skipped leaves the claim undecided with its reason', () => {
    const broken = { ...measurement(property, pairsObservation([4.6])), status: 'broken' as const, reason: 'bench/pairs: timed out' };
    expect(auditClaim(dbusClaim, run('host', [broken]))).toMatchObject({
      verdict: 'undecided',
      because: `${property} was broken: bench/pairs: timed out`,
    });
  });

  test('a memory figure is read against the bound in the evidence, in pages of the environment', () => {
    const memoryVerdict = (value: number): Verdict => ({
      ...measurement('performance.memory.pipe-channel', {
        probe: 'fixture bench/memory',
        value,
        errno: null,
        signal: null,
        elapsed_ns: null,
        delay_ns: null,
        evidence: { mechanism: 'pipe', count: 256, channel: 'a pipe holding 64 bytes' },
      } as Observation),
    });
    const claim: Claim = {
      ...dbusClaim,
      id: 'performance-comparison.pipe-memory-is-low',
      decision: {
        ...dbusClaim.decision,
        evidence: [{ property: 'performance.memory.pipe-channel', supportsClaimWhen: 'passed', bound: { atMost: { pages: 2 } } }],
      },
    };
    const file = (value: number, pageSize: number): VerdictFile => ({
      ...run('host', [memoryVerdict(value)]),
      environment: { name: 'host', pageSize },
    });
    expect(auditClaim(claim, file(6592, 4096))).toMatchObject({
      verdict: 'accurate',
      evidence: [{ measured: 'a pipe holding 64 bytes: 6592 B per channel (1.61 pages of 4096 B); needed at most 2 pages' }],
    });
    expect(auditClaim(claim, file(9000, 4096))).toMatchObject({
      verdict: 'inaccurate',
      because: expect.stringMatching(/does not hold: .*9000 B per channel \(2\.20 pages of 4096 B\); needed at most 2 pages/),
    });
    expect(auditClaim(claim, file(9000, 65536)).verdict).toBe('accurate');
    const noBound = {
      ...claim,
      decision: { ...claim.decision!, evidence: [{ property: 'performance.memory.pipe-channel', supportsClaimWhen: 'passed' as const }] },
    };
    expect(auditClaim(noBound, file(6592, 4096))).toMatchObject({
      verdict: 'undecided',
      because: expect.stringMatching(/no bound to read it against/),
    });
  });

  test('the performance spec only measures: a measured run passes whatever the ratios, and the tiers go to the audit', async () => {
    const performance = (await loadValidatedSpecs()).find((m) => m.id === 'performance')!;
    expect(performance.properties.length).toBeGreaterThan(20);
    for (const property of performance.properties)
      expect(property.expect, property.id).toEqual(property.id.startsWith('performance.memory.') ? { atLeast: 0 } : { atLeast: 1 });
    // An id names what is measured, never a verdict: "passed" beside it can only mean "measured".
    for (const { id, claim } of performance.properties) {
      expect(id).toMatch(/^performance\.((latency|cpu|throughput|rate)\.[a-z0-9-]+-vs-[a-z0-9-]+|memory\.[a-z0-9-]+)$/);
      expect(id).not.toMatch(/at-least|under|above|times|tier|faster|slower/);
      expect(claim.en, id).toMatch(/^Measured: .*; the claims audit decides the tutorial’s tier from it\.$/);
      expect(claim.zh, id).toMatch(/^测量：.*；论断审计据此判定教程中的档次。$/);
    }
    // Every measurement is read by some claim, so none is measured for nothing.
    const { claims } = await loadValidatedClaims();
    const read = new Set(claims.flatMap((c) => (c.status === 'decided' ? c.decision.evidence.map((e) => e.property) : [])));
    expect(performance.properties.map((p) => p.id).filter((id) => !read.has(id))).toEqual([]);
  });
});

describe('claim validation', () => {
  const ids = new Set(['signal.permissions.eperm']);
  const check = (claim: Claim) => () => validateClaims([{ file: 'specs/claims/x.claims.ts', tutorial: 't.md', claim } as LoadedClaim], ids);

  test('names the file and the claim for an unknown property, a missing language, or two forms at once', () => {
    const unknown = {
      ...signalClaim,
      decision: { ...signalClaim.decision, evidence: [{ property: 'signal.nope', supportsClaimWhen: 'passed' as const }] },
    };
    expect(check(unknown)).toThrow(SpecError);
    expect(check(unknown)).toThrow(
      /x\.claims\.ts: claim 'signals\.any-process-can-signal-any-other': evidence names property 'signal\.nope'/,
    );
    expect(check({ ...signalClaim, claim: { en: 'only English' } as Claim['claim'] })).toThrow(/en and zh/);
    // Claims files in plain JS are not type-checked: a decision and a reason at once, or no status.
    expect(check({ ...signalClaim, reason: both('later') } as never)).toThrow(
      /^specs\/claims\/x\.claims\.ts: claim 'signals\.any-process-can-signal-any-other': status 'decided' needs a decision and no reason$/,
    );
    expect(check({ ...signalClaim, status: 'pending', reason: both('later') } as never)).toThrow(
      /: status 'pending' needs a reason and no decision$/,
    );
    const { status: _, decision: __, ...statement } = signalClaim;
    expect(check({ ...statement, untestable: both('old style') } as never)).toThrow(
      /: needs a status: 'decided' with a decision, or 'untestable' or 'pending' with a reason \(got none\)$/,
    );
    expect(check({ ...statement, status: 'untestable', reason: both('why'), pending: both('old style') } as never)).toThrow(
      /: 'pending' is no field of a claim/,
    );
    expect(check({ ...statement, status: 'untestable', reason: { en: 'why' } } as never)).toThrow(
      /: untestable needs its reason in en and zh$/,
    );
    expect(check({ ...statement, status: 'untestable', reason: both('why') })).not.toThrow();
    const badBound = {
      ...signalClaim,
      decision: {
        ...signalClaim.decision,
        evidence: [{ property: 'signal.permissions.eperm', supportsClaimWhen: 'passed' as const, bound: { below: 3 } as never }],
      },
    };
    expect(check(badBound)).toThrow(/evidence on 'signal\.permissions\.eperm' has a bound that is not/);
    expect(check(signalClaim)).not.toThrow();
  });

  test('a claim with both a decision and a reason, or with neither, does not compile', () => {
    const { status: _, decision, ...statement } = signalClaim;
    // @ts-expect-error a decided claim has no reason
    const decidedWithReason: Claim = { ...signalClaim, reason: both('later') };
    // @ts-expect-error an untestable claim has no decision
    const untestableWithDecision: Claim = { ...statement, status: 'untestable', reason: both('why'), decision };
    // @ts-expect-error a claim without a status is neither decided nor undecidable
    const withoutStatus: Claim = { ...statement, untestable: both('why') };
    // At run time the same claims are what validation catches (see above).
    for (const claim of [decidedWithReason, untestableWithDecision, withoutStatus]) expect(check(claim)).toThrow(SpecError);
  });

  test('evidence on a paired measurement must ask about the ratio its pairs are counted against', () => {
    const paired = 'performance.latency.dbus-vs-unix-stream';
    const ratios = new Map([[paired, { atLeast: 3 }]]);
    const on = (evidence: Evidence[]) => () =>
      validateClaims(
        [
          {
            file: 'specs/claims/x.claims.ts',
            tutorial: 't.md',
            claim: { ...signalClaim, decision: { ...signalClaim.decision, evidence } },
          } as LoadedClaim,
        ],
        new Set([...ids, paired]),
        ratios,
      );
    expect(on([{ property: paired, supportsClaimWhen: 'passed', ratio: { atLeast: 3 } }])).not.toThrow();
    expect(on([{ property: paired, supportsClaimWhen: 'passed' }])).toThrow(
      /evidence on 'performance\.latency\.dbus-vs-unix-stream', a paired measurement, needs the ratio/,
    );
    expect(on([{ property: paired, supportsClaimWhen: 'passed', ratio: { atLeast: 10 } }])).toThrow(
      /asks about ≥ 10×, but the measurement counts its pairs against ≥ 3×/,
    );
    expect(on([{ property: paired, supportsClaimWhen: 'passed', ratio: { within: 3 } }])).toThrow(/asks about within 3× either way/);
    expect(on([{ property: 'signal.permissions.eperm', supportsClaimWhen: 'failed', ratio: { atLeast: 3 } }])).toThrow(
      /gives a ratio, but that property is no paired measurement/,
    );
    expect(on([{ property: paired, supportsClaimWhen: 'passed', ratio: { above: 3 } as never }])).toThrow(/has a ratio that is not/);
  });
});

describe("the kit's own claims", () => {
  test('are valid against the specs, at least 40, every one decided, untestable or pending', async () => {
    const { tutorial, claims } = await loadValidatedClaims();
    expect(tutorial).toBe('ipc-tutorial.zh.md');
    expect(claims.length).toBeGreaterThanOrEqual(40);
    expect(claims.filter((c) => c.status === 'decided').length).toBeGreaterThanOrEqual(20);
  });

  test('the hand-out shows both languages, every environment, and the correction where a claim is wrong', () => {
    const markdown = claimsMarkdown('ipc-tutorial.zh.md', [
      {
        environment: 'host',
        description: 'host',
        results: [auditClaim(signalClaim, run('host', [verdict('signal.permissions.eperm', 'passed')]))],
      },
      {
        environment: 'lax',
        description: 'lax',
        results: [auditClaim(signalClaim, run('lax', [verdict('signal.permissions.eperm', 'failed')]))],
      },
    ]);
    expect(markdown).toContain('| claim / 论断 | host | lax | correct statement / 正确说法 |');
    expect(markdown).toContain('inaccurate / 不准确');
    expect(markdown).toContain('accurate / 准确');
    expect(markdown).toContain('Only a process with the same uid, or CAP_KILL, may signal another.');
    expect(markdown).toContain('（中文）Any process can send a signal to any other process.');
  });
});

describe('make claims, end to end', () => {
  test('a run audits the claims it can decide, and `claims` writes the hand-out', async () => {
    const reports = await mkdtemp(join(tmpdir(), 'ipc-conformance-claims-'));
    try {
      const env = { IPC_CONFORMANCE_REPORTS_ROOT: reports };
      const ran = await runCommand(
        [...cliCommand, 'run', '--env', 'host', '--no-report', '--only', 'signal.permissions.*,pipe.direction.*'],
        { timeoutMs: 120_000, env },
      );
      expect(ran.exitCode, ran.stderr).toBe(0);
      expect(ran.stdout).toMatch(/claims: {3}\d+ accurate, \d+ inaccurate/);
      const made = await runCommand([...cliCommand, 'claims'], { timeoutMs: 60_000, env });
      expect(made.exitCode, made.stderr).toBe(0);
      const markdown = await readFile(join(reports, 'claims.md'), 'utf8');
      expect(markdown).toMatch(/# Audit of the tutorial `ipc-tutorial\.zh\.md`/);
      expect(markdown).toMatch(/- \*\*host\*\*/);
      const results = JSON.parse(await readFile(join(reports, 'host', 'claims.json'), 'utf8')) as { verdict: string }[];
      expect(results.some((r) => r.verdict === 'inaccurate' || r.verdict === 'accurate' || r.verdict === 'imprecise')).toBe(true);
    } finally {
      await rm(reports, { recursive: true, force: true });
    }
  });
});
