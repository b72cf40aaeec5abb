// How a property and its verdict appear in Allure: epic = family, feature = mechanism, story =
// kind, the environment as parameter and label, the claim in both languages and the sources in
// the description, man-page links, and the observations attached as JSON.
import * as allure from 'allure-js-commons';
import { type MechanismSpec, type Property, sourceLabel } from '../../specs/schema.js';
import { formatFacts, type Verdict } from '../verdict/verdict.js';
import { manPageLinks } from './allureLinks.js';

/** Labels, description and links for a property's test. */
export async function annotateProperty(mechanism: MechanismSpec, property: Property, environment: string): Promise<void> {
  await allure.epic(mechanism.family);
  await allure.feature(mechanism.id);
  await allure.story(property.kind);
  await allure.parameter('environment', environment);
  await allure.label('environment', environment);
  await allure.testCaseId(property.id);
  await allure.displayName(property.id);
  await allure.description(
    [
      `**${property.claim.en}**`,
      '',
      property.claim.zh,
      '',
      `Sources: ${property.sources.map(sourceLabel).join('; ')}`,
      '',
      `Expectation: \`${JSON.stringify(property.expect)}\``,
    ].join('\n'),
  );
  for (const link of manPageLinks(property.sources.flatMap((s) => ('man' in s ? [s.man] : [])))) await allure.link(link.url, link.name);
}

/** Attaches what was observed and how it was judged. */
export async function attachVerdict(verdict: Verdict): Promise<void> {
  await allure.attachment('observations.json', JSON.stringify(verdict.observations, null, 2), 'application/json');
  await allure.attachment(
    'verdict.txt',
    [
      `status:   ${verdict.status}`,
      `expected: ${formatFacts(verdict.expected)}`,
      `observed: ${formatFacts(verdict.observed)}`,
      verdict.reason ? `reason:   ${verdict.reason}` : '',
      `probes:   ${verdict.probes.join(', ')}`,
    ]
      .filter(Boolean)
      .join('\n'),
    'text/plain',
  );
}
