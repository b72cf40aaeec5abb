// Claims of the tutorial's signal chapter, its table of common signals and its examples.
import { defineClaims } from './claimSchema.js';

const SECTION = '2. 信号(Signals)';

export default defineClaims({
  tutorial: 'ipc-tutorial.zh.md',
  claims: [
    {
      id: 'signals.asynchronous-event-notification',
      section: SECTION,
      claim: {
        en: 'Signals are an asynchronous mechanism: they tell a process that some event has happened, whatever the process is doing at that moment.',
        zh: '信号是一种异步机制：无论进程当时在做什么，信号都会告知它某个事件已经发生。',
      },
      status: 'decided',
      decision: {
        evidence: [
          { property: 'signal.blocking.read-interrupted-without-sa-restart-fails-with-eintr', supportsClaimWhen: 'passed' },
          { property: 'signal.blocking.sa-restart-restarts-an-interrupted-read', supportsClaimWhen: 'passed' },
        ],
        whenSupported: 'accurate',
        whenContradicted: 'inaccurate',
        reasoning: {
          en: 'A signal arriving while the process sits in a blocked read() runs its handler there and then, interrupting the call (EINTR, or a restart with SA_RESTART): delivery does not wait for the process to ask for it, which is what asynchronous means.',
          zh: '进程阻塞在 read() 中时到达的信号会当场运行其处理函数并打断该调用（EINTR，或在 SA_RESTART 下重启）：投递不必等进程主动请求，这正是“异步”的含义。',
        },
        correction: {
          en: 'A caught signal interrupts the process wherever it is, including blocking system calls, which then fail with EINTR unless the handler was installed with SA_RESTART.',
          zh: '被捕获的信号会在任何位置打断进程，包括阻塞中的系统调用；除非处理函数以 SA_RESTART 安装，这些调用会以 EINTR 失败。',
        },
      },
    },
    {
      id: 'signals.carry-only-the-signal-number',
      section: SECTION,
      claim: {
        en: 'A signal conveys very little information: nothing but which signal it is.',
        zh: '信号携带的信息极少：仅仅是信号的种类。',
      },
      status: 'decided',
      decision: {
        evidence: [
          { property: 'signal.capacity.standard-signal-sent-repeatedly-while-blocked-is-delivered-once', supportsClaimWhen: 'passed' },
          { property: 'signal.ordering.queued-realtime-signals-arrive-in-sending-order-with-their-values', supportsClaimWhen: 'failed' },
          { property: 'signal.notification.sigwaitinfo-hands-back-the-queued-si-value', supportsClaimWhen: 'failed' },
          { property: 'signal.notification.si-pid-names-the-sending-process', supportsClaimWhen: 'failed' },
          { property: 'signal.notification.si-uid-is-the-senders-real-uid', supportsClaimWhen: 'failed' },
        ],
        whenSupported: 'accurate',
        whenContradicted: 'imprecise',
        reasoning: {
          en: 'For standard signals sent with kill() it is nearly right: even the number of sends is lost, as five sends while blocked make one delivery. But if real-time signals queued with sigqueue() arrive each with the value given, a signal can carry an integer or pointer besides its number (and siginfo_t, as sigwaitinfo() hands it back, also reports the sender’s pid and uid), so “only the type” holds only for standard signals.',
          zh: '对用 kill() 发送的标准信号来说基本正确：连发送次数都会丢失，阻塞期间发送五次只投递一次。但若用 sigqueue() 排队的实时信号各自带着发送时给定的值到达，信号除编号外还能携带一个整数或指针（sigwaitinfo() 取回的 siginfo_t 还会给出发送者的 pid 和 uid），那么“仅有类型”只对标准信号成立。',
        },
        correction: {
          en: 'A standard signal carries its number (plus sender pid/uid in siginfo_t); sigqueue() attaches a value (int or pointer) to a signal, and real-time signals queue each instance with its value.',
          zh: '标准信号携带其编号（siginfo_t 中另有发送者 pid/uid）；sigqueue() 可为信号附带一个值（整数或指针），实时信号的每个实例连同其值一起排队。',
        },
      },
    },
    {
      id: 'signals.meant-for-notification-rather-than-data',
      section: SECTION,
      claim: {
        en: 'Signals are chiefly a way to announce events, not a way to move data.',
        zh: '信号的主要作用是告知某事发生了，搬运数据并非它的用途。',
      },
      status: 'untestable',
      reason: {
        en: 'It states what signals are mostly used for; usage is a matter of practice, which no probe of the kernel can observe.',
        zh: '这说的是信号主要的用途；用途属于实践习惯，任何内核探针都无法观测。',
      },
    },
    {
      id: 'signals.any-process-can-signal-any-other',
      section: SECTION,
      claim: {
        en: 'A signal can be sent from any process to any other process.',
        zh: '一个进程可以给系统中任意其他进程发信号。',
      },
      status: 'decided',
      decision: {
        evidence: [
          { property: 'signal.permissions.unprivileged-process-cannot-signal-another-uids-process', supportsClaimWhen: 'failed' },
          { property: 'signal.permissions.unprivileged-process-can-signal-a-process-of-its-own-uid', supportsClaimWhen: 'passed' },
        ],
        whenSupported: 'accurate',
        whenContradicted: 'inaccurate',
        reasoning: {
          en: 'Signalling a process of the same user works, but if an unprivileged process (uid 65534) gets EPERM from kill() aimed at a root process, signals cannot go between any two processes: the kernel checks permission on every kill().',
          zh: '向同一用户的进程发信号是可行的；但若非特权进程（uid 65534）向 root 进程调用 kill() 得到 EPERM，信号就不能在任意两个进程之间发送：内核在每次 kill() 时都会检查权限。',
        },
        correction: {
          en: 'A process may signal another only if it is privileged (CAP_KILL) or its real or effective uid matches the target’s real or saved set-user-ID (SIGCONT also within the same session); otherwise kill(2) fails with EPERM.',
          zh: '只有具备特权（CAP_KILL），或其实际/有效 uid 与目标的实际 uid 或保存的 set-user-ID 相同（SIGCONT 还允许同一会话内）时，进程才能向另一进程发送信号；否则 kill(2) 以 EPERM 失败。',
        },
      },
    },
    {
      id: 'signals.have-priorities-and-a-delivery-order',
      section: SECTION,
      claim: {
        en: 'Signals have priorities and are handled in a defined order.',
        zh: '信号之间分优先级，处理时遵循确定的先后次序。',
      },
      status: 'decided',
      decision: {
        evidence: [
          { property: 'signal.ordering.lowest-numbered-realtime-signal-is-delivered-first', supportsClaimWhen: 'passed' },
          { property: 'signal.ordering.queued-realtime-signals-arrive-in-sending-order-with-their-values', supportsClaimWhen: 'passed' },
          { property: 'signal.ordering.pending-standard-signal-is-delivered-before-realtime', supportsClaimWhen: 'passed' },
          { property: 'signal.capacity.standard-signal-sent-repeatedly-while-blocked-is-delivered-once', supportsClaimWhen: 'passed' },
        ],
        whenSupported: 'imprecise',
        whenContradicted: 'inaccurate',
        reasoning: {
          en: 'An order exists, but with conditions the tutorial omits: among real-time signals the lowest number goes first and instances of one signal keep their sending order (POSIX); that standard signals go before real-time ones is a Linux choice POSIX leaves open; and repeated standard signals are merged into one, so there is no order among their instances at all. If any of the ordering properties fails, the claimed order does not exist.',
          zh: '顺序确实存在，但有教程略去的条件：实时信号中编号最小的先投递，同一信号的多个实例保持发送顺序（POSIX 规定）；标准信号先于实时信号投递是 Linux 的选择，POSIX 对此未作规定；重复的标准信号会合并为一个，其实例之间根本谈不上顺序。若任一排序属性不成立，所说的顺序就不存在。',
        },
        correction: {
          en: 'Only real-time signals have a specified order (lowest number first, instances queued in sending order); Linux delivers pending standard signals before real-time ones, and a standard signal pending more than once is delivered once.',
          zh: '只有实时信号有规定的顺序（编号小者优先，实例按发送顺序排队）；Linux 先投递挂起的标准信号再投递实时信号，同一标准信号多次挂起只投递一次。',
        },
      },
    },
    {
      id: 'signals.table-of-signal-numbers',
      section: SECTION,
      claim: {
        en: 'The table gives the numbers SIGHUP 1, SIGINT 2, SIGQUIT 3, SIGKILL 9, SIGUSR1 10, SIGSEGV 11, SIGUSR2 12 and SIGTERM 15, and calls SIGUSR1 and SIGUSR2 user-defined signals.',
        zh: '表中给出的编号为 SIGHUP 1、SIGINT 2、SIGQUIT 3、SIGKILL 9、SIGUSR1 10、SIGSEGV 11、SIGUSR2 12、SIGTERM 15，并称 SIGUSR1 与 SIGUSR2 为用户自定义信号。',
      },
      status: 'pending',
      reason: {
        en: 'No property reads signal numbers yet; one is needed. The numbers hold on x86 and ARM, but signal(7) lists SIGUSR1/SIGUSR2 as 30/31 on Alpha and SPARC and 16/17 on MIPS, so portable code uses the names.',
        zh: '目前没有读取信号编号的属性，需要新增。这些编号在 x86 与 ARM 上成立，但 signal(7) 列出 SIGUSR1/SIGUSR2 在 Alpha 和 SPARC 上为 30/31，在 MIPS 上为 16/17，因此可移植代码应使用名字。',
      },
    },
    {
      id: 'signals.sigkill-cannot-be-caught-or-ignored',
      section: SECTION,
      claim: {
        en: 'SIGKILL forces termination; a process can neither catch it nor ignore it.',
        zh: 'SIGKILL 强制终止进程，进程既不能捕获它也不能忽略它。',
      },
      status: 'decided',
      decision: {
        evidence: [
          { property: 'signal.permissions.sigkill-cannot-be-caught', supportsClaimWhen: 'passed' },
          { property: 'signal.permissions.sigkill-cannot-be-ignored', supportsClaimWhen: 'passed' },
          { property: 'signal.permissions.blocked-sigkill-still-kills', supportsClaimWhen: 'passed' },
        ],
        whenSupported: 'accurate',
        whenContradicted: 'inaccurate',
        reasoning: {
          en: 'Installing a handler or SIG_IGN for SIGKILL fails with EINVAL, and even a process that blocked every signal is ended by it.',
          zh: '为 SIGKILL 安装处理函数或设为 SIG_IGN 都会以 EINVAL 失败，即使进程屏蔽了所有信号，也仍会被它终止。',
        },
        correction: {
          en: 'SIGKILL (like SIGSTOP) cannot be caught, ignored or blocked.',
          zh: 'SIGKILL（与 SIGSTOP 一样）不能被捕获、忽略或屏蔽。',
        },
      },
    },
    {
      id: 'signals.sigterm-terminates-by-default',
      section: SECTION,
      claim: {
        en: 'SIGTERM is the ordinary request to terminate, and it ends a process that leaves it at its default action.',
        zh: 'SIGTERM 是常规的终止请求，保持默认动作的进程会因它而结束。',
      },
      status: 'decided',
      decision: {
        evidence: [{ property: 'signal.lifecycle.sigterm-default-action-terminates', supportsClaimWhen: 'passed' }],
        whenSupported: 'accurate',
        whenContradicted: 'inaccurate',
        reasoning: {
          en: 'A process with SIGTERM at its default action is ended by it; unlike SIGKILL it can be caught or ignored, which is what makes it the polite request.',
          zh: '保持默认动作的进程会被 SIGTERM 结束；与 SIGKILL 不同，它可以被捕获或忽略，这正是它作为“礼貌请求”的原因。',
        },
        correction: {
          en: 'SIGTERM’s default action is to terminate the process; the process may catch or ignore it.',
          zh: 'SIGTERM 的默认动作是终止进程，进程可以捕获或忽略它。',
        },
      },
    },
    {
      id: 'signals.sigquit-makes-the-process-quit',
      section: SECTION,
      claim: {
        en: 'SIGQUIT makes the process quit.',
        zh: 'SIGQUIT 使进程退出。',
      },
      status: 'decided',
      decision: {
        evidence: [{ property: 'signal.lifecycle.sigquit-default-action-terminates-with-core', supportsClaimWhen: 'passed' }],
        whenSupported: 'accurate',
        whenContradicted: 'inaccurate',
        reasoning: {
          en: 'Left at its default action, SIGQUIT ends the process; its default action is “core”, so it also dumps core where RLIMIT_CORE allows, which the table does not mention.',
          zh: '保持默认动作时 SIGQUIT 会结束进程；其默认动作为“core”，在 RLIMIT_CORE 允许时还会产生核心转储，表中没有提到这一点。',
        },
        correction: {
          en: 'SIGQUIT’s default action terminates the process and dumps core (if RLIMIT_CORE allows).',
          zh: 'SIGQUIT 的默认动作是终止进程并产生核心转储（若 RLIMIT_CORE 允许）。',
        },
      },
    },
    {
      id: 'signals.sigsegv-reports-an-invalid-memory-access',
      section: SECTION,
      claim: {
        en: 'SIGSEGV is the signal a process receives for an invalid memory reference (a segmentation fault).',
        zh: '进程发生无效内存引用（段错误）时收到的信号是 SIGSEGV。',
      },
      status: 'decided',
      decision: {
        evidence: [
          { property: 'sysv-shm.permissions.write-through-a-read-only-attach-raises-sigsegv', supportsClaimWhen: 'passed' },
          { property: 'signal.lifecycle.sigsegv-default-action-terminates-with-core', supportsClaimWhen: 'passed' },
        ],
        whenSupported: 'accurate',
        whenContradicted: 'inaccurate',
        reasoning: {
          en: 'A store into memory attached read-only ends the process with SIGSEGV, and SIGSEGV at its default action ends the process. Not every bad access gives SIGSEGV, though: touching a mapping past the end of its file or shared memory object gives SIGBUS (posix-shm.capacity.access-past-the-end-of-the-object-raises-sigbus).',
          zh: '向以只读方式附加的内存写入会使进程因 SIGSEGV 结束，SIGSEGV 保持默认动作时也会结束进程。不过并非所有非法访问都产生 SIGSEGV：访问超出文件或共享内存对象末尾的映射会得到 SIGBUS（posix-shm.capacity.access-past-the-end-of-the-object-raises-sigbus）。',
        },
        correction: {
          en: 'An access to unmapped memory or one the mapping’s protection forbids raises SIGSEGV, which by default ends the process with a core dump; access beyond the end of a mapped object raises SIGBUS instead.',
          zh: '访问未映射的内存或映射权限禁止的访问会引发 SIGSEGV，默认结束进程并产生核心转储；访问映射对象末尾之外则引发 SIGBUS。',
        },
      },
    },
    {
      id: 'signals.terminal-generates-sigint-sigquit-and-sighup',
      section: SECTION,
      claim: {
        en: 'The terminal produces SIGINT on Ctrl+C, SIGQUIT on Ctrl+\\ and SIGHUP when the terminal connection is lost.',
        zh: '终端在按下 Ctrl+C 时产生 SIGINT，按下 Ctrl+\\ 时产生 SIGQUIT，终端连接断开时产生 SIGHUP。',
      },
      status: 'pending',
      reason: {
        en: 'It needs properties on a pseudo-terminal that the kit does not have yet: the line discipline sends these to the foreground process group for the VINTR and VQUIT characters (defaults, changeable with stty) and SIGHUP on hangup of the controlling terminal.',
        zh: '需要基于伪终端、本工具集尚未具备的属性：行规程在收到 VINTR、VQUIT 字符（默认值，可用 stty 修改）时把这些信号发给前台进程组，控制终端挂断时发送 SIGHUP。',
      },
    },
    {
      id: 'signals.kill-command-sends-sigterm-unless-told-otherwise',
      section: SECTION,
      claim: {
        en: 'The kill command sends SIGTERM when given only a PID; kill -9 sends SIGKILL and kill -SIGUSR1 sends SIGUSR1.',
        zh: '只给出 PID 时 kill 命令发送 SIGTERM；kill -9 发送 SIGKILL，kill -SIGUSR1 发送 SIGUSR1。',
      },
      status: 'pending',
      reason: {
        en: 'The kit probes the kill(2) system call, not the kill(1) utility or the shell builtin; a property that runs the command and observes which signal arrives is needed.',
        zh: '本工具集探测的是 kill(2) 系统调用，而非 kill(1) 工具或 shell 内建命令；需要一个运行该命令并观察收到哪个信号的属性。',
      },
    },
    {
      id: 'signals.example-sleep-ensures-the-handler-is-installed',
      section: SECTION,
      claim: {
        en: 'In the example, the parent’s one-second sleep is enough to make sure the child has installed its SIGUSR1 handler before the signal is sent.',
        zh: '示例中父进程睡眠一秒，就足以保证子进程在信号发出前已经安装好 SIGUSR1 处理函数。',
      },
      status: 'untestable',
      reason: {
        en: 'It is a race: a sleep orders nothing, and whether the child wins depends on scheduling, which one experiment cannot settle. If it loses, SIGUSR1’s default action ends the child; if the signal lands between signal() and pause(), the child waits forever. Blocking SIGUSR1 before fork() and waiting with sigsuspend() removes the race.',
        zh: '这是竞态：睡眠并不能建立先后顺序，子进程能否抢先取决于调度，单次实验无法判定。若子进程落后，SIGUSR1 的默认动作会结束它；若信号恰好落在 signal() 与 pause() 之间，子进程会永远等待。在 fork() 前屏蔽 SIGUSR1 并用 sigsuspend() 等待即可消除竞态。',
      },
    },
  ],
});
