// Process file descriptors: pidfd_open(2), pidfd_send_signal(2), pidfd_getfd(2), clone(2)
// CLONE_PIDFD, wait(2) P_PIDFD.
import { defineMechanism, type ProbeRef } from './schema.js';

const pidfdOpen2 = (section: string) => ({ man: 'pidfd_open(2)', section });
const pidfdSendSignal2 = (section: string) => ({ man: 'pidfd_send_signal(2)', section });
const pidfdGetfd2 = (section: string) => ({ man: 'pidfd_getfd(2)', section });
const wait2 = (section: string) => ({ man: 'wait(2)', section });

/** A case of the pidfd fixture, with its FFI twin when one process can observe it. */
const fixture = (name: string, args?: Record<string, string | number>): ProbeRef => ({
  fixture: 'pidfd',
  case: name,
  ...(args ? { args } : {}),
});
const both = (name: string): ProbeRef[] => [fixture(name), { ffi: `pidfd.${name}` }];

export default defineMechanism({
  id: 'pidfd',
  title: { en: 'Process file descriptors (pidfd)', zh: '进程文件描述符（pidfd）' },
  family: 'descriptors',
  manPages: ['pidfd_open(2)', 'pidfd_send_signal(2)', 'pidfd_getfd(2)', 'clone(2)', 'wait(2)'],
  properties: [
    {
      id: 'pidfd.notification.a-pidfd-is-not-readable-while-its-process-runs',
      kind: 'notification',
      claim: {
        en: 'While the process a pidfd refers to is running, poll() does not report the pidfd readable.',
        zh: '在 pidfd 所指的进程仍在运行时，poll() 不会报告该 pidfd 可读。',
      },
      sources: [pidfdOpen2('NOTES')],
      expect: { equals: false },
      probes: [fixture('not-readable-while-running')],
      peers: ['ltp:pidfd_open03'],
    },
    {
      id: 'pidfd.notification.a-pidfd-becomes-readable-when-its-process-exits',
      kind: 'notification',
      claim: {
        en: 'poll() on a pidfd waits until the process terminates, and then reports the pidfd readable (POLLIN).',
        zh: '对 pidfd 的 poll() 会一直等到进程终止，随后报告该 pidfd 可读（POLLIN）。',
      },
      sources: [pidfdOpen2('NOTES')],
      expect: { blocks: true },
      probes: [fixture('readable-at-exit')],
      peers: ['ltp:pidfd_open03'],
    },
    {
      id: 'pidfd.notification.pidfd-send-signal-arrives-with-si-code-si-user',
      kind: 'notification',
      claim: {
        en: 'A signal sent with pidfd_send_signal() and no siginfo arrives as kill() would send it: si_code SI_USER, si_pid the sender.',
        zh: '用 pidfd_send_signal() 且不带 siginfo 发送的信号，到达时与 kill() 发送的一样：si_code 为 SI_USER，si_pid 为发送者。',
      },
      sources: [pidfdSendSignal2('DESCRIPTION')],
      expect: { equals: 'SI_USER' },
      probes: [fixture('send-signal-si-user')],
    },
    {
      id: 'pidfd.notification.pidfd-send-signal-with-a-siginfo-delivers-its-si-code-si-queue',
      kind: 'notification',
      claim: {
        en: 'pidfd_send_signal() with a siginfo delivers that siginfo, as rt_sigqueueinfo() would: the receiver sees si_code SI_QUEUE and the sender’s si_value.',
        zh: '带 siginfo 调用 pidfd_send_signal() 会像 rt_sigqueueinfo() 一样递送该 siginfo：接收者看到 si_code 为 SI_QUEUE 以及发送者的 si_value。',
      },
      sources: [pidfdSendSignal2('DESCRIPTION'), { man: 'rt_sigqueueinfo(2)', section: 'DESCRIPTION' }],
      expect: { equals: 'SI_QUEUE' },
      probes: [fixture('send-signal-with-info')],
      peers: ['ltp:pidfd_send_signal01'],
    },
    {
      id: 'pidfd.lifecycle.pidfd-send-signal-after-the-process-was-reaped-gives-esrch',
      kind: 'lifecycle',
      claim: {
        en: 'Once its process has terminated and been waited for, a pidfd reaches no process: pidfd_send_signal() fails with ESRCH, whatever now holds the pid number.',
        zh: '一旦其进程终止并被回收，pidfd 便不再指向任何进程：pidfd_send_signal() 以 ESRCH 失败，无论该 pid 号此时属于谁。',
      },
      sources: [pidfdSendSignal2('ERRORS'), pidfdSendSignal2('NOTES')],
      expect: { errno: 'ESRCH' },
      probes: [fixture('signal-after-reap')],
    },
    {
      id: 'pidfd.lifecycle.pidfd-send-signal-after-reap-gives-esrch-even-when-the-pid-number-is-reused',
      kind: 'lifecycle',
      claim: {
        en: 'A pidfd keeps referring to its own process, not to its number: once a new process holds the reaped one’s pid, pidfd_send_signal() through the old pidfd still fails with ESRCH while kill() of the number reaches the new process.',
        zh: 'pidfd 始终指向它自己的进程而不是 pid 号：当新进程拿到已回收进程的 pid 之后，经由旧 pidfd 的 pidfd_send_signal() 仍以 ESRCH 失败，而对该 pid 号的 kill() 会到达新进程。',
      },
      sources: [
        pidfdSendSignal2('ERRORS'),
        pidfdSendSignal2('NOTES'),
        { man: 'pid_namespaces(7)', section: '/proc/sys/kernel/ns_last_pid' },
      ],
      expect: { errno: 'ESRCH' },
      probes: [fixture('signal-after-pid-reuse')],
      requires: ['pid-namespace', 'checkpoint-restore'],
      peers: ['ltp:pidfd_send_signal03'],
    },
    {
      id: 'pidfd.lifecycle.pidfd-open-of-a-pid-no-process-has-gives-esrch',
      kind: 'lifecycle',
      claim: {
        en: 'pidfd_open() of a pid that no process has (2^22, beyond any pid_max) fails with ESRCH.',
        zh: '对没有任何进程使用的 pid（2^22，超出任何 pid_max）调用 pidfd_open() 会以 ESRCH 失败。',
      },
      sources: [pidfdOpen2('ERRORS'), { man: 'proc(5)', section: '/proc/sys/kernel/pid_max' }],
      expect: { errno: 'ESRCH' },
      probes: both('open-nonexistent'),
      peers: ['ltp:pidfd_open02'],
    },
    {
      id: 'pidfd.limits.pidfd-open-with-an-undefined-flag-gives-einval',
      kind: 'limits',
      claim: {
        en: 'pidfd_open() with a flag bit other than PIDFD_NONBLOCK (and PIDFD_THREAD) fails with EINVAL.',
        zh: '带有 PIDFD_NONBLOCK（及 PIDFD_THREAD）以外标志位的 pidfd_open() 会以 EINVAL 失败。',
      },
      sources: [pidfdOpen2('ERRORS')],
      expect: { errno: 'EINVAL' },
      probes: both('open-bad-flags'),
      peers: ['ltp:pidfd_open02'],
    },
    {
      id: 'pidfd.kin.pidfd-open-sets-close-on-exec',
      kind: 'kin',
      claim: {
        en: 'The descriptor pidfd_open() returns has the close-on-exec flag set.',
        zh: 'pidfd_open() 返回的描述符设置了 close-on-exec 标志。',
      },
      sources: [pidfdOpen2('DESCRIPTION')],
      expect: { equals: true },
      probes: both('open-self-cloexec'),
      peers: ['ltp:pidfd_open01'],
    },
    {
      id: 'pidfd.limits.pidfd-open-of-a-thread-that-is-not-a-group-leader-is-refused',
      kind: 'limits',
      claim: {
        en: 'Without PIDFD_THREAD, pidfd_open() of a thread that is not its thread group’s leader fails (returns -1), since pid must then name a process; the errno is the kernel’s (EINVAL before Linux 6.15, ENOENT since).',
        zh: '不带 PIDFD_THREAD 时，对非线程组组长的线程调用 pidfd_open() 会失败（返回 -1），因为此时 pid 必须指向一个进程；errno 随内核而定（Linux 6.15 之前为 EINVAL，之后为 ENOENT）。',
      },
      sources: [pidfdOpen2('DESCRIPTION'), pidfdOpen2('ERRORS')],
      expect: { equals: -1 },
      probes: [fixture('thread-refused')],
    },
    {
      id: 'pidfd.direction.pidfd-getfd-shares-the-open-file-description-and-its-offset',
      kind: 'direction',
      claim: {
        en: 'pidfd_getfd() gives the caller a descriptor for the same open file description as the target’s: moving its offset moves the target’s.',
        zh: 'pidfd_getfd() 给调用者的描述符与目标进程的指向同一个打开文件描述：移动它的偏移量也就移动了目标的偏移量。',
      },
      sources: [pidfdGetfd2('DESCRIPTION'), { man: 'dup(2)', section: 'DESCRIPTION' }],
      expect: { relation: 'equals-evidence', field: 'moved_to' },
      probes: [fixture('getfd-shares-offset')],
      peers: ['ltp:pidfd_getfd01'],
    },
    {
      id: 'pidfd.permissions.pidfd-getfd-without-ptrace-permission-gives-eperm',
      kind: 'permissions',
      claim: {
        en: 'An unprivileged process of another uid may open a pidfd of a root process but not take its descriptors: pidfd_getfd() fails with EPERM.',
        zh: '另一 uid 的非特权进程可以打开 root 进程的 pidfd，却不能取走其描述符：pidfd_getfd() 以 EPERM 失败。',
      },
      sources: [pidfdGetfd2('DESCRIPTION'), pidfdGetfd2('ERRORS'), { man: 'ptrace(2)', section: 'Ptrace access mode checking' }],
      expect: { errno: 'EPERM' },
      probes: [fixture('getfd-other-uid')],
      requires: ['other-uid'],
      peers: ['ltp:pidfd_getfd02'],
    },
    {
      id: 'pidfd.kin.clone-pidfd-hands-back-a-pidfd-of-the-child',
      kind: 'kin',
      claim: {
        en: 'clone() with CLONE_PIDFD stores a pidfd of the new child in the parent: waitid(P_PIDFD) on it reports that child.',
        zh: '带 CLONE_PIDFD 的 clone() 会在父进程中存入新子进程的 pidfd：对它调用 waitid(P_PIDFD) 报告的正是该子进程。',
      },
      sources: [{ man: 'clone(2)', section: 'CLONE_PIDFD' }, wait2('DESCRIPTION')],
      expect: { equals: true },
      probes: [fixture('clone-pidfd')],
    },
    {
      id: 'pidfd.lifecycle.waitid-p-pidfd-reaps-the-child-and-gives-its-exit-status',
      kind: 'lifecycle',
      claim: {
        en: 'waitid(P_PIDFD, pidfd, WEXITED) waits for the child the pidfd refers to, reaps it and reports its exit status.',
        zh: 'waitid(P_PIDFD, pidfd, WEXITED) 等待 pidfd 所指的子进程，将其回收并报告其退出状态。',
      },
      sources: [wait2('DESCRIPTION'), pidfdOpen2('NOTES')],
      expect: { relation: 'equals-evidence', field: 'exit_status_given' },
      probes: [fixture('waitid-reaps-with-status')],
    },
    {
      id: 'pidfd.blocking.waitid-on-a-pidfd-nonblock-of-a-running-child-gives-eagain',
      kind: 'blocking',
      claim: {
        en: 'waitid(P_PIDFD) on a pidfd opened with PIDFD_NONBLOCK returns at once with EAGAIN while the child still runs.',
        zh: '对以 PIDFD_NONBLOCK 打开的 pidfd 调用 waitid(P_PIDFD)，若子进程仍在运行则立即以 EAGAIN 返回。',
      },
      sources: [pidfdOpen2('DESCRIPTION'), wait2('ERRORS')],
      expect: { errno: 'EAGAIN' },
      probes: [fixture('nonblock-waitid-eagain')],
      peers: ['ltp:pidfd_open04'],
    },
  ],
});
