// Load for the runs where a race is the point: one spinning process per CPU, so the student's
// processes compete for every core and get preempted at moments they do not choose.
import { type ChildProcess, spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { endOnInterrupt } from '../process/interruption.js';
import { signalGroup } from '../process/processGroup.js';

/** Spinning processes that run until stop() is called. */
export interface CpuLoad {
  stop(): void;
}

export function startCpuLoad(spinners = availableParallelism()): CpuLoad {
  const children: ChildProcess[] = [];
  for (let i = 0; i < spinners; i++) {
    // timeout(1) bounds a spinner whose owner died before it could stop it.
    children.push(spawn('timeout', ['600', '/bin/sh', '-c', 'while :; do :; done'], { stdio: 'ignore', detached: true }));
  }
  const stop = () => {
    for (const child of children) signalGroup(child.pid, 'SIGKILL');
  };
  const forget = endOnInterrupt(stop);
  return {
    stop() {
      forget();
      stop();
    },
  };
}
