// Single-process System V message queue observations through libc, the FFI counterparts of
// c-fixtures/sysv-msg/ cases of the same names. Each removes the queue it made, also when a
// call throws.

import { type FfiProbeTable, ffiProbe, param } from './ffiProbe.js';
import { IPC_CREAT, IPC_EXCL, IPC_INFO, IPC_NOWAIT, IPC_PRIVATE, IPC_RMID, IPC_SET, IPC_STAT, probeKey } from './ipc.js';
import { errnoOf, type FfiObservation, libcBindings, modeText, observed, readSysctl, withSysctl } from './libc.js';

// <sys/msg.h> (Linux, glibc).
const MSG_NOERROR = 0o10000;
const MSG_EXCEPT = 0o20000;
const MSG_COPY = 0o40000;

// struct msqid_ds on 64-bit glibc (x86_64, aarch64): the fields the probes read, by byte offset.
const MSQID_DS_SIZE = 120;
const MSG_QNUM_OFFSET = 80;
const MSG_QBYTES_OFFSET = 88;
const PERM_UID_OFFSET = 4;
const PERM_CUID_OFFSET = 12;
const PERM_MODE_OFFSET = 20;
const MSG_STIME_OFFSET = 48;
const MSG_RTIME_OFFSET = 56;
const MSG_LSPID_OFFSET = 96;
const MSG_LRPID_OFFSET = 100;
// struct msginfo: eight ints; msgmax, msgmnb and msgmni at these byte offsets.
const MSGINFO_SIZE = 32;
const MSGINFO_OFFSETS: Record<string, number> = { msgmax: 8, msgmnb: 12, msgmni: 16 };
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

/** One IPC_NOWAIT msgrcv with `flags` on the typed queue: "TYPE:TEXT" or null with the errno. */
function typedReceive(msgtyp: number, flags: number): FfiObservation {
  return withQueue((queue) => {
    for (const [type, text] of TYPED_QUEUE) {
      if (send(queue, type, text) !== 0) throw new Error(`msgsnd failed: ${errnoOf(-1)}`);
    }
    const got = receive(queue, msgtyp, 31, IPC_NOWAIT | flags);
    return observed({
      value: got.result >= 0 ? `${got.type}:${got.text}` : null,
      errno: got.errno,
      evidence: { msgtyp, queued: TYPED_QUEUE.map(([t, s]) => `${t}:${s}`).join(' '), messages_after: qnumOf(queue) },
    });
  });
}

/** A whole number from a probe argument, or a usage error naming the parameter. */
function wholeArg(name: string, text: string | undefined): number {
  if (!/^\d+$/.test(text ?? '')) throw new Error(`${name} must be a whole number, got '${text}'`);
  return Number(text);
}

/** The queue's status after the owner's IPC_SET with `change` applied to its IPC_STAT. */
function afterIpcSet(queue: number, change: (status: Buffer) => void) {
  const status = stat(queue);
  change(status);
  const result = sysv().msgctl(queue, IPC_SET, status) as number;
  return { errno: errnoOf(result), after: stat(queue) };
}

/** A lookup that should fail; a queue it makes or finds anyway is removed. */
function observeLookup(id: number): FfiObservation {
  const errno = errnoOf(id);
  if (id >= 0) sysv().msgctl(id, IPC_RMID, null);
  return observed({ value: id < 0 ? -1 : id, errno });
}

