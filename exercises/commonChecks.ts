// Checks that several exercises share word for word but for the hint, which each exercise words
// for the mistake its starter makes: one definition, so the property reads the same everywhere.
import type { Bilingual } from '../specs/schema.js';
import type { ExerciseCheck } from './exerciseSchema.js';

/** The first process waits for every child it forked: none ended unreaped, none still running. */
export function childrenAreWaitedFor(hint: Bilingual): ExerciseCheck {
  return {
    id: 'process.children-are-waited-for',
    kind: 'lifecycle',
    claim: {
      en: 'The parent waits for every child it forked: when it exits, no child is left a zombie or still running.',
      zh: '父进程等待它创建的每个子进程：它退出时，没有子进程成为僵尸进程，也没有子进程仍在运行。',
    },
    observe: 'process.children-not-waited-for',
    expect: { equals: 0 },
    man: ['waitpid(2)', 'wait(2)'],
    hint,
  };
}
