// Single-process POSIX message queue observations through libc, the FFI counterparts of
// c-fixtures/posix-mq/ cases of the same names. Each unlinks the queue it made and closes its
// descriptor, also when a call throws.
import { constants as fsConstants } from 'node:fs';
import koffi from 'koffi';
import { asFfiProbe, type FfiProbe, type FfiProbeTable, ffiProbe, optionalParam, param } from './ffiProbe.js';
import { probeName } from './ipc.js';
import {
  errnoName,
  errnoOf,
  type FfiObservation,
  libcBindings,
  O_CREAT,
  O_EXCL,
  O_NONBLOCK,
  O_RDONLY,
  O_RDWR,
  O_WRONLY,
  observed,
} from './libc.js';

const RLIMIT_MSGQUEUE = 12; // <sys/resource.h> on Linux
const SC_MQ_PRIO_MAX = 28; // _SC_MQ_PRIO_MAX in glibc's <bits/confname.h>
const NAME_MAX = 255; // <linux/limits.h>
// A flag bit other than O_NONBLOCK, which mq_setattr must refuse (as the fixture's UNKNOWN_FLAG).
const UNKNOWN_FLAG = fsConstants.O_APPEND;

// The attributes of the fixture's "small queue", so both paths make the same queue.
const SMALL_MAXMSG = 8;
const SMALL_MSGSIZE = 64;

// Type names are global to koffi, hence the prefix that keeps them apart from other mechanisms'.
const mq = libcBindings((lib) => {
  koffi.struct('posix_mq_attr', {
    mq_flags: 'long',
    mq_maxmsg: 'long',
    mq_msgsize: 'long',
    mq_curmsgs: 'long',
    reserved: koffi.array('long', 4),
  });
  koffi.struct('posix_mq_rlimit', { rlim_cur: 'uint64_t', rlim_max: 'uint64_t' });
  return {
    mq_open: lib.func('int mq_open(const char *name, int oflag, ...)'),
    mq_getattr: lib.func('int mq_getattr(int mqdes, _Out_ posix_mq_attr *attr)'),
    mq_setattr: lib.func('int mq_setattr(int mqdes, const posix_mq_attr *attr, _Out_ posix_mq_attr *oldattr)'),
    mq_notify: lib.func('int mq_notify(int mqdes, const void *sevp)'),
    mq_timedreceive: lib.func(
      'long mq_timedreceive(int mqdes, _Out_ uint8_t *msg, size_t len, _Out_ uint32_t *prio, const uint8_t *abs_timeout)',
    ),
    mq_timedsend: lib.func('int mq_timedsend(int mqdes, const uint8_t *msg, size_t len, uint32_t prio, const uint8_t *abs_timeout)'),
    sysconf: lib.func('long sysconf(int name)'),
    open: lib.func('int open(const char *path, int flags)'),
    close: lib.func('int close(int fd)'),
    mq_send: lib.func('int mq_send(int mqdes, const uint8_t *msg, size_t len, uint32_t prio)'),
    mq_receive: lib.func('long mq_receive(int mqdes, _Out_ uint8_t *msg, size_t len, _Out_ uint32_t *prio)'),
    mq_close: lib.func('int mq_close(int mqdes)'),
    mq_unlink: lib.func('int mq_unlink(const char *name)'),
    getrlimit: lib.func('int getrlimit(int resource, _Out_ posix_mq_rlimit *rlim)'),
    setrlimit: lib.func('int setrlimit(int resource, const posix_mq_rlimit *rlim)'),
  };
});

interface MqAttr {
  mq_flags: number;
  mq_maxmsg: number;
  mq_msgsize: number;
  mq_curmsgs: number;
}

/**
 * A step before the call under test failed. Like the fixture's setup_failed, the probe then reports
 * that errno with `failed_step` in the evidence instead of breaking: a runtime that lacks part of
 * the mechanism (gVisor answers mq_send with ENOSYS) diverges from the documentation.
 */
class SetupFailed extends Error {
  constructor(
    readonly step: string,
    readonly errno: string,
    /** Facts the property compares with, which a failed setup must still report. */
    readonly evidence: Record<string, number> = {},
  ) {
    super(`${step} failed: ${errno}`);
  }
}

/** Runs body; a SetupFailed it throws carries `evidence` too. */
function carrying(evidence: Record<string, number>, body: () => FfiObservation): FfiObservation {
  try {
    return body();
  } catch (error) {
    if (!(error instanceof SetupFailed)) throw error;
    throw new SetupFailed(error.step, error.errno, { ...error.evidence, ...evidence });
  }
}

