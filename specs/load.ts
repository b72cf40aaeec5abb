// Finds and imports every `*.spec.ts` (or compiled `*.spec.js`) file of a folder. Validation is a
// separate step because it needs the probe catalog, which lives in runners/.
import { readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type LoadedSpec, SpecError } from './validate.js';

/** The folder holding this module: the kit's own specs (source or compiled). */
export const BUILT_IN_SPEC_DIR = fileURLToPath(new URL('.', import.meta.url));

const SPEC_FILE = /\.spec\.(ts|js|mjs)$/;

/** Imports every spec file in `dir`, sorted by name; a file that fails to import is a SpecError. */
export async function loadSpecFiles(dir: string = BUILT_IN_SPEC_DIR): Promise<LoadedSpec[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => SPEC_FILE.test(name) && !name.endsWith('.d.ts')).sort();
  } catch (error) {
    throw new SpecError(`cannot read spec folder ${dir}: ${(error as Error).message}`);
  }
  // A compiled folder may hold both a .ts source and its .js output; keep one per spec.
  const byStem = new Map<string, string>();
  for (const name of names) {
    const stem = name.replace(SPEC_FILE, '');
    if (!byStem.has(stem) || name.endsWith('.ts')) byStem.set(stem, name);
  }
  if (byStem.size === 0) throw new SpecError(`no *.spec.ts files in ${dir}`);
  const loaded: LoadedSpec[] = [];
  for (const name of byStem.values()) {
    const path = join(dir, name);
    const file = relative(process.cwd(), path) || path;
    let module: { default?: unknown };
    try {
      module = (await import(pathToFileURL(path).href)) as { default?: unknown };
    } catch (error) {
      throw new SpecError(`${file}: cannot be loaded: ${(error as Error).message.split('\n')[0]}`);
    }
    loaded.push({ file, spec: module.default as LoadedSpec['spec'] });
  }
  return loaded;
}
