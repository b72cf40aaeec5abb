// reports/claims.md: the audit as a teacher can hand it out, in English and Chinese — a table per
// tutorial section with each claim's verdict per environment and the correct statement, then the
// evidence behind every claim that is not accurate.
import type { ClaimVerdict } from '../../specs/claims/claimSchema.js';
import { type ClaimResult, countClaimVerdicts, evidenceWords } from './auditClaims.js';
import { omissionsMarkdown, type ResolvedOmission } from './omissionsReport.js';
import { inTutorialOrder } from './sectionOrder.js';

/** The audit of one environment. */
export interface EnvironmentAudit {
  environment: string;
  description: string;
  results: ClaimResult[];
}

const VERDICT_ZH: Record<ClaimVerdict, string> = {
  accurate: '准确',
  inaccurate: '不准确',
  imprecise: '不严谨',
  pending: '待定',
  untestable: '无法检验',
  undecided: '未判定',
};

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const verdictText = (verdict: ClaimVerdict) => `${verdict} / ${VERDICT_ZH[verdict]}`;

/**
 * The hand-out, its sections in the tutorial's order: read from `tutorialText` when the tutorial
 * is at hand, else from the declared order of its sections (see sectionOrder.ts).
 */
export function claimsMarkdown(
  tutorial: string,
  audits: EnvironmentAudit[],
  tutorialText?: string,
  omissions: readonly ResolvedOmission[] = [],
): string {
  const [first] = audits;
  if (!first) return '# Tutorial audit\n\nNo environment has verdicts yet: run `make conformance` first.\n';
  const lines = [
    `# Audit of the tutorial \`${tutorial}\` / 教程论断审计`,
    '',
    'Each statement of the tutorial that can be checked is paraphrased (not quoted) and decided by the',
    "kit's properties as observed in each environment. 每条可检验的论断均用本工具自己的话转述，并由各环境中观测到的属性判定。",
    '',
    'Verdicts / 结论: accurate 准确 · inaccurate 不准确 · imprecise 不严谨（仅在教程未说明的条件下成立）· pending 待定 · untestable 无法检验 · undecided 未判定',
    '',
  ];
  for (const audit of audits) {
    const counts = countClaimVerdicts(audit.results);
    const summary = (Object.keys(counts) as ClaimVerdict[]).map((v) => `${counts[v]} ${v}`).join(', ');
    lines.push(`- **${audit.environment}** (${audit.description}): ${summary}`);
  }
  const sections = inTutorialOrder([...new Set(first.results.map((r) => r.claim.section))], tutorialText);
  for (const section of sections) {
    lines.push(
      '',
      `## ${section}`,
      '',
      `| claim / 论断 | ${audits.map((a) => a.environment).join(' | ')} | correct statement / 正确说法 |`,
    );
    lines.push(`|---|${audits.map(() => '---|').join('')}---|`);
    for (const result of first.results.filter((r) => r.claim.section === section)) {
      const claim = result.claim;
      const verdicts = audits.map((a) => verdictText(a.results.find((r) => r.claim.id === claim.id)!.verdict));
      const anyNotAccurate = audits.some((a) =>
        ['inaccurate', 'imprecise'].includes(a.results.find((r) => r.claim.id === claim.id)!.verdict),
      );
      const correction =
        claim.status === 'decided' && anyNotAccurate ? `${claim.decision.correction.en}<br>${claim.decision.correction.zh}` : '';
      lines.push(
        `| ${cell(`**${claim.id}**<br>${claim.claim.en}<br>${claim.claim.zh}`)} | ${verdicts.join(' | ')} | ${cell(correction)} |`,
      );
    }
  }
  lines.push('', '## Evidence / 证据', '');
  // The evidence follows the tables: section by section, in the tutorial's order.
  for (const result of sections.flatMap((section) => first.results.filter((r) => r.claim.section === section))) {
    const claim = result.claim;
    if (claim.status !== 'decided') continue;
    lines.push(`### ${claim.id}`, '', `${claim.decision.reasoning.en}`, '', `${claim.decision.reasoning.zh}`, '');
    for (const audit of audits) {
      const found = audit.results.find((r) => r.claim.id === claim.id)!;
      const facts = found.evidence
        .map((e) => {
          const { outcome, supportsWhen } = evidenceWords(e);
          return `\`${e.property}\` ${outcome}${e.measured ? ` (${e.measured})` : e.observed ? ` (${observedLine(e.observed)})` : ''}, supports the claim when ${supportsWhen}`;
        })
        .join('; ');
      lines.push(`- ${audit.environment}: **${found.verdict}** — ${facts}`);
    }
    lines.push('');
  }
  lines.push(...omissionsMarkdown(omissions));
  return `${lines.join('\n')}\n`;
}

function observedLine(observed: Record<string, unknown>): string {
  return Object.entries(observed)
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(' ');
}
