// Signals: signal(7), sigaction(2), sigprocmask(2), sigqueue(3), kill(2), POSIX Signal Concepts.
import { defineMechanism, type Property } from './schema.js';

const signal7 = (section: string) => ({ man: 'signal(7)', section });
const sigaction2 = (section: string) => ({ man: 'sigaction(2)', section });
const kill2 = (section: string) => ({ man: 'kill(2)', section });
const posixConcepts = (section: string) => ({ posix: 'XSH 2.4 Signal Concepts', section });
// The tutorial's signal section: it says signals can be sent between any processes, carry nothing
// but their type, have an order of priority, and that SIGKILL cannot be caught or ignored.
const tutorialSignals = { tutorial: 'ipc-tutorial.zh.md', section: '2. 信号(Signals)' };

/** A signal's default action, observed on a child that leaves it in place. */
function defaultAction(signalName: string, action: string, claim: Property['claim'], expect: Property['expect']): Property {
  return {
    id: `signal.lifecycle.${signalName.toLowerCase()}-default-action-${action}`,
    kind: 'lifecycle',
    claim,
    sources: [signal7('Standard signals'), signal7('Signal dispositions'), posixConcepts('2.4.3 Signal Actions')],
    expect,
    probes: [{ fixture: 'signal', case: 'default-action', args: { signal: signalName } }],
  };
}

