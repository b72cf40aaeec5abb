// Single-process System V message queue observations through libc, the FFI counterparts of
// c-fixtures/sysv-msg/ cases of the same names. Each removes the queue it made, also when a
// call throws.

import { type FfiProbeTable, ffiProbe, param } from './ffiProbe.js';
import { IPC_CREAT, IPC_EXCL, IPC_NOWAIT, IPC_RMID, IPC_SET, IPC_STAT, probeKey } from './ipc.js';
import { errnoOf, type FfiObservation, libcBindings, observed, readSysctl, withSysctl } from './libc.js';

// <sys/msg.h> (Linux, glibc).
const MSG_NOERROR = 0o10000;

// struct msqid_ds on 64-bit glibc (x86_64, aarch64): the fields the probes read, by byte offset.
const MSQID_DS_SIZE = 120;
const MSG_QNUM_OFFSET = 80;
const MSG_QBYTES_OFFSET = 88;
// A message is a long type followed by the text (struct msgbuf).
const MTYPE_SIZE = 8;

const MSGMAX_PATH = '/proc/sys/kernel/msgmax';
const MSGMNB_PATH = '/proc/sys/kernel/msgmnb';
// Sends a fill may make before it stops trusting the queue to ever refuse one.
const FILL_SEND_LIMIT = 65536;

const sysv = libcBindings((lib) => ({
  msgget: lib.func('int msgget(int key, int msgflg)'),
  msgsnd: lib.func('int msgsnd(int msqid, const uint8_t *msgp, size_t msgsz, int msgflg)'),
  msgrcv: lib.func('long msgrcv(int msqid, _Out_ uint8_t *msgp, size_t msgsz, long msgtyp, int msgflg)'),
  msgctl: lib.func('int msgctl(int msqid, int cmd, _Inout_ uint8_t *buf)'),
}));

/** Runs `body` on a new 0600 queue and removes the queue afterwards (already removed is fine). */
function withQueue(body: (queue: number) => FfiObservation): FfiObservation {
  const queue = sysv().msgget(probeKey(), IPC_CREAT | IPC_EXCL | 0o600) as number;
  if (queue < 0) throw new Error(`msgget(IPC_CREAT|IPC_EXCL) failed: ${errnoOf(queue)}`);
  try {
    return body(queue);
  } finally {
    sysv().msgctl(queue, IPC_RMID, null);
  }
}

function stat(queue: number): Buffer {
  const status = Buffer.alloc(MSQID_DS_SIZE);
  if (sysv().msgctl(queue, IPC_STAT, status) !== 0) throw new Error(`msgctl(IPC_STAT) failed: ${errnoOf(-1)}`);
  return status;
}
const qbytesOf = (queue: number) => Number(stat(queue).readBigUInt64LE(MSG_QBYTES_OFFSET));
const qnumOf = (queue: number) => Number(stat(queue).readBigUInt64LE(MSG_QNUM_OFFSET));

/** msgsnd of `text` (or `size` bytes of 'm') with type `type`; returns msgsnd's result. */
function send(queue: number, type: number, text: string | number, flags = IPC_NOWAIT): number {
  const body = typeof text === 'string' ? Buffer.from(text) : Buffer.alloc(text, 0x6d);
  const message = Buffer.alloc(MTYPE_SIZE + body.length);
  message.writeBigInt64LE(BigInt(type));
  body.copy(message, MTYPE_SIZE);
  return sysv().msgsnd(queue, message, body.length, flags) as number;
}

/** msgrcv into a `size`-byte text buffer; the result, errno, type and text received. */
function receive(queue: number, msgtyp: number, size: number, flags = IPC_NOWAIT) {
  const message = Buffer.alloc(MTYPE_SIZE + size);
  const result = Number(sysv().msgrcv(queue, message, size, msgtyp, flags));
  const errno = errnoOf(result);
  return {
    result,
    errno,
    type: Number(message.readBigInt64LE()),
    text: message.subarray(MTYPE_SIZE, MTYPE_SIZE + Math.max(result, 0)).toString(),
  };
}

/** Runs `body` with kernel.msgmax, or reports that it is unreadable, as the C probe does. */
const withMsgmax = (body: (msgmax: number) => FfiObservation) => withSysctl(MSGMAX_PATH, (text) => body(Number(text)));

/** IPC_NOWAIT sends of `size` bytes until one is refused or the budget runs out. */
function sendUntilRefused(queue: number, size: number, budget: { left: number }) {
  let accepted = 0;
  let messages = 0;
  while (budget.left-- > 0) {
    const result = send(queue, 1, size);
    if (result !== 0) return { accepted, messages, errno: errnoOf(result) };
    accepted += size;
    messages++;
  }
  return { accepted, messages, errno: null };
}

/**
 * Fills the queue as the C probe's msg_queue_fill does: the largest messages the queue and the
 * kernel allow, then the room left as one message, then single bytes until refused.
 */
function fillQueue(queue: number, msgmax: number): FfiObservation {
  const qbytes = qbytesOf(queue);
  const size = Math.min(qbytes, msgmax);
  const budget = { left: FILL_SEND_LIMIT };
  const large = sendUntilRefused(queue, size, budget);
  let accepted = large.accepted;
  let messages = large.messages;
  const rest = qbytes - accepted;
  if (rest > 0 && rest < size && send(queue, 1, rest) === 0) {
    accepted += rest;
    messages++;
  }
  const bytes = sendUntilRefused(queue, 1, budget);
  return observed({
    value: accepted + bytes.accepted,
    errno: bytes.errno,
    evidence: { msg_qbytes: qbytes, msgmax, message_size: size, messages: messages + bytes.messages },
  });
}

