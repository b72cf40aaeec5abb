// Claims of the tutorial's opening chapters: what IPC is for and how mechanisms are judged.
import { defineClaims } from './claimSchema.js';

export default defineClaims({
  tutorial: 'ipc-tutorial.zh.md',
  claims: [
    {
      id: 'ipc-basics.processes-cannot-reach-each-others-memory',
      section: '进程间通信的基本概念',
      claim: {
        en: 'Every Linux process has a memory space of its own, so one process has no direct way to read or change another’s data; that is why dedicated IPC mechanisms exist.',
        zh: 'Linux 中每个进程拥有自己独立的地址空间，一个进程无法直接读写另一个进程的数据，因此才需要专门的 IPC 机制。',
      },
      status: 'pending',
      reason: {
        en: 'Deciding it needs a property the kit does not have yet: whether a process of the same user can read another’s memory through process_vm_readv(2), /proc/PID/mem or ptrace(2) (Linux allows it when the ptrace access mode check passes, so the separation is a default, not an absolute).',
        zh: '需要本工具集尚未具备的属性来判定：同一用户的进程能否通过 process_vm_readv(2)、/proc/PID/mem 或 ptrace(2) 读取另一进程的内存（只要通过 ptrace 访问模式检查，Linux 就允许，因此这种隔离只是默认状态而非绝对）。',
      },
    },
    {
      id: 'ipc-basics.a-crashing-process-does-not-affect-the-others',
      section: '为什么需要进程间通信',
      claim: {
        en: 'Splitting a system into processes makes it more reliable because the crash of one process leaves the other processes unaffected.',
        zh: '把系统拆成多个进程能提高可靠性，因为某个进程崩溃时，其余进程不会受到影响。',
      },
      status: 'decided',
      decision: {
        evidence: [
          { property: 'pipe.lifecycle.write-after-last-reader-closed-raises-sigpipe', supportsClaimWhen: 'failed' },
          { property: 'sysv-sem.persistence.adjustment-without-sem-undo-outlives-the-process', supportsClaimWhen: 'failed' },
        ],
        whenSupported: 'accurate',
        whenContradicted: 'imprecise',
        reasoning: {
          en: 'Separate address spaces do keep a crash from corrupting another process’s memory, but processes that talk through IPC share its fate: when a pipe’s only reader dies, the writer’s next write raises SIGPIPE, whose default action ends the writer; and a semaphore decremented without SEM_UNDO by a process that then dies stays taken, so its partners can block forever. If these properties pass, the claim holds only for processes that do not communicate, or that handle SIGPIPE and use SEM_UNDO.',
          zh: '独立的地址空间确实能防止一个进程的崩溃破坏另一个进程的内存，但通过 IPC 相连的进程会互相牵连：管道唯一的读者死掉后，写者的下一次写入会引发 SIGPIPE，其默认动作会结束写者；某进程不带 SEM_UNDO 减少了信号量后死掉，信号量就一直被占着，合作方可能永远阻塞。若这些属性通过，该说法只对不通信的进程，或处理了 SIGPIPE 并使用 SEM_UNDO 的进程成立。',
        },
        correction: {
          en: 'A crash cannot corrupt another process’s private memory, but it can affect its IPC partners: a writer whose reader died gets SIGPIPE (fatal by default), and resources a dead process held without SEM_UNDO (or locks in shared memory) stay taken.',
          zh: '崩溃不会破坏其他进程的私有内存，但会波及通信对方：读者已死的写者会收到 SIGPIPE（默认致命），已死进程不带 SEM_UNDO 占用的资源（或共享内存中的锁）会一直保持占用。',
        },
      },
    },
    {
      id: 'ipc-basics.reasons-for-using-several-processes',
      section: '为什么需要进程间通信',
      claim: {
        en: 'IPC is needed for sharing data, for speeding up work by running sub-tasks in parallel, for a modular design with one job per process, and for running components of different privilege in separate processes.',
        zh: '需要 IPC 的理由包括：共享数据、把大任务拆成并行子任务以加速、每个进程负责一项功能的模块化设计，以及把权限不同的部分放进各自的进程里加以隔离。',
      },
      status: 'untestable',
      reason: {
        en: 'These are design motives, not behaviour of the kernel: no experiment on an IPC mechanism can confirm or refute why someone would want it.',
        zh: '这些是设计动机，而非内核行为：对 IPC 机制做实验无法证实或否定人们使用它的理由。',
      },
    },
    {
      id: 'ipc-basics.criteria-for-judging-a-mechanism',
      section: 'IPC机制的评价标准',
      claim: {
        en: 'Mechanisms are compared by performance, capacity, persistence (whether data survives the processes), complexity, whether they synchronise, and whether they carry data one way or both ways.',
        zh: '评价 IPC 机制看以下几方面：性能、容量、持久性（进程结束后数据是否还在）、复杂度、是否提供同步，以及是单向还是双向通信。',
      },
      status: 'untestable',
      reason: {
        en: 'A list of criteria is a way of organising the comparison, not a statement about any mechanism; the individual judgements it leads to are audited where the tutorial makes them.',
        zh: '这只是组织比较的一组标准，并未对任何机制作出断言；由此得出的具体判断在教程作出它们的地方逐条审核。',
      },
    },
  ],
});
