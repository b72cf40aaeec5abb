// The spec schema rejects every malformed spec with a message naming the file and the property.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { probeCatalog } from '../../runners/probes/catalog.js';
import { loadValidatedSpecs } from '../../runners/selection/specSet.js';
import { loadSpecFiles } from '../../specs/load.js';
import type { MechanismSpec, Property } from '../../specs/schema.js';
import { type ProbeCatalog, SpecError, validateSpecs } from '../../specs/validate.js';

const size = { name: 'size', required: true };
const optional = (name: string) => ({ name, required: false });
const catalog: ProbeCatalog = {
  fixtureCases: {
    pipe: {
      'default-capacity': [],
      'set-size': [size],
      'atomic-concurrent-writes': [optional('writers'), optional('records'), optional('record_size')],
    },
  },
  ffiProbes: { 'pipe.default-capacity': [], 'pipe.set-size': [size] },
  scenarios: {
    'object-visibility': [
      { name: 'relation', required: true },
      { name: 'kind', required: true },
    ],
  },
};

const goodProperty = (): Property => ({
  id: 'pipe.capacity.default-is-16-pages',
  kind: 'capacity',
  claim: { en: 'A pipe holds 16 pages.', zh: '管道容量为 16 页。' },
  sources: [{ man: 'pipe(7)', section: 'Pipe capacity' }],
  expect: { equals: { pages: 16 } },
  probes: [{ fixture: 'pipe', case: 'default-capacity' }, { ffi: 'pipe.default-capacity' }],
});

const specWith = (...properties: Property[]): MechanismSpec => ({
  id: 'pipe',
  title: { en: 'Pipe', zh: '管道' },
  family: 'pipes',
  manPages: ['pipe(7)'],
  properties,
});

function validationError(spec: MechanismSpec, file = 'specs/broken.spec.ts'): string {
  try {
    validateSpecs([{ file, spec }], catalog);
  } catch (error) {
    expect(error).toBeInstanceOf(SpecError);
    return (error as Error).message;
  }
  throw new Error('the spec was accepted');
}

