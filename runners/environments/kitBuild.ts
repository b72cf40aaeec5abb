// Whether the kit's own build is there: every environment runs the same fixtures and FFI entry.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fixtureBinaryName } from '../core/fixtureBinary.js';
import { fixtureNames } from '../core/fixtureManifest.js';
import { kitPaths } from '../core/kitPaths.js';
import type { Availability } from './environment.js';

/** Whether the kit's fixtures and compiled FFI entry exist on this machine, and how to get them. */
export function kitBuildAvailability(): Availability {
  for (const fixture of fixtureNames()) {
    const binary = join(kitPaths.fixtureBinaries, fixtureBinaryName(fixture));
    if (!existsSync(binary)) {
      return { ok: false, reason: `fixture ${binary} is not built: run \`make fixtures\` (needs gcc: apt-get install gcc make)` };
    }
  }
  if (!existsSync(kitPaths.ffiEntry)) return { ok: false, reason: `${kitPaths.ffiEntry} is missing: run \`npm run build\`` };
  return { ok: true };
}
