// System V semaphore sets: semget(2), semop(2), semctl(2), sysvipc(7).
import { defineMechanism } from './schema.js';

const semop = (section: string) => ({ man: 'semop(2)', section });
const semget = (section: string) => ({ man: 'semget(2)', section });
const semctl = (section: string) => ({ man: 'semctl(2)', section });
// The timed cases take their timeout in ms; the bound below must match it.
const TIMEOUT_MS = 200;
const tutorialSemaphores = { tutorial: 'ipc-tutorial.zh.md', section: '5. 信号量' };

export default defineMechanism({
  id: 'sysv-sem',
  title: { en: 'System V semaphore set', zh: 'System V 信号量集' },
  family: 'sysv',
  manPages: ['semget(2)', 'semop(2)', 'semctl(2)', 'sysvipc(7)'],
  properties: [
    {
      id: 'sysv-sem.blocking.p-at-zero-blocks-until-a-v',
      kind: 'blocking',
      claim: {
        en: 'Decrementing a semaphore that is 0 (P) waits until another process increments it (V).',
        zh: '对值为 0 的信号量做减一（P 操作）会一直等待，直到另一进程对其加一（V 操作）。',
      },
      sources: [semop('DESCRIPTION'), tutorialSemaphores],
      expect: { blocks: true },
      probes: [{ fixture: 'sysv-sem', case: 'p-at-zero-blocks' }],
    },
    {
      id: 'sysv-sem.blocking.nowait-p-at-zero-gives-eagain',
      kind: 'blocking',
      claim: {
        en: 'With IPC_NOWAIT, decrementing a semaphore that is 0 fails at once with EAGAIN.',
        zh: '设置 IPC_NOWAIT 时，对值为 0 的信号量做减一会立即以 EAGAIN 失败。',
      },
      sources: [semop('DESCRIPTION'), semop('ERRORS')],
      expect: { errno: 'EAGAIN' },
      probes: [{ fixture: 'sysv-sem', case: 'p-at-zero-nonblocking' }, { ffi: 'sysv-sem.p-at-zero-nonblocking' }],
    },
    {
      id: 'sysv-sem.blocking.wait-for-zero-blocks-until-the-value-reaches-zero',
      kind: 'blocking',
      claim: {
        en: 'An operation of 0 on a semaphore that is not 0 waits until the value becomes 0.',
        zh: '对非零信号量执行值为 0 的操作（等待为零）会一直等待，直到其值变为 0。',
      },
      sources: [semop('DESCRIPTION')],
      expect: { blocks: true },
      probes: [{ fixture: 'sysv-sem', case: 'wait-for-zero-blocks' }],
    },
    {
      id: 'sysv-sem.blocking.nowait-wait-for-zero-on-a-nonzero-value-gives-eagain',
      kind: 'blocking',
      claim: {
        en: 'With IPC_NOWAIT, waiting for zero on a semaphore that is not 0 fails at once with EAGAIN.',
        zh: '设置 IPC_NOWAIT 时，对非零信号量等待为零会立即以 EAGAIN 失败。',
      },
      sources: [semop('DESCRIPTION'), semop('ERRORS')],
      expect: { errno: 'EAGAIN' },
      probes: [{ fixture: 'sysv-sem', case: 'wait-for-zero-nonblocking' }, { ffi: 'sysv-sem.wait-for-zero-nonblocking' }],
    },
    {
      id: 'sysv-sem.lifecycle.sem-undo-reverts-an-exiting-process-adjustment',
      kind: 'lifecycle',
      claim: {
        en: 'A decrement made with SEM_UNDO is reverted by the kernel when the process exits: a semaphore at 2 taken to 1 is back at 2.',
        zh: '带 SEM_UNDO 的减一操作会在进程退出时由内核撤销：从 2 减到 1 的信号量会恢复为 2。',
      },
      sources: [semop('DESCRIPTION'), semop('NOTES'), tutorialSemaphores],
      expect: { equals: 2 },
      probes: [{ fixture: 'sysv-sem', case: 'undo-on-exit' }],
    },
    {
      id: 'sysv-sem.persistence.adjustment-without-sem-undo-outlives-the-process',
      kind: 'persistence',
      claim: {
        en: 'A decrement made without SEM_UNDO stays after the process exits: a semaphore at 2 taken to 1 remains 1.',
        zh: '不带 SEM_UNDO 的减一操作在进程退出后依然有效：从 2 减到 1 的信号量保持为 1。',
      },
      sources: [semop('DESCRIPTION'), semop('NOTES')],
      expect: { equals: 1 },
      probes: [{ fixture: 'sysv-sem', case: 'no-undo-on-exit' }],
    },
    {
      id: 'sysv-sem.atomicity.operations-on-several-semaphores-apply-all-or-none',
      kind: 'atomicity',
      claim: {
        en: 'A semop of two decrements where the second cannot proceed (IPC_NOWAIT) changes neither semaphore.',
        zh: '一次 semop 包含两个减一操作且第二个无法进行（IPC_NOWAIT）时，两个信号量都不改变。',
      },
      sources: [semop('DESCRIPTION'), tutorialSemaphores],
      expect: { equals: '1,0' },
      probes: [{ fixture: 'sysv-sem', case: 'all-or-none-nonblocking' }, { ffi: 'sysv-sem.all-or-none-nonblocking' }],
    },
    {
      id: 'sysv-sem.atomicity.a-waiting-multi-operation-takes-nothing-meanwhile',
      kind: 'atomicity',
      claim: {
        en: 'While a semop of two decrements waits for the second semaphore, the first one keeps its value: nothing is taken until all can be.',
        zh: '一次包含两个减一操作的 semop 在等待第二个信号量时，第一个信号量的值保持不变：直到全部可执行前不会取走任何资源。',
      },
      sources: [semop('DESCRIPTION')],
      expect: { equals: 1 },
      probes: [{ fixture: 'sysv-sem', case: 'all-or-none-while-blocked' }],
    },
    {
      id: 'sysv-sem.limits.nsems-above-semmsl-gives-einval',
      kind: 'limits',
      claim: {
        en: 'Asking semget for more semaphores in one set than SEMMSL (the first field of kernel.sem) fails with EINVAL.',
        zh: '用 semget 申请的单个信号量集的信号量数超过 SEMMSL（kernel.sem 的第一个字段）时会以 EINVAL 失败。',
      },
      sources: [semget('ERRORS'), semget('Semaphore limits'), { man: 'proc(5)', section: '/proc/sys/kernel/sem' }],
      expect: { errno: 'EINVAL' },
      probes: [{ fixture: 'sysv-sem', case: 'nsems-above-semmsl' }, { ffi: 'sysv-sem.nsems-above-semmsl' }],
    },
    {
      id: 'sysv-sem.limits.a-set-of-semmsl-semaphores-can-be-made',
      kind: 'limits',
      claim: {
        en: 'A single set may hold exactly SEMMSL semaphores: semget accepts that many and IPC_STAT reports them.',
        zh: '单个信号量集恰好可以包含 SEMMSL 个信号量：semget 接受该数量，IPC_STAT 也如实报告。',
      },
      sources: [semget('Semaphore limits'), { man: 'proc(5)', section: '/proc/sys/kernel/sem' }, tutorialSemaphores],
      expect: { relation: 'equals-evidence', field: 'semmsl' },
      probes: [{ fixture: 'sysv-sem', case: 'nsems-semmsl' }, { ffi: 'sysv-sem.nsems-semmsl' }],
    },
    {
      id: 'sysv-sem.limits.more-than-semopm-operations-give-e2big',
      kind: 'limits',
      claim: {
        en: 'A semop with more operations than SEMOPM (the third field of kernel.sem) fails with E2BIG.',
        zh: '一次 semop 的操作数超过 SEMOPM（kernel.sem 的第三个字段）时会以 E2BIG 失败。',
      },
      sources: [semop('ERRORS'), semop('Semaphore limits')],
      expect: { errno: 'E2BIG' },
      probes: [{ fixture: 'sysv-sem', case: 'ops-above-semopm' }, { ffi: 'sysv-sem.ops-above-semopm' }],
      peers: ['ltp:semop02'],
    },
    {
      id: 'sysv-sem.limits.value-above-semvmx-gives-erange',
      kind: 'limits',
      claim: {
        en: 'Setting a semaphore above SEMVMX (32767) with SETVAL fails with ERANGE.',
        zh: '用 SETVAL 把信号量设为超过 SEMVMX（32767）的值会以 ERANGE 失败。',
      },
      sources: [semctl('ERRORS'), semop('Semaphore limits')],
      expect: { errno: 'ERANGE' },
      probes: [{ fixture: 'sysv-sem', case: 'setval-above-semvmx' }, { ffi: 'sysv-sem.setval-above-semvmx' }],
    },
    {
      id: 'sysv-sem.lifecycle.a-new-set-starts-at-zero-on-linux',
      kind: 'lifecycle',
      claim: {
        en: 'Linux initializes every semaphore of a new set to 0 (POSIX leaves the values unspecified, so portable code sets them).',
        zh: 'Linux 会把新建信号量集中的每个信号量初始化为 0（POSIX 未规定初值，可移植的程序应自行设置）。',
      },
      sources: [semget('Semaphore initialization')],
      expect: { equals: '0,0,0,0' },
      probes: [{ fixture: 'sysv-sem', case: 'new-set-zero' }, { ffi: 'sysv-sem.new-set-zero' }],
    },
    {
      id: 'sysv-sem.persistence.set-and-its-values-outlive-their-creator',
      kind: 'persistence',
      claim: {
        en: 'A semaphore set and its values stay in the kernel after the process that made them exits, until IPC_RMID: another process finds it by key.',
        zh: '创建信号量集的进程退出后，该集合及其值仍留在内核中，直到 IPC_RMID：其他进程可以按键值找到它。',
      },
      sources: [{ man: 'sysvipc(7)', section: 'Semaphore sets' }, semctl('IPC_RMID'), tutorialSemaphores],
      expect: { equals: 3 },
      probes: [{ fixture: 'sysv-sem', case: 'outlives-creator' }],
    },
    {
      id: 'sysv-sem.lifecycle.rmid-wakes-a-blocked-waiter-with-eidrm',
      kind: 'lifecycle',
      claim: {
        en: 'Removing a semaphore set wakes a process blocked in semop, which fails with EIDRM.',
        zh: '删除信号量集会唤醒阻塞在 semop 中的进程，其调用以 EIDRM 失败。',
      },
      sources: [semctl('IPC_RMID'), semop('ERRORS')],
      expect: { errno: 'EIDRM' },
      probes: [{ fixture: 'sysv-sem', case: 'rmid-wakes-waiter' }],
      peers: ['ltp:semop05'],
    },
    {
      id: 'sysv-sem.permissions.another-uid-cannot-operate-on-a-0600-set',
      kind: 'permissions',
      claim: {
        en: 'A process of another, unprivileged uid gets EACCES when it operates on a set created with mode 0600.',
        zh: '另一个无特权 uid 的进程对以 0600 权限创建的信号量集执行操作时会得到 EACCES。',
      },
      sources: [semop('ERRORS'), semget('DESCRIPTION')],
      expect: { errno: 'EACCES' },
      probes: [{ fixture: 'sysv-sem', case: 'other-uid-semop' }],
      requires: ['other-uid'],
    },
    {
      id: 'sysv-sem.lifecycle.setall-values-come-back-from-getall',
      kind: 'lifecycle',
      claim: {
        en: 'semctl(SETALL) sets every semaphore of a set at once, and GETALL returns those values: 1,2,3 in, 1,2,3 out.',
        zh: 'semctl(SETALL) 一次设置集合中所有信号量的值，GETALL 返回这些值：设为 1,2,3，读回 1,2,3。',
      },
      sources: [semctl('SETALL'), semctl('GETALL')],
      expect: { equals: '1,2,3' },
      probes: [{ fixture: 'sysv-sem', case: 'setall-getall' }, { ffi: 'sysv-sem.setall-getall' }],
    },
    {
      id: 'sysv-sem.limits.setall-above-semvmx-gives-erange',
      kind: 'limits',
      claim: {
        en: 'semctl(SETALL) with one value above SEMVMX fails with ERANGE and sets none of the values.',
        zh: 'semctl(SETALL) 的某个值超过 SEMVMX 时会以 ERANGE 失败，且不设置任何值。',
      },
      sources: [semctl('ERRORS'), semop('Semaphore limits')],
      expect: { errno: 'ERANGE' },
      probes: [{ fixture: 'sysv-sem', case: 'setall-above-semvmx' }, { ffi: 'sysv-sem.setall-above-semvmx' }],
    },
    {
      id: 'sysv-sem.limits.negative-setval-gives-erange',
      kind: 'limits',
      claim: {
        en: 'semctl(SETVAL) with a value below 0 fails with ERANGE.',
        zh: '用 semctl(SETVAL) 设置小于 0 的值会以 ERANGE 失败。',
      },
      sources: [semctl('ERRORS')],
      expect: { errno: 'ERANGE' },
      probes: [{ fixture: 'sysv-sem', case: 'setval-negative' }, { ffi: 'sysv-sem.setval-negative' }],
    },
    {
      id: 'sysv-sem.limits.increment-past-semvmx-gives-erange',
      kind: 'limits',
      claim: {
        en: 'A semop that would take a semaphore above SEMVMX fails with ERANGE and leaves it at SEMVMX.',
        zh: '会使信号量超过 SEMVMX 的 semop 以 ERANGE 失败，信号量保持为 SEMVMX。',
      },
      sources: [semop('ERRORS'), semop('Semaphore limits')],
      expect: { errno: 'ERANGE' },
      probes: [{ fixture: 'sysv-sem', case: 'op-above-semvmx' }, { ffi: 'sysv-sem.op-above-semvmx' }],
    },
    {
      id: 'sysv-sem.limits.sem-num-beyond-the-set-gives-efbig',
      kind: 'limits',
      claim: {
        en: 'A semop on sem_num 2 of a set of two semaphores (sem_num must be below nsems) fails with EFBIG.',
        zh: '对两个信号量的集合操作 sem_num 为 2 的信号量（sem_num 必须小于 nsems）会以 EFBIG 失败。',
      },
      sources: [semop('ERRORS')],
      expect: { errno: 'EFBIG' },
      probes: [{ fixture: 'sysv-sem', case: 'sem-num-out-of-range' }, { ffi: 'sysv-sem.sem-num-out-of-range' }],
    },
    {
      id: 'sysv-sem.lifecycle.a-new-set-has-no-operation-time-or-pid',
      kind: 'lifecycle',
      claim: {
        en: 'A set no semop has touched shows sem_otime 0 (IPC_STAT) and GETPID 0.',
        zh: '从未执行过 semop 的信号量集，其 sem_otime（IPC_STAT）为 0，GETPID 也为 0。',
      },
      sources: [semget('DESCRIPTION'), semctl('GETPID')],
      expect: { equals: '0,0' },
      probes: [{ fixture: 'sysv-sem', case: 'new-set-otime-and-pid' }, { ffi: 'sysv-sem.new-set-otime-and-pid' }],
    },
    {
      id: 'sysv-sem.lifecycle.semop-sets-sem-otime-to-the-current-time',
      kind: 'lifecycle',
      claim: {
        en: 'A successful semop sets sem_otime to the current time (in seconds).',
        zh: '成功的 semop 会把 sem_otime 设为当前时间（以秒计）。',
      },
      sources: [semop('DESCRIPTION'), semctl('DESCRIPTION')],
      expect: { relation: 'equals-evidence', field: 'operated_at' },
      probes: [{ fixture: 'sysv-sem', case: 'semop-time' }],
    },
    {
      id: 'sysv-sem.lifecycle.getpid-names-the-last-process-to-operate',
      kind: 'lifecycle',
      claim: {
        en: 'After another process performs a semop on a semaphore, semctl(GETPID) returns that process’s pid.',
        zh: '另一个进程对某信号量执行 semop 后，semctl(GETPID) 返回该进程的 pid。',
      },
      sources: [semctl('GETPID'), semop('DESCRIPTION')],
      expect: { relation: 'equals-evidence', field: 'operator_pid' },
      probes: [{ fixture: 'sysv-sem', case: 'last-operator-pid' }],
    },
    {
      id: 'sysv-sem.blocking.getncnt-counts-the-processes-waiting-to-decrement',
      kind: 'blocking',
      claim: {
        en: 'With two processes blocked decrementing a semaphore at 0, semctl(GETNCNT) returns 2.',
        zh: '两个进程阻塞在对值为 0 的信号量做减法上时，semctl(GETNCNT) 返回 2。',
      },
      sources: [semctl('GETNCNT'), semop('DESCRIPTION')],
      expect: { relation: 'equals-evidence', field: 'waiters' },
      probes: [{ fixture: 'sysv-sem', case: 'ncnt-counts-waiters', args: { waiters: 2 } }],
    },
    {
      id: 'sysv-sem.blocking.getzcnt-counts-the-processes-waiting-for-zero',
      kind: 'blocking',
      claim: {
        en: 'With two processes blocked waiting for a semaphore at 1 to become 0, semctl(GETZCNT) returns 2.',
        zh: '两个进程阻塞等待值为 1 的信号量变为 0 时，semctl(GETZCNT) 返回 2。',
      },
      sources: [semctl('GETZCNT'), semop('DESCRIPTION')],
      expect: { relation: 'equals-evidence', field: 'waiters' },
      probes: [{ fixture: 'sysv-sem', case: 'zcnt-counts-waiters', args: { waiters: 2 } }],
    },
    {
      id: 'sysv-sem.blocking.semtimedop-gives-eagain-when-its-timeout-expires',
      kind: 'blocking',
      claim: {
        en: 'semtimedop decrementing a semaphore that stays 0 gives up with EAGAIN once its timeout has elapsed.',
        zh: '对始终为 0 的信号量做减法的 semtimedop，在超时时间过去后以 EAGAIN 返回。',
      },
      sources: [semop('semtimedop()'), semop('ERRORS')],
      expect: { errno: 'EAGAIN' },
      probes: [{ fixture: 'sysv-sem', case: 'timedop-times-out', args: { timeout_ms: TIMEOUT_MS } }],
    },
    {
      id: 'sysv-sem.blocking.semtimedop-waits-at-least-its-timeout',
      kind: 'blocking',
      claim: {
        en: `semtimedop with a timeout of ${TIMEOUT_MS} ms on a semaphore that stays 0 returns no sooner than ${TIMEOUT_MS} ms.`,
        zh: `对始终为 0 的信号量调用超时为 ${TIMEOUT_MS} 毫秒的 semtimedop，至少等待 ${TIMEOUT_MS} 毫秒才返回。`,
      },
      sources: [semop('semtimedop()')],
      expect: { atLeast: TIMEOUT_MS * 1e6 },
      probes: [{ fixture: 'sysv-sem', case: 'timedop-times-out', args: { timeout_ms: TIMEOUT_MS } }],
    },
    {
      id: 'sysv-sem.blocking.a-handler-interrupts-a-blocked-semop-with-eintr',
      kind: 'blocking',
      claim: {
        en: 'A semop blocked decrementing a semaphore at 0 fails with EINTR when the process catches a signal (semop is never restarted).',
        zh: '阻塞在对值为 0 的信号量做减法上的 semop，在进程捕获信号后以 EINTR 失败（semop 从不自动重启）。',
      },
      sources: [semop('ERRORS'), { man: 'signal(7)', section: 'Interruption of system calls and library functions by signal handlers' }],
      expect: { errno: 'EINTR' },
      probes: [{ fixture: 'sysv-sem', case: 'op-interrupted' }],
      peers: ['ltp:semop05'],
    },
    {
      id: 'sysv-sem.lifecycle.rmid-wakes-a-wait-for-zero-with-eidrm',
      kind: 'lifecycle',
      claim: {
        en: 'Removing a set wakes a process blocked waiting for a semaphore to become 0, which fails with EIDRM.',
        zh: '删除信号量集会唤醒阻塞等待信号量变为 0 的进程，其调用以 EIDRM 失败。',
      },
      sources: [semctl('IPC_RMID'), semop('ERRORS')],
      expect: { errno: 'EIDRM' },
      probes: [{ fixture: 'sysv-sem', case: 'rmid-wakes-zero-waiter' }],
      peers: ['ltp:semop05'],
    },
    {
      id: 'sysv-sem.permissions.owner-changes-the-mode-with-ipc-set',
      kind: 'permissions',
      claim: {
        en: 'The owner of a set changes its permission bits with IPC_SET: after setting 0640, IPC_STAT shows 0640.',
        zh: '信号量集的所有者可以用 IPC_SET 修改其权限位：设为 0640 后，IPC_STAT 显示 0640。',
      },
      sources: [semctl('IPC_SET')],
      expect: { equals: '0640' },
      probes: [{ fixture: 'sysv-sem', case: 'ipc-set-mode' }, { ffi: 'sysv-sem.ipc-set-mode' }],
    },
    {
      id: 'sysv-sem.permissions.ipc-set-by-another-uid-gives-eperm',
      kind: 'permissions',
      claim: {
        en: 'A process of another, unprivileged uid that is neither owner nor creator gets EPERM from IPC_SET, and the mode stays as it was.',
        zh: '既非所有者也非创建者的另一无特权 uid 进程执行 IPC_SET 会得到 EPERM，权限位保持不变。',
      },
      sources: [semctl('IPC_SET'), semctl('ERRORS')],
      expect: { errno: 'EPERM' },
      probes: [{ fixture: 'sysv-sem', case: 'other-uid-ipc-set' }],
      requires: ['other-uid'],
    },
    {
      id: 'sysv-sem.lifecycle.ipc-private-always-makes-a-new-set',
      kind: 'lifecycle',
      claim: {
        en: 'semget(IPC_PRIVATE) makes a new set every time, even without IPC_CREAT: two calls give two distinct ids.',
        zh: 'semget(IPC_PRIVATE) 每次都会新建信号量集，即使未设置 IPC_CREAT：两次调用得到两个不同的 id。',
      },
      sources: [semget('DESCRIPTION'), semget('BUGS')],
      expect: { equals: true },
      probes: [{ fixture: 'sysv-sem', case: 'private-always-new' }, { ffi: 'sysv-sem.private-always-new' }],
    },
    {
      id: 'sysv-sem.lifecycle.ipc-excl-on-an-existing-key-gives-eexist',
      kind: 'lifecycle',
      claim: {
        en: 'semget with IPC_CREAT | IPC_EXCL on a key that already names a set fails with EEXIST.',
        zh: '对已有信号量集的键调用带 IPC_CREAT | IPC_EXCL 的 semget 会以 EEXIST 失败。',
      },
      sources: [semget('ERRORS')],
      expect: { errno: 'EEXIST' },
      probes: [{ fixture: 'sysv-sem', case: 'existing-key-excl' }, { ffi: 'sysv-sem.existing-key-excl' }],
    },
    {
      id: 'sysv-sem.limits.more-semaphores-than-an-existing-set-holds-give-einval',
      kind: 'limits',
      claim: {
        en: 'semget on the key of a set of two asking for three semaphores fails with EINVAL: an existing set is never grown.',
        zh: '对包含两个信号量的集合的键调用 semget 并请求三个信号量会以 EINVAL 失败：已有集合不会扩大。',
      },
      sources: [semget('ERRORS')],
      expect: { errno: 'EINVAL' },
      probes: [{ fixture: 'sysv-sem', case: 'nsems-above-existing' }, { ffi: 'sysv-sem.nsems-above-existing' }],
    },
    {
      id: 'sysv-sem.limits.exactly-semmni-sets-fit-in-an-ipc-namespace',
      kind: 'limits',
      claim: {
        en: 'In an IPC namespace whose SEMMNI (the fourth field of kernel.sem) is lowered to 4, exactly 4 sets can be made.',
        zh: '在 SEMMNI（kernel.sem 的第四个字段）被调低为 4 的 IPC 命名空间中，恰好可以创建 4 个信号量集。',
      },
      sources: [
        semget('ERRORS'),
        semget('Semaphore limits'),
        { man: 'proc(5)', section: '/proc/sys/kernel/sem' },
        { man: 'ipc_namespaces(7)', section: 'DESCRIPTION' },
      ],
      expect: { relation: 'equals-evidence', field: 'semmni' },
      probes: [{ fixture: 'sysv-sem', case: 'sets-in-new-namespace', args: { semmni: 4 } }],
      requires: ['root'],
    },
    {
      id: 'sysv-sem.limits.a-set-beyond-semmni-gives-enospc',
      kind: 'limits',
      claim: {
        en: 'Once an IPC namespace holds SEMMNI sets, semget of one more fails with ENOSPC.',
        zh: '当 IPC 命名空间中的信号量集数达到 SEMMNI 后，再用 semget 创建一个会以 ENOSPC 失败。',
      },
      sources: [semget('ERRORS'), semget('Semaphore limits')],
      expect: { errno: 'ENOSPC' },
      probes: [{ fixture: 'sysv-sem', case: 'sets-in-new-namespace', args: { semmni: 4 } }],
      requires: ['root'],
      peers: ['ltp:semget05'],
    },
  ],
});
