// What the tutorial leaves out: for the tutorial's families that have them, the Linux mechanisms
// programs use beside the classic ones, which the kit checks as mechanisms of their own. The claims
// hand-out lists them after the audit — a list of what to read next, not verdicts on the tutorial.
import type { Bilingual } from '../schema.js';

/** Mechanisms the tutorial never mentions, under the tutorial section they belong with. */
export interface Omission {
  /** The tutorial's section (tutorialSections.ts) the mechanisms extend. */
  section: string;
  /** Spec ids of the mechanisms (specs/<id>.spec.ts). */
  mechanisms: readonly string[];
  /** What these add to the section, in the kit's own words. */
  statement: Bilingual;
}

export const OMISSIONS: readonly Omission[] = [
  {
    section: '1. 管道(Pipes)',
    mechanisms: ['splice'],
    statement: {
      en: 'A pipe is also a kernel buffer that splice, tee and vmsplice move pages into and out of — between files, sockets and other pipes — without a copy through the process.',
      zh: '管道也是一个内核缓冲区：splice、tee 和 vmsplice 可以在文件、套接字与其他管道之间把数据页移入移出，而不经过进程内存复制。',
    },
  },
  {
    section: '2. 信号(Signals)',
    mechanisms: ['signalfd', 'pidfd'],
    statement: {
      en: 'Signals can be read as records from a descriptor (signalfd) instead of interrupting the program, and a process can be named by a descriptor (pidfd) so that a signal never reaches a later process that reused its pid.',
      zh: '信号可以作为记录从描述符中读取（signalfd），而不必打断程序；进程也可以用描述符指代（pidfd），使信号不会误发给复用了同一 pid 的后来进程。',
    },
  },
  {
    section: '4. 共享内存(Shared Memory)',
    mechanisms: ['memfd', 'file-mapping'],
    statement: {
      en: 'Shared memory also comes as an anonymous file (memfd) that is passed over a UNIX socket and can be sealed against changes, and as MAP_SHARED mappings of ordinary files, written back with msync.',
      zh: '共享内存还有两种形式：可通过 UNIX 套接字传递、并可加封印防止修改的匿名文件（memfd），以及普通文件的 MAP_SHARED 映射（用 msync 写回）。',
    },
  },
  {
    section: '5. 信号量(Semaphores)',
    mechanisms: ['pshared-sync', 'eventfd', 'file-locks'],
    statement: {
      en: 'Processes also synchronise with mutexes and condition variables placed in shared memory (robust ones survive a dead owner) built on futexes, with eventfd counters, and with locks on files.',
      zh: '进程之间还可以用放在共享内存中的互斥锁和条件变量（健壮互斥锁能在持有者死亡后恢复，底层是 futex）、eventfd 计数器以及文件锁来同步。',
    },
  },
];
