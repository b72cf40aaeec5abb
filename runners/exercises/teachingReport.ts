// What the student reads: for each check, whether it held over the runs, and for a failure the
// property a correct program has, what the kit observed, the man pages and a hint, in English and
// Chinese. It teaches the why; it never prints the fix.
import type { CheckResult, ExerciseResult } from './judgeExercise.js';

const formatExpected = (expected: Record<string, unknown>) =>
  Object.entries(expected)
    .map(([form, value]) => `${form} ${JSON.stringify(value)}`)
    .join(', ');

function describeCheck(result: CheckResult): string[] {
  const { check } = result;
  const label = { passed: 'pass', failed: 'FAIL', 'not-observed': 'n/a ' }[result.status];
  const tally =
    result.status === 'failed'
      ? `failed in ${result.failedRuns} of ${result.observedRuns} runs`
      : result.status === 'passed'
        ? `held in ${result.observedRuns} of ${result.runs} runs`
        : `no run could show it (see the failures above)`;
  const head = `${label}  ${check.id}  [${check.kind}]  ${tally}`;
  if (result.status !== 'failed') return [head];
  const pad = (text: string) => `        ${text}`;
  const example = result.example!;
  return [
    head,
    pad(`a correct program: ${check.claim.en}`),
    pad(`                   ${check.claim.zh}`),
    pad(`observed (run ${example.run}): ${example.detail}`),
    pad(`expected:         ${formatExpected(result.expected)}, observed ${JSON.stringify(example.value)}`),
    pad(`man:              ${check.man.join(', ')}`),
    pad(`hint:             ${check.hint.en}`),
    pad(`                  ${check.hint.zh}`),
    '',
  ];
}

/** The whole report of one program, as printed by `make exercise`. */
export function formatExerciseResult(result: ExerciseResult, shownProgram: string): string {
  const failed = result.checks.filter((c) => c.status === 'failed').length;
  const verdict =
    failed === 0
      ? `all ${result.checks.length} checks hold — well done. 全部 ${result.checks.length} 项检查通过。`
      : `${failed} of ${result.checks.length} checks failed. ${result.checks.length} 项检查中有 ${failed} 项未通过。`;
  return [
    `exercise ${result.exercise}: ${shownProgram}`,
    `conditions: ${result.conditions} (${(result.durationMs / 1000).toFixed(1)} s)`,
    ...(result.limitsHit.length ? [`sandbox limits reached: ${result.limitsHit.join('; ')}`] : []),
    '',
    ...result.checks.flatMap(describeCheck),
    '',
    verdict,
  ].join('\n');
}
