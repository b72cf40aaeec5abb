// POSIX shared memory: shm_overview(7), shm_open(3)/shm_unlink(3), ftruncate(2), mmap(2), POSIX shm_open().
import { defineMechanism } from './schema.js';

const shmOverview = (section: string) => ({ man: 'shm_overview(7)', section });
const shmOpen3 = (section: string) => ({ man: 'shm_open(3)', section });
const posixShmOpen = (section: string) => ({ posix: 'shm_open()', section });
const mmap2 = (section: string) => ({ man: 'mmap(2)', section });
const tutorialShm = { tutorial: 'ipc-tutorial.zh.md', section: '4. 共享内存(Shared Memory)' };

export default defineMechanism({
  id: 'posix-shm',
  title: { en: 'POSIX shared memory', zh: 'POSIX 共享内存' },
  family: 'posix',
  manPages: ['shm_overview(7)', 'shm_open(3)', 'shm_unlink(3)', 'ftruncate(2)', 'mmap(2)'],
  properties: [
    {
      id: 'posix-shm.kin.object-is-a-node-in-dev-shm-with-its-mode',
      kind: 'kin',
      claim: {
        en: 'On Linux an object made by shm_open("/name", O_CREAT, 0600) is the file /dev/shm/name (the same inode as the descriptor), with mode 0600.',
        zh: '在 Linux 上，shm_open("/name", O_CREAT, 0600) 创建的对象就是文件 /dev/shm/name（与描述符同一 inode），模式为 0600。',
      },
      sources: [shmOverview('Accessing shared memory objects via the filesystem'), shmOpen3('NOTES')],
      expect: { equals: '0600' },
      probes: [{ fixture: 'posix-shm', case: 'node-in-dev-shm' }, { ffi: 'posix-shm.node-in-dev-shm' }],
    },
    {
      id: 'posix-shm.persistence.object-outlives-its-creator',
      kind: 'persistence',
      claim: {
        en: 'An object persists after the process that created and filled it has exited: another process opens it by name and reads the data, until shm_unlink.',
        zh: '创建并写入对象的进程退出后，对象依然存在：另一个进程可按名字打开并读到数据，直到 shm_unlink 为止。',
      },
      sources: [shmOverview('Persistence'), { posix: 'shm_unlink()', section: 'DESCRIPTION' }, tutorialShm],
      expect: { equals: true },
      probes: [{ fixture: 'posix-shm', case: 'outlives-its-creator' }],
    },
    {
      id: 'posix-shm.capacity.new-object-has-zero-size',
      kind: 'capacity',
      claim: {
        en: 'A newly created object has a size of zero bytes (fstat st_size 0) until it is given one.',
        zh: '新创建的对象大小为零字节（fstat 的 st_size 为 0），直到为其设定大小。',
      },
      sources: [shmOpen3('DESCRIPTION'), shmOverview('DESCRIPTION'), posixShmOpen('DESCRIPTION')],
      expect: { equals: 0 },
      probes: [{ fixture: 'posix-shm', case: 'new-object-has-zero-size' }, { ffi: 'posix-shm.new-object-has-zero-size' }],
    },
    {
      id: 'posix-shm.capacity.ftruncate-sets-the-size',
      kind: 'capacity',
      claim: {
        en: 'ftruncate() sets an object’s size exactly (4097 bytes, not rounded to pages), as fstat reports.',
        zh: 'ftruncate() 精确设定对象大小（4097 字节，不按页取整），fstat 报告的即为该值。',
      },
      sources: [
        shmOverview('DESCRIPTION'),
        { man: 'ftruncate(2)', section: 'DESCRIPTION' },
        { posix: 'ftruncate()', section: 'DESCRIPTION' },
      ],
      expect: { relation: 'equals-evidence', field: 'requested' },
      probes: [
        { fixture: 'posix-shm', case: 'ftruncate-sets-size', args: { bytes: 4097 } },
        { ffi: 'posix-shm.ftruncate-sets-size', args: { bytes: 4097 } },
      ],
    },
    {
      id: 'posix-shm.capacity.access-past-the-end-of-the-object-raises-sigbus',
      kind: 'capacity',
      claim: {
        en: 'A mapping may be longer than the object, but touching a whole page past the object’s end raises SIGBUS.',
        zh: '映射可以比对象长，但访问对象末尾之后的整页会产生 SIGBUS。',
      },
      sources: [mmap2('ERRORS'), { posix: 'mmap()', section: 'DESCRIPTION' }],
      expect: { signal: 'SIGBUS' },
      probes: [{ fixture: 'posix-shm', case: 'access-beyond-size-raises-sigbus' }],
    },
    {
      id: 'posix-shm.direction.map-shared-writes-are-visible-both-ways',
      kind: 'direction',
      claim: {
        en: 'Two processes that map one object MAP_SHARED (the second opening it by name) see each other’s stores, in both directions, with no system call carrying the data.',
        zh: '两个以 MAP_SHARED 映射同一对象的进程（第二个按名字打开）能互相看到对方的写入，双向皆可，期间没有系统调用搬运数据。',
      },
      sources: [mmap2('MAP_SHARED'), { posix: 'mmap()', section: 'DESCRIPTION' }, tutorialShm],
      expect: { equals: true },
      probes: [{ fixture: 'posix-shm', case: 'map-shared-visible-both-ways' }],
    },
    {
      id: 'posix-shm.direction.map-private-writes-are-not-shared',
      kind: 'direction',
      claim: {
        en: 'A store through a MAP_PRIVATE mapping stays in that mapping: neither another process’s MAP_SHARED mapping nor read() of the object sees it.',
        zh: '通过 MAP_PRIVATE 映射写入的数据只留在该映射中：其他进程的 MAP_SHARED 映射和对对象的 read() 都看不到。',
      },
      sources: [mmap2('MAP_PRIVATE'), { posix: 'mmap()', section: 'DESCRIPTION' }],
      expect: { equals: false },
      probes: [
        { fixture: 'posix-shm', case: 'map-private-not-visible-to-others' },
        { fixture: 'posix-shm', case: 'map-private-not-written-back' },
        { ffi: 'posix-shm.map-private-not-written-back' },
      ],
    },
    {
      id: 'posix-shm.lifecycle.o-excl-on-an-existing-name-gives-eexist',
      kind: 'lifecycle',
      claim: {
        en: 'shm_open() with O_CREAT | O_EXCL on a name that already exists fails with EEXIST.',
        zh: '对已存在的名字调用带 O_CREAT | O_EXCL 的 shm_open() 会以 EEXIST 失败。',
      },
      sources: [shmOpen3('ERRORS'), posixShmOpen('ERRORS')],
      expect: { errno: 'EEXIST' },
      probes: [{ fixture: 'posix-shm', case: 'excl-on-existing-gives-eexist' }, { ffi: 'posix-shm.excl-on-existing-gives-eexist' }],
    },
    {
      id: 'posix-shm.lifecycle.open-after-shm-unlink-gives-enoent',
      kind: 'lifecycle',
      claim: {
        en: 'After shm_unlink() the name is gone (its /dev/shm node too): shm_open() of it without O_CREAT fails with ENOENT.',
        zh: 'shm_unlink() 之后名字即消失（/dev/shm 中的节点亦然）：不带 O_CREAT 再次 shm_open() 会以 ENOENT 失败。',
      },
      sources: [shmOpen3('ERRORS'), posixShmOpen('ERRORS'), { posix: 'shm_unlink()', section: 'DESCRIPTION' }],
      expect: { errno: 'ENOENT' },
      probes: [{ fixture: 'posix-shm', case: 'open-after-unlink-gives-enoent' }, { ffi: 'posix-shm.open-after-unlink-gives-enoent' }],
    },
    {
      id: 'posix-shm.lifecycle.mapping-survives-shm-unlink',
      kind: 'lifecycle',
      claim: {
        en: 'shm_unlink() removes only the name: an existing mapping still holds the data and takes writes until it is unmapped.',
        zh: 'shm_unlink() 只删除名字：已有的映射在解除映射之前仍保有数据并可写入。',
      },
      sources: [
        shmOverview('Persistence'),
        { man: 'shm_unlink(3)', section: 'DESCRIPTION' },
        { posix: 'shm_unlink()', section: 'DESCRIPTION' },
      ],
      expect: { equals: true },
      probes: [{ fixture: 'posix-shm', case: 'mapping-survives-unlink' }, { ffi: 'posix-shm.mapping-survives-unlink' }],
    },
    {
      id: 'posix-shm.kin.descriptor-is-close-on-exec',
      kind: 'kin',
      claim: {
        en: 'The descriptor shm_open() returns has FD_CLOEXEC set, so a program started with exec does not inherit it.',
        zh: 'shm_open() 返回的描述符设置了 FD_CLOEXEC，因此经 exec 启动的程序不会继承它。',
      },
      sources: [shmOpen3('DESCRIPTION'), posixShmOpen('DESCRIPTION')],
      expect: { equals: true },
      probes: [{ fixture: 'posix-shm', case: 'fd-is-close-on-exec' }, { ffi: 'posix-shm.fd-is-close-on-exec' }],
    },
    {
      id: 'posix-shm.permissions.mode-0600-denies-another-uid',
      kind: 'permissions',
      claim: {
        en: 'Another unprivileged user cannot open an object created with mode 0600: shm_open(O_RDWR) fails with EACCES.',
        zh: '其他非特权用户无法打开以 0600 模式创建的对象：shm_open(O_RDWR) 以 EACCES 失败。',
      },
      sources: [shmOpen3('ERRORS'), posixShmOpen('ERRORS')],
      expect: { errno: 'EACCES' },
      probes: [{ fixture: 'posix-shm', case: 'other-uid-denied-by-mode-0600' }],
      requires: ['other-uid'],
    },
  ],
});
