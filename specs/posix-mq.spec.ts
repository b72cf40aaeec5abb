// POSIX message queues: mq_overview(7), mq_open(3), mq_send(3), mq_receive(3), mq_notify(3),
// mq_getattr(3), mq_unlink(3), getrlimit(2) RLIMIT_MSGQUEUE, and the POSIX pages of the same names.
import { defineMechanism } from './schema.js';

const overview = (section: string) => ({ man: 'mq_overview(7)', section });
const tutorialQueues = { tutorial: 'ipc-tutorial.zh.md', section: '3. 消息队列(Message Queues)' };
// The blocking and timed cases take their delay / timeout in ms; the bound below must match it.
const TIMEOUT_MS = 200;

export default defineMechanism({
  id: 'posix-mq',
  title: { en: 'POSIX message queue', zh: 'POSIX 消息队列' },
  family: 'posix',
  manPages: ['mq_overview(7)', 'mq_open(3)', 'mq_send(3)', 'mq_receive(3)', 'mq_notify(3)', 'mq_getattr(3)', 'mq_unlink(3)'],
  properties: [
    {
      id: 'posix-mq.capacity.default-maxmsg-equals-msg-default',
      kind: 'capacity',
      claim: {
        en: 'A queue created with attr NULL may hold /proc/sys/fs/mqueue/msg_default messages (mq_maxmsg), as long as msg_max is not lower.',
        zh: '以 attr 为 NULL 创建的队列最多容纳 /proc/sys/fs/mqueue/msg_default 条消息（mq_maxmsg），前提是 msg_max 不比它小。',
      },
      sources: [overview('/proc interfaces'), { man: 'mq_open(3)', section: 'DESCRIPTION' }, tutorialQueues],
      expect: { equalsSysctl: 'fs.mqueue.msg_default' },
      probes: [{ fixture: 'posix-mq', case: 'default-maxmsg' }, { ffi: 'posix-mq.default-maxmsg' }],
    },
    {
      id: 'posix-mq.capacity.default-msgsize-equals-msgsize-default',
      kind: 'capacity',
      claim: {
        en: 'A queue created with attr NULL accepts messages of up to /proc/sys/fs/mqueue/msgsize_default bytes (mq_msgsize).',
        zh: '以 attr 为 NULL 创建的队列接受的单条消息最长为 /proc/sys/fs/mqueue/msgsize_default 字节（mq_msgsize）。',
      },
      sources: [overview('/proc interfaces'), { man: 'mq_getattr(3)', section: 'DESCRIPTION' }],
      expect: { equalsSysctl: 'fs.mqueue.msgsize_default' },
      probes: [{ fixture: 'posix-mq', case: 'default-msgsize' }, { ffi: 'posix-mq.default-msgsize' }],
    },
    {
      id: 'posix-mq.capacity.queue-holds-exactly-mq-maxmsg-messages',
      kind: 'capacity',
      claim: {
        en: 'A queue created with mq_maxmsg 8 takes exactly 8 messages, however small, before a non-blocking send is refused.',
        zh: '以 mq_maxmsg 为 8 创建的队列，无论消息多小，恰好容纳 8 条，之后非阻塞发送会被拒绝。',
      },
      sources: [
        { man: 'mq_open(3)', section: 'DESCRIPTION' },
        { man: 'mq_getattr(3)', section: 'DESCRIPTION' },
        { man: 'mq_send(3)', section: 'DESCRIPTION' },
      ],
      expect: { relation: 'equals-evidence', field: 'requested_maxmsg' },
      probes: [{ fixture: 'posix-mq', case: 'send-full-nonblocking' }, { ffi: 'posix-mq.send-full-nonblocking' }],
    },
    {
      id: 'posix-mq.blocking.nonblocking-send-on-full-queue-gives-eagain',
      kind: 'blocking',
      claim: {
        en: 'With O_NONBLOCK, mq_send on a full queue fails at once with EAGAIN.',
        zh: '设置 O_NONBLOCK 时，向已满队列 mq_send 会立即以 EAGAIN 失败。',
      },
      sources: [
        { man: 'mq_send(3)', section: 'ERRORS' },
        { posix: 'mq_send()', section: 'ERRORS' },
      ],
      expect: { errno: 'EAGAIN' },
      probes: [{ fixture: 'posix-mq', case: 'send-full-nonblocking' }, { ffi: 'posix-mq.send-full-nonblocking' }],
    },
    {
      id: 'posix-mq.blocking.send-on-full-queue-blocks-until-a-receive',
      kind: 'blocking',
      claim: {
        en: 'Without O_NONBLOCK, mq_send on a full queue waits until another process receives a message and makes room.',
        zh: '未设置 O_NONBLOCK 时，向已满队列 mq_send 会一直等待，直到另一进程取走消息腾出空间。',
      },
      sources: [
        { man: 'mq_send(3)', section: 'DESCRIPTION' },
        { posix: 'mq_send()', section: 'DESCRIPTION' },
      ],
      expect: { blocks: true },
      probes: [{ fixture: 'posix-mq', case: 'send-full-blocks' }],
    },
    {
      id: 'posix-mq.blocking.receive-on-empty-queue-blocks-until-a-send',
      kind: 'blocking',
      claim: {
        en: 'Without O_NONBLOCK, mq_receive on an empty queue waits until another process sends a message.',
        zh: '未设置 O_NONBLOCK 时，对空队列 mq_receive 会一直等待，直到另一进程发送消息。',
      },
      sources: [
        { man: 'mq_receive(3)', section: 'DESCRIPTION' },
        { posix: 'mq_receive()', section: 'DESCRIPTION' },
      ],
      expect: { blocks: true },
      probes: [{ fixture: 'posix-mq', case: 'receive-empty-blocks' }],
    },
    {
      id: 'posix-mq.blocking.nonblocking-receive-on-empty-queue-gives-eagain',
      kind: 'blocking',
      claim: {
        en: 'With O_NONBLOCK, mq_receive on an empty queue fails at once with EAGAIN.',
        zh: '设置 O_NONBLOCK 时，对空队列 mq_receive 会立即以 EAGAIN 失败。',
      },
      sources: [
        { man: 'mq_receive(3)', section: 'ERRORS' },
        { posix: 'mq_receive()', section: 'ERRORS' },
      ],
      expect: { errno: 'EAGAIN' },
      probes: [{ fixture: 'posix-mq', case: 'receive-empty-nonblocking' }, { ffi: 'posix-mq.receive-empty-nonblocking' }],
    },
    {
      id: 'posix-mq.blocking.timedreceive-on-empty-queue-gives-etimedout',
      kind: 'blocking',
      claim: {
        en: 'mq_timedreceive on an empty queue gives up with ETIMEDOUT once its deadline passes without a message.',
        zh: '对空队列调用 mq_timedreceive，若截止时间前没有消息到达，会以 ETIMEDOUT 返回。',
      },
      sources: [
        { man: 'mq_receive(3)', section: 'ERRORS' },
        { posix: 'mq_timedreceive()', section: 'ERRORS' },
      ],
      expect: { errno: 'ETIMEDOUT' },
      probes: [{ fixture: 'posix-mq', case: 'timedreceive-empty', args: { timeout_ms: TIMEOUT_MS } }],
    },
    {
      id: 'posix-mq.blocking.timedreceive-waits-at-least-its-timeout',
      kind: 'blocking',
      claim: {
        en: `mq_timedreceive on an empty queue with a deadline ${TIMEOUT_MS} ms away returns no sooner than ${TIMEOUT_MS} ms.`,
        zh: `对空队列调用截止时间为 ${TIMEOUT_MS} 毫秒之后的 mq_timedreceive，至少等待 ${TIMEOUT_MS} 毫秒才返回。`,
      },
      sources: [
        { man: 'mq_receive(3)', section: 'DESCRIPTION' },
        { posix: 'mq_timedreceive()', section: 'DESCRIPTION' },
      ],
      expect: { atLeast: TIMEOUT_MS * 1e6 },
      probes: [{ fixture: 'posix-mq', case: 'timedreceive-empty', args: { timeout_ms: TIMEOUT_MS } }],
    },
    {
      id: 'posix-mq.ordering.highest-priority-comes-out-first',
      kind: 'ordering',
      claim: {
        en: 'mq_receive returns the oldest message of the highest priority: priorities sent as 2, 9, 0, 5 come out as 9, 5, 2, 0.',
        zh: 'mq_receive 总是取出最高优先级中最早的消息：按 2、9、0、5 发送的优先级依次以 9、5、2、0 取出。',
      },
      sources: [
        { man: 'mq_receive(3)', section: 'DESCRIPTION' },
        { man: 'mq_send(3)', section: 'DESCRIPTION' },
      ],
      expect: { equals: '9,5,2,0' },
      probes: [{ fixture: 'posix-mq', case: 'priority-order' }, { ffi: 'posix-mq.priority-order' }],
    },
    {
      id: 'posix-mq.ordering.equal-priorities-come-out-in-send-order',
      kind: 'ordering',
      claim: {
        en: 'Messages of equal priority come out in the order they were sent, even when sends of another priority come in between.',
        zh: '同一优先级的消息按发送顺序取出，即使其间夹杂着其他优先级的发送。',
      },
      sources: [
        { man: 'mq_send(3)', section: 'DESCRIPTION' },
        { posix: 'mq_send()', section: 'DESCRIPTION' },
      ],
      expect: { equals: 'a1,a2,a3,b1,b2' },
      probes: [{ fixture: 'posix-mq', case: 'fifo-within-priority' }, { ffi: 'posix-mq.fifo-within-priority' }],
    },
    {
      id: 'posix-mq.boundaries.one-receive-returns-one-whole-message',
      kind: 'boundaries',
      claim: {
        en: 'A queue keeps message boundaries: after sends of 3 and 4 bytes, one receive with room for 64 returns the 3-byte message only.',
        zh: '消息队列保留消息边界：先后发送 3 字节和 4 字节后，一次缓冲区为 64 字节的接收只返回那条 3 字节消息。',
      },
      sources: [{ man: 'mq_receive(3)', section: 'RETURN VALUE' }, overview('DESCRIPTION')],
      expect: { equals: 3 },
      probes: [{ fixture: 'posix-mq', case: 'boundaries' }, { ffi: 'posix-mq.boundaries' }],
    },
    {
      id: 'posix-mq.limits.message-longer-than-mq-msgsize-gives-emsgsize',
      kind: 'limits',
      claim: {
        en: "mq_send of a message one byte longer than the queue's mq_msgsize fails with EMSGSIZE.",
        zh: '发送比队列 mq_msgsize 长一个字节的消息时，mq_send 以 EMSGSIZE 失败。',
      },
      sources: [{ man: 'mq_send(3)', section: 'ERRORS' }, { posix: 'mq_send()', section: 'ERRORS' }, tutorialQueues],
      expect: { errno: 'EMSGSIZE' },
      probes: [{ fixture: 'posix-mq', case: 'send-oversized' }, { ffi: 'posix-mq.send-oversized' }],
    },
    {
      id: 'posix-mq.limits.queue-bytes-beyond-rlimit-msgqueue-give-emfile',
      kind: 'limits',
      claim: {
        en: 'With RLIMIT_MSGQUEUE lowered to half of the bytes a queue would need (8192 of 4 x 4096), mq_open cannot create it and fails with EMFILE.',
        zh: '把 RLIMIT_MSGQUEUE 降到队列所需字节数的一半（4 x 4096 中的 8192）后，mq_open 无法创建该队列，以 EMFILE 失败。',
      },
      sources: [
        { man: 'getrlimit(2)', section: 'RLIMIT_MSGQUEUE' },
        overview('Resource limit'),
        { man: 'mq_open(3)', section: 'ERRORS' },
        tutorialQueues,
      ],
      expect: { errno: 'EMFILE' },
      probes: [
        { fixture: 'posix-mq', case: 'rlimit-msgqueue-exceeded', args: { maxmsg: 4, msgsize: 4096 } },
        { ffi: 'posix-mq.rlimit-msgqueue-exceeded', args: { maxmsg: 4, msgsize: 4096 } },
      ],
    },
    {
      id: 'posix-mq.notification.mq-notify-signals-when-a-message-reaches-an-empty-queue',
      kind: 'notification',
      claim: {
        en: 'A process registered with mq_notify (SIGEV_SIGNAL) receives one signal when another process sends a message into the empty queue.',
        zh: '以 mq_notify（SIGEV_SIGNAL）注册的进程，在另一进程向空队列发送消息时收到一个信号。',
      },
      sources: [
        { man: 'mq_notify(3)', section: 'DESCRIPTION' },
        { posix: 'mq_notify()', section: 'DESCRIPTION' },
      ],
      expect: { equals: 1 },
      probes: [{ fixture: 'posix-mq', case: 'notify-first-message' }],
    },
    {
      id: 'posix-mq.notification.registration-is-spent-by-one-notification',
      kind: 'notification',
      claim: {
        en: 'A notification removes the registration: after the first one, a second message into the emptied queue signals nothing until mq_notify is called again.',
        zh: '通知一旦发出，注册即被撤销：第一次通知之后，再向已清空的队列发送消息不会产生信号，除非再次调用 mq_notify。',
      },
      sources: [
        { man: 'mq_notify(3)', section: 'DESCRIPTION' },
        { posix: 'mq_notify()', section: 'DESCRIPTION' },
      ],
      expect: { equals: 0 },
      probes: [{ fixture: 'posix-mq', case: 'notify-not-rearmed' }],
    },
    {
      id: 'posix-mq.notification.registration-while-another-process-holds-one-gives-ebusy',
      kind: 'notification',
      claim: {
        en: "Only one process at a time may be registered for a queue's notification: mq_notify while another process is registered fails with EBUSY.",
        zh: '同一时刻只能有一个进程注册队列的通知：另一进程已注册时调用 mq_notify 会以 EBUSY 失败。',
      },
      sources: [
        { man: 'mq_notify(3)', section: 'ERRORS' },
        { posix: 'mq_notify()', section: 'ERRORS' },
      ],
      expect: { errno: 'EBUSY' },
      probes: [{ fixture: 'posix-mq', case: 'notify-second-registration' }],
    },
    {
      id: 'posix-mq.persistence.queue-and-its-messages-outlive-the-creator',
      kind: 'persistence',
      claim: {
        en: 'A queue has kernel persistence: after its creator sent a message and exited, a process that never had it open opens it by name and receives that message.',
        zh: '消息队列具有内核持久性：创建者发送一条消息并退出后，一个从未打开过它的进程仍可按名字打开并收到这条消息。',
      },
      sources: [overview('Persistence'), { man: 'mq_unlink(3)', section: 'DESCRIPTION' }, tutorialQueues],
      expect: { equals: 'persisted' },
      probes: [{ fixture: 'posix-mq', case: 'outlives-creator' }],
    },
    {
      id: 'posix-mq.lifecycle.open-after-unlink-gives-enoent',
      kind: 'lifecycle',
      claim: {
        en: 'mq_unlink removes the name at once: a later mq_open of that name without O_CREAT fails with ENOENT.',
        zh: 'mq_unlink 立即删除名字：之后不带 O_CREAT 地 mq_open 该名字会以 ENOENT 失败。',
      },
      sources: [
        { man: 'mq_unlink(3)', section: 'DESCRIPTION' },
        { man: 'mq_open(3)', section: 'ERRORS' },
      ],
      expect: { errno: 'ENOENT' },
      probes: [{ fixture: 'posix-mq', case: 'open-after-unlink' }, { ffi: 'posix-mq.open-after-unlink' }],
    },
    {
      id: 'posix-mq.lifecycle.unlinked-queue-keeps-working-for-open-descriptors',
      kind: 'lifecycle',
      claim: {
        en: 'An unlinked queue lives on until its last descriptor is closed: a message queued before mq_unlink can still be received through an open descriptor.',
        zh: '被 mq_unlink 的队列会一直存在到最后一个描述符关闭：删除前入队的消息仍可通过已打开的描述符收到。',
      },
      sources: [
        { man: 'mq_unlink(3)', section: 'DESCRIPTION' },
        { posix: 'mq_unlink()', section: 'DESCRIPTION' },
      ],
      expect: { equals: 'kept' },
      probes: [{ fixture: 'posix-mq', case: 'unlinked-queue-still-usable' }, { ffi: 'posix-mq.unlinked-queue-still-usable' }],
    },
    {
      id: 'posix-mq.kin.queue-is-listed-in-dev-mqueue-with-its-qsize',
      kind: 'kin',
      claim: {
        en: 'Where the mqueue filesystem is mounted, queue /NAME appears as /dev/mqueue/NAME, and its QSIZE field counts the bytes of the queued messages (12 for 5 + 7).',
        zh: '挂载了 mqueue 文件系统时，队列 /NAME 显示为 /dev/mqueue/NAME，其 QSIZE 字段等于队列中消息的字节总数（5 + 7 即 12）。',
      },
      sources: [overview('Mounting the message queue filesystem'), overview('BUGS')],
      expect: { relation: 'equals-evidence', field: 'bytes_sent' },
      probes: [{ fixture: 'posix-mq', case: 'dev-mqueue-qsize' }],
      requires: ['mqueue-fs'],
    },
  ],
});
