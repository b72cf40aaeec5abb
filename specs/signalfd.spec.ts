// signalfd: blocked signals taken by reading a descriptor — signalfd(2), with sigprocmask(2) and
// sigqueue(3) for how the signals are blocked and sent.
import { defineMechanism } from './schema.js';

const signalfd2 = (section: string) => ({ man: 'signalfd(2)', section });
const sigqueue3 = { man: 'sigqueue(3)', section: 'DESCRIPTION' };
const signal7 = (section: string) => ({ man: 'signal(7)', section });

const siginfoProbes = (field: string, sender: 'kill' | 'sigqueue', ffi: boolean) => [
  { fixture: 'signalfd', case: 'siginfo', args: { field, sender } },
  ...(ffi ? [{ ffi: 'signalfd.siginfo', args: { field, sender: 'sigqueue' } }] : []),
];

export default defineMechanism({
  id: 'signalfd',
  title: { en: 'signalfd descriptors', zh: 'signalfd 描述符' },
  family: 'signals',
  manPages: ['signalfd(2)', 'sigprocmask(2)', 'sigqueue(3)', 'signal(7)'],
  properties: [
    {
      id: 'signalfd.direction.an-unblocked-signal-is-delivered-not-read',
      kind: 'direction',
      claim: {
        en: 'A signal in the descriptor’s mask but not blocked is delivered by its disposition (here a handler) as usual, and a read of the descriptor finds nothing.',
        zh: '信号在描述符的掩码中但未被阻塞时，照常按其处置方式递送（此处为处理函数），读取描述符得不到它。',
      },
      sources: [signalfd2('DESCRIPTION'), signal7('Signal mask and pending signals')],
      expect: { equals: 'handler' },
      probes: [{ fixture: 'signalfd', case: 'unblocked-delivered' }],
    },
    {
      id: 'signalfd.notification.ssi-pid-is-the-sender',
      kind: 'notification',
      claim: {
        en: 'ssi_pid of a signal read through the descriptor is the process ID of the process that sent it.',
        zh: '通过描述符读到的信号，其 ssi_pid 为发送该信号的进程的 PID。',
      },
      sources: [signalfd2('The signalfd_siginfo structure')],
      expect: { relation: 'equals-evidence', field: 'sender_pid' },
      probes: siginfoProbes('pid', 'kill', false),
    },
    {
      id: 'signalfd.notification.ssi-uid-is-the-senders-real-uid',
      kind: 'notification',
      claim: {
        en: 'ssi_uid of a signal read through the descriptor is the real user ID of the sender (a root sender whose real uid is 65534 gives 65534).',
        zh: '通过描述符读到的信号，其 ssi_uid 为发送者的真实用户 ID（真实 uid 为 65534 的 root 发送者给出 65534）。',
      },
      sources: [
        signalfd2('The signalfd_siginfo structure'),
        { man: 'sigaction(2)', section: 'The siginfo_t argument to a SA_SIGINFO handler' },
      ],
      expect: { relation: 'equals-evidence', field: 'sender_uid' },
      probes: siginfoProbes('uid', 'kill', false),
    },
    {
      id: 'signalfd.notification.ssi-code-is-si-user-for-kill',
      kind: 'notification',
      claim: {
        en: 'A signal sent with kill() is read with ssi_code SI_USER.',
        zh: '由 kill() 发送的信号，读到的 ssi_code 为 SI_USER。',
      },
      sources: [signalfd2('The signalfd_siginfo structure'), { man: 'sigaction(2)', section: 'The si_code field' }],
      expect: { equals: 'SI_USER' },
      probes: siginfoProbes('code', 'kill', false),
    },
    {
      id: 'signalfd.notification.ssi-code-is-si-queue-for-sigqueue',
      kind: 'notification',
      claim: {
        en: 'A signal sent with sigqueue() is read with ssi_code SI_QUEUE.',
        zh: '由 sigqueue() 发送的信号，读到的 ssi_code 为 SI_QUEUE。',
      },
      sources: [signalfd2('The signalfd_siginfo structure'), { man: 'sigaction(2)', section: 'The si_code field' }, sigqueue3],
      expect: { equals: 'SI_QUEUE' },
      probes: siginfoProbes('code', 'sigqueue', true),
    },
    {
      id: 'signalfd.notification.ssi-int-carries-the-sigqueue-value',
      kind: 'notification',
      claim: {
        en: 'ssi_int of a signal sent with sigqueue() holds the integer value the sender passed (42).',
        zh: '由 sigqueue() 发送的信号，其 ssi_int 保存发送者传入的整数值（42）。',
      },
      sources: [signalfd2('The signalfd_siginfo structure'), sigqueue3],
      expect: { relation: 'equals-evidence', field: 'sent_value' },
      probes: siginfoProbes('int', 'sigqueue', true),
      peers: ['gvisor:Signalfd.RtQueueDeliversPayload'],
    },
    {
      id: 'signalfd.ordering.realtime-signals-are-read-once-each-in-sending-order',
      kind: 'ordering',
      claim: {
        en: 'Three instances of one real-time signal queued while blocked are read one per record, each once, in the order they were sent (values 1,2,3).',
        zh: '阻塞期间排队的同一实时信号的三个实例，每条记录读出一个，各读一次，顺序与发送顺序相同（值为 1,2,3）。',
      },
      sources: [signalfd2('DESCRIPTION'), signal7('Real-time signals')],
      expect: { equals: '1,2,3' },
      probes: [
        { fixture: 'signalfd', case: 'realtime-order', args: { count: 3 } },
        { ffi: 'signalfd.realtime-order', args: { count: 3 } },
      ],
      peers: ['gvisor:Signalfd.RtQueueDeliversPayload'],
    },
    {
      id: 'signalfd.capacity.a-standard-signal-sent-repeatedly-is-read-once',
      kind: 'capacity',
      claim: {
        en: 'A standard signal sent three times while blocked is pending only once, so the descriptor gives a single record for it.',
        zh: '阻塞期间发送三次的标准信号只挂起一次，因此描述符只为它给出一条记录。',
      },
      sources: [signalfd2('DESCRIPTION'), signal7('Signal mask and pending signals')],
      expect: { equals: 1 },
      probes: [
        { fixture: 'signalfd', case: 'standard-merged', args: { count: 3 } },
        { ffi: 'signalfd.standard-merged', args: { count: 3 } },
      ],
    },
    {
      id: 'signalfd.permissions.sigkill-and-sigstop-in-the-mask-still-act',
      kind: 'permissions',
      claim: {
        en: 'signalfd() accepts a mask holding SIGKILL and SIGSTOP but ignores them: a process reading such a descriptor is still stopped by SIGSTOP and killed by SIGKILL.',
        zh: 'signalfd() 接受含 SIGKILL 和 SIGSTOP 的掩码但会忽略它们：读取这种描述符的进程仍会被 SIGSTOP 停止、被 SIGKILL 杀死。',
      },
      sources: [signalfd2('DESCRIPTION'), signal7('Signal dispositions')],
      expect: { equals: 'stopped,SIGKILL' },
      probes: [{ fixture: 'signalfd', case: 'kill-stop-in-mask' }],
      peers: ['gvisor:Signalfd.KillStillKills'],
    },
    {
      id: 'signalfd.limits.a-buffer-smaller-than-signalfd-siginfo-gives-einval',
      kind: 'limits',
      claim: {
        en: 'A read whose buffer is smaller than struct signalfd_siginfo (128 bytes) fails with EINVAL, even with a signal pending.',
        zh: '缓冲区小于 struct signalfd_siginfo（128 字节）的读取以 EINVAL 失败，即使有信号挂起。',
      },
      sources: [signalfd2('read(2)'), signalfd2('ERRORS')],
      expect: { errno: 'EINVAL' },
      probes: [{ fixture: 'signalfd', case: 'small-buffer' }, { ffi: 'signalfd.small-buffer' }],
    },
    {
      id: 'signalfd.blocking.read-with-none-pending-blocks-until-one-arrives',
      kind: 'blocking',
      claim: {
        en: 'A read of a descriptor with none of its signals pending blocks until one is sent.',
        zh: '描述符所监视的信号均未挂起时，读取会阻塞，直到其中一个信号被发送。',
      },
      sources: [signalfd2('read(2)')],
      expect: { blocks: true },
      probes: [{ fixture: 'signalfd', case: 'read-blocks' }],
      peers: ['gvisor:SignalfdTest.Blocking'],
    },
    {
      id: 'signalfd.blocking.sfd-nonblock-read-with-none-pending-gives-eagain',
      kind: 'blocking',
      claim: {
        en: 'With SFD_NONBLOCK a read with none of the signals pending fails at once with EAGAIN.',
        zh: '设置 SFD_NONBLOCK 时，若无信号挂起，读取立即以 EAGAIN 失败。',
      },
      sources: [signalfd2('read(2)'), signalfd2('SFD_NONBLOCK')],
      expect: { errno: 'EAGAIN' },
      probes: [{ fixture: 'signalfd', case: 'nonblocking-empty' }, { ffi: 'signalfd.nonblocking-empty' }],
      peers: ['ltp:signalfd4_02', 'gvisor:SignalfdTest.Nonblock'],
    },
    {
      id: 'signalfd.notification.readable-once-a-signal-is-pending',
      kind: 'notification',
      claim: {
        en: 'poll() reports the descriptor not readable while none of its signals is pending, and readable (POLLIN) once one is.',
        zh: '描述符所监视的信号均未挂起时，poll() 报告其不可读；一旦有信号挂起，即报告可读（POLLIN）。',
      },
      sources: [signalfd2('poll(2), select(2) (and similar)')],
      expect: { equals: 'none,in' },
      probes: [{ fixture: 'signalfd', case: 'readiness' }, { ffi: 'signalfd.readiness' }],
      peers: ['gvisor:SignalfdTest.Poll'],
    },
    {
      id: 'signalfd.lifecycle.a-signal-read-is-no-longer-pending',
      kind: 'lifecycle',
      claim: {
        en: 'Reading a signal through the descriptor consumes it: sigpending() no longer shows it afterwards.',
        zh: '通过描述符读取信号即将其消耗：之后 sigpending() 不再显示该信号。',
      },
      sources: [signalfd2('read(2)'), { man: 'sigpending(2)', section: 'DESCRIPTION' }],
      expect: { equals: false },
      probes: [{ fixture: 'signalfd', case: 'consumed' }, { ffi: 'signalfd.consumed' }],
      peers: ['gvisor:SignalfdTest.Nonblock'],
    },
    {
      id: 'signalfd.kin.a-forked-child-reads-its-own-signals',
      kind: 'kin',
      claim: {
        en: 'A child created by fork() that reads the inherited descriptor gets the signals pending for itself (SIGWINCH it raised), not those pending for its parent (SIGUSR1).',
        zh: 'fork() 创建的子进程读取继承来的描述符时，得到的是自身挂起的信号（它自己产生的 SIGWINCH），而不是父进程挂起的信号（SIGUSR1）。',
      },
      sources: [signalfd2('fork(2) semantics')],
      expect: { equals: 'SIGWINCH' },
      probes: [{ fixture: 'signalfd', case: 'forked-child-reads-own' }],
    },
    {
      id: 'signalfd.lifecycle.signalfd-on-an-existing-descriptor-replaces-its-mask',
      kind: 'lifecycle',
      claim: {
        en: 'signalfd(fd, mask) on an existing signalfd replaces its mask: after switching from SIGUSR1 to SIGWINCH, a read returns SIGWINCH and never SIGUSR1.',
        zh: '对已有的 signalfd 调用 signalfd(fd, mask) 会替换其掩码：从 SIGUSR1 改为 SIGWINCH 后，读取返回 SIGWINCH，而不会返回 SIGUSR1。',
      },
      sources: [signalfd2('DESCRIPTION')],
      expect: { equals: 'SIGWINCH' },
      probes: [{ fixture: 'signalfd', case: 'mask-update' }, { ffi: 'signalfd.mask-update' }],
      peers: ['ltp:signalfd01', 'gvisor:SignalfdTest.SetMask'],
    },
  ],
});
