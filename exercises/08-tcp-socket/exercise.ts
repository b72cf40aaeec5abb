// Exercise 08: an echo over TCP between a parent server on 127.0.0.1 and its child client. TCP is
// a byte stream whose send and recv may move part of what was asked; the short-transfer
// perturbation makes that happen on every call, so each run shows it. Where the server listens
// and whether the parent collects its child are seen by the tracer in every run.
import { childrenAreWaitedFor } from '../commonChecks.js';
import { defineExercise } from '../exerciseSchema.js';

export default defineExercise({
  id: '08-tcp-socket',
  title: {
    en: 'An echo over TCP on the loopback interface',
    zh: '在回环接口上通过 TCP 实现回显',
  },
  mechanism: 'tcp',
  run: {
    args: ['{input}', '{output}'],
    // More than one call can move with short transfers (at most 64 KiB each), yet an amount the
    // loopback socket buffers absorb, so a client that sends everything before reading does not
    // deadlock here (it would with inputs of many megabytes).
    inputBytes: 200000,
    timeoutMs: 5000,
    runs: 20,
    perturb: { shortTransfers: true },
  },
  checks: [
    {
      id: 'tcp.server-listens-on-loopback-only',
      kind: 'isolation',
      claim: {
        en: 'The server binds its listening socket to 127.0.0.1 only, so no other machine can reach it.',
        zh: '服务器只把监听套接字绑定到 127.0.0.1，因此其他机器无法访问它。',
      },
      observe: 'net.bound-beyond-loopback',
      expect: { equals: 0 },
      man: ['ip(7)', 'bind(2)'],
      hint: {
        en: 'INADDR_ANY (0.0.0.0) means every interface of the machine, the network cards included: a server for a client on the same machine has no business there. The loopback address is INADDR_LOOPBACK; mind the byte order of the value you store.',
        zh: 'INADDR_ANY（0.0.0.0）表示本机的所有接口，包括网卡：为同一台机器上的客户端服务的服务器不应在那里监听。回环地址是 INADDR_LOOPBACK；注意存入的值的字节序。',
      },
    },
    {
      id: 'tcp.echo-returns-every-byte',
      kind: 'boundaries',
      claim: {
        en: 'Every byte the client sends comes back, and the client writes all of it to the output, so the output equals the input.',
        zh: '客户端发送的每个字节都被回显回来，客户端把它们全部写入输出文件，因此输出与输入完全相同。',
      },
      observe: 'data.delivered-intact',
      expect: { equals: true },
      man: ['send(2)', 'recv(2)', 'tcp(7)'],
      hint: {
        en: 'TCP carries a stream of bytes, not messages: send may accept fewer bytes than you offer and recv may return fewer than you ask for; both return how many. The end of the stream is a recv that returns 0, after the peer has closed or shut down its sending side (shutdown(2)).',
        zh: 'TCP 传输的是字节流而不是消息：send 可能只接受你提供的一部分字节，recv 也可能返回少于请求的字节数；两者都返回实际的字节数。只有在对方关闭连接或关闭其发送方向（shutdown(2)）之后，recv 返回 0，才表示流结束。',
      },
    },
    childrenAreWaitedFor({
      en: 'A child that has ended stays a zombie until its parent collects its status with wait or waitpid. Pausing until the child has probably finished is not collecting it; waiting for it is both.',
      zh: '已结束的子进程会一直是僵尸进程，直到父进程用 wait 或 waitpid 收取它的退出状态。暂停一会儿、等子进程"大概已经结束"并不等于收取它；等待它才能两者兼得。',
    }),
  ],
  starterFails: ['tcp.server-listens-on-loopback-only', 'tcp.echo-returns-every-byte', 'process.children-are-waited-for'],
});
