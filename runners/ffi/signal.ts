// Single-process signal observations through libc, the FFI counterparts of c-fixtures/signal/
// cases of the same names. Node runs several threads, so a signal sent to "the process" could land
// on any of them: these probes block signals in the main thread only and direct every signal at
// that thread (pthread_kill, pthread_sigqueue), then collect them with sigtimedwait — the same
// kernel queue a handler would be fed from. Whatever is still pending is drained before the mask is
// restored, so nothing reaches Node's own handlers.
import { spawnSync } from 'node:child_process';
import { constants } from 'node:os';
import koffi from 'koffi';
import { type FfiProbeTable, ffiProbe, optionalParam, param } from './ffiProbe.js';
import { errnoOf, type FfiObservation, libcBindings, observed } from './libc.js';

// <signal.h> on Linux (glibc): mask operations, and the byte layout of the structures used here on
// 64-bit glibc (x86_64, aarch64).
const SIG_BLOCK = 0;
const SIG_UNBLOCK = 1;
const SIG_SETMASK = 2;
const UNDEFINED_HOW = 12345; // the C case's undefined `how`
const SIG_IGN = 1n;
const SIGSET_SIZE = 128;
const SIGINFO_SIZE = 128;
const SIGINFO_VALUE_OFFSET = 24; // si_value of the _rt member: after si_signo, si_errno, si_code, pad, si_pid, si_uid
const SIGACTION_SIZE = 152; // handler, sa_mask (128), sa_flags, sa_restorer

const signals = libcBindings((lib) => ({
  sigemptyset: lib.func('int sigemptyset(_Inout_ uint8_t *set)'),
  sigfillset: lib.func('int sigfillset(_Inout_ uint8_t *set)'),
  sigaddset: lib.func('int sigaddset(_Inout_ uint8_t *set, int sig)'),
  sigismember: lib.func('int sigismember(const uint8_t *set, int sig)'),
  sigprocmask: lib.func('int sigprocmask(int how, const uint8_t *set, _Inout_ uint8_t *old)'),
  sigpending: lib.func('int sigpending(_Inout_ uint8_t *set)'),
  sigtimedwait: lib.func('int sigtimedwait(const uint8_t *set, _Inout_ uint8_t *info, const uint8_t *timeout)'),
  sigaction: lib.func('int sigaction(int sig, const uint8_t *act, _Inout_ uint8_t *old)'),
  pthreadSelf: lib.func('uint64_t pthread_self()'),
  pthreadKill: lib.func('int pthread_kill(uint64_t thread, int sig)'),
  // union sigval is one 8-byte register on these ABIs; sival_int is its low half.
  pthreadSigqueue: lib.func('int pthread_sigqueue(uint64_t thread, int sig, intptr_t value)'),
  kill: lib.func('int kill(int pid, int sig)'),
  // union sigval passed as its 8-byte register, as for pthread_sigqueue.
  sigqueue: lib.func('int sigqueue(int pid, int sig, intptr_t value)'),
  sigwaitinfo: lib.func('int sigwaitinfo(const uint8_t *set, _Inout_ uint8_t *info)'),
  sigwait: lib.func('int sigwait(const uint8_t *set, _Out_ int *sig)'),
  raise: lib.func('int raise(int sig)'),
  sigrtmin: lib.func('int __libc_current_sigrtmin()'),
}));

const { SIGUSR1, SIGUSR2, SIGWINCH, SIGKILL, SIGSTOP } = constants.signals;

/** SIGRTMIN as this C library numbers it (glibc keeps the first few for itself). */
const sigrtmin = () => signals().sigrtmin() as number;

/** A signal's name the way the C fixtures print it ("SIGUSR1", "SIGRTMIN+2"). */
function signalName(sig: number): string {
  if (sig >= sigrtmin()) return `SIGRTMIN+${sig - sigrtmin()}`;
  const entry = Object.entries(constants.signals).find(([, number]) => number === sig);
  return entry ? entry[0] : `SIG${sig}`;
}

function parseSignalName(name: string): number {
  const realtime = /^SIGRTMIN\+(\d+)$/.exec(name);
  if (realtime) return sigrtmin() + Number(realtime[1]);
  const sig = (constants.signals as Record<string, number>)[name];
  if (sig === undefined) throw new Error(`'${name}' is not a signal name`);
  return sig;
}