export const probes: FfiProbeTable = {
  'sysv-msg.receive-except': ffiProbe([param('msgtyp', 'the type MSG_EXCEPT passes over (positive)')], ({ msgtyp }) =>
    typedReceive(wholeArg('msgtyp', msgtyp), MSG_EXCEPT),
  ),

  'sysv-msg.copy-by-index': ffiProbe([param('index', 'the position (from 0) of the message to copy')], ({ index }) =>
    typedReceive(wholeArg('index', index), MSG_COPY),
  ),

  'sysv-msg.copy-keeps-messages': () =>
    withQueue((queue) => {
      for (const [type, text] of TYPED_QUEUE) {
        if (send(queue, type, text) !== 0) throw new Error(`msgsnd failed: ${errnoOf(-1)}`);
      }
      const got = receive(queue, 0, 32, IPC_NOWAIT | MSG_COPY);
      return observed({ value: qnumOf(queue), errno: got.errno, evidence: { queued_count: TYPED_QUEUE.length } });
    }),

  'sysv-msg.copy-without-nowait': () =>
    withQueue((queue) => {
      for (const [type, text] of TYPED_QUEUE) {
        if (send(queue, type, text) !== 0) throw new Error(`msgsnd failed: ${errnoOf(-1)}`);
      }
      // Refused before any wait: the queue is not empty, so a wait could not begin anyway.
      const got = receive(queue, 0, 32, MSG_COPY);
      return observed({ value: got.result, errno: got.errno });
    }),

  'sysv-msg.new-queue-times-and-pids': () =>
    withQueue((queue) => {
      const status = stat(queue);
      const fields = [
        status.readBigInt64LE(MSG_STIME_OFFSET),
        status.readBigInt64LE(MSG_RTIME_OFFSET),
        status.readInt32LE(MSG_LSPID_OFFSET),
        status.readInt32LE(MSG_LRPID_OFFSET),
      ];
      return observed({ value: fields.join(','), evidence: { fields: 'msg_stime,msg_rtime,msg_lspid,msg_lrpid' } });
    }),

  'sysv-msg.ipc-set-mode': () =>
    withQueue((queue) => {
      const { errno, after } = afterIpcSet(queue, (status) => status.writeUInt32LE(0o640, PERM_MODE_OFFSET));
      return observed({ value: modeText(after.readUInt32LE(PERM_MODE_OFFSET) & 0o777), errno, evidence: { requested: '0640' } });
    }),

  'sysv-msg.ipc-set-uid': () =>
    withQueue((queue) => {
      const { errno, after } = afterIpcSet(queue, (status) => {
        // Group read too, as in the C probe: a creator without CAP_IPC_OWNER must still IPC_STAT it.
        status.writeUInt32LE(65534, PERM_UID_OFFSET);
        status.writeUInt32LE(0o640, PERM_MODE_OFFSET);
      });
      return observed({
        value: after.readUInt32LE(PERM_UID_OFFSET),
        errno,
        evidence: { requested_uid: 65534, cuid: after.readUInt32LE(PERM_CUID_OFFSET) },
      });
    }),

  'sysv-msg.ipc-info': ffiProbe([param('field', 'msgmni, msgmax or msgmnb')], ({ field }) => {
    const offset = MSGINFO_OFFSETS[field];
    if (offset === undefined) throw new Error(`FIELD '${field}' is not msgmni, msgmax or msgmnb`);
    const info = Buffer.alloc(MSGINFO_SIZE);
    const result = sysv().msgctl(0, IPC_INFO, info) as number;
    return observed({ value: result >= 0 ? info.readInt32LE(offset) : null, errno: errnoOf(result), evidence: { field } });
  }),

  'sysv-msg.private-always-new': () => {
    const first = sysv().msgget(IPC_PRIVATE, 0o600) as number;
    const firstErrno = errnoOf(first);
    const second = sysv().msgget(IPC_PRIVATE, 0o600) as number;
    const secondErrno = errnoOf(second);
    for (const id of [first, second]) if (id >= 0) sysv().msgctl(id, IPC_RMID, null);
    return observed({
      value: first >= 0 && second >= 0 && first !== second,
      errno: firstErrno ?? secondErrno,
      evidence: { both_made: first >= 0 && second >= 0 },
    });
  },

  'sysv-msg.existing-key-excl': () => withQueue(() => observeLookup(sysv().msgget(probeKey(), IPC_CREAT | IPC_EXCL | 0o600) as number)),

  'sysv-msg.absent-key': () => observeLookup(sysv().msgget(probeKey(1), 0o600) as number),

  'sysv-msg.send-type-zero': () =>
    withQueue((queue) => {
      const result = send(queue, 0, 'zero');
      return observed({ value: result, errno: errnoOf(result), evidence: { messages_after: qnumOf(queue) } });
    }),

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
