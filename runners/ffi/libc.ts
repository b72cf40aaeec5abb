// koffi bindings to libc for single-process observations. Symbols are resolved through the
// process's global scope (koffi.load(null)), exactly as a C program's calls would be, so an
// LD_PRELOAD fault shim reaches this path as it reaches the C fixtures.

import { constants as fsConstants, readFileSync } from 'node:fs';
import { constants } from 'node:os';
import koffi from 'koffi';
import type { Observation, ObservedValue } from '../core/observation.js';

/** Linux fcntl commands (fcntl(2), <linux/fcntl.h>); open flags come from Node's own table. */
export const F_SETPIPE_SZ = 1031;
export const F_GETPIPE_SZ = 1032;
export const { O_RDONLY, O_WRONLY, O_RDWR, O_NONBLOCK, O_CREAT, O_EXCL } = fsConstants;
export const PC_PIPE_BUF = 5; // _PC_PIPE_BUF in glibc's <bits/confname.h>

function bind() {
  const lib = koffi.load(null);
  return {
    pipe2: lib.func('int pipe2(_Inout_ int *fds, int flags)'),
    fcntl: lib.func('int fcntl(int fd, int cmd, ...)'),
    read: lib.func('long read(int fd, _Out_ uint8_t *buf, size_t count)'),
    write: lib.func('long write(int fd, const uint8_t *buf, size_t count)'),
    close: lib.func('int close(int fd)'),
    open: lib.func('int open(const char *path, int flags, ...)'),
    mkfifo: lib.func('int mkfifo(const char *path, uint32_t mode)'),
    umask: lib.func('uint32_t umask(uint32_t mask)'),
    fpathconf: lib.func('long fpathconf(int fd, int name)'),
  };
}

let bound: ReturnType<typeof bind> | undefined;

/** The bound libc functions; koffi is loaded on first use so listing probes stays cheap. */
export function libc(): ReturnType<typeof bind> {
  bound ??= bind();
  return bound;
}

/**
 * Lazily bound libc functions of one mechanism's FFI probes, declared in that mechanism's own file:
 * `const sysv = libcBindings((lib) => ({ msgget: lib.func('int msgget(int key, int flags)') }));`
 * then `sysv().msgget(…)`. Binding happens on first use, like libc().
 */
export function libcBindings<T>(declare: (lib: ReturnType<typeof koffi.load>) => T): () => T {
  let functions: T | undefined;
  return () => (functions ??= declare(koffi.load(null)));
}

// Aliases share a number (EAGAIN/EWOULDBLOCK); the first name, the one the fixtures print, wins.
const ERRNO_NAMES = new Map<number, string>();
for (const [name, code] of Object.entries(constants.errno)) if (!ERRNO_NAMES.has(code)) ERRNO_NAMES.set(code, name);

/** The current errno as a name ("EAGAIN"), the way the C fixtures report it. */
export function errnoName(): string {
  const code = koffi.errno();
  return ERRNO_NAMES.get(code) ?? `E${code}`;
}

/** The errno name when `result` signals failure (-1), otherwise null. */
export function errnoOf(result: number): string | null {
  return result === -1 ? errnoName() : null;
}

/** An FFI probe's observation: the protocol's fields without the probe label. */
export type FfiObservation = Omit<Observation, 'probe'>;

/** Builds an observation with the protocol's defaults. */
export function observed(fields: Partial<FfiObservation> & { value: ObservedValue }): FfiObservation {
  return { errno: null, signal: null, elapsed_ns: null, delay_ns: null, evidence: {}, ...fields };
}

/** Makes a pipe with pipe2(flags) and returns [readEnd, writeEnd]; throws when pipe2 fails. */
export function makePipe(flags = 0): [number, number] {
  const fds = new Int32Array(2);
  if (libc().pipe2(fds, flags) !== 0) throw new Error(`pipe2 failed: ${errnoName()}`);
  return [fds[0]!, fds[1]!];
}

/** Closes every descriptor given, ignoring ones already closed. */
export function closeAll(...fds: number[]): void {
  for (const fd of fds) if (fd >= 0) libc().close(fd);
}

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
