// Claims of the tutorial's shared memory chapter (System V segments: shmget, shmat, shmdt, shmctl).
import { defineClaims } from './claimSchema.js';

const SECTION = '4. 共享内存(Shared Memory)';

export default defineClaims({
  tutorial: 'ipc-tutorial.zh.md',
  claims: [
    {
      id: 'shared-memory.fastest-and-most-efficient-mechanism',
      section: SECTION,
      claim: {
        en: 'Shared memory is the fastest and most efficient of all IPC mechanisms.',
        zh: '共享内存是所有 IPC 机制中速度最快、效率最高的。',
      },
      status: 'decided',
      decision: {
        evidence: [
          { property: 'performance.latency.pipe-vs-shm-spin', supportsClaimWhen: 'passed', ratio: { atLeast: 4 } },
          { property: 'performance.throughput.shm-sem-vs-pipe', supportsClaimWhen: 'passed', ratio: { atLeast: 1.5 } },
          { property: 'performance.latency.shm-sem-vs-pipe', supportsClaimWhen: 'passed', ratio: { within: 3 } },
          { property: 'performance.cpu.shm-sem-vs-pipe', supportsClaimWhen: 'passed', ratio: { within: 3 } },
        ],
        whenSupported: 'imprecise',
        whenContradicted: 'inaccurate',
        reasoning: {
          en: 'The kit compares shared memory with a pipe, the reference of the mechanisms that pass every message through the kernel (its other tier properties compare FIFOs, message queues, UNIX sockets, signals and semaphores with the same pipe), each relation decided on 11 paired repetitions of which 9 must agree. The claim needs shared memory to lead where it can: two processes spinning on a flag in the segment, each on its own CPU, must finish a round trip in under a quarter of a pipe’s, and a ring that copies 64 KiB chunks in and out under semaphores must move bulk data at least 1.5 times as fast as a pipe. What the claim leaves unsaid is how the processes wait. Spinning keeps two CPUs busy for the whole wait, the opposite of efficient; waiting on a semaphore per direction costs a system call and a wake-up per message, as a pipe does, so the kit expects both the round trip and its CPU time in the pipe’s tier. If all of this holds, shared memory is fastest only for spinning or for bulk data, and the claim is imprecise; if any of it fails, the kit calls the claim inaccurate: either shared memory does not lead even in those cases, or its exchanges synchronised by semaphores leave the pipe’s tier, and with a system call and a wake-up per message of their own they cannot leave it by being faster. Nor is it free of copies: the ring copies into and out of the segment, and what it saves is the passage through the kernel for every chunk.',
          zh: '本工具集把共享内存与管道比较：管道是每条消息都经内核中转的那些机制的参照（其他档位属性把 FIFO、消息队列、UNIX 套接字、信号和信号量都与同一个管道比较），每个关系由 11 次成对重复判定，其中须有 9 次一致。该说法要求共享内存在它可能领先之处确实领先：两个进程各占一个 CPU、在共享段中的标志上自旋，一次往返须不到管道的四分之一；以信号量同步、每次拷入拷出 64 KiB 的环形缓冲区，传输大块数据须至少达到管道的 1.5 倍。该说法没有交代进程如何等待。自旋会让两个 CPU 在整个等待期间保持忙碌，与高效恰恰相反；每个方向用一个信号量等待，则每条消息都要一次系统调用加一次唤醒，与管道相同，所以本工具集预期其往返延迟和 CPU 时间都与管道同属一档。若这些都成立，共享内存只在自旋或传输大块数据时最快，该说法不够精确；若其中任何一项不成立，本工具集判定该说法不准确：要么共享内存连这两种情况下都不领先，要么以信号量同步的交换离开了管道这一档，而它们每条消息本身就要一次系统调用加一次唤醒，不可能是因为更快而离开。它也并非不用拷贝：环形缓冲区要把数据拷入、拷出共享段，省下的是每个数据块穿过内核的那一趟。',
        },
        correction: {
          en: 'Shared memory beats the kernel-mediated mechanisms only where it keeps the kernel out of the exchange: when both sides busy-poll on separate CPUs, at the price of two busy CPUs, or when bulk data moves through it in large chunks. Once it waits on semaphores, as most programs must, a round trip costs time and CPU in the pipe’s tier; how fast it is depends on the synchronisation built on top.',
          zh: '共享内存只在把内核排除在交换之外时才胜过经内核中转的机制：双方在不同 CPU 上忙等轮询（代价是两个 CPU 一直忙碌），或者以大数据块传输大量数据。一旦用信号量等待（多数程序不得不如此），每次往返的时间与 CPU 开销就与管道同属一档；它有多快，取决于在其上搭建的同步方式。',
        },
      },
    },
    {
      id: 'shared-memory.processes-use-the-same-physical-memory',
      section: SECTION,
      claim: {
        en: 'Shared memory lets several processes work directly on one and the same region of physical memory.',
        zh: '借助共享内存，多个进程读写的是同一片物理内存。',
      },
      status: 'decided',
      decision: {
        evidence: [
          { property: 'sysv-shm.direction.two-attachments-are-one-memory-not-copies', supportsClaimWhen: 'passed' },
          { property: 'sysv-shm.direction.writes-are-visible-to-the-other-process-both-ways', supportsClaimWhen: 'passed' },
          { property: 'sysv-shm.kin.forked-child-inherits-the-attachment', supportsClaimWhen: 'passed' },
        ],
        whenSupported: 'accurate',
        whenContradicted: 'inaccurate',
        reasoning: {
          en: 'Two attachments are the same memory (a byte stored through one is read through the other at once), stores by one process are seen by another in both directions, and a forked child’s attachment reaches the parent: one region, many processes.',
          zh: '两个附加点是同一块内存（经一处写入的字节立即可从另一处读出），一个进程的写入在两个方向上都能被另一个进程看到，fork 出的子进程继承的附加也能影响父进程：同一块区域，多个进程共用。',
        },
        correction: {
          en: 'Every attachment of a segment maps the same pages, so all attached processes see each other’s stores directly.',
          zh: '同一段的每个附加都映射相同的物理页，所有附加了它的进程都能直接看到彼此的写入。',
        },
      },
    },
    {
      id: 'shared-memory.data-is-not-copied',
      section: SECTION,
      claim: {
        en: 'Shared memory needs no copying of data between processes.',
        zh: '通过共享内存交换数据时，进程之间不发生数据拷贝。',
      },
      status: 'decided',
      decision: {
        evidence: [
          { property: 'sysv-shm.direction.writes-are-visible-to-the-other-process-both-ways', supportsClaimWhen: 'passed' },
          { property: 'posix-shm.direction.map-shared-writes-are-visible-both-ways', supportsClaimWhen: 'passed' },
        ],
        whenSupported: 'accurate',
        whenContradicted: 'inaccurate',
        reasoning: {
          en: 'In both the System V and POSIX forms the peer sees a store with no system call carrying the data, so the kernel makes no copy, unlike pipes, queues and sockets, which copy into and out of the kernel.',
          zh: '无论 System V 还是 POSIX 形式，对方都能在没有任何系统调用传送数据的情况下看到写入，因此内核不做复制；而管道、队列和套接字都要把数据复制进出内核。',
        },
        correction: {
          en: 'Data stored in a shared mapping is visible to the other processes without any copy by the kernel.',
          zh: '写入共享映射的数据无需内核复制即可被其他进程看到。',
        },
      },
    },
    {
      id: 'shared-memory.needs-separate-synchronisation',
      section: SECTION,
      claim: {
        en: 'Shared memory has to be combined with a separate synchronisation mechanism, such as a semaphore.',
        zh: '仅靠共享内存不够，还得另配同步手段，比如信号量。',
      },
      status: 'decided',
      decision: {
        evidence: [{ property: 'sysv-shm.atomicity.unsynchronised-increments-lose-updates', supportsClaimWhen: 'passed' }],
        whenSupported: 'accurate',
        whenContradicted: 'inaccurate',
        reasoning: {
          en: 'Two processes incrementing a shared counter with plain loads and stores lose updates: the memory itself orders nothing, so some synchronisation (a semaphore, a process-shared mutex, atomic instructions) is needed.',
          zh: '两个进程用普通的读写对共享计数器自增会丢失更新：内存本身不提供任何顺序保证，因此需要某种同步（信号量、进程间共享的互斥锁或原子指令）。',
        },
        correction: {
          en: 'Shared memory provides no synchronisation; concurrent updates need semaphores, process-shared mutexes or atomic operations.',
          zh: '共享内存不提供同步；并发更新需要信号量、进程间共享的互斥锁或原子操作。',
        },
      },
    },
    {
      id: 'shared-memory.can-hold-complex-data-structures',
      section: SECTION,
      claim: {
        en: 'Complex data structures can be shared through shared memory.',
        zh: '复杂的数据结构也能放进共享内存供多个进程使用。',
      },
      status: 'decided',
      decision: {
        evidence: [{ property: 'sysv-shm.direction.two-attachments-are-one-memory-not-copies', supportsClaimWhen: 'passed' }],
        whenSupported: 'imprecise',
        whenContradicted: 'inaccurate',
        reasoning: {
          en: 'The property attaches one segment at two different addresses and finds the same memory behind both. That is the unstated condition: a segment can sit at a different address in each process (or each attachment), so a structure holding raw pointers into the segment is only valid for the attachment that wrote it. Structures must use offsets, or every process must attach at the same fixed address. If the attachments were not one memory, nothing could be shared at all.',
          zh: '该属性把同一段附加到两个不同地址，发现其后是同一块内存。这正是未说明的条件：同一段在每个进程（或每次附加）中的地址可能不同，因此内部保存指向该段的裸指针的结构，只对写入它的那次附加有效。结构必须使用偏移量，或让所有进程附加到同一固定地址。若两次附加不是同一块内存，那就什么也共享不了。',
        },
        correction: {
          en: 'Shared memory can hold any data laid out without absolute pointers (use offsets from the segment start), because each attachment may be at a different address.',
          zh: '共享内存可以存放任何不含绝对指针的数据（改用相对段起始的偏移量），因为每次附加的地址可能不同。',
        },
      },
    },
    {
      id: 'shared-memory.layout-is-the-programs-job',
      section: SECTION,
      claim: {
        en: 'Programs using shared memory have to organise the data’s structure and layout themselves.',
        zh: '数据怎样组织、如何排布，要由使用共享内存的程序自己安排。',
      },
      status: 'untestable',
      reason: {
        en: 'It describes the programmer’s work, not a kernel behaviour: the kernel hands out untyped bytes, and whether that is a burden is a matter of judgement.',
        zh: '这描述的是程序员的工作，而非内核行为：内核只提供无类型的字节，是否构成负担属于主观判断。',
      },
    },
    {
      id: 'shared-memory.disappears-at-reboot',
      section: SECTION,
      claim: {
        en: 'Shared memory segments are gone after the system restarts (and, by implication, stay until then).',
        zh: '系统重启后共享内存就不复存在（言下之意是在此之前一直存在）。',
      },
      status: 'decided',
      decision: {
        evidence: [
          { property: 'sysv-shm.persistence.segment-outlives-its-creator', supportsClaimWhen: 'passed' },
          { property: 'sysv-shm.lifecycle.removed-segment-is-destroyed-at-the-last-detach', supportsClaimWhen: 'passed' },
          { property: 'isolation.sysv-shm.freed-when-its-namespace-dies', supportsClaimWhen: 'passed' },
          { property: 'posix-shm.persistence.object-outlives-its-creator', supportsClaimWhen: 'passed' },
          { property: 'posix-shm.lifecycle.open-after-shm-unlink-gives-enoent', supportsClaimWhen: 'passed' },
          { property: 'posix-shm.lifecycle.mapping-survives-shm-unlink', supportsClaimWhen: 'passed' },
        ],
        whenSupported: 'imprecise',
        whenContradicted: 'inaccurate',
        reasoning: {
          en: 'A POSIX object likewise outlives its creator with its data; shm_unlink removes its name at once, and its memory goes with the last mapping or descriptor. A segment does outlive its creator with its data, so a reboot clears it. But it ends earlier in two ways the claim omits: after IPC_RMID it is destroyed at its last detach, and when its IPC namespace dies (a container torn down) the kernel destroys it and frees its memory even though nobody removed it. With kernel.shm_rmid_forced set, a segment is even destroyed once it has no attachments and its creator is gone; the persistence property would then fail and the implied persistence be wrong.',
          zh: 'POSIX 对象同样会连同数据比创建者活得久；shm_unlink 会立即删除其名字，其内存随最后一个映射或描述符消失。段确实会连同数据比创建者活得久，所以重启会清除它。但它还会以该说法遗漏的两种方式更早结束：执行 IPC_RMID 后会在最后一次分离时销毁；其 IPC 命名空间消亡时（容器被销毁），即使无人删除，内核也会销毁它并释放内存。若设置了 kernel.shm_rmid_forced，段在无人附加且创建者已退出时就会被销毁；此时持久性属性会失败，该说法隐含的持久性也就是错的。',
        },
        correction: {
          en: 'A System V segment persists until IPC_RMID has been called and the last process has detached, or until its IPC namespace is destroyed (shutdown, or a container’s last process exiting); kernel.shm_rmid_forced=1 removes orphaned segments automatically. A POSIX object persists until shm_unlink and the end of its last mapping or descriptor.',
          zh: 'System V 共享内存段会一直存在，直到调用了 IPC_RMID 且最后一个进程分离，或其 IPC 命名空间被销毁（关机，或容器中最后一个进程退出）；kernel.shm_rmid_forced=1 会自动删除无主的段。POSIX 对象会一直存在，直到 shm_unlink 且其最后一个映射或描述符结束。',
        },
      },
    },
    {
      id: 'shared-memory.example-child-may-remove-while-parent-is-attached',
      section: SECTION,
      claim: {
        en: 'In the example the child marks the segment for removal while the parent may still be using it, and the parent can go on using its attachment until it detaches.',
        zh: '示例中子进程在父进程可能仍在使用时就把段标记为删除，而父进程在分离之前可以继续使用自己的附加。',
      },
      status: 'decided',
      decision: {
        evidence: [
          { property: 'sysv-shm.lifecycle.rmid-while-attached-sets-shm-dest', supportsClaimWhen: 'passed' },
          { property: 'sysv-shm.lifecycle.removed-segment-stays-usable-until-the-last-detach', supportsClaimWhen: 'passed' },
        ],
        whenSupported: 'accurate',
        whenContradicted: 'inaccurate',
        reasoning: {
          en: 'The example is only correct because IPC_RMID on an attached segment merely marks it (SHM_DEST) and a process still attached keeps reading and writing it until the last detach.',
          zh: '示例之所以正确，只是因为对仍被附加的段执行 IPC_RMID 只会将其标记为销毁（SHM_DEST），仍附加着的进程在最后一次分离前可以继续读写。',
        },
        correction: {
          en: 'IPC_RMID on an attached segment only marks it for destruction; it is destroyed at the last detach, and attached processes keep using it until then.',
          zh: '对仍被附加的段执行 IPC_RMID 只会将其标记为待销毁；它在最后一次分离时才被销毁，在此之前已附加的进程可以继续使用。',
        },
      },
    },
    {
      id: 'shared-memory.example-child-reads-the-parents-message',
      section: SECTION,
      claim: {
        en: 'The example’s child prints the string the parent wrote into the segment.',
        zh: '示例中的子进程会打印出父进程写入段中的字符串。',
      },
      status: 'untestable',
      reason: {
        en: 'It depends on scheduling: nothing makes the child’s read wait for the parent’s strcpy (the parent’s sleep comes after its write), so the child may print an empty string. One run cannot decide a race; the tutorial’s own advice to add a semaphore is the fix.',
        zh: '这取决于调度：没有任何机制让子进程的读取等待父进程的 strcpy（父进程的 sleep 在写入之后），子进程可能打印出空串。单次运行无法判定竞态；按教程自己的建议加一个信号量即可修正。',
      },
    },
    {
      id: 'shared-memory.ipcrm-deletes-a-segment',
      section: SECTION,
      claim: {
        en: 'ipcs -m lists the shared memory segments and ipcrm -m deletes the segment with a given id.',
        zh: 'ipcs -m 列出共享内存段，ipcrm -m 删除指定 id 的段。',
      },
      status: 'decided',
      decision: {
        evidence: [
          { property: 'sysv-shm.lifecycle.rmid-while-attached-sets-shm-dest', supportsClaimWhen: 'failed' },
          { property: 'sysv-shm.lifecycle.removed-segment-stays-usable-until-the-last-detach', supportsClaimWhen: 'failed' },
        ],
        whenSupported: 'accurate',
        whenContradicted: 'imprecise',
        reasoning: {
          en: 'ipcrm -m issues shmctl(IPC_RMID). Deletion is immediate only for an unattached segment: if an attached segment is merely marked SHM_DEST and stays readable and writable for the processes still attached, “delete” means “destroy after the last detach”. (On Linux the marked segment also loses its key, so ipcs shows it with key 0 until then.)',
          zh: 'ipcrm -m 调用 shmctl(IPC_RMID)。只有未被附加的段才会立即删除：若已附加的段只被标记为 SHM_DEST，且对仍附加的进程保持可读可写，那么“删除”的实际含义是“最后一次分离后销毁”。（在 Linux 上被标记的段还会失去其键，在此之前 ipcs 显示其键为 0。）',
        },
        correction: {
          en: 'ipcrm -m (IPC_RMID) destroys an unattached segment at once; an attached one is only marked (SHM_DEST, key set to IPC_PRIVATE) and destroyed when the last process detaches.',
          zh: 'ipcrm -m（IPC_RMID）会立即销毁未被附加的段；已附加的段只会被标记（SHM_DEST，键变为 IPC_PRIVATE），在最后一个进程分离时才被销毁。',
        },
      },
    },
  ],
});
