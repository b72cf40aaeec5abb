// Exercise 11: workers count under a process-shared mutex and one dies holding it. With a plain
// mutex the others wait for an unlock that never comes and the run hits its time limit; a robust
// mutex hands the next locker EOWNERDEAD with the lock, and pthread_mutex_consistent repairs it.
import { childrenAreWaitedFor } from '../commonChecks.js';
import { defineExercise } from '../exerciseSchema.js';

/** Four workers add 1000 each; worker 0 is killed holding the lock after 500 (README). */
const FINISHED_ADDITIONS = 3 * 1000 + 500;

export default defineExercise({
  id: '11-robust-mutex',
  title: {
    en: 'Keep counting when a worker dies holding a process-shared mutex',
    zh: '工作进程持有进程共享互斥锁时死亡，其余进程仍能继续计数',
  },
  mechanism: 'pshared-sync',
  run: {
    args: ['{output}'],
    // A correct program ends in milliseconds; the starter never ends, so each of its runs costs
    // the whole limit.
    timeoutMs: 2000,
    runs: 5,
    underLoad: true,
    // Who runs first after each fork varies, and with it where the others are when worker 0 dies:
    // waiting in the lock, or not there yet. Both must end the same way.
    perturb: { forkJitterMs: 5 },
  },
  checks: [
    {
      id: 'pshared-sync.program-ends-although-a-worker-died-holding-the-lock',
      kind: 'lifecycle',
      claim: {
        en: 'The program ends although a worker was killed while holding the shared mutex: the next locker learns of the death and takes the lock over.',
        zh: '即使某个工作进程在持有共享互斥锁时被杀死，程序仍会结束：下一个加锁者得知持有者已死亡，并接管该锁。',
      },
      observe: 'exit.within-time-limit',
      expect: { equals: true },
      man: ['pthread_mutexattr_setrobust(3)', 'pthread_mutex_lock(3p)'],
      hint: {
        en: 'An ordinary mutex stays locked for ever when its owner dies: nobody is left to unlock it, and everyone else waits. A mutex can be made to report its owner’s death to the next locker instead; look at the attributes a mutex can be given.',
        zh: '普通互斥锁的持有者死亡后，锁会永远保持锁定：再也没有人能解锁，其他所有进程都在等待。可以让互斥锁改为把持有者的死亡告知下一个加锁者；请查看互斥锁可以设置哪些属性。',
      },
    },
    {
      id: 'pshared-sync.counter-holds-every-finished-addition',
      kind: 'atomicity',
      claim: {
        en: `The counter written to OUTPUT holds every addition that finished: ${FINISHED_ADDITIONS} (three workers’ 1000 and the 500 of the worker that died).`,
        zh: `写入 OUTPUT 的计数器包含所有已完成的加法：${FINISHED_ADDITIONS}（三个工作进程各 1000 次，加上死亡工作进程的 500 次）。`,
      },
      observe: 'data.result-number',
      expect: { equals: FINISHED_ADDITIONS },
      man: ['pthread_mutex_consistent(3)', 'pthread_mutexattr_setrobust(3)'],
      hint: {
        en: 'EOWNERDEAD gives you the lock but leaves the mutex inconsistent: unlocking it as it is makes it unusable for everyone (ENOTRECOVERABLE). Decide whether the data it protects is whole, then tell the mutex so before you unlock.',
        zh: 'EOWNERDEAD 让你得到了锁，但互斥锁处于不一致状态：直接解锁会使它对所有人都不可用（ENOTRECOVERABLE）。先判断它保护的数据是否完整，然后在解锁之前把这一点告诉互斥锁。',
      },
    },
    {
      id: 'pshared-sync.program-exits-with-status-0',
      kind: 'lifecycle',
      claim: {
        en: 'The program exits with status 0: the death of a worker is an expected event, handled, not an error.',
        zh: '程序以状态 0 退出：工作进程的死亡是预期中且已处理的事件，而不是错误。',
      },
      observe: 'exit.status',
      expect: { equals: 0 },
      man: ['pthread_mutex_lock(3p)', 'wait(2)'],
      hint: {
        en: 'pthread_mutex_lock returns an error number rather than setting errno; EOWNERDEAD means you hold the lock, not that the call failed.',
        zh: 'pthread_mutex_lock 返回错误号而不设置 errno；EOWNERDEAD 表示你已持有锁，而不是调用失败。',
      },
    },
    childrenAreWaitedFor({
      en: 'Each worker, the one that was killed too, is a child to collect with wait or waitpid before the parent exits.',
      zh: '每个工作进程（包括被杀死的那个）都是需要父进程在退出前用 wait 或 waitpid 收取的子进程。',
    }),
  ],
  starterFails: ['pshared-sync.program-ends-although-a-worker-died-holding-the-lock'],
});
