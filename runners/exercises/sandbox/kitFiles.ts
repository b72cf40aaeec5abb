// The kit's files a sandboxed run needs, copied into a folder of the check: bubblewrap runs as the
// sandbox's uid, which may not be able to reach the kit's checkout (a home folder of mode 0700).
import { chmodSync, copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../../core/errors.js';
import { writeIdentityFiles } from './identityFiles.js';
import { SANDBOX_INIT } from './sandboxSetup.js';
import { TRACER_LIBRARY } from './tracerLibrary.js';

/** The copies: the sandbox's first process, the tracer, and the identity files. */
export interface KitFiles {
  sandboxInit: string;
  tracer: string;
  /** /etc/passwd and /etc/group naming the sandbox's uid. */
  passwd: string;
  group: string;
}

/** Copies them into `folder` (made here, root's, readable by all) for the sandbox's `uid`. */
export function copyKitFiles(folder: string, uid: number): KitFiles {
  if (!existsSync(TRACER_LIBRARY)) throw new UsageError(`${TRACER_LIBRARY} is not built: run \`make fixtures\``);
  mkdirSync(folder, { mode: 0o755 });
  chmodSync(folder, 0o755);
  const sandboxInit = join(folder, 'sandbox_init');
  const tracer = join(folder, 'exercise_tracer.so');
  copyFileSync(SANDBOX_INIT, sandboxInit);
  copyFileSync(TRACER_LIBRARY, tracer);
  chmodSync(sandboxInit, 0o755);
  chmodSync(tracer, 0o644);
  return { sandboxInit, tracer, ...writeIdentityFiles(folder, uid) };
}
