// A temporary folder (mode 0700) inside this process's run folder (runFolder.ts), removed at the end
// of its use and also when the kit is interrupted; should the process be killed outright, the next
// run sweeps it with the run folder. It is made synchronously and registered before the event loop
// turns again: made asynchronously, a signal handled between the mkdir and the registration would
// leave it behind.
import { dirSync } from 'tmp-promise';
import { removeOnInterrupt } from './interruption.js';
import { runFolder } from './runFolder.js';

export interface TemporaryFolder {
  readonly path: string;
  /** Removes the folder with everything in it; once only. */
  remove(): void;
}

export function temporaryFolder(prefix: string): TemporaryFolder {
  const made = dirSync({ prefix, tmpdir: runFolder().path, unsafeCleanup: true });
  const forget = removeOnInterrupt(made.name);
  return {
    path: made.name,
    remove() {
      forget();
      made.removeCallback();
    },
  };
}
