// The headings of the tutorial under audit that claims name, in the order the tutorial has them.
// The hand-out follows this order when the tutorial itself is not at hand (a container, a CI
// checkout without the shared reference folder), so that it never falls back to the order of the
// claim files' names. test/badInput.test.ts checks it against the tutorial's own headings.

/** ipc-tutorial.zh.md's headings, first to last, as a claim's `section` spells them. */
export const TUTORIAL_SECTIONS: readonly string[] = [
  '进程间通信的基本概念',
  '为什么需要进程间通信',
  'IPC机制的评价标准',
  '1. 管道(Pipes)',
  '匿名管道(Anonymous Pipes)',
  '命名管道(Named Pipes/FIFOs)',
  '2. 信号(Signals)',
  '3. 消息队列(Message Queues)',
  '4. 共享内存(Shared Memory)',
  '5. 信号量(Semaphores)',
  '6. 套接字(Sockets)',
  'UNIX域套接字',
  '网络套接字',
  '7. D-Bus',
  '性能比较',
  '适用场景',
  '选择指南',
];
