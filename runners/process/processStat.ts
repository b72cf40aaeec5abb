// What the kit reads of a process in /proc/PID/stat, and how it waits without the event loop:
// the interruption handler, the sweep of dead runs and the sandbox's cgroup run synchronously
// (once a signal has come there is no waiting for promises).
import { readFileSync } from 'node:fs';

/** The fields of /proc/PID/stat after the command name (state, ppid, pgrp, …); null once gone. */
export function statFields(pid: number): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces and parentheses; the fields after its last ')' do not.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

/** Sleeps the whole thread for `ms`, without the event loop. */
export function sleepNow(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
