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
      peers: ['posix:shm_open/5', 'posix:shm_open/28'],
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
      peers: ['posix:shm_open/15', 'posix:shm_open/21'],
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
      peers: ['posix:mmap/11', 'gvisor:MMapFileTest.SigBusDeathWriteShared'],
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
      peers: ['posix:mmap/7'],
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
      peers: ['gvisor:MMapFileTest.WritePrivate'],
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
      peers: ['posix:shm_open/22', 'posix:shm_open/35'],
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
      peers: ['posix:shm_unlink/1', 'posix:shm_unlink/4'],
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
      peers: ['posix:shm_unlink/3'],
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
      peers: ['posix:shm_open/11'],
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
      peers: ['posix:shm_open/32'],
    },
    {
      id: 'posix-shm.lifecycle.open-of-a-missing-name-without-o-creat-gives-enoent',
      kind: 'lifecycle',
      claim: {
        en: 'shm_open() without O_CREAT of a name that was never created fails with ENOENT.',
        zh: '不带 O_CREAT 地 shm_open() 一个从未创建过的名字会以 ENOENT 失败。',
      },
      sources: [shmOpen3('ERRORS'), posixShmOpen('ERRORS')],
      expect: { errno: 'ENOENT' },
      probes: [{ fixture: 'posix-shm', case: 'open-missing-gives-enoent' }, { ffi: 'posix-shm.open-missing-gives-enoent' }],
      peers: ['posix:shm_open/41'],
    },
    {
      id: 'posix-shm.lifecycle.shm-unlink-of-a-missing-name-gives-enoent',
      kind: 'lifecycle',
      claim: {
        en: 'shm_unlink() of a name that does not exist fails with ENOENT.',
        zh: '对不存在的名字调用 shm_unlink() 会以 ENOENT 失败。',
      },
      sources: [shmOpen3('ERRORS'), { posix: 'shm_unlink()', section: 'ERRORS' }],
      expect: { errno: 'ENOENT' },
      probes: [{ fixture: 'posix-shm', case: 'unlink-missing-gives-enoent' }, { ffi: 'posix-shm.unlink-missing-gives-enoent' }],
      peers: ['posix:shm_unlink/11'],
    },
    {
      id: 'posix-shm.limits.name-longer-than-name-max-gives-enametoolong',
      kind: 'limits',
      claim: {
        en: 'shm_open() of a name longer than NAME_MAX characters fails with ENAMETOOLONG.',
        zh: '名字长度超过 NAME_MAX 个字符时，shm_open() 以 ENAMETOOLONG 失败。',
      },
      sources: [shmOpen3('ERRORS'), posixShmOpen('ERRORS')],
      expect: { errno: 'ENAMETOOLONG' },
      probes: [{ fixture: 'posix-shm', case: 'name-too-long' }, { ffi: 'posix-shm.name-too-long' }],
      peers: ['posix:shm_open/39'],
    },
    {
      id: 'posix-shm.limits.name-with-an-embedded-slash-gives-einval',
      kind: 'limits',
      claim: {
        en: 'On Linux a name with a slash after the leading one ("/a/b") is refused: shm_open() fails with EINVAL.',
        zh: '在 Linux 上，除开头外还含有斜杠的名字（"/a/b"）会被拒绝：shm_open() 以 EINVAL 失败。',
      },
      sources: [shmOpen3('DESCRIPTION'), shmOpen3('ERRORS'), posixShmOpen('DESCRIPTION')],
      expect: { errno: 'EINVAL' },
      probes: [{ fixture: 'posix-shm', case: 'name-with-slash' }, { ffi: 'posix-shm.name-with-slash' }],
      peers: ['posix:shm_open/7', 'posix:shm_open/37'],
    },
    {
      id: 'posix-shm.lifecycle.o-trunc-empties-an-existing-object',
      kind: 'lifecycle',
      claim: {
        en: 'shm_open() with O_RDWR | O_TRUNC of an existing object holding a page of data truncates it to size 0.',
        zh: '以 O_RDWR | O_TRUNC 调用 shm_open() 打开一个已有且含一页数据的对象，会将其截断为大小 0。',
      },
      sources: [shmOpen3('DESCRIPTION'), posixShmOpen('DESCRIPTION')],
      expect: { equals: 0 },
      probes: [{ fixture: 'posix-shm', case: 'o-trunc-empties' }, { ffi: 'posix-shm.o-trunc-empties' }],
      peers: ['posix:shm_open/25'],
    },
    {
      id: 'posix-shm.lifecycle.o-creat-on-an-existing-name-opens-the-same-object',
      kind: 'lifecycle',
      claim: {
        en: 'shm_open() with O_CREAT (without O_EXCL) of an existing name opens that object: its size (one page) and data are kept.',
        zh: '对已存在的名字以 O_CREAT（不带 O_EXCL）调用 shm_open() 会打开原对象：其大小（一页）和数据都保留。',
      },
      sources: [shmOpen3('DESCRIPTION'), posixShmOpen('DESCRIPTION')],
      expect: { relation: 'equals-evidence', field: 'size' },
      probes: [{ fixture: 'posix-shm', case: 'o-creat-keeps-existing' }, { ffi: 'posix-shm.o-creat-keeps-existing' }],
      peers: ['posix:shm_open/5'],
    },
    {
      id: 'posix-shm.permissions.new-object-mode-is-masked-by-the-umask',
      kind: 'permissions',
      claim: {
        en: 'A new object’s permission bits are the mode given minus the umask: 0660 under umask 077 gives 0600.',
        zh: '新对象的权限位等于给定模式去掉 umask 中的位：umask 为 077 时以 0660 创建得到 0600。',
      },
      sources: [shmOpen3('DESCRIPTION'), posixShmOpen('DESCRIPTION')],
      expect: { equals: '0600' },
      probes: [{ fixture: 'posix-shm', case: 'mode-applies-umask' }, { ffi: 'posix-shm.mode-applies-umask' }],
      peers: ['posix:shm_open/18'],
    },
    {
      id: 'posix-shm.permissions.new-object-is-owned-by-the-creating-euid',
      kind: 'permissions',
      claim: {
        en: 'A new object’s owner (st_uid) is the effective user id of the process that created it.',
        zh: '新对象的所有者（st_uid）是创建它的进程的有效用户 ID。',
      },
      sources: [shmOpen3('DESCRIPTION'), posixShmOpen('DESCRIPTION')],
      expect: { relation: 'equals-evidence', field: 'euid' },
      probes: [{ fixture: 'posix-shm', case: 'owner-is-creator' }, { ffi: 'posix-shm.owner-is-creator' }],
      peers: ['posix:shm_open/16'],
    },
    {
      id: 'posix-shm.limits.shm-open-without-a-free-descriptor-gives-emfile',
      kind: 'limits',
      claim: {
        en: 'A process that has used every descriptor RLIMIT_NOFILE allows (lowered to 16) cannot shm_open() an existing object: EMFILE.',
        zh: '进程用尽 RLIMIT_NOFILE（降为 16）允许的全部描述符后，shm_open() 已有对象会以 EMFILE 失败。',
      },
      sources: [shmOpen3('ERRORS'), posixShmOpen('ERRORS')],
      expect: { errno: 'EMFILE' },
      probes: [{ fixture: 'posix-shm', case: 'emfile-at-rlimit-nofile' }],
      peers: ['posix:shm_open/38'],
    },
    {
      id: 'posix-shm.permissions.read-only-descriptor-refuses-a-writable-shared-mapping',
      kind: 'permissions',
      claim: {
        en: 'An object opened O_RDONLY cannot be mapped PROT_WRITE with MAP_SHARED: mmap() fails with EACCES (PROT_READ alone maps).',
        zh: '以 O_RDONLY 打开的对象不能以 PROT_WRITE 和 MAP_SHARED 映射：mmap() 以 EACCES 失败（只用 PROT_READ 则可以映射）。',
      },
      sources: [mmap2('ERRORS'), { posix: 'mmap()', section: 'ERRORS' }, shmOpen3('DESCRIPTION')],
      expect: { errno: 'EACCES' },
      probes: [{ fixture: 'posix-shm', case: 'rdonly-map-shared-write' }, { ffi: 'posix-shm.rdonly-map-shared-write' }],
      peers: ['posix:mmap/17', 'posix:shm_open/13', 'gvisor:MMapFileTest.WriteSharedOnReadOnlyFd'],
    },
    {
      id: 'posix-shm.capacity.ftruncated-object-reads-as-zeros',
      kind: 'capacity',
      claim: {
        en: 'A new object sized by ftruncate() to two pages reads as zero bytes throughout its mapping.',
        zh: '用 ftruncate() 设为两页大小的新对象，通过映射读到的全部字节都是零。',
      },
      sources: [
        shmOverview('DESCRIPTION'),
        { man: 'ftruncate(2)', section: 'DESCRIPTION' },
        { posix: 'ftruncate()', section: 'DESCRIPTION' },
      ],
      expect: { equals: true },
      probes: [
        { fixture: 'posix-shm', case: 'sized-object-reads-zeros', args: { pages: 2 } },
        { ffi: 'posix-shm.sized-object-reads-zeros', args: { pages: 2 } },
      ],
    },
    {
      id: 'posix-shm.lifecycle.mapping-survives-closing-the-descriptor',
      kind: 'lifecycle',
      claim: {
        en: 'Closing the descriptor does not end a mapping: stores through it after close() reach the object, as shm_open() of the name and read() show.',
        zh: '关闭描述符不会结束映射：close() 之后通过映射写入的数据仍进入对象，按名字 shm_open() 后 read() 可见。',
      },
      sources: [mmap2('DESCRIPTION'), shmOverview('DESCRIPTION'), { posix: 'mmap()', section: 'DESCRIPTION' }],
      expect: { equals: true },
      probes: [{ fixture: 'posix-shm', case: 'mapping-survives-close' }, { ffi: 'posix-shm.mapping-survives-close' }],
      peers: ['posix:mmap/12'],
    },
    {
      id: 'posix-shm.lifecycle.re-creating-an-unlinked-name-gives-a-new-empty-object',
      kind: 'lifecycle',
      claim: {
        en: 'After shm_unlink(), creating the name again gives a new object of size 0, even while the old one is still mapped with its data.',
        zh: 'shm_unlink() 之后再次创建该名字会得到大小为 0 的新对象，即使旧对象仍带着数据被映射着。',
      },
      sources: [
        { man: 'shm_unlink(3)', section: 'DESCRIPTION' },
        { posix: 'shm_unlink()', section: 'DESCRIPTION' },
      ],
      expect: { equals: 0 },
      probes: [{ fixture: 'posix-shm', case: 'recreated-after-unlink' }, { ffi: 'posix-shm.recreated-after-unlink' }],
      peers: ['posix:shm_unlink/5'],
    },
    {
      id: 'posix-shm.permissions.another-uid-cannot-unlink-a-0600-object',
      kind: 'permissions',
      claim: {
        en: 'Another unprivileged user cannot remove an object it does not own (mode 0600): shm_unlink() fails with EACCES and the object stays.',
        zh: '其他非特权用户无法删除不属于自己的对象（模式 0600）：shm_unlink() 以 EACCES 失败，对象仍然存在。',
      },
      sources: [shmOpen3('ERRORS'), { posix: 'shm_unlink()', section: 'ERRORS' }],
      expect: { errno: 'EACCES' },
      probes: [{ fixture: 'posix-shm', case: 'other-uid-cannot-unlink' }],
      requires: ['other-uid'],
      peers: ['posix:shm_unlink/9'],
    },
    {
      id: 'posix-shm.lifecycle.o-trunc-keeps-the-mode-and-owner',
      kind: 'lifecycle',
      claim: {
        en: 'Truncating an existing object with O_TRUNC leaves its mode (0600) and owner as they were.',
        zh: '用 O_TRUNC 截断已有对象时，其模式（0600）和所有者保持不变。',
      },
      sources: [posixShmOpen('DESCRIPTION'), shmOpen3('DESCRIPTION')],
      expect: { equals: '0600' },
      probes: [{ fixture: 'posix-shm', case: 'o-trunc-keeps-mode-and-owner' }, { ffi: 'posix-shm.o-trunc-keeps-mode-and-owner' }],
      peers: ['posix:shm_open/26'],
    },
    {
      id: 'posix-shm.permissions.mode-does-not-limit-the-creating-descriptor',
      kind: 'permissions',
      claim: {
        en: 'The mode given at creation governs later opens only: an object created O_RDWR with mode 0400 can be sized, written and read through the descriptor that created it.',
        zh: '创建时给定的模式只约束之后的打开：以 O_RDWR 和模式 0400 创建的对象，仍可通过创建它的描述符设定大小、写入和读取。',
      },
      sources: [posixShmOpen('DESCRIPTION'), shmOpen3('DESCRIPTION')],
      expect: { equals: true },
      probes: [{ fixture: 'posix-shm', case: 'mode-does-not-limit-creator' }, { ffi: 'posix-shm.mode-does-not-limit-creator' }],
      peers: ['posix:shm_open/20', 'posix:shm_open/14'],
    },
    {
      id: 'posix-shm.kin.shm-open-returns-the-lowest-free-descriptor',
      kind: 'kin',
      claim: {
        en: 'shm_open() returns the lowest-numbered descriptor not open in the process, as open() does.',
        zh: 'shm_open() 返回进程中未被占用的最小编号描述符，与 open() 相同。',
      },
      sources: [posixShmOpen('RETURN VALUE'), shmOpen3('DESCRIPTION')],
      expect: { relation: 'equals-evidence', field: 'lowest_free' },
      probes: [{ fixture: 'posix-shm', case: 'lowest-free-descriptor' }],
      peers: ['posix:shm_open/8', 'posix:shm_open/30'],
    },
  ],
});
