// The hand-out's last part: what the tutorial leaves out (specs/claims/omissions.ts), each entry
// under its tutorial section with the mechanisms' titles and how many properties the kit checks of
// them — pointers for a reader, never verdicts on the tutorial.
import { OMISSIONS, type Omission } from '../../specs/claims/omissions.js';
import { TUTORIAL_SECTIONS } from '../../specs/claims/tutorialSections.js';
import type { MechanismSpec } from '../../specs/schema.js';
import { SpecError } from '../../specs/validate.js';

/** One entry with its mechanisms resolved against the loaded specs. */
export interface ResolvedOmission extends Omission {
  resolved: { id: string; title: MechanismSpec['title']; properties: number }[];
}

/** Every omission with its mechanisms; a section the tutorial lacks or a mechanism without a spec is a SpecError. */
export function resolveOmissions(specs: readonly MechanismSpec[], omissions: readonly Omission[] = OMISSIONS): ResolvedOmission[] {
  return omissions.map((omission) => {
    if (!TUTORIAL_SECTIONS.includes(omission.section))
      throw new SpecError(`specs/claims/omissions.ts: '${omission.section}' is not a section of the tutorial (tutorialSections.ts)`);
    const resolved = omission.mechanisms.map((id) => {
      const spec = specs.find((s) => s.id === id);
      if (!spec) throw new SpecError(`specs/claims/omissions.ts: no mechanism '${id}' (specs/${id}.spec.ts)`);
      return { id, title: spec.title, properties: spec.properties.length };
    });
    return { ...omission, resolved };
  });
}

/** The markdown lines of the section, in the tutorial's order of the sections named. */
export function omissionsMarkdown(omissions: readonly ResolvedOmission[]): string[] {
  if (omissions.length === 0) return [];
  const lines = [
    '## What the tutorial leaves out / 教程未涉及的内容',
    '',
    'Mechanisms the tutorial does not mention, which the kit checks as mechanisms of their own (a reading list, not verdicts).',
    '教程没有提到、但本工具作为独立机制检验的内容（供延伸阅读，不是对教程的判定）。',
    '',
  ];
  const ordered = [...omissions].sort((a, b) => TUTORIAL_SECTIONS.indexOf(a.section) - TUTORIAL_SECTIONS.indexOf(b.section));
  for (const omission of ordered) {
    const mechanisms = omission.resolved.map((m) => `\`${m.id}\` ${m.title.en} / ${m.title.zh} (${m.properties} properties / 项属性)`);
    lines.push(`- **${omission.section}** — ${mechanisms.join('; ')}`, `  - ${omission.statement.en}`, `  - ${omission.statement.zh}`);
  }
  return ['', ...lines, ''];
}