/** The same typed queue as the fixture: the lowest type is neither first nor last, type 2 comes twice. */
const TYPED_QUEUE: [number, string][] = [
  [3, 'first'],
  [2, 'second'],
  [1, 'third'],
  [2, 'fourth'],
];

/** Queues a 10-byte message and receives it into 4 bytes with `flags`. */
function receiveIntoShortBuffer(flags: number): FfiObservation {
  return withQueue((queue) => {
    if (send(queue, 1, '0123456789') !== 0) throw new Error(`msgsnd failed: ${errnoOf(-1)}`);
    const got = receive(queue, 0, 4, flags | IPC_NOWAIT);
    return observed({
      value: got.result,
      errno: got.errno,
      evidence: { ...(got.result >= 0 ? { text: got.text } : {}), sent_size: 10, buffer_size: 4, messages_left: qnumOf(queue) },
    });
  });
}

/** Sends one `size`-byte message with IPC_NOWAIT; value = size when accepted, else null. */
function observeSendOfSize(queue: number, size: number) {
  const result = send(queue, 1, size);
  return { value: result === 0 ? size : null, errno: errnoOf(result) };
}

export const probes: FfiProbeTable = {
  'sysv-msg.queue-bytes': () =>
    withQueue((queue) => {
      const msgmnb = readSysctl(MSGMNB_PATH);
      return observed({ value: qbytesOf(queue), evidence: { kernel_msgmnb: 'text' in msgmnb ? Number(msgmnb.text) : -1 } });
    }),

  'sysv-msg.fill-nonblocking': () => withMsgmax((msgmax) => withQueue((queue) => fillQueue(queue, msgmax))),

  'sysv-msg.fill-after-truncated-receive': () =>
    withMsgmax((msgmax) =>
      withQueue((queue) => {
        // Half the queue in one message, received into 4 bytes: the room of the discarded rest must come back.
        const size = Math.min(Math.floor(qbytesOf(queue) / 2), msgmax);
        if (send(queue, 1, size) !== 0) throw new Error(`msgsnd failed: ${errnoOf(-1)}`);
        const got = receive(queue, 0, 4, MSG_NOERROR | IPC_NOWAIT);
        if (got.result !== 4) throw new Error(`msgrcv(MSG_NOERROR) returned ${got.result} (${got.errno})`);
        const fill = fillQueue(queue, msgmax);
        return { ...fill, evidence: { ...fill.evidence, truncated_message_size: size } };
      }),
    ),

  'sysv-msg.receive-empty-nonblocking': () =>
    withQueue((queue) => {
      const got = receive(queue, 0, 16);
      return observed({ value: got.result, errno: got.errno });
    }),

  'sysv-msg.receive-by-type': ffiProbe([param('msgtyp', "msgrcv's msgtyp: 0, positive or negative")], ({ msgtyp = '' }) => {
    if (!/^-?\d+$/.test(msgtyp)) throw new Error(`receive-by-type needs MSGTYP (an integer), got '${msgtyp}'`);
    return withQueue((queue) => {
      for (const [type, text] of TYPED_QUEUE) {
        if (send(queue, type, text) !== 0) throw new Error(`msgsnd failed: ${errnoOf(-1)}`);
      }
      const got = receive(queue, Number(msgtyp), 31);
      return observed({
        value: got.result >= 0 ? `${got.type}:${got.text}` : null,
        errno: got.errno,
        evidence: { msgtyp: Number(msgtyp), queued: TYPED_QUEUE.map(([t, s]) => `${t}:${s}`).join(' ') },
      });
    });
  }),

  'sysv-msg.boundaries-kept': () =>
    withQueue((queue) => {
      if (send(queue, 1, 'abc') !== 0 || send(queue, 1, 'defg') !== 0) throw new Error(`msgsnd failed: ${errnoOf(-1)}`);
      const first = receive(queue, 0, 64);
      const second = receive(queue, 0, 64);
      return observed({ value: `${first.result},${second.result}`, errno: first.errno ?? second.errno });
    }),

  'sysv-msg.msg-noerror-truncates': () => receiveIntoShortBuffer(MSG_NOERROR),

  'sysv-msg.receive-too-long-e2big': () => receiveIntoShortBuffer(0),

  'sysv-msg.send-above-msgmax': () =>
    withMsgmax((msgmax) =>
      withQueue((queue) => observed({ ...observeSendOfSize(queue, msgmax + 1), evidence: { size: msgmax + 1, msgmax } })),
    ),

  'sysv-msg.send-msgmax': () =>
    withMsgmax((msgmax) =>
      withQueue((queue) => {
        const status = stat(queue);
        if (Number(status.readBigUInt64LE(MSG_QBYTES_OFFSET)) < msgmax) {
          // As in the C probe: a queue smaller than one message would say "full", not "too large".
          status.writeBigUInt64LE(BigInt(msgmax), MSG_QBYTES_OFFSET);
          sysv().msgctl(queue, IPC_SET, status);
        }
        return observed({ ...observeSendOfSize(queue, msgmax), evidence: { size: msgmax, msgmax, msg_qbytes: qbytesOf(queue) } });
      }),
    ),

  'sysv-msg.rmid-removes-at-once': () =>
    withQueue((queue) => {
      if (send(queue, 1, 'unread') !== 0) throw new Error(`msgsnd failed: ${errnoOf(-1)}`);
      if (sysv().msgctl(queue, IPC_RMID, null) !== 0) throw new Error(`msgctl(IPC_RMID) failed: ${errnoOf(-1)}`);
      const found = sysv().msgget(probeKey(), 0) as number;
      const errno = errnoOf(found);
      if (found >= 0) sysv().msgctl(found, IPC_RMID, null);
      const old = receive(queue, 0, 8);
      return observed({ value: found, errno, evidence: { old_id_receive_errno: old.errno ?? 'none' } });
    }),
};
