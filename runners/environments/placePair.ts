// How a pair of places is assembled, whatever the places are (namespace holders, containers): a
// directory both see at the same path, the host as the first place for `ipc-host`, and a close()
// that removes every place started so far — once, and also when starting the second one failed.
import { temporaryFolder } from '../process/temporaryFolder.js';
import type { PairRelation, Place, PlacePair } from './environment.js';
import { hostPlace } from './hostPlace.js';

/** A place the pair started and must stop. */
export interface OwnedPlace extends Place {
  stop(): Promise<void>;
}

/**
 * What a kind of place must provide: start the creator (an IPC namespace others may join), and
 * start the second place as `relation` says, beside `creator` (absent for ipc-host).
 */
export interface PlaceStarter {
  creator(sharedDir: string): Promise<OwnedPlace>;
  second(relation: PairRelation, sharedDir: string, creator: OwnedPlace | undefined): Promise<OwnedPlace>;
}

export async function assemblePair(relation: PairRelation, starter: PlaceStarter): Promise<PlacePair> {
  const shared = temporaryFolder('ipc-conformance-shared-');
  const started: OwnedPlace[] = [];
  // Once only: the places are stopped and the folder removed a single time.
  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      await Promise.all(started.map((place) => place.stop()));
      shared.remove();
    })());
  const keep = (place: OwnedPlace) => {
    started.push(place);
    return place;
  };
  try {
    const creator = relation === 'ipc-host' ? undefined : keep(await starter.creator(shared.path));
    const second = keep(await starter.second(relation, shared.path, creator));
    return { first: creator ?? hostPlace, second, sharedDir: shared.path, close };
  } catch (error) {
    await close();
    throw error;
  }
}
