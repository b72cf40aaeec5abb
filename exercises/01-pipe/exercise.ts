// Exercise 01: a file sent from parent to child through an anonymous pipe. The lessons are end of
// file (a reader sees it only when every write end is closed, its own copy included) and reaping
// the child. Both are deterministic, so three runs show them; short reads are on, because a pipe
// may hand over any amount at a time and the child must cope.
import { childrenAreWaitedFor } from '../commonChecks.js';
import { defineExercise } from '../exerciseSchema.js';

export default defineExercise({
  id: '01-pipe',
  title: {
    en: 'Send a file to a child process through a pipe',
    zh: '通过管道把文件发送给子进程',
  },
  mechanism: 'pipes',
  run: {
    args: ['{input}', '{output}'],
    // About three times a pipe's default capacity (65536 bytes): the parent has to wait for the
    // child to drain the pipe several times, so the two really run side by side.
    inputBytes: 200000,
    timeoutMs: 5000,
    runs: 3,
    perturb: { shortTransfers: true },
  },
  checks: [
    {
      id: 'pipe.reader-sees-eof-when-writers-close',
      kind: 'blocking',
      claim: {
        en: 'The program ends on its own: once the parent has sent everything and closed its write end, the child’s read returns 0 (end of file) and the child exits.',
        zh: '程序能自行结束：父进程发送完毕并关闭写端后，子进程的 read 返回 0（文件结束），子进程随之退出。',
      },
      observe: 'exit.within-time-limit',
      expect: { equals: true },
      man: ['pipe(7)', 'pipe(2)', 'close(2)'],
      hint: {
        en: 'read on a pipe blocks while any process still holds a descriptor for its write end — fork gave the child a copy of both ends. Which process still has the write end open once the parent is done?',
        zh: '只要还有任何进程持有管道写端的描述符，对管道的 read 就会一直阻塞——fork 让子进程也得到了两端的副本。父进程写完之后，还有哪个进程开着写端？',
      },
    },
    {
      id: 'pipe.child-receives-every-byte',
      kind: 'ordering',
      claim: {
        en: 'The output file holds exactly the bytes of the input, in order: nothing lost, nothing added.',
        zh: '输出文件与输入逐字节相同且顺序一致：没有丢失，也没有多出。',
      },
      observe: 'data.delivered-intact',
      expect: { equals: true },
      man: ['pipe(7)', 'read(2)', 'write(2)'],
      hint: {
        en: 'A pipe is a byte stream: one read may return fewer bytes than were written at once, or than you asked for. Write out exactly as many bytes as each read returned, and keep reading until it returns 0.',
        zh: '管道是字节流：一次 read 返回的字节数可能少于对方一次写入的量，也可能少于你请求的量。每次 read 返回多少字节就写出多少字节，并一直读到返回 0 为止。',
      },
    },
    childrenAreWaitedFor({
      en: 'A sleep does not tell you that the child has ended, and it does not collect the child either: an ended child stays a zombie until its parent calls wait or waitpid for it.',
      zh: 'sleep 并不能告诉你子进程已经结束，也不会回收子进程：已结束的子进程会一直是僵尸进程，直到父进程为它调用 wait 或 waitpid。',
    }),
    {
      id: 'process.exits-with-status-zero',
      kind: 'lifecycle',
      claim: {
        en: 'When the copy succeeded the program exits with status 0.',
        zh: '复制成功时，程序以状态 0 退出。',
      },
      observe: 'exit.status',
      expect: { equals: 0 },
      man: ['exit(3)', 'waitpid(2)'],
      hint: {
        en: 'Look at what the kit saw on stderr, and at the value main returns on the path where everything worked.',
        zh: '看看工具在 stderr 上看到了什么，以及一切顺利时 main 返回的值。',
      },
    },
  ],
  starterFails: ['pipe.reader-sees-eof-when-writers-close'],
});
