// Signalling a whole process group: how the kit ends what it started detached (a probe with the
// helpers it forked, a daemon, a holder, a spinner) in one call.

/** Sends `signal` to the group led by `pgid`; a group already gone (ESRCH) or never started is fine. */
export function signalGroup(pgid: number | undefined, signal: NodeJS.Signals): void {
  if (pgid === undefined) return;
  try {
    process.kill(-pgid, signal);
  } catch {
    // already gone, which is what we want
  }
}
