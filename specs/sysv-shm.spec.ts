// System V shared memory: shmget(2), shmat(2)/shmdt(2) (shmop(2)), shmctl(2), sysvipc(7), POSIX shm*().
import { defineMechanism } from './schema.js';

const shmget2 = (section: string) => ({ man: 'shmget(2)', section });
const shmat2 = (section: string) => ({ man: 'shmat(2)', section });
const shmctl2 = (section: string) => ({ man: 'shmctl(2)', section });
const tutorialShm = { tutorial: 'ipc-tutorial.zh.md', section: '4. 共享内存(Shared Memory)' };

export default defineMechanism({
  id: 'sysv-shm',
  title: { en: 'System V shared memory', zh: 'System V 共享内存' },
  family: 'sysv',
  manPages: ['shmget(2)', 'shmat(2)', 'shmdt(2)', 'shmctl(2)', 'sysvipc(7)'],
  properties: [
    {
      id: 'sysv-shm.direction.writes-are-visible-to-the-other-process-both-ways',
      kind: 'direction',
      claim: {
        en: 'An unrelated process that attaches the segment by key sees a store made by the creator, and the creator sees the store it makes in reply, with no system call carrying the data.',
        zh: '一个无亲缘关系的进程通过键附加段后，能看到创建者写入的数据；创建者也能看到它回写的数据，期间没有任何系统调用搬运数据。',
      },
      sources: [{ man: 'sysvipc(7)', section: 'Shared memory segments' }, shmat2('DESCRIPTION'), tutorialShm],
      expect: { equals: true },
      probes: [{ fixture: 'sysv-shm', case: 'writes-visible-both-ways' }],
    },
    {
      id: 'sysv-shm.direction.two-attachments-are-one-memory-not-copies',
      kind: 'direction',
      claim: {
        en: 'Two attachments of one segment at different addresses are the same memory: a byte stored through either is read back through the other at once.',
        zh: '同一个段在不同地址上的两次附加是同一块内存：通过任一地址写入的字节，立即可以从另一地址读到。',
      },
      sources: [shmat2('DESCRIPTION'), { posix: 'shmat()', section: 'DESCRIPTION' }, tutorialShm],
      expect: { equals: true },
      probes: [{ fixture: 'sysv-shm', case: 'two-attachments-alias' }, { ffi: 'sysv-shm.two-attachments-alias' }],
    },
    {
      id: 'sysv-shm.kin.forked-child-inherits-the-attachment',
      kind: 'kin',
      claim: {
        en: 'A child created by fork() inherits its parent’s attachments (shm_nattch counts it) and its writes through the inherited address reach the parent.',
        zh: 'fork() 创建的子进程继承父进程的附加（shm_nattch 会计入），它通过继承来的地址写入的数据父进程可以看到。',
      },
      sources: [shmat2('NOTES'), { man: 'fork(2)', section: 'DESCRIPTION' }],
      expect: { equals: true },
      probes: [{ fixture: 'sysv-shm', case: 'fork-inherits-attachment' }],
    },
    {
      id: 'sysv-shm.persistence.segment-outlives-its-creator',
      kind: 'persistence',
      claim: {
        en: 'A segment outlives the process that created it: after the creator has exited, another process finds it by key, unattached, with the data still in it (unless kernel.shm_rmid_forced is set).',
        zh: '段的生命期长于创建它的进程：创建者退出后，另一个进程仍可通过键找到它（无人附加），其中数据仍在（除非设置了 kernel.shm_rmid_forced）。',
      },
      sources: [
        { man: 'sysvipc(7)', section: 'Shared memory segments' },
        shmctl2('IPC_RMID'),
        { man: 'proc(5)', section: '/proc/sys/kernel/shm_rmid_forced' },
        tutorialShm,
      ],
      expect: { equals: true },
      probes: [{ fixture: 'sysv-shm', case: 'outlives-its-creator' }],
    },
    {
      id: 'sysv-shm.lifecycle.rmid-while-attached-sets-shm-dest',
      kind: 'lifecycle',
      claim: {
        en: 'IPC_RMID on a segment that is still attached only marks it for destruction: IPC_STAT shows the SHM_DEST flag in shm_perm.mode.',
        zh: '对仍被附加的段执行 IPC_RMID 只会将其标记为待销毁：IPC_STAT 可见 shm_perm.mode 中的 SHM_DEST 标志。',
      },
      sources: [shmctl2('IPC_RMID')],
      expect: { equals: true },
      probes: [{ fixture: 'sysv-shm', case: 'rmid-marks-dest' }, { ffi: 'sysv-shm.rmid-marks-dest' }],
    },
    {
      id: 'sysv-shm.lifecycle.rmid-while-attached-makes-the-key-private',
      kind: 'lifecycle',
      claim: {
        en: 'On Linux a segment marked for destruction gives up its key: IPC_STAT reports the key as IPC_PRIVATE (0).',
        zh: '在 Linux 上，被标记为待销毁的段会放弃它的键：IPC_STAT 报告的键变为 IPC_PRIVATE（0）。',
      },
      sources: [shmctl2('IPC_RMID'), shmget2('NOTES')],
      expect: { equals: 0 },
      probes: [{ fixture: 'sysv-shm', case: 'rmid-key-becomes-private' }, { ffi: 'sysv-shm.rmid-key-becomes-private' }],
    },
    {
      id: 'sysv-shm.lifecycle.rmid-while-attached-hides-the-segment-from-its-key',
      kind: 'lifecycle',
      claim: {
        en: 'Once a segment is marked for destruction, shmget() with its old key and no IPC_CREAT fails with ENOENT even though the segment is still attached.',
        zh: '段一旦被标记为待销毁，即使仍被附加，用原来的键调用不带 IPC_CREAT 的 shmget() 也会以 ENOENT 失败。',
      },
      sources: [shmget2('ERRORS'), shmctl2('IPC_RMID')],
      expect: { errno: 'ENOENT' },
      probes: [{ fixture: 'sysv-shm', case: 'rmid-lookup-by-key-fails' }, { ffi: 'sysv-shm.rmid-lookup-by-key-fails' }],
    },
    {
      id: 'sysv-shm.lifecycle.removed-segment-stays-usable-until-the-last-detach',
      kind: 'lifecycle',
      claim: {
        en: 'After IPC_RMID and the remover’s own detach, a process that still has the segment attached reads the old data and can write.',
        zh: '执行 IPC_RMID 且删除者自己分离之后，仍附加着该段的进程依然能读到原有数据，也能写入。',
      },
      sources: [shmctl2('IPC_RMID'), shmat2('DESCRIPTION'), { posix: 'shmctl()', section: 'DESCRIPTION' }],
      expect: { equals: true },
      probes: [{ fixture: 'sysv-shm', case: 'rmid-data-readable-until-last-detach' }],
    },
    {
      id: 'sysv-shm.lifecycle.removed-segment-is-destroyed-at-the-last-detach',
      kind: 'lifecycle',
      claim: {
        en: 'When the last process detaches a segment marked for destruction, the segment is gone: IPC_STAT on its id fails with EINVAL.',
        zh: '最后一个进程分离已标记待销毁的段后，该段即被销毁：对其 id 执行 IPC_STAT 以 EINVAL 失败。',
      },
      sources: [shmctl2('IPC_RMID'), shmctl2('ERRORS'), shmat2('DESCRIPTION')],
      expect: { errno: 'EINVAL' },
      probes: [{ fixture: 'sysv-shm', case: 'rmid-destroyed-at-last-detach' }],
    },
    {
      id: 'sysv-shm.lifecycle.ipc-excl-on-an-existing-key-gives-eexist',
      kind: 'lifecycle',
      claim: {
        en: 'shmget() with IPC_CREAT | IPC_EXCL on a key that already names a segment fails with EEXIST.',
        zh: '对已有段的键调用带 IPC_CREAT | IPC_EXCL 的 shmget() 会以 EEXIST 失败。',
      },
      sources: [shmget2('ERRORS'), { posix: 'shmget()', section: 'ERRORS' }],
      expect: { errno: 'EEXIST' },
      probes: [{ fixture: 'sysv-shm', case: 'existing-key-excl-gives-eexist' }, { ffi: 'sysv-shm.existing-key-excl-gives-eexist' }],
    },
    {
      id: 'sysv-shm.limits.size-above-shmmax-gives-einval',
      kind: 'limits',
      claim: {
        en: 'Asking for a new segment one byte larger than kernel.shmmax (read from /proc by the probe) fails with EINVAL.',
        zh: '请求比 kernel.shmmax（探针从 /proc 读取）大一个字节的新段会以 EINVAL 失败。',
      },
      sources: [shmget2('ERRORS'), shmget2('NOTES'), { man: 'proc(5)', section: '/proc/sys/kernel/shmmax' }],
      expect: { errno: 'EINVAL' },
      probes: [{ fixture: 'sysv-shm', case: 'size-above-shmmax' }, { ffi: 'sysv-shm.size-above-shmmax' }],
    },
    {
      id: 'sysv-shm.limits.size-below-shmmin-gives-einval',
      kind: 'limits',
      claim: {
        en: 'Asking for a new segment of 0 bytes, below SHMMIN (1 byte on Linux), fails with EINVAL.',
        zh: '请求 0 字节的新段（低于 SHMMIN，Linux 上为 1 字节）会以 EINVAL 失败。',
      },
      sources: [shmget2('ERRORS'), shmget2('NOTES'), { posix: 'shmget()', section: 'ERRORS' }],
      expect: { errno: 'EINVAL' },
      probes: [{ fixture: 'sysv-shm', case: 'size-below-shmmin' }, { ffi: 'sysv-shm.size-below-shmmin' }],
    },
    {
      id: 'sysv-shm.limits.larger-size-for-an-existing-key-gives-einval',
      kind: 'limits',
      claim: {
        en: 'shmget() on an existing key with a size larger than that segment fails with EINVAL: a segment is never grown.',
        zh: '对已有键调用 shmget() 且请求大小超过该段大小时以 EINVAL 失败：段不会被扩大。',
      },
      sources: [shmget2('ERRORS'), { posix: 'shmget()', section: 'ERRORS' }],
      expect: { errno: 'EINVAL' },
      probes: [
        { fixture: 'sysv-shm', case: 'existing-key-larger-size-gives-einval' },
        { ffi: 'sysv-shm.existing-key-larger-size-gives-einval' },
      ],
    },
    {
      id: 'sysv-shm.limits.ipc-info-reports-shmmni',
      kind: 'limits',
      claim: {
        en: 'shmctl(IPC_INFO) reports as shmmni the system-wide segment limit set by kernel.shmmni.',
        zh: 'shmctl(IPC_INFO) 报告的 shmmni 等于由 kernel.shmmni 设定的全系统段数上限。',
      },
      sources: [shmctl2('IPC_INFO'), shmget2('NOTES'), { man: 'proc(5)', section: '/proc/sys/kernel/shmmni' }],
      expect: { equalsSysctl: 'kernel.shmmni' },
      probes: [{ fixture: 'sysv-shm', case: 'ipc-info-shmmni' }, { ffi: 'sysv-shm.ipc-info-shmmni' }],
    },
    {
      id: 'sysv-shm.limits.nattch-counts-attachments',
      kind: 'limits',
      claim: {
        en: 'shm_nattch counts attachments: three shmat() calls on one segment make it 3.',
        zh: 'shm_nattch 统计附加次数：对同一段调用三次 shmat() 后其值为 3。',
      },
      sources: [shmctl2('DESCRIPTION'), shmat2('DESCRIPTION')],
      expect: { relation: 'equals-evidence', field: 'attachments' },
      probes: [{ fixture: 'sysv-shm', case: 'nattch-counts-attachments' }, { ffi: 'sysv-shm.nattch-counts-attachments' }],
    },
    {
      id: 'sysv-shm.capacity.segsz-is-the-requested-size',
      kind: 'capacity',
      claim: {
        en: 'IPC_STAT reports shm_segsz as the size asked of shmget() (100 bytes), not the page-rounded size of the memory behind it.',
        zh: 'IPC_STAT 报告的 shm_segsz 等于调用 shmget() 时请求的大小（100 字节），而不是按页取整后的实际内存大小。',
      },
      sources: [shmget2('DESCRIPTION'), shmctl2('DESCRIPTION')],
      expect: { relation: 'equals-evidence', field: 'requested' },
      probes: [
        { fixture: 'sysv-shm', case: 'segsz-is-requested-size', args: { bytes: 100 } },
        { ffi: 'sysv-shm.segsz-is-requested-size', args: { bytes: 100 } },
      ],
    },
    {
      id: 'sysv-shm.permissions.write-through-a-read-only-attach-raises-sigsegv',
      kind: 'permissions',
      claim: {
        en: 'A process that attached a segment with SHM_RDONLY can read it, but a store into it ends the process with SIGSEGV.',
        zh: '以 SHM_RDONLY 附加段的进程可以读取，但向其写入会使进程因 SIGSEGV 终止。',
      },
      sources: [shmat2('SHM_RDONLY'), { posix: 'shmat()', section: 'DESCRIPTION' }, { man: 'signal(7)', section: 'Standard signals' }],
      expect: { signal: 'SIGSEGV' },
      probes: [{ fixture: 'sysv-shm', case: 'rdonly-attach-write-faults' }],
    },
    {
      id: 'sysv-shm.permissions.mode-0600-denies-another-uid',
      kind: 'permissions',
      claim: {
        en: 'Another unprivileged user cannot attach a segment created with mode 0600: shmat() fails with EACCES.',
        zh: '其他非特权用户无法附加以 0600 模式创建的段：shmat() 以 EACCES 失败。',
      },
      sources: [shmat2('ERRORS'), shmget2('DESCRIPTION'), { posix: 'shmat()', section: 'ERRORS' }],
      expect: { errno: 'EACCES' },
      probes: [{ fixture: 'sysv-shm', case: 'other-uid-denied-by-mode-0600' }],
      requires: ['other-uid'],
    },
    {
      id: 'sysv-shm.atomicity.unsynchronised-increments-lose-updates',
      kind: 'atomicity',
      claim: {
        en: 'Shared memory brings no synchronisation of its own: two processes that each add 1 to a shared counter two million times with a plain load and store end with fewer than four million (updates are lost).',
        zh: '共享内存本身不提供任何同步：两个进程各用普通的读、写对共享计数器加 1 共两百万次，最终结果少于四百万（有更新丢失）。',
      },
      sources: [{ man: 'shm_overview(7)', section: 'NOTES' }, { man: 'sysvipc(7)', section: 'Shared memory segments' }, tutorialShm],
      expect: { atLeast: 1 },
      probes: [{ fixture: 'sysv-shm', case: 'lost-updates-without-synchronisation' }],
    },
    {
      id: 'sysv-shm.lifecycle.a-new-segment-has-no-attach-times-or-pid',
      kind: 'lifecycle',
      claim: {
        en: 'IPC_STAT of a segment nobody has attached shows shm_atime, shm_dtime, shm_lpid and shm_nattch all 0.',
        zh: '对从未被附加过的段执行 IPC_STAT，shm_atime、shm_dtime、shm_lpid 和 shm_nattch 均为 0。',
      },
      sources: [shmget2('DESCRIPTION'), shmctl2('DESCRIPTION')],
      expect: { equals: '0,0,0,0' },
      probes: [{ fixture: 'sysv-shm', case: 'new-segment-times-and-pids' }, { ffi: 'sysv-shm.new-segment-times-and-pids' }],
    },
    {
      id: 'sysv-shm.lifecycle.shmat-sets-shm-atime-to-the-current-time',
      kind: 'lifecycle',
      claim: {
        en: 'A successful shmat sets shm_atime to the current time (in seconds).',
        zh: '成功的 shmat 会把 shm_atime 设为当前时间（以秒计）。',
      },
      sources: [shmat2('shmat()'), shmctl2('DESCRIPTION')],
      expect: { relation: 'equals-evidence', field: 'attached_at' },
      probes: [{ fixture: 'sysv-shm', case: 'attach-time' }],
    },
    {
      id: 'sysv-shm.lifecycle.shmdt-sets-shm-dtime-to-the-current-time',
      kind: 'lifecycle',
      claim: {
        en: 'A successful shmdt sets shm_dtime to the current time (in seconds).',
        zh: '成功的 shmdt 会把 shm_dtime 设为当前时间（以秒计）。',
      },
      sources: [shmat2('shmdt()'), shmctl2('DESCRIPTION')],
      expect: { relation: 'equals-evidence', field: 'detached_at' },
      probes: [{ fixture: 'sysv-shm', case: 'detach-time' }],
    },
    {
      id: 'sysv-shm.lifecycle.shm-cpid-names-the-creator',
      kind: 'lifecycle',
      claim: {
        en: 'shm_cpid is the pid of the process that created the segment, also after another process has attached and detached it.',
        zh: 'shm_cpid 是创建该段的进程的 pid，即使之后有其他进程附加和分离过它。',
      },
      sources: [shmctl2('DESCRIPTION')],
      expect: { relation: 'equals-evidence', field: 'creator_pid' },
      probes: [{ fixture: 'sysv-shm', case: 'creator-pid' }],
    },
    {
      id: 'sysv-shm.lifecycle.shm-lpid-names-the-last-process-to-attach-or-detach',
      kind: 'lifecycle',
      claim: {
        en: 'After another process attaches and detaches the segment, IPC_STAT reports that process’s pid as shm_lpid.',
        zh: '另一个进程附加并分离该段后，IPC_STAT 报告的 shm_lpid 为该进程的 pid。',
      },
      sources: [shmctl2('DESCRIPTION'), shmat2('shmat()'), shmat2('shmdt()')],
      expect: { relation: 'equals-evidence', field: 'attacher_pid' },
      probes: [{ fixture: 'sysv-shm', case: 'last-attach-pid' }],
    },
    {
      id: 'sysv-shm.permissions.owner-changes-the-mode-with-ipc-set',
      kind: 'permissions',
      claim: {
        en: 'The owner of a segment changes its permission bits with IPC_SET: after setting 0640, IPC_STAT shows 0640.',
        zh: '段的所有者可以用 IPC_SET 修改其权限位：设为 0640 后，IPC_STAT 显示 0640。',
      },
      sources: [shmctl2('IPC_SET')],
      expect: { equals: '0640' },
      probes: [{ fixture: 'sysv-shm', case: 'ipc-set-mode' }, { ffi: 'sysv-shm.ipc-set-mode' }],
    },
    {
      id: 'sysv-shm.permissions.ipc-set-by-another-uid-gives-eperm',
      kind: 'permissions',
      claim: {
        en: 'A process of another, unprivileged uid that is neither owner nor creator gets EPERM from IPC_SET, and the mode stays as it was.',
        zh: '既非所有者也非创建者的另一无特权 uid 进程执行 IPC_SET 会得到 EPERM，权限位保持不变。',
      },
      sources: [shmctl2('IPC_SET'), shmctl2('ERRORS')],
      expect: { errno: 'EPERM' },
      probes: [{ fixture: 'sysv-shm', case: 'other-uid-ipc-set' }],
      requires: ['other-uid'],
    },
    {
      id: 'sysv-shm.permissions.shm-lock-without-privilege-or-memlock-gives-eperm',
      kind: 'permissions',
      claim: {
        en: 'SHM_LOCK needs privilege: an owner without CAP_IPC_LOCK whose RLIMIT_MEMLOCK is 0 gets EPERM.',
        zh: 'SHM_LOCK 需要特权：没有 CAP_IPC_LOCK 且 RLIMIT_MEMLOCK 为 0 的所有者会得到 EPERM。',
      },
      sources: [shmctl2('SHM_LOCK'), shmctl2('ERRORS')],
      expect: { errno: 'EPERM' },
      probes: [{ fixture: 'sysv-shm', case: 'other-uid-lock' }],
      requires: ['other-uid'],
    },
    {
      id: 'sysv-shm.lifecycle.a-privileged-shm-lock-sets-shm-locked',
      kind: 'lifecycle',
      claim: {
        en: 'A privileged SHM_LOCK marks the segment locked: IPC_STAT shows SHM_LOCKED in shm_perm.mode.',
        zh: '有特权的 SHM_LOCK 会把段标记为已锁定：IPC_STAT 可见 shm_perm.mode 中的 SHM_LOCKED 标志。',
      },
      sources: [shmctl2('SHM_LOCK')],
      expect: { equals: true },
      probes: [{ fixture: 'sysv-shm', case: 'privileged-lock' }, { ffi: 'sysv-shm.privileged-lock' }],
      requires: ['root'],
    },
    {
      id: 'sysv-shm.permissions.access-after-shmdt-raises-sigsegv',
      kind: 'permissions',
      claim: {
        en: 'After shmdt, the address range of the attachment is no longer mapped: a store there ends the process with SIGSEGV.',
        zh: 'shmdt 之后，原附加地址范围不再映射：向其中写入会使进程因 SIGSEGV 终止。',
      },
      sources: [shmat2('shmdt()'), { man: 'signal(7)', section: 'Standard signals' }],
      expect: { signal: 'SIGSEGV' },
      probes: [{ fixture: 'sysv-shm', case: 'write-after-detach-faults' }],
    },
    {
      id: 'sysv-shm.lifecycle.ipc-private-always-makes-a-new-segment',
      kind: 'lifecycle',
      claim: {
        en: 'shmget(IPC_PRIVATE) makes a new segment every time, even without IPC_CREAT: two calls give two distinct ids.',
        zh: 'shmget(IPC_PRIVATE) 每次都会新建段，即使未设置 IPC_CREAT：两次调用得到两个不同的 id。',
      },
      sources: [shmget2('DESCRIPTION'), shmget2('BUGS')],
      expect: { equals: true },
      probes: [{ fixture: 'sysv-shm', case: 'private-always-new' }, { ffi: 'sysv-shm.private-always-new' }],
    },
    {
      id: 'sysv-shm.lifecycle.absent-key-without-ipc-creat-gives-enoent',
      kind: 'lifecycle',
      claim: {
        en: 'shmget without IPC_CREAT on a key that names no segment fails with ENOENT.',
        zh: '对不存在段的键调用不带 IPC_CREAT 的 shmget 会以 ENOENT 失败。',
      },
      sources: [shmget2('ERRORS')],
      expect: { errno: 'ENOENT' },
      probes: [{ fixture: 'sysv-shm', case: 'absent-key' }, { ffi: 'sysv-shm.absent-key' }],
    },
    {
      id: 'sysv-shm.lifecycle.shmat-of-a-destroyed-segment-gives-einval',
      kind: 'lifecycle',
      claim: {
        en: 'IPC_RMID on a segment nobody has attached destroys it at once: shmat on its id then fails with EINVAL.',
        zh: '对无人附加的段执行 IPC_RMID 会立即销毁它：之后对其 id 调用 shmat 以 EINVAL 失败。',
      },
      sources: [shmat2('ERRORS'), shmctl2('IPC_RMID')],
      expect: { errno: 'EINVAL' },
      probes: [{ fixture: 'sysv-shm', case: 'attach-removed-id' }, { ffi: 'sysv-shm.attach-removed-id' }],
    },
    {
      id: 'sysv-shm.boundaries.shmdt-where-nothing-is-attached-gives-einval',
      kind: 'boundaries',
      claim: {
        en: 'shmdt of an address where no segment is attached fails with EINVAL.',
        zh: '对没有附加任何段的地址调用 shmdt 会以 EINVAL 失败。',
      },
      sources: [shmat2('ERRORS')],
      expect: { errno: 'EINVAL' },
      probes: [{ fixture: 'sysv-shm', case: 'detach-unattached' }, { ffi: 'sysv-shm.detach-unattached' }],
      peers: ['ltp:shmdt02'],
    },
    {
      id: 'sysv-shm.boundaries.unaligned-address-without-shm-rnd-gives-einval',
      kind: 'boundaries',
      claim: {
        en: 'shmat at an address that is not a multiple of SHMLBA, without SHM_RND, fails with EINVAL.',
        zh: '不设置 SHM_RND 时，在不是 SHMLBA 整数倍的地址上调用 shmat 会以 EINVAL 失败。',
      },
      sources: [shmat2('shmat()'), shmat2('ERRORS')],
      expect: { errno: 'EINVAL' },
      probes: [{ fixture: 'sysv-shm', case: 'unaligned-attach' }],
    },
    {
      id: 'sysv-shm.limits.exactly-shmmni-segments-fit-in-an-ipc-namespace',
      kind: 'limits',
      claim: {
        en: 'In an IPC namespace whose kernel.shmmni is lowered to 4, exactly 4 segments can be made.',
        zh: '在 kernel.shmmni 被调低为 4 的 IPC 命名空间中，恰好可以创建 4 个段。',
      },
      sources: [
        shmget2('ERRORS'),
        { man: 'proc(5)', section: '/proc/sys/kernel/shmmni' },
        { man: 'ipc_namespaces(7)', section: 'DESCRIPTION' },
      ],
      expect: { relation: 'equals-evidence', field: 'shmmni' },
      probes: [{ fixture: 'sysv-shm', case: 'segments-in-new-namespace', args: { shmmni: 4 } }],
      requires: ['root'],
    },
    {
      id: 'sysv-shm.limits.a-segment-beyond-shmmni-gives-enospc',
      kind: 'limits',
      claim: {
        en: 'Once an IPC namespace holds kernel.shmmni segments, shmget of one more fails with ENOSPC.',
        zh: '当 IPC 命名空间中的段数达到 kernel.shmmni 后，再用 shmget 创建一个会以 ENOSPC 失败。',
      },
      sources: [shmget2('ERRORS'), { man: 'proc(5)', section: '/proc/sys/kernel/shmmni' }],
      expect: { errno: 'ENOSPC' },
      probes: [{ fixture: 'sysv-shm', case: 'segments-in-new-namespace', args: { shmmni: 4 } }],
      requires: ['root'],
      peers: ['ltp:shmget03'],
    },
  ],
});
