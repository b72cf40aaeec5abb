// Memory file descriptors: memfd_create(2), fcntl(2) "File sealing", proc(5), unix(7), mmap(2).
import { defineMechanism, type ProbeRef } from './schema.js';

const memfdCreate2 = (section: string) => ({ man: 'memfd_create(2)', section });
const sealing = { man: 'fcntl(2)', section: 'File sealing' };
const mmap2 = (section: string) => ({ man: 'mmap(2)', section });

/** The C case and its FFI twin, with the same arguments. */
const both = (name: string, args?: Record<string, string | number>): ProbeRef[] => [
  { fixture: 'memfd', case: name, ...(args ? { args } : {}) },
  { ffi: `memfd.${name}`, ...(args ? { args } : {}) },
];
const fixture = (name: string, args?: Record<string, string | number>): ProbeRef[] => [
  { fixture: 'memfd', case: name, ...(args ? { args } : {}) },
];

export default defineMechanism({
  id: 'memfd',
  title: { en: 'Memory file descriptors (memfd) and file seals', zh: '内存文件描述符（memfd）与文件封印' },
  family: 'memory',
  manPages: ['memfd_create(2)', 'fcntl(2)', 'mmap(2)', 'proc(5)', 'unix(7)'],
  properties: [
    {
      id: 'memfd.capacity.new-memfd-has-zero-size',
      kind: 'capacity',
      claim: {
        en: 'A memfd starts as an empty file: fstat reports a size of 0 until ftruncate gives it one.',
        zh: '新建的 memfd 是一个空文件：在 ftruncate 设定大小之前，fstat 报告的大小为 0。',
      },
      sources: [memfdCreate2('DESCRIPTION')],
      expect: { equals: 0 },
      probes: both('new-has-zero-size'),
    },
    {
      id: 'memfd.permissions.without-mfd-allow-sealing-a-memfd-starts-sealed-with-f-seal-seal',
      kind: 'permissions',
      claim: {
        en: 'A memfd made without MFD_ALLOW_SEALING carries F_SEAL_SEAL from the start: F_GET_SEALS returns exactly that seal (1).',
        zh: '未带 MFD_ALLOW_SEALING 创建的 memfd 一开始就带有 F_SEAL_SEAL：F_GET_SEALS 恰好返回这一个封印（1）。',
      },
      sources: [memfdCreate2('DESCRIPTION'), sealing],
      expect: { equals: 1 },
      probes: both('initial-seals', { allow_sealing: 0 }),
      peers: ['ltp:memfd_create01', 'gvisor:MemfdTest.SealingDisabledByDefault'],
    },
    {
      id: 'memfd.permissions.with-mfd-allow-sealing-a-memfd-starts-with-no-seals',
      kind: 'permissions',
      claim: {
        en: 'A memfd made with MFD_ALLOW_SEALING starts with no seal at all: F_GET_SEALS returns 0.',
        zh: '带 MFD_ALLOW_SEALING 创建的 memfd 起初没有任何封印：F_GET_SEALS 返回 0。',
      },
      sources: [memfdCreate2('DESCRIPTION'), sealing],
      expect: { equals: 0 },
      probes: both('initial-seals', { allow_sealing: 1 }),
      peers: ['ltp:memfd_create01', 'gvisor:MemfdTest.SealsGetSet'],
    },
    {
      id: 'memfd.permissions.f-add-seals-without-mfd-allow-sealing-gives-eperm',
      kind: 'permissions',
      claim: {
        en: 'Adding a seal to a memfd made without MFD_ALLOW_SEALING fails with EPERM, because F_SEAL_SEAL is already set.',
        zh: '对未带 MFD_ALLOW_SEALING 创建的 memfd 添加封印会以 EPERM 失败，因为它已带有 F_SEAL_SEAL。',
      },
      sources: [sealing, { man: 'fcntl(2)', section: 'ERRORS' }],
      expect: { errno: 'EPERM' },
      probes: both('add-seals-without-allow-sealing'),
      peers: ['ltp:memfd_create01', 'gvisor:MemfdTest.SealingDisabledByDefault'],
    },
    {
      id: 'memfd.lifecycle.f-seal-write-while-a-writable-shared-mapping-exists-gives-ebusy',
      kind: 'lifecycle',
      claim: {
        en: 'F_SEAL_WRITE cannot be added while a writable MAP_SHARED mapping of the memfd exists: F_ADD_SEALS fails with EBUSY (and works after munmap).',
        zh: '只要 memfd 还存在可写的 MAP_SHARED 映射，就不能添加 F_SEAL_WRITE：F_ADD_SEALS 以 EBUSY 失败（munmap 之后即可成功）。',
      },
      sources: [sealing, { man: 'fcntl(2)', section: 'ERRORS' }],
      expect: { errno: 'EBUSY' },
      probes: both('seal-write-while-mapped'),
      peers: ['ltp:memfd_create01', 'gvisor:MemfdTest.SealWriteWithOutstandingWritbleMapping'],
    },
    {
      id: 'memfd.permissions.write-to-a-memfd-sealed-f-seal-write-gives-eperm',
      kind: 'permissions',
      claim: {
        en: 'Once F_SEAL_WRITE is set, write() to the memfd fails with EPERM.',
        zh: '一旦设置了 F_SEAL_WRITE，对该 memfd 的 write() 就会以 EPERM 失败。',
      },
      sources: [sealing],
      expect: { errno: 'EPERM' },
      probes: both('seal-write-refuses-write'),
      peers: ['ltp:memfd_create01', 'gvisor:MemfdTest.SealWriteWithWrite'],
    },
    {
      id: 'memfd.permissions.writable-shared-mmap-of-a-memfd-sealed-f-seal-write-gives-eperm',
      kind: 'permissions',
      claim: {
        en: 'Once F_SEAL_WRITE is set, a new writable shared mapping, mmap(PROT_WRITE, MAP_SHARED), of the memfd fails with EPERM.',
        zh: '一旦设置了 F_SEAL_WRITE，对该 memfd 新建可写共享映射 mmap(PROT_WRITE, MAP_SHARED) 会以 EPERM 失败。',
      },
      sources: [sealing, mmap2('ERRORS')],
      expect: { errno: 'EPERM' },
      probes: both('seal-write-refuses-shared-writable-mapping'),
      peers: ['gvisor:MemfdTest.SealWriteWithMmap'],
    },
    {
      id: 'memfd.capacity.f-seal-shrink-refuses-a-smaller-ftruncate-with-eperm',
      kind: 'capacity',
      claim: {
        en: 'With F_SEAL_SHRINK set, ftruncate() to a smaller size fails with EPERM, while growing the memfd still works.',
        zh: '设置 F_SEAL_SHRINK 后，把 memfd 截短的 ftruncate() 以 EPERM 失败，而增大它仍然可以。',
      },
      sources: [sealing, { man: 'ftruncate(2)', section: 'ERRORS' }],
      expect: { errno: 'EPERM' },
      probes: both('seal-shrink-refuses-smaller'),
      peers: ['ltp:memfd_create01', 'gvisor:MemfdTest.SealShrink'],
    },
    {
      id: 'memfd.capacity.f-seal-grow-refuses-a-larger-ftruncate-with-eperm',
      kind: 'capacity',
      claim: {
        en: 'With F_SEAL_GROW set, ftruncate() to a larger size fails with EPERM, while shrinking still works.',
        zh: '设置 F_SEAL_GROW 后，把 memfd 增大的 ftruncate() 以 EPERM 失败，而截短仍然可以。',
      },
      sources: [sealing, { man: 'ftruncate(2)', section: 'ERRORS' }],
      expect: { errno: 'EPERM' },
      probes: both('seal-grow-refuses-larger'),
      peers: ['ltp:memfd_create01', 'gvisor:MemfdTest.SealGrowWithTruncate'],
    },
    {
      id: 'memfd.capacity.f-seal-grow-refuses-a-write-past-the-end-with-eperm',
      kind: 'capacity',
      claim: {
        en: 'With F_SEAL_GROW set, a write at the end of the memfd, which would extend it, fails with EPERM; writes inside it still work.',
        zh: '设置 F_SEAL_GROW 后，在 memfd 末尾写入（会使其变长）以 EPERM 失败；在其范围内写入仍然可以。',
      },
      sources: [sealing],
      expect: { errno: 'EPERM' },
      probes: both('seal-grow-refuses-write-past-end'),
      peers: ['ltp:memfd_create01', 'gvisor:MemfdTest.SealGrowWithWrite'],
    },
    {
      id: 'memfd.permissions.f-seal-seal-refuses-further-seals-with-eperm',
      kind: 'permissions',
      claim: {
        en: 'After F_SEAL_SEAL, the set of seals is frozen: any further F_ADD_SEALS fails with EPERM.',
        zh: '设置 F_SEAL_SEAL 之后，封印集合即被冻结：再调用 F_ADD_SEALS 都会以 EPERM 失败。',
      },
      sources: [sealing, { man: 'fcntl(2)', section: 'ERRORS' }],
      expect: { errno: 'EPERM' },
      probes: both('seal-seal-refuses-more-seals'),
      peers: ['ltp:memfd_create01', 'gvisor:MemfdTest.SealsGetSet'],
    },
    {
      id: 'memfd.permissions.f-seal-future-write-leaves-an-existing-writable-mapping-working',
      kind: 'permissions',
      claim: {
        en: 'F_SEAL_FUTURE_WRITE may be added while a writable shared mapping exists, and stores through that mapping still reach the memfd.',
        zh: '在已有可写共享映射时也可以添加 F_SEAL_FUTURE_WRITE，并且通过该映射的写入仍然到达 memfd。',
      },
      sources: [sealing],
      expect: { equals: true },
      probes: both('future-write-keeps-existing-mapping'),
    },
    {
      id: 'memfd.permissions.write-to-a-memfd-sealed-f-seal-future-write-gives-eperm',
      kind: 'permissions',
      claim: {
        en: 'Once F_SEAL_FUTURE_WRITE is set, write() to the memfd fails with EPERM, as under F_SEAL_WRITE.',
        zh: '一旦设置了 F_SEAL_FUTURE_WRITE，对该 memfd 的 write() 就会像 F_SEAL_WRITE 下一样以 EPERM 失败。',
      },
      sources: [sealing],
      expect: { errno: 'EPERM' },
      probes: both('future-write-refuses-write'),
    },
    {
      id: 'memfd.permissions.f-seal-future-write-refuses-a-new-writable-shared-mapping-with-eperm',
      kind: 'permissions',
      claim: {
        en: 'After F_SEAL_FUTURE_WRITE, a new mmap(PROT_WRITE, MAP_SHARED) of the memfd fails with EPERM.',
        zh: '设置 F_SEAL_FUTURE_WRITE 之后，新的 mmap(PROT_WRITE, MAP_SHARED) 会以 EPERM 失败。',
      },
      sources: [sealing, mmap2('ERRORS')],
      expect: { errno: 'EPERM' },
      probes: both('future-write-refuses-new-writable-mapping'),
    },
    {
      id: 'memfd.direction.a-sealed-memfd-passed-over-scm-rights-keeps-its-seals-and-content',
      kind: 'direction',
      claim: {
        en: 'Seals belong to the memory, not to a descriptor: a process that receives a sealed memfd over SCM_RIGHTS, and inherited nothing of it, sees the same seals and content.',
        zh: '封印属于这块内存而非某个描述符：通过 SCM_RIGHTS 收到已封印 memfd、且未继承任何东西的进程，看到相同的封印和内容。',
      },
      sources: [sealing, memfdCreate2('NOTES'), { man: 'unix(7)', section: 'SCM_RIGHTS' }],
      expect: { equals: true },
      probes: fixture('sealed-passes-scm-rights'),
      peers: ['gvisor:MemfdTest.SealsAreInodeLevelProperties'],
    },
    {
      id: 'memfd.kin.mfd-cloexec-sets-fd-cloexec',
      kind: 'kin',
      claim: {
        en: 'MFD_CLOEXEC sets the close-on-exec flag on the new descriptor; without it the flag is clear.',
        zh: 'MFD_CLOEXEC 会为新描述符设置 close-on-exec 标志；不带它时该标志未设置。',
      },
      sources: [memfdCreate2('DESCRIPTION')],
      expect: { equals: true },
      probes: both('cloexec-flag'),
    },
    {
      id: 'memfd.kin.proc-fd-link-shows-memfd-colon-name',
      kind: 'kin',
      claim: {
        en: 'The name given to memfd_create() shows, prefixed with "memfd:", as the target of the descriptor’s link in /proc/self/fd.',
        zh: '传给 memfd_create() 的名字会带上 "memfd:" 前缀，显示为 /proc/self/fd 中该描述符链接的目标。',
      },
      sources: [memfdCreate2('DESCRIPTION'), { man: 'proc(5)', section: '/proc/pid/fd/' }],
      expect: { equals: true },
      probes: both('name-in-proc-fd'),
      requires: ['procfs'],
      peers: ['gvisor:MemfdTest.Name'],
    },
    {
      id: 'memfd.direction.opening-proc-pid-fd-n-from-another-process-reaches-the-same-memory',
      kind: 'direction',
      claim: {
        en: 'Another process that opens /proc/PID/fd/N of a memfd gets the same memory: it reads what the owner stored and the owner’s mapping sees what it writes.',
        zh: '另一进程打开 memfd 的 /proc/PID/fd/N 即得到同一块内存：它能读到属主写入的内容，属主的映射也能看到它写入的内容。',
      },
      sources: [memfdCreate2('NOTES'), { man: 'proc(5)', section: '/proc/pid/fd/' }],
      expect: { equals: true },
      probes: fixture('proc-fd-from-another-process'),
      requires: ['procfs'],
      peers: ['gvisor:MemfdTest.OtherProcessCanOpenFromProcfs', 'gvisor:MemfdTest.CanOpenFromProcfs'],
    },
    {
      id: 'memfd.direction.map-shared-stores-are-shared-with-a-forked-child',
      kind: 'direction',
      claim: {
        en: 'A MAP_SHARED mapping of a memfd stays shared across fork(): parent and child each see the other’s later stores.',
        zh: 'memfd 的 MAP_SHARED 映射在 fork() 之后仍然共享：父子进程都能看到对方随后的写入。',
      },
      sources: [memfdCreate2('NOTES'), mmap2('MAP_SHARED'), { man: 'fork(2)', section: 'DESCRIPTION' }],
      expect: { equals: true },
      probes: fixture('forked-child-shares-stores'),
    },
    {
      id: 'memfd.limits.name-longer-than-249-bytes-gives-einval',
      kind: 'limits',
      claim: {
        en: 'memfd_create() refuses a name longer than 249 bytes with EINVAL; a name of 249 bytes is accepted.',
        zh: 'memfd_create() 以 EINVAL 拒绝长于 249 字节的名字；249 字节的名字可以接受。',
      },
      sources: [memfdCreate2('DESCRIPTION'), memfdCreate2('ERRORS')],
      expect: { errno: 'EINVAL' },
      probes: both('name-too-long'),
      peers: ['ltp:memfd_create02'],
    },
    {
      id: 'memfd.lifecycle.memory-stays-while-mapped-and-is-freed-with-the-last-reference',
      kind: 'lifecycle',
      claim: {
        en: 'A memfd’s memory stays while a mapping still refers to it after the descriptor is closed, and is freed once the last reference (descriptor and mappings) is gone.',
        zh: '关闭描述符后只要仍有映射引用，memfd 的内存就保留；最后一个引用（描述符与映射）消失后，内存即被释放。',
      },
      sources: [memfdCreate2('DESCRIPTION'), { man: 'proc(5)', section: '/proc/meminfo' }],
      expect: { equals: true },
      probes: fixture('freed-with-last-reference'),
      requires: ['procfs'],
    },
  ],
});
