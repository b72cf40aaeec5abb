// A process is named by its pid and its start time together: a pid alone may have been reused by
// the time a later run asks whether the owner of something it found is still alive.
import { readFileSync } from 'node:fs';

/** The start time of `pid` (clock ticks since boot, field 22 of /proc/PID/stat), or null once gone. */
export function processStartTime(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces and parentheses; the fields after its last ')' do not.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[19]);
  } catch {
    return null;
  }
}

/** Whether the process that was `pid` when it had `startTime` still runs. */
export function stillRunning(pid: number, startTime: number): boolean {
  return processStartTime(pid) === startTime;
}
