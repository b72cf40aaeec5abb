// `ipc-conformance list`: every mechanism and property with its claim and sources.
import { sourceLabel } from '../../specs/schema.js';
import { loadValidatedSpecs, selectProperties } from '../selection/specSet.js';

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
