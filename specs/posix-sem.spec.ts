// POSIX semaphores: sem_overview(7), sem_open(3), sem_init(3), sem_wait(3), sem_post(3),
// sem_unlink(3), and the POSIX pages of the same names.
import { defineMechanism } from './schema.js';

const overview = (section: string) => ({ man: 'sem_overview(7)', section });
const openErrors = { man: 'sem_open(3)', section: 'ERRORS' };
const tutorialSemaphores = { tutorial: 'ipc-tutorial.zh.md', section: '5. 信号量(Semaphores)' };
// The blocking and timed cases take their delay / timeout in ms; the bound below must match it.
const TIMEOUT_MS = 200;
// _POSIX_SEM_VALUE_MAX: the least SEM_VALUE_MAX a conforming system may have.
const POSIX_SEM_VALUE_MAX_MINIMUM = 32767;

export default defineMechanism({
  id: 'posix-sem',
  title: { en: 'POSIX semaphore', zh: 'POSIX 信号量' },
  family: 'posix',
  manPages: [
    'sem_overview(7)',
    'sem_open(3)',
    'sem_init(3)',
    'sem_wait(3)',
    'sem_post(3)',
    'sem_getvalue(3)',
    'sem_close(3)',
    'sem_unlink(3)',
    'sem_destroy(3)',
  ],
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
      peers: ['posix:sem_open/14'],
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
      peers: ['posix:sem_unlink/1'],
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
      peers: ['posix:sem_unlink/2', 'posix:sem_unlink/9'],
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
      peers: ['posix:sem_open/10'],
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
      peers: ['posix:sem_init/3'],
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
      peers: ['posix:sem_wait/3', 'posix:sem_wait/13'],
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
      peers: ['posix:sem_wait/5', 'posix:sem_wait/12'],
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
      peers: ['posix:sem_timedwait/7'],
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
      peers: ['posix:sem_timedwait/2'],
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
      peers: ['posix:sem_wait/11'],
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
    {
      id: 'posix-sem.lifecycle.o-excl-on-an-existing-name-gives-eexist',
      kind: 'lifecycle',
      claim: {
        en: 'sem_open with O_CREAT | O_EXCL of a name that already exists fails with EEXIST instead of opening it.',
        zh: '对已存在的名字以 O_CREAT | O_EXCL 调用 sem_open 会以 EEXIST 失败，而不是打开它。',
      },
      sources: [openErrors, { posix: 'sem_open()', section: 'ERRORS' }],
      expect: { errno: 'EEXIST' },
      probes: [{ fixture: 'posix-sem', case: 'named-excl-existing' }, { ffi: 'posix-sem.named-excl-existing' }],
      peers: ['posix:sem_open/2', 'posix:sem_open/4'],
    },
    {
      id: 'posix-sem.permissions.mode-0600-denies-another-uid',
      kind: 'permissions',
      claim: {
        en: 'Another unprivileged user cannot open a named semaphore created with mode 0600: sem_open fails with EACCES.',
        zh: '其他非特权用户无法打开以 0600 模式创建的命名信号量：sem_open 以 EACCES 失败。',
      },
      sources: [openErrors, { posix: 'sem_open()', section: 'ERRORS' }],
      expect: { errno: 'EACCES' },
      probes: [{ fixture: 'posix-sem', case: 'named-other-uid-denied' }],
      requires: ['other-uid'],
      peers: ['posix:sem_open/3'],
    },
    {
      id: 'posix-sem.limits.sem-open-with-a-value-above-sem-value-max-gives-einval',
      kind: 'limits',
      claim: {
        en: 'sem_open with O_CREAT and an initial value one above SEM_VALUE_MAX (as sysconf reports it) fails with EINVAL.',
        zh: '以 O_CREAT 调用 sem_open 且初值比 SEM_VALUE_MAX（sysconf 报告的值）大 1 时，会以 EINVAL 失败。',
      },
      sources: [openErrors, { posix: 'sem_open()', section: 'ERRORS' }],
      expect: { errno: 'EINVAL' },
      probes: [{ fixture: 'posix-sem', case: 'named-value-above-max' }, { ffi: 'posix-sem.named-value-above-max' }],
      peers: ['posix:sem_open/5', 'posix:sem_open/12'],
    },
    {
      id: 'posix-sem.lifecycle.open-of-a-missing-name-without-o-creat-gives-enoent',
      kind: 'lifecycle',
      claim: {
        en: 'sem_open without O_CREAT of a name that was never created fails with ENOENT.',
        zh: '不带 O_CREAT 地 sem_open 一个从未创建过的名字会以 ENOENT 失败。',
      },
      sources: [openErrors, { posix: 'sem_open()', section: 'ERRORS' }],
      expect: { errno: 'ENOENT' },
      probes: [{ fixture: 'posix-sem', case: 'named-open-missing' }, { ffi: 'posix-sem.named-open-missing' }],
      peers: ['posix:sem_open/6'],
    },
    {
      id: 'posix-sem.lifecycle.sem-unlink-of-a-missing-name-gives-enoent',
      kind: 'lifecycle',
      claim: {
        en: 'sem_unlink of a name that does not exist fails with ENOENT.',
        zh: '对不存在的名字调用 sem_unlink 会以 ENOENT 失败。',
      },
      sources: [
        { man: 'sem_unlink(3)', section: 'ERRORS' },
        { posix: 'sem_unlink()', section: 'ERRORS' },
      ],
      expect: { errno: 'ENOENT' },
      probes: [{ fixture: 'posix-sem', case: 'named-unlink-missing' }, { ffi: 'posix-sem.named-unlink-missing' }],
      peers: ['posix:sem_unlink/4'],
    },
    {
      id: 'posix-sem.kin.opening-a-name-twice-in-one-process-gives-the-same-address',
      kind: 'kin',
      claim: {
        en: 'A process that calls sem_open twice with the same name (not unlinked in between) gets the same sem_t address both times.',
        zh: '同一进程以相同名字两次调用 sem_open（其间未 unlink）时，两次得到的 sem_t 地址相同。',
      },
      sources: [{ posix: 'sem_open()', section: 'DESCRIPTION' }],
      expect: { equals: true },
      probes: [{ fixture: 'posix-sem', case: 'named-same-address-twice' }, { ffi: 'posix-sem.named-same-address-twice' }],
      peers: ['posix:sem_open/15'],
    },
    {
      id: 'posix-sem.lifecycle.sem-close-leaves-the-semaphore-and-its-value',
      kind: 'lifecycle',
      claim: {
        en: 'sem_close only releases the caller’s handle: the semaphore (not unlinked) stays, and opening its name again shows the value it had (2).',
        zh: 'sem_close 只释放调用者的句柄：（未 unlink 的）信号量仍然存在，再次按名字打开可看到它原有的值（2）。',
      },
      sources: [
        { man: 'sem_close(3)', section: 'DESCRIPTION' },
        { posix: 'sem_close()', section: 'DESCRIPTION' },
        overview('Named semaphores'),
      ],
      expect: { relation: 'equals-evidence', field: 'initial_value' },
      probes: [
        { fixture: 'posix-sem', case: 'named-close-keeps-it', args: { value: 2 } },
        { ffi: 'posix-sem.named-close-keeps-it', args: { value: 2 } },
      ],
      peers: ['posix:sem_close/3'],
    },
    {
      id: 'posix-sem.lifecycle.re-creating-an-unlinked-name-gives-a-new-semaphore',
      kind: 'lifecycle',
      claim: {
        en: 'After sem_unlink, creating the name again gives a new semaphore with the new initial value (0), not the old one (3), which its holders still have.',
        zh: 'sem_unlink 之后再次创建该名字，得到的是带新初值（0）的新信号量，而不是旧的那个（值 3，仍归其持有者所有）。',
      },
      sources: [
        { man: 'sem_unlink(3)', section: 'DESCRIPTION' },
        { posix: 'sem_unlink()', section: 'DESCRIPTION' },
      ],
      expect: { relation: 'equals-evidence', field: 'recreated_with' },
      probes: [{ fixture: 'posix-sem', case: 'named-recreated-after-unlink' }, { ffi: 'posix-sem.named-recreated-after-unlink' }],
      peers: ['posix:sem_unlink/6'],
    },
    {
      id: 'posix-sem.capacity.sem-open-sets-the-initial-value',
      kind: 'capacity',
      claim: {
        en: 'A semaphore created by sem_open with O_CREAT and value 5 reads 5 through sem_getvalue.',
        zh: '以 O_CREAT 和初值 5 调用 sem_open 创建的信号量，通过 sem_getvalue 读到的值为 5。',
      },
      sources: [
        { man: 'sem_open(3)', section: 'DESCRIPTION' },
        { man: 'sem_getvalue(3)', section: 'DESCRIPTION' },
        { posix: 'sem_open()', section: 'DESCRIPTION' },
      ],
      expect: { relation: 'equals-evidence', field: 'initial_value' },
      probes: [
        { fixture: 'posix-sem', case: 'named-initial-value', args: { value: 5 } },
        { ffi: 'posix-sem.named-initial-value', args: { value: 5 } },
      ],
      peers: ['posix:sem_open/11'],
    },
    {
      id: 'posix-sem.capacity.getvalue-follows-posts-and-waits',
      kind: 'capacity',
      claim: {
        en: 'Each sem_post adds one and each sem_wait on a positive value takes one: from 2, three posts and one wait leave sem_getvalue at 4.',
        zh: '每次 sem_post 加一，每次在正值上的 sem_wait 减一：从 2 开始 post 三次、wait 一次后，sem_getvalue 为 4。',
      },
      sources: [
        { man: 'sem_post(3)', section: 'DESCRIPTION' },
        { man: 'sem_wait(3)', section: 'DESCRIPTION' },
        { man: 'sem_getvalue(3)', section: 'DESCRIPTION' },
      ],
      expect: { relation: 'equals-evidence', field: 'expected' },
      probes: [
        { fixture: 'posix-sem', case: 'getvalue-follows-operations', args: { value: 2, posts: 3, waits: 1 } },
        { ffi: 'posix-sem.getvalue-follows-operations', args: { value: 2, posts: 3, waits: 1 } },
      ],
      peers: ['posix:sem_post/1', 'posix:sem_wait/1', 'posix:sem_getvalue/1', 'posix:sem_open/8'],
    },
    {
      id: 'posix-sem.limits.sem-init-with-a-value-above-sem-value-max-gives-einval',
      kind: 'limits',
      claim: {
        en: 'sem_init with a value one above SEM_VALUE_MAX (as sysconf reports it) fails with EINVAL.',
        zh: '以比 SEM_VALUE_MAX（sysconf 报告的值）大 1 的初值调用 sem_init 会以 EINVAL 失败。',
      },
      sources: [
        { man: 'sem_init(3)', section: 'ERRORS' },
        { posix: 'sem_init()', section: 'ERRORS' },
      ],
      expect: { errno: 'EINVAL' },
      probes: [{ fixture: 'posix-sem', case: 'init-value-above-max' }, { ffi: 'posix-sem.init-value-above-max' }],
      peers: ['posix:sem_init/6'],
    },
    {
      id: 'posix-sem.lifecycle.destroyed-unnamed-semaphore-can-be-initialised-again',
      kind: 'lifecycle',
      claim: {
        en: 'sem_destroy of an unnamed semaphore nobody waits on succeeds, and sem_init on the same memory then gives a semaphore with the new value (4).',
        zh: '对无人等待的无名信号量调用 sem_destroy 会成功，之后在同一内存上 sem_init 得到带新值（4）的信号量。',
      },
      sources: [
        { man: 'sem_destroy(3)', section: 'DESCRIPTION' },
        { posix: 'sem_destroy()', section: 'DESCRIPTION' },
      ],
      expect: { relation: 'equals-evidence', field: 'reinitialised_with' },
      probes: [
        { fixture: 'posix-sem', case: 'destroy-then-init', args: { value: 4 } },
        { ffi: 'posix-sem.destroy-then-init', args: { value: 4 } },
      ],
      peers: ['posix:sem_destroy/3', 'posix:sem_init/1'],
    },
    {
      id: 'posix-sem.blocking.timedwait-with-an-invalid-tv-nsec-gives-einval',
      kind: 'blocking',
      claim: {
        en: 'sem_timedwait that would block, given a deadline whose tv_nsec is 1000000000 (outside 0..999999999), fails with EINVAL.',
        zh: '会阻塞的 sem_timedwait 若给定的截止时间 tv_nsec 为 1000000000（超出 0..999999999），会以 EINVAL 失败。',
      },
      sources: [
        { man: 'sem_wait(3)', section: 'ERRORS' },
        { posix: 'sem_timedwait()', section: 'ERRORS' },
      ],
      expect: { errno: 'EINVAL' },
      probes: [{ fixture: 'posix-sem', case: 'timedwait-bad-nsec' }, { ffi: 'posix-sem.timedwait-bad-nsec' }],
      peers: ['posix:sem_timedwait/6'],
    },
    {
      id: 'posix-sem.blocking.timedwait-with-a-past-deadline-on-zero-gives-etimedout',
      kind: 'blocking',
      claim: {
        en: 'sem_timedwait on a semaphore of value 0 whose deadline has already passed fails with ETIMEDOUT.',
        zh: '对值为 0 的信号量调用 sem_timedwait，若截止时间已过，会以 ETIMEDOUT 失败。',
      },
      sources: [
        { man: 'sem_wait(3)', section: 'DESCRIPTION' },
        { posix: 'sem_timedwait()', section: 'DESCRIPTION' },
      ],
      expect: { errno: 'ETIMEDOUT' },
      probes: [
        { fixture: 'posix-sem', case: 'timedwait-past-deadline', args: { value: 0 } },
        { ffi: 'posix-sem.timedwait-past-deadline', args: { value: 0 } },
      ],
      peers: ['posix:sem_timedwait/3'],
    },
    {
      id: 'posix-sem.blocking.timedwait-with-a-past-deadline-takes-an-available-semaphore',
      kind: 'blocking',
      claim: {
        en: 'sem_timedwait never times out when it can decrement at once: on value 1 with a deadline already passed it returns 0.',
        zh: '能立即递减时 sem_timedwait 绝不会超时：对值为 1 的信号量使用已过期的截止时间，仍返回 0。',
      },
      sources: [
        { man: 'sem_wait(3)', section: 'DESCRIPTION' },
        { posix: 'sem_timedwait()', section: 'DESCRIPTION' },
      ],
      expect: { equals: 0 },
      probes: [
        { fixture: 'posix-sem', case: 'timedwait-past-deadline', args: { value: 1 } },
        { ffi: 'posix-sem.timedwait-past-deadline', args: { value: 1 } },
      ],
      peers: ['posix:sem_timedwait/1', 'posix:sem_timedwait/11'],
    },
    {
      id: 'posix-sem.blocking.timedwait-returns-when-posted-before-its-deadline',
      kind: 'blocking',
      claim: {
        en: 'sem_timedwait on value 0 with a distant deadline waits until another process posts, then returns 0 without waiting for the deadline.',
        zh: '对值为 0 的信号量以较远的截止时间调用 sem_timedwait，会等到另一进程 post 后返回 0，而不必等到截止时间。',
      },
      sources: [
        { man: 'sem_wait(3)', section: 'DESCRIPTION' },
        { posix: 'sem_timedwait()', section: 'RETURN VALUE' },
      ],
      expect: { blocks: true },
      probes: [{ fixture: 'posix-sem', case: 'timedwait-posted-before-deadline' }],
    },
    {
      id: 'posix-sem.blocking.wait-interrupted-by-a-signal-handler-gives-eintr',
      kind: 'blocking',
      claim: {
        en: 'A sem_wait blocked on value 0 fails with EINTR when a signal whose handler returns is caught.',
        zh: '阻塞在值为 0 的信号量上的 sem_wait，在捕获到一个处理函数会返回的信号时，以 EINTR 失败。',
      },
      sources: [
        { man: 'sem_wait(3)', section: 'ERRORS' },
        { man: 'signal(7)', section: 'Interruption of system calls and library functions by signal handlers' },
        { posix: 'sem_wait()', section: 'ERRORS' },
      ],
      expect: { errno: 'EINTR' },
      probes: [{ fixture: 'posix-sem', case: 'wait-interrupted' }],
      peers: ['posix:sem_wait/7'],
    },
    {
      id: 'posix-sem.permissions.another-uid-cannot-unlink-a-0600-semaphore',
      kind: 'permissions',
      claim: {
        en: 'Another unprivileged user cannot remove a named semaphore it does not own (mode 0600): sem_unlink fails with EACCES and the name stays.',
        zh: '其他非特权用户无法删除不属于自己的命名信号量（模式 0600）：sem_unlink 以 EACCES 失败，名字仍然存在。',
      },
      sources: [
        { man: 'sem_unlink(3)', section: 'ERRORS' },
        { posix: 'sem_unlink()', section: 'ERRORS' },
      ],
      expect: { errno: 'EACCES' },
      probes: [{ fixture: 'posix-sem', case: 'named-other-uid-cannot-unlink' }],
      requires: ['other-uid'],
      peers: ['posix:sem_unlink/3'],
    },
    {
      id: 'posix-sem.permissions.named-semaphore-is-owned-by-the-creating-euid',
      kind: 'permissions',
      claim: {
        en: 'A named semaphore created by sem_open belongs to the effective user id of its creator (st_uid of /dev/shm/sem.NAME on Linux).',
        zh: 'sem_open 创建的命名信号量属于创建者的有效用户 ID（在 Linux 上即 /dev/shm/sem.NAME 的 st_uid）。',
      },
      sources: [{ posix: 'sem_open()', section: 'DESCRIPTION' }, overview('Accessing named semaphores via the filesystem')],
      expect: { relation: 'equals-evidence', field: 'euid' },
      probes: [{ fixture: 'posix-sem', case: 'named-owner-is-creator' }, { ffi: 'posix-sem.named-owner-is-creator' }],
      peers: ['posix:sem_open/13'],
    },
    {
      id: 'posix-sem.blocking.post-from-a-signal-handler-wakes-a-waiter',
      kind: 'blocking',
      claim: {
        en: 'sem_post may be called from a signal handler: a handler that posts wakes a process waiting in sem_wait on the semaphore (value 0 until then).',
        zh: 'sem_post 可以在信号处理函数中调用：处理函数中的 post 会唤醒在该信号量（此前值为 0）上 sem_wait 的进程。',
      },
      sources: [
        { man: 'sem_post(3)', section: 'NOTES' },
        { man: 'signal-safety(7)', section: 'DESCRIPTION' },
        { posix: 'sem_post()', section: 'DESCRIPTION' },
      ],
      expect: { blocks: true },
      probes: [{ fixture: 'posix-sem', case: 'post-from-handler' }],
      peers: ['posix:sem_post/6'],
    },
    {
      id: 'posix-sem.capacity.getvalue-leaves-the-value-unchanged',
      kind: 'capacity',
      claim: {
        en: 'sem_getvalue only reads: after three calls on a semaphore of 3, sem_trywait still succeeds exactly 3 times.',
        zh: 'sem_getvalue 只读取不修改：对值为 3 的信号量调用三次后，sem_trywait 仍恰好能成功 3 次。',
      },
      sources: [
        { man: 'sem_getvalue(3)', section: 'DESCRIPTION' },
        { posix: 'sem_getvalue()', section: 'DESCRIPTION' },
      ],
      expect: { relation: 'equals-evidence', field: 'initial_value' },
      probes: [
        { fixture: 'posix-sem', case: 'getvalue-leaves-value', args: { value: 3 } },
        { ffi: 'posix-sem.getvalue-leaves-value', args: { value: 3 } },
      ],
      peers: ['posix:sem_getvalue/5'],
    },
    {
      id: 'posix-sem.capacity.getvalue-reports-zero-while-a-process-waits-on-linux',
      kind: 'capacity',
      claim: {
        en: 'While a process is blocked in sem_wait on a semaphore of value 0, sem_getvalue reports 0 on Linux (POSIX also allows minus the number of waiters).',
        zh: '有进程阻塞在值为 0 的信号量的 sem_wait 上时，Linux 上 sem_getvalue 报告 0（POSIX 也允许报告等待者数量的相反数）。',
      },
      sources: [
        { man: 'sem_getvalue(3)', section: 'DESCRIPTION' },
        { posix: 'sem_getvalue()', section: 'DESCRIPTION' },
      ],
      expect: { equals: 0 },
      probes: [{ fixture: 'posix-sem', case: 'getvalue-with-a-waiter' }],
      peers: ['posix:sem_getvalue/2'],
    },
    {
      id: 'posix-sem.kin.unnamed-semaphore-with-pshared-0-wakes-a-thread',
      kind: 'kin',
      claim: {
        en: 'An unnamed semaphore made with pshared=0 is shared by the threads of the process: a thread waiting on it wakes only when another thread posts.',
        zh: '以 pshared=0 初始化的无名信号量由进程内的线程共享：在其上等待的线程直到另一线程 post 才被唤醒。',
      },
      sources: [
        { man: 'sem_init(3)', section: 'DESCRIPTION' },
        { posix: 'sem_init()', section: 'DESCRIPTION' },
      ],
      expect: { blocks: true },
      probes: [{ fixture: 'posix-sem', case: 'unnamed-private-wakes-thread' }],
      peers: ['posix:sem_init/2'],
    },
  ],
});