/** Throws SetupFailed with the current errno when `result` is -1. */
function setupStep(result: number, step: string): number {
  if (result === -1) throw new SetupFailed(step, errnoName());
  return result;
}

/** The probe, with a failed setup step turned into its observation. */
function reportingSetupFailures(entry: FfiProbeTable[string]): FfiProbe {
  const probe = asFfiProbe(entry);
  return {
    params: probe.params,
    run: (args) => {
      try {
        return probe.run(args);
      } catch (error) {
        if (!(error instanceof SetupFailed)) throw error;
        return observed({ value: null, errno: error.errno, evidence: { ...error.evidence, failed_step: error.step } });
      }
    },
  };
}

/** A queue name unique to this process and tag, apart from the fixtures' own ("ffi-"). */
const queueName = (tag: string) => probeName(`ffi-${tag}`);

/** mq_open with O_CREAT: attr null asks for the defaults. Returns the descriptor or -1. */
function createQueue(name: string, flags: number, attr: Pick<MqAttr, 'mq_maxmsg' | 'mq_msgsize'> | null): number {
  const oflag = O_CREAT | O_EXCL | O_RDWR | flags;
  return attr
    ? (mq().mq_open(name, oflag, 'uint32_t', 0o600, 'posix_mq_attr *', { mq_flags: 0, mq_curmsgs: 0, ...attr }) as number)
    : (mq().mq_open(name, oflag, 'uint32_t', 0o600, 'void *', null) as number);
}

/** Runs body on a new queue and removes it afterwards; throws when the queue cannot be made. */
function withQueue(
  tag: string,
  flags: number,
  attr: Pick<MqAttr, 'mq_maxmsg' | 'mq_msgsize'> | null,
  body: (queue: number, name: string) => FfiObservation,
): FfiObservation {
  const name = queueName(tag);
  const queue = setupStep(createQueue(name, flags, attr), 'mq_open');
  try {
    return body(queue, name);
  } finally {
    mq().mq_close(queue);
    mq().mq_unlink(name);
  }
}

const withSmallQueue = (flags: number, body: (queue: number, name: string) => FfiObservation) =>
  withQueue('q', flags, { mq_maxmsg: SMALL_MAXMSG, mq_msgsize: SMALL_MSGSIZE }, body);

function attributesOf(queue: number): MqAttr {
  const attr = {} as MqAttr;
  setupStep(mq().mq_getattr(queue, attr) as number, 'mq_getattr');
  return attr;
}

function send(queue: number, text: string, priority = 0): number {
  const bytes = Buffer.from(text);
  return mq().mq_send(queue, bytes, bytes.length, priority) as number;
}

function sendOrThrow(queue: number, text: string, priority = 0): void {
  setupStep(send(queue, text, priority), 'mq_send');
}

/** One mq_receive into a buffer of the small queue's message size. */
function receive(queue: number): { n: number; errno: string | null; text: string; priority: number } {
  const buffer = Buffer.alloc(SMALL_MSGSIZE);
  const priority = [0];
  const n = Number(mq().mq_receive(queue, buffer, SMALL_MSGSIZE, priority));
  return { n, errno: errnoOf(n), text: buffer.subarray(0, Math.max(n, 0)).toString(), priority: priority[0]! };
}

/** Receives until the non-blocking queue is empty; returns the messages in the order they came. */
function drain(queue: number): { text: string; priority: number }[] {
  const messages: { text: string; priority: number }[] = [];
  for (;;) {
    const message = receive(queue);
    if (message.n < 0) {
      if (message.errno !== 'EAGAIN') throw new SetupFailed('mq_receive', message.errno ?? 'E0');
      return messages;
    }
    messages.push(message);
  }
}

const defaultAttributes = (report: 'mq_maxmsg' | 'mq_msgsize') =>
  withQueue('defaults', 0, null, (queue) => {
    const attr = attributesOf(queue);
    return observed({ value: attr[report], evidence: { mq_maxmsg: attr.mq_maxmsg, mq_msgsize: attr.mq_msgsize } });
  });

/** The four attributes as evidence (the struct's reserved words stay out). */
const attributeEvidence = (attr: MqAttr) => ({
  mq_flags: Number(attr.mq_flags),
  mq_maxmsg: Number(attr.mq_maxmsg),
  mq_msgsize: Number(attr.mq_msgsize),
  mq_curmsgs: Number(attr.mq_curmsgs),
});