function sigset(members: number[]): Buffer {
  const set = Buffer.alloc(SIGSET_SIZE);
  signals().sigemptyset(set);
  for (const sig of members) signals().sigaddset(set, sig);
  return set;
}

const isMember = (set: Buffer, sig: number) => signals().sigismember(set, sig) === 1;

/** One pending signal of `set` taken off the queue without waiting, or null when none is. */
function takePending(set: Buffer): { sig: number; value: number } | null {
  const info = Buffer.alloc(SIGINFO_SIZE);
  const sig = signals().sigtimedwait(set, info, Buffer.alloc(16)) as number; // a zero timeout
  return sig > 0 ? { sig, value: info.readInt32LE(SIGINFO_VALUE_OFFSET) } : null;
}

/** Every pending signal of `set`, in the order the kernel hands them out. */
function takeAllPending(set: Buffer): { sig: number; value: number }[] {
  const taken: { sig: number; value: number }[] = [];
  for (let next = takePending(set); next; next = takePending(set)) taken.push(next);
  return taken;
}

/** Runs body with `members` blocked in this thread; drains them and restores the mask afterwards. */
function withBlocked<T>(members: number[], body: (set: Buffer) => T): T {
  const set = sigset(members);
  const before = Buffer.alloc(SIGSET_SIZE);
  if (signals().sigprocmask(SIG_BLOCK, set, before) !== 0) throw new Error(`sigprocmask failed: ${errnoOf(-1)}`);
  try {
    return body(set);
  } finally {
    takeAllPending(set);
    signals().sigprocmask(SIG_SETMASK, before, null);
  }
}

function sendToThisThread(sig: number, value?: number): void {
  const self = signals().pthreadSelf();
  const result = value === undefined ? signals().pthreadKill(self, sig) : signals().pthreadSigqueue(self, sig, value);
  // pthread_* return the error number itself rather than setting errno.
  if (result !== 0) throw new Error(`sending ${signalName(sig)} failed with error ${result}`);
}

function countArg(count: string | undefined): number {
  const n = Number(count ?? '5');
  if (!Number.isInteger(n) || n < 0) throw new Error(`'${count}' is not a count`);
  return n;
}

/** Queues SIGRTMIN `count` times with the values 1..count while blocked, then takes them all. */
function queueRealtime(count: number) {
  return withBlocked([sigrtmin()], (set) => {
    for (let i = 1; i <= count; i++) sendToThisThread(sigrtmin(), i);
    return takeAllPending(set).map((taken) => taken.value);
  });
}

/** Sends each signal once (real-time ones queued) while all are blocked; returns the delivery order. */
function releaseTogether(sent: number[]): FfiObservation {
  return withBlocked(sent, (set) => {
    for (const sig of sent) sendToThisThread(sig, sig >= sigrtmin() ? sig : undefined);
    const order = takeAllPending(set).map((taken) => signalName(taken.sig));
    return observed({ value: order.join(','), evidence: { sent_order: sent.map(signalName).join(',') } });
  });
}

/** A timespec of `ms` milliseconds (two 64-bit fields). */
function timespec(ms: number): Buffer {
  const buffer = Buffer.alloc(16);
  buffer.writeBigInt64LE(BigInt(Math.floor(ms / 1000)), 0);
  buffer.writeBigInt64LE(BigInt((ms % 1000) * 1_000_000), 8);
  return buffer;
}

/** The mask as far as the C case's three signals go: "SIGUSR1,SIGUSR2,SIGWINCH", or "none". */
function watchedMask(mask: Buffer): string {
  const names = [SIGUSR1, SIGUSR2, SIGWINCH].filter((sig) => isMember(mask, sig)).map(signalName);
  return names.length ? names.join(',') : 'none';
}

/** One signal number the C case `invalid-signal` hands to each call, and the call itself. */
function callWithInvalidSignal(call: string): { sig: number; result: number } {
  const beyond = 64 + 1; // SIGRTMAX + 1 on Linux
  switch (call) {
    case 'kill':
      return { sig: beyond, result: signals().kill(process.pid, beyond) as number };
    case 'sigqueue':
      return { sig: beyond, result: signals().sigqueue(process.pid, beyond, 1) as number };
    case 'raise':
      return { sig: beyond, result: signals().raise(beyond) as number };
    case 'sigaction':
    case 'sigaction-zero': {
      const sig = call === 'sigaction' ? beyond : 0;
      const action = Buffer.alloc(SIGACTION_SIZE);
      action.writeBigUInt64LE(SIG_IGN, 0);
      return { sig, result: signals().sigaction(sig, action, null) as number };
    }
    default:
      throw new Error(`'${call}' is not kill, sigqueue, raise, sigaction or sigaction-zero`);
  }
}

