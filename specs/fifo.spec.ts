// Named pipes (FIFOs): fifo(7), mkfifo(3), open(2), pipe(7), POSIX open()/write().
import { defineMechanism } from './schema.js';

const fifo7 = (section: string) => ({ man: 'fifo(7)', section });
const pipe7 = (section: string) => ({ man: 'pipe(7)', section });
const tutorialFifos = { tutorial: 'ipc-tutorial.zh.md', section: '1. 管道 / 命名管道(FIFO)' };

export default defineMechanism({
  id: 'fifo',
  title: { en: 'Named pipe (FIFO)', zh: '命名管道（FIFO）' },
  family: 'pipes',
  manPages: ['fifo(7)', 'mkfifo(3)', 'pipe(7)', 'open(2)'],
  properties: [
    {
      id: 'fifo.kin.unrelated-processes-communicate-through-the-path',
      kind: 'kin',
      claim: {
        en: 'Two processes that share no descriptor can talk through a FIFO by opening its path.',
        zh: '两个不共享任何描述符的进程可以通过打开 FIFO 的路径进行通信。',
      },
      sources: [fifo7('DESCRIPTION'), tutorialFifos],
      expect: { equals: true },
      probes: [{ fixture: 'fifo', case: 'unrelated-by-path' }],
    },
    {
      id: 'fifo.persistence.node-outlives-its-creator',
      kind: 'persistence',
      claim: {
        en: 'The FIFO node stays in the filesystem after the process that made it exits, until it is unlinked.',
        zh: '创建 FIFO 的进程退出后，该节点仍留在文件系统中，直到被删除（unlink）。',
      },
      sources: [fifo7('DESCRIPTION'), { man: 'mkfifo(3)', section: 'DESCRIPTION' }, tutorialFifos],
      expect: { equals: 'fifo' },
      probes: [{ fixture: 'fifo', case: 'node-outlives-creator' }],
    },
    {
      id: 'fifo.persistence.data-does-not-outlive-the-open-descriptors',
      kind: 'persistence',
      claim: {
        en: 'Data written to a FIFO is lost when every descriptor is closed: the kernel passes it internally and writes nothing to the filesystem.',
        zh: '所有描述符关闭后，写入 FIFO 的数据即丢失：内核在内部传递数据，不会写入文件系统。',
      },
      sources: [fifo7('DESCRIPTION'), tutorialFifos],
      expect: { equals: 0 },
      probes: [{ fixture: 'fifo', case: 'data-gone-after-close' }],
    },
    {
      id: 'fifo.blocking.open-for-reading-blocks-until-a-writer-opens',
      kind: 'blocking',
      claim: {
        en: 'Opening a FIFO read-only blocks until another process opens it for writing.',
        zh: '以只读方式打开 FIFO 会阻塞，直到另一进程以写方式打开它。',
      },
      sources: [fifo7('DESCRIPTION'), { posix: 'open()', section: 'O_NONBLOCK' }],
      expect: { blocks: true },
      probes: [{ fixture: 'fifo', case: 'open-rdonly-blocks' }],
    },
    {
      id: 'fifo.blocking.open-for-writing-blocks-until-a-reader-opens',
      kind: 'blocking',
      claim: {
        en: 'Opening a FIFO write-only blocks until another process opens it for reading.',
        zh: '以只写方式打开 FIFO 会阻塞，直到另一进程以读方式打开它。',
      },
      sources: [fifo7('DESCRIPTION'), { posix: 'open()', section: 'O_NONBLOCK' }],
      expect: { blocks: true },
      probes: [{ fixture: 'fifo', case: 'open-wronly-blocks' }],
    },
    {
      id: 'fifo.blocking.nonblocking-open-for-writing-without-reader-gives-enxio',
      kind: 'blocking',
      claim: {
        en: 'Opening a FIFO with O_WRONLY|O_NONBLOCK when no reader has it open fails with ENXIO.',
        zh: '没有读者时以 O_WRONLY|O_NONBLOCK 打开 FIFO 会以 ENXIO 失败。',
      },
      sources: [fifo7('DESCRIPTION'), { man: 'open(2)', section: 'ERRORS' }],
      expect: { errno: 'ENXIO' },
      probes: [{ fixture: 'fifo', case: 'open-wronly-nonblock-no-reader' }, { ffi: 'fifo.open-wronly-nonblock-no-reader' }],
    },
    {
      id: 'fifo.blocking.nonblocking-open-for-reading-without-writer-succeeds',
      kind: 'blocking',
      claim: {
        en: 'Opening a FIFO with O_RDONLY|O_NONBLOCK succeeds at once even when no writer has it open.',
        zh: '即使没有写者，以 O_RDONLY|O_NONBLOCK 打开 FIFO 也会立即成功。',
      },
      sources: [fifo7('DESCRIPTION'), { man: 'open(2)', section: 'O_NONBLOCK' }],
      expect: { equals: true },
      probes: [{ fixture: 'fifo', case: 'open-rdonly-nonblock-no-writer' }, { ffi: 'fifo.open-rdonly-nonblock-no-writer' }],
    },
    {
      id: 'fifo.blocking.read-on-empty-fifo-blocks-until-data',
      kind: 'blocking',
      claim: {
        en: 'A blocking read on an empty FIFO with a writer attached waits until data arrives.',
        zh: '有写者连接时，对空 FIFO 的阻塞读会一直等待，直到有数据到达。',
      },
      sources: [pipe7('I/O on pipes and FIFOs')],
      expect: { blocks: true },
      probes: [{ fixture: 'fifo', case: 'read-empty-blocks' }],
    },
    {
      id: 'fifo.permissions.mode-is-enforced-for-another-uid',
      kind: 'permissions',
      claim: {
        en: 'A FIFO made with mode 0600 cannot be opened by another, unprivileged user (EACCES), while its owner can open one.',
        zh: '模式为 0600 的 FIFO 不能被另一个非特权用户打开（EACCES），而属主可以打开。',
      },
      sources: [
        { man: 'open(2)', section: 'ERRORS' },
        { man: 'path_resolution(7)', section: 'Permissions' },
      ],
      expect: { errno: 'EACCES' },
      probes: [{ fixture: 'fifo', case: 'mode-enforced-other-uid' }],
      requires: ['other-uid'],
    },
    {
      id: 'fifo.permissions.created-mode-is-masked-by-umask',
      kind: 'permissions',
      claim: {
        en: 'mkfifo gives the node the requested mode less the umask (0660 with umask 077 gives 0600).',
        zh: 'mkfifo 创建的节点权限为请求的模式去掉 umask（0660 在 umask 077 下得到 0600）。',
      },
      sources: [
        { man: 'mkfifo(3)', section: 'DESCRIPTION' },
        { man: 'umask(2)', section: 'DESCRIPTION' },
      ],
      expect: { equals: '0600' },
      probes: [{ fixture: 'fifo', case: 'created-mode-with-umask' }, { ffi: 'fifo.created-mode-with-umask' }],
    },
    {
      id: 'fifo.direction.read-only-descriptor-cannot-write',
      kind: 'direction',
      claim: {
        en: 'A descriptor that opened the FIFO read-only cannot write to it (EBADF).',
        zh: '以只读方式打开 FIFO 得到的描述符不能写入（EBADF）。',
      },
      sources: [{ posix: 'write()', section: 'ERRORS' }, fifo7('DESCRIPTION')],
      expect: { errno: 'EBADF' },
      probes: [{ fixture: 'fifo', case: 'write-rdonly-end' }, { ffi: 'fifo.write-rdonly-end' }],
      peers: ['gvisor:PipeTest.Permissions'],
    },
    {
      id: 'fifo.lifecycle.read-after-last-writer-closed-gives-eof',
      kind: 'lifecycle',
      claim: {
        en: 'Once the last writer closes the FIFO and the data is consumed, read returns 0 (end of file).',
        zh: '最后一个写者关闭 FIFO 且数据读完后，read 返回 0（文件结束）。',
      },
      sources: [pipe7('I/O on pipes and FIFOs')],
      expect: { equals: 0 },
      probes: [{ fixture: 'fifo', case: 'eof-after-last-writer' }],
      peers: ['gvisor:PipeTest.WriterSideClosesReadDataFirst'],
    },
    {
      id: 'fifo.lifecycle.write-after-last-reader-closed-raises-sigpipe',
      kind: 'lifecycle',
      claim: {
        en: 'Writing to a FIFO whose last reader has closed sends SIGPIPE to the writer.',
        zh: '向最后一个读者已关闭的 FIFO 写入会向写者发送 SIGPIPE。',
      },
      sources: [pipe7('I/O on pipes and FIFOs')],
      expect: { signal: 'SIGPIPE' },
      probes: [{ fixture: 'fifo', case: 'sigpipe-after-last-reader' }],
    },
    {
      id: 'fifo.lifecycle.write-after-last-reader-closed-gives-epipe',
      kind: 'lifecycle',
      claim: {
        en: 'With SIGPIPE ignored, writing to a FIFO whose last reader has closed fails with EPIPE.',
        zh: '忽略 SIGPIPE 时，向最后一个读者已关闭的 FIFO 写入会以 EPIPE 失败。',
      },
      sources: [pipe7('I/O on pipes and FIFOs'), { posix: 'write()', section: 'ERRORS' }],
      expect: { errno: 'EPIPE' },
      probes: [{ fixture: 'fifo', case: 'epipe-after-last-reader' }],
      peers: ['gvisor:PipeTest.ReaderSideCloses'],
    },
    {
      id: 'fifo.boundaries.two-writes-can-be-read-by-one-read',
      kind: 'boundaries',
      claim: {
        en: 'A FIFO is a byte stream like a pipe: two writes (3 and 4 bytes) come back from one read as 7 bytes.',
        zh: 'FIFO 与管道一样是字节流：两次写入（3 和 4 字节）可被一次读取作为 7 字节取回。',
      },
      sources: [fifo7('DESCRIPTION'), tutorialFifos],
      expect: { equals: 7 },
      probes: [{ fixture: 'fifo', case: 'two-writes-one-read' }, { ffi: 'fifo.two-writes-one-read' }],
    },
    {
      id: 'fifo.capacity.default-is-16-pages',
      kind: 'capacity',
      claim: {
        en: 'A FIFO has the same default capacity as a pipe: 16 pages.',
        zh: 'FIFO 的默认容量与管道相同：16 个页面。',
      },
      sources: [pipe7('Pipe capacity'), tutorialFifos],
      expect: { equals: { pages: 16 } },
      probes: [{ fixture: 'fifo', case: 'default-capacity' }, { ffi: 'fifo.default-capacity' }],
    },
    {
      id: 'fifo.atomicity.concurrent-writes-up-to-pipe-buf-never-interleave',
      kind: 'atomicity',
      claim: {
        en: 'Writers that open the FIFO independently and write at most PIPE_BUF bytes at a time never interleave.',
        zh: '各自独立打开 FIFO 的多个写者，每次写入不超过 PIPE_BUF 字节时互不交错。',
      },
      sources: [pipe7('PIPE_BUF'), { posix: 'write()', section: 'Write requests to a pipe or FIFO' }],
      expect: { equals: 0 },
      probes: [{ fixture: 'fifo', case: 'atomic-concurrent-writes' }],
    },
    {
      id: 'fifo.blocking.open-for-reading-and-writing-does-not-block',
      kind: 'blocking',
      claim: {
        en: 'On Linux, opening a FIFO with O_RDWR succeeds at once even though no other process has it open (POSIX leaves this undefined).',
        zh: '在 Linux 上，以 O_RDWR 打开 FIFO 会立即成功，即使没有其他进程打开它（POSIX 对此未作定义）。',
      },
      sources: [fifo7('NOTES'), { posix: 'open()', section: 'O_RDWR' }],
      expect: { equals: true },
      probes: [{ fixture: 'fifo', case: 'open-rdwr' }, { ffi: 'fifo.open-rdwr' }],
      peers: ['gvisor:FifoTest.FifoOpenRDWR'],
    },
    {
      id: 'fifo.direction.lseek-on-a-fifo-gives-espipe',
      kind: 'direction',
      claim: {
        en: 'A FIFO has no file offset: lseek on an open FIFO fails with ESPIPE.',
        zh: 'FIFO 没有文件偏移量：对已打开的 FIFO 调用 lseek 会以 ESPIPE 失败。',
      },
      sources: [
        { man: 'lseek(2)', section: 'ERRORS' },
        { posix: 'lseek()', section: 'ERRORS' },
      ],
      expect: { errno: 'ESPIPE' },
      probes: [{ fixture: 'fifo', case: 'lseek' }, { ffi: 'fifo.lseek' }],
      peers: ['gvisor:PipeTest.Seek'],
    },
    {
      id: 'fifo.persistence.mkfifo-on-an-existing-name-gives-eexist',
      kind: 'persistence',
      claim: {
        en: 'A FIFO name cannot be made twice: mkfifo on the path of an existing FIFO fails with EEXIST.',
        zh: 'FIFO 名字不能重复创建：对已存在的 FIFO 路径调用 mkfifo 会以 EEXIST 失败。',
      },
      sources: [
        { man: 'mkfifo(3)', section: 'ERRORS' },
        { posix: 'mkfifo()', section: 'ERRORS' },
      ],
      expect: { errno: 'EEXIST' },
      probes: [{ fixture: 'fifo', case: 'mkfifo-existing' }, { ffi: 'fifo.mkfifo-existing' }],
    },
    {
      id: 'fifo.capacity.setpipe-sz-resizes-a-fifo-like-a-pipe',
      kind: 'capacity',
      claim: {
        en: 'F_SETPIPE_SZ works on a FIFO as on a pipe: a request of 5000 bytes gives the smallest power-of-two number of pages that holds it.',
        zh: 'F_SETPIPE_SZ 对 FIFO 与对管道一样有效：请求 5000 字节得到能容纳它的最小的 2 的幂个页面。',
      },
      sources: [{ man: 'fcntl(2)', section: 'Changing the capacity of a pipe' }, fifo7('DESCRIPTION')],
      expect: { relation: 'pow2-pages-covering', field: 'requested' },
      probes: [
        { fixture: 'fifo', case: 'set-size', args: { size: 5000 } },
        { ffi: 'fifo.set-size', args: { size: 5000 } },
      ],
    },
  ],
});
