// POSIX message queues: mq_overview(7), mq_open(3), mq_send(3), mq_receive(3), mq_notify(3),
// mq_getattr(3), mq_unlink(3), getrlimit(2) RLIMIT_MSGQUEUE, and the POSIX pages of the same names.
import { defineMechanism } from './schema.js';

const overview = (section: string) => ({ man: 'mq_overview(7)', section });
const getattr = (section: string) => ({ man: 'mq_getattr(3)', section });
const posixGetattr = (section: string) => ({ posix: 'mq_getattr()', section });
const posixSetattr = (section: string) => ({ posix: 'mq_setattr()', section });
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
      peers: ['posix:mq_open/12'],
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
      peers: ['posix:mq_open/12'],
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
      peers: ['posix:mq_open/13', 'gvisor:MqTest.SendMaxMsgCount'],
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
      peers: ['posix:mq_send/7', 'posix:mq_send/10', 'gvisor:MqTest.NonBlocking'],
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
      peers: ['posix:mq_send/5', 'gvisor:MqTest.SendBlocking'],
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
      peers: ['posix:mq_receive/5', 'gvisor:MqTest.ReceiveBlocking'],
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
      peers: ['posix:mq_receive/7', 'posix:mq_receive/10', 'gvisor:MqTest.NonBlocking'],
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
      peers: ['posix:mq_timedreceive/18', 'gvisor:MqTest.ReceiveTimeout'],
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
      peers: ['posix:mq_timedreceive/5'],
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
      peers: ['posix:mq_receive/1', 'posix:mq_send/3', 'posix:mq_receive/4', 'gvisor:MqTest.Priority'],
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
      peers: ['posix:mq_send/3', 'gvisor:MqTest.SendReceiveSeveral'],
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
      peers: ['posix:mq_receive/8'],
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
      peers: ['posix:mq_send/2', 'posix:mq_send/14', 'gvisor:MqTest.SendMaxMsgSize'],
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
      peers: ['posix:mq_notify/1'],
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
      peers: ['posix:mq_notify/4'],
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
      peers: ['posix:mq_notify/2', 'posix:mq_notify/9'],
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
      peers: ['posix:mq_open/2'],
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
      peers: ['posix:mq_unlink/1', 'gvisor:MqTest.OpenAfterUnlink'],
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
      peers: ['posix:mq_unlink/2'],
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
    // ---- attributes: mq_getattr(3), mq_setattr(3) -------------------------------------------
    {
      id: 'posix-mq.capacity.getattr-reports-the-mq-maxmsg-asked-for-at-creation',
      kind: 'capacity',
      claim: {
        en: 'mq_getattr reports as mq_maxmsg the maximum number of messages given in the attributes at mq_open (8).',
        zh: 'mq_getattr 报告的 mq_maxmsg 正是 mq_open 时在属性中给定的最大消息数（8）。',
      },
      sources: [getattr('DESCRIPTION'), posixGetattr('DESCRIPTION'), { man: 'mq_open(3)', section: 'DESCRIPTION' }],
      expect: { relation: 'equals-evidence', field: 'requested_maxmsg' },
      probes: [{ fixture: 'posix-mq', case: 'getattr-maxmsg' }, { ffi: 'posix-mq.getattr-maxmsg' }],
      peers: ['posix:mq_getattr/1', 'posix:mq_getattr/3'],
    },
    {
      id: 'posix-mq.capacity.getattr-reports-the-mq-msgsize-asked-for-at-creation',
      kind: 'capacity',
      claim: {
        en: 'mq_getattr reports as mq_msgsize the maximum message size given in the attributes at mq_open (64 bytes).',
        zh: 'mq_getattr 报告的 mq_msgsize 正是 mq_open 时在属性中给定的最大消息长度（64 字节）。',
      },
      sources: [getattr('DESCRIPTION'), posixGetattr('DESCRIPTION'), { man: 'mq_open(3)', section: 'DESCRIPTION' }],
      expect: { relation: 'equals-evidence', field: 'requested_msgsize' },
      probes: [{ fixture: 'posix-mq', case: 'getattr-msgsize' }, { ffi: 'posix-mq.getattr-msgsize' }],
      peers: ['posix:mq_getattr/3'],
    },
    {
      id: 'posix-mq.capacity.getattr-curmsgs-counts-the-queued-messages',
      kind: 'capacity',
      claim: {
        en: 'mq_getattr reports in mq_curmsgs how many messages are queued: 3 after three sends.',
        zh: 'mq_getattr 的 mq_curmsgs 报告队列中现有的消息数：发送三条后为 3。',
      },
      sources: [getattr('DESCRIPTION'), posixGetattr('DESCRIPTION'), { man: 'mq_send(3)', section: 'DESCRIPTION' }],
      expect: { relation: 'equals-evidence', field: 'messages_sent' },
      probes: [{ fixture: 'posix-mq', case: 'getattr-curmsgs' }, { ffi: 'posix-mq.getattr-curmsgs' }],
      peers: ['posix:mq_getattr/4', 'posix:mq_send/1'],
    },
    {
      id: 'posix-mq.capacity.a-receive-removes-its-message-from-the-queue',
      kind: 'capacity',
      claim: {
        en: 'A received message is removed from the queue: after three sends and one receive, mq_curmsgs is 2.',
        zh: '被接收的消息会从队列中移除：发送三条、接收一条之后，mq_curmsgs 为 2。',
      },
      sources: [
        { man: 'mq_receive(3)', section: 'DESCRIPTION' },
        { posix: 'mq_receive()', section: 'DESCRIPTION' },
      ],
      expect: { equals: 2 },
      probes: [{ fixture: 'posix-mq', case: 'curmsgs-after-receive' }, { ffi: 'posix-mq.curmsgs-after-receive' }],
      peers: ['posix:mq_receive/8'],
    },
    {
      id: 'posix-mq.blocking.getattr-flags-show-o-nonblock-given-at-open',
      kind: 'blocking',
      claim: {
        en: 'A descriptor opened with O_NONBLOCK shows O_NONBLOCK in the mq_flags that mq_getattr reports.',
        zh: '以 O_NONBLOCK 打开的描述符，其 mq_getattr 报告的 mq_flags 中含有 O_NONBLOCK。',
      },
      sources: [getattr('DESCRIPTION'), posixGetattr('DESCRIPTION')],
      expect: { equals: true },
      probes: [{ fixture: 'posix-mq', case: 'getattr-nonblock-flag' }, { ffi: 'posix-mq.getattr-nonblock-flag' }],
      peers: ['posix:mq_getattr/2'],
    },
    {
      id: 'posix-mq.blocking.setattr-o-nonblock-makes-a-receive-on-an-empty-queue-give-eagain',
      kind: 'blocking',
      claim: {
        en: 'mq_setattr with O_NONBLOCK in mq_flags makes a descriptor opened blocking non-blocking: mq_receive on the empty queue then fails at once with EAGAIN.',
        zh: '以 mq_flags 含 O_NONBLOCK 调用 mq_setattr 后，原本阻塞打开的描述符变为非阻塞：此时对空队列 mq_receive 立即以 EAGAIN 失败。',
      },
      sources: [getattr('DESCRIPTION'), posixSetattr('DESCRIPTION'), { man: 'mq_receive(3)', section: 'ERRORS' }],
      expect: { errno: 'EAGAIN' },
      probes: [{ fixture: 'posix-mq', case: 'setattr-sets-nonblock' }, { ffi: 'posix-mq.setattr-sets-nonblock' }],
      peers: ['posix:mq_setattr/1'],
    },
    {
      id: 'posix-mq.blocking.setattr-with-flags-0-clears-o-nonblock',
      kind: 'blocking',
      claim: {
        en: 'mq_setattr with mq_flags 0 clears O_NONBLOCK on a descriptor opened with it: mq_getattr no longer shows the flag.',
        zh: '以 mq_flags 为 0 调用 mq_setattr 会清除以 O_NONBLOCK 打开的描述符上的该标志：mq_getattr 不再显示它。',
      },
      sources: [getattr('DESCRIPTION'), posixSetattr('DESCRIPTION')],
      expect: { equals: false },
      probes: [{ fixture: 'posix-mq', case: 'setattr-clears-nonblock' }, { ffi: 'posix-mq.setattr-clears-nonblock' }],
      peers: ['posix:mq_getattr/2'],
    },
    {
      id: 'posix-mq.limits.setattr-ignores-maxmsg-msgsize-and-curmsgs',
      kind: 'limits',
      claim: {
        en: 'mq_setattr changes only mq_flags: asked for mq_maxmsg 2, mq_msgsize 16 and mq_curmsgs 5, the empty 8 x 64 queue still reports 8, 64 and 0.',
        zh: 'mq_setattr 只改变 mq_flags：即使要求 mq_maxmsg 2、mq_msgsize 16、mq_curmsgs 5，空的 8 x 64 队列仍报告 8、64 和 0。',
      },
      sources: [getattr('DESCRIPTION'), posixSetattr('DESCRIPTION')],
      expect: { equals: '8,64,0' },
      probes: [{ fixture: 'posix-mq', case: 'setattr-ignores-sizes' }, { ffi: 'posix-mq.setattr-ignores-sizes' }],
      peers: ['posix:mq_setattr/1'],
    },
    {
      id: 'posix-mq.lifecycle.setattr-returns-the-previous-attributes',
      kind: 'lifecycle',
      claim: {
        en: 'mq_setattr stores the attributes as they were before the call in oldattr: O_NONBLOCK, 8, 64 and 1 for a non-blocking 8 x 64 queue holding one message.',
        zh: 'mq_setattr 把调用前的属性存入 oldattr：对于持有一条消息、以非阻塞方式打开的 8 x 64 队列，分别为 O_NONBLOCK、8、64 和 1。',
      },
      sources: [getattr('DESCRIPTION'), posixSetattr('DESCRIPTION')],
      expect: { equals: 'O_NONBLOCK,8,64,1' },
      probes: [{ fixture: 'posix-mq', case: 'setattr-returns-old' }, { ffi: 'posix-mq.setattr-returns-old' }],
      peers: ['posix:mq_setattr/2'],
    },
    {
      id: 'posix-mq.limits.setattr-with-a-flag-other-than-o-nonblock-gives-einval',
      kind: 'limits',
      claim: {
        en: 'mq_setattr accepts no flag but O_NONBLOCK: mq_flags of O_NONBLOCK|O_APPEND makes it fail with EINVAL.',
        zh: 'mq_setattr 只接受 O_NONBLOCK 一个标志：mq_flags 为 O_NONBLOCK|O_APPEND 时以 EINVAL 失败。',
      },
      sources: [getattr('ERRORS')],
      expect: { errno: 'EINVAL' },
      probes: [{ fixture: 'posix-mq', case: 'setattr-unknown-flag' }, { ffi: 'posix-mq.setattr-unknown-flag' }],
    },
    {
      id: 'posix-mq.limits.failed-setattr-leaves-the-attributes-unchanged',
      kind: 'limits',
      claim: {
        en: 'A failed mq_setattr changes nothing: after mq_flags O_NONBLOCK|O_APPEND was refused, the descriptor is still blocking (no O_NONBLOCK in mq_flags).',
        zh: '失败的 mq_setattr 不做任何改变：mq_flags 为 O_NONBLOCK|O_APPEND 的请求被拒绝后，描述符仍是阻塞的（mq_flags 中没有 O_NONBLOCK）。',
      },
      sources: [posixSetattr('RETURN VALUE'), getattr('ERRORS')],
      expect: { equals: false },
      probes: [{ fixture: 'posix-mq', case: 'failed-setattr-changes-nothing' }, { ffi: 'posix-mq.failed-setattr-changes-nothing' }],
      peers: ['posix:mq_setattr/4'],
    },
    {
      id: 'posix-mq.permissions.created-queue-has-the-mode-asked-for',
      kind: 'permissions',
      claim: {
        en: 'A queue created with mode 0600 (the umask leaving it alone) has exactly the permission bits 0600, as fstat on its descriptor shows.',
        zh: '以 0600 模式创建的队列（umask 不影响它）的权限位恰为 0600，对其描述符 fstat 即可看到。',
      },
      sources: [
        { man: 'mq_open(3)', section: 'DESCRIPTION' },
        { posix: 'mq_open()', section: 'DESCRIPTION' },
        overview('Linux implementation of message queue descriptors'),
      ],
      expect: { relation: 'equals-evidence', field: 'requested_mode' },
      probes: [{ fixture: 'posix-mq', case: 'created-with-mode' }],
      peers: ['posix:mq_open/10'],
    },
    // ---- refused calls: priorities, sizes, access modes, names ---------------------------------
    {
      id: 'posix-mq.limits.priority-of-mq-prio-max-gives-einval',
      kind: 'limits',
      claim: {
        en: 'A priority must be below MQ_PRIO_MAX: mq_send with priority sysconf(_SC_MQ_PRIO_MAX) fails with EINVAL.',
        zh: '优先级必须小于 MQ_PRIO_MAX：以 sysconf(_SC_MQ_PRIO_MAX) 为优先级调用 mq_send 会以 EINVAL 失败。',
      },
      sources: [
        { man: 'mq_send(3)', section: 'ERRORS' },
        { posix: 'mq_send()', section: 'ERRORS' },
        { man: 'sysconf(3)', section: 'MQ_PRIO_MAX' },
      ],
      expect: { errno: 'EINVAL' },
      probes: [{ fixture: 'posix-mq', case: 'send-priority-at-prio-max' }, { ffi: 'posix-mq.send-priority-at-prio-max' }],
      peers: ['posix:mq_send/4', 'posix:mq_send/13'],
    },
    {
      id: 'posix-mq.ordering.priority-mq-prio-max-minus-1-is-accepted-and-reported',
      kind: 'ordering',
      claim: {
        en: 'The highest valid priority, MQ_PRIO_MAX - 1, is accepted, and mq_receive stores it in msg_prio.',
        zh: '最高的有效优先级 MQ_PRIO_MAX - 1 可以使用，mq_receive 会把它存入 msg_prio。',
      },
      sources: [
        { man: 'mq_send(3)', section: 'DESCRIPTION' },
        { man: 'mq_receive(3)', section: 'DESCRIPTION' },
      ],
      expect: { relation: 'equals-evidence', field: 'highest_priority' },
      probes: [{ fixture: 'posix-mq', case: 'send-highest-priority' }, { ffi: 'posix-mq.send-highest-priority' }],
      peers: ['posix:mq_receive/4'],
    },
    {
      id: 'posix-mq.limits.receive-buffer-smaller-than-mq-msgsize-gives-emsgsize',
      kind: 'limits',
      claim: {
        en: 'mq_receive with a buffer one byte smaller than mq_msgsize fails with EMSGSIZE, even when the queued message would fit.',
        zh: '缓冲区比 mq_msgsize 小一个字节时，即使队列中的消息放得下，mq_receive 也会以 EMSGSIZE 失败。',
      },
      sources: [
        { man: 'mq_receive(3)', section: 'ERRORS' },
        { posix: 'mq_receive()', section: 'ERRORS' },
      ],
      expect: { errno: 'EMSGSIZE' },
      probes: [{ fixture: 'posix-mq', case: 'receive-small-buffer' }, { ffi: 'posix-mq.receive-small-buffer' }],
      peers: ['posix:mq_receive/2', 'posix:mq_receive/12', 'gvisor:MqTest.SendMsgSize'],
    },
    {
      id: 'posix-mq.limits.failed-receive-leaves-the-message-queued',
      kind: 'limits',
      claim: {
        en: 'A receive that fails removes nothing: after mq_receive failed with a too-small buffer, mq_curmsgs is still 1.',
        zh: '失败的接收不会取走任何消息：mq_receive 因缓冲区过小失败后，mq_curmsgs 仍为 1。',
      },
      sources: [
        { man: 'mq_receive(3)', section: 'RETURN VALUE' },
        { posix: 'mq_receive()', section: 'RETURN VALUE' },
      ],
      expect: { equals: 1 },
      probes: [{ fixture: 'posix-mq', case: 'failed-receive-keeps-message' }, { ffi: 'posix-mq.failed-receive-keeps-message' }],
    },
    {
      id: 'posix-mq.limits.message-of-exactly-mq-msgsize-is-accepted',
      kind: 'limits',
      claim: {
        en: 'A message exactly mq_msgsize bytes long (64) is accepted: mq_send returns 0.',
        zh: '长度恰为 mq_msgsize（64 字节）的消息可以发送：mq_send 返回 0。',
      },
      sources: [
        { man: 'mq_send(3)', section: 'DESCRIPTION' },
        { posix: 'mq_send()', section: 'DESCRIPTION' },
      ],
      expect: { equals: 0 },
      probes: [{ fixture: 'posix-mq', case: 'send-exactly-msgsize' }, { ffi: 'posix-mq.send-exactly-msgsize' }],
      peers: ['posix:mq_send/2', 'gvisor:MqTest.SendMaxMsgSize'],
    },
    {
      id: 'posix-mq.direction.send-on-a-read-only-descriptor-gives-ebadf',
      kind: 'direction',
      claim: {
        en: 'A descriptor opened O_RDONLY can only receive: mq_send on it fails with EBADF.',
        zh: '以 O_RDONLY 打开的描述符只能接收：对它 mq_send 会以 EBADF 失败。',
      },
      sources: [
        { man: 'mq_send(3)', section: 'ERRORS' },
        { posix: 'mq_send()', section: 'ERRORS' },
        { man: 'mq_open(3)', section: 'DESCRIPTION' },
      ],
      expect: { errno: 'EBADF' },
      probes: [{ fixture: 'posix-mq', case: 'send-on-read-only' }, { ffi: 'posix-mq.send-on-read-only' }],
      peers: ['posix:mq_send/11', 'posix:mq_open/7', 'gvisor:MqTest.RdOnlyWrOnlyRdWr'],
    },
    {
      id: 'posix-mq.direction.receive-on-a-write-only-descriptor-gives-ebadf',
      kind: 'direction',
      claim: {
        en: 'A descriptor opened O_WRONLY can only send: mq_receive on it fails with EBADF although a message is queued.',
        zh: '以 O_WRONLY 打开的描述符只能发送：即使队列中有消息，对它 mq_receive 也会以 EBADF 失败。',
      },
      sources: [
        { man: 'mq_receive(3)', section: 'ERRORS' },
        { posix: 'mq_receive()', section: 'ERRORS' },
        { man: 'mq_open(3)', section: 'DESCRIPTION' },
      ],
      expect: { errno: 'EBADF' },
      probes: [{ fixture: 'posix-mq', case: 'receive-on-write-only' }, { ffi: 'posix-mq.receive-on-write-only' }],
      peers: ['posix:mq_receive/11', 'posix:mq_open/8', 'gvisor:MqTest.RdOnlyWrOnlyRdWr'],
    },
    {
      id: 'posix-mq.lifecycle.exclusive-create-of-an-existing-name-gives-eexist',
      kind: 'lifecycle',
      claim: {
        en: 'mq_open with O_CREAT|O_EXCL of a name that already names a queue fails with EEXIST.',
        zh: '对已存在队列的名字以 O_CREAT|O_EXCL 调用 mq_open 会以 EEXIST 失败。',
      },
      sources: [
        { man: 'mq_open(3)', section: 'ERRORS' },
        { posix: 'mq_open()', section: 'ERRORS' },
      ],
      expect: { errno: 'EEXIST' },
      probes: [{ fixture: 'posix-mq', case: 'create-exclusive-existing' }, { ffi: 'posix-mq.create-exclusive-existing' }],
      peers: ['posix:mq_open/15', 'posix:mq_open/23', 'gvisor:MqTest.CreateAlreadyExists', 'ltp:mq_open01'],
    },
    {
      id: 'posix-mq.atomicity.exclusive-create-races-have-exactly-one-winner',
      kind: 'atomicity',
      claim: {
        en: 'O_CREAT|O_EXCL checks and creates in one step: of four processes released together to create the same name, exactly one succeeds.',
        zh: 'O_CREAT|O_EXCL 的检查与创建是一步完成的：同时放行四个进程去创建同一个名字，恰好只有一个成功。',
      },
      sources: [
        { man: 'mq_open(3)', section: 'DESCRIPTION' },
        { posix: 'mq_open()', section: 'DESCRIPTION' },
      ],
      expect: { equals: 1 },
      probes: [{ fixture: 'posix-mq', case: 'exclusive-create-race' }],
      peers: ['posix:mq_open/16'],
    },
    {
      id: 'posix-mq.lifecycle.open-of-a-missing-name-without-o-creat-gives-enoent',
      kind: 'lifecycle',
      claim: {
        en: 'mq_open without O_CREAT of a name that no queue has fails with ENOENT.',
        zh: '不带 O_CREAT 地 mq_open 一个不存在的队列名会以 ENOENT 失败。',
      },
      sources: [
        { man: 'mq_open(3)', section: 'ERRORS' },
        { posix: 'mq_open()', section: 'ERRORS' },
      ],
      expect: { errno: 'ENOENT' },
      probes: [{ fixture: 'posix-mq', case: 'open-missing' }, { ffi: 'posix-mq.open-missing' }],
      peers: ['posix:mq_open/3', 'posix:mq_open/29', 'gvisor:MqTest.NoQueueExists', 'ltp:mq_open01'],
    },
    {
      id: 'posix-mq.lifecycle.o-creat-of-an-existing-name-opens-that-queue-unchanged',
      kind: 'lifecycle',
      claim: {
        en: 'mq_open with O_CREAT (no O_EXCL) of an existing name opens that queue and ignores the attributes given: the message sent before is there (mq_curmsgs 1).',
        zh: '对已存在的名字以 O_CREAT（不带 O_EXCL）调用 mq_open 会打开该队列并忽略所给属性：之前发送的消息仍在（mq_curmsgs 为 1）。',
      },
      sources: [
        { man: 'mq_open(3)', section: 'DESCRIPTION' },
        { posix: 'mq_open()', section: 'DESCRIPTION' },
      ],
      expect: { equals: 1 },
      probes: [{ fixture: 'posix-mq', case: 'creat-existing-opens-it' }, { ffi: 'posix-mq.creat-existing-opens-it' }],
      peers: ['posix:mq_open/11', 'posix:mq_open/19'],
    },
    {
      id: 'posix-mq.limits.name-longer-than-name-max-gives-enametoolong',
      kind: 'limits',
      claim: {
        en: 'mq_open of a name whose part after the slash is longer than NAME_MAX fails with ENAMETOOLONG.',
        zh: '斜杠之后部分长于 NAME_MAX 的名字，mq_open 会以 ENAMETOOLONG 失败。',
      },
      sources: [
        { man: 'mq_open(3)', section: 'ERRORS' },
        { posix: 'mq_open()', section: 'ERRORS' },
      ],
      expect: { errno: 'ENAMETOOLONG' },
      probes: [{ fixture: 'posix-mq', case: 'open-name-too-long' }, { ffi: 'posix-mq.open-name-too-long' }],
      peers: ['posix:mq_open/27', 'ltp:mq_open01'],
    },
    {
      id: 'posix-mq.limits.unlink-of-a-name-longer-than-name-max-gives-enametoolong',
      kind: 'limits',
      claim: {
        en: 'mq_unlink of a name longer than NAME_MAX after the slash fails with ENAMETOOLONG.',
        zh: '对斜杠之后长于 NAME_MAX 的名字调用 mq_unlink 会以 ENAMETOOLONG 失败。',
      },
      sources: [
        { man: 'mq_unlink(3)', section: 'ERRORS' },
        { posix: 'mq_unlink()', section: 'ERRORS' },
      ],
      expect: { errno: 'ENAMETOOLONG' },
      probes: [{ fixture: 'posix-mq', case: 'unlink-name-too-long' }, { ffi: 'posix-mq.unlink-name-too-long' }],
      peers: ['posix:mq_unlink/6', 'ltp:mq_unlink01'],
    },
    {
      id: 'posix-mq.lifecycle.unlink-of-a-missing-name-gives-enoent',
      kind: 'lifecycle',
      claim: {
        en: 'mq_unlink of a name that no queue has fails with ENOENT.',
        zh: '对不存在的队列名调用 mq_unlink 会以 ENOENT 失败。',
      },
      sources: [
        { man: 'mq_unlink(3)', section: 'ERRORS' },
        { posix: 'mq_unlink()', section: 'ERRORS' },
      ],
      expect: { errno: 'ENOENT' },
      probes: [{ fixture: 'posix-mq', case: 'unlink-missing' }, { ffi: 'posix-mq.unlink-missing' }],
      peers: ['posix:mq_unlink/7', 'ltp:mq_unlink01'],
    },
    {
      id: 'posix-mq.limits.mq-maxmsg-of-zero-gives-einval',
      kind: 'limits',
      claim: {
        en: 'mq_open with O_CREAT and an mq_maxmsg of 0 fails with EINVAL.',
        zh: '以 O_CREAT 且 mq_maxmsg 为 0 调用 mq_open 会以 EINVAL 失败。',
      },
      sources: [
        { man: 'mq_open(3)', section: 'ERRORS' },
        { posix: 'mq_open()', section: 'ERRORS' },
      ],
      expect: { errno: 'EINVAL' },
      probes: [{ fixture: 'posix-mq', case: 'maxmsg-zero' }, { ffi: 'posix-mq.maxmsg-zero' }],
      peers: ['posix:mq_open/25'],
    },
    {
      id: 'posix-mq.lifecycle.getattr-on-a-descriptor-that-is-no-queue-gives-ebadf',
      kind: 'lifecycle',
      claim: {
        en: 'mq_getattr on an open descriptor that is not a message queue (/dev/null) fails with EBADF.',
        zh: '对一个已打开但不是消息队列的描述符（/dev/null）调用 mq_getattr 会以 EBADF 失败。',
      },
      sources: [getattr('ERRORS'), posixGetattr('ERRORS')],
      expect: { errno: 'EBADF' },
      probes: [
        { fixture: 'posix-mq', case: 'call-on-non-queue', args: { call: 'mq_getattr' } },
        { ffi: 'posix-mq.call-on-non-queue', args: { call: 'mq_getattr' } },
      ],
      peers: ['posix:mq_getattr/7'],
    },
    {
      id: 'posix-mq.lifecycle.setattr-on-a-descriptor-that-is-no-queue-gives-ebadf',
      kind: 'lifecycle',
      claim: {
        en: 'mq_setattr on an open descriptor that is not a message queue (/dev/null) fails with EBADF.',
        zh: '对一个已打开但不是消息队列的描述符（/dev/null）调用 mq_setattr 会以 EBADF 失败。',
      },
      sources: [getattr('ERRORS'), posixSetattr('ERRORS')],
      expect: { errno: 'EBADF' },
      probes: [
        { fixture: 'posix-mq', case: 'call-on-non-queue', args: { call: 'mq_setattr' } },
        { ffi: 'posix-mq.call-on-non-queue', args: { call: 'mq_setattr' } },
      ],
      peers: ['posix:mq_setattr/5'],
    },
    {
      id: 'posix-mq.notification.mq-notify-on-a-descriptor-that-is-no-queue-gives-ebadf',
      kind: 'notification',
      claim: {
        en: 'mq_notify on an open descriptor that is not a message queue (/dev/null) fails with EBADF.',
        zh: '对一个已打开但不是消息队列的描述符（/dev/null）调用 mq_notify 会以 EBADF 失败。',
      },
      sources: [
        { man: 'mq_notify(3)', section: 'ERRORS' },
        { posix: 'mq_notify()', section: 'ERRORS' },
      ],
      expect: { errno: 'EBADF' },
      probes: [
        { fixture: 'posix-mq', case: 'call-on-non-queue', args: { call: 'mq_notify' } },
        { ffi: 'posix-mq.call-on-non-queue', args: { call: 'mq_notify' } },
      ],
      peers: ['posix:mq_notify/8', 'ltp:mq_notify01'],
    },
    {
      id: 'posix-mq.direction.send-on-a-descriptor-that-is-no-queue-gives-ebadf',
      kind: 'direction',
      claim: {
        en: 'mq_send on an open descriptor that is not a message queue (/dev/null, open for writing) fails with EBADF.',
        zh: '对一个已打开（可写）但不是消息队列的描述符（/dev/null）调用 mq_send 会以 EBADF 失败。',
      },
      sources: [
        { man: 'mq_send(3)', section: 'ERRORS' },
        { posix: 'mq_send()', section: 'ERRORS' },
      ],
      expect: { errno: 'EBADF' },
      probes: [
        { fixture: 'posix-mq', case: 'call-on-non-queue', args: { call: 'mq_send' } },
        { ffi: 'posix-mq.call-on-non-queue', args: { call: 'mq_send' } },
      ],
      peers: ['posix:mq_send/11'],
    },
    {
      id: 'posix-mq.direction.o-rdwr-descriptor-both-sends-and-receives',
      kind: 'direction',
      claim: {
        en: 'A descriptor opened O_RDWR can do both: the message it sends comes back through its own mq_receive.',
        zh: '以 O_RDWR 打开的描述符收发皆可：它发送的消息可以通过它自己的 mq_receive 取回。',
      },
      sources: [
        { man: 'mq_open(3)', section: 'DESCRIPTION' },
        { posix: 'mq_open()', section: 'DESCRIPTION' },
      ],
      expect: { equals: 'both' },
      probes: [{ fixture: 'posix-mq', case: 'read-write-both-ways' }, { ffi: 'posix-mq.read-write-both-ways' }],
      peers: ['posix:mq_open/9', 'posix:mq_open/1'],
    },
    {
      id: 'posix-mq.lifecycle.mq-close-of-a-closed-descriptor-gives-ebadf',
      kind: 'lifecycle',
      claim: {
        en: 'mq_close of a descriptor that was already closed fails with EBADF.',
        zh: '对已关闭的描述符再次调用 mq_close 会以 EBADF 失败。',
      },
      sources: [
        { man: 'mq_close(3)', section: 'ERRORS' },
        { posix: 'mq_close()', section: 'ERRORS' },
      ],
      expect: { errno: 'EBADF' },
      probes: [{ fixture: 'posix-mq', case: 'close-twice' }],
      peers: ['posix:mq_close/3'],
    },
    {
      id: 'posix-mq.limits.open-without-a-free-descriptor-gives-emfile',
      kind: 'limits',
      claim: {
        en: 'A queue descriptor is a file descriptor on Linux: with RLIMIT_NOFILE leaving no free descriptor, mq_open fails with EMFILE.',
        zh: '在 Linux 上队列描述符就是文件描述符：RLIMIT_NOFILE 不再留有空闲描述符时，mq_open 以 EMFILE 失败。',
      },
      sources: [
        { man: 'mq_open(3)', section: 'ERRORS' },
        { posix: 'mq_open()', section: 'ERRORS' },
        overview('Linux implementation of message queue descriptors'),
      ],
      expect: { errno: 'EMFILE' },
      probes: [{ fixture: 'posix-mq', case: 'open-beyond-rlimit-nofile' }],
      peers: ['posix:mq_open/26'],
    },
    // ---- timed and interrupted waits -----------------------------------------------------------
    {
      id: 'posix-mq.blocking.timedsend-on-full-queue-gives-etimedout',
      kind: 'blocking',
      claim: {
        en: 'mq_timedsend on a full queue gives up with ETIMEDOUT once its deadline passes without room.',
        zh: '向已满队列调用 mq_timedsend，若截止时间前仍无空位，会以 ETIMEDOUT 返回。',
      },
      sources: [
        { man: 'mq_send(3)', section: 'ERRORS' },
        { posix: 'mq_timedsend()', section: 'ERRORS' },
      ],
      expect: { errno: 'ETIMEDOUT' },
      probes: [{ fixture: 'posix-mq', case: 'timedsend-full', args: { timeout_ms: TIMEOUT_MS } }],
      peers: ['posix:mq_timedsend/20', 'gvisor:MqTest.SendTimeout', 'ltp:mq_timedsend01'],
    },
    {
      id: 'posix-mq.blocking.timedsend-waits-at-least-its-timeout',
      kind: 'blocking',
      claim: {
        en: `mq_timedsend on a full queue with a deadline ${TIMEOUT_MS} ms away returns no sooner than ${TIMEOUT_MS} ms.`,
        zh: `向已满队列调用截止时间为 ${TIMEOUT_MS} 毫秒之后的 mq_timedsend，至少等待 ${TIMEOUT_MS} 毫秒才返回。`,
      },
      sources: [
        { man: 'mq_send(3)', section: 'DESCRIPTION' },
        { posix: 'mq_timedsend()', section: 'DESCRIPTION' },
      ],
      expect: { atLeast: TIMEOUT_MS * 1e6 },
      probes: [{ fixture: 'posix-mq', case: 'timedsend-full', args: { timeout_ms: TIMEOUT_MS } }],
      peers: ['posix:mq_timedsend/5'],
    },
    {
      id: 'posix-mq.blocking.timedreceive-with-tv-nsec-of-1e9-gives-einval',
      kind: 'blocking',
      claim: {
        en: 'mq_timedreceive that would block (empty queue) with a deadline whose tv_nsec is 1000000000 fails with EINVAL.',
        zh: '需要阻塞时（队列为空），截止时间的 tv_nsec 为 1000000000 的 mq_timedreceive 会以 EINVAL 失败。',
      },
      sources: [
        { man: 'mq_receive(3)', section: 'ERRORS' },
        { posix: 'mq_timedreceive()', section: 'ERRORS' },
      ],
      expect: { errno: 'EINVAL' },
      probes: [
        { fixture: 'posix-mq', case: 'timedreceive-deadline', args: { deadline: 'nsec-too-big' } },
        { ffi: 'posix-mq.timedreceive-deadline', args: { deadline: 'nsec-too-big' } },
      ],
      peers: ['posix:mq_timedreceive/17', 'gvisor:MqTest.InvalidTime', 'ltp:mq_timedreceive01'],
    },
    {
      id: 'posix-mq.blocking.timedreceive-with-negative-tv-nsec-gives-einval',
      kind: 'blocking',
      claim: {
        en: 'mq_timedreceive that would block (empty queue) with a deadline whose tv_nsec is negative fails with EINVAL.',
        zh: '需要阻塞时（队列为空），截止时间的 tv_nsec 为负数的 mq_timedreceive 会以 EINVAL 失败。',
      },
      sources: [
        { man: 'mq_receive(3)', section: 'ERRORS' },
        { posix: 'mq_timedreceive()', section: 'ERRORS' },
      ],
      expect: { errno: 'EINVAL' },
      probes: [
        { fixture: 'posix-mq', case: 'timedreceive-deadline', args: { deadline: 'nsec-negative' } },
        { ffi: 'posix-mq.timedreceive-deadline', args: { deadline: 'nsec-negative' } },
      ],
      peers: ['posix:mq_timedreceive/17', 'gvisor:MqTest.InvalidTime'],
    },
    {
      id: 'posix-mq.blocking.timedsend-on-full-queue-with-tv-nsec-of-1e9-gives-einval',
      kind: 'blocking',
      claim: {
        en: 'mq_timedsend on a full queue with a deadline whose tv_nsec is 1000000000 fails with EINVAL.',
        zh: '向已满队列调用截止时间 tv_nsec 为 1000000000 的 mq_timedsend 会以 EINVAL 失败。',
      },
      sources: [
        { man: 'mq_send(3)', section: 'ERRORS' },
        { posix: 'mq_timedsend()', section: 'ERRORS' },
      ],
      expect: { errno: 'EINVAL' },
      probes: [{ fixture: 'posix-mq', case: 'timedsend-deadline', args: { deadline: 'nsec-too-big' } }],
      peers: ['posix:mq_timedsend/19', 'gvisor:MqTest.InvalidTime', 'ltp:mq_timedsend01'],
    },
    {
      id: 'posix-mq.blocking.timedreceive-with-a-past-deadline-gives-etimedout',
      kind: 'blocking',
      claim: {
        en: 'mq_timedreceive on an empty queue with a deadline already past fails with ETIMEDOUT (it does not wait).',
        zh: '对空队列调用截止时间已过的 mq_timedreceive 会以 ETIMEDOUT 失败（不会等待）。',
      },
      sources: [
        { man: 'mq_receive(3)', section: 'DESCRIPTION' },
        { posix: 'mq_timedreceive()', section: 'DESCRIPTION' },
      ],
      expect: { errno: 'ETIMEDOUT' },
      probes: [
        { fixture: 'posix-mq', case: 'timedreceive-deadline', args: { deadline: 'past' } },
        { ffi: 'posix-mq.timedreceive-deadline', args: { deadline: 'past' } },
      ],
      peers: ['posix:mq_timedreceive/18', 'gvisor:MqTest.ZeroTimeout'],
    },
    {
      id: 'posix-mq.blocking.timedsend-with-a-past-deadline-gives-etimedout',
      kind: 'blocking',
      claim: {
        en: 'mq_timedsend on a full queue with a deadline already past fails with ETIMEDOUT (it does not wait).',
        zh: '向已满队列调用截止时间已过的 mq_timedsend 会以 ETIMEDOUT 失败（不会等待）。',
      },
      sources: [
        { man: 'mq_send(3)', section: 'DESCRIPTION' },
        { posix: 'mq_timedsend()', section: 'DESCRIPTION' },
      ],
      expect: { errno: 'ETIMEDOUT' },
      probes: [{ fixture: 'posix-mq', case: 'timedsend-deadline', args: { deadline: 'past' } }],
      peers: ['posix:mq_timedsend/15'],
    },
    {
      id: 'posix-mq.blocking.nonblocking-timedreceive-on-empty-queue-gives-eagain',
      kind: 'blocking',
      claim: {
        en: 'With O_NONBLOCK, mq_timedreceive on an empty queue fails at once with EAGAIN instead of waiting for its deadline.',
        zh: '设置 O_NONBLOCK 时，对空队列的 mq_timedreceive 立即以 EAGAIN 失败，而不会等到截止时间。',
      },
      sources: [
        { man: 'mq_receive(3)', section: 'ERRORS' },
        { posix: 'mq_timedreceive()', section: 'ERRORS' },
      ],
      expect: { errno: 'EAGAIN' },
      probes: [{ fixture: 'posix-mq', case: 'timedreceive-nonblocking-empty' }, { ffi: 'posix-mq.timedreceive-nonblocking-empty' }],
      peers: ['posix:mq_timedreceive/7', 'posix:mq_timedreceive/13'],
    },
    {
      id: 'posix-mq.blocking.receive-interrupted-by-a-handler-gives-eintr',
      kind: 'blocking',
      claim: {
        en: 'A blocked mq_receive interrupted by a signal whose handler was installed without SA_RESTART fails with EINTR.',
        zh: '阻塞中的 mq_receive 被一个未设 SA_RESTART 的信号处理函数打断时，以 EINTR 失败。',
      },
      sources: [
        { man: 'mq_receive(3)', section: 'ERRORS' },
        { posix: 'mq_receive()', section: 'ERRORS' },
        { man: 'signal(7)', section: 'Interruption of system calls and library functions by signal handlers' },
      ],
      expect: { errno: 'EINTR' },
      probes: [{ fixture: 'posix-mq', case: 'receive-interrupted' }],
      peers: ['posix:mq_receive/13', 'gvisor:MqTest.InterruptReceive'],
    },
    {
      id: 'posix-mq.blocking.send-interrupted-by-a-handler-gives-eintr',
      kind: 'blocking',
      claim: {
        en: 'A blocked mq_send on a full queue interrupted by a signal whose handler was installed without SA_RESTART fails with EINTR.',
        zh: '向已满队列阻塞中的 mq_send 被一个未设 SA_RESTART 的信号处理函数打断时，以 EINTR 失败。',
      },
      sources: [
        { man: 'mq_send(3)', section: 'ERRORS' },
        { posix: 'mq_send()', section: 'ERRORS' },
        { man: 'signal(7)', section: 'Interruption of system calls and library functions by signal handlers' },
      ],
      expect: { errno: 'EINTR' },
      probes: [{ fixture: 'posix-mq', case: 'send-interrupted' }],
      peers: ['posix:mq_send/12', 'gvisor:MqTest.InterruptSend'],
    },
    // ---- the timed calls keep the untimed calls' rules -----------------------------------------
    {
      id: 'posix-mq.limits.timedreceive-buffer-smaller-than-mq-msgsize-gives-emsgsize',
      kind: 'limits',
      claim: {
        en: 'mq_timedreceive with a buffer one byte smaller than mq_msgsize fails with EMSGSIZE, like mq_receive.',
        zh: '缓冲区比 mq_msgsize 小一个字节时，mq_timedreceive 与 mq_receive 一样以 EMSGSIZE 失败。',
      },
      sources: [
        { man: 'mq_receive(3)', section: 'ERRORS' },
        { posix: 'mq_timedreceive()', section: 'ERRORS' },
      ],
      expect: { errno: 'EMSGSIZE' },
      probes: [
        { fixture: 'posix-mq', case: 'timedreceive-refused', args: { condition: 'small-buffer' } },
        { ffi: 'posix-mq.timedreceive-refused', args: { condition: 'small-buffer' } },
      ],
      peers: ['posix:mq_timedreceive/2', 'posix:mq_timedreceive/15'],
    },
    {
      id: 'posix-mq.direction.timedreceive-on-a-write-only-descriptor-gives-ebadf',
      kind: 'direction',
      claim: {
        en: 'mq_timedreceive on a descriptor opened O_WRONLY fails with EBADF although a message is queued.',
        zh: '对以 O_WRONLY 打开的描述符调用 mq_timedreceive，即使队列中有消息也会以 EBADF 失败。',
      },
      sources: [
        { man: 'mq_receive(3)', section: 'ERRORS' },
        { posix: 'mq_timedreceive()', section: 'ERRORS' },
      ],
      expect: { errno: 'EBADF' },
      probes: [
        { fixture: 'posix-mq', case: 'timedreceive-refused', args: { condition: 'write-only' } },
        { ffi: 'posix-mq.timedreceive-refused', args: { condition: 'write-only' } },
      ],
      peers: ['posix:mq_timedreceive/14'],
    },
    {
      id: 'posix-mq.limits.timedsend-longer-than-mq-msgsize-gives-emsgsize',
      kind: 'limits',
      claim: {
        en: "mq_timedsend of a message one byte longer than the queue's mq_msgsize fails with EMSGSIZE, like mq_send.",
        zh: '发送比队列 mq_msgsize 长一个字节的消息时，mq_timedsend 与 mq_send 一样以 EMSGSIZE 失败。',
      },
      sources: [
        { man: 'mq_send(3)', section: 'ERRORS' },
        { posix: 'mq_timedsend()', section: 'ERRORS' },
      ],
      expect: { errno: 'EMSGSIZE' },
      probes: [
        { fixture: 'posix-mq', case: 'timedsend-refused', args: { condition: 'oversized' } },
        { ffi: 'posix-mq.timedsend-refused', args: { condition: 'oversized' } },
      ],
      peers: ['posix:mq_timedsend/2', 'posix:mq_timedsend/14', 'ltp:mq_timedsend01'],
    },
    {
      id: 'posix-mq.direction.timedsend-on-a-read-only-descriptor-gives-ebadf',
      kind: 'direction',
      claim: {
        en: 'mq_timedsend on a descriptor opened O_RDONLY fails with EBADF.',
        zh: '对以 O_RDONLY 打开的描述符调用 mq_timedsend 会以 EBADF 失败。',
      },
      sources: [
        { man: 'mq_send(3)', section: 'ERRORS' },
        { posix: 'mq_timedsend()', section: 'ERRORS' },
      ],
      expect: { errno: 'EBADF' },
      probes: [
        { fixture: 'posix-mq', case: 'timedsend-refused', args: { condition: 'read-only' } },
        { ffi: 'posix-mq.timedsend-refused', args: { condition: 'read-only' } },
      ],
      peers: ['posix:mq_timedsend/11'],
    },
    {
      id: 'posix-mq.limits.timedsend-priority-of-mq-prio-max-gives-einval',
      kind: 'limits',
      claim: {
        en: 'mq_timedsend with priority sysconf(_SC_MQ_PRIO_MAX) fails with EINVAL, like mq_send.',
        zh: '以 sysconf(_SC_MQ_PRIO_MAX) 为优先级调用 mq_timedsend，与 mq_send 一样以 EINVAL 失败。',
      },
      sources: [
        { man: 'mq_send(3)', section: 'ERRORS' },
        { posix: 'mq_timedsend()', section: 'ERRORS' },
      ],
      expect: { errno: 'EINVAL' },
      probes: [
        { fixture: 'posix-mq', case: 'timedsend-refused', args: { condition: 'prio-max' } },
        { ffi: 'posix-mq.timedsend-refused', args: { condition: 'prio-max' } },
      ],
      peers: ['posix:mq_timedsend/4', 'posix:mq_timedsend/13', 'ltp:mq_timedsend01'],
    },
    {
      id: 'posix-mq.blocking.nonblocking-timedsend-on-full-queue-gives-eagain',
      kind: 'blocking',
      claim: {
        en: 'With O_NONBLOCK, mq_timedsend on a full queue fails at once with EAGAIN instead of waiting for its deadline.',
        zh: '设置 O_NONBLOCK 时，向已满队列调用 mq_timedsend 立即以 EAGAIN 失败，而不会等到截止时间。',
      },
      sources: [
        { man: 'mq_send(3)', section: 'ERRORS' },
        { posix: 'mq_timedsend()', section: 'ERRORS' },
      ],
      expect: { errno: 'EAGAIN' },
      probes: [
        { fixture: 'posix-mq', case: 'timedsend-refused', args: { condition: 'full-nonblocking' } },
        { ffi: 'posix-mq.timedsend-refused', args: { condition: 'full-nonblocking' } },
      ],
      peers: ['posix:mq_timedsend/7', 'posix:mq_timedsend/10', 'ltp:mq_timedsend01'],
    },
    {
      id: 'posix-mq.blocking.timedreceive-takes-a-queued-message-despite-a-past-deadline',
      kind: 'blocking',
      claim: {
        en: 'mq_timedreceive never times out when a message can be taken at once: with a deadline already past it returns the highest-priority message ("high" at 7 before "low" at 1) and its priority.',
        zh: '能立即取到消息时 mq_timedreceive 不会超时：即使截止时间已过，它也返回最高优先级的消息（优先级 7 的 "high" 先于优先级 1 的 "low"）及其优先级。',
      },
      sources: [
        { man: 'mq_receive(3)', section: 'DESCRIPTION' },
        { posix: 'mq_timedreceive()', section: 'DESCRIPTION' },
      ],
      expect: { equals: 'high@7' },
      probes: [
        { fixture: 'posix-mq', case: 'timedreceive-past-deadline-with-message' },
        { ffi: 'posix-mq.timedreceive-past-deadline-with-message' },
      ],
      peers: ['posix:mq_timedreceive/1', 'posix:mq_timedreceive/4', 'posix:mq_timedreceive/10', 'posix:mq_timedreceive/11'],
    },
    {
      id: 'posix-mq.blocking.timedsend-with-room-succeeds-despite-a-past-deadline',
      kind: 'blocking',
      claim: {
        en: 'mq_timedsend never times out when the queue has room: with a deadline already past it still queues the message and returns 0.',
        zh: '队列有空位时 mq_timedsend 不会超时：即使截止时间已过，它仍会把消息入队并返回 0。',
      },
      sources: [
        { man: 'mq_send(3)', section: 'DESCRIPTION' },
        { posix: 'mq_timedsend()', section: 'DESCRIPTION' },
      ],
      expect: { equals: 0 },
      probes: [{ fixture: 'posix-mq', case: 'timedsend-past-deadline-with-room' }, { ffi: 'posix-mq.timedsend-past-deadline-with-room' }],
      peers: ['posix:mq_timedsend/18'],
    },
    {
      id: 'posix-mq.ordering.timedsend-queues-by-priority',
      kind: 'ordering',
      claim: {
        en: 'mq_timedsend places messages by priority like mq_send: priorities sent as 2, 9, 0, 5 come out as 9, 5, 2, 0.',
        zh: 'mq_timedsend 与 mq_send 一样按优先级排放消息：按 2、9、0、5 发送的优先级依次以 9、5、2、0 取出。',
      },
      sources: [
        { man: 'mq_send(3)', section: 'DESCRIPTION' },
        { posix: 'mq_timedsend()', section: 'DESCRIPTION' },
      ],
      expect: { equals: '9,5,2,0' },
      probes: [{ fixture: 'posix-mq', case: 'timedsend-priority-order' }, { ffi: 'posix-mq.timedsend-priority-order' }],
      peers: ['posix:mq_timedsend/1', 'posix:mq_timedsend/3'],
    },
    {
      id: 'posix-mq.blocking.timedreceive-interrupted-by-a-handler-gives-eintr',
      kind: 'blocking',
      claim: {
        en: 'A blocked mq_timedreceive interrupted before its deadline by a signal whose handler was installed without SA_RESTART fails with EINTR.',
        zh: '阻塞中的 mq_timedreceive 在截止时间前被一个未设 SA_RESTART 的信号处理函数打断时，以 EINTR 失败。',
      },
      sources: [
        { man: 'mq_receive(3)', section: 'ERRORS' },
        { posix: 'mq_timedreceive()', section: 'ERRORS' },
      ],
      expect: { errno: 'EINTR' },
      probes: [{ fixture: 'posix-mq', case: 'timedreceive-interrupted' }],
      peers: ['posix:mq_timedreceive/16'],
    },
    {
      id: 'posix-mq.blocking.timedsend-interrupted-by-a-handler-gives-eintr',
      kind: 'blocking',
      claim: {
        en: 'A blocked mq_timedsend on a full queue interrupted before its deadline by a signal whose handler was installed without SA_RESTART fails with EINTR.',
        zh: '向已满队列阻塞中的 mq_timedsend 在截止时间前被一个未设 SA_RESTART 的信号处理函数打断时，以 EINTR 失败。',
      },
      sources: [
        { man: 'mq_send(3)', section: 'ERRORS' },
        { posix: 'mq_timedsend()', section: 'ERRORS' },
      ],
      expect: { errno: 'EINTR' },
      probes: [{ fixture: 'posix-mq', case: 'timedsend-interrupted' }],
      peers: ['posix:mq_timedsend/12', 'ltp:mq_timedsend01'],
    },
    // ---- another user ---------------------------------------------------------------------
    {
      id: 'posix-mq.permissions.mode-0600-denies-another-uid',
      kind: 'permissions',
      claim: {
        en: 'Another unprivileged user cannot open a queue created with mode 0600: mq_open(O_RDWR) fails with EACCES.',
        zh: '其他非特权用户无法打开以 0600 模式创建的队列：mq_open(O_RDWR) 以 EACCES 失败。',
      },
      sources: [
        { man: 'mq_open(3)', section: 'ERRORS' },
        { posix: 'mq_open()', section: 'ERRORS' },
      ],
      expect: { errno: 'EACCES' },
      probes: [{ fixture: 'posix-mq', case: 'other-uid-mode-0600' }],
      requires: ['other-uid'],
      peers: ['posix:mq_open/22', 'posix:mq_open/5'],
    },
    {
      id: 'posix-mq.permissions.owner-cannot-open-its-read-only-queue-for-writing',
      kind: 'permissions',
      claim: {
        en: 'Access to a queue follows its mode like a file: an unprivileged user cannot open its own queue of mode 0400 with O_WRONLY (EACCES).',
        zh: '队列的访问权限像文件一样由模式决定：非特权用户不能以 O_WRONLY 打开自己创建的 0400 模式队列（EACCES）。',
      },
      sources: [
        { man: 'mq_open(3)', section: 'ERRORS' },
        { posix: 'mq_open()', section: 'DESCRIPTION' },
      ],
      expect: { errno: 'EACCES' },
      probes: [{ fixture: 'posix-mq', case: 'other-uid-read-only-mode' }],
      requires: ['other-uid'],
      peers: ['posix:mq_open/5', 'gvisor:MqTest.OpenReadAccess'],
    },
    {
      id: 'posix-mq.limits.mq-maxmsg-above-msg-max-gives-einval-without-cap-sys-resource',
      kind: 'limits',
      claim: {
        en: 'An unprivileged caller cannot create a queue with mq_maxmsg above /proc/sys/fs/mqueue/msg_max: mq_open fails with EINVAL.',
        zh: '非特权调用者无法创建 mq_maxmsg 超过 /proc/sys/fs/mqueue/msg_max 的队列：mq_open 以 EINVAL 失败。',
      },
      sources: [{ man: 'mq_open(3)', section: 'ERRORS' }, overview('/proc interfaces')],
      expect: { errno: 'EINVAL' },
      probes: [{ fixture: 'posix-mq', case: 'other-uid-above-ceiling', args: { attribute: 'maxmsg' } }],
      requires: ['other-uid'],
      peers: ['posix:mq_open/14'],
    },
    {
      id: 'posix-mq.limits.mq-msgsize-above-msgsize-max-gives-einval-without-cap-sys-resource',
      kind: 'limits',
      claim: {
        en: 'An unprivileged caller cannot create a queue with mq_msgsize above /proc/sys/fs/mqueue/msgsize_max: mq_open fails with EINVAL.',
        zh: '非特权调用者无法创建 mq_msgsize 超过 /proc/sys/fs/mqueue/msgsize_max 的队列：mq_open 以 EINVAL 失败。',
      },
      sources: [{ man: 'mq_open(3)', section: 'ERRORS' }, overview('/proc interfaces')],
      expect: { errno: 'EINVAL' },
      probes: [{ fixture: 'posix-mq', case: 'other-uid-above-ceiling', args: { attribute: 'msgsize' } }],
      requires: ['other-uid'],
      peers: ['posix:mq_open/14'],
    },
    {
      id: 'posix-mq.permissions.unlink-by-another-uid-gives-eacces',
      kind: 'permissions',
      claim: {
        en: 'Another unprivileged user cannot remove a queue it does not own: its mq_unlink fails with EACCES.',
        zh: '其他非特权用户无法删除不属于它的队列：它调用 mq_unlink 会以 EACCES 失败。',
      },
      sources: [
        { man: 'mq_unlink(3)', section: 'ERRORS' },
        { posix: 'mq_unlink()', section: 'ERRORS' },
      ],
      expect: { errno: 'EACCES' },
      probes: [{ fixture: 'posix-mq', case: 'other-uid-unlink' }],
      requires: ['other-uid'],
      peers: ['posix:mq_unlink/5', 'ltp:mq_unlink01'],
    },
    {
      id: 'posix-mq.permissions.refused-unlink-leaves-the-queue-in-place',
      kind: 'permissions',
      claim: {
        en: 'A refused mq_unlink changes nothing: after another user’s mq_unlink failed, the queue still opens by its name.',
        zh: '被拒绝的 mq_unlink 不会改变任何东西：其他用户的 mq_unlink 失败后，该队列仍可按名字打开。',
      },
      sources: [
        { man: 'mq_unlink(3)', section: 'RETURN VALUE' },
        { posix: 'mq_unlink()', section: 'RETURN VALUE' },
      ],
      expect: { equals: true },
      probes: [{ fixture: 'posix-mq', case: 'other-uid-unlink' }],
      requires: ['other-uid'],
      peers: ['posix:mq_unlink/4'],
    },
    {
      id: 'posix-mq.limits.queues-beyond-queues-max-give-enospc-without-cap-sys-resource',
      kind: 'limits',
      claim: {
        en: 'An unprivileged user cannot make the system hold more than /proc/sys/fs/mqueue/queues_max queues: the mq_open that would exceed it fails with ENOSPC.',
        zh: '非特权用户无法让系统中的队列数超过 /proc/sys/fs/mqueue/queues_max：将要超出的那次 mq_open 以 ENOSPC 失败。',
      },
      sources: [{ man: 'mq_open(3)', section: 'ERRORS' }, overview('/proc interfaces'), { posix: 'mq_open()', section: 'ERRORS' }],
      expect: { errno: 'ENOSPC' },
      probes: [{ fixture: 'posix-mq', case: 'other-uid-queues-max' }],
      requires: ['other-uid'],
      peers: ['posix:mq_open/30'],
    },
    // ---- notification -------------------------------------------------------------------
    {
      id: 'posix-mq.notification.mq-notify-null-removes-the-registration',
      kind: 'notification',
      claim: {
        en: 'mq_notify with NULL removes the calling process’s registration: a message then sent into the empty queue signals nothing.',
        zh: '以 NULL 调用 mq_notify 会撤销调用进程的注册：此后向空队列发送消息不会产生信号。',
      },
      sources: [
        { man: 'mq_notify(3)', section: 'DESCRIPTION' },
        { posix: 'mq_notify()', section: 'DESCRIPTION' },
      ],
      expect: { equals: 0 },
      probes: [{ fixture: 'posix-mq', case: 'notify-unregistered-by-null' }],
      peers: ['posix:mq_notify/3'],
    },
    {
      id: 'posix-mq.notification.no-notification-when-the-queue-was-not-empty',
      kind: 'notification',
      claim: {
        en: 'Notification is only for a message arriving in an empty queue: with one message already queued, a second one signals nothing.',
        zh: '只有消息到达空队列时才会通知：队列中已有一条消息时，再来一条不会产生信号。',
      },
      sources: [
        { man: 'mq_notify(3)', section: 'DESCRIPTION' },
        { posix: 'mq_notify()', section: 'DESCRIPTION' },
      ],
      expect: { equals: 0 },
      probes: [{ fixture: 'posix-mq', case: 'notify-not-for-nonempty-queue' }],
      peers: ['posix:mq_notify/1'],
    },
    {
      id: 'posix-mq.notification.a-blocked-receiver-takes-the-message-before-notification',
      kind: 'notification',
      claim: {
        en: 'When another process is blocked in mq_receive, a message arriving in the empty queue goes to it and the registered process is not notified.',
        zh: '当另一进程阻塞在 mq_receive 中时，到达空队列的消息交给该进程，已注册的进程不会收到通知。',
      },
      sources: [
        { man: 'mq_notify(3)', section: 'DESCRIPTION' },
        { posix: 'mq_notify()', section: 'DESCRIPTION' },
      ],
      expect: { equals: 0 },
      probes: [{ fixture: 'posix-mq', case: 'notify-blocked-receiver-first' }],
      peers: ['posix:mq_notify/5'],
    },
    {
      id: 'posix-mq.notification.queue-is-free-for-another-registration-after-a-notification',
      kind: 'notification',
      claim: {
        en: 'Once a notification was delivered, the queue is open for registration again: another process’s mq_notify then succeeds (returns 0).',
        zh: '通知送达后，队列可以重新被注册：此时另一进程调用 mq_notify 会成功（返回 0）。',
      },
      sources: [
        { man: 'mq_notify(3)', section: 'DESCRIPTION' },
        { posix: 'mq_notify()', section: 'DESCRIPTION' },
      ],
      expect: { equals: 0 },
      probes: [{ fixture: 'posix-mq', case: 'notify-free-after-delivery' }],
      peers: ['posix:mq_notify/4'],
    },
    {
      id: 'posix-mq.notification.mq-close-removes-the-registration',
      kind: 'notification',
      claim: {
        en: 'Closing the descriptor a process registered through removes its registration: another process’s mq_notify then succeeds instead of failing with EBUSY.',
        zh: '关闭注册时所用的描述符会撤销该进程的注册：此后另一进程调用 mq_notify 会成功，而不是以 EBUSY 失败。',
      },
      sources: [
        { man: 'mq_close(3)', section: 'DESCRIPTION' },
        { posix: 'mq_close()', section: 'DESCRIPTION' },
      ],
      expect: { equals: 0 },
      probes: [{ fixture: 'posix-mq', case: 'notify-freed-by-close' }],
      peers: ['posix:mq_close/2'],
    },
    {
      id: 'posix-mq.notification.notification-signal-has-si-code-si-mesgq',
      kind: 'notification',
      claim: {
        en: 'The signal mq_notify (SIGEV_SIGNAL) delivers carries si_code SI_MESGQ.',
        zh: 'mq_notify（SIGEV_SIGNAL）送出的信号其 si_code 为 SI_MESGQ。',
      },
      sources: [
        { man: 'mq_notify(3)', section: 'DESCRIPTION' },
        { man: 'sigaction(2)', section: 'The siginfo_t argument to a SA_SIGINFO handler' },
      ],
      expect: { equals: 'SI_MESGQ' },
      probes: [{ fixture: 'posix-mq', case: 'notify-si-code' }],
      peers: ['ltp:mq_notify01'],
    },
  ],
});