/** mq_setattr with only mq_flags meant; returns the call's result and the previous attributes. */
function setFlags(queue: number, flags: number, extra: Partial<MqAttr> = {}): { result: number; old: MqAttr } {
  const old = {} as MqAttr;
  const wanted = { mq_flags: flags, mq_maxmsg: 0, mq_msgsize: 0, mq_curmsgs: 0, ...extra };
  return { result: mq().mq_setattr(queue, wanted, old) as number, old };
}

/** A struct timespec (64-bit glibc: two 64-bit fields) for a CLOCK_REALTIME instant. */
function timespec(seconds: number, nanoseconds: number): Buffer {
  const buffer = Buffer.alloc(16);
  buffer.writeBigInt64LE(BigInt(seconds), 0);
  buffer.writeBigInt64LE(BigInt(nanoseconds), 8);
  return buffer;
}

/** CLOCK_REALTIME now plus `seconds` (negative: in the past), as a struct timespec. */
function deadlineIn(seconds: number): Buffer {
  const now = Date.now();
  return timespec(Math.floor(now / 1000) + seconds, (now % 1000) * 1e6);
}

/** The deadline the fixture's "deadline" parameter names, like its deadline_named. */
function deadlineNamed(which: string | undefined): Buffer {
  const nowSeconds = Math.floor(Date.now() / 1000);
  const nowNanoseconds = (Date.now() % 1000) * 1e6;
  if (which === 'nsec-too-big') return timespec(nowSeconds + 1, 1_000_000_000);
  if (which === 'nsec-negative') return timespec(nowSeconds + 1, -1);
  if (which === 'past') return timespec(nowSeconds - 1, nowNanoseconds);
  throw new Error('DEADLINE is one of nsec-too-big, nsec-negative, past');
}

/** mq_timedreceive into a buffer of the small queue's message size. */
function timedReceive(queue: number, deadline: Buffer): { n: number; errno: string | null } {
  const n = Number(mq().mq_timedreceive(queue, Buffer.alloc(SMALL_MSGSIZE), SMALL_MSGSIZE, [0], deadline));
  return { n, errno: errnoOf(n) };
}

/** mq_open of an existing name with `oflag`; throws SetupFailed when refused. */
function reopen(name: string, oflag: number): number {
  return setupStep(mq().mq_open(name, oflag | O_NONBLOCK) as number, 'mq_open of the existing queue');
}

/** sysconf(_SC_MQ_PRIO_MAX), or SetupFailed. */
function mqPrioMax(): number {
  const limit = Number(mq().sysconf(SC_MQ_PRIO_MAX));
  if (!(limit > 0)) throw new SetupFailed('sysconf(_SC_MQ_PRIO_MAX)', errnoName());
  return limit;
}

/** "/" and NAME_MAX + 1 letters: one component longer than NAME_MAX. */
const overlongName = () => `/${'q'.repeat(NAME_MAX + 1)}`;

/** Creates `name` with attr and reports whether it opened and the errno (the case's own call). */
function createAttempt(
  name: string,
  attr: Pick<MqAttr, 'mq_maxmsg' | 'mq_msgsize'>,
  evidence: Record<string, number> = {},
): FfiObservation {
  try {
    const queue = createQueue(name, 0, attr);
    const errno = errnoOf(queue);
    if (queue !== -1) mq().mq_close(queue);
    return observed({ value: queue !== -1, errno, evidence });
  } finally {
    mq().mq_unlink(name);
  }
}

/** The curmsgs cases: sends three one-byte messages, receives `received`, reports mq_curmsgs. */
const curmsgsAfter = (received: number) =>
  carrying({ messages_sent: 3 }, () =>
    withSmallQueue(O_NONBLOCK, (queue) => {
      for (let i = 0; i < 3; i++) sendOrThrow(queue, 'm');
      for (let i = 0; i < received; i++) if (receive(queue).n < 0) throw new SetupFailed('mq_receive', errnoName());
      const attr = attributesOf(queue);
      return observed({ value: attr.mq_curmsgs, evidence: { messages_sent: 3, messages_received: received, ...attributeEvidence(attr) } });
    }),
  );

