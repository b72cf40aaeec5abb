// Exercise 02: a file copied from parent to child through a FIFO in the working directory. A FIFO
// is a pipe with a name in the file system, and the name brings what a pipe lacks: a mode that
// decides who else may open it, and a node that outlives the program unless it is removed. Every
// check is deterministic, so three runs show them; short reads are on, as for any pipe.
import { childrenAreWaitedFor } from '../commonChecks.js';
import { defineExercise } from '../exerciseSchema.js';

export default defineExercise({
  id: '02-fifo',
  title: {
    en: 'Copy a file through a FIFO (named pipe)',
    zh: '通过 FIFO（命名管道）复制文件',
  },
  mechanism: 'fifo',
  run: {
    args: ['{input}', '{output}'],
    // About three times a pipe's default capacity (65536 bytes): writer and reader take turns.
    inputBytes: 200000,
    timeoutMs: 5000,
    runs: 3,
    perturb: { shortTransfers: true },
  },
  checks: [
    {
      id: 'fifo.reader-receives-every-byte',
      kind: 'ordering',
      claim: {
        en: 'The output file holds exactly the bytes of the input, in order.',
        zh: '输出文件与输入逐字节相同且顺序一致。',
      },
      observe: 'data.delivered-intact',
      expect: { equals: true },
      man: ['fifo(7)', 'pipe(7)', 'read(2)'],
      hint: {
        en: 'A FIFO is a byte stream like a pipe: a read may return fewer bytes than asked. Write out what each read returned, keep reading until it returns 0, and make sure the reader has finished before the program ends.',
        zh: 'FIFO 与管道一样是字节流：一次 read 可能返回少于请求的字节数。每次 read 返回多少就写出多少，一直读到返回 0，并确保程序结束前读方已经完成。',
      },
    },
    {
      id: 'fifo.node-is-private-to-its-owner',
      kind: 'permissions',
      claim: {
        en: 'The FIFO is created with mode 0600: no other user can open it to read the data or to write into it.',
        zh: 'FIFO 以 0600 权限创建：其他用户既不能打开它读取数据，也不能向其中写入。',
      },
      observe: 'ipc.objects-open-to-others',
      expect: { equals: 0 },
      man: ['mkfifo(3)', 'umask(2)', 'fifo(7)'],
      hint: {
        en: 'The mode given to mkfifo is filtered by the umask, which can only take bits away; with the common umask 022 a mode of 0666 still leaves the FIFO readable by everyone. Ask for no more than the owner needs.',
        zh: '传给 mkfifo 的权限会经过 umask 过滤，而 umask 只能去掉权限位；在常见的 umask 022 下，0666 仍会让所有人都能读取该 FIFO。只申请所有者需要的权限。',
      },
    },
    {
      id: 'fifo.node-is-removed-before-exit',
      kind: 'persistence',
      claim: {
        en: 'No FIFO is left in the directory once the program has ended: its name is removed with unlink.',
        zh: '程序结束后目录中不留下任何 FIFO：它的名字已通过 unlink 删除。',
      },
      observe: 'fs.nodes-left',
      expect: { equals: 0 },
      man: ['unlink(2)', 'fifo(7)'],
      hint: {
        en: 'A FIFO’s name stays in the file system after every process has closed it, like a file. Removing the name does not disturb descriptors that are already open, so it can go as soon as both ends are open.',
        zh: '与普通文件一样，所有进程都关闭 FIFO 之后，它的名字仍留在文件系统中。删除名字不会影响已经打开的描述符，因此两端一旦都已打开，就可以删除它。',
      },
    },
    childrenAreWaitedFor({
      en: 'Sleeping guesses how long the child needs and collects nothing: an ended child stays a zombie until its parent calls wait or waitpid, which also says when the child is really done.',
      zh: 'sleep 只是猜测子进程需要多久，并不会回收它：已结束的子进程会一直是僵尸进程，直到父进程调用 wait 或 waitpid——而后者也能确切地告诉你子进程何时真正完成。',
    }),
  ],
  starterFails: ['fifo.node-is-private-to-its-owner', 'fifo.node-is-removed-before-exit', 'process.children-are-waited-for'],
});
