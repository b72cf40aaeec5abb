// splice(2), tee(2), vmsplice(2): data moved between a pipe and a file, a socket or the caller's
// memory inside the kernel, and duplicated from one pipe to another.
import { defineMechanism } from './schema.js';

const splice2 = (section: string) => ({ man: 'splice(2)', section });
const tee2 = (section: string) => ({ man: 'tee(2)', section });
const vmsplice2 = (section: string) => ({ man: 'vmsplice(2)', section });
const pipe7 = (section: string) => ({ man: 'pipe(7)', section });

export default defineMechanism({
  id: 'splice',
  title: { en: 'splice, tee and vmsplice', zh: 'splice、tee 与 vmsplice' },
  family: 'pipes',
  manPages: ['splice(2)', 'tee(2)', 'vmsplice(2)', 'pipe(7)'],
  properties: [
    {
      id: 'splice.direction.file-to-pipe-delivers-the-bytes',
      kind: 'direction',
      claim: {
        en: 'splice() from a regular file into a pipe moves the file’s bytes: the pipe’s reader gets exactly them.',
        zh: 'splice() 从普通文件向管道搬运时，移动的就是文件中的字节：管道的读者得到的正是这些字节。',
      },
      sources: [splice2('DESCRIPTION'), splice2('RETURN VALUE')],
      expect: { equals: true },
      probes: [{ fixture: 'splice', case: 'file-to-pipe' }, { ffi: 'splice.file-to-pipe' }],
      peers: ['ltp:splice01', 'gvisor:SpliceTest.ToPipe'],
    },
    {
      id: 'splice.direction.pipe-to-file-delivers-the-bytes',
      kind: 'direction',
      claim: {
        en: 'splice() from a pipe into a regular file writes the bytes the pipe held into the file, intact.',
        zh: 'splice() 从管道向普通文件搬运时，管道中的字节原样写入文件。',
      },
      sources: [splice2('DESCRIPTION'), splice2('RETURN VALUE')],
      expect: { equals: true },
      probes: [{ fixture: 'splice', case: 'pipe-to-file' }, { ffi: 'splice.pipe-to-file' }],
      peers: ['ltp:splice01', 'ltp:splice02', 'gvisor:SpliceTest.FromPipe'],
    },
    {
      id: 'splice.kin.an-offset-pointer-advances-by-the-bytes-moved',
      kind: 'kin',
      claim: {
        en: 'When off_in points to an offset, splice() reads the file from there and advances that offset by the number of bytes moved.',
        zh: '当 off_in 指向一个偏移量时，splice() 从该处读取文件，并把该偏移量增加所搬运的字节数。',
      },
      sources: [splice2('DESCRIPTION')],
      expect: { relation: 'equals-evidence', field: 'start_plus_moved' },
      probes: [{ fixture: 'splice', case: 'offset-pointer-advances' }, { ffi: 'splice.offset-pointer-advances' }],
      peers: ['gvisor:SpliceTest.ToPipeOffset', 'gvisor:SpliceTest.FromPipeOffset'],
    },
    {
      id: 'splice.kin.an-offset-pointer-leaves-the-descriptor-offset-alone',
      kind: 'kin',
      claim: {
        en: 'When off_in points to an offset, splice() does not change the file offset of the descriptor itself.',
        zh: '当 off_in 指向一个偏移量时，splice() 不会改变描述符自身的文件偏移量。',
      },
      sources: [splice2('DESCRIPTION')],
      expect: { relation: 'equals-evidence', field: 'offset_before' },
      probes: [{ fixture: 'splice', case: 'descriptor-offset-stays' }, { ffi: 'splice.descriptor-offset-stays' }],
      peers: ['gvisor:SpliceTest.ToPipeOffset'],
    },
    {
      id: 'splice.kin.a-null-offset-advances-the-file-offset',
      kind: 'kin',
      claim: {
        en: 'When off_in is NULL, splice() reads from the descriptor’s file offset and advances it by the number of bytes moved.',
        zh: '当 off_in 为 NULL 时，splice() 从描述符的文件偏移量处读取，并把它增加所搬运的字节数。',
      },
      sources: [splice2('DESCRIPTION')],
      expect: { relation: 'equals-evidence', field: 'start_plus_moved' },
      probes: [{ fixture: 'splice', case: 'null-offset-advances-file-offset' }, { ffi: 'splice.null-offset-advances-file-offset' }],
      peers: ['gvisor:SpliceTest.ToPipe'],
    },
    {
      id: 'splice.direction.a-pipe-and-a-unix-stream-socket-exchange-bytes-both-ways',
      kind: 'direction',
      claim: {
        en: 'splice() moves bytes from a pipe into a UNIX stream socket and from such a socket into a pipe, intact both ways.',
        zh: 'splice() 可以把字节从管道移入 UNIX 流套接字，也可以从这种套接字移入管道，两个方向都原样到达。',
      },
      sources: [splice2('DESCRIPTION')],
      expect: { equals: true },
      probes: [
        { fixture: 'splice', case: 'pipe-to-socket' },
        { fixture: 'splice', case: 'socket-to-pipe' },
        { ffi: 'splice.pipe-to-socket' },
        { ffi: 'splice.socket-to-pipe' },
      ],
      peers: ['ltp:splice05'],
    },
    {
      id: 'splice.lifecycle.splice-at-end-of-input-returns-zero',
      kind: 'lifecycle',
      claim: {
        en: 'splice() from an empty pipe whose write end is closed returns 0: there is no more data to move.',
        zh: '从写端已关闭的空管道 splice() 时返回 0：已没有可搬运的数据。',
      },
      sources: [splice2('RETURN VALUE')],
      expect: { equals: 0 },
      probes: [{ fixture: 'splice', case: 'end-of-input-returns-zero' }, { ffi: 'splice.end-of-input-returns-zero' }],
      peers: ['gvisor:SpliceTest.ToPipeEOF'],
    },
    {
      id: 'splice.kin.neither-end-a-pipe-gives-einval',
      kind: 'kin',
      claim: {
        en: 'splice() between two regular files, neither of them a pipe, fails with EINVAL.',
        zh: '在两个都不是管道的普通文件之间调用 splice() 会以 EINVAL 失败。',
      },
      sources: [splice2('ERRORS')],
      expect: { errno: 'EINVAL' },
      probes: [{ fixture: 'splice', case: 'no-pipe-gives-einval' }, { ffi: 'splice.no-pipe-gives-einval' }],
      peers: ['ltp:splice03', 'gvisor:SpliceTest.TwoRegularFiles'],
    },
    {
      id: 'splice.kin.an-offset-for-the-pipe-end-gives-espipe',
      kind: 'kin',
      claim: {
        en: 'splice() given an offset pointer for its pipe end fails with ESPIPE: a pipe has no offset.',
        zh: '若为管道一端给出偏移量指针，splice() 会以 ESPIPE 失败：管道没有偏移量。',
      },
      sources: [splice2('ERRORS'), splice2('DESCRIPTION')],
      expect: { errno: 'ESPIPE' },
      probes: [{ fixture: 'splice', case: 'offset-on-pipe-gives-espipe' }, { ffi: 'splice.offset-on-pipe-gives-espipe' }],
      peers: ['ltp:splice03', 'gvisor:SpliceTest.PipeOffsets'],
    },
    {
      id: 'splice.permissions.a-target-not-open-for-writing-gives-ebadf',
      kind: 'permissions',
      claim: {
        en: 'splice() into a file descriptor opened O_RDONLY fails with EBADF: the target must be open for writing.',
        zh: '向以 O_RDONLY 打开的文件描述符 splice() 会以 EBADF 失败：目标必须以写方式打开。',
      },
      sources: [splice2('ERRORS')],
      expect: { errno: 'EBADF' },
      probes: [{ fixture: 'splice', case: 'wrong-access-mode-gives-ebadf' }, { ffi: 'splice.wrong-access-mode-gives-ebadf' }],
      peers: ['ltp:splice03'],
    },
    {
      id: 'splice.blocking.splice-f-nonblock-on-an-empty-pipe-gives-eagain',
      kind: 'blocking',
      claim: {
        en: 'With SPLICE_F_NONBLOCK, splice() from an empty pipe whose write end is open fails at once with EAGAIN.',
        zh: '带 SPLICE_F_NONBLOCK 时，从写端仍打开的空管道 splice() 会立即以 EAGAIN 失败。',
      },
      sources: [splice2('DESCRIPTION'), splice2('ERRORS')],
      expect: { errno: 'EAGAIN' },
      probes: [{ fixture: 'splice', case: 'nonblock-empty-gives-eagain' }, { ffi: 'splice.nonblock-empty-gives-eagain' }],
      peers: ['gvisor:SpliceTest.NonBlocking'],
    },
    {
      id: 'splice.blocking.splice-from-an-empty-pipe-waits-for-a-writer',
      kind: 'blocking',
      claim: {
        en: 'Without SPLICE_F_NONBLOCK, splice() from an empty pipe whose write end is open waits until data arrives.',
        zh: '不带 SPLICE_F_NONBLOCK 时，从写端仍打开的空管道 splice() 会一直等待，直到有数据到达。',
      },
      sources: [splice2('DESCRIPTION'), pipe7('I/O on pipes and FIFOs')],
      expect: { blocks: true },
      probes: [{ fixture: 'splice', case: 'empty-pipe-blocks' }],
      peers: ['gvisor:SpliceTest.Blocking'],
    },
    {
      id: 'splice.kin.tee-duplicates-without-consuming-the-source',
      kind: 'kin',
      claim: {
        en: 'tee() copies a pipe’s bytes into another pipe without consuming them: the readers of both pipes then read the same bytes.',
        zh: 'tee() 把一个管道中的字节复制到另一个管道而不消耗它们：随后两个管道的读者读到相同的字节。',
      },
      sources: [tee2('DESCRIPTION')],
      expect: { equals: true },
      probes: [{ fixture: 'splice', case: 'tee-keeps-source' }, { ffi: 'splice.tee-keeps-source' }],
      peers: ['ltp:tee01', 'gvisor:TeeTest.TwoPipesPartialRead'],
    },
    {
      id: 'splice.kin.tee-from-a-pipe-into-itself-gives-einval',
      kind: 'kin',
      claim: {
        en: 'tee() whose input and output refer to the same pipe fails with EINVAL.',
        zh: '输入和输出指向同一个管道时，tee() 会以 EINVAL 失败。',
      },
      sources: [tee2('ERRORS')],
      expect: { errno: 'EINVAL' },
      probes: [{ fixture: 'splice', case: 'tee-same-pipe-gives-einval' }, { ffi: 'splice.tee-same-pipe-gives-einval' }],
      peers: ['ltp:tee02', 'gvisor:TeeTest.SamePipe'],
    },
    {
      id: 'splice.blocking.tee-with-splice-f-nonblock-on-an-empty-pipe-gives-eagain',
      kind: 'blocking',
      claim: {
        en: 'With SPLICE_F_NONBLOCK, tee() from an empty pipe whose write end is open fails at once with EAGAIN.',
        zh: '带 SPLICE_F_NONBLOCK 时，从写端仍打开的空管道 tee() 会立即以 EAGAIN 失败。',
      },
      sources: [tee2('DESCRIPTION'), tee2('ERRORS')],
      expect: { errno: 'EAGAIN' },
      probes: [{ fixture: 'splice', case: 'tee-nonblock-empty-gives-eagain' }, { ffi: 'splice.tee-nonblock-empty-gives-eagain' }],
      peers: ['gvisor:TeeTest.NonBlocking'],
    },
    {
      id: 'splice.direction.vmsplice-delivers-user-memory-to-the-reader',
      kind: 'direction',
      claim: {
        en: 'vmsplice() of a span of the caller’s memory into a pipe’s write end delivers exactly those bytes to the pipe’s reader.',
        zh: '把调用者的一段内存 vmsplice() 到管道写端后，管道的读者恰好读到这些字节。',
      },
      sources: [vmsplice2('DESCRIPTION'), vmsplice2('RETURN VALUE')],
      expect: { equals: true },
      probes: [{ fixture: 'splice', case: 'vmsplice-delivers' }, { ffi: 'splice.vmsplice-delivers' }],
      peers: ['ltp:vmsplice01'],
    },
    {
      id: 'splice.kin.vmsplice-into-something-not-a-pipe-gives-ebadf',
      kind: 'kin',
      claim: {
        en: 'vmsplice() on a descriptor that is not a pipe (a regular file) fails with EBADF.',
        zh: '对不是管道的描述符（普通文件）调用 vmsplice() 会以 EBADF 失败。',
      },
      sources: [vmsplice2('ERRORS')],
      expect: { errno: 'EBADF' },
      probes: [{ fixture: 'splice', case: 'vmsplice-non-pipe-gives-ebadf' }, { ffi: 'splice.vmsplice-non-pipe-gives-ebadf' }],
      peers: ['ltp:vmsplice02'],
    },
    {
      id: 'splice.capacity.one-call-moves-at-most-the-pipe-capacity',
      kind: 'capacity',
      claim: {
        en: 'One splice() from a file into an empty pipe moves at most the pipe’s capacity (F_GETPIPE_SZ), however much more is asked for.',
        zh: '一次从文件到空管道的 splice() 最多搬运管道的容量（F_GETPIPE_SZ），无论请求多出多少。',
      },
      sources: [splice2('RETURN VALUE'), pipe7('Pipe capacity')],
      expect: { equals: true },
      probes: [{ fixture: 'splice', case: 'one-call-within-capacity' }, { ffi: 'splice.one-call-within-capacity' }],
      peers: ['gvisor:SpliceTest.ToPipeWithSmallCapacityDoesNotSpin'],
    },
  ],
});