describe('spec validation', () => {
  test('the kit’s own specs are valid and cover pipes (≥14) and FIFOs (≥10)', async () => {
    const specs = await loadValidatedSpecs();
    const count = (id: string) => specs.find((s) => s.id === id)?.properties.length ?? 0;
    expect(count('pipe')).toBeGreaterThanOrEqual(14);
    expect(count('fifo')).toBeGreaterThanOrEqual(10);
  });

  test('a well-formed spec passes', () => {
    expect(() => validateSpecs([{ file: 'specs/ok.spec.ts', spec: specWith(goodProperty()) }], catalog)).not.toThrow();
  });

  test('named probe arguments that fit the declarations pass, optional ones left out from the end', () => {
    const probes: Property['probes'] = [
      { fixture: 'pipe', case: 'set-size', args: { size: 5000 } },
      { ffi: 'pipe.set-size', args: { size: '5000' } },
      { fixture: 'pipe', case: 'atomic-concurrent-writes', args: { records: 10, writers: 2 } },
      { fixture: 'pipe', case: 'atomic-concurrent-writes' },
      { scenario: 'object-visibility', args: { relation: 'sibling', kind: 'sysv-msg' } },
    ];
    expect(() => validateSpecs([{ file: 'specs/ok.spec.ts', spec: specWith({ ...goodProperty(), probes }) }], catalog)).not.toThrow();
  });

  const mistakes: Array<[string, (p: Property) => Property, RegExp]> = [
    ['an unknown kind', (p) => ({ ...p, kind: 'capcity' as Property['kind'] }), /unknown kind 'capcity'/],
    ['a missing source', (p) => ({ ...p, sources: [] }), /has no source/],
    [
      'a fixture that does not exist',
      (p) => ({ ...p, probes: [{ fixture: 'pipes', case: 'default-capacity' }] }),
      /fixture 'pipes', which does not exist/,
    ],
    [
      'a case that does not exist',
      (p) => ({ ...p, probes: [{ fixture: 'pipe', case: 'capacity' }] }),
      /case 'capacity', which fixture 'pipe' does not have/,
    ],
    ['an FFI probe that does not exist', (p) => ({ ...p, probes: [{ ffi: 'pipe.nope' }] }), /FFI probe 'pipe.nope', which does not exist/],
    ['no probe at all', (p) => ({ ...p, probes: [] }), /names no probe/],
    ['a claim without Chinese', (p) => ({ ...p, claim: { en: 'x', zh: '' } }), /claim needs non-empty 'en' and 'zh'/],
    ['an id outside the mechanism', (p) => ({ ...p, id: 'fifo.capacity.x' }), /must start with the mechanism id 'pipe.'/],
    ['two expectation forms', (p) => ({ ...p, expect: { equals: 1, errno: 'EAGAIN' } as never }), /exactly one of/],
    ['an unknown expectation form', (p) => ({ ...p, expect: { equal: 1 } as never }), /exactly one of .*got equal/],
    ['a lowercase errno', (p) => ({ ...p, expect: { errno: 'eagain' } }), /'eagain' is not an errno name/],
    ['an unknown requirement', (p) => ({ ...p, requires: ['rooot' as never] }), /unknown requirement 'rooot'/],
    ['an unknown relation', (p) => ({ ...p, expect: { relation: 'bigger' as never, field: 'x' } }), /unknown relation 'bigger'/],
    // A value of the wrong type must be the spec's error, never a failed or broken property.
    ['a word as atLeast', (p) => ({ ...p, expect: { atLeast: 'many' as never } }), /atLeast "many" must be a number or \{ pages: N \}/],
    ['a word as atMost', (p) => ({ ...p, expect: { atMost: { pages: 'two' } as never } }), /atMost \{"pages":"two"\} must be a number/],
    ['a number as oneOf', (p) => ({ ...p, expect: { oneOf: 5 as never } }), /oneOf 5 must be a non-empty list/],
    ['an empty oneOf', (p) => ({ ...p, expect: { oneOf: [] } }), /oneOf \[\] must be a non-empty list/],
    ['an object as equals', (p) => ({ ...p, expect: { equals: { bytes: 4 } as never } }), /equals \{"bytes":4\} must be a number, string/],
    [
      'a word as returnsWithin',
      (p) => ({ ...p, expect: { returnsWithin: 'fast' as never } }),
      /returnsWithin "fast" must be \{ ms: N \} with N > 0/,
    ],
    ['a negative returnsWithin', (p) => ({ ...p, expect: { returnsWithin: { ms: -1 } } }), /returnsWithin \{"ms":-1\} must be/],
    ['a number as matches', (p) => ({ ...p, expect: { matches: 7 as never } }), /matches 7 must be a regular expression as a string/],
    [
      'a field without a relation',
      (p) => ({ ...p, expect: { equals: 1, field: 'x' } as never }),
      /'field' belongs to a relation, not to equals/,
    ],
    [
      'probe args as a string',
      (p) => ({ ...p, probes: [{ fixture: 'pipe', case: 'default-capacity', args: 'x' as never }] }),
      /probe args "x" must be an object of named values/,
    ],
    [
      'probe args as a list',
      (p) => ({ ...p, probes: [{ fixture: 'pipe', case: 'set-size', args: ['5000'] as never }] }),
      /probe args \["5000"\] must be an object of named values/,
    ],
    [
      'a boolean as a probe argument',
      (p) => ({ ...p, probes: [{ ffi: 'pipe.set-size', args: { size: true as never } }] }),
      /probe args \{"size":true\} must be an object of named values/,
    ],
    [
      'an unknown parameter',
      (p) => ({ ...p, probes: [{ fixture: 'pipe', case: 'set-size', args: { bytes: 5000 } }] }),
      /fixture pipe\/set-size: unknown parameter 'bytes' \(it takes size\)/,
    ],
    [
      'an argument for a probe that takes none',
      (p) => ({ ...p, probes: [{ ffi: 'pipe.default-capacity', args: { size: 1 } }] }),
      /FFI probe pipe\.default-capacity: unknown parameter 'size' \(it takes none\)/,
    ],
    [
      'a missing required parameter',
      (p) => ({ ...p, probes: [{ ffi: 'pipe.set-size' }] }),
      /FFI probe pipe\.set-size: missing parameter 'size'/,
    ],
    [
      'a scenario missing a parameter',
      (p) => ({ ...p, probes: [{ scenario: 'object-visibility', args: { kind: 'sysv-msg' } }] }),
      /scenario object-visibility: missing parameter 'relation'/,
    ],
    [
      'an optional parameter without the one before it',
      (p) => ({ ...p, probes: [{ fixture: 'pipe', case: 'atomic-concurrent-writes', args: { records: 10 } }] }),
      /parameter 'records' is given but 'writers', which comes before it on the command line, is not/,
    ],
    ['a fixture without a case', (p) => ({ ...p, probes: [{ fixture: 'pipe' } as never] }), /probe of fixture 'pipe' needs a case/],
    [
      'a number as the fixture',
      (p) => ({ ...p, probes: [{ fixture: 1, case: 'x' } as never] }),
      /probe fixture 1 must be a non-empty string/,
    ],
    ['null as a probe', (p) => ({ ...p, probes: [null as never] }), /probe null is not a probe reference/],
    ['null as a source', (p) => ({ ...p, sources: [null as never] }), /source null is not/],
    ['a string as requires', (p) => ({ ...p, requires: 'root' as never }), /requires "root" must be a list/],
    // The zod schema is closed: a misspelt field is an error, not a field silently ignored.
    [
      'a misspelt field',
      (p) => ({ ...p, require: ['root'] }) as never,
      /unknown field 'require' \(a property has id, kind, claim, sources, requires, expect, probes, peers\)/,
    ],
    [
      'a misspelt probe key',
      (p) => ({ ...p, probes: [{ fixture: 'pipe', cas: 'default-capacity' } as never] }),
      /probe of fixture 'pipe' needs a case/,
    ],
    [
      'a probe key the form does not take',
      (p) => ({ ...p, probes: [{ ffi: 'pipe.default-capacity', case: 'x' } as never] }),
      /probe \{"ffi":"pipe\.default-capacity","case":"x"\} has 'case', which a ffi probe does not take/,
    ],
    [
      'a source of no known form',
      (p) => ({ ...p, sources: [{ page: 'pipe(7)' } as never] }),
      /source \{"page":"pipe\(7\)"\} is not \{ man \}/,
    ],
    ['a blank man page', (p) => ({ ...p, sources: [{ man: ' ' }] }), /source \{"man":" "\} names no document/],
    [
      'a tutorial section missing',
      (p) => ({ ...p, sources: [{ tutorial: 'IPC tutorial' } as never] }),
      /source \{"tutorial":"IPC tutorial"\} needs the section of the tutorial as a string/,
    ],
    ['no expectation at all', (p) => ({ ...p, expect: undefined as never }), /has no expectation/],
  ];
  test.each(mistakes)('%s is an error naming the file and the property', (_what, mutate, message) => {
    const text = validationError(specWith(mutate(goodProperty())));
    expect(text).toMatch(/^specs\/broken\.spec\.ts: /);
    expect(text).toMatch(message);
    if (!/start with the mechanism id/.test(text)) expect(text).toContain("property 'pipe.capacity.default-is-16-pages'");
  });

  test('a duplicate property id names where it was first defined', () => {
    const text = validationError(specWith(goodProperty(), goodProperty()));
    expect(text).toMatch(/duplicate id \(first defined in specs\/broken\.spec\.ts\)/);
  });

  test('null among the properties is an error naming the file and its position, not a TypeError', () => {
    const text = validationError(specWith(goodProperty(), null as never));
    expect(text).toBe("specs/broken.spec.ts: mechanism 'pipe': properties[1] is null, not a property");
  });

  test('mistakes in the mechanism itself name the mechanism and the field', () => {
    const spec = specWith(goodProperty());
    expect(validationError({ ...spec, title: { en: 'Pipe' } as never })).toBe(
      "specs/broken.spec.ts: mechanism 'pipe': title needs non-empty 'en' and 'zh'",
    );
    expect(validationError({ ...spec, manPages: [] })).toBe("specs/broken.spec.ts: mechanism 'pipe': names no man page");
    expect(validationError({ ...spec, manPages: [7 as never] })).toBe(
      "specs/broken.spec.ts: mechanism 'pipe': man page 7 must be a name such as pipe(7)",
    );
    expect(validationError({ ...spec, properties: [] })).toBe("specs/broken.spec.ts: mechanism 'pipe': has no properties");
    expect(validationError({ ...spec, id: 'Pipe' })).toBe("specs/broken.spec.ts: mechanism id 'Pipe' is not kebab-case");
    expect(validationError({ ...spec, famly: 'pipes' } as never)).toBe(
      "specs/broken.spec.ts: unknown field 'famly' (a mechanism has id, title, family, manPages, properties)",
    );
    expect(validationError(null as never)).toBe('specs/broken.spec.ts: does not export a mechanism spec as default');
  });

  test('a mechanism defined in two files names the first', () => {
    const spec = specWith(goodProperty());
    const other = { ...spec, properties: [{ ...goodProperty(), id: 'pipe.capacity.other' }] };
    expect(() =>
      validateSpecs(
        [
          { file: 'specs/a.spec.ts', spec },
          { file: 'specs/b.spec.ts', spec: other },
        ],
        catalog,
      ),
    ).toThrow("specs/b.spec.ts: mechanism 'pipe' is already defined in specs/a.spec.ts");
  });

  test('an unknown family is an error naming the mechanism', () => {
    const text = validationError({ ...specWith(goodProperty()), family: 'pipez' as never });
    expect(text).toMatch(/mechanism 'pipe': unknown family 'pipez'/);
  });

  test('a spec file that does not import is an error naming the file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ipc-conformance-spec-'));
    try {
      await writeFile(join(dir, 'broken.spec.js'), 'export default {;\n');
      await expect(loadSpecFiles(dir)).rejects.toThrow(/broken\.spec\.js: cannot be loaded/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('the probe catalog lists every fixture case of the manifest and every FFI probe, with their parameters', () => {
    const known = probeCatalog();
    expect(Object.keys(known.fixtureCases.pipe!)).toContain('fill-nonblocking');
    expect(Object.keys(known.fixtureCases.fifo!)).toContain('open-wronly-nonblock-no-reader');
    expect(known.fixtureCases.pipe!['set-size']).toMatchObject([{ name: 'size', required: true }]);
    expect(known.ffiProbes['pipe.default-capacity']).toEqual([]);
    expect(known.scenarios['shm-dies-with-namespace']).toMatchObject([{ name: 'mib', required: false }]);
  });
});
