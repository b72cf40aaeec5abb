// Exercise 05: a file copied from child to parent through a System V shared memory segment. The
// point is synchronisation: the reader must know the writer has finished. Sleeping "long enough"
// is a race, shown with sleeps that return at once, jitter after fork and busy CPUs over 20 runs.
import { childrenAreWaitedFor } from '../commonChecks.js';
import { defineExercise } from '../exerciseSchema.js';

export default defineExercise({
  id: '05-shared-memory',
  title: {
    en: 'Copy a file through a System V shared memory segment',
    zh: '通过 System V 共享内存段复制文件',
  },
  mechanism: 'sysv-shm',
  run: {
    args: ['{input}', '{output}'],
    // A few megabytes: filling the segment takes a child milliseconds (a page fault per page and
    // the copy), longer than the fork jitter, so a reader that does not wait reads too early.
    inputBytes: 4_000_000,
    timeoutMs: 5000,
    runs: 20,
    underLoad: true,
    // Up to 20 ms after fork for one side. A child that fills the segment runs ahead of a parent
    // that copies it out (the copy into a file is the slower), so a reader that does not wait is
    // caught when it starts well ahead: measured in the sandbox with 2 ms, whole series of 20 runs
    // went by without one; with 20 ms the child waits long enough in about a third of the runs.
    perturb: { shortenSleeps: true, forkJitterMs: 20 },
  },
  checks: [
    {
      id: 'sysv-shm.reader-waits-until-the-writer-has-finished',
      kind: 'ordering',
      claim: {
        en: 'The parent reads the segment only after the child has finished writing it, so the output holds exactly the input.',
        zh: '父进程只在子进程写完共享内存段之后才读取它，因此输出与输入完全相同。',
      },
      observe: 'data.delivered-intact',
      expect: { equals: true },
      man: ['shmat(2)', 'waitpid(2)', 'semop(2)'],
      hint: {
        en: 'Shared memory has no notion of "ready": nothing tells the reader that the writer is done unless you add it. A sleep promises nothing about what another process has done by then; wait for an event that does.',
        zh: '共享内存本身没有"数据已就绪"的概念：除非你自己加上，否则没有任何东西告诉读者写者已经完成。sleep 无法保证另一进程届时做完了什么；请等待一个能说明这一点的事件。',
      },
    },
    {
      id: 'sysv-shm.segment-is-private-to-its-owner',
      kind: 'permissions',
      claim: {
        en: 'The segment is created with mode 0600: no other user can read or change the data.',
        zh: '共享内存段以 0600 权限创建：其他用户既不能读取也不能修改其中的数据。',
      },
      observe: 'ipc.objects-open-to-others',
      expect: { equals: 0 },
      man: ['shmget(2)', 'sysvipc(7)'],
      hint: {
        en: 'The low nine bits of shmflg are the segment’s permissions, and the umask does not apply to System V objects.',
        zh: 'shmflg 的低九位就是共享内存段的权限位，而且 umask 对 System V 对象不起作用。',
      },
    },
    {
      id: 'sysv-shm.segment-is-removed-before-exit',
      kind: 'persistence',
      claim: {
        en: 'No shared memory segment is left once the program has ended: it is removed with IPC_RMID.',
        zh: '程序结束后不留下任何共享内存段：它已通过 IPC_RMID 删除。',
      },
      observe: 'ipc.sysv-objects-left',
      expect: { equals: 0 },
      man: ['shmctl(2)', 'shmdt(2)', 'ipcs(1)'],
      hint: {
        en: 'Detaching is not removing: a segment nobody is attached to still exists (see ipcs -m) until IPC_RMID. Marked for removal, it goes away when the last process detaches.',
        zh: '分离不等于删除：没有任何进程附加的段依然存在（可用 ipcs -m 查看），直到执行 IPC_RMID。被标记删除后，它会在最后一个进程分离时消失。',
      },
    },
    childrenAreWaitedFor({
      en: 'A child that has ended stays a zombie until its parent collects its status with wait or waitpid.',
      zh: '已结束的子进程会一直是僵尸进程，直到父进程用 wait 或 waitpid 收取它的退出状态。',
    }),
  ],
  starterFails: [
    'sysv-shm.reader-waits-until-the-writer-has-finished',
    'sysv-shm.segment-is-private-to-its-owner',
    'sysv-shm.segment-is-removed-before-exit',
  ],
});
