// Process-shared synchronisation: pthread mutexes and condition variables placed in memory two
// processes share, robust mutexes, and the futex(2) system call they are built on.
// pthread_mutexattr_setpshared(3), pthread_condattr_setpshared(3), pthread_mutexattr_setrobust(3),
// pthread_mutex_consistent(3), pthread_mutex_lock(3p), futex(2).
import { defineMechanism } from './schema.js';

const setpshared = (section: string) => ({ man: 'pthread_mutexattr_setpshared(3)', section });
const setrobust = (section: string) => ({ man: 'pthread_mutexattr_setrobust(3)', section });
const consistent = (section: string) => ({ man: 'pthread_mutex_consistent(3)', section });
const posixLock = (section: string) => ({ posix: 'pthread_mutex_lock()', section });
const futex2 = (section: string) => ({ man: 'futex(2)', section });

/** The delay after which a helper relieves a wait, and the deadlines of timed waits (ms). */
const DELAY_MS = 200;
/** Additions per process in the exclusion property: enough for unguarded updates to collide. */
const INCREMENTS = 20000;

export default defineMechanism({
  id: 'pshared-sync',
  title: {
    en: 'Process-shared synchronisation (pthread mutexes, condition variables, futexes)',
    zh: '进程间共享的同步（pthread 互斥锁、条件变量、futex）',
  },
  family: 'synchronisation',
  manPages: [
    'pthread_mutexattr_setpshared(3)',
    'pthread_condattr_setpshared(3)',
    'pthread_mutexattr_setrobust(3)',
    'pthread_mutex_consistent(3)',
    'pthread_mutex_lock(3p)',
    'futex(2)',
  ],
  properties: [
    {
      id: 'pshared-sync.atomicity.shared-mutex-excludes-across-processes',
      kind: 'atomicity',
      claim: {
        en: `A PTHREAD_PROCESS_SHARED mutex in a MAP_SHARED mapping excludes across processes: two processes each adding 1 to a shared counter ${INCREMENTS} times under it end with exactly ${2 * INCREMENTS}.`,
        zh: `放在 MAP_SHARED 映射中的 PTHREAD_PROCESS_SHARED 互斥锁可在进程之间互斥：两个进程各在锁内对共享计数器加 1 共 ${INCREMENTS} 次，结果恰为 ${2 * INCREMENTS}。`,
      },
      sources: [setpshared('DESCRIPTION'), { posix: 'pthread_mutexattr_getpshared()', section: 'DESCRIPTION' }, posixLock('DESCRIPTION')],
      expect: { equals: 2 * INCREMENTS },
      probes: [{ fixture: 'pshared-sync', case: 'counter-under-mutex', args: { increments: INCREMENTS } }],
    },
    {
      id: 'pshared-sync.blocking.trylock-of-a-mutex-held-by-another-process-gives-ebusy',
      kind: 'blocking',
      claim: {
        en: 'pthread_mutex_trylock on a process-shared mutex that another process holds returns EBUSY at once instead of waiting.',
        zh: '对另一进程持有的进程共享互斥锁调用 pthread_mutex_trylock，会立即返回 EBUSY 而不等待。',
      },
      sources: [posixLock('ERRORS'), { man: 'pthread_mutex_lock(3p)', section: 'ERRORS' }],
      expect: { errno: 'EBUSY' },
      probes: [{ fixture: 'pshared-sync', case: 'trylock-held-elsewhere' }],
    },
    {
      id: 'pshared-sync.kin.mutex-attribute-defaults-to-process-private',
      kind: 'kin',
      claim: {
        en: 'A freshly initialised mutex attribute object reports PTHREAD_PROCESS_PRIVATE through pthread_mutexattr_getpshared: sharing between processes must be asked for.',
        zh: '新初始化的互斥锁属性对象经 pthread_mutexattr_getpshared 报告 PTHREAD_PROCESS_PRIVATE：进程间共享必须显式请求。',
      },
      sources: [setpshared('DESCRIPTION'), { posix: 'pthread_mutexattr_getpshared()', section: 'DESCRIPTION' }],
      expect: { equals: 'PTHREAD_PROCESS_PRIVATE' },
      probes: [{ fixture: 'pshared-sync', case: 'mutexattr-default-pshared' }, { ffi: 'pshared-sync.mutexattr-default-pshared' }],
    },
    {
      id: 'pshared-sync.notification.shared-condition-variable-wakes-a-waiter-in-another-process',
      kind: 'notification',
      claim: {
        en: `A waiter in one process on a PTHREAD_PROCESS_SHARED condition variable stays blocked until another process signals it (${DELAY_MS} ms later), then returns 0.`,
        zh: `在 PTHREAD_PROCESS_SHARED 条件变量上等待的进程会一直阻塞，直到另一进程发出信号（${DELAY_MS} 毫秒后），然后返回 0。`,
      },
      sources: [
        { man: 'pthread_condattr_setpshared(3)', section: 'DESCRIPTION' },
        { posix: 'pthread_cond_signal()', section: 'DESCRIPTION' },
      ],
      expect: { blocks: true },
      probes: [{ fixture: 'pshared-sync', case: 'cond-wakes-other-process', args: { delay_ms: DELAY_MS } }],
    },
    {
      id: 'pshared-sync.blocking.cond-timedwait-gives-etimedout-at-its-deadline',
      kind: 'blocking',
      claim: {
        en: 'pthread_cond_timedwait on a process-shared condition variable that nobody signals returns ETIMEDOUT once its absolute deadline has passed.',
        zh: '对无人发信号的进程共享条件变量调用 pthread_cond_timedwait，绝对截止时间一过便返回 ETIMEDOUT。',
      },
      sources: [
        { posix: 'pthread_cond_timedwait()', section: 'ERRORS' },
        { man: 'pthread_cond_timedwait(3p)', section: 'ERRORS' },
      ],
      expect: { errno: 'ETIMEDOUT' },
      probes: [{ fixture: 'pshared-sync', case: 'cond-timedwait-times-out', args: { timeout_ms: DELAY_MS } }],
    },
    {
      id: 'pshared-sync.lifecycle.robust-mutex-of-a-dead-owner-gives-eownerdead',
      kind: 'lifecycle',
      claim: {
        en: 'When the owner of a robust process-shared mutex is killed while holding it, the next pthread_mutex_lock returns EOWNERDEAD instead of waiting forever.',
        zh: '健壮（robust）进程共享互斥锁的持有者在持锁时被杀死后，下一次 pthread_mutex_lock 返回 EOWNERDEAD，而不是永远等待。',
      },
      sources: [setrobust('DESCRIPTION'), posixLock('DESCRIPTION'), posixLock('ERRORS')],
      expect: { errno: 'EOWNERDEAD' },
      probes: [{ fixture: 'pshared-sync', case: 'robust-lock-after-owner-died', args: { death: 'kill' } }],
    },
    {
      id: 'pshared-sync.lifecycle.eownerdead-hands-the-lock-to-the-caller',
      kind: 'lifecycle',
      claim: {
        en: 'The locker that received EOWNERDEAD holds the mutex: a pthread_mutex_trylock from a third process gets EBUSY.',
        zh: '得到 EOWNERDEAD 的加锁者已持有该互斥锁：第三个进程的 pthread_mutex_trylock 得到 EBUSY。',
      },
      sources: [setrobust('DESCRIPTION'), posixLock('DESCRIPTION')],
      expect: { errno: 'EBUSY' },
      probes: [{ fixture: 'pshared-sync', case: 'robust-eownerdead-holder-owns-it' }],
    },
    {
      id: 'pshared-sync.lifecycle.consistent-makes-a-robust-mutex-usable-again',
      kind: 'lifecycle',
      claim: {
        en: 'After EOWNERDEAD, pthread_mutex_consistent followed by unlock repairs the mutex: the next pthread_mutex_lock returns 0.',
        zh: '得到 EOWNERDEAD 后，先调用 pthread_mutex_consistent 再解锁即可修复互斥锁：下一次 pthread_mutex_lock 返回 0。',
      },
      sources: [consistent('DESCRIPTION'), { posix: 'pthread_mutex_consistent()', section: 'DESCRIPTION' }],
      expect: { equals: 0 },
      probes: [{ fixture: 'pshared-sync', case: 'robust-consistent-then-lock' }],
    },
    {
      id: 'pshared-sync.lifecycle.unlock-without-consistent-makes-it-enotrecoverable',
      kind: 'lifecycle',
      claim: {
        en: 'Unlocking after EOWNERDEAD without pthread_mutex_consistent makes the mutex permanently unusable: every later lock, here or in another process, returns ENOTRECOVERABLE.',
        zh: '得到 EOWNERDEAD 后未调用 pthread_mutex_consistent 就解锁，互斥锁将永久不可用：此后无论本进程还是其他进程，每次加锁都返回 ENOTRECOVERABLE。',
      },
      sources: [consistent('DESCRIPTION'), setrobust('DESCRIPTION'), posixLock('ERRORS')],
      expect: { relation: 'equals-evidence', field: 'later_lockers' },
      probes: [{ fixture: 'pshared-sync', case: 'robust-unlock-without-consistent' }],
    },
    {
      id: 'pshared-sync.lifecycle.plain-mutex-of-a-dead-owner-stays-locked-to-trylock',
      kind: 'lifecycle',
      claim: {
        en: 'A mutex that is not robust stays locked after its owner died holding it: pthread_mutex_trylock returns EBUSY.',
        zh: '非健壮互斥锁的持有者持锁死亡后，该锁仍处于锁定状态：pthread_mutex_trylock 返回 EBUSY。',
      },
      sources: [setrobust('DESCRIPTION'), posixLock('ERRORS')],
      expect: { errno: 'EBUSY' },
      probes: [{ fixture: 'pshared-sync', case: 'plain-mutex-after-owner-died', args: { call: 'trylock' } }],
    },
    {
      id: 'pshared-sync.lifecycle.plain-mutex-of-a-dead-owner-times-out-a-timedlock',
      kind: 'lifecycle',
      claim: {
        en: `pthread_mutex_timedlock on a non-robust mutex whose owner died holding it waits out its ${DELAY_MS} ms deadline and returns ETIMEDOUT.`,
        zh: `对持有者持锁死亡的非健壮互斥锁调用 pthread_mutex_timedlock，会等满 ${DELAY_MS} 毫秒的截止时间后返回 ETIMEDOUT。`,
      },
      sources: [setrobust('DESCRIPTION'), { posix: 'pthread_mutex_timedlock()', section: 'ERRORS' }],
      expect: { errno: 'ETIMEDOUT' },
      probes: [{ fixture: 'pshared-sync', case: 'plain-mutex-after-owner-died', args: { call: 'timedlock', timeout_ms: DELAY_MS } }],
    },
    {
      id: 'pshared-sync.permissions.errorcheck-relock-by-its-owner-gives-edeadlk',
      kind: 'permissions',
      claim: {
        en: 'A PTHREAD_MUTEX_ERRORCHECK mutex locked again by the thread that holds it returns EDEADLK instead of deadlocking.',
        zh: '持有 PTHREAD_MUTEX_ERRORCHECK 互斥锁的线程再次对其加锁会返回 EDEADLK，而不是死锁。',
      },
      sources: [posixLock('ERRORS'), { man: 'pthread_mutexattr_settype(3p)', section: 'DESCRIPTION' }],
      expect: { errno: 'EDEADLK' },
      probes: [{ fixture: 'pshared-sync', case: 'errorcheck-relock' }, { ffi: 'pshared-sync.errorcheck-relock' }],
    },
    {
      id: 'pshared-sync.permissions.errorcheck-unlock-by-another-process-gives-eperm',
      kind: 'permissions',
      claim: {
        en: 'Unlocking a process-shared PTHREAD_MUTEX_ERRORCHECK mutex that another process holds fails with EPERM and leaves it held.',
        zh: '对另一进程持有的进程共享 PTHREAD_MUTEX_ERRORCHECK 互斥锁解锁会以 EPERM 失败，锁仍被对方持有。',
      },
      sources: [posixLock('ERRORS'), { posix: 'pthread_mutex_unlock()', section: 'ERRORS' }],
      expect: { errno: 'EPERM' },
      probes: [{ fixture: 'pshared-sync', case: 'errorcheck-unlock-by-other' }],
    },
    {
      id: 'pshared-sync.blocking.futex-wait-on-a-changed-word-gives-eagain',
      kind: 'blocking',
      claim: {
        en: 'FUTEX_WAIT returns EAGAIN at once when the futex word no longer holds the expected value.',
        zh: '当 futex 字的值已不等于期望值时，FUTEX_WAIT 立即返回 EAGAIN。',
      },
      sources: [futex2('FUTEX_WAIT'), futex2('ERRORS')],
      expect: { errno: 'EAGAIN' },
      probes: [{ fixture: 'pshared-sync', case: 'futex-wait-value-mismatch' }, { ffi: 'pshared-sync.futex-wait-value-mismatch' }],
      peers: ['ltp:futex_wait01', 'ltp:futex_wait04', 'gvisor:PrivateAndSharedFutexTest.Wait_WrongVal'],
    },
    {
      id: 'pshared-sync.blocking.futex-wait-with-a-timeout-gives-etimedout',
      kind: 'blocking',
      claim: {
        en: 'FUTEX_WAIT with a relative timeout that nobody wakes before returns ETIMEDOUT.',
        zh: '带相对超时的 FUTEX_WAIT 若在超时前无人唤醒，返回 ETIMEDOUT。',
      },
      sources: [futex2('FUTEX_WAIT'), futex2('ERRORS')],
      expect: { errno: 'ETIMEDOUT' },
      probes: [
        { fixture: 'pshared-sync', case: 'futex-wait-timeout', args: { timeout_ms: DELAY_MS } },
        { ffi: 'pshared-sync.futex-wait-timeout', args: { timeout_ms: DELAY_MS } },
      ],
      peers: ['ltp:futex_wait01', 'ltp:futex_wait05', 'gvisor:PrivateAndSharedFutexTest.Wait_Timeout'],
    },
    {
      id: 'pshared-sync.notification.futex-wake-reaches-a-waiter-in-another-process',
      kind: 'notification',
      claim: {
        en: 'On a word of a MAP_SHARED mapping, FUTEX_WAKE from one process wakes a FUTEX_WAIT in another and returns 1, the number it woke.',
        zh: '对 MAP_SHARED 映射中的 futex 字，一个进程的 FUTEX_WAKE 能唤醒另一进程中的 FUTEX_WAIT，并返回被唤醒的数量 1。',
      },
      sources: [futex2('FUTEX_WAKE'), futex2('DESCRIPTION')],
      expect: { equals: 1 },
      probes: [{ fixture: 'pshared-sync', case: 'futex-wake-other-process', args: { delay_ms: DELAY_MS } }],
      peers: ['ltp:futex_wait02', 'gvisor:SharedFutexTest.WakeInterprocessSharedAnon_NoRandomSave'],
    },
    {
      id: 'pshared-sync.isolation.private-futex-wake-does-not-reach-another-process',
      kind: 'isolation',
      claim: {
        en: 'FUTEX_WAKE with FUTEX_PRIVATE_FLAG is matched only against waiters of the calling process: on a shared word it wakes no waiter of another process (returns 0).',
        zh: '带 FUTEX_PRIVATE_FLAG 的 FUTEX_WAKE 只匹配调用进程自己的等待者：对共享字调用时不会唤醒其他进程的等待者（返回 0）。',
      },
      sources: [futex2('FUTEX_PRIVATE_FLAG')],
      expect: { equals: 0 },
      probes: [{ fixture: 'pshared-sync', case: 'futex-private-wake-other-process' }],
      peers: ['gvisor:PrivateAndSharedFutexTest.NoWakeInterprocessPrivateAnon_NoRandomSave'],
    },
    {
      id: 'pshared-sync.capacity.futex-wake-returns-the-number-it-woke',
      kind: 'capacity',
      claim: {
        en: 'With 3 processes waiting on a shared word, FUTEX_WAKE asked to wake 2 wakes at most 2 and returns 2.',
        zh: '3 个进程在同一共享字上等待时，要求唤醒 2 个的 FUTEX_WAKE 至多唤醒 2 个并返回 2。',
      },
      sources: [futex2('FUTEX_WAKE'), futex2('RETURN VALUE')],
      expect: { relation: 'equals-evidence', field: 'requested' },
      probes: [{ fixture: 'pshared-sync', case: 'futex-wake-count', args: { waiters: 3, wake: 2 } }],
      peers: ['ltp:futex_wake03', 'gvisor:PrivateAndSharedFutexTest.WakeSome_NoRandomSave'],
    },
    {
      id: 'pshared-sync.capacity.futex-wake-without-waiters-returns-0',
      kind: 'capacity',
      claim: {
        en: 'FUTEX_WAKE on a word nobody waits on wakes nobody and returns 0.',
        zh: '对无人等待的字调用 FUTEX_WAKE 不唤醒任何人，返回 0。',
      },
      sources: [futex2('RETURN VALUE')],
      expect: { equals: 0 },
      probes: [
        { fixture: 'pshared-sync', case: 'futex-wake-no-waiters', args: { wake: 1 } },
        { ffi: 'pshared-sync.futex-wake-no-waiters', args: { wake: 1 } },
      ],
      peers: ['ltp:futex_wake01'],
    },
    {
      id: 'pshared-sync.limits.futex-on-a-misaligned-address-gives-einval',
      kind: 'limits',
      claim: {
        en: 'A futex word must be aligned to four bytes: FUTEX_WAIT on an address one byte into a word fails with EINVAL.',
        zh: 'futex 字必须按四字节对齐：对位于字内第一个字节处的地址调用 FUTEX_WAIT 会以 EINVAL 失败。',
      },
      sources: [futex2('DESCRIPTION'), futex2('ERRORS')],
      expect: { errno: 'EINVAL' },
      probes: [{ fixture: 'pshared-sync', case: 'futex-misaligned' }, { ffi: 'pshared-sync.futex-misaligned' }],
    },
    {
      id: 'pshared-sync.limits.futex-wait-on-an-unmapped-address-gives-efault',
      kind: 'limits',
      claim: {
        en: 'FUTEX_WAIT on an address that is not mapped fails with EFAULT.',
        zh: '对未映射的地址调用 FUTEX_WAIT 会以 EFAULT 失败。',
      },
      sources: [futex2('ERRORS')],
      expect: { errno: 'EFAULT' },
      probes: [{ fixture: 'pshared-sync', case: 'futex-bad-address' }],
      peers: ['ltp:futex_wait06'],
    },
    {
      id: 'pshared-sync.blocking.futex-wait-is-interrupted-by-a-signal-handler',
      kind: 'blocking',
      claim: {
        en: 'A FUTEX_WAIT without timeout is ended by a caught signal whose handler has no SA_RESTART: it returns EINTR.',
        zh: '没有超时的 FUTEX_WAIT 会被一个被捕获、且未设置 SA_RESTART 的信号打断：返回 EINTR。',
      },
      sources: [futex2('ERRORS'), { man: 'signal(7)', section: 'Interruption of system calls and library functions by signal handlers' }],
      expect: { errno: 'EINTR' },
      probes: [{ fixture: 'pshared-sync', case: 'futex-wait-interrupted', args: { delay_ms: DELAY_MS } }],
      peers: ['ltp:futex_wait07'],
    },
  ],
});
