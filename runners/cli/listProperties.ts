// `ipc-conformance list`: every mechanism and property with its claim and sources, as text for
// people or (`--json`) as one JSON document for tools that pick properties or build dashboards.
import { type Requirement, type Source, sourceLabel } from '../../specs/schema.js';
import { loadValidatedSpecs, type SelectedProperty, selectProperties } from '../selection/specSet.js';

/** The listing as text; `language` picks the claim's language. */
export async function listProperties(only: string | undefined, language: 'en' | 'zh', specsDir?: string): Promise<string> {
  const selected = selectProperties(await loadValidatedSpecs(specsDir), only);
  const lines: string[] = [];
  let current: string | undefined;
  for (const { mechanism, property } of selected) {
    if (mechanism.id !== current) {
      current = mechanism.id;
      if (lines.length) lines.push('');
      lines.push(`${mechanism.id} — ${mechanism.title[language]} [${mechanism.family}; ${mechanism.manPages.join(', ')}]`);
    }
    lines.push(`  ${property.id}  (${property.kind})`);
    lines.push(`      ${property.claim[language]}`);
    lines.push(`      sources: ${property.sources.map(sourceLabel).join('; ')}`);
  }
  lines.push('', `${selected.length} properties`);
  return lines.join('\n');
}

/** One property as `list --json` gives it. */
export interface ListedProperty {
  id: string;
  mechanism: string;
  kind: string;
  /** What the environment must offer, else the property is skipped (empty: nothing). */
  requires: Requirement[];
  /** Where the rule is written, as in the spec, each with the label the reports show. */
  sources: (Source & { label: string })[];
  claim: { en: string; zh: string };
}

const listed = ({ mechanism, property }: SelectedProperty): ListedProperty => ({
  id: property.id,
  mechanism: mechanism.id,
  kind: property.kind,
  requires: property.requires ?? [],
  sources: property.sources.map((source) => ({ ...source, label: sourceLabel(source) })),
  claim: { en: property.claim.en, zh: property.claim.zh },
});

/** The selected properties as a JSON array, in the order of the specs (as the text listing). */
export async function listPropertiesJson(only: string | undefined, specsDir?: string): Promise<string> {
  const selected = selectProperties(await loadValidatedSpecs(specsDir), only);
  return JSON.stringify(selected.map(listed), null, 2);
}
