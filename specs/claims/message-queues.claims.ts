// Claims of the tutorial's message queue chapter (System V queues: msgget, msgsnd, msgrcv).
import { defineClaims } from './claimSchema.js';

const SECTION = '3. 消息队列(Message Queues)';

export default defineClaims({
  tutorial: 'ipc-tutorial.zh.md',
  claims: [
    {
      id: 'message-queues.messages-carry-a-type',
      section: SECTION,
      claim: {
        en: 'A message queue moves data as structured messages, each labelled with a type.',
        zh: '消息队列中传递的是一条条带类型编号的结构化消息。',
      },
      status: 'decided',
      decision: {
        evidence: [
          { property: 'sysv-msg.boundaries.each-receive-returns-exactly-one-message', supportsClaimWhen: 'passed' },
          { property: 'sysv-msg.ordering.positive-type-receives-the-oldest-message-of-that-type', supportsClaimWhen: 'passed' },
        ],
        whenSupported: 'accurate',
        whenContradicted: 'inaccurate',
        reasoning: {
          en: 'Messages come back one per receive with their boundaries intact, and the type given at send time is what msgrcv selects on. The “structure” beyond the type is the application’s: the kernel sees a long type followed by opaque bytes.',
          zh: '每次接收返回一条完整的消息、边界保持不变，msgrcv 正是按发送时给定的类型来挑选。类型之外的“结构”由应用自行定义：内核看到的只是一个 long 型类型加一段不透明的字节。',
        },
        correction: {
          en: 'A System V message is a positive long type plus up to MSGMAX bytes of text; the queue keeps message boundaries.',
          zh: 'System V 消息由一个正的 long 型类型和最多 MSGMAX 字节的正文组成；队列保留消息边界。',
        },
      },
    },
    {
      id: 'message-queues.many-to-many-communication',
      section: SECTION,
      claim: {
        en: 'Many senders and many receivers can share one message queue.',
        zh: '一个消息队列可以由多个发送者和多个接收者共同使用。',
      },
      status: 'decided',
      decision: {
        evidence: [{ property: 'sysv-msg.atomicity.many-writers-and-readers-lose-and-duplicate-nothing', supportsClaimWhen: 'passed' }],
        whenSupported: 'accurate',
        whenContradicted: 'inaccurate',
        reasoning: {
          en: 'With four writers and four readers on one queue, every message is received exactly once, so several parties on each side can use the queue safely. Each message still goes to one receiver only: it is shared work, not broadcast.',
          zh: '四个写者和四个读者共用一个队列时，每条消息恰好被接收一次，因此两端都可以有多个参与者安全地使用队列。但每条消息只会交给一个接收者：这是分担工作，而不是广播。',
        },
        correction: {
          en: 'Any number of processes can send to and receive from one queue; each message is taken by exactly one receiver.',
          zh: '任意数量的进程都可以向同一队列发送和从中接收；每条消息只会被一个接收者取走。',
        },
      },
    },
    {
      id: 'message-queues.receive-can-select-by-type',
      section: SECTION,
      claim: {
        en: 'A receiver can pick which messages it takes by their type.',
        zh: '接收方能够只取出指定类型的消息。',
      },
      status: 'decided',
      decision: {
        evidence: [
          { property: 'sysv-msg.ordering.type-zero-receives-the-oldest-message', supportsClaimWhen: 'passed' },
          { property: 'sysv-msg.ordering.positive-type-receives-the-oldest-message-of-that-type', supportsClaimWhen: 'passed' },
          { property: 'sysv-msg.ordering.negative-type-receives-the-lowest-type-up-to-its-magnitude', supportsClaimWhen: 'passed' },
          { property: 'sysv-msg.blocking.nowait-receive-of-an-absent-type-gives-enomsg', supportsClaimWhen: 'passed' },
        ],
        whenSupported: 'accurate',
        whenContradicted: 'inaccurate',
        reasoning: {
          en: 'msgrcv’s msgtyp does the selecting: 0 takes the oldest message, a positive type the oldest of that type (skipping older ones), a negative one the lowest type up to its magnitude, and a missing type is reported (ENOMSG with IPC_NOWAIT) even when the queue holds other messages.',
          zh: 'msgrcv 的 msgtyp 负责挑选：0 取最早的消息，正数取该类型中最早的一条（跳过更早的其他类型），负数取不超过其绝对值的最小类型；即使队列中有其他消息，所要类型不存在时也会报告出来（IPC_NOWAIT 下为 ENOMSG）。',
        },
        correction: {
          en: 'msgrcv(2) selects by msgtyp: 0 for the first message, >0 for the first of that type (or, with MSG_EXCEPT, of any other), <0 for the lowest type ≤ |msgtyp|.',
          zh: 'msgrcv(2) 按 msgtyp 选择：0 取第一条，>0 取该类型的第一条（配合 MSG_EXCEPT 则取其他类型），<0 取类型 ≤ |msgtyp| 中最小者。',
        },
      },
    },
    {
      id: 'message-queues.disappear-at-reboot',
      section: SECTION,
      claim: {
        en: 'Message queues are gone after the system restarts (and, by implication, stay until then).',
        zh: '消息队列只会在机器重新启动时被清除（在那之前始终存在）。',
      },
      status: 'decided',
      decision: {
        evidence: [
          { property: 'sysv-msg.persistence.queue-and-messages-outlive-their-creator', supportsClaimWhen: 'passed' },
          { property: 'sysv-msg.lifecycle.rmid-removes-the-queue-at-once', supportsClaimWhen: 'passed' },
          { property: 'isolation.sysv-shm.freed-when-its-namespace-dies', supportsClaimWhen: 'passed' },
        ],
        whenSupported: 'imprecise',
        whenContradicted: 'inaccurate',
        reasoning: {
          en: 'A queue and its messages do outlive their creator (kernel persistence), so a reboot clears them. But reboot is not the only end: IPC_RMID (ipcrm -q) removes a queue at once, and every System V object lives in an IPC namespace and is destroyed when that namespace dies, as the isolation property shows for a segment nobody removed. Tearing down a container is, for its queues, a “reboot”. If the queue did not outlive its creator, the persistence the claim implies would be wrong.',
          zh: '队列及其中的消息确实比创建者活得久（内核持久性），所以重启会清除它们。但重启并不是唯一的终点：IPC_RMID（ipcrm -q）会立即删除队列；而且每个 System V 对象都属于某个 IPC 命名空间，命名空间消亡时对象随之销毁——隔离属性对一个无人删除的共享内存段展示了这一点。对容器内的队列来说，销毁容器就相当于一次“重启”。若队列不能比创建者活得久，该说法隐含的持久性就是错的。',
        },
        correction: {
          en: 'A System V message queue persists, with its messages, until it is removed with IPC_RMID (ipcrm) or its IPC namespace is destroyed (system shutdown, or the last process of a container’s IPC namespace exiting); nothing is kept across a reboot.',
          zh: 'System V 消息队列连同其中的消息会一直存在，直到被 IPC_RMID（ipcrm）删除，或其所属 IPC 命名空间被销毁（系统关机，或容器 IPC 命名空间中最后一个进程退出）；重启后不会保留任何内容。',
        },
      },
    },
    {
      id: 'message-queues.message-size-and-queue-capacity-are-limited',
      section: SECTION,
      claim: {
        en: 'Both the size of a single message and the total a queue can hold are capped.',
        zh: '单条消息的大小和队列的总容量都有上限。',
      },
      status: 'decided',
      decision: {
        evidence: [
          { property: 'sysv-msg.limits.message-of-msgmax-bytes-is-accepted', supportsClaimWhen: 'passed' },
          { property: 'sysv-msg.limits.message-above-msgmax-gives-einval', supportsClaimWhen: 'passed' },
          { property: 'sysv-msg.capacity.queue-bytes-equal-kernel-msgmnb', supportsClaimWhen: 'passed' },
          { property: 'sysv-msg.capacity.full-queue-holds-exactly-msg-qbytes-of-text', supportsClaimWhen: 'passed' },
        ],
        whenSupported: 'accurate',
        whenContradicted: 'inaccurate',
        reasoning: {
          en: 'A message of MSGMAX bytes passes and one byte more fails with EINVAL; a queue takes exactly msg_qbytes bytes of text, starting at MSGMNB. Both are tunable sysctls (kernel.msgmax, kernel.msgmnb; 8192 and 16384 by default).',
          zh: '恰为 MSGMAX 字节的消息可以发送，多一个字节就以 EINVAL 失败；队列正好容纳 msg_qbytes 字节的正文，初值为 MSGMNB。两者都是可调的 sysctl（kernel.msgmax、kernel.msgmnb，默认 8192 与 16384）。',
        },
        correction: {
          en: 'A message may hold at most kernel.msgmax bytes of text and a queue at most msg_qbytes bytes (initially kernel.msgmnb); both are tunable.',
          zh: '单条消息正文最多 kernel.msgmax 字节，队列最多 msg_qbytes 字节（初值为 kernel.msgmnb）；两者均可调整。',
        },
      },
    },
    {
      id: 'message-queues.example-receive-waits-for-the-send',
      section: SECTION,
      claim: {
        en: 'In the example the child can call msgrcv before the parent has sent anything: the receive waits until a message of type 1 arrives.',
        zh: '示例中子进程可以在父进程发送之前就调用 msgrcv：接收会一直等到类型为 1 的消息到达。',
      },
      status: 'decided',
      decision: {
        evidence: [{ property: 'sysv-msg.blocking.receive-from-an-empty-queue-blocks-until-a-send', supportsClaimWhen: 'passed' }],
        whenSupported: 'accurate',
        whenContradicted: 'inaccurate',
        reasoning: {
          en: 'The example relies on msgrcv without IPC_NOWAIT blocking on an empty queue until a wanted message arrives.',
          zh: '示例依赖于：不带 IPC_NOWAIT 的 msgrcv 在空队列上阻塞，直到所需的消息到达。',
        },
        correction: {
          en: 'Without IPC_NOWAIT, msgrcv blocks until a message of the wanted type arrives, the queue is removed (EIDRM) or a signal interrupts it (EINTR).',
          zh: '不带 IPC_NOWAIT 时，msgrcv 会阻塞到所需类型的消息到达、队列被删除（EIDRM）或被信号打断（EINTR）。',
        },
      },
    },
    {
      id: 'message-queues.ftok-gives-a-unique-key',
      section: SECTION,
      claim: {
        en: 'ftok() produces a unique key for the IPC object (the same call is used in the shared memory and semaphore examples).',
        zh: 'ftok() 会为 IPC 对象生成唯一的键（共享内存和信号量示例中也用了同样的调用）。',
      },
      status: 'pending',
      reason: {
        en: 'It needs an ftok property the kit does not have. ftok(3) builds the key from the low bits of the file’s inode and device numbers and the project id, so different files can give the same key; it also fails with -1 when the file (here "progfile") does not exist, which the examples never check.',
        zh: '需要本工具集尚未具备的 ftok 属性。ftok(3) 用文件 inode 号、设备号的低位和项目 id 拼出键，不同文件可能得到相同的键；文件（此处为 "progfile"）不存在时它还会返回 -1，而示例从未检查。',
      },
    },
    {
      id: 'message-queues.ipcs-lists-and-ipcrm-removes-a-queue',
      section: SECTION,
      claim: {
        en: 'ipcs -q shows the system’s message queues and ipcrm -q deletes the queue with a given id.',
        zh: 'ipcs -q 可以列出系统中的消息队列，ipcrm -q 可以删除指定 id 的队列。',
      },
      status: 'decided',
      decision: {
        evidence: [
          { property: 'sysv-msg.lifecycle.rmid-removes-the-queue-at-once', supportsClaimWhen: 'passed' },
          { property: 'sysv-msg.lifecycle.rmid-wakes-a-blocked-receiver-with-eidrm', supportsClaimWhen: 'passed' },
        ],
        whenSupported: 'accurate',
        whenContradicted: 'inaccurate',
        reasoning: {
          en: 'ipcrm -q issues msgctl(IPC_RMID), which the properties show removes the queue immediately, unread messages included, and wakes blocked receivers with EIDRM. The utilities themselves (and ipcs’s listing, read from /proc/sysvipc/msg) are not probed; they only show the caller’s IPC namespace.',
          zh: 'ipcrm -q 调用 msgctl(IPC_RMID)，属性表明它会立即删除队列（包括未读消息），并以 EIDRM 唤醒阻塞的接收者。工具本身（以及 ipcs 读取 /proc/sysvipc/msg 得到的列表）未被探测；它们只显示调用者所在 IPC 命名空间的对象。',
        },
        correction: {
          en: 'ipcrm -q ID (msgctl IPC_RMID) destroys the queue and its messages at once, waking blocked senders and receivers with EIDRM; ipcs -q lists the queues of the current IPC namespace.',
          zh: 'ipcrm -q ID（msgctl IPC_RMID）会立即销毁队列及其消息，并以 EIDRM 唤醒阻塞的发送者和接收者；ipcs -q 列出当前 IPC 命名空间中的队列。',
        },
      },
    },
  ],
});
