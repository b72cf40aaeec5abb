// Exercise 09: a file sent in pieces from a parent to a D-Bus service its child provides, over a
// private session bus. A call to a name nobody owns yet is answered with an error, and a message
// sent without waiting for its reply may never be known to have failed: sleeps that return at once
// and jitter after fork make the caller early in many of the 20 runs.
import { childrenAreWaitedFor } from '../commonChecks.js';
import { defineExercise } from '../exerciseSchema.js';

export default defineExercise({
  id: '09-dbus',
  title: {
    en: 'Send a file to a D-Bus service',
    zh: '把文件发送给一个 D-Bus 服务',
  },
  mechanism: 'dbus',
  link: ['pkg:dbus-1'],
  run: {
    args: ['{input}', '{output}'],
    // Thirteen pieces of 16 KiB: enough calls that a caller who starts early loses some of them.
    inputBytes: 200000,
    // A correct program needs a few tens of milliseconds. The limit is generous because a service
    // that stops when nobody calls for a few seconds must be seen to stop, not be killed.
    timeoutMs: 8000,
    runs: 20,
    bus: true,
    perturb: { shortenSleeps: true, forkJitterMs: 5 },
  },
  checks: [
    {
      id: 'dbus.every-piece-reaches-the-service',
      kind: 'ordering',
      claim: {
        en: 'Every piece the parent sends is delivered to the service and written in order, so the output equals the input.',
        zh: '父进程发送的每一块数据都送达服务并按顺序写入，因此输出与输入完全相同。',
      },
      observe: 'data.delivered-intact',
      expect: { equals: true },
      man: ['dbus-daemon(1)', 'dbus-send(1)'],
      hint: {
        en: 'The bus delivers a call to a well-known name only once a connection owns that name; before that, it answers with the error org.freedesktop.DBus.Error.ServiceUnknown, and a message sent without reading its reply fails without anyone noticing. A sleep does not make the service register first: wait until the bus tells you the name has an owner (NameOwnerChanged, NameHasOwner), and read the reply of each call.',
        zh: '只有当某个连接拥有了该知名名称之后，总线才会把发往它的调用投递过去；在此之前，总线会以错误 org.freedesktop.DBus.Error.ServiceUnknown 作答，而不读取回复就发出的消息失败了也没有人知道。sleep 并不能让服务先完成注册：请等到总线告诉你该名称已有所有者（NameOwnerChanged、NameHasOwner），并读取每次调用的回复。',
      },
    },
    {
      id: 'dbus.every-call-is-answered-and-the-program-exits-0',
      kind: 'lifecycle',
      claim: {
        en: 'Every call gets a method return, not an error, the service ends normally after Done, and the program exits with status 0.',
        zh: '每次调用都得到正常的方法返回而不是错误，服务在 Done 之后正常结束，程序以状态 0 退出。',
      },
      observe: 'exit.status',
      expect: { equals: 0 },
      man: ['dbus-daemon(1)'],
      hint: {
        en: 'Read the error your program reports: ServiceUnknown means nobody owned the name when the call reached the bus; NoReply means the service did not answer in time. The request for a name has a result too: only DBUS_REQUEST_NAME_REPLY_PRIMARY_OWNER means you own it.',
        zh: '看看你的程序报告的错误：ServiceUnknown 表示调用到达总线时还没有人拥有该名称；NoReply 表示服务没有及时回复。请求名称也有结果：只有 DBUS_REQUEST_NAME_REPLY_PRIMARY_OWNER 才表示你拥有了它。',
      },
    },
    {
      id: 'dbus.program-ends-within-the-time-limit',
      kind: 'lifecycle',
      claim: {
        en: 'The service stops once Done has been answered and the parent then ends, well within the time limit.',
        zh: '服务在回复 Done 之后停止，随后父进程结束，远在时间限制之内。',
      },
      observe: 'exit.within-time-limit',
      expect: { equals: true },
      man: ['dbus-daemon(1)'],
      hint: {
        en: 'libdbus queues outgoing messages and writes them when it gets the chance: a process that blocks, or exits, right after dbus_connection_send may never have sent them (dbus_connection_flush writes the queue out). A service that never receives Done waits for ever, and so does a parent waiting for it.',
        zh: 'libdbus 会把要发送的消息先放进队列，有机会时才写出：调用 dbus_connection_send 之后立刻阻塞或退出的进程，可能根本没有把它们发出去（dbus_connection_flush 会把队列写出）。收不到 Done 的服务会一直等下去，等待它的父进程也一样。',
      },
    },
    childrenAreWaitedFor({
      en: 'A child that has ended stays a zombie until its parent collects its status with wait or waitpid. The reply to Done says the service has finished its work, not that the process has been collected.',
      zh: '已结束的子进程会一直是僵尸进程，直到父进程用 wait 或 waitpid 收取它的退出状态。Done 的回复只说明服务完成了工作，并不说明该进程已被收取。',
    }),
  ],
  starterFails: ['dbus.every-piece-reaches-the-service'],
});
