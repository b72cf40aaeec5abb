// Which parts of the reference suites concern the mechanisms of this kit: the Open POSIX interfaces,
// LTP syscall folders and gVisor test files the generator imports, and the mechanism each belongs
// to in the report. One table, so that the import and the report cannot disagree about the scope.

/** One row of the per-mechanism table: the kit's mechanisms and the suites' groups that test them. */
export interface MechanismScope {
  /** The row's label: the mechanism ids it stands for. */
  mechanisms: readonly string[];
  /** Open POSIX interfaces (folder names under conformance/interfaces/). */
  openPosix: readonly string[];
  /** LTP syscall folders, relative to testcases/kernel/syscalls/. */
  ltp: readonly string[];
  /** gVisor test files under test/syscalls/linux/, without `.cc`; a trailing `*` takes every file with that prefix. */
  gvisor: readonly string[];
  /**
   * Groups that properties of these mechanisms cite but that test another interface (mmap for shared
   * memory): imported so that their ids validate, reported apart and not counted.
   */
  related?: { openPosix?: readonly string[]; gvisor?: readonly string[] };
}

const SIGNAL_INTERFACES = [
  'sigaction',
  'sigprocmask',
  'pthread_sigmask',
  'kill',
  'killpg',
  'raise',
  'sigqueue',
  'sigwait',
  'sigwaitinfo',
  'sigtimedwait',
  'sigsuspend',
  'sigpending',
  'sigaltstack',
  'signal',
  'sighold',
  'sigrelse',
  'sigignore',
  'sigpause',
  'sigset',
  'sigaddset',
  'sigdelset',
  'sigemptyset',
  'sigfillset',
  'sigismember',
];

const SIGNAL_SYSCALLS = [
  'kill',
  'tkill',
  'tgkill',
  'pause',
  'sigaction',
  'rt_sigaction',
  'sigprocmask',
  'rt_sigprocmask',
  'sigsuspend',
  'rt_sigsuspend',
  'sigwait',
  'sigwaitinfo',
  'sigtimedwait',
  'rt_sigtimedwait',
  'rt_sigqueueinfo',
  'rt_tgsigqueueinfo',
  'sigpending',
  'sigaltstack',
  'signal',
  'sighold',
  'sigrelse',
];

/** The scope, one row per mechanism (or per group of mechanisms the suites do not tell apart). */
export const MECHANISM_SCOPE: readonly MechanismScope[] = [
  { mechanisms: ['pipe'], openPosix: [], ltp: ['pipe', 'pipe2'], gvisor: ['pipe'] },
  { mechanisms: ['fifo'], openPosix: [], ltp: [], gvisor: ['fifo'] },
  {
    mechanisms: ['signal'],
    openPosix: SIGNAL_INTERFACES,
    ltp: SIGNAL_SYSCALLS,
    gvisor: ['sigaction', 'sigaltstack', 'sigprocmask', 'sigtimedwait', 'sigstop', 'kill'],
  },
  {
    mechanisms: ['sysv-msg'],
    openPosix: [],
    ltp: ['ipc/msgctl', 'ipc/msgget', 'ipc/msgrcv', 'ipc/msgsnd', 'ipc/msgstress'],
    gvisor: ['msgqueue'],
  },
  { mechanisms: ['sysv-sem'], openPosix: [], ltp: ['ipc/semctl', 'ipc/semget', 'ipc/semop'], gvisor: ['semaphore'] },
  { mechanisms: ['sysv-shm'], openPosix: [], ltp: ['ipc/shmat', 'ipc/shmctl', 'ipc/shmdt', 'ipc/shmget'], gvisor: ['shm'] },
  {
    mechanisms: ['posix-mq'],
    openPosix: [
      'mq_close',
      'mq_getattr',
      'mq_notify',
      'mq_open',
      'mq_receive',
      'mq_send',
      'mq_setattr',
      'mq_timedreceive',
      'mq_timedsend',
      'mq_unlink',
    ],
    ltp: ['mq_notify', 'mq_open', 'mq_timedreceive', 'mq_timedsend', 'mq_unlink'],
    gvisor: ['mq'],
  },
  {
    mechanisms: ['posix-sem'],
    // Named (sem_open, sem_close, sem_unlink) and unnamed (sem_init, sem_destroy) semaphores.
    openPosix: [
      'sem_close',
      'sem_destroy',
      'sem_getvalue',
      'sem_init',
      'sem_open',
      'sem_post',
      'sem_timedwait',
      'sem_trywait',
      'sem_unlink',
      'sem_wait',
    ],
    ltp: [],
    gvisor: [],
  },
  {
    mechanisms: ['posix-shm'],
    openPosix: ['shm_open', 'shm_unlink'],
    ltp: [],
    gvisor: [],
    related: { openPosix: ['mmap'], gvisor: ['mmap'] },
  },
  {
    mechanisms: ['unix-stream', 'unix-dgram', 'unix-seqpacket'],
    openPosix: [],
    ltp: ['socketpair', 'sendmsg', 'recvmsg'],
    gvisor: ['socket_unix*'],
  },
  // Beyond the tutorial (issue 15). gVisor keeps vmsplice's and pidfd's tests in no file of their own.
  { mechanisms: ['eventfd'], openPosix: [], ltp: ['eventfd', 'eventfd2'], gvisor: ['eventfd'] },
  { mechanisms: ['signalfd'], openPosix: [], ltp: ['signalfd', 'signalfd4'], gvisor: ['signalfd'] },
  { mechanisms: ['memfd'], openPosix: [], ltp: ['memfd_create'], gvisor: ['memfd'] },
  { mechanisms: ['pidfd'], openPosix: [], ltp: ['pidfd_open', 'pidfd_send_signal', 'pidfd_getfd'], gvisor: [] },
  { mechanisms: ['file-locks'], openPosix: [], ltp: ['fcntl', 'flock'], gvisor: ['fcntl', 'flock'] },
  { mechanisms: ['pshared-sync'], openPosix: [], ltp: ['futex'], gvisor: ['futex'] },
  { mechanisms: ['splice'], openPosix: [], ltp: ['splice', 'tee', 'vmsplice'], gvisor: ['splice'] },
  { mechanisms: ['file-mapping'], openPosix: [], ltp: ['mmap', 'msync'], gvisor: ['mmap', 'msync'] },
];

/** The last path component of an LTP folder: the syscall name the lists group tests under. */
export const ltpGroupName = (folder: string): string => folder.slice(folder.lastIndexOf('/') + 1);

/** Every Open POSIX interface the report counts. */
export const OPEN_POSIX_INTERFACES: readonly string[] = MECHANISM_SCOPE.flatMap((row) => row.openPosix);
/** Every Open POSIX interface the generator imports: the counted ones and the related ones. */
export const IMPORTED_OPEN_POSIX_INTERFACES: readonly string[] = MECHANISM_SCOPE.flatMap((row) => [
  ...row.openPosix,
  ...(row.related?.openPosix ?? []),
]);
/** Every LTP syscall folder in scope. */
export const LTP_FOLDERS: readonly string[] = MECHANISM_SCOPE.flatMap((row) => row.ltp);
/** Every gVisor file pattern the generator imports (counted and related). */
export const GVISOR_FILES: readonly string[] = MECHANISM_SCOPE.flatMap((row) => [...row.gvisor, ...(row.related?.gvisor ?? [])]);

/** Whether a gVisor file stem matches one of the patterns. */
export function matchesGvisorPattern(stem: string, patterns: readonly string[]): boolean {
  return patterns.some((pattern) => (pattern.endsWith('*') ? stem.startsWith(pattern.slice(0, -1)) : stem === pattern));
}
