// Anonymous pipes: pipe(2), pipe(7), fcntl(2) F_GETPIPE_SZ/F_SETPIPE_SZ, POSIX write().
import { defineMechanism } from './schema.js';

const pipe7 = (section: string) => ({ man: 'pipe(7)', section });
const tutorialPipes = { tutorial: 'ipc-tutorial.zh.md', section: '1. 管道 / 匿名管道' };

export default defineMechanism({
  id: 'pipe',
  title: { en: 'Anonymous pipe', zh: '匿名管道' },
  family: 'pipes',
  manPages: ['pipe(2)', 'pipe(7)', 'fcntl(2)'],
  properties: [
    {
      id: 'pipe.direction.read-end-cannot-write',
      kind: 'direction',
      claim: {
        en: 'Writing to the read end of a pipe fails with EBADF: data flows one way only.',
        zh: '向管道的读端写入会以 EBADF 失败：数据只能单向流动。',
      },
      sources: [{ man: 'pipe(2)', section: 'DESCRIPTION' }, { posix: 'write()', section: 'ERRORS' }, tutorialPipes],
      expect: { errno: 'EBADF' },
      probes: [{ fixture: 'pipe', case: 'write-read-end' }, { ffi: 'pipe.write-read-end' }],
    },
    {
      id: 'pipe.direction.write-end-cannot-read',
      kind: 'direction',
      claim: {
        en: 'Reading from the write end of a pipe fails with EBADF.',
        zh: '从管道的写端读取会以 EBADF 失败。',
      },
      sources: [
        { man: 'pipe(2)', section: 'DESCRIPTION' },
        { posix: 'read()', section: 'ERRORS' },
      ],
      expect: { errno: 'EBADF' },
      probes: [{ fixture: 'pipe', case: 'read-write-end' }, { ffi: 'pipe.read-write-end' }],
    },
    {
      id: 'pipe.kin.child-inherits-both-ends-across-fork',
      kind: 'kin',
      claim: {
        en: 'A child created by fork() after pipe() inherits the descriptors and can talk to its parent through them.',
        zh: '在 pipe() 之后 fork() 出的子进程继承两端描述符，可以借此与父进程通信。',
      },
      sources: [pipe7('DESCRIPTION'), { man: 'fork(2)', section: 'DESCRIPTION' }, tutorialPipes],
      expect: { equals: true },
      probes: [{ fixture: 'pipe', case: 'inherited-by-child' }],
    },
    {
      id: 'pipe.kin.has-no-filesystem-name',
      kind: 'kin',
      claim: {
        en: 'A pipe has no name in the filesystem: its descriptor links to "pipe:[inode]", so only holders of a descriptor can reach it.',
        zh: '匿名管道在文件系统中没有名字：其描述符链接为 "pipe:[inode]"，只有持有描述符的进程才能访问。',
      },
      sources: [pipe7('DESCRIPTION'), { man: 'proc(5)', section: '/proc/pid/fd/' }],
      expect: { equals: 'pipe' },
      probes: [{ fixture: 'pipe', case: 'no-filesystem-name' }],
      requires: ['procfs'],
    },
    {
      id: 'pipe.kin.descriptor-passed-by-scm-rights-reaches-unrelated-process',
      kind: 'kin',
      claim: {
        en: 'A process that inherited nothing can write into a pipe once it receives a pipe descriptor over a UNIX socket (SCM_RIGHTS): kinship is about descriptors, not ancestry.',
        zh: '一个未继承任何描述符的无亲缘进程，通过 UNIX 套接字（SCM_RIGHTS）收到管道描述符后即可写入：关键在描述符而非亲缘关系。',
      },
      sources: [{ man: 'unix(7)', section: 'SCM_RIGHTS' }, tutorialPipes],
      expect: { equals: true },
      probes: [{ fixture: 'pipe', case: 'scm-rights-to-unrelated' }],
    },
    {
      id: 'pipe.kin.descriptor-opened-through-proc-reaches-unrelated-process',
      kind: 'kin',
      claim: {
        en: 'A process that inherited nothing can open a pipe through /proc/PID/fd/N of its holder and write into it.',
        zh: '一个未继承任何描述符的进程可以通过持有者的 /proc/PID/fd/N 打开管道并写入。',
      },
      sources: [{ man: 'proc(5)', section: '/proc/pid/fd/' }, tutorialPipes],
      expect: { equals: true },
      probes: [{ fixture: 'pipe', case: 'proc-fd-to-unrelated' }],
      requires: ['procfs'],
    },
    {
      id: 'pipe.capacity.default-is-16-pages',
      kind: 'capacity',
      claim: {
        en: 'A new pipe holds 16 pages (65536 bytes with 4 KiB pages), as F_GETPIPE_SZ reports.',
        zh: '新建管道容量为 16 个页面（4 KiB 页面时为 65536 字节），可由 F_GETPIPE_SZ 查询。',
      },
      sources: [pipe7('Pipe capacity'), { man: 'fcntl(2)', section: 'Changing the capacity of a pipe' }, tutorialPipes],
      expect: { equals: { pages: 16 } },
      probes: [{ fixture: 'pipe', case: 'default-capacity' }, { ffi: 'pipe.default-capacity' }],
    },
    {
      id: 'pipe.capacity.getpipe-sz-equals-bytes-accepted-before-full',
      kind: 'capacity',
      claim: {
        en: 'The capacity F_GETPIPE_SZ reports is exactly the number of bytes a non-blocking writer can put into an empty pipe.',
        zh: 'F_GETPIPE_SZ 报告的容量恰好等于非阻塞写者能写入空管道的字节数。',
      },
      sources: [pipe7('Pipe capacity'), { man: 'fcntl(2)', section: 'F_GETPIPE_SZ' }],
      expect: { relation: 'equals-evidence', field: 'getpipe_sz' },
      probes: [{ fixture: 'pipe', case: 'fill-nonblocking' }, { ffi: 'pipe.fill-nonblocking' }],
    },
    {
      id: 'pipe.capacity.setpipe-sz-rounds-up-to-power-of-two-pages',
      kind: 'capacity',
      claim: {
        en: 'F_SETPIPE_SZ rounds a request up to a power-of-two number of pages (5000 bytes become 2 pages).',
        zh: 'F_SETPIPE_SZ 会把请求向上取整为 2 的幂个页面（5000 字节变为 2 页）。',
      },
      sources: [{ man: 'fcntl(2)', section: 'F_SETPIPE_SZ' }, pipe7('Pipe capacity')],
      expect: { relation: 'pow2-pages-covering', field: 'requested' },
      probes: [
        { fixture: 'pipe', case: 'set-size', args: { size: 5000 } },
        { ffi: 'pipe.set-size', args: { size: 5000 } },
      ],
    },
    {
      id: 'pipe.capacity.setpipe-sz-rounds-a-multi-page-request-to-the-next-power-of-two',
      kind: 'capacity',
      claim: {
        en: 'A request just above 16 pages (70000 bytes) is rounded up to 32 pages, not to the next page.',
        zh: '略大于 16 页的请求（70000 字节）会被取整为 32 页，而不是下一页。',
      },
      sources: [{ man: 'fcntl(2)', section: 'F_SETPIPE_SZ' }],
      expect: { relation: 'pow2-pages-covering', field: 'requested' },
      probes: [
        { fixture: 'pipe', case: 'set-size', args: { size: 70000 } },
        { ffi: 'pipe.set-size', args: { size: 70000 } },
      ],
    },
    {
      id: 'pipe.limits.maximum-capacity-equals-pipe-max-size',
      kind: 'limits',
      claim: {
        en: 'A pipe can be grown to exactly /proc/sys/fs/pipe-max-size bytes.',
        zh: '管道可以扩大到恰好 /proc/sys/fs/pipe-max-size 字节。',
      },
      sources: [pipe7('/proc files'), { man: 'fcntl(2)', section: 'F_SETPIPE_SZ' }],
      expect: { equalsSysctl: 'fs.pipe-max-size' },
      probes: [{ fixture: 'pipe', case: 'set-size-max' }, { ffi: 'pipe.set-size-max' }],
    },
    {
      id: 'pipe.limits.unprivileged-request-above-max-gives-eperm',
      kind: 'limits',
      claim: {
        en: 'An unprivileged process asking F_SETPIPE_SZ for more than pipe-max-size gets EPERM.',
        zh: '非特权进程用 F_SETPIPE_SZ 请求超过 pipe-max-size 的容量会得到 EPERM。',
      },
      sources: [{ man: 'fcntl(2)', section: 'ERRORS' }, pipe7('/proc files')],
      expect: { errno: 'EPERM' },
      probes: [{ fixture: 'pipe', case: 'set-size-above-max-unprivileged' }],
    },
    {
      id: 'pipe.limits.pipe-buf-is-4096',
      kind: 'limits',
      claim: {
        en: 'PIPE_BUF, the largest write guaranteed to be atomic, is 4096 bytes on Linux (POSIX asks for at least 512).',
        zh: 'Linux 上 PIPE_BUF（保证原子写入的最大长度）为 4096 字节（POSIX 只要求至少 512）。',
      },
      sources: [pipe7('PIPE_BUF'), { posix: 'limits.h', section: '{PIPE_BUF}' }],
      expect: { equals: 4096 },
      probes: [{ fixture: 'pipe', case: 'pipe-buf' }, { ffi: 'pipe.pipe-buf' }],
    },
    {
      id: 'pipe.atomicity.concurrent-writes-up-to-pipe-buf-never-interleave',
      kind: 'atomicity',
      claim: {
        en: 'Writes of at most PIPE_BUF bytes from concurrent writers arrive whole, never interleaved with each other.',
        zh: '多个写者并发写入不超过 PIPE_BUF 字节的数据时，每次写入完整到达，互不交错。',
      },
      sources: [pipe7('PIPE_BUF'), { posix: 'write()', section: 'Write requests to a pipe or FIFO' }],
      expect: { equals: 0 },
      probes: [{ fixture: 'pipe', case: 'atomic-concurrent-writes' }],
    },
    {
      id: 'pipe.blocking.read-on-empty-pipe-blocks-until-data',
      kind: 'blocking',
      claim: {
        en: 'A blocking read on an empty pipe whose write end is open waits until data arrives.',
        zh: '写端仍打开时，对空管道的阻塞读会一直等待，直到有数据到达。',
      },
      sources: [pipe7('I/O on pipes and FIFOs')],
      expect: { blocks: true },
      probes: [{ fixture: 'pipe', case: 'read-empty-blocks' }],
    },
    {
      id: 'pipe.blocking.write-on-full-pipe-blocks-until-drained',
      kind: 'blocking',
      claim: {
        en: 'A blocking write to a full pipe waits until a reader makes room.',
        zh: '向已满管道的阻塞写会一直等待，直到读者腾出空间。',
      },
      sources: [pipe7('I/O on pipes and FIFOs')],
      expect: { blocks: true },
      probes: [{ fixture: 'pipe', case: 'write-full-blocks' }],
    },
    {
      id: 'pipe.blocking.nonblocking-read-on-empty-gives-eagain',
      kind: 'blocking',
      claim: {
        en: 'With O_NONBLOCK, reading an empty pipe whose write end is open fails at once with EAGAIN.',
        zh: '设置 O_NONBLOCK 后，读取写端仍打开的空管道会立即以 EAGAIN 失败。',
      },
      sources: [pipe7('I/O on pipes and FIFOs'), { posix: 'read()', section: 'DESCRIPTION' }],
      expect: { errno: 'EAGAIN' },
      probes: [{ fixture: 'pipe', case: 'read-empty-nonblocking' }, { ffi: 'pipe.read-empty-nonblocking' }],
    },
    {
      id: 'pipe.blocking.nonblocking-write-on-full-gives-eagain',
      kind: 'blocking',
      claim: {
        en: 'With O_NONBLOCK, a write that does not fit into a full pipe fails with EAGAIN.',
        zh: '设置 O_NONBLOCK 后，向已满管道写入会以 EAGAIN 失败。',
      },
      sources: [pipe7('PIPE_BUF'), { posix: 'write()', section: 'O_NONBLOCK' }],
      expect: { errno: 'EAGAIN' },
      probes: [{ fixture: 'pipe', case: 'fill-nonblocking' }, { ffi: 'pipe.fill-nonblocking' }],
    },
    {
      id: 'pipe.lifecycle.read-after-last-writer-closed-gives-eof',
      kind: 'lifecycle',
      claim: {
        en: 'Once every write end is closed and the data is consumed, read returns 0 (end of file).',
        zh: '所有写端关闭且数据读完后，read 返回 0（文件结束）。',
      },
      sources: [pipe7('I/O on pipes and FIFOs')],
      expect: { equals: 0 },
      probes: [{ fixture: 'pipe', case: 'eof-after-last-writer' }, { ffi: 'pipe.eof-after-last-writer' }],
    },
    {
      id: 'pipe.lifecycle.write-after-last-reader-closed-raises-sigpipe',
      kind: 'lifecycle',
      claim: {
        en: 'Writing to a pipe with no reader left sends SIGPIPE, whose default action ends the writer.',
        zh: '向已无读者的管道写入会产生 SIGPIPE，其默认动作会终止写进程。',
      },
      sources: [pipe7('I/O on pipes and FIFOs'), { man: 'signal(7)', section: 'Standard signals' }],
      expect: { signal: 'SIGPIPE' },
      probes: [{ fixture: 'pipe', case: 'sigpipe-after-last-reader' }],
    },
    {
      id: 'pipe.lifecycle.write-after-last-reader-closed-gives-epipe',
      kind: 'lifecycle',
      claim: {
        en: 'With SIGPIPE ignored, writing to a pipe with no reader left fails with EPIPE.',
        zh: '忽略 SIGPIPE 时，向已无读者的管道写入会以 EPIPE 失败。',
      },
      sources: [pipe7('I/O on pipes and FIFOs'), { posix: 'write()', section: 'ERRORS' }],
      expect: { errno: 'EPIPE' },
      probes: [{ fixture: 'pipe', case: 'epipe-after-last-reader' }, { ffi: 'pipe.epipe-after-last-reader' }],
    },
    {
      id: 'pipe.boundaries.two-writes-can-be-read-by-one-read',
      kind: 'boundaries',
      claim: {
        en: 'A pipe is a byte stream: two writes (3 and 4 bytes) come back from one read as 7 bytes.',
        zh: '管道是字节流：两次写入（3 和 4 字节）可被一次读取作为 7 字节取回。',
      },
      sources: [pipe7('DESCRIPTION'), tutorialPipes],
      expect: { equals: 7 },
      probes: [{ fixture: 'pipe', case: 'two-writes-one-read' }, { ffi: 'pipe.two-writes-one-read' }],
    },
    {
      id: 'pipe.ordering.bytes-arrive-in-write-order',
      kind: 'ordering',
      claim: {
        en: 'Bytes come out of a pipe in the order they were written (1 MiB in varying chunk sizes).',
        zh: '字节按写入顺序从管道中读出（以不同块大小写入 1 MiB 验证）。',
      },
      sources: [pipe7('DESCRIPTION')],
      expect: { equals: 0 },
      probes: [{ fixture: 'pipe', case: 'order-preserved' }],
    },
    {
      id: 'pipe.persistence.pipe-is-gone-with-its-last-descriptor',
      kind: 'persistence',
      claim: {
        en: 'When the last process holding a pipe exits, no reference to it remains and its unread data is lost.',
        zh: '持有管道的最后一个进程退出后，管道不再有任何引用，未读数据随之丢失。',
      },
      sources: [pipe7('DESCRIPTION'), tutorialPipes],
      expect: { equals: 0 },
      probes: [{ fixture: 'pipe', case: 'gone-with-last-descriptor' }],
      requires: ['procfs'],
    },
  ],
});
