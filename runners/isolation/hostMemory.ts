// The host's shared-memory total (Shmem in /proc/meminfo, KiB): SysV segments, tmpfs and memfd
// pages count there whichever IPC namespace made them, so it witnesses a namespace's objects
// being freed after nothing inside the namespace is left to ask.
import { readFile } from 'node:fs/promises';

export async function hostShmemKiB(): Promise<number> {
  const meminfo = await readFile('/proc/meminfo', 'utf8');
  const match = /^Shmem:\s+(\d+) kB$/m.exec(meminfo);
  if (!match) throw new Error('/proc/meminfo has no Shmem line');
  return Number(match[1]);
}

/** Polls until Shmem is at most `kib` (freeing an IPC namespace is deferred work) or time runs out. */
export async function waitForShmemBelow(kib: number, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const now = await hostShmemKiB();
    if (now <= kib || Date.now() >= deadline) return now;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
