// System V message queues: msgget(2), msgop(2) (msgsnd/msgrcv), msgctl(2), sysvipc(7).
import { defineMechanism } from './schema.js';

const msgop = (section: string) => ({ man: 'msgop(2)', section });
const msgctl = (section: string) => ({ man: 'msgctl(2)', section });
const tutorialQueues = { tutorial: 'ipc-tutorial.zh.md', section: '3. 消息队列' };

export default defineMechanism({
  id: 'sysv-msg',
  title: { en: 'System V message queue', zh: 'System V 消息队列' },
  family: 'sysv',
  manPages: ['msgget(2)', 'msgop(2)', 'msgctl(2)', 'sysvipc(7)'],
  properties: [
    {
      id: 'sysv-msg.boundaries.each-receive-returns-exactly-one-message',
      kind: 'boundaries',
      claim: {
        en: 'Two messages of 3 and 4 bytes come back as two receives of 3 and 4 bytes, even into a larger buffer: a queue keeps message boundaries.',
        zh: '先后发送 3 字节和 4 字节两条消息，即使接收缓冲区更大，也会分两次收到 3 和 4 字节：消息队列保留消息边界。',
      },
      sources: [msgop('msgrcv()'), tutorialQueues],
      expect: { equals: '3,4' },
      probes: [{ fixture: 'sysv-msg', case: 'boundaries-kept' }, { ffi: 'sysv-msg.boundaries-kept' }],
    },
    {
      id: 'sysv-msg.ordering.type-zero-receives-the-oldest-message',
      kind: 'ordering',
      claim: {
        en: 'msgrcv with msgtyp 0 takes the first message in the queue, whatever its type.',
        zh: 'msgtyp 为 0 时，msgrcv 取出队列中最早的消息，不论其类型。',
      },
      sources: [msgop('msgrcv()'), tutorialQueues],
      expect: { equals: '3:first' },
      probes: [
        { fixture: 'sysv-msg', case: 'receive-by-type', args: { msgtyp: 0 } },
        { ffi: 'sysv-msg.receive-by-type', args: { msgtyp: 0 } },
      ],
    },
    {
      id: 'sysv-msg.ordering.positive-type-receives-the-oldest-message-of-that-type',
      kind: 'ordering',
      claim: {
        en: 'msgrcv with a positive msgtyp takes the first queued message of exactly that type, passing over older messages of other types.',
        zh: 'msgtyp 为正数时，msgrcv 取出该类型中最早的一条消息，跳过更早的其他类型消息。',
      },
      sources: [msgop('msgrcv()'), tutorialQueues],
      expect: { equals: '2:second' },
      probes: [
        { fixture: 'sysv-msg', case: 'receive-by-type', args: { msgtyp: 2 } },
        { ffi: 'sysv-msg.receive-by-type', args: { msgtyp: 2 } },
      ],
    },
    {
      id: 'sysv-msg.ordering.negative-type-receives-the-lowest-type-up-to-its-magnitude',
      kind: 'ordering',
      claim: {
        en: 'msgrcv with a negative msgtyp takes the first message of the lowest type that is at most |msgtyp|, not the first message within that bound.',
        zh: 'msgtyp 为负数时，msgrcv 取出类型不超过 |msgtyp| 的消息中类型最小的那一条（同类型取最早），而不是范围内最早的消息。',
      },
      sources: [msgop('msgrcv()')],
      expect: { equals: '1:third' },
      probes: [
        { fixture: 'sysv-msg', case: 'receive-by-type', args: { msgtyp: -2 } },
        { ffi: 'sysv-msg.receive-by-type', args: { msgtyp: -2 } },
      ],
    },
    {
      id: 'sysv-msg.blocking.nowait-receive-of-an-absent-type-gives-enomsg',
      kind: 'blocking',
      claim: {
        en: 'With IPC_NOWAIT, asking for a type no queued message has fails at once with ENOMSG, even though the queue is not empty.',
        zh: '设置 IPC_NOWAIT 时，请求队列中不存在的消息类型会立即以 ENOMSG 失败，即使队列并不为空。',
      },
      sources: [msgop('ERRORS')],
      expect: { errno: 'ENOMSG' },
      probes: [
        { fixture: 'sysv-msg', case: 'receive-by-type', args: { msgtyp: 7 } },
        { ffi: 'sysv-msg.receive-by-type', args: { msgtyp: 7 } },
      ],
    },
    {
      id: 'sysv-msg.capacity.queue-bytes-equal-kernel-msgmnb',
      kind: 'capacity',
      claim: {
        en: 'A new queue may hold msg_qbytes bytes of message text, and msg_qbytes starts at kernel.msgmnb (MSGMNB).',
        zh: '新建队列最多容纳 msg_qbytes 字节的消息正文，其初始值等于 kernel.msgmnb（MSGMNB）。',
      },
      sources: [msgctl('DESCRIPTION'), msgop('NOTES'), { man: 'proc(5)', section: '/proc/sys/kernel/msgmnb' }, tutorialQueues],
      expect: { equalsSysctl: 'kernel.msgmnb' },
      probes: [{ fixture: 'sysv-msg', case: 'queue-bytes' }, { ffi: 'sysv-msg.queue-bytes' }],
    },
    {
      id: 'sysv-msg.capacity.full-queue-holds-exactly-msg-qbytes-of-text',
      kind: 'capacity',
      claim: {
        en: 'Non-blocking senders can put exactly msg_qbytes bytes of text into an empty queue before it reports full.',
        zh: '非阻塞发送者在队列报告已满之前，恰好能向空队列写入 msg_qbytes 字节的正文。',
      },
      sources: [msgop('msgsnd()'), msgctl('DESCRIPTION')],
      expect: { relation: 'equals-evidence', field: 'msg_qbytes' },
      probes: [{ fixture: 'sysv-msg', case: 'fill-nonblocking' }, { ffi: 'sysv-msg.fill-nonblocking' }],
    },
    {
      id: 'sysv-msg.blocking.nowait-send-to-a-full-queue-gives-eagain',
      kind: 'blocking',
      claim: {
        en: 'With IPC_NOWAIT, a message that no longer fits into a full queue is refused with EAGAIN.',
        zh: '设置 IPC_NOWAIT 时，向已满队列发送放不下的消息会以 EAGAIN 失败。',
      },
      sources: [msgop('msgsnd()'), msgop('ERRORS')],
      expect: { errno: 'EAGAIN' },
      probes: [{ fixture: 'sysv-msg', case: 'fill-nonblocking' }, { ffi: 'sysv-msg.fill-nonblocking' }],
    },
    {
      id: 'sysv-msg.blocking.send-to-a-full-queue-blocks-until-a-receive',
      kind: 'blocking',
      claim: {
        en: 'Without IPC_NOWAIT, msgsnd on a full queue waits until a receiver makes room.',
        zh: '未设置 IPC_NOWAIT 时，向已满队列的 msgsnd 会一直等待，直到接收者腾出空间。',
      },
      sources: [msgop('msgsnd()')],
      expect: { blocks: true },
      probes: [{ fixture: 'sysv-msg', case: 'send-full-blocks' }],
    },
    {
      id: 'sysv-msg.blocking.receive-from-an-empty-queue-blocks-until-a-send',
      kind: 'blocking',
      claim: {
        en: 'Without IPC_NOWAIT, msgrcv on an empty queue waits until a message of a wanted type arrives.',
        zh: '未设置 IPC_NOWAIT 时，对空队列的 msgrcv 会一直等待，直到所需类型的消息到达。',
      },
      sources: [msgop('msgrcv()'), tutorialQueues],
      expect: { blocks: true },
      probes: [{ fixture: 'sysv-msg', case: 'receive-empty-blocks' }],
    },
    {
      id: 'sysv-msg.blocking.nowait-receive-from-an-empty-queue-gives-enomsg',
      kind: 'blocking',
      claim: {
        en: 'With IPC_NOWAIT, msgrcv on an empty queue fails at once with ENOMSG.',
        zh: '设置 IPC_NOWAIT 时，对空队列的 msgrcv 会立即以 ENOMSG 失败。',
      },
      sources: [msgop('msgrcv()'), msgop('ERRORS')],
      expect: { errno: 'ENOMSG' },
      probes: [{ fixture: 'sysv-msg', case: 'receive-empty-nonblocking' }, { ffi: 'sysv-msg.receive-empty-nonblocking' }],
    },
    {
      id: 'sysv-msg.limits.message-of-msgmax-bytes-is-accepted',
      kind: 'limits',
      claim: {
        en: 'A message whose text is exactly kernel.msgmax (MSGMAX) bytes long is accepted.',
        zh: '正文恰好为 kernel.msgmax（MSGMAX）字节的消息可以发送成功。',
      },
      sources: [msgop('NOTES'), { man: 'proc(5)', section: '/proc/sys/kernel/msgmax' }, tutorialQueues],
      expect: { equalsSysctl: 'kernel.msgmax' },
      probes: [{ fixture: 'sysv-msg', case: 'send-msgmax' }, { ffi: 'sysv-msg.send-msgmax' }],
    },
    {
      id: 'sysv-msg.limits.message-above-msgmax-gives-einval',
      kind: 'limits',
      claim: {
        en: 'Sending a message one byte longer than kernel.msgmax fails with EINVAL.',
        zh: '发送比 kernel.msgmax 多一个字节的消息会以 EINVAL 失败。',
      },
      sources: [msgop('ERRORS'), msgop('NOTES'), tutorialQueues],
      expect: { errno: 'EINVAL' },
      probes: [{ fixture: 'sysv-msg', case: 'send-above-msgmax' }, { ffi: 'sysv-msg.send-above-msgmax' }],
    },
    {
      id: 'sysv-msg.boundaries.msg-noerror-truncates-a-long-message',
      kind: 'boundaries',
      claim: {
        en: 'With MSG_NOERROR, a message longer than the buffer is cut to the buffer size and the rest of its text is discarded.',
        zh: '设置 MSG_NOERROR 时，长于缓冲区的消息会被截断为缓冲区大小，多出的正文被丢弃。',
      },
      sources: [msgop('msgrcv()')],
      expect: { equals: 4 },
      probes: [{ fixture: 'sysv-msg', case: 'msg-noerror-truncates' }, { ffi: 'sysv-msg.msg-noerror-truncates' }],
    },
    {
      id: 'sysv-msg.capacity.a-truncated-message-gives-back-all-its-room',
      kind: 'capacity',
      claim: {
        en: 'The part MSG_NOERROR cuts off is discarded with the message: once a half-queue message is received into 4 bytes, the queue again takes msg_qbytes bytes.',
        zh: 'MSG_NOERROR 截掉的部分随消息一起被丢弃：把占半个队列的消息接收到 4 字节缓冲区后，队列又能容纳 msg_qbytes 字节。',
      },
      sources: [msgop('msgrcv()'), msgctl('DESCRIPTION')],
      expect: { relation: 'equals-evidence', field: 'msg_qbytes' },
      probes: [{ fixture: 'sysv-msg', case: 'fill-after-truncated-receive' }, { ffi: 'sysv-msg.fill-after-truncated-receive' }],
    },
    {
      id: 'sysv-msg.boundaries.long-message-without-msg-noerror-gives-e2big',
      kind: 'boundaries',
      claim: {
        en: 'Without MSG_NOERROR, receiving a message longer than the buffer fails with E2BIG and leaves the message queued.',
        zh: '未设置 MSG_NOERROR 时，接收长于缓冲区的消息会以 E2BIG 失败，消息仍留在队列中。',
      },
      sources: [msgop('msgrcv()'), msgop('ERRORS')],
      expect: { errno: 'E2BIG' },
      probes: [{ fixture: 'sysv-msg', case: 'receive-too-long-e2big' }, { ffi: 'sysv-msg.receive-too-long-e2big' }],
    },
    {
      id: 'sysv-msg.persistence.queue-and-messages-outlive-their-creator',
      kind: 'persistence',
      claim: {
        en: 'A queue and the messages in it stay in the kernel after the process that made them exits, until IPC_RMID: another process finds them by key.',
        zh: '创建队列并发送消息的进程退出后，队列及其中的消息仍留在内核中，直到 IPC_RMID：其他进程可以按键值找到它们。',
      },
      sources: [{ man: 'sysvipc(7)', section: 'Message queues' }, msgctl('IPC_RMID'), tutorialQueues],
      expect: { equals: true },
      probes: [{ fixture: 'sysv-msg', case: 'outlives-creator' }],
    },
    {
      id: 'sysv-msg.lifecycle.rmid-removes-the-queue-at-once',
      kind: 'lifecycle',
      claim: {
        en: 'IPC_RMID removes a queue immediately, unread messages and all: its key then names no queue (ENOENT).',
        zh: 'IPC_RMID 会立即删除队列及其中未读的消息：此后该键值不再对应任何队列（ENOENT）。',
      },
      sources: [msgctl('IPC_RMID'), { man: 'msgget(2)', section: 'ERRORS' }, tutorialQueues],
      expect: { errno: 'ENOENT' },
      probes: [{ fixture: 'sysv-msg', case: 'rmid-removes-at-once' }, { ffi: 'sysv-msg.rmid-removes-at-once' }],
    },
    {
      id: 'sysv-msg.lifecycle.rmid-wakes-a-blocked-receiver-with-eidrm',
      kind: 'lifecycle',
      claim: {
        en: 'Removing a queue wakes a receiver blocked in msgrcv, which fails with EIDRM.',
        zh: '删除队列会唤醒阻塞在 msgrcv 中的接收者，其调用以 EIDRM 失败。',
      },
      sources: [msgctl('IPC_RMID'), msgop('ERRORS')],
      expect: { errno: 'EIDRM' },
      probes: [{ fixture: 'sysv-msg', case: 'rmid-wakes-receiver' }],
    },
    {
      id: 'sysv-msg.permissions.another-uid-cannot-send-to-a-0600-queue',
      kind: 'permissions',
      claim: {
        en: 'A process of another, unprivileged uid gets EACCES when it sends to a queue created with mode 0600.',
        zh: '另一个无特权 uid 的进程向以 0600 权限创建的队列发送消息时会得到 EACCES。',
      },
      sources: [msgop('ERRORS'), { man: 'msgget(2)', section: 'DESCRIPTION' }],
      expect: { errno: 'EACCES' },
      probes: [{ fixture: 'sysv-msg', case: 'other-uid-send' }],
      requires: ['other-uid'],
    },
    {
      id: 'sysv-msg.atomicity.many-writers-and-readers-lose-and-duplicate-nothing',
      kind: 'atomicity',
      claim: {
        en: 'With four writers and four readers on one queue, every message sent is received exactly once: none is lost, duplicated or mangled.',
        zh: '四个写者和四个读者共用一个队列时，每条发出的消息都恰好被接收一次：没有丢失、重复或损坏。',
      },
      sources: [msgop('DESCRIPTION'), tutorialQueues],
      expect: { equals: 0 },
      probes: [{ fixture: 'sysv-msg', case: 'many-writers-many-readers' }],
    },
  ],
});
