// A temporary folder (mode 0700, under TMPDIR) that is removed at the end of its use and also when
// the kit is interrupted. It is made synchronously and registered before the event loop turns
// again: made asynchronously, a signal handled between the mkdir and the registration would leave
// it behind.
import { dirSync } from 'tmp-promise';
import { removeOnInterrupt } from './interruption.js';

export interface TemporaryFolder {
  readonly path: string;
  /** Removes the folder with everything in it; once only. */
  remove(): void;
}

export function temporaryFolder(prefix: string): TemporaryFolder {
  const made = dirSync({ prefix, unsafeCleanup: true });
  const forget = removeOnInterrupt(made.name);
  return {
    path: made.name,
    remove() {
      forget();
      made.removeCallback();
    },
  };
}
