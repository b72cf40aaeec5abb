// The fixture programs and their cases as the programs declare them: the manifest `make fixtures`
// generates from each program's `--list --json` (c-fixtures/PROTOCOL.md). Read by the probe
// catalog, the check that the build is there, and the container image.
import { existsSync, readFileSync } from 'node:fs';
import { kitPaths } from './kitPaths.js';

/** One parameter of a fixture case, as its C case table declares it. */
export interface FixtureParam {
  name: string;
  description: string;
  /** Optional parameters come after the required ones; leaving one out leaves out every later one. */
  required: boolean;
  /** The last parameter only: it takes every further argument too. */
  repeated: boolean;
}

/** One public case of a fixture program, as `PROBE --list --json` prints it. */
export interface FixtureCase {
  name: string;
  description: string;
  /** In the order the program takes them on its command line. */
  params: FixtureParam[];
}

type Manifest = Record<string, FixtureCase[]>;

let manifest: Manifest | undefined;

/** The fixture manifest: fixture id (`sysv-msg`) → its cases, in the order of its case table. */
export function fixtureManifest(): Manifest {
  if (manifest) return manifest;
  const file = kitPaths.fixtureCases;
  if (!existsSync(file)) throw new Error(`${file} is missing: run \`make fixtures\` (it is generated from the C probes' --list --json)`);
  try {
    manifest = JSON.parse(readFileSync(file, 'utf8')) as Manifest;
  } catch (error) {
    throw new Error(`${file} cannot be read (${(error as Error).message}): run \`make fixtures\` again`);
  }
  return manifest;
}

/** The fixture programs by id (`sysv-msg` → build/fixtures/sysv-msg-probe, see fixtureBinary.ts). */
export function fixtureNames(): string[] {
  return Object.keys(fixtureManifest());
}