/** mq_receive into a buffer one byte smaller than the small queue's mq_msgsize. */
function receiveIntoSmallBuffer(queue: number): { n: number; errno: string | null } {
  const n = Number(mq().mq_receive(queue, Buffer.alloc(SMALL_MSGSIZE), SMALL_MSGSIZE - 1, [0]));
  return { n, errno: errnoOf(n) };
}

const unwrapped: FfiProbeTable = {
  'posix-mq.default-maxmsg': () => defaultAttributes('mq_maxmsg'),
  'posix-mq.default-msgsize': () => defaultAttributes('mq_msgsize'),

  'posix-mq.priority-order': () =>
    withSmallQueue(O_NONBLOCK, (queue) => {
      for (const priority of [2, 9, 0, 5]) sendOrThrow(queue, 'm', priority);
      const received = drain(queue).map((m) => m.priority);
      return observed({ value: received.join(','), evidence: { sent_priorities: '2,9,0,5' } });
    }),

  'posix-mq.fifo-within-priority': () =>
    withSmallQueue(O_NONBLOCK, (queue) => {
      const sent: [string, number][] = [
        ['a1', 4],
        ['b1', 2],
        ['a2', 4],
        ['b2', 2],
        ['a3', 4],
      ];
      for (const [text, priority] of sent) sendOrThrow(queue, text, priority);
      return observed({
        value: drain(queue)
          .map((m) => m.text)
          .join(','),
        evidence: { sent: 'a1@4,b1@2,a2@4,b2@2,a3@4' },
      });
    }),

  'posix-mq.boundaries': () =>
    withSmallQueue(O_NONBLOCK, (queue) => {
      sendOrThrow(queue, 'abc');
      sendOrThrow(queue, 'defg');
      const first = receive(queue);
      return observed({ value: first.n, errno: first.errno, evidence: { data: first.text, buffer: SMALL_MSGSIZE } });
    }),

  'posix-mq.send-oversized': () =>
    withSmallQueue(O_NONBLOCK, (queue) => {
      const { mq_msgsize } = attributesOf(queue); // setup steps come before the call under test
      const result = send(queue, 'x'.repeat(SMALL_MSGSIZE + 1));
      return observed({ value: result, errno: errnoOf(result), evidence: { mq_msgsize, message_bytes: SMALL_MSGSIZE + 1 } });
    }),

  'posix-mq.send-full-nonblocking': () =>
    withSmallQueue(O_NONBLOCK, (queue) => {
      let accepted = 0;
      // A queue that never refuses would loop forever; far above any mq_maxmsg this queue can have.
      while (accepted < 100_000 && send(queue, 'x') === 0) accepted++;
      const refused = accepted < 100_000 ? errnoName() : null;
      return observed({ value: accepted, errno: refused, evidence: { requested_maxmsg: SMALL_MAXMSG } });
    }),

  'posix-mq.receive-empty-nonblocking': () =>
    withSmallQueue(O_NONBLOCK, (queue) => {
      const { n, errno } = receive(queue);
      return observed({ value: n, errno });
    }),

  'posix-mq.open-after-unlink': () =>
    withSmallQueue(0, (_queue, name) => {
      // A plain Error, not SetupFailed: an ENOENT here would read as the errno the property expects.
      if (mq().mq_unlink(name) !== 0) throw new Error(`mq_unlink failed: ${errnoName()}`);
      const again = mq().mq_open(name, O_RDONLY) as number;
      const errno = errnoOf(again);
      if (again !== -1) mq().mq_close(again);
      return observed({ value: again !== -1, errno });
    }),

  'posix-mq.unlinked-queue-still-usable': () =>
    withSmallQueue(O_NONBLOCK, (queue, name) => {
      sendOrThrow(queue, 'kept');
      setupStep(mq().mq_unlink(name) as number, 'mq_unlink');
      const message = receive(queue);
      return observed({ value: message.n < 0 ? null : message.text, errno: message.errno });
    }),

  'posix-mq.rlimit-msgqueue-exceeded': ffiProbe(
    [optionalParam('maxmsg', 'mq_maxmsg of the queue (default 4)'), optionalParam('msgsize', 'mq_msgsize of the queue (default 4096)')],
    ({ maxmsg: maxmsgArg = '4', msgsize: msgsizeArg = '4096' }) => {
      const attr = { mq_maxmsg: Number(maxmsgArg), mq_msgsize: Number(msgsizeArg) };
      if (!(attr.mq_maxmsg >= 1 && attr.mq_msgsize >= 2)) throw new Error('rlimit-msgqueue-exceeded needs MAXMSG ≥ 1 and MSGSIZE ≥ 2');
      const requested = attr.mq_maxmsg * attr.mq_msgsize;
      const original = { rlim_cur: 0n, rlim_max: 0n };
      setupStep(mq().getrlimit(RLIMIT_MSGQUEUE, original) as number, 'getrlimit(RLIMIT_MSGQUEUE)');
      // Only the soft limit is lowered, and restored before returning: this process may raise it again.
      const lowered = { rlim_cur: BigInt(Math.floor(requested / 2)), rlim_max: original.rlim_max };
      setupStep(mq().setrlimit(RLIMIT_MSGQUEUE, lowered) as number, 'setrlimit(RLIMIT_MSGQUEUE)');
      const name = queueName('rlimit');
      try {
        const now = { rlim_cur: 0n, rlim_max: 0n };
        mq().getrlimit(RLIMIT_MSGQUEUE, now);
        const queue = createQueue(name, 0, attr);
        const errno = errnoOf(queue);
        if (queue !== -1) mq().mq_close(queue);
        return observed({
          value: queue !== -1,
          errno,
          evidence: { rlimit_msgqueue: Number(now.rlim_cur), requested_bytes: requested, ...attr },
        });
      } finally {
        mq().mq_unlink(name);
        mq().setrlimit(RLIMIT_MSGQUEUE, original);
      }
    },
  ),

  'posix-mq.getattr-maxmsg': () =>
    carrying({ requested_maxmsg: SMALL_MAXMSG }, () =>
      withSmallQueue(0, (queue) => {
        const attr = attributesOf(queue);
        return observed({ value: attr.mq_maxmsg, evidence: { requested_maxmsg: SMALL_MAXMSG, ...attributeEvidence(attr) } });
      }),
    ),

  'posix-mq.getattr-msgsize': () =>
    carrying({ requested_msgsize: SMALL_MSGSIZE }, () =>
      withSmallQueue(0, (queue) => {
        const attr = attributesOf(queue);
        return observed({ value: attr.mq_msgsize, evidence: { requested_msgsize: SMALL_MSGSIZE, ...attributeEvidence(attr) } });
      }),
    ),

  'posix-mq.getattr-curmsgs': () => curmsgsAfter(0),
  'posix-mq.curmsgs-after-receive': () => curmsgsAfter(1),

  'posix-mq.getattr-nonblock-flag': () =>
    withSmallQueue(O_NONBLOCK, (queue) => {
      const attr = attributesOf(queue);
      return observed({ value: (attr.mq_flags & O_NONBLOCK) !== 0, evidence: { ...attributeEvidence(attr) } });
    }),

  'posix-mq.setattr-sets-nonblock': () =>
    withSmallQueue(0, (queue) => {
      const { result } = setFlags(queue, O_NONBLOCK);
      if (result !== 0) return observed({ value: null, errno: errnoName() });
      // Node cannot be interrupted by a guard timer: a deadline 1 s away bounds a receive that
      // blocks anyway, which then ends in ETIMEDOUT and disagrees with the fixture.
      const now = Date.now();
      const { n, errno } = timedReceive(queue, timespec(Math.floor(now / 1000) + 1, (now % 1000) * 1e6));
      return observed({ value: n, errno });
    }),

  'posix-mq.setattr-clears-nonblock': () =>
    withSmallQueue(O_NONBLOCK, (queue) => {
      if (setFlags(queue, 0).result !== 0) return observed({ value: null, errno: errnoName() });
      const attr = attributesOf(queue);
      return observed({ value: (attr.mq_flags & O_NONBLOCK) !== 0, evidence: { ...attributeEvidence(attr) } });
    }),

  'posix-mq.setattr-ignores-sizes': () =>
    withSmallQueue(O_NONBLOCK, (queue) => {
      if (setFlags(queue, O_NONBLOCK, { mq_maxmsg: 2, mq_msgsize: 16, mq_curmsgs: 5 }).result !== 0)
        return observed({ value: null, errno: errnoName() });
      const attr = attributesOf(queue);
      return observed({
        value: `${attr.mq_maxmsg},${attr.mq_msgsize},${attr.mq_curmsgs}`,
        evidence: { asked: 'mq_maxmsg 2, mq_msgsize 16, mq_curmsgs 5', ...attributeEvidence(attr) },
      });
    }),

  'posix-mq.setattr-returns-old': () =>
    withSmallQueue(O_NONBLOCK, (queue) => {
      sendOrThrow(queue, 'm');
      const { result, old } = setFlags(queue, 0);
      if (result !== 0) return observed({ value: null, errno: errnoName() });
      const flags = old.mq_flags & O_NONBLOCK ? 'O_NONBLOCK' : '0';
      return observed({ value: `${flags},${old.mq_maxmsg},${old.mq_msgsize},${old.mq_curmsgs}`, evidence: attributeEvidence(old) });
    }),

  'posix-mq.send-priority-at-prio-max': () => {
    const limit = mqPrioMax();
    return withSmallQueue(O_NONBLOCK, (queue) => {
      const result = send(queue, 'm', limit);
      return observed({ value: result, errno: errnoOf(result), evidence: { mq_prio_max: limit } });
    });
  },

  'posix-mq.send-highest-priority': () => {
    const limit = mqPrioMax();
    return carrying({ highest_priority: limit - 1 }, () =>
      withSmallQueue(O_NONBLOCK, (queue) => {
        if (send(queue, 'm', limit - 1) !== 0)
          return observed({ value: null, errno: errnoName(), evidence: { highest_priority: limit - 1 } });
        const message = receive(queue);
        if (message.n < 0) throw new SetupFailed('mq_receive', message.errno ?? 'E0');
        return observed({ value: message.priority, evidence: { mq_prio_max: limit, highest_priority: limit - 1 } });
      }),
    );
  },

  'posix-mq.receive-small-buffer': () =>
    withSmallQueue(O_NONBLOCK, (queue) => {
      sendOrThrow(queue, 'abc');
      const { n, errno } = receiveIntoSmallBuffer(queue);
      const attr = attributesOf(queue);
      return observed({
        value: n,
        errno,
        evidence: { buffer: SMALL_MSGSIZE - 1, mq_msgsize: attr.mq_msgsize, curmsgs_after: attr.mq_curmsgs },
      });
    }),

  'posix-mq.failed-receive-keeps-message': () =>
    withSmallQueue(O_NONBLOCK, (queue) => {
      sendOrThrow(queue, 'abc');
      const { n, errno } = receiveIntoSmallBuffer(queue);
      const attr = attributesOf(queue);
      return observed({ value: n < 0 ? attr.mq_curmsgs : null, evidence: { receive_errno: errno ?? 'none', messages_sent: 1 } });
    }),

  'posix-mq.send-exactly-msgsize': () =>
    withSmallQueue(O_NONBLOCK, (queue) => {
      const result = send(queue, 'x'.repeat(SMALL_MSGSIZE));
      return observed({ value: result, errno: errnoOf(result), evidence: { message_bytes: SMALL_MSGSIZE } });
    }),

  'posix-mq.send-on-read-only': () =>
    withSmallQueue(O_NONBLOCK, (_queue, name) => {
      const reader = reopen(name, O_RDONLY);
      try {
        const result = send(reader, 'm');
        return observed({ value: result, errno: errnoOf(result) });
      } finally {
        mq().mq_close(reader);
      }
    }),

  'posix-mq.receive-on-write-only': () =>
    withSmallQueue(O_NONBLOCK, (queue, name) => {
      sendOrThrow(queue, 'm');
      const writer = reopen(name, O_WRONLY);
      try {
        const { n, errno } = receive(writer);
        return observed({ value: n, errno });
      } finally {
        mq().mq_close(writer);
      }
    }),

  'posix-mq.create-exclusive-existing': () =>
    withSmallQueue(O_NONBLOCK, (_queue, name) => {
      const again = createQueue(name, 0, { mq_maxmsg: SMALL_MAXMSG, mq_msgsize: SMALL_MSGSIZE });
      const errno = errnoOf(again);
      if (again !== -1) mq().mq_close(again);
      return observed({ value: again !== -1, errno });
    }),

  'posix-mq.open-missing': () => {
    const name = queueName('never-made');
    try {
      const queue = mq().mq_open(name, O_RDWR) as number;
      const errno = errnoOf(queue);
      if (queue !== -1) mq().mq_close(queue);
      return observed({ value: queue !== -1, errno });
    } finally {
      mq().mq_unlink(name);
    }
  },

  'posix-mq.creat-existing-opens-it': () =>
    withSmallQueue(O_NONBLOCK, (queue, name) => {
      sendOrThrow(queue, 'first');
      const again = mq().mq_open(name, O_CREAT | O_RDWR | O_NONBLOCK, 'uint32_t', 0o600, 'posix_mq_attr *', {
        mq_flags: 0,
        mq_maxmsg: 2,
        mq_msgsize: 16,
        mq_curmsgs: 0,
      }) as number;
      if (again === -1) return observed({ value: null, errno: errnoName() });
      try {
        const attr = attributesOf(again);
        return observed({ value: attr.mq_curmsgs, evidence: { mq_maxmsg: attr.mq_maxmsg, mq_msgsize: attr.mq_msgsize, messages_sent: 1 } });
      } finally {
        mq().mq_close(again);
      }
    }),

  'posix-mq.open-name-too-long': () =>
    createAttempt(overlongName(), { mq_maxmsg: SMALL_MAXMSG, mq_msgsize: SMALL_MSGSIZE }, { name_bytes: NAME_MAX + 1, name_max: NAME_MAX }),

  'posix-mq.unlink-name-too-long': () => {
    const result = mq().mq_unlink(overlongName()) as number;
    return observed({ value: result, errno: errnoOf(result), evidence: { name_max: NAME_MAX } });
  },

  'posix-mq.unlink-missing': () => {
    const result = mq().mq_unlink(queueName('never-made')) as number;
    return observed({ value: result, errno: errnoOf(result) });
  },

  'posix-mq.maxmsg-zero': () => createAttempt(queueName('zero'), { mq_maxmsg: 0, mq_msgsize: SMALL_MSGSIZE }),

  'posix-mq.call-on-non-queue': ffiProbe([param('call', 'mq_getattr, mq_setattr, mq_notify or mq_send')], ({ call }) => {
    const calls: Record<string, (fd: number) => number> = {
      mq_getattr: (fd) => mq().mq_getattr(fd, {}) as number,
      mq_setattr: (fd) => mq().mq_setattr(fd, { mq_flags: 0, mq_maxmsg: 0, mq_msgsize: 0, mq_curmsgs: 0 }, null) as number,
      mq_notify: (fd) => mq().mq_notify(fd, null) as number,
      mq_send: (fd) => send(fd, 'm'),
    };
    const attempt = calls[call];
    if (!attempt) throw new Error('CALL is one of mq_getattr, mq_setattr, mq_notify, mq_send');
    const fd = setupStep(mq().open('/dev/null', O_RDWR) as number, 'open /dev/null');
    try {
      const result = attempt(fd);
      return observed({ value: result, errno: errnoOf(result), evidence: { call } });
    } finally {
      mq().close(fd);
    }
  }),

  'posix-mq.timedreceive-deadline': ffiProbe(
    [param('deadline', 'nsec-too-big (tv_nsec 1e9), nsec-negative (tv_nsec -1) or past (one second ago)')],
    ({ deadline }) => {
      const when = deadlineNamed(deadline);
      return withSmallQueue(0, (queue) => {
        const started = process.hrtime.bigint();
        const { n, errno } = timedReceive(queue, when);
        return observed({ value: n, errno, elapsed_ns: Number(process.hrtime.bigint() - started), evidence: { deadline } });
      });
    },
  ),

  'posix-mq.timedreceive-nonblocking-empty': () =>
    withSmallQueue(O_NONBLOCK, (queue) => {
      const now = Date.now();
      const started = process.hrtime.bigint();
      const { n, errno } = timedReceive(queue, timespec(Math.floor(now / 1000) + 1, (now % 1000) * 1e6));
      return observed({ value: n, errno, elapsed_ns: Number(process.hrtime.bigint() - started) });
    }),

  'posix-mq.timedreceive-refused': ffiProbe([param('condition', 'small-buffer or write-only')], ({ condition }) =>
    withSmallQueue(O_NONBLOCK, (queue, name) => {
      sendOrThrow(queue, 'abc');
      if (condition !== 'small-buffer' && condition !== 'write-only') throw new Error('CONDITION is small-buffer or write-only');
      const target = condition === 'write-only' ? reopen(name, O_WRONLY) : queue;
      try {
        const size = condition === 'small-buffer' ? SMALL_MSGSIZE - 1 : SMALL_MSGSIZE;
        const n = Number(mq().mq_timedreceive(target, Buffer.alloc(SMALL_MSGSIZE), size, [0], deadlineIn(1)));
        return observed({ value: n, errno: errnoOf(n), evidence: { condition } });
      } finally {
        if (target !== queue) mq().mq_close(target);
      }
    }),
  ),

  'posix-mq.timedsend-refused': ffiProbe([param('condition', 'oversized, read-only, prio-max or full-nonblocking')], ({ condition }) =>
    withSmallQueue(O_NONBLOCK, (queue, name) => {
      let target = queue;
      let length = 1;
      let priority = 0;
      const evidence: Record<string, string | number> = { condition };
      if (condition === 'oversized') length = SMALL_MSGSIZE + 1;
      else if (condition === 'read-only') target = reopen(name, O_RDONLY);
      else if (condition === 'prio-max') {
        priority = mqPrioMax();
        evidence.mq_prio_max = priority;
      } else if (condition === 'full-nonblocking') for (let i = 0; i < SMALL_MAXMSG; i++) sendOrThrow(queue, 'x');
      else throw new Error('CONDITION is oversized, read-only, prio-max or full-nonblocking');
      try {
        const bytes = Buffer.alloc(length, 'x');
        const result = mq().mq_timedsend(target, bytes, length, priority, deadlineIn(1)) as number;
        return observed({ value: result, errno: errnoOf(result), evidence });
      } finally {
        if (target !== queue) mq().mq_close(target);
      }
    }),
  ),

  'posix-mq.timedreceive-past-deadline-with-message': () =>
    withSmallQueue(O_NONBLOCK, (queue) => {
      sendOrThrow(queue, 'low', 1);
      sendOrThrow(queue, 'high', 7);
      const buffer = Buffer.alloc(SMALL_MSGSIZE);
      const priority = [0];
      const n = Number(mq().mq_timedreceive(queue, buffer, SMALL_MSGSIZE, priority, deadlineIn(-1)));
      const seen = n < 0 ? null : `${buffer.subarray(0, n).toString()}@${priority[0]}`;
      return observed({ value: seen, errno: errnoOf(n), evidence: { sent: 'low@1,high@7' } });
    }),

  'posix-mq.timedsend-past-deadline-with-room': () =>
    withSmallQueue(O_NONBLOCK, (queue) => {
      const result = mq().mq_timedsend(queue, Buffer.from('x'), 1, 0, deadlineIn(-1)) as number;
      const errno = errnoOf(result);
      return observed({ value: result, errno, evidence: { curmsgs_after: attributesOf(queue).mq_curmsgs } });
    }),

  'posix-mq.timedsend-priority-order': () =>
    withSmallQueue(O_NONBLOCK, (queue) => {
      for (const priority of [2, 9, 0, 5])
        setupStep(mq().mq_timedsend(queue, Buffer.from('m'), 1, priority, deadlineIn(1)) as number, 'mq_timedsend');
      const received = drain(queue).map((m) => m.priority);
      return observed({ value: received.join(','), evidence: { sent_priorities: '2,9,0,5' } });
    }),

  'posix-mq.read-write-both-ways': () =>
    withSmallQueue(O_NONBLOCK, (_queue, name) => {
      const both = reopen(name, O_RDWR);
      try {
        const sent = send(both, 'both');
        if (sent !== 0) return observed({ value: null, errno: errnoName(), evidence: { failed_call: 'mq_send' } });
        const message = receive(both);
        return observed({ value: message.n < 0 ? null : message.text, errno: message.errno });
      } finally {
        mq().mq_close(both);
      }
    }),

  'posix-mq.setattr-unknown-flag': () =>
    withSmallQueue(0, (queue) => {
      const { result } = setFlags(queue, O_NONBLOCK | UNKNOWN_FLAG);
      const errno = errnoOf(result);
      const after = attributesOf(queue);
      return observed({ value: result, errno, evidence: { nonblock_after: (after.mq_flags & O_NONBLOCK) !== 0 } });
    }),

  'posix-mq.failed-setattr-changes-nothing': () =>
    withSmallQueue(0, (queue) => {
      const { result } = setFlags(queue, O_NONBLOCK | UNKNOWN_FLAG);
      const errno = errnoOf(result);
      const after = attributesOf(queue);
      return observed({
        value: result < 0 ? (after.mq_flags & O_NONBLOCK) !== 0 : null,
        evidence: { setattr_errno: errno ?? 'none', ...attributeEvidence(after) },
      });
    }),
};

export const probes: FfiProbeTable = Object.fromEntries(
  Object.entries(unwrapped).map(([id, probe]) => [id, reportingSetupFailures(probe)]),
);
