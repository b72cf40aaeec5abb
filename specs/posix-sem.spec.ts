// POSIX semaphores: sem_overview(7), sem_open(3), sem_init(3), sem_wait(3), sem_post(3),
// sem_unlink(3), and the POSIX pages of the same names.
import { defineMechanism } from './schema.js';

const overview = (section: string) => ({ man: 'sem_overview(7)', section });
const tutorialSemaphores = { tutorial: 'ipc-tutorial.zh.md', section: '5. 信号量(Semaphores)' };
// The blocking and timed cases take their delay / timeout in ms; the bound below must match it.
const TIMEOUT_MS = 200;
// _POSIX_SEM_VALUE_MAX: the least SEM_VALUE_MAX a conforming system may have.
const POSIX_SEM_VALUE_MAX_MINIMUM = 32767;

export default defineMechanism({
  id: 'posix-sem',
  title: { en: 'POSIX semaphore', zh: 'POSIX 信号量' },
  family: 'posix',
  manPages: ['sem_overview(7)', 'sem_open(3)', 'sem_init(3)', 'sem_wait(3)', 'sem_post(3)', 'sem_unlink(3)'],
  properties: [
    {
      id: 'posix-sem.persistence.named-semaphore-outlives-its-creator',
      kind: 'persistence',
      claim: {
        en: 'A named semaphore has kernel persistence: after its creator posted 3 times and exited, a process that never had it open finds it by name with value 3.',
        zh: '命名信号量具有内核持久性：创建者 post 三次并退出后，一个从未打开过它的进程按名字打开，看到的值为 3。',
      },
      sources: [overview('Persistence'), { man: 'sem_open(3)', section: 'DESCRIPTION' }, tutorialSemaphores],
      expect: { equals: 3 },
      probes: [{ fixture: 'posix-sem', case: 'named-outlives-creator' }],
    },
    {
      id: 'posix-sem.kin.named-semaphore-is-a-file-sem-name-in-dev-shm',
      kind: 'kin',
      claim: {
        en: 'Named semaphore /NAME lives in /dev/shm as the file sem.NAME, with the mode given to sem_open (0600).',
        zh: '命名信号量 /NAME 以文件 sem.NAME 的形式存在于 /dev/shm 中，权限为 sem_open 时给定的 0600。',
      },
      sources: [overview('Accessing named semaphores via the filesystem'), { man: 'sem_open(3)', section: 'DESCRIPTION' }],
      expect: { equals: '0600' },
      probes: [{ fixture: 'posix-sem', case: 'named-in-dev-shm' }, { ffi: 'posix-sem.named-in-dev-shm' }],
    },
    {
      id: 'posix-sem.lifecycle.open-after-unlink-gives-enoent',
      kind: 'lifecycle',
      claim: {
        en: 'sem_unlink removes the name at once: a later sem_open of that name without O_CREAT fails with ENOENT.',
        zh: 'sem_unlink 立即删除名字：之后不带 O_CREAT 地 sem_open 该名字会以 ENOENT 失败。',
      },
      sources: [
        { man: 'sem_unlink(3)', section: 'DESCRIPTION' },
        { man: 'sem_open(3)', section: 'ERRORS' },
      ],
      expect: { errno: 'ENOENT' },
      probes: [{ fixture: 'posix-sem', case: 'named-open-after-unlink' }, { ffi: 'posix-sem.named-open-after-unlink' }],
    },
    {
      id: 'posix-sem.lifecycle.unlinked-semaphore-keeps-working-for-its-holders',
      kind: 'lifecycle',
      claim: {
        en: 'An unlinked named semaphore lives on for the processes that have it open: a post through an open handle still raises its value from 1 to 2.',
        zh: '被 sem_unlink 的命名信号量对已打开它的进程依然有效：通过已打开的句柄 post，其值仍从 1 变为 2。',
      },
      sources: [
        { man: 'sem_unlink(3)', section: 'DESCRIPTION' },
        { posix: 'sem_unlink()', section: 'DESCRIPTION' },
      ],
      expect: { equals: 2 },
      probes: [{ fixture: 'posix-sem', case: 'named-unlinked-still-usable' }, { ffi: 'posix-sem.named-unlinked-still-usable' }],
    },
    {
      id: 'posix-sem.lifecycle.o-creat-on-an-existing-name-ignores-the-value',
      kind: 'lifecycle',
      claim: {
        en: 'sem_open with O_CREAT of a name that already exists opens that semaphore and ignores the value given: created with 1, reopened "with 5", it reads 1.',
        zh: '对已存在的名字以 O_CREAT 调用 sem_open 会打开原信号量并忽略给定的初值：以 1 创建、再"以 5"打开，读到的仍是 1。',
      },
      sources: [
        { man: 'sem_open(3)', section: 'DESCRIPTION' },
        { posix: 'sem_open()', section: 'DESCRIPTION' },
      ],
      expect: { equals: 1 },
      probes: [{ fixture: 'posix-sem', case: 'named-existing-ignores-value' }, { ffi: 'posix-sem.named-existing-ignores-value' }],
    },
    {
      id: 'posix-sem.kin.unnamed-pshared-semaphore-in-shared-memory-wakes-a-child',
      kind: 'kin',
      claim: {
        en: 'An unnamed semaphore made with pshared=1 in a MAP_SHARED|MAP_ANONYMOUS mapping works across fork: a child waiting on it wakes only when the parent posts.',
        zh: '在 MAP_SHARED|MAP_ANONYMOUS 映射中以 pshared=1 初始化的无名信号量可跨 fork 使用：子进程在其上等待，直到父进程 post 才被唤醒。',
      },
      sources: [{ man: 'sem_init(3)', section: 'DESCRIPTION' }, overview('DESCRIPTION'), { posix: 'sem_init()', section: 'DESCRIPTION' }],
      expect: { blocks: true },
      probes: [{ fixture: 'posix-sem', case: 'unnamed-shared-wakes-child' }],
    },
    {
      id: 'posix-sem.blocking.wait-on-zero-blocks-until-a-post',
      kind: 'blocking',
      claim: {
        en: 'sem_wait on a semaphore of value 0 waits until another process posts it.',
        zh: '对值为 0 的信号量调用 sem_wait 会一直等待，直到另一进程对它 post。',
      },
      sources: [{ man: 'sem_wait(3)', section: 'DESCRIPTION' }, { posix: 'sem_wait()', section: 'DESCRIPTION' }, tutorialSemaphores],
      expect: { blocks: true },
      probes: [{ fixture: 'posix-sem', case: 'wait-blocks' }],
    },
    {
      id: 'posix-sem.blocking.trywait-on-zero-gives-eagain',
      kind: 'blocking',
      claim: {
        en: 'sem_trywait on a semaphore of value 0 fails at once with EAGAIN instead of waiting.',
        zh: '对值为 0 的信号量调用 sem_trywait 会立即以 EAGAIN 失败，而不是等待。',
      },
      sources: [
        { man: 'sem_wait(3)', section: 'ERRORS' },
        { posix: 'sem_trywait()', section: 'ERRORS' },
      ],
      expect: { errno: 'EAGAIN' },
      probes: [{ fixture: 'posix-sem', case: 'trywait-zero' }, { ffi: 'posix-sem.trywait-zero' }],
    },
    {
      id: 'posix-sem.blocking.timedwait-on-zero-gives-etimedout',
      kind: 'blocking',
      claim: {
        en: 'sem_timedwait on a semaphore that stays 0 gives up with ETIMEDOUT once its deadline passes.',
        zh: '对始终为 0 的信号量调用 sem_timedwait，截止时间一过便以 ETIMEDOUT 返回。',
      },
      sources: [
        { man: 'sem_wait(3)', section: 'ERRORS' },
        { posix: 'sem_timedwait()', section: 'ERRORS' },
      ],
      expect: { errno: 'ETIMEDOUT' },
      probes: [{ fixture: 'posix-sem', case: 'timedwait-zero', args: { timeout_ms: TIMEOUT_MS } }],
    },
    {
      id: 'posix-sem.blocking.timedwait-waits-at-least-its-timeout',
      kind: 'blocking',
      claim: {
        en: `sem_timedwait on a semaphore of value 0 with a deadline ${TIMEOUT_MS} ms away returns no sooner than ${TIMEOUT_MS} ms.`,
        zh: `对值为 0 的信号量调用截止时间为 ${TIMEOUT_MS} 毫秒之后的 sem_timedwait，至少等待 ${TIMEOUT_MS} 毫秒才返回。`,
      },
      sources: [
        { man: 'sem_wait(3)', section: 'DESCRIPTION' },
        { posix: 'sem_timedwait()', section: 'DESCRIPTION' },
      ],
      expect: { atLeast: TIMEOUT_MS * 1e6 },
      probes: [{ fixture: 'posix-sem', case: 'timedwait-zero', args: { timeout_ms: TIMEOUT_MS } }],
    },
    {
      id: 'posix-sem.capacity.trywait-succeeds-as-many-times-as-the-value',
      kind: 'capacity',
      claim: {
        en: 'A semaphore counts: initialised to 3, it can be decremented by sem_trywait exactly 3 times before it refuses.',
        zh: '信号量是计数的：初值为 3 时，sem_trywait 恰好能成功递减 3 次，之后便被拒绝。',
      },
      sources: [{ man: 'sem_wait(3)', section: 'DESCRIPTION' }, overview('DESCRIPTION'), tutorialSemaphores],
      expect: { relation: 'equals-evidence', field: 'initial_value' },
      probes: [
        { fixture: 'posix-sem', case: 'trywait-counts', args: { value: 3 } },
        { ffi: 'posix-sem.trywait-counts', args: { value: 3 } },
      ],
    },
    {
      id: 'posix-sem.limits.post-beyond-sem-value-max-gives-eoverflow',
      kind: 'limits',
      claim: {
        en: 'sem_post on a semaphore already at SEM_VALUE_MAX fails with EOVERFLOW and leaves the value unchanged.',
        zh: '对值已达 SEM_VALUE_MAX 的信号量调用 sem_post 会以 EOVERFLOW 失败，值保持不变。',
      },
      sources: [
        { man: 'sem_post(3)', section: 'ERRORS' },
        { posix: 'sem_post()', section: 'ERRORS' },
      ],
      expect: { errno: 'EOVERFLOW' },
      probes: [{ fixture: 'posix-sem', case: 'post-overflow' }, { ffi: 'posix-sem.post-overflow' }],
    },
    {
      id: 'posix-sem.limits.sem-value-max-is-at-least-the-posix-minimum',
      kind: 'limits',
      claim: {
        en: `SEM_VALUE_MAX, as sysconf(_SC_SEM_VALUE_MAX) reports it, is at least ${POSIX_SEM_VALUE_MAX_MINIMUM} (_POSIX_SEM_VALUE_MAX).`,
        zh: `sysconf(_SC_SEM_VALUE_MAX) 报告的 SEM_VALUE_MAX 至少为 ${POSIX_SEM_VALUE_MAX_MINIMUM}（_POSIX_SEM_VALUE_MAX）。`,
      },
      sources: [
        { posix: 'limits.h', section: '{SEM_VALUE_MAX}' },
        { man: 'sysconf(3)', section: 'DESCRIPTION' },
      ],
      expect: { atLeast: POSIX_SEM_VALUE_MAX_MINIMUM },
      probes: [{ fixture: 'posix-sem', case: 'value-max' }, { ffi: 'posix-sem.value-max' }],
    },
  ],
});