const MASK_HOWS: Record<string, { how: number; withSet: boolean }> = {
  block: { how: SIG_BLOCK, withSet: true },
  unblock: { how: SIG_UNBLOCK, withSet: true },
  setmask: { how: SIG_SETMASK, withSet: true },
  old: { how: SIG_SETMASK, withSet: true },
  invalid: { how: UNDEFINED_HOW, withSet: true },
  query: { how: UNDEFINED_HOW, withSet: false },
};

/** Takes one signal of `set` with the named function (none is pending: it waits up to 2 s, sigwait for good). */
function takeWith(name: string, set: Buffer, info: Buffer): { sig: number; errno: string | null } {
  if (name === 'sigwait') {
    const out = [0];
    const error = signals().sigwait(set, out) as number;
    return error === 0 ? { sig: out[0] ?? -1, errno: null } : { sig: -1, errno: `error ${error}` };
  }
  if (name === 'sigwaitinfo' || name === 'sigtimedwait') {
    const sig = (name === 'sigwaitinfo' ? signals().sigwaitinfo(set, info) : signals().sigtimedwait(set, info, timespec(2000))) as number;
    return { sig, errno: errnoOf(sig) };
  }
  throw new Error(`'${name}' is not sigwait, sigwaitinfo or sigtimedwait`);
}

/** A handler that does nothing, for asking sigaction to catch a signal; made once per process. */
let noopHandler: bigint | undefined;
function noopHandlerAddress(): bigint {
  noopHandler ??= koffi.register(() => {}, koffi.pointer(koffi.proto('void NoopSignalHandler(int sig)')));
  return noopHandler;
}

function dispositionOf(sig: number): string {
  const now = Buffer.alloc(SIGACTION_SIZE);
  if (signals().sigaction(sig, null, now) !== 0) return errnoOf(-1) ?? 'unknown';
  const handler = now.readBigUInt64LE(0);
  return handler === 0n ? 'default' : handler === SIG_IGN ? 'ignore' : 'handler';
}

