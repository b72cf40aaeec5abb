// Exercise 03: standard input copied to a file while SIGUSR1 arrives every few milliseconds and a
// sigaction handler counts it. The lessons: a handler may run in the middle of anything, so it
// calls only async-signal-safe functions; and a signal interrupts a blocked read, which is not the
// end of the data. Where a signal lands is a race, hence 20 runs.
import { defineExercise } from '../exerciseSchema.js';

export default defineExercise({
  id: '03-signals',
  title: {
    en: 'Count signals while copying standard input',
    zh: '复制标准输入的同时统计信号',
  },
  mechanism: 'signals',
  run: {
    args: ['{output}'],
    // 49 pieces of 4096 bytes with a pause after each: the program spends most of its time
    // blocked in read, where the signals (about one per piece) find it.
    inputBytes: 200000,
    stdin: { chunkBytes: 4096, pauseMs: 2 },
    signals: { name: 'SIGUSR1', everyMs: 3 },
    timeoutMs: 5000,
    runs: 20,
  },
  checks: [
    {
      id: 'signal.interrupted-read-is-not-end-of-data',
      kind: 'blocking',
      claim: {
        en: 'The output file holds exactly the bytes that came on standard input, however many signals arrived during the copy.',
        zh: '无论复制期间到达多少信号，输出文件都与标准输入送来的字节完全相同。',
      },
      observe: 'data.delivered-intact',
      expect: { equals: true },
      man: ['signal(7)', 'sigaction(2)', 'read(2)'],
      hint: {
        en: 'When a handled signal arrives while read is blocked, read may fail with errno EINTR: nothing went wrong with the input, and it has not ended — only a return of 0 means end of file. Read the "Interruption of system calls" section of signal(7), and what SA_RESTART changes.',
        zh: '在 read 阻塞期间到达一个有处理函数的信号时，read 可能失败并把 errno 设为 EINTR：输入没有出错，也没有结束——只有返回 0 才表示文件结束。请阅读 signal(7) 中 “Interruption of system calls” 一节，以及 SA_RESTART 改变了什么。',
      },
    },
    {
      id: 'signal.handler-calls-only-async-signal-safe-functions',
      kind: 'atomicity',
      claim: {
        en: 'The signal handler calls only async-signal-safe functions; the counting happens in a volatile sig_atomic_t variable and the reporting outside the handler.',
        zh: '信号处理函数只调用异步信号安全的函数；计数使用 volatile sig_atomic_t 变量，输出报告则放在处理函数之外。',
      },
      observe: 'signal.unsafe-calls-in-handlers',
      expect: { equals: 0 },
      man: ['signal-safety(7)', 'sigaction(2)'],
      hint: {
        en: 'A handler can interrupt main in the middle of printf or malloc, while they hold a lock or have half-updated a buffer; calling them again from the handler can deadlock or corrupt that state. signal-safety(7) lists the functions a handler may call.',
        zh: '处理函数可能在 main 执行 printf 或 malloc 的中途打断它，此时这些函数可能持有锁或只更新了一半缓冲区；在处理函数里再次调用它们可能导致死锁或破坏其状态。signal-safety(7) 列出了处理函数可以调用的函数。',
      },
    },
    {
      id: 'process.exits-with-status-zero',
      kind: 'lifecycle',
      claim: {
        en: 'When the copy succeeded the program exits with status 0, and no signal ends it.',
        zh: '复制成功时程序以状态 0 退出，并且不会被信号终止。',
      },
      observe: 'exit.status',
      expect: { equals: 0 },
      man: ['sigaction(2)', 'signal(7)'],
      hint: {
        en: 'The default action of SIGUSR1 is to end the process: look at what the kit saw (a signal, or a message on stderr), and at when the handler is installed.',
        zh: 'SIGUSR1 的默认动作是终止进程：看看工具观察到了什么（一个信号，或 stderr 上的一条消息），以及处理函数是何时安装的。',
      },
    },
  ],
  starterFails: ['signal.interrupted-read-is-not-end-of-data', 'signal.handler-calls-only-async-signal-safe-functions'],
});
