// Exercise 06: worker processes increment one counter in System V shared memory, and a System V
// semaphore must make each increment exclusive. Lost updates are a race: 20 runs on busy CPUs.
// No fork jitter here: holding one side back after fork would spread the workers out in time,
// and workers that never overlap cannot lose updates, which would hide the mistake.
import { childrenAreWaitedFor } from '../commonChecks.js';
import { defineExercise } from '../exerciseSchema.js';

export default defineExercise({
  id: '06-semaphores',
  title: {
    en: 'Count together in shared memory, guarded by a System V semaphore',
    zh: '在共享内存中共同计数，并用 System V 信号量保护',
  },
  mechanism: 'sysv-sem',
  run: {
    args: ['4', '20000', '{output}'],
    // Each run makes 80 000 semaphore-guarded increments; on two busy CPUs a correct program
    // needs up to about two seconds, so the limit leaves ample room.
    timeoutMs: 10000,
    runs: 20,
    underLoad: true,
  },
  checks: [
    {
      id: 'sysv-sem.no-increment-is-lost',
      kind: 'atomicity',
      claim: {
        en: 'With 4 workers adding 1 each 20 000 times, the final counter is exactly 80 000: no two increments overlap.',
        zh: '4 个工作进程各加 1 共 20 000 次，计数器最终恰好为 80 000：任何两次加一都不会交叠。',
      },
      observe: 'data.result-number',
      expect: { equals: 80000 },
      man: ['semop(2)', 'semctl(2)', 'sysvipc(7)'],
      hint: {
        en: 'counter++ is a read, an add and a store, and another worker may store between your read and your store: all three must happen while the worker holds the semaphore. Holding it means a P operation that really waited its turn: check the value the semaphore starts with, your semop flags and what semop returns.',
        zh: 'counter++ 包含读取、加一、写回三步，其他工作进程可能在你读取与写回之间写入：这三步都必须在持有信号量期间完成。持有信号量意味着 P 操作真正等到了轮到自己：检查信号量的初始值、semop 的标志以及 semop 的返回值。',
      },
    },
    {
      id: 'sysv-sem.objects-are-removed-before-exit',
      kind: 'persistence',
      claim: {
        en: 'No semaphore set and no shared memory segment is left once the program has ended: both are removed with IPC_RMID.',
        zh: '程序结束后不留下任何信号量集和共享内存段：两者都已通过 IPC_RMID 删除。',
      },
      observe: 'ipc.sysv-objects-left',
      expect: { equals: 0 },
      man: ['semctl(2)', 'shmctl(2)', 'ipcs(1)'],
      hint: {
        en: 'Every System V object you create, the semaphore set included, stays in the kernel (see ipcs -s, ipcs -m) until it is removed.',
        zh: '你创建的每个 System V 对象（包括信号量集）都会一直留在内核中（可用 ipcs -s、ipcs -m 查看），直到被删除。',
      },
    },
    {
      id: 'sysv-sem.objects-are-private-to-their-owner',
      kind: 'permissions',
      claim: {
        en: 'The segment and the semaphore set are created with mode 0600: no other user can change the counter or take the semaphore.',
        zh: '共享内存段和信号量集都以 0600 权限创建：其他用户既不能修改计数器，也不能占用信号量。',
      },
      observe: 'ipc.objects-open-to-others',
      expect: { equals: 0 },
      man: ['semget(2)', 'shmget(2)', 'sysvipc(7)'],
      hint: {
        en: 'The low nine bits of the flags are the object’s permissions, and the umask does not apply to System V objects. A semaphore others may decrement is a lock others may hold.',
        zh: '标志的低九位就是对象的权限位，而且 umask 对 System V 对象不起作用。别人能减一的信号量，就是别人能占住的锁。',
      },
    },
    childrenAreWaitedFor({
      en: 'A child that has ended stays a zombie until its parent collects its status with wait or waitpid; there is one status per child.',
      zh: '已结束的子进程会一直是僵尸进程，直到父进程用 wait 或 waitpid 收取它的退出状态；每个子进程都有一个退出状态要收取。',
    }),
  ],
  starterFails: [
    'sysv-sem.no-increment-is-lost',
    'sysv-sem.objects-are-removed-before-exit',
    'sysv-sem.objects-are-private-to-their-owner',
  ],
});
