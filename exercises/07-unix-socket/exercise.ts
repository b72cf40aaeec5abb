// Exercise 07: a file sent from a child client to its parent's server over a UNIX stream socket
// bound to ./server.sock. A stream carries bytes, not messages, and a client can only connect to a
// server that already listens: short transfers show the first, sleeps that return at once and
// jitter after fork show the second, over 20 runs on busy CPUs.
import { childrenAreWaitedFor } from '../commonChecks.js';
import { defineExercise } from '../exerciseSchema.js';

export default defineExercise({
  id: '07-unix-socket',
  title: {
    en: 'Send a file over a UNIX stream socket',
    zh: '通过 UNIX 流式套接字发送文件',
  },
  mechanism: 'unix-sockets',
  run: {
    args: ['{input}', '{output}'],
    // Larger than one read can return (the short-transfer perturbation caps a read at 64 KiB, and
    // even without it a single read returns only what has arrived so far).
    inputBytes: 200000,
    timeoutMs: 5000,
    runs: 20,
    underLoad: true,
    // Jitter after fork lets either process run first: when the server is the one held back, a
    // client that merely sleeps before connecting arrives before the server listens. It is large
    // because on busy CPUs a client may wait several milliseconds before it runs at all.
    perturb: { shortenSleeps: true, forkJitterMs: 50, shortTransfers: true },
  },
  checks: [
    {
      id: 'unix-stream.server-reads-until-the-client-closes',
      kind: 'boundaries',
      claim: {
        en: 'The server writes to the output every byte the client sent, reading until end-of-file, so the output equals the input.',
        zh: '服务器一直读到文件结束（end-of-file），把客户端发送的每个字节都写入输出文件，因此输出与输入完全相同。',
      },
      observe: 'data.delivered-intact',
      expect: { equals: true },
      man: ['unix(7)', 'read(2)', 'write(2)'],
      hint: {
        en: 'A stream socket keeps no message boundaries: one read returns whatever has arrived, possibly much less than you asked for, and one write may send less than you gave it. Only a read that returns 0 says the peer has closed and nothing more will come.',
        zh: '流式套接字不保留消息边界：一次 read 只返回当时已到达的数据，可能远少于请求的长度；一次 write 也可能只发送了一部分。只有返回 0 的 read 才表示对方已关闭、不会再有数据。',
      },
    },
    {
      id: 'unix-stream.client-connects-after-the-server-listens',
      kind: 'ordering',
      claim: {
        en: 'The client connects only once the server is bound and listening, so the connection is made in every run and the program exits with status 0.',
        zh: '客户端只在服务器完成 bind 和 listen 之后才连接，因此每次运行都能建立连接，程序以状态 0 退出。',
      },
      observe: 'exit.status',
      expect: { equals: 0 },
      man: ['connect(2)', 'listen(2)', 'unix(7)'],
      hint: {
        en: 'connect fails with ENOENT while the socket file does not exist yet, and with ECONNREFUSED while it exists but nobody listens on it. A sleep does not make the other process get there first; think about which process exists before which.',
        zh: '套接字文件尚不存在时 connect 以 ENOENT 失败；文件已存在但还没有进程在其上 listen 时，以 ECONNREFUSED 失败。sleep 并不能让另一个进程先到达那一步；想一想哪个进程应当先于哪个进程存在。',
      },
    },
    {
      id: 'unix-stream.socket-file-is-removed-before-exit',
      kind: 'persistence',
      claim: {
        en: 'No socket file is left in the working directory once the program has ended: the server removes the name it bound.',
        zh: '程序结束后工作目录中不留下套接字文件：服务器删除了它绑定的名字。',
      },
      observe: 'fs.nodes-left',
      expect: { equals: 0 },
      man: ['unix(7)', 'unlink(2)', 'bind(2)'],
      hint: {
        en: 'bind creates a file for the socket’s name, and closing the socket does not remove it; the next bind to that name then fails with EADDRINUSE. The name is only needed until the client has connected.',
        zh: 'bind 会为套接字的名字创建一个文件，而关闭套接字并不会删除它；之后再 bind 同一个名字就会以 EADDRINUSE 失败。这个名字只在客户端连上之前有用。',
      },
    },
    childrenAreWaitedFor({
      en: 'A child that has ended stays a zombie until its parent collects its status with wait or waitpid, on every way out of the parent, the error paths included.',
      zh: '已结束的子进程会一直是僵尸进程，直到父进程用 wait 或 waitpid 收取它的退出状态；父进程的每条退出路径（包括出错路径）都要如此。',
    }),
  ],
  starterFails: [
    'unix-stream.server-reads-until-the-client-closes',
    'unix-stream.client-connects-after-the-server-listens',
    'unix-stream.socket-file-is-removed-before-exit',
  ],
});
