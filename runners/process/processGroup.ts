// Signalling a whole process group: how the kit ends what it started detached (a probe with the
// helpers it forked, a daemon, a holder, a spinner) in one call.
import { readdirSync } from 'node:fs';
import { statFields } from './processStat.js';

/** Sends `signal` to the group led by `pgid`; a group already gone (ESRCH) or never started is fine. */
export function signalGroup(pgid: number | undefined, signal: NodeJS.Signals): void {
  if (pgid === undefined) return;
  try {
    process.kill(-pgid, signal);
  } catch {
    // already gone, which is what we want
  }
}

/** Whether a process of the group led by `pgid` still runs (zombies waiting to be reaped do not). */
function groupRunning(pgid: number): boolean {
  return readdirSync('/proc').some((name) => {
    if (!/^\d+$/.test(name)) return false;
    const fields = statFields(Number(name));
    return fields !== null && fields[2] === String(pgid) && fields[0] !== 'Z';
  });
}

/**
 * Waits, at most `timeoutMs`, until no process of the group runs: a leader's exit does not mean its
 * group is gone (User-Mode Linux's helper processes end a moment after it). True once it is.
 */
export async function groupEnded(pgid: number, timeoutMs = 2000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (groupRunning(pgid)) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return true;
}
