// Single-process pidfd observations through libc, the FFI counterparts of the c-fixtures/pidfd/
// cases of the same names: a pidfd of this process and pidfd_open's refusals. Everything that needs
// a child is the C probe's (an FFI probe never forks), and so is a second thread: an FFI probe runs
// in a process forked from the fork server, which has only the thread that forked it.
import type { FfiProbeTable } from './ffiProbe.js';
import { closeAll, errnoName, errnoOf, type FfiObservation, libc, libcBindings, observed } from './libc.js';

const F_GETFD = 1;
const FD_CLOEXEC = 1;
/** No pid reaches PID_MAX_LIMIT (2^22 on 64-bit, proc(5) /proc/sys/kernel/pid_max). */
const NEVER_A_PID = 4194304;
/** A bit that is neither PIDFD_NONBLOCK (O_NONBLOCK) nor PIDFD_THREAD (O_EXCL). */
const UNDEFINED_PIDFD_FLAG = 0x1;

const pidfd = libcBindings((lib) => ({
  pidfd_open: lib.func('int pidfd_open(int pid, unsigned int flags)'),
}));

/** A pidfd_open attempt reported as the fixture does: its result and errno; the descriptor is closed again. */
function openAttempt(pid: number, flags: number, evidence: FfiObservation['evidence'] = {}): FfiObservation {
  const fd = pidfd().pidfd_open(pid, flags) as number;
  const errno = errnoOf(fd);
  closeAll(fd);
  return observed({ value: fd < 0 ? -1 : fd, errno, evidence });
}

export const probes: FfiProbeTable = {
  'pidfd.open-nonexistent': () => openAttempt(NEVER_A_PID, 0, { pid: NEVER_A_PID }),

  'pidfd.open-bad-flags': () => {
    const plain = pidfd().pidfd_open(process.pid, 0) as number;
    closeAll(plain);
    return openAttempt(process.pid, UNDEFINED_PIDFD_FLAG, { flags: UNDEFINED_PIDFD_FLAG, no_flags_works: plain >= 0 });
  },

  'pidfd.open-self-cloexec': () => {
    const fd = pidfd().pidfd_open(process.pid, 0) as number;
    // As the fixture's pidfd_of: a refused pidfd_open is the system's answer, not a broken probe.
    if (fd < 0) return observed({ value: null, errno: errnoName(), evidence: { failed_call: 'pidfd_open' } });
    try {
      const flags = libc().fcntl(fd, F_GETFD) as number;
      if (flags < 0) throw new Error(`fcntl(F_GETFD) failed: ${errnoName()}`);
      return observed({ value: (flags & FD_CLOEXEC) !== 0 });
    } finally {
      closeAll(fd);
    }
  },
};
