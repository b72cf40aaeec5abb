// Advisory file locks: fcntl(2) record locks ("Advisory record locking") and open file description
// locks ("Open file description locks"), flock(2), POSIX fcntl().
import { defineMechanism } from './schema.js';

const recordLocking = { man: 'fcntl(2)', section: 'Advisory record locking' };
const ofdLocks = { man: 'fcntl(2)', section: 'Open file description locks' };
const fcntlErrors = { man: 'fcntl(2)', section: 'ERRORS' };
const posixFcntl = (section: string) => ({ posix: 'fcntl()', section });
const flock2 = (section: string) => ({ man: 'flock(2)', section });

export default defineMechanism({
  id: 'file-locks',
  title: { en: 'File locks (fcntl record locks, open file description locks, flock)', zh: '文件锁（fcntl 记录锁、打开文件描述锁、flock）' },
  family: 'locks',
  manPages: ['fcntl(2)', 'flock(2)'],
  properties: [
    {
      id: 'file-locks.record.setlk-over-another-process-write-lock-is-refused',
      kind: 'blocking',
      claim: {
        en: 'F_SETLK for a write lock over bytes another process has write-locked fails at once with EAGAIN or EACCES (POSIX allows either).',
        zh: '对另一进程已加写锁的字节范围用 F_SETLK 申请写锁会立即失败，错误为 EAGAIN 或 EACCES（POSIX 两者皆允许）。',
      },
      sources: [recordLocking, fcntlErrors, posixFcntl('ERRORS')],
      expect: { oneOf: ['EAGAIN', 'EACCES'] },
      probes: [{ fixture: 'file-locks', case: 'setlk-against-holder', args: { held: 'write', wanted: 'write' } }],
      peers: ['gvisor:FcntlLockTest.SetWriteLockMultiProc'],
    },
    {
      id: 'file-locks.record.read-locks-of-two-processes-are-shared',
      kind: 'kin',
      claim: {
        en: 'A read lock is shared: F_SETLK for a read lock over bytes another process has read-locked is granted.',
        zh: '读锁是共享的：对另一进程已加读锁的字节范围用 F_SETLK 申请读锁会被批准。',
      },
      sources: [recordLocking, posixFcntl('DESCRIPTION')],
      expect: { equals: 'granted' },
      probes: [{ fixture: 'file-locks', case: 'setlk-against-holder', args: { held: 'read', wanted: 'read' } }],
      peers: ['gvisor:FcntlLockTest.SetReadLockMultiProc', 'gvisor:FcntlLockTest.SetReadLockThenBlockingReadLock'],
    },
    {
      id: 'file-locks.record.write-lock-over-another-process-read-lock-is-refused',
      kind: 'blocking',
      claim: {
        en: 'A write lock is exclusive: F_SETLK for a write lock over bytes another process has read-locked fails with EAGAIN or EACCES.',
        zh: '写锁是排他的：对另一进程已加读锁的字节范围用 F_SETLK 申请写锁会以 EAGAIN 或 EACCES 失败。',
      },
      sources: [recordLocking, fcntlErrors, posixFcntl('DESCRIPTION')],
      expect: { oneOf: ['EAGAIN', 'EACCES'] },
      probes: [{ fixture: 'file-locks', case: 'setlk-against-holder', args: { held: 'read', wanted: 'write' } }],
      peers: ['gvisor:FcntlLockTest.SetReadThenWriteLockMultiProc'],
    },
    {
      id: 'file-locks.record.setlkw-waits-until-the-holder-unlocks',
      kind: 'blocking',
      claim: {
        en: 'F_SETLKW for a lock that conflicts with another process’s lock waits until that lock is released, then takes it.',
        zh: '用 F_SETLKW 申请与另一进程的锁冲突的锁时，调用会一直等待到该锁被释放，然后获得锁。',
      },
      sources: [recordLocking, posixFcntl('DESCRIPTION')],
      expect: { blocks: true },
      probes: [{ fixture: 'file-locks', case: 'setlkw-waits-for-holder' }],
      peers: ['gvisor:FcntlLockTest.SetWriteLockThenBlockingWriteLock', 'gvisor:FcntlLockTest.SetWriteLockThenBlockingReadLock'],
    },
    {
      id: 'file-locks.record.getlk-names-the-process-holding-the-lock',
      kind: 'kin',
      claim: {
        en: 'F_GETLK over a range another process has locked reports that process’s pid in l_pid.',
        zh: '对另一进程已加锁的范围调用 F_GETLK，会在 l_pid 中报告持锁进程的 pid。',
      },
      sources: [recordLocking, posixFcntl('DESCRIPTION')],
      expect: { relation: 'equals-evidence', field: 'holder_pid' },
      probes: [{ fixture: 'file-locks', case: 'getlk-reports-holder-pid' }],
      peers: ['gvisor:FcntlLockTest.GetWriteLockOnWriteLock'],
    },
    {
      id: 'file-locks.record.getlk-reports-the-conflicting-lock-type-and-range',
      kind: 'kin',
      claim: {
        en: 'F_GETLK over the whole file reports the conflicting lock itself: its type (F_WRLCK) and its range (start 100, length 50).',
        zh: '对整个文件调用 F_GETLK 会报告冲突的锁本身：其类型（F_WRLCK）和范围（起点 100、长度 50）。',
      },
      sources: [recordLocking, posixFcntl('DESCRIPTION')],
      expect: { equals: 'F_WRLCK start=100 len=50' },
      probes: [{ fixture: 'file-locks', case: 'getlk-reports-holder-lock' }],
      peers: ['gvisor:FcntlLockTest.GetReadLockOnWriteLock'],
    },
    {
      id: 'file-locks.record.getlk-on-an-unlocked-file-reports-f-unlck',
      kind: 'kin',
      claim: {
        en: 'F_GETLK for a lock nothing conflicts with sets l_type to F_UNLCK and places no lock.',
        zh: '若申请的锁没有任何冲突，F_GETLK 会把 l_type 设为 F_UNLCK，且不加任何锁。',
      },
      sources: [recordLocking, posixFcntl('DESCRIPTION')],
      expect: { equals: 'F_UNLCK' },
      probes: [{ fixture: 'file-locks', case: 'getlk-free-range' }, { ffi: 'file-locks.getlk-free-range' }],
      peers: ['gvisor:FcntlLockTest.GetLockOnNothing'],
    },
    {
      id: 'file-locks.record.closing-any-descriptor-of-the-file-releases-the-process-locks',
      kind: 'lifecycle',
      claim: {
        en: 'A process loses all its record locks on a file when it closes any descriptor of that file: a dup of the locking descriptor, or one from a second open().',
        zh: '进程关闭某文件的任意一个描述符（加锁描述符的 dup，或第二次 open() 得到的描述符）时，会失去它在该文件上的全部记录锁。',
      },
      sources: [recordLocking, posixFcntl('DESCRIPTION'), { posix: 'close()', section: 'DESCRIPTION' }],
      expect: { equals: false },
      probes: [
        { fixture: 'file-locks', case: 'close-releases-record-locks', args: { how: 'dup' } },
        { fixture: 'file-locks', case: 'close-releases-record-locks', args: { how: 'open' } },
      ],
      peers: ['ltp:fcntl15', 'gvisor:FcntlLockTest.SetLockDroppedOnClose'],
    },
    {
      id: 'file-locks.record.locks-are-not-inherited-by-a-fork-child',
      kind: 'kin',
      claim: {
        en: 'Record locks are not inherited across fork(): the child’s F_GETLK through the inherited descriptor names the parent as the holder.',
        zh: '记录锁不会经 fork() 继承：子进程通过继承来的描述符调用 F_GETLK，报告的持锁者是父进程。',
      },
      sources: [recordLocking, { man: 'fork(2)', section: 'DESCRIPTION' }, { posix: 'fork()', section: 'DESCRIPTION' }],
      expect: { relation: 'equals-evidence', field: 'parent_pid' },
      probes: [{ fixture: 'file-locks', case: 'fork-child-sees-parent-lock' }],
    },
    {
      id: 'file-locks.record.locks-are-released-when-the-process-exits',
      kind: 'lifecycle',
      claim: {
        en: 'When the process holding a record lock exits, the lock is released: F_GETLK then reports F_UNLCK.',
        zh: '持有记录锁的进程退出后，锁即被释放：此后 F_GETLK 报告 F_UNLCK。',
      },
      sources: [recordLocking, posixFcntl('DESCRIPTION')],
      expect: { equals: 'F_UNLCK' },
      probes: [{ fixture: 'file-locks', case: 'exit-releases-record-locks' }],
      peers: ['ltp:fcntl15'],
    },
    {
      id: 'file-locks.record.unlocking-the-middle-of-a-lock-leaves-two-locks',
      kind: 'boundaries',
      claim: {
        en: 'Unlocking bytes 40–59 of a lock over bytes 0–99 splits it: bytes 0–39 and 60–99 stay locked as two locks.',
        zh: '对覆盖字节 0–99 的锁解锁其中的 40–59 会将其拆分：字节 0–39 和 60–99 作为两把锁继续保持锁定。',
      },
      sources: [recordLocking, posixFcntl('DESCRIPTION')],
      expect: { equals: '0+40 60+40' },
      probes: [{ fixture: 'file-locks', case: 'unlock-middle-splits' }],
      peers: ['gvisor:FcntlLockTest.SetLockUnlock'],
    },
    {
      id: 'file-locks.record.adjacent-locks-of-one-type-merge-into-one',
      kind: 'boundaries',
      claim: {
        en: 'Two adjacent write locks of one process (bytes 0–49 and 50–99) become a single lock over bytes 0–99.',
        zh: '同一进程的两把相邻写锁（字节 0–49 与 50–99）会合并为覆盖字节 0–99 的一把锁。',
      },
      sources: [recordLocking, posixFcntl('DESCRIPTION')],
      expect: { equals: '0+100' },
      probes: [{ fixture: 'file-locks', case: 'adjacent-locks-merge' }],
    },
    {
      id: 'file-locks.record.zero-length-lock-reaches-past-the-end-of-file',
      kind: 'boundaries',
      claim: {
        en: 'A lock with l_len 0 extends from l_start to the end of the file however far it grows: a query at byte 2^40 of an empty file finds it.',
        zh: 'l_len 为 0 的锁从 l_start 一直延伸到文件末尾，无论文件增长到多大：在空文件的第 2^40 字节处查询也能发现它。',
      },
      sources: [recordLocking, posixFcntl('DESCRIPTION')],
      expect: { equals: 'F_WRLCK start=100 len=0' },
      probes: [{ fixture: 'file-locks', case: 'zero-length-reaches-past-eof' }],
      peers: ['gvisor:FcntlLockTest.SetLockIsRegional'],
    },
    {
      id: 'file-locks.record.setlkw-that-would-deadlock-gives-edeadlk',
      kind: 'blocking',
      claim: {
        en: 'F_SETLKW that would wait for a process which already waits for the caller’s lock fails with EDEADLK instead of waiting.',
        zh: '如果 F_SETLKW 要等待的进程本身正在等待调用者持有的锁，调用会以 EDEADLK 失败，而不是开始等待。',
      },
      sources: [recordLocking, fcntlErrors, posixFcntl('ERRORS')],
      expect: { errno: 'EDEADLK' },
      probes: [{ fixture: 'file-locks', case: 'setlkw-deadlock' }],
    },
    {
      id: 'file-locks.ofd.lock-survives-closing-another-descriptor-of-the-file',
      kind: 'lifecycle',
      claim: {
        en: 'An open file description lock stays when the process closes a descriptor of the same file that came from another open().',
        zh: '进程关闭同一文件另一次 open() 得到的描述符时，打开文件描述锁依然保留。',
      },
      sources: [ofdLocks],
      expect: { equals: true },
      probes: [{ fixture: 'file-locks', case: 'ofd-survives-closing-other-open' }, { ffi: 'file-locks.ofd-survives-closing-other-open' }],
      peers: ['gvisor:FcntlLockTest.TestOFDNoUnlockOnClose'],
    },
    {
      id: 'file-locks.ofd.lock-is-shared-through-dup-and-fork',
      kind: 'kin',
      claim: {
        en: 'An open file description lock belongs to the open file description: a dup of the descriptor, or a fork child through the inherited one, locks the same range without conflict.',
        zh: '打开文件描述锁属于打开文件描述：描述符的 dup，或 fork 出的子进程通过继承的描述符，都能无冲突地锁定同一范围。',
      },
      sources: [ofdLocks],
      expect: { equals: 'granted' },
      probes: [
        { fixture: 'file-locks', case: 'ofd-shared-through-dup' },
        { ffi: 'file-locks.ofd-shared-through-dup' },
        { fixture: 'file-locks', case: 'ofd-shared-with-fork-child' },
      ],
      peers: ['gvisor:FcntlLockTest.TestOFDInheritsLockAfterDup'],
    },
    {
      id: 'file-locks.ofd.second-open-in-the-same-process-conflicts',
      kind: 'blocking',
      claim: {
        en: 'An open file description lock conflicts with a lock asked through a second open() of the file, even in the same process: F_OFD_SETLK fails with EAGAIN.',
        zh: '即使在同一进程内，打开文件描述锁也与通过第二次 open() 申请的锁冲突：F_OFD_SETLK 以 EAGAIN 失败。',
      },
      sources: [ofdLocks],
      expect: { errno: 'EAGAIN' },
      probes: [{ fixture: 'file-locks', case: 'ofd-second-open-conflicts' }, { ffi: 'file-locks.ofd-second-open-conflicts' }],
      peers: ['gvisor:FcntlLockTest.TestOFDBasicLock'],
    },
    {
      id: 'file-locks.ofd.getlk-reports-l-pid-minus-one',
      kind: 'kin',
      claim: {
        en: 'F_OFD_GETLK that finds a conflicting open file description lock reports l_pid as -1: such a lock belongs to no process.',
        zh: 'F_OFD_GETLK 发现冲突的打开文件描述锁时，l_pid 报告为 -1：这种锁不属于任何进程。',
      },
      sources: [ofdLocks],
      expect: { equals: -1 },
      probes: [{ fixture: 'file-locks', case: 'ofd-getlk-pid' }, { ffi: 'file-locks.ofd-getlk-pid' }],
      peers: ['gvisor:FcntlLockTest.TestOFDGetLkReturnsNegPID'],
    },
    {
      id: 'file-locks.ofd.nonzero-l-pid-gives-einval',
      kind: 'limits',
      claim: {
        en: 'The F_OFD_* commands require l_pid to be 0: F_OFD_SETLK that is granted with l_pid 0 fails with EINVAL when l_pid holds the caller’s pid.',
        zh: 'F_OFD_* 命令要求 l_pid 为 0：l_pid 为 0 时能获批的 F_OFD_SETLK，在 l_pid 填入调用者 pid 后会以 EINVAL 失败。',
      },
      sources: [ofdLocks, fcntlErrors],
      // The value, not only the errno: a system without OFD locks refuses the l_pid 0 request with
      // EINVAL too, and the probes then say so in the value.
      expect: { equals: 'EINVAL' },
      probes: [{ fixture: 'file-locks', case: 'ofd-nonzero-pid' }, { ffi: 'file-locks.ofd-nonzero-pid' }],
      peers: ['gvisor:FcntlLockTest.TestOFDLockNonZeroPidFails'],
    },
    {
      id: 'file-locks.flock.second-open-in-the-same-process-conflicts',
      kind: 'blocking',
      claim: {
        en: 'A flock() lock belongs to the open file description: LOCK_EX | LOCK_NB through a second open() of the file fails with EWOULDBLOCK, even in the same process.',
        zh: 'flock() 锁属于打开文件描述：即使在同一进程内，通过第二次 open() 的描述符申请 LOCK_EX | LOCK_NB 也会以 EWOULDBLOCK 失败。',
      },
      sources: [flock2('DESCRIPTION'), flock2('ERRORS')],
      // EWOULDBLOCK is EAGAIN on Linux; the probes report the errno by that name.
      expect: { errno: 'EAGAIN' },
      probes: [{ fixture: 'file-locks', case: 'flock-second-open-conflicts' }, { ffi: 'file-locks.flock-second-open-conflicts' }],
      peers: ['ltp:flock06', 'gvisor:FlockTest.TestMultipleHolderSharedExclusive'],
    },
    {
      id: 'file-locks.flock.lock-is-shared-through-dup',
      kind: 'kin',
      claim: {
        en: 'Descriptors made by dup() share one flock() lock: LOCK_EX | LOCK_NB through the copy is granted, and the lock stays until every copy is closed.',
        zh: 'dup() 得到的描述符共享同一把 flock() 锁：通过副本申请 LOCK_EX | LOCK_NB 会被批准，且该锁在所有副本关闭前一直存在。',
      },
      sources: [flock2('DESCRIPTION')],
      expect: { equals: 'granted' },
      probes: [{ fixture: 'file-locks', case: 'flock-shared-through-dup' }, { ffi: 'file-locks.flock-shared-through-dup' }],
      peers: ['ltp:flock03', 'gvisor:FlockTest.TestDupFdCloseRelease', 'gvisor:FlockTest.TestDupFdFollowedByLock'],
    },
    {
      id: 'file-locks.flock.shared-locks-of-several-processes-coexist',
      kind: 'kin',
      claim: {
        en: 'Several processes may hold a shared flock() lock on one file at once: LOCK_SH | LOCK_NB beside another process’s LOCK_SH is granted.',
        zh: '多个进程可以同时持有同一文件的共享 flock() 锁：在另一进程持有 LOCK_SH 时申请 LOCK_SH | LOCK_NB 会被批准。',
      },
      sources: [flock2('DESCRIPTION')],
      expect: { equals: 'granted' },
      probes: [{ fixture: 'file-locks', case: 'flock-against-holder', args: { held: 'shared', wanted: 'shared' } }],
      peers: ['ltp:flock04', 'gvisor:FlockTest.TestMultipleShared'],
    },
    {
      id: 'file-locks.flock.exclusive-lock-excludes-every-other-lock',
      kind: 'blocking',
      claim: {
        en: 'Only one process may hold an exclusive flock() lock, and not beside a shared one: a request with LOCK_NB that would conflict fails with EWOULDBLOCK.',
        zh: '排他的 flock() 锁只能由一个进程持有，也不能与共享锁并存：会产生冲突的 LOCK_NB 请求以 EWOULDBLOCK 失败。',
      },
      sources: [flock2('DESCRIPTION'), flock2('ERRORS')],
      expect: { errno: 'EAGAIN' },
      probes: [
        { fixture: 'file-locks', case: 'flock-against-holder', args: { held: 'exclusive', wanted: 'exclusive' } },
        { fixture: 'file-locks', case: 'flock-against-holder', args: { held: 'exclusive', wanted: 'shared' } },
        { fixture: 'file-locks', case: 'flock-against-holder', args: { held: 'shared', wanted: 'exclusive' } },
      ],
      peers: [
        'ltp:flock04',
        'gvisor:FlockTest.TestSharedLockFailExclusiveHolderNonblocking',
        'gvisor:FlockTest.TestExclusiveLockFailExclusiveHolderNonblocking',
      ],
    },
    {
      id: 'file-locks.flock.a-held-lock-converts-between-shared-and-exclusive',
      kind: 'kin',
      claim: {
        en: 'flock() on a descriptor that holds a lock converts it: after LOCK_SH → LOCK_EX another process’s LOCK_SH | LOCK_NB is refused, after LOCK_EX → LOCK_SH it is granted.',
        zh: '对已持锁的描述符再调用 flock() 会转换锁的类型：LOCK_SH 转为 LOCK_EX 后，另一进程的 LOCK_SH | LOCK_NB 被拒绝；LOCK_EX 转回 LOCK_SH 后则被批准。',
      },
      sources: [flock2('DESCRIPTION')],
      expect: { equals: 'EAGAIN then granted' },
      probes: [{ fixture: 'file-locks', case: 'flock-convert' }],
      peers: ['gvisor:FlockTest.TestMultipleHolderSharedExclusiveUpgrade', 'gvisor:FlockTest.TestMultipleHolderSharedExclusiveDowngrade'],
    },
    {
      id: 'file-locks.flock.flock-and-record-locks-do-not-see-each-other',
      kind: 'kin',
      claim: {
        en: 'On Linux flock() locks and fcntl() record locks are independent: a write lock over the whole file is granted while another process holds LOCK_EX on it.',
        zh: '在 Linux 上，flock() 锁与 fcntl() 记录锁互不相干：另一进程持有 LOCK_EX 时，对整个文件申请写锁仍会被批准。',
      },
      sources: [flock2('NOTES'), recordLocking],
      expect: { equals: 'granted' },
      probes: [{ fixture: 'file-locks', case: 'flock-independent-of-record-locks' }],
    },
  ],
});
