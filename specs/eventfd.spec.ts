// eventfd: a 64-bit counter behind a descriptor, for event notification — eventfd(2), and
// proc(5) for what /proc shows of it.
import { defineMechanism } from './schema.js';

const eventfd2 = (section: string) => ({ man: 'eventfd(2)', section });
const procFdinfo = { man: 'proc(5)', section: '/proc/pid/fdinfo/' };

export default defineMechanism({
  id: 'eventfd',
  title: { en: 'eventfd counters', zh: 'eventfd 计数器' },
  family: 'descriptors',
  manPages: ['eventfd(2)', 'poll(2)', 'select(2)', 'proc(5)'],
  properties: [
    {
      id: 'eventfd.direction.writes-add-and-a-read-returns-the-sum',
      kind: 'direction',
      claim: {
        en: 'Each 8-byte write adds its value to the counter, and one read returns the sum of everything written since (3 then 4 reads back as 7).',
        zh: '每次 8 字节的写入把其值加到计数器上，一次读取返回此前写入的总和（先写 3 再写 4，读到 7）。',
      },
      sources: [eventfd2('DESCRIPTION')],
      expect: { relation: 'equals-evidence', field: 'written_sum' },
      probes: [{ fixture: 'eventfd', case: 'sum-of-writes' }, { ffi: 'eventfd.sum-of-writes' }],
      peers: ['ltp:eventfd02'],
    },
    {
      id: 'eventfd.lifecycle.a-read-resets-the-counter-to-zero',
      kind: 'lifecycle',
      claim: {
        en: 'Without EFD_SEMAPHORE a read takes the whole counter and leaves it at zero, so the next non-blocking read fails with EAGAIN.',
        zh: '未设 EFD_SEMAPHORE 时，一次读取取走整个计数值并将计数器清零，因此紧接着的非阻塞读取以 EAGAIN 失败。',
      },
      sources: [eventfd2('DESCRIPTION')],
      expect: { errno: 'EAGAIN' },
      probes: [{ fixture: 'eventfd', case: 'read-resets' }, { ffi: 'eventfd.read-resets' }],
      peers: ['ltp:eventfd01', 'ltp:eventfd03'],
    },
    {
      id: 'eventfd.lifecycle.initval-is-the-first-value-read',
      kind: 'lifecycle',
      claim: {
        en: 'The counter starts at the initval given to eventfd(): the first read of a new counter returns it (5 here).',
        zh: '计数器的初值就是传给 eventfd() 的 initval：对新计数器的第一次读取返回该值（此处为 5）。',
      },
      sources: [eventfd2('DESCRIPTION')],
      expect: { relation: 'equals-evidence', field: 'initval' },
      probes: [
        { fixture: 'eventfd', case: 'initval', args: { initval: 5 } },
        { ffi: 'eventfd.initval', args: { initval: 5 } },
      ],
      peers: ['ltp:eventfd01'],
    },
    {
      id: 'eventfd.ordering.semaphore-read-returns-one',
      kind: 'ordering',
      claim: {
        en: 'With EFD_SEMAPHORE a read of a counter above zero returns 1, not the whole counter.',
        zh: '设置 EFD_SEMAPHORE 时，对大于零的计数器读取返回 1，而不是整个计数值。',
      },
      sources: [eventfd2('DESCRIPTION'), eventfd2('EFD_SEMAPHORE')],
      expect: { equals: 1 },
      probes: [
        { fixture: 'eventfd', case: 'semaphore', args: { report: 'first', initval: 3 } },
        { ffi: 'eventfd.semaphore', args: { report: 'first', initval: 3 } },
      ],
      peers: ['ltp:eventfd2_03', 'gvisor:EventfdTest.Nonblock', 'gvisor:EventfdTest.BigWriteBigRead'],
    },
    {
      id: 'eventfd.ordering.semaphore-read-decrements-by-one',
      kind: 'ordering',
      claim: {
        en: 'With EFD_SEMAPHORE each read takes 1 from the counter: a counter made with 3 gives exactly three reads before it is empty.',
        zh: '设置 EFD_SEMAPHORE 时，每次读取使计数器减 1：以 3 创建的计数器恰好可读三次，之后即为空。',
      },
      sources: [eventfd2('DESCRIPTION'), eventfd2('EFD_SEMAPHORE')],
      expect: { relation: 'equals-evidence', field: 'initval' },
      probes: [
        { fixture: 'eventfd', case: 'semaphore', args: { report: 'reads', initval: 3 } },
        { ffi: 'eventfd.semaphore', args: { report: 'reads', initval: 3 } },
      ],
      peers: ['ltp:eventfd2_03', 'gvisor:EventfdTest.BlockingWrite'],
    },
    {
      id: 'eventfd.blocking.read-at-zero-blocks-until-a-write',
      kind: 'blocking',
      claim: {
        en: 'A read of a counter at zero blocks until another process writes to it.',
        zh: '计数器为零时的读取会阻塞，直到另一个进程向其写入。',
      },
      sources: [eventfd2('DESCRIPTION')],
      expect: { blocks: true },
      probes: [{ fixture: 'eventfd', case: 'read-blocks', args: { add: 1 } }],
      peers: ['gvisor:EventfdTest.BlockingWrite'],
    },
    {
      id: 'eventfd.blocking.nonblocking-read-at-zero-gives-eagain',
      kind: 'blocking',
      claim: {
        en: 'With EFD_NONBLOCK a read of a counter at zero fails at once with EAGAIN.',
        zh: '设置 EFD_NONBLOCK 时，对为零的计数器读取立即以 EAGAIN 失败。',
      },
      sources: [eventfd2('DESCRIPTION'), eventfd2('EFD_NONBLOCK')],
      expect: { errno: 'EAGAIN' },
      probes: [{ fixture: 'eventfd', case: 'nonblocking-read-at-zero' }, { ffi: 'eventfd.nonblocking-read-at-zero' }],
      peers: ['ltp:eventfd01', 'ltp:eventfd2_02', 'gvisor:EventfdTest.Nonblock'],
    },
    {
      id: 'eventfd.blocking.write-past-the-maximum-blocks-until-a-read',
      kind: 'blocking',
      claim: {
        en: 'A write that would take the counter past 0xfffffffffffffffe blocks until a read lowers it.',
        zh: '会使计数器超过 0xfffffffffffffffe 的写入会阻塞，直到一次读取把计数器降下来。',
      },
      sources: [eventfd2('DESCRIPTION')],
      expect: { blocks: true },
      probes: [{ fixture: 'eventfd', case: 'write-blocks' }],
    },
    {
      id: 'eventfd.blocking.nonblocking-write-past-the-maximum-gives-eagain',
      kind: 'blocking',
      claim: {
        en: 'With EFD_NONBLOCK a write that would take the counter past 0xfffffffffffffffe fails with EAGAIN.',
        zh: '设置 EFD_NONBLOCK 时，会使计数器超过 0xfffffffffffffffe 的写入以 EAGAIN 失败。',
      },
      sources: [eventfd2('DESCRIPTION'), eventfd2('EFD_NONBLOCK')],
      expect: { errno: 'EAGAIN' },
      probes: [{ fixture: 'eventfd', case: 'nonblocking-write-past-maximum' }, { ffi: 'eventfd.nonblocking-write-past-maximum' }],
      peers: ['ltp:eventfd02'],
    },
    {
      id: 'eventfd.limits.a-buffer-under-8-bytes-gives-einval',
      kind: 'limits',
      claim: {
        en: 'A read or a write whose buffer is smaller than 8 bytes fails with EINVAL, even when the counter holds a value.',
        zh: '缓冲区小于 8 字节的读取或写入以 EINVAL 失败，即使计数器中有值。',
      },
      sources: [eventfd2('DESCRIPTION')],
      expect: { errno: 'EINVAL' },
      probes: [
        { fixture: 'eventfd', case: 'short-buffer', args: { call: 'read' } },
        { fixture: 'eventfd', case: 'short-buffer', args: { call: 'write' } },
        { ffi: 'eventfd.short-buffer', args: { call: 'read' } },
        { ffi: 'eventfd.short-buffer', args: { call: 'write' } },
      ],
      peers: ['ltp:eventfd01', 'ltp:eventfd02', 'gvisor:EventfdTest.SmallRead', 'gvisor:EventfdTest.SmallWrite'],
    },
    {
      id: 'eventfd.limits.write-of-all-ones-gives-einval',
      kind: 'limits',
      claim: {
        en: 'Writing the value 0xffffffffffffffff fails with EINVAL, whatever the counter holds.',
        zh: '写入值 0xffffffffffffffff 以 EINVAL 失败，无论计数器当前为何值。',
      },
      sources: [eventfd2('DESCRIPTION')],
      expect: { errno: 'EINVAL' },
      probes: [{ fixture: 'eventfd', case: 'write-all-ones' }, { ffi: 'eventfd.write-all-ones' }],
      peers: ['ltp:eventfd02'],
    },
    {
      id: 'eventfd.notification.at-zero-it-is-writable-and-not-readable',
      kind: 'notification',
      claim: {
        en: 'poll() and select() report a counter at zero as writable (a write of 1 would not block) and not readable.',
        zh: 'poll() 和 select() 报告为零的计数器可写（写入 1 不会阻塞）而不可读。',
      },
      sources: [eventfd2('poll(2), select(2) (and similar)')],
      expect: { equals: 'out' },
      probes: [
        { fixture: 'eventfd', case: 'readiness', args: { state: 'zero', function: 'poll' } },
        { fixture: 'eventfd', case: 'readiness', args: { state: 'zero', function: 'select' } },
        { ffi: 'eventfd.readiness', args: { state: 'zero', function: 'poll' } },
      ],
      peers: ['ltp:eventfd03'],
    },
    {
      id: 'eventfd.notification.above-zero-it-is-readable-and-writable',
      kind: 'notification',
      claim: {
        en: 'poll() and select() report a counter holding 1 as both readable and writable.',
        zh: 'poll() 和 select() 报告值为 1 的计数器既可读又可写。',
      },
      sources: [eventfd2('poll(2), select(2) (and similar)')],
      expect: { equals: 'in,out' },
      probes: [
        { fixture: 'eventfd', case: 'readiness', args: { state: 'nonzero', function: 'poll' } },
        { fixture: 'eventfd', case: 'readiness', args: { state: 'nonzero', function: 'select' } },
        { ffi: 'eventfd.readiness', args: { state: 'nonzero', function: 'poll' } },
      ],
      peers: ['ltp:eventfd03', 'ltp:eventfd04', 'gvisor:EventfdTest.NotifyNonZero_NoRandomSave'],
    },
    {
      id: 'eventfd.notification.at-the-maximum-it-is-readable-and-not-writable',
      kind: 'notification',
      claim: {
        en: 'poll() and select() report a counter at 0xfffffffffffffffe as readable but not writable, since a write of 1 would block.',
        zh: 'poll() 和 select() 报告值为 0xfffffffffffffffe 的计数器可读但不可写，因为写入 1 会阻塞。',
      },
      sources: [eventfd2('poll(2), select(2) (and similar)')],
      expect: { equals: 'in' },
      probes: [
        { fixture: 'eventfd', case: 'readiness', args: { state: 'maximum', function: 'poll' } },
        { fixture: 'eventfd', case: 'readiness', args: { state: 'maximum', function: 'select' } },
        { ffi: 'eventfd.readiness', args: { state: 'maximum', function: 'poll' } },
      ],
      peers: ['ltp:eventfd04'],
    },
    {
      id: 'eventfd.kin.a-forked-child-shares-the-counter',
      kind: 'kin',
      claim: {
        en: 'A child created by fork() holds the same counter: its write of 42 wakes the parent blocked in read, which reads 42.',
        zh: 'fork() 创建的子进程持有同一个计数器：它写入的 42 会唤醒阻塞在读取中的父进程，父进程读到 42。',
      },
      sources: [eventfd2('NOTES'), eventfd2('DESCRIPTION')],
      expect: { relation: 'equals-evidence', field: 'added' },
      probes: [{ fixture: 'eventfd', case: 'read-blocks', args: { add: 42 } }],
      peers: ['ltp:eventfd05'],
    },
    {
      id: 'eventfd.kin.passed-over-scm-rights-it-is-the-same-counter',
      kind: 'kin',
      claim: {
        en: 'A counter sent over a UNIX socket with SCM_RIGHTS to a process that did not inherit it is the same counter: that process’s write of 9 is what the sender reads.',
        zh: '通过 UNIX 套接字以 SCM_RIGHTS 传给一个未继承它的进程的计数器仍是同一个：该进程写入的 9 正是发送方读到的值。',
      },
      sources: [eventfd2('NOTES'), { man: 'unix(7)', section: 'SCM_RIGHTS' }],
      expect: { equals: 9 },
      probes: [{ fixture: 'eventfd', case: 'scm-rights-to-unrelated' }],
    },
    {
      id: 'eventfd.kin.efd-cloexec-sets-close-on-exec',
      kind: 'kin',
      claim: {
        en: 'A counter made with EFD_CLOEXEC has FD_CLOEXEC set on its descriptor.',
        zh: '以 EFD_CLOEXEC 创建的计数器，其描述符带有 FD_CLOEXEC 标志。',
      },
      sources: [eventfd2('EFD_CLOEXEC'), { man: 'open(2)', section: 'O_CLOEXEC' }],
      expect: { equals: true },
      probes: [{ fixture: 'eventfd', case: 'cloexec' }, { ffi: 'eventfd.cloexec' }],
      peers: ['ltp:eventfd2_01'],
    },
    {
      id: 'eventfd.kin.fdinfo-shows-the-counter',
      kind: 'kin',
      claim: {
        en: 'The eventfd-count line of /proc/self/fdinfo/FD shows the counter’s current value (5 initially plus a write of 7 shows 12).',
        zh: '/proc/self/fdinfo/FD 中的 eventfd-count 行显示计数器的当前值（初值 5 加上写入的 7，显示 12）。',
      },
      sources: [eventfd2('NOTES'), procFdinfo],
      expect: { relation: 'equals-evidence', field: 'counter' },
      probes: [{ fixture: 'eventfd', case: 'fdinfo-count' }, { ffi: 'eventfd.fdinfo-count' }],
      requires: ['procfs'],
    },
  ],
});
