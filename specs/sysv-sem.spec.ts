// System V semaphore sets: semget(2), semop(2), semctl(2), sysvipc(7).
import { defineMechanism } from './schema.js';

const semop = (section: string) => ({ man: 'semop(2)', section });
const semget = (section: string) => ({ man: 'semget(2)', section });
const semctl = (section: string) => ({ man: 'semctl(2)', section });
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
  ],
});
