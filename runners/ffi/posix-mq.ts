// Single-process POSIX message queue observations through libc, the FFI counterparts of
// c-fixtures/posix-mq/ cases of the same names. Each unlinks the queue it made and closes its
// descriptor, also when a call throws.
import koffi from 'koffi';
import { asFfiProbe, type FfiProbe, type FfiProbeTable, ffiProbe, optionalParam } from './ffiProbe.js';
import { probeName } from './ipc.js';
import { errnoName, errnoOf, type FfiObservation, libcBindings, O_CREAT, O_EXCL, O_NONBLOCK, O_RDONLY, O_RDWR, observed } from './libc.js';

const RLIMIT_MSGQUEUE = 12; // <sys/resource.h> on Linux

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
  ) {
    super(`${step} failed: ${errno}`);
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
        return observed({ value: null, errno: error.errno, evidence: { failed_step: error.step } });
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
};

export const probes: FfiProbeTable = Object.fromEntries(
  Object.entries(unwrapped).map(([id, probe]) => [id, reportingSetupFailures(probe)]),
);
