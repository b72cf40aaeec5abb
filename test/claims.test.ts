// The tutorial audit: how a claim is decided from property verdicts, how a malformed claim is
// reported, that the kit's own claims are complete and valid, and the hand-out end to end.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Claim } from '../specs/claims/claimSchema.js';
import { SpecError } from '../specs/validate.js';
import { auditClaim } from '../runners/claims/auditClaims.js';
import { loadValidatedClaims } from '../runners/claims/claimSet.js';
import { claimsMarkdown } from '../runners/claims/claimsReport.js';
import { validateClaims, type LoadedClaim } from '../runners/claims/loadClaims.js';
import { runCommand } from '../runners/process/runCommand.js';
import type { Verdict, VerdictFile } from '../runners/verdict/verdict.js';
import { cliCommand } from './support/kit.js';

const both = (en: string) => ({ en, zh: `（中文）${en}` });

const signalClaim: Claim = {
  id: 'signals.any-process-can-signal-any-other',
  section: '2. 信号(Signals)',
  claim: both('Any process can send a signal to any other process.'),
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
    const untestable: Claim = { id: 'dbus.mostly-on-desktops', section: 'D-Bus', claim: both('Used mostly on desktops.'), untestable: both('A usage survey, not an experiment.') };
    expect(auditClaim(untestable, run('host', []))).toMatchObject({ verdict: 'untestable', because: 'A usage survey, not an experiment.' });
  });
});

describe('claim validation', () => {
  const ids = new Set(['signal.permissions.eperm']);
  const check = (claim: Claim) => () => validateClaims([{ file: 'specs/claims/x.claims.ts', tutorial: 't.md', claim } as LoadedClaim], ids);

  test('names the file and the claim for an unknown property, a missing language, or two forms at once', () => {
    const unknown = { ...signalClaim, decision: { ...signalClaim.decision!, evidence: [{ property: 'signal.nope', supportsClaimWhen: 'passed' as const }] } };
    expect(check(unknown)).toThrow(SpecError);
    expect(check(unknown)).toThrow(/x\.claims\.ts: claim 'signals\.any-process-can-signal-any-other': evidence names property 'signal\.nope'/);
    expect(check({ ...signalClaim, claim: { en: 'only English' } as Claim['claim'] })).toThrow(/en and zh/);
    expect(check({ ...signalClaim, pending: both('later') })).toThrow(/exactly one of decision, untestable, pending/);
    expect(check(signalClaim)).not.toThrow();
  });
});

describe("the kit's own claims", () => {
  test('are valid against the specs, at least 40, every one decided, untestable or pending', async () => {
    const { tutorial, claims } = await loadValidatedClaims();
    expect(tutorial).toBe('ipc-tutorial.zh.md');
    expect(claims.length).toBeGreaterThanOrEqual(40);
    expect(claims.filter((c) => c.decision).length).toBeGreaterThanOrEqual(20);
  });

  test('the hand-out shows both languages, every environment, and the correction where a claim is wrong', () => {
    const markdown = claimsMarkdown('ipc-tutorial.zh.md', [
      { environment: 'host', description: 'host', results: [auditClaim(signalClaim, run('host', [verdict('signal.permissions.eperm', 'passed')]))] },
      { environment: 'lax', description: 'lax', results: [auditClaim(signalClaim, run('lax', [verdict('signal.permissions.eperm', 'failed')]))] },
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
      const ran = await runCommand([...cliCommand, 'run', '--env', 'host', '--no-report', '--only', 'signal.permissions.*,pipe.direction.*'], { timeoutMs: 120_000, env });
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
