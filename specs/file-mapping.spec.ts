// Shared file mappings: mmap(2) of a regular file with MAP_SHARED or MAP_PRIVATE, msync(2), and
// what a mapping does at the file's end, under a changed protection and after close or unlink.
import { defineMechanism } from './schema.js';

const mmap2 = (section: string) => ({ man: 'mmap(2)', section });
const msync2 = (section: string) => ({ man: 'msync(2)', section });
const posixMmap = (section: string) => ({ posix: 'mmap()', section });
const posixMsync = (section: string) => ({ posix: 'msync()', section });

export default defineMechanism({
  id: 'file-mapping',
  title: { en: 'Shared file mappings', zh: '共享文件映射' },
  family: 'memory',
  manPages: ['mmap(2)', 'msync(2)', 'mprotect(2)', 'ftruncate(2)'],
  properties: [
    {
      id: 'file-mapping.direction.a-shared-store-is-seen-by-read-of-the-file',
      kind: 'direction',
      claim: {
        en: 'A store through a MAP_SHARED mapping of a file is seen by read() of that file in the same process, without msync.',
        zh: '通过文件的 MAP_SHARED 映射写入的数据，同一进程无需 msync 即可用 read() 从该文件读到。',
      },
      sources: [mmap2('MAP_SHARED'), posixMmap('DESCRIPTION')],
      expect: { equals: true },
      probes: [{ fixture: 'file-mapping', case: 'shared-store-seen-by-read' }, { ffi: 'file-mapping.shared-store-seen-by-read' }],
      peers: ['gvisor:MMapFileTest.WriteShared', 'gvisor:MMapFileTest.ReadSharedConsistentWithWriteAndFile'],
    },
    {
      id: 'file-mapping.direction.a-shared-store-is-seen-by-another-process-reading-the-file',
      kind: 'direction',
      claim: {
        en: 'A store through a MAP_SHARED mapping is seen by another process that opens the file by its path and reads it.',
        zh: '通过 MAP_SHARED 映射写入的数据，另一个按路径打开并读取该文件的进程也能看到。',
      },
      sources: [mmap2('MAP_SHARED'), posixMmap('DESCRIPTION')],
      expect: { equals: true },
      probes: [{ fixture: 'file-mapping', case: 'store-seen-by-read-elsewhere' }],
    },
    {
      id: 'file-mapping.direction.a-shared-store-is-seen-by-another-process-mapping',
      kind: 'direction',
      claim: {
        en: 'A store another process makes through its own MAP_SHARED mapping of the file is seen through this process’s MAP_SHARED mapping.',
        zh: '另一个进程通过它自己对该文件的 MAP_SHARED 映射写入的数据，可以通过本进程的 MAP_SHARED 映射看到。',
      },
      sources: [mmap2('MAP_SHARED'), posixMmap('DESCRIPTION')],
      expect: { equals: true },
      probes: [{ fixture: 'file-mapping', case: 'store-seen-by-mapping-elsewhere' }],
    },
    {
      id: 'file-mapping.direction.a-write-to-the-file-is-seen-through-an-existing-mapping',
      kind: 'direction',
      claim: {
        en: 'A write() to a file after it was mapped MAP_SHARED is seen through the existing mapping.',
        zh: '文件被 MAP_SHARED 映射之后，对文件的 write() 可以通过已有的映射看到。',
      },
      sources: [mmap2('MAP_SHARED'), posixMmap('DESCRIPTION')],
      expect: { equals: true },
      probes: [{ fixture: 'file-mapping', case: 'write-seen-through-mapping' }, { ffi: 'file-mapping.write-seen-through-mapping' }],
      peers: ['gvisor:MMapFileTest.ReadSharedConsistentWithOverwrite'],
    },
    {
      id: 'file-mapping.kin.a-private-store-is-not-carried-to-the-file',
      kind: 'kin',
      claim: {
        en: 'A store through a MAP_PRIVATE mapping stays in that copy: neither read() of the file nor a MAP_SHARED mapping of it sees the store.',
        zh: '通过 MAP_PRIVATE 映射的写入只留在该副本中：对文件的 read() 和它的 MAP_SHARED 映射都看不到。',
      },
      sources: [mmap2('MAP_PRIVATE'), posixMmap('DESCRIPTION')],
      expect: { equals: false },
      probes: [{ fixture: 'file-mapping', case: 'private-store-not-carried' }, { ffi: 'file-mapping.private-store-not-carried' }],
      peers: ['gvisor:MMapFileTest.WritePrivate'],
    },
    {
      id: 'file-mapping.kin.a-private-mapping-starts-from-the-files-current-data',
      kind: 'kin',
      claim: {
        en: 'A MAP_PRIVATE mapping made after a store through a MAP_SHARED mapping shows that store: it starts from the file’s current contents.',
        zh: '在通过 MAP_SHARED 映射写入之后建立的 MAP_PRIVATE 映射能看到该写入：它从文件当前的内容开始。',
      },
      sources: [mmap2('DESCRIPTION'), mmap2('MAP_PRIVATE')],
      expect: { equals: true },
      probes: [{ fixture: 'file-mapping', case: 'private-sees-earlier-stores' }, { ffi: 'file-mapping.private-sees-earlier-stores' }],
    },
    {
      id: 'file-mapping.persistence.msync-ms-sync-leaves-the-data-in-the-file',
      kind: 'persistence',
      claim: {
        en: 'msync(MS_SYNC) of a MAP_SHARED mapping returns 0, and after munmap and close the file read back holds what was stored.',
        zh: '对 MAP_SHARED 映射调用 msync(MS_SYNC) 返回 0；munmap 并 close 之后重新读取文件，内容正是此前写入的数据。',
      },
      sources: [msync2('DESCRIPTION'), msync2('RETURN VALUE'), posixMsync('DESCRIPTION')],
      expect: { equals: true },
      probes: [{ fixture: 'file-mapping', case: 'msync-sync-reaches-file' }, { ffi: 'file-mapping.msync-sync-reaches-file' }],
      peers: ['ltp:msync01', 'gvisor:MsyncFullParamTest.NormallySucceeds'],
    },
    {
      id: 'file-mapping.limits.msync-with-both-ms-sync-and-ms-async-gives-einval',
      kind: 'limits',
      claim: {
        en: 'msync() with both MS_SYNC and MS_ASYNC in its flags fails with EINVAL.',
        zh: 'flags 中同时含 MS_SYNC 和 MS_ASYNC 时，msync() 会以 EINVAL 失败。',
      },
      sources: [msync2('ERRORS'), posixMsync('ERRORS')],
      expect: { errno: 'EINVAL' },
      probes: [{ fixture: 'file-mapping', case: 'msync-both-flags' }, { ffi: 'file-mapping.msync-both-flags' }],
      peers: ['ltp:msync03', 'gvisor:MsyncNoFlagsTest.BothSyncAndAsyncFails'],
    },
    {
      id: 'file-mapping.lifecycle.a-mapping-outlives-close-of-its-descriptor',
      kind: 'lifecycle',
      claim: {
        en: 'Closing the descriptor does not unmap the region: the old data stays readable and a new store still reaches the file.',
        zh: '关闭描述符并不会解除映射：旧数据仍可读取，新的写入仍会到达文件。',
      },
      sources: [mmap2('DESCRIPTION'), posixMmap('DESCRIPTION')],
      expect: { equals: true },
      probes: [{ fixture: 'file-mapping', case: 'mapping-survives-close' }, { ffi: 'file-mapping.mapping-survives-close' }],
    },
    {
      id: 'file-mapping.lifecycle.a-mapping-outlives-unlink-of-the-file',
      kind: 'lifecycle',
      claim: {
        en: 'After the file is closed and unlinked, its mapping still holds the data and takes new stores until it is unmapped.',
        zh: '文件被关闭并 unlink 之后，其映射在解除之前仍保有数据并可接受新的写入。',
      },
      sources: [mmap2('DESCRIPTION'), { man: 'unlink(2)', section: 'DESCRIPTION' }],
      expect: { equals: true },
      probes: [{ fixture: 'file-mapping', case: 'mapping-survives-unlink' }, { ffi: 'file-mapping.mapping-survives-unlink' }],
    },
    {
      id: 'file-mapping.capacity.access-a-page-past-the-end-of-the-file-raises-sigbus',
      kind: 'capacity',
      claim: {
        en: 'A mapping may be longer than its file, but touching a page that lies wholly past the end of the file raises SIGBUS (the page holding the end does not).',
        zh: '映射可以比文件长，但访问完全位于文件末尾之后的页会产生 SIGBUS（包含文件末尾的那一页不会）。',
      },
      sources: [mmap2('ERRORS'), posixMmap('DESCRIPTION')],
      expect: { signal: 'SIGBUS' },
      probes: [{ fixture: 'file-mapping', case: 'past-eof-raises-sigbus' }],
      peers: ['ltp:mmap13', 'gvisor:MMapFileTest.SigBusDeathWriteShared', 'gvisor:MMapFileTest.NoSigBusOnPageContainingEOFWriteShared'],
    },
    {
      id: 'file-mapping.permissions.a-writable-shared-mapping-of-a-read-only-descriptor-gives-eacces',
      kind: 'permissions',
      claim: {
        en: 'mmap(PROT_WRITE, MAP_SHARED) of a file opened O_RDONLY fails with EACCES, while a PROT_READ mapping of it works.',
        zh: '对以 O_RDONLY 打开的文件调用 mmap(PROT_WRITE, MAP_SHARED) 会以 EACCES 失败，而 PROT_READ 映射则可以成功。',
      },
      sources: [mmap2('ERRORS'), posixMmap('ERRORS')],
      expect: { errno: 'EACCES' },
      probes: [{ fixture: 'file-mapping', case: 'rdonly-map-shared-write' }, { ffi: 'file-mapping.rdonly-map-shared-write' }],
      peers: ['gvisor:MMapFileTest.WriteSharedOnReadOnlyFd', 'gvisor:MMapNoFixtureTest.WriteReadOnlyIsAccErr'],
    },
    {
      id: 'file-mapping.limits.a-zero-length-mapping-gives-einval',
      kind: 'limits',
      claim: {
        en: 'mmap() with a length of 0 fails with EINVAL.',
        zh: '长度为 0 的 mmap() 会以 EINVAL 失败。',
      },
      sources: [mmap2('ERRORS'), posixMmap('ERRORS')],
      expect: { errno: 'EINVAL' },
      probes: [{ fixture: 'file-mapping', case: 'zero-length' }, { ffi: 'file-mapping.zero-length' }],
      peers: ['gvisor:MMapTest.InvalidLength'],
    },
    {
      id: 'file-mapping.limits.an-offset-off-a-page-boundary-gives-einval',
      kind: 'limits',
      claim: {
        en: 'mmap() with a file offset that is not a multiple of the page size fails with EINVAL.',
        zh: '文件偏移量不是页大小整数倍的 mmap() 会以 EINVAL 失败。',
      },
      sources: [mmap2('DESCRIPTION'), mmap2('ERRORS'), posixMmap('ERRORS')],
      expect: { errno: 'EINVAL' },
      probes: [{ fixture: 'file-mapping', case: 'unaligned-offset' }, { ffi: 'file-mapping.unaligned-offset' }],
    },
    {
      id: 'file-mapping.permissions.a-store-after-mprotect-prot-read-raises-sigsegv',
      kind: 'permissions',
      claim: {
        en: 'After mprotect() makes a shared file mapping PROT_READ, a store into it raises SIGSEGV and the file keeps its data.',
        zh: '用 mprotect() 把共享文件映射改为 PROT_READ 后，向其写入会产生 SIGSEGV，文件内容保持不变。',
      },
      sources: [{ man: 'mprotect(2)', section: 'DESCRIPTION' }, mmap2('ERRORS'), { posix: 'mprotect()', section: 'DESCRIPTION' }],
      expect: { signal: 'SIGSEGV' },
      probes: [{ fixture: 'file-mapping', case: 'store-after-mprotect-raises-sigsegv' }],
      peers: ['gvisor:MMapTest.MprotectReadOnlyDeath'],
    },
    {
      id: 'file-mapping.capacity.growing-the-file-makes-new-pages-readable-as-zeros',
      kind: 'capacity',
      claim: {
        en: 'When ftruncate() grows a file under a longer existing mapping, the new pages become readable through it and read as zeros.',
        zh: '当 ftruncate() 把文件扩展到已有的更长映射范围内时，新增的页可通过该映射读取，且内容为零。',
      },
      sources: [{ man: 'ftruncate(2)', section: 'DESCRIPTION' }, mmap2('ERRORS'), { posix: 'ftruncate()', section: 'DESCRIPTION' }],
      expect: { equals: true },
      probes: [{ fixture: 'file-mapping', case: 'growth-reads-zeros' }, { ffi: 'file-mapping.growth-reads-zeros' }],
      peers: ['ltp:mmap09', 'gvisor:MMapFileTest.ReadSharedTruncateDownThenUp'],
    },
  ],
});
