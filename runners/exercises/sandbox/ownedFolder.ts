// Folders the sandbox's uid works in. bubblewrap runs as that uid, so every folder it binds must
// be the uid's own (mode 0700: no one else's business) — and the kit, as root, still reads them.
import { chmodSync, chownSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Makes `folder` (if needed), mode 0700, owned by `uid`; with `contents`, its files too. */
export function makeOwnedFolder(folder: string, uid: number, options: { contents?: boolean } = {}): void {
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  chmodSync(folder, 0o700);
  chownSync(folder, uid, uid);
  if (!options.contents) return;
  for (const name of readdirSync(folder)) chownSync(join(folder, name), uid, uid);
}
