// Exercise 10: four processes copy a file into one output together, a chunk at a time, each under
// an fcntl write lock over the output. The point is who owns a record lock: the process, which
// loses it when it closes any descriptor of the file, so a worker that opens the output a second
// time to measure it and closes that descriptor lets another worker in before it has appended.
// The tracer records no fcntl calls; the output file shows the result: a chunk appended twice.
import { childrenAreWaitedFor } from '../commonChecks.js';
import { defineExercise } from '../exerciseSchema.js';

export default defineExercise({
  id: '10-file-lock',
  title: {
    en: 'Copy a file with four processes taking turns under an fcntl lock',
    zh: '四个进程在 fcntl 锁的保护下轮流复制一个文件',
  },
  mechanism: 'file-locks',
  run: {
    args: ['{input}', '{output}'],
    // About 250 chunks of 4 KiB: 250 turns of the lock between four workers, enough for a worker
    // that loses its lock early to be overtaken at least once in a run.
    inputBytes: 1_000_000,
    timeoutMs: 10_000,
    runs: 20,
    // Busy CPUs: a worker woken when the lock goes free may run before the one that let it go has
    // appended its chunk.
    underLoad: true,
  },
  checks: [
    {
      id: 'file-locks.each-chunk-is-appended-once-under-the-lock',
      kind: 'atomicity',
      claim: {
        en: 'Each worker holds its lock from measuring the output until it has appended the next chunk, so every chunk is appended exactly once and the output holds exactly the input.',
        zh: '每个工作进程从测量输出文件长度起直到追加完下一块数据为止一直持有锁，因此每块数据恰好追加一次，输出与输入完全相同。',
      },
      observe: 'data.delivered-intact',
      expect: { equals: true },
      man: ['fcntl(2)', 'close(2)', 'fstat(2)'],
      hint: {
        en: 'A record lock belongs to the process, not to the descriptor you locked through: closing ANY descriptor of the same file, even one opened later just to look at it, releases every lock the process holds on that file. Find out how long the output is without opening and closing it again (or use a lock that belongs to the open file description).',
        zh: '记录锁属于进程，而不属于你用来加锁的那个描述符：关闭同一文件的任意一个描述符——哪怕是后来只为查看而打开的——都会释放该进程在这个文件上持有的全部锁。请在不重新打开并关闭文件的情况下得知输出文件的长度（或者改用属于打开文件描述的锁）。',
      },
    },
    childrenAreWaitedFor({
      en: 'Each worker is a child: the parent collects every one of them with wait or waitpid before it exits.',
      zh: '每个工作进程都是子进程：父进程在退出前要用 wait 或 waitpid 逐一收取它们。',
    }),
  ],
  starterFails: ['file-locks.each-chunk-is-appended-once-under-the-lock'],
});
