// The C fixtures are built on first use: a fresh clone after `npm ci`, or the package installed from
// npm, has the compiled TypeScript but no probe programs yet. The commands that need them call
// ensureFixtures() first; it runs the kit's own `make fixtures` (the one rule of how they are built)
// in the kit's folder, once, and says so on stderr so that stdout keeps only what the command prints.
// A missing make or compiler is one line that says what to install, before anything is started.
import { execFileSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { UsageError } from '../core/errors.js';
import { kitPaths } from '../core/kitPaths.js';

/** What `make fixtures` makes that the commands read: present means the fixtures were built. */
const BUILT_MARKS = [
  kitPaths.fixtureCases,
  kitPaths.forkProbeHelper,
  join(kitPaths.root, 'build', 'tracer', 'exercise_tracer.so'),
  join(kitPaths.root, 'build', 'sandbox', 'exercise-seccomp.bpf'),
];

/** `program` found on PATH (or a path given as is), else undefined. */
function onPath(program: string, env: NodeJS.ProcessEnv): string | undefined {
  const candidates = program.includes('/') ? [program] : (env.PATH ?? '/usr/bin:/bin').split(delimiter).map((dir) => join(dir, program));
  return candidates.find((candidate) => {
    try {
      accessSync(candidate, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** The first line of make's output that says what went wrong. */
function makeError(output: string): string {
  const lines = output.split('\n').map((line) => line.trim());
  return lines.find((line) => /\berror\b/i.test(line)) ?? lines.find(Boolean) ?? 'make failed without saying why';
}

/** Builds the fixtures unless they are there; throws a UsageError naming what is missing. */
export function ensureFixtures(env: NodeJS.ProcessEnv = process.env): void {
  if (BUILT_MARKS.every((path) => existsSync(path))) return;
  if (!onPath('make', env))
    throw new UsageError("the C fixtures are not built and 'make' is not installed: apt-get install make gcc libc6-dev");
  // make's own default compiler is cc; CC, when set, is what the Makefile uses instead.
  const compiler = env.CC || 'cc';
  if (!onPath(compiler.split(' ')[0]!, env))
    throw new UsageError(
      `the C fixtures are not built and the C compiler '${compiler}' is not installed: apt-get install gcc libc6-dev (or run 'make setup')`,
    );
  process.stderr.write(`ipc-conformance: building the C fixtures in ${kitPaths.root} (first use; about a minute)\n`);
  const make = ['make', '-s', '-C', kitPaths.root, `-j${availableParallelism()}`, 'fixtures'];
  // Two first commands at once (two CI jobs on one install) take turns: the second finds it built.
  const lock = join(kitPaths.root, 'build', '.fixtures.lock');
  try {
    mkdirSync(dirname(lock), { recursive: true });
    const [program, ...args] = onPath('flock', env) ? ['flock', lock, ...make] : make;
    execFileSync(program!, args, {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    const { stderr, stdout, message } = error as { stderr?: Buffer; stdout?: Buffer; message: string };
    const said = `${stderr ?? ''}\n${stdout ?? ''}`.trim() || message;
    throw new UsageError(`building the C fixtures failed: ${makeError(said)}`);
  }
}
