// What the FFI probes of the System V and POSIX IPC mechanisms share: the <sys/ipc.h> constants,
// object keys and names in the forms the C fixtures use (so both paths make the same objects), the
// kernel.* limits read from /proc/sys the way the fixtures report them, and small renderings.
import { readFileSync } from 'node:fs';
import { observed, type FfiObservation } from './libc.js';

// <sys/ipc.h> on Linux (glibc): what msgget/semget/shmget and their *ctl calls take.
export const IPC_PRIVATE = 0;
export const IPC_CREAT = 0o1000;
export const IPC_EXCL = 0o2000;
export const IPC_NOWAIT = 0o4000;
export const IPC_RMID = 0;
export const IPC_SET = 1;
export const IPC_STAT = 2;
export const IPC_INFO = 3;

/** (void *) -1 as koffi returns a pointer (a BigInt): what mmap and shmat give on failure. */
export const FAILED_POINTER = 0xffff_ffff_ffff_ffffn;

/** A System V key unique to this process, in the range of the fixtures' probe_ipc_key(n). */
export const probeKey = (n = 0) => 0x2000_0000 | ((process.pid & 0x3f_ffff) << 6) | (n & 63);

/** A POSIX IPC name unique to this process, in the form of the fixtures' probe_ipc_name(tag). */
export const probeName = (tag: string) => `/ipc-conformance-${process.pid}-${tag}`;

/** The errno name of a failed node:fs call, as the fixtures print the errno of theirs. */
export const fsErrno = (error: unknown): string => (error as NodeJS.ErrnoException).code ?? 'EIO';

/** A file mode's permission bits as the fixtures print them ("%04o": "0600"). */
export const modeText = (mode: number) => (mode & 0o7777).toString(8).padStart(4, '0');

/** A /proc/sys file's text as this process sees it, or the errno that kept it from being read. */
export function readSysctl(path: string): { text: string } | { errno: string } {
  try {
    return { text: readFileSync(path, 'utf8').trim() };
  } catch (error) {
    return { errno: fsErrno(error) };
  }
}

/**
 * Runs `body` with the text of a /proc/sys file; a runtime that does not expose it is the
 * observation instead (its errno, evidence.unreadable), as with the fixtures' sysctl_numbers_or_report.
 */
export function withSysctl(path: string, body: (text: string) => FfiObservation): FfiObservation {
  const sysctl = readSysctl(path);
  if ('errno' in sysctl) return observed({ value: null, errno: sysctl.errno, evidence: { unreadable: path } });
  return body(sysctl.text);
}