export default defineMechanism({
  id: 'signal',
  title: { en: 'Signals', zh: '信号' },
  family: 'signals',
  manPages: ['signal(7)', 'sigaction(2)', 'sigprocmask(2)', 'sigqueue(3)', 'kill(2)', 'getrlimit(2)'],
  properties: [
    {
      id: 'signal.capacity.standard-signal-sent-repeatedly-while-blocked-is-delivered-once',
      kind: 'capacity',
      claim: {
        en: 'A standard signal sent 5 times while blocked is pending only once: unblocking it delivers it a single time.',
        zh: '标准信号在被阻塞期间发送 5 次，只会挂起一份：解除阻塞后只递送一次。',
      },
      sources: [signal7('Queueing and delivery semantics for standard signals'), posixConcepts('2.4.1 Signal Generation and Delivery')],
      expect: { equals: 1 },
      probes: [{ fixture: 'signal', case: 'standard-merged-while-blocked' }, { ffi: 'signal.standard-merged-while-blocked' }],
    },
    {
      id: 'signal.capacity.realtime-signal-sent-repeatedly-while-blocked-is-delivered-each-time',
      kind: 'capacity',
      claim: {
        en: 'A real-time signal queued 5 times while blocked is delivered 5 times once unblocked: instances are queued, not merged.',
        zh: '实时信号在被阻塞期间排队 5 次，解除阻塞后递送 5 次：各实例排队保存，而不会合并。',
      },
      sources: [signal7('Real-time signals'), { man: 'sigqueue(3)', section: 'DESCRIPTION' }],
      expect: { relation: 'equals-evidence', field: 'sent' },
      probes: [{ fixture: 'signal', case: 'realtime-queued-while-blocked' }, { ffi: 'signal.realtime-queued-while-blocked' }],
    },
    {
      id: 'signal.ordering.queued-realtime-signals-arrive-in-sending-order-with-their-values',
      kind: 'ordering',
      claim: {
        en: 'Instances of one real-time signal are delivered in the order they were sent, each with the value given to sigqueue(): signals can carry data, not just their type.',
        zh: '同一实时信号的多个实例按发送顺序递送，且各自带着 sigqueue() 传入的值：信号可以携带数据，而不只是信号类型。',
      },
      sources: [signal7('Real-time signals'), { man: 'sigqueue(3)', section: 'DESCRIPTION' }, tutorialSignals],
      expect: { equals: '1,2,3,4,5' },
      probes: [{ fixture: 'signal', case: 'realtime-values-in-order' }, { ffi: 'signal.realtime-values-in-order' }],
    },
    {
      id: 'signal.ordering.lowest-numbered-realtime-signal-is-delivered-first',
      kind: 'ordering',
      claim: {
        en: 'When several different real-time signals are pending, the lowest-numbered is delivered first, whatever order they were sent in.',
        zh: '多个不同的实时信号同时挂起时，编号最小的先递送，与发送顺序无关。',
      },
      sources: [signal7('Real-time signals'), posixConcepts('2.4.2 Realtime Signal Generation and Delivery'), tutorialSignals],
      expect: { equals: 'SIGRTMIN+0,SIGRTMIN+2,SIGRTMIN+5' },
      probes: [{ fixture: 'signal', case: 'lowest-realtime-first' }, { ffi: 'signal.lowest-realtime-first' }],
    },
    {
      id: 'signal.ordering.pending-standard-signal-is-delivered-before-realtime',
      kind: 'ordering',
      claim: {
        en: 'On Linux, a pending standard signal is delivered before a pending real-time signal, even one sent earlier (POSIX leaves this open).',
        zh: '在 Linux 上，挂起的标准信号先于挂起的实时信号递送，即使后者发送得更早（POSIX 未作规定）。',
      },
      sources: [signal7('Real-time signals')],
      expect: { equals: 'SIGUSR1,SIGRTMIN+0' },
      probes: [{ fixture: 'signal', case: 'standard-before-realtime' }, { ffi: 'signal.standard-before-realtime' }],
    },
    {
      id: 'signal.permissions.sigkill-cannot-be-caught',
      kind: 'permissions',
      claim: {
        en: 'Installing a handler for SIGKILL fails with EINVAL.',
        zh: '为 SIGKILL 安装处理函数会以 EINVAL 失败。',
      },
      sources: [sigaction2('ERRORS'), signal7('Signal dispositions'), tutorialSignals],
      expect: { errno: 'EINVAL' },
      probes: [
        { fixture: 'signal', case: 'sigaction-refused', args: { signal: 'SIGKILL', action: 'catch' } },
        { ffi: 'signal.sigaction-refused', args: { signal: 'SIGKILL', action: 'catch' } },
      ],
    },
    {
      id: 'signal.permissions.sigkill-cannot-be-ignored',
      kind: 'permissions',
      claim: {
        en: 'Setting SIGKILL to SIG_IGN fails with EINVAL.',
        zh: '把 SIGKILL 设为 SIG_IGN 会以 EINVAL 失败。',
      },
      sources: [sigaction2('ERRORS'), signal7('Signal dispositions'), tutorialSignals],
      expect: { errno: 'EINVAL' },
      probes: [
        { fixture: 'signal', case: 'sigaction-refused', args: { signal: 'SIGKILL', action: 'ignore' } },
        { ffi: 'signal.sigaction-refused', args: { signal: 'SIGKILL', action: 'ignore' } },
      ],
    },
    {
      id: 'signal.permissions.sigstop-cannot-be-ignored',
      kind: 'permissions',
      claim: {
        en: 'Setting SIGSTOP to SIG_IGN fails with EINVAL, as for SIGKILL.',
        zh: '把 SIGSTOP 设为 SIG_IGN 会以 EINVAL 失败，与 SIGKILL 相同。',
      },
      sources: [sigaction2('ERRORS'), signal7('Signal dispositions'), { posix: 'sigaction()', section: 'ERRORS' }],
      expect: { errno: 'EINVAL' },
      probes: [
        { fixture: 'signal', case: 'sigaction-refused', args: { signal: 'SIGSTOP', action: 'ignore' } },
        { ffi: 'signal.sigaction-refused', args: { signal: 'SIGSTOP', action: 'ignore' } },
      ],
    },
    {
      id: 'signal.permissions.sigprocmask-silently-leaves-sigkill-and-sigstop-unblocked',
      kind: 'permissions',
      claim: {
        en: 'Blocking every signal with sigprocmask() succeeds, but the resulting mask holds neither SIGKILL nor SIGSTOP.',
        zh: '用 sigprocmask() 阻塞全部信号会成功，但得到的信号掩码中既没有 SIGKILL 也没有 SIGSTOP。',
      },
      sources: [{ man: 'sigprocmask(2)', section: 'NOTES' }, signal7('Signal mask and pending signals')],
      expect: { equals: 0 },
      probes: [{ fixture: 'signal', case: 'sigprocmask-kill-stop' }, { ffi: 'signal.sigprocmask-kill-stop' }],
    },
    {
      id: 'signal.permissions.blocked-sigkill-still-kills',
      kind: 'permissions',
      claim: {
        en: 'A process that has asked to block every signal is still ended by SIGKILL.',
        zh: '即使进程请求阻塞全部信号，SIGKILL 仍会终止它。',
      },
      sources: [{ man: 'sigprocmask(2)', section: 'NOTES' }, signal7('Signal dispositions'), tutorialSignals],
      expect: { signal: 'SIGKILL' },
      probes: [{ fixture: 'signal', case: 'blocked-default-action', args: { signal: 'SIGKILL' } }],
    },
    {
      id: 'signal.permissions.blocked-sigstop-still-stops',
      kind: 'permissions',
      claim: {
        en: 'A process that has asked to block every signal is still stopped by SIGSTOP.',
        zh: '即使进程请求阻塞全部信号，SIGSTOP 仍会使其停止。',
      },
      sources: [{ man: 'sigprocmask(2)', section: 'NOTES' }, signal7('Signal dispositions')],
      expect: { equals: 'stopped' },
      probes: [{ fixture: 'signal', case: 'blocked-default-action', args: { signal: 'SIGSTOP' } }],
    },
    defaultAction(
      'SIGTERM',
      'terminates',
      {
        en: 'Left at its default action, SIGTERM ends the process.',
        zh: '保持默认动作时，SIGTERM 会终止进程。',
      },
      { signal: 'SIGTERM' },
    ),
    defaultAction(
      'SIGQUIT',
      'terminates-with-core',
      {
        en: 'Left at its default action ("core"), SIGQUIT ends the process (the core file is suppressed with RLIMIT_CORE 0; the ending signal is observed).',
        zh: '保持默认动作（"core"）时，SIGQUIT 会终止进程（以 RLIMIT_CORE 为 0 禁止生成 core 文件，观察终止信号）。',
      },
      { signal: 'SIGQUIT' },
    ),
    defaultAction(
      'SIGSEGV',
      'terminates-with-core',
      {
        en: 'Left at its default action ("core"), SIGSEGV sent by kill() ends the process (no core file is written: RLIMIT_CORE is 0).',
        zh: '保持默认动作（"core"）时，用 kill() 发送的 SIGSEGV 会终止进程（RLIMIT_CORE 为 0，不写 core 文件）。',
      },
      { signal: 'SIGSEGV' },
    ),
    defaultAction(
      'SIGCHLD',
      'is-ignore',
      {
        en: 'Left at its default action, SIGCHLD is discarded: the process carries on and exits normally.',
        zh: '保持默认动作时，SIGCHLD 会被丢弃：进程继续运行并正常退出。',
      },
      { equals: 'exited' },
    ),
    defaultAction(
      'SIGTSTP',
      'stops',
      {
        en: 'Left at its default action, SIGTSTP stops the process (sent to a process group that is not orphaned).',
        zh: '保持默认动作时，SIGTSTP 会使进程停止（发送给非孤儿进程组中的进程）。',
      },
      { equals: 'stopped' },
    ),
    {
      id: 'signal.lifecycle.sigcont-resumes-a-stopped-process',
      kind: 'lifecycle',
      claim: {
        en: 'SIGCONT makes a process stopped by SIGSTOP continue, and its parent can see that through waitpid(WCONTINUED).',
        zh: 'SIGCONT 使被 SIGSTOP 停止的进程继续运行，父进程可以通过 waitpid(WCONTINUED) 看到这一点。',
      },
      sources: [signal7('Standard signals'), { man: 'waitpid(2)', section: 'DESCRIPTION' }, posixConcepts('2.4.3 Signal Actions')],
      expect: { equals: 'continued' },
      probes: [{ fixture: 'signal', case: 'stop-then-continue' }],
    },
    {
      id: 'signal.notification.handler-runs-with-its-own-signal-blocked',
      kind: 'notification',
      claim: {
        en: 'While a handler runs, its own signal is blocked: the same signal sent from inside the handler waits until the handler returns.',
        zh: '处理函数运行期间，它所处理的信号被阻塞：在处理函数内再次发送同一信号，要等处理函数返回后才递送。',
      },
      sources: [sigaction2('DESCRIPTION'), posixConcepts('2.4.3 Signal Actions')],
      expect: { equals: 1 },
      probes: [{ fixture: 'signal', case: 'handler-reraise' }],
    },
    {
      id: 'signal.notification.sa-nodefer-lets-a-handler-be-interrupted-by-its-own-signal',
      kind: 'notification',
      claim: {
        en: 'With SA_NODEFER, the same signal sent from inside its handler runs the handler again at once, nested inside the first run.',
        zh: '设置 SA_NODEFER 时，在处理函数内再次发送同一信号会立即再次运行处理函数，嵌套在第一次运行之内。',
      },
      sources: [sigaction2('DESCRIPTION')],
      expect: { equals: 2 },
      probes: [{ fixture: 'signal', case: 'handler-reraise', args: { flag: 'nodefer' } }],
    },
    {
      id: 'signal.blocking.sa-restart-restarts-an-interrupted-read',
      kind: 'blocking',
      claim: {
        en: 'A blocked read() on a pipe interrupted by a handler installed with SA_RESTART resumes after the handler and returns the data that arrives later.',
        zh: '管道上阻塞的 read() 被设置了 SA_RESTART 的处理函数打断后，会在处理函数返回后自动重启，并返回之后到达的数据。',
      },
      sources: [signal7('Interruption of system calls and library functions by signal handlers'), sigaction2('DESCRIPTION')],
      expect: { equals: 1 },
      probes: [{ fixture: 'signal', case: 'read-interrupted-sa-restart' }],
    },
    {
      id: 'signal.blocking.read-interrupted-without-sa-restart-fails-with-eintr',
      kind: 'blocking',
      claim: {
        en: 'A blocked read() on a pipe interrupted by a handler installed without SA_RESTART fails with EINTR.',
        zh: '管道上阻塞的 read() 被未设置 SA_RESTART 的处理函数打断后，会以 EINTR 失败。',
      },
      sources: [signal7('Interruption of system calls and library functions by signal handlers'), { posix: 'read()', section: 'ERRORS' }],
      expect: { errno: 'EINTR' },
      probes: [{ fixture: 'signal', case: 'read-interrupted-no-restart' }],
    },
    {
      id: 'signal.permissions.unprivileged-process-cannot-signal-another-uids-process',
      kind: 'permissions',
      claim: {
        en: 'An unprivileged process (uid 65534) cannot signal a process of another user (root): kill() fails with EPERM. Signals cannot be sent between any two processes.',
        zh: '非特权进程（uid 65534）不能向其他用户（root）的进程发送信号：kill() 以 EPERM 失败。信号并不能在任意进程之间发送。',
      },
      sources: [kill2('DESCRIPTION'), kill2('ERRORS'), { posix: 'kill()', section: 'DESCRIPTION' }, tutorialSignals],
      expect: { errno: 'EPERM' },
      probes: [{ fixture: 'signal', case: 'kill-other-uid' }],
      requires: ['other-uid'],
    },
    {
      id: 'signal.permissions.unprivileged-process-can-signal-a-process-of-its-own-uid',
      kind: 'permissions',
      claim: {
        en: 'An unprivileged process (uid 65534) can signal another process running as the same user.',
        zh: '非特权进程（uid 65534）可以向以同一用户运行的其他进程发送信号。',
      },
      sources: [kill2('DESCRIPTION')],
      expect: { equals: 0 },
      probes: [{ fixture: 'signal', case: 'kill-same-uid' }],
      requires: ['other-uid'],
    },
    {
      id: 'signal.lifecycle.signal-zero-to-a-live-process-succeeds',
      kind: 'lifecycle',
      claim: {
        en: 'kill() with signal 0 to an existing process succeeds and sends nothing: it is an existence (and permission) check.',
        zh: '用信号 0 调用 kill() 指向一个存在的进程会成功且不发送任何信号：这是一种存在性（及权限）检查。',
      },
      sources: [kill2('DESCRIPTION'), { posix: 'kill()', section: 'DESCRIPTION' }],
      expect: { equals: 0 },
      probes: [{ fixture: 'signal', case: 'exists-live' }, { ffi: 'signal.exists-live' }],
    },
    {
      id: 'signal.lifecycle.signal-zero-to-a-reaped-pid-gives-esrch',
      kind: 'lifecycle',
      claim: {
        en: 'kill() with signal 0 to the pid of a child that has exited and been reaped fails with ESRCH.',
        zh: '用信号 0 调用 kill() 指向一个已退出且已被回收的子进程的 pid，会以 ESRCH 失败。',
      },
      sources: [kill2('ERRORS'), { posix: 'kill()', section: 'ERRORS' }],
      expect: { errno: 'ESRCH' },
      probes: [{ fixture: 'signal', case: 'exists-reaped' }, { ffi: 'signal.exists-reaped' }],
    },
    {
      id: 'signal.limits.queued-signals-are-capped-at-rlimit-sigpending',
      kind: 'limits',
      claim: {
        en: 'A user can have at most RLIMIT_SIGPENDING signals queued: with the soft limit lowered to 16, exactly that many sigqueue() calls are accepted.',
        zh: '一个用户最多可以有 RLIMIT_SIGPENDING 个排队信号：软限制降到 16 时，恰好接受这么多次 sigqueue() 调用。',
      },
      sources: [
        { man: 'getrlimit(2)', section: 'RLIMIT_SIGPENDING' },
        signal7('Real-time signals'),
        { man: 'sigqueue(3)', section: 'ERRORS' },
      ],
      expect: { relation: 'equals-evidence', field: 'rlimit_sigpending' },
      probes: [{ fixture: 'signal', case: 'sigqueue-until-rlimit' }],
    },
    {
      id: 'signal.limits.sigqueue-beyond-rlimit-sigpending-gives-eagain',
      kind: 'limits',
      claim: {
        en: 'Once RLIMIT_SIGPENDING signals are queued, sigqueue() fails with EAGAIN.',
        zh: '排队信号达到 RLIMIT_SIGPENDING 后，sigqueue() 以 EAGAIN 失败。',
      },
      sources: [
        { man: 'sigqueue(3)', section: 'ERRORS' },
        { posix: 'sigqueue()', section: 'ERRORS' },
      ],
      expect: { errno: 'EAGAIN' },
      probes: [{ fixture: 'signal', case: 'sigqueue-until-rlimit' }],
    },
  ],
});
