// The hand-out's "what the tutorial leaves out" list: every entry names a section of the tutorial
// and mechanisms the kit has specs for; the markdown lists them in the tutorial's order with both
// languages and the property counts, and a wrong entry is one clear error.
import { describe, expect, test } from 'vitest';
import { omissionsMarkdown, resolveOmissions } from '../../../runners/claims/omissionsReport.js';
import { loadValidatedSpecs } from '../../../runners/selection/specSet.js';
import { OMISSIONS } from '../../../specs/claims/omissions.js';
import { SpecError } from '../../../specs/validate.js';

const statement = { en: 'English.', zh: '中文。' };

describe('what the tutorial leaves out', () => {
  test('every entry resolves against the kit’s specs', async () => {
    const resolved = resolveOmissions(await loadValidatedSpecs());
    expect(resolved.length).toBe(OMISSIONS.length);
    for (const entry of resolved) for (const mechanism of entry.resolved) expect(mechanism.properties, mechanism.id).toBeGreaterThan(0);
  });

  test('the list follows the tutorial’s order and gives both languages and the counts', async () => {
    const specs = await loadValidatedSpecs();
    const lines = omissionsMarkdown(
      resolveOmissions(specs, [
        { section: '4. 共享内存(Shared Memory)', mechanisms: ['posix-shm'], statement },
        { section: '1. 管道(Pipes)', mechanisms: ['fifo'], statement },
      ]),
    ).join('\n');
    const fifoCount = specs.find((s) => s.id === 'fifo')!.properties.length;
    expect(lines.indexOf('1. 管道(Pipes)')).toBeLessThan(lines.indexOf('4. 共享内存(Shared Memory)'));
    expect(lines).toContain(`\`fifo\` Named pipe (FIFO) / 命名管道（FIFO） (${fifoCount} properties / 项属性)`);
    expect(lines).toContain('  - English.\n  - 中文。');
  });

  test('a section the tutorial lacks, or a mechanism without a spec, is one clear error', async () => {
    const specs = await loadValidatedSpecs();
    expect(() => resolveOmissions(specs, [{ section: '9. Carrier pigeons', mechanisms: ['fifo'], statement }])).toThrow(
      new SpecError("specs/claims/omissions.ts: '9. Carrier pigeons' is not a section of the tutorial (tutorialSections.ts)"),
    );
    expect(() => resolveOmissions(specs, [{ section: '1. 管道(Pipes)', mechanisms: ['telepathy'], statement }])).toThrow(
      new SpecError("specs/claims/omissions.ts: no mechanism 'telepathy' (specs/telepathy.spec.ts)"),
    );
  });
});