export const probes: FfiProbeTable = {
  'signal.standard-merged-while-blocked': ffiProbe([optionalParam('count', 'signals to send (default 5)')], ({ count }) => {
    const sent = countArg(count);
    return withBlocked([SIGUSR1], (set) => {
      for (let i = 0; i < sent; i++) sendToThisThread(SIGUSR1);
      const pending = Buffer.alloc(SIGSET_SIZE);
      signals().sigpending(pending);
      const delivered = takeAllPending(set).length;
      return observed({ value: delivered, evidence: { sent, pending_before_unblock: isMember(pending, SIGUSR1) } });
    });
  }),

  'signal.realtime-queued-while-blocked': ffiProbe([optionalParam('count', 'signals to queue (default 5)')], ({ count }) => {
    const sent = countArg(count);
    const values = queueRealtime(sent);
    return observed({ value: values.length, evidence: { sent, values: values.join(',') } });
  }),

  'signal.realtime-values-in-order': ffiProbe([optionalParam('count', 'signals to queue (default 5)')], ({ count }) => {
    const values = queueRealtime(countArg(count));
    return observed({ value: values.join(','), evidence: { deliveries: values.length } });
  }),

  'signal.lowest-realtime-first': () => releaseTogether([sigrtmin() + 5, sigrtmin() + 2, sigrtmin()]),

  'signal.standard-before-realtime': () => releaseTogether([sigrtmin(), SIGUSR1]),

  'signal.sigaction-refused': ffiProbe(
    [
      param('signal', "the signal's name (SIGKILL)"),
      param('action', 'catch or ignore'),
      optionalParam('report', 'return (default) or disposition-after'),
    ],
    ({ signal: name = '', action: mode = '', report = 'return' }) => {
      if (report !== 'return' && report !== 'disposition-after') throw new Error(`'${report}' is neither return nor disposition-after`);
      const sig = parseSignalName(name);
      if (mode !== 'catch' && mode !== 'ignore') throw new Error(`'${mode}' is neither catch nor ignore`);
      const action = Buffer.alloc(SIGACTION_SIZE); // empty sa_mask, no flags
      action.writeBigUInt64LE(mode === 'catch' ? noopHandlerAddress() : SIG_IGN, 0);
      const previous = Buffer.alloc(SIGACTION_SIZE);
      const result = signals().sigaction(sig, action, previous) as number;
      const errno = errnoOf(result);
      const disposition = dispositionOf(sig);
      // An accepted handler is a JS function the kernel might call from any thread: take it back.
      if (result === 0) signals().sigaction(sig, previous, null);
      if (report === 'disposition-after')
        return observed({
          value: disposition,
          evidence: { returned: result, errno_of_call: errno ?? 'none', disposition_after: disposition },
        });
      return observed({ value: result, errno, evidence: { disposition_after: disposition } });
    },
  ),

  'signal.sigprocmask-kill-stop': () => {
    const all = Buffer.alloc(SIGSET_SIZE);
    signals().sigfillset(all);
    const before = Buffer.alloc(SIGSET_SIZE);
    const now = Buffer.alloc(SIGSET_SIZE);
    const result = signals().sigprocmask(SIG_BLOCK, all, before) as number;
    const errno = errnoOf(result);
    signals().sigprocmask(SIG_BLOCK, null, now);
    signals().sigprocmask(SIG_SETMASK, before, null);
    const blocked = [SIGKILL, SIGSTOP].filter((sig) => isMember(now, sig)).length;
    return observed({
      value: result === 0 ? blocked : null,
      errno,
      evidence: {
        sigkill_blocked: isMember(now, SIGKILL),
        sigstop_blocked: isMember(now, SIGSTOP),
        sigusr1_blocked: isMember(now, SIGUSR1),
      },
    });
  },

  // The C case asks about a waiting child; a process cannot fork here, so it asks about itself.
  'signal.exists-live': () => {
    const result = signals().kill(process.pid, 0) as number;
    return observed({ value: result, errno: errnoOf(result) });
  },

  // The same parameter as the C case; the properties that vary the call are observed by C alone.
  'signal.exists-reaped': ffiProbe([optionalParam('call', 'kill (default): the call that sends the null signal')], ({ call = 'kill' }) => {
    if (call !== 'kill') throw new Error(`the FFI probe sends the null signal with kill only, not '${call}'`);
    // spawnSync returns only once the child has exited and been reaped.
    const child = spawnSync(process.execPath, ['-e', ''], { stdio: 'ignore' });
    if (!child.pid) throw new Error(`cannot start a child: ${child.error?.message ?? 'no pid'}`);
    const result = signals().kill(child.pid, 0) as number;
    return observed({ value: result, errno: errnoOf(result), evidence: { pid: child.pid } });
  }),

  // The same parameters as the C case; the FFI path applies `how` with sigprocmask only.
  'signal.sigprocmask-how': ffiProbe(
    [param('how', 'block, unblock, setmask, old, invalid or query'), optionalParam('function', 'sigprocmask (default)')],
    ({ how: mode = '', function: call = 'sigprocmask' }) => {
      if (call !== 'sigprocmask') throw new Error(`the FFI probe applies how with sigprocmask only, not '${call}'`);
      const plan = MASK_HOWS[mode];
      if (!plan) throw new Error(`'${mode}' is not block, unblock, setmask, old, invalid or query`);
      // Only this thread's mask changes, and only the three signals the case plays with: the rest of
      // what Node had blocked stays as it was, and everything is put back afterwards.
      const original = Buffer.alloc(SIGSET_SIZE);
      signals().sigprocmask(SIG_BLOCK, null, original);
      const start = Buffer.from(original);
      for (const sig of [SIGUSR1, SIGUSR2]) signals().sigaddset(start, sig);
      const startWithoutWinch = sigset([]);
      for (let sig = 1; sig <= 64; sig++) if (isMember(start, sig) && sig !== SIGWINCH) signals().sigaddset(startWithoutWinch, sig);
      signals().sigprocmask(SIG_SETMASK, startWithoutWinch, null);
      const old = sigset([]);
      const now = Buffer.alloc(SIGSET_SIZE);
      let result: number;
      let errno: string | null;
      try {
        result = signals().sigprocmask(plan.how, plan.withSet ? sigset([SIGUSR2, SIGWINCH]) : null, old) as number;
        errno = errnoOf(result);
        signals().sigprocmask(SIG_BLOCK, null, now);
      } finally {
        takeAllPending(sigset([SIGUSR1, SIGUSR2, SIGWINCH]));
        signals().sigprocmask(SIG_SETMASK, original, null);
      }
      const names = watchedMask(now);
      return observed({
        value: mode === 'old' ? watchedMask(old) : names,
        errno,
        evidence: { mask_after: names, old_mask: watchedMask(old), returned: result },
      });
    },
  ),

  'signal.invalid-signal': ffiProbe([param('call', 'kill, sigqueue, raise, sigaction or sigaction-zero')], ({ call = '' }) => {
    const { sig, result } = callWithInvalidSignal(call);
    return observed({ value: result, errno: errnoOf(result), evidence: { signal_number: sig, sigrtmax: 64 } });
  }),

  'signal.sigpending': ffiProbe([param('when', 'blocked or taken')], ({ when = '' }) => {
    if (when !== 'blocked' && when !== 'taken') throw new Error(`'${when}' is neither blocked nor taken`);
    return withBlocked([SIGUSR2], (set) => {
      sendToThisThread(SIGUSR2);
      if (when === 'taken' && !takePending(set)) throw new Error('the SIGUSR2 sent was not pending');
      const pending = Buffer.alloc(SIGSET_SIZE);
      const result = signals().sigpending(pending) as number;
      return observed({
        value: result === 0 ? isMember(pending, SIGUSR2) : null,
        errno: errnoOf(result),
        evidence: { returned: result },
      });
    });
  }),

  // The C case's helper process is replaced by sending to this thread first: the pending variant.
  'signal.wait-pending': ffiProbe([param('function', 'sigwait, sigwaitinfo or sigtimedwait')], ({ function: name = '' }) =>
    withBlocked([SIGUSR1], (set) => {
      sendToThisThread(SIGUSR1);
      const info = Buffer.alloc(SIGINFO_SIZE);
      const started = process.hrtime.bigint();
      const { sig, errno } = takeWith(name, set, info);
      const elapsed = Number(process.hrtime.bigint() - started);
      const pending = Buffer.alloc(SIGSET_SIZE);
      signals().sigpending(pending);
      const evidence: Record<string, string | boolean> = { still_pending_after: isMember(pending, SIGUSR1) };
      if (name !== 'sigwait') evidence.si_signo = sig > 0 ? signalName(info.readInt32LE(0)) : 'none';
      return observed({ value: sig > 0 ? signalName(sig) : sig, errno, elapsed_ns: elapsed, evidence });
    }),
  ),

  // The C cases send to the process; here every instance goes to this thread, whose queue the
  // waiting functions read first: the same merging and ordering rules apply to it.
  'signal.wait-leaves': ffiProbe(
    [param('kind', 'standard or realtime'), param('function', 'sigwait, sigwaitinfo or sigtimedwait')],
    ({ kind = '', function: name = '' }) => {
      if (kind !== 'standard' && kind !== 'realtime') throw new Error(`'${kind}' is neither standard nor realtime`);
      const sig = kind === 'realtime' ? sigrtmin() : SIGUSR1;
      return withBlocked([sig], (set) => {
        for (let i = 0; i < 3; i++) sendToThisThread(sig, kind === 'realtime' ? i : undefined);
        const taken = takeWith(name, set, Buffer.alloc(SIGINFO_SIZE));
        if (taken.sig !== sig) throw new Error(`${name} took ${taken.sig} (${taken.errno ?? 'no error'})`);
        const pending = Buffer.alloc(SIGSET_SIZE);
        signals().sigpending(pending);
        return observed({ value: isMember(pending, sig), evidence: { sent: 3, signal: signalName(sig) } });
      });
    },
  ),

  'signal.wait-order': ffiProbe([param('function', 'sigwait, sigwaitinfo or sigtimedwait')], ({ function: name = '' }) => {
    const sent = [sigrtmin() + 5, sigrtmin() + 2, sigrtmin()];
    return withBlocked(sent, (set) => {
      for (const sig of sent) sendToThisThread(sig, sig);
      const order: string[] = [];
      for (let i = 0; i < sent.length; i++) {
        const taken = takeWith(name, set, Buffer.alloc(SIGINFO_SIZE));
        if (taken.sig < 0) throw new Error(`${name} failed (${taken.errno ?? 'no error'})`);
        order.push(signalName(taken.sig));
      }
      return observed({ value: order.join(','), evidence: { sent_order: sent.map(signalName).join(',') } });
    });
  }),
};
