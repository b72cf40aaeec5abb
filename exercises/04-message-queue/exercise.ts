// Exercise 04: a file copied from parent to child through a System V message queue whose key
// comes from ftok(3). Deterministic checks: three plain runs show every mistake.
import { childrenAreWaitedFor } from '../commonChecks.js';
import { defineExercise } from '../exerciseSchema.js';

export default defineExercise({
  id: '04-message-queue',
  title: {
    en: 'Copy a file through a System V message queue',
    zh: '通过 System V 消息队列复制文件',
  },
  mechanism: 'sysv-msg',
  run: {
    args: ['{input}', '{output}'],
    // Far more than the queue holds (msgmnb, 16384 bytes by default): the sender must wait for
    // the receiver many times over, and hundreds of messages must keep their order.
    inputBytes: 200000,
    timeoutMs: 5000,
    runs: 3,
  },
  checks: [
    {
      id: 'sysv-msg.receiver-gets-every-message-in-order',
      kind: 'ordering',
      claim: {
        en: 'The child writes to the output exactly the bytes of the input, message after message in the order they were sent.',
        zh: '子进程按消息发送的顺序，把与输入完全相同的字节写入输出文件。',
      },
      observe: 'data.delivered-intact',
      expect: { equals: true },
      man: ['msgsnd(2)', 'msgrcv(2)'],
      hint: {
        en: 'msgrcv returns the size of the data it received; messages of one type arrive in sending order, and a type argument of 0 takes the oldest message of any type.',
        zh: 'msgrcv 的返回值是收到的数据长度；同一类型的消息按发送顺序到达，类型参数为 0 时取出最早的任意类型消息。',
      },
    },
    {
      id: 'sysv-msg.key-comes-from-a-file-that-exists',
      kind: 'isolation',
      claim: {
        en: 'Every ftok call succeeds, so the queue key is derived from a real file and not shared by accident with unrelated programs.',
        zh: '每次调用 ftok 都成功，因此队列的键来自一个真实存在的文件，不会意外地与无关程序共用。',
      },
      observe: 'ipc.ftok-failures',
      expect: { equals: 0 },
      man: ['ftok(3)', 'msgget(2)'],
      hint: {
        en: 'ftok needs a path that exists and that both processes can reach; when it fails it returns -1, and msgget happily uses -1 (0xffffffff) as a key. Check its return value.',
        zh: 'ftok 需要一个存在且双方都能访问的路径；失败时它返回 -1，而 msgget 会照样把 -1（0xffffffff）当作键使用。请检查它的返回值。',
      },
    },
    {
      id: 'sysv-msg.queue-is-private-to-its-owner',
      kind: 'permissions',
      claim: {
        en: 'The queue is created with mode 0600: no other user can read or inject messages.',
        zh: '消息队列以 0600 权限创建：其他用户既不能读取也不能塞入消息。',
      },
      observe: 'ipc.objects-open-to-others',
      expect: { equals: 0 },
      man: ['msgget(2)', 'sysvipc(7)'],
      hint: {
        en: 'The low nine bits of msgflg are the queue’s permissions, and the umask does not apply to System V objects.',
        zh: 'msgflg 的低九位就是队列的权限位，而且 umask 对 System V 对象不起作用。',
      },
    },
    {
      id: 'sysv-msg.queue-is-removed-before-exit',
      kind: 'persistence',
      claim: {
        en: 'No message queue is left once the program has ended: it is removed with IPC_RMID.',
        zh: '程序结束后不留下任何消息队列：它已通过 IPC_RMID 删除。',
      },
      observe: 'ipc.sysv-objects-left',
      expect: { equals: 0 },
      man: ['msgctl(2)', 'ipcs(1)'],
      hint: {
        en: 'A System V queue belongs to the kernel, not to a process: it stays (see ipcs -q) until someone removes it.',
        zh: 'System V 消息队列属于内核而不属于某个进程：在有人删除它之前它一直存在（可用 ipcs -q 查看）。',
      },
    },
    childrenAreWaitedFor({
      en: 'A child that has ended stays a zombie until its parent collects its status with wait or waitpid.',
      zh: '已结束的子进程会一直是僵尸进程，直到父进程用 wait 或 waitpid 收取它的退出状态。',
    }),
  ],
  starterFails: [
    'sysv-msg.key-comes-from-a-file-that-exists',
    'sysv-msg.queue-is-private-to-its-owner',
    'sysv-msg.queue-is-removed-before-exit',
  ],
});
