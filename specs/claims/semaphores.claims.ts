// Claims of the tutorial's semaphore chapter (System V semaphore sets: semget, semop, semctl; its
// general statements are decided by the POSIX semaphores' properties too).
import { defineClaims } from './claimSchema.js';

const SECTION = '5. 信号量(Semaphores)';

export default defineClaims({
  tutorial: 'ipc-tutorial.zh.md',
  claims: [
    {
      id: 'semaphores.for-synchronisation-rather-than-data',
      section: SECTION,
      claim: {
        en: 'Semaphores exist mainly to synchronise processes and control access to shared resources, not to carry data.',
        zh: '信号量的用途是协调进程、管控共享资源的访问，传递数据不是它的职责。',
      },
      status: 'untestable',
      reason: {
        en: 'It states a purpose. A semaphore’s value is readable by any process with access, so it could carry small numbers; whether it is “mainly” used for one thing or another is not something a probe observes.',
        zh: '这说的是用途。有权限的进程都能读取信号量的值，因此它也能传递很小的数字；它“主要”用于什么，不是探针能观测的。',
      },
    },
    {
      id: 'semaphores.prevent-race-conditions',
      section: SECTION,
      claim: {
        en: 'Semaphores can be used to prevent race conditions.',
        zh: '使用信号量能让进程避开竞态条件。',
      },
      status: 'decided',
      decision: {
        evidence: [
          { property: 'sysv-sem.blocking.p-at-zero-blocks-until-a-v', supportsClaimWhen: 'passed' },
          { property: 'sysv-sem.blocking.nowait-p-at-zero-gives-eagain', supportsClaimWhen: 'passed' },
          { property: 'sysv-sem.atomicity.a-waiting-multi-operation-takes-nothing-meanwhile', supportsClaimWhen: 'passed' },
          { property: 'posix-sem.blocking.wait-on-zero-blocks-until-a-post', supportsClaimWhen: 'passed' },
          { property: 'posix-sem.blocking.trywait-on-zero-gives-eagain', supportsClaimWhen: 'passed' },
        ],
        whenSupported: 'accurate',
        whenContradicted: 'inaccurate',
        reasoning: {
          en: 'A P on a semaphore at 0 waits for a V (or fails with IPC_NOWAIT), and a waiting operation takes nothing meanwhile, so a semaphore at 1 admits one process at a time into a critical section. POSIX semaphores do the same: sem_wait at 0 waits for a sem_post and sem_trywait fails with EAGAIN. The protection is cooperative: it binds only processes that do P and V around their access.',
          zh: '对值为 0 的信号量执行 P 会等待 V（或在 IPC_NOWAIT 下失败），等待中的操作不会先占用任何东西，因此初值为 1 的信号量一次只放行一个进程进入临界区。POSIX 信号量同样如此：值为 0 时 sem_wait 等待 sem_post，sem_trywait 以 EAGAIN 失败。这种保护是协作式的：只约束那些在访问前后执行 P、V 的进程。',
        },
        correction: {
          en: 'A semaphore excludes concurrent access among processes that all use it (P before, V after); it does not stop a process that ignores it.',
          zh: '信号量只能在所有进程都使用它（访问前 P、访问后 V）的前提下排除并发访问；它无法阻止无视它的进程。',
        },
      },
    },
    {
      id: 'semaphores.support-complex-synchronisation',
      section: SECTION,
      claim: {
        en: 'Semaphores support elaborate synchronisation operations.',
        zh: '信号量能表达比简单加锁更复杂的同步逻辑。',
      },
      status: 'decided',
      decision: {
        evidence: [
          { property: 'sysv-sem.atomicity.operations-on-several-semaphores-apply-all-or-none', supportsClaimWhen: 'passed' },
          { property: 'sysv-sem.atomicity.a-waiting-multi-operation-takes-nothing-meanwhile', supportsClaimWhen: 'passed' },
          { property: 'sysv-sem.blocking.wait-for-zero-blocks-until-the-value-reaches-zero', supportsClaimWhen: 'passed' },
        ],
        whenSupported: 'accurate',
        whenContradicted: 'inaccurate',
        reasoning: {
          en: 'One semop can change several semaphores all-or-nothing, waits without taking anything until all can proceed, and can wait for a value to reach zero; these are the operations beyond plain P and V.',
          zh: '一次 semop 能以全有或全无的方式修改多个信号量，在全部可以进行之前等待而不先占用任何一个，还能等待某个值归零；这些都是超出简单 P、V 的操作。',
        },
        correction: {
          en: 'semop(2) applies an array of operations (increments, decrements, wait-for-zero) on a set atomically, with IPC_NOWAIT and SEM_UNDO per operation.',
          zh: 'semop(2) 以原子方式对一个集合执行一组操作（增、减、等待归零），每个操作可带 IPC_NOWAIT 与 SEM_UNDO。',
        },
      },
    },
    {
      id: 'semaphores.disappear-at-reboot',
      section: SECTION,
      claim: {
        en: 'Semaphores are gone after the system restarts (and, by implication, stay until then).',
        zh: '系统重启后信号量就不复存在（言下之意是在此之前一直存在）。',
      },
      status: 'decided',
      decision: {
        evidence: [
          { property: 'sysv-sem.persistence.set-and-its-values-outlive-their-creator', supportsClaimWhen: 'passed' },
          { property: 'sysv-sem.lifecycle.rmid-wakes-a-blocked-waiter-with-eidrm', supportsClaimWhen: 'passed' },
          { property: 'isolation.sysv-shm.freed-when-its-namespace-dies', supportsClaimWhen: 'passed' },
          { property: 'posix-sem.persistence.named-semaphore-outlives-its-creator', supportsClaimWhen: 'passed' },
          { property: 'posix-sem.lifecycle.open-after-unlink-gives-enoent', supportsClaimWhen: 'passed' },
        ],
        whenSupported: 'imprecise',
        whenContradicted: 'inaccurate',
        reasoning: {
          en: 'A POSIX named semaphore likewise outlives its creator until sem_unlink removes its name at once (it lives in /dev/shm, which a mount namespace of its own replaces). A set and its values do outlive their creator, so a reboot clears them. But IPC_RMID (ipcrm -s) removes a set at once, waking its waiters with EIDRM, and System V objects die with their IPC namespace (shown by the isolation property for a segment; the kernel frees all of a dying namespace’s objects), so a container’s teardown is its semaphores’ reboot. Also, values changed with SEM_UNDO go back when the changing process exits. If the set did not outlive its creator, the implied persistence would be wrong.',
          zh: 'POSIX 命名信号量同样比创建者活得久，直到 sem_unlink 立即删除其名字（它位于 /dev/shm，拥有自己挂载命名空间的容器会换掉它）。信号量集及其值确实比创建者活得久，所以重启会清除它们。但 IPC_RMID（ipcrm -s）会立即删除集合并以 EIDRM 唤醒等待者；System V 对象也会随其 IPC 命名空间消亡（隔离属性以共享内存段展示了这一点，内核会释放消亡命名空间中的全部对象），因此容器被销毁就相当于其信号量的重启。此外，带 SEM_UNDO 的修改会在修改进程退出时被撤销。若集合不能比创建者活得久，该说法隐含的持久性就是错的。',
        },
        correction: {
          en: 'A System V semaphore set persists until IPC_RMID (ipcrm -s) or until its IPC namespace is destroyed (shutdown, or a container’s last process exiting); adjustments made with SEM_UNDO are reverted when the process exits. A POSIX named semaphore persists until sem_unlink (or until its /dev/shm goes away).',
          zh: 'System V 信号量集会一直存在，直到执行 IPC_RMID（ipcrm -s）或其 IPC 命名空间被销毁（关机，或容器中最后一个进程退出）；带 SEM_UNDO 的调整会在进程退出时撤销。POSIX 命名信号量会一直存在，直到 sem_unlink（或其 /dev/shm 消失）。',
        },
      },
    },
    {
      id: 'semaphores.grouped-in-sets',
      section: SECTION,
      claim: {
        en: 'Several semaphores can be grouped into one semaphore set.',
        zh: '一个信号量集里可以包含多个信号量。',
      },
      status: 'decided',
      decision: {
        evidence: [
          { property: 'sysv-sem.limits.a-set-of-semmsl-semaphores-can-be-made', supportsClaimWhen: 'passed' },
          { property: 'sysv-sem.limits.nsems-above-semmsl-gives-einval', supportsClaimWhen: 'passed' },
          { property: 'sysv-sem.atomicity.operations-on-several-semaphores-apply-all-or-none', supportsClaimWhen: 'passed' },
        ],
        whenSupported: 'accurate',
        whenContradicted: 'inaccurate',
        reasoning: {
          en: 'semget makes a set of up to SEMMSL semaphores (more fails with EINVAL), and semop works on several members of a set at once.',
          zh: 'semget 可以创建最多 SEMMSL 个信号量的集合（超过则 EINVAL），semop 可以同时操作集合中的多个成员。',
        },
        correction: {
          en: 'A System V semaphore set holds 1 to SEMMSL semaphores (first field of kernel.sem).',
          zh: 'System V 信号量集包含 1 到 SEMMSL 个信号量（kernel.sem 的第一个字段）。',
        },
      },
    },
    {
      id: 'semaphores.example-binary-semaphore-acts-as-a-mutex',
      section: SECTION,
      claim: {
        en: 'In the example a semaphore set to 1 works as a mutex: the second process to do P waits until the first does V.',
        zh: '示例中初值为 1 的信号量起互斥锁的作用：第二个执行 P 的进程会等到第一个执行 V。',
      },
      status: 'decided',
      decision: {
        evidence: [{ property: 'sysv-sem.blocking.p-at-zero-blocks-until-a-v', supportsClaimWhen: 'passed' }],
        whenSupported: 'accurate',
        whenContradicted: 'inaccurate',
        reasoning: {
          en: 'After the first P takes the value from 1 to 0, a second P waits until a V raises it again, so only one process is in the critical section at a time. The example sets the value with SETVAL after semget; on Linux a new set starts at 0 (sysv-sem.lifecycle.a-new-set-starts-at-zero-on-linux), so a process doing P before SETVAL would simply wait.',
          zh: '第一次 P 把值从 1 降到 0 后，第二次 P 会一直等到 V 再次把它加回来，因此同一时刻只有一个进程在临界区内。示例在 semget 之后用 SETVAL 设置初值；在 Linux 上新集合初值为 0（sysv-sem.lifecycle.a-new-set-starts-at-zero-on-linux），所以在 SETVAL 之前执行 P 的进程只会等待。',
        },
        correction: {
          en: 'A semaphore initialised to 1 and used with P/V by every party gives mutual exclusion; P at 0 blocks until V.',
          zh: '初值为 1、且所有参与者都用 P/V 操作的信号量可实现互斥；值为 0 时 P 会阻塞直到 V。',
        },
      },
    },
    {
      id: 'semaphores.ipcrm-deletes-a-semaphore-set',
      section: SECTION,
      claim: {
        en: 'ipcs -s lists the semaphores and ipcrm -s deletes the set with a given id.',
        zh: 'ipcs -s 列出信号量，ipcrm -s 删除指定 id 的信号量集。',
      },
      status: 'decided',
      decision: {
        evidence: [{ property: 'sysv-sem.lifecycle.rmid-wakes-a-blocked-waiter-with-eidrm', supportsClaimWhen: 'passed' }],
        whenSupported: 'accurate',
        whenContradicted: 'inaccurate',
        reasoning: {
          en: 'ipcrm -s issues semctl(IPC_RMID), which removes the set at once; a process blocked in semop on it wakes with EIDRM. The utilities themselves are not probed.',
          zh: 'ipcrm -s 调用 semctl(IPC_RMID)，会立即删除集合；阻塞在其上的 semop 会以 EIDRM 被唤醒。工具本身未被探测。',
        },
        correction: {
          en: 'ipcrm -s ID (semctl IPC_RMID) removes the set immediately and wakes its waiters with EIDRM; ipcs -s lists the sets of the current IPC namespace.',
          zh: 'ipcrm -s ID（semctl IPC_RMID）会立即删除集合并以 EIDRM 唤醒等待者；ipcs -s 列出当前 IPC 命名空间中的集合。',
        },
      },
    },
  ],
});
