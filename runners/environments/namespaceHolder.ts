// A place made of fresh kernel namespaces (unshare(1) with the sandbox's options and mounts) that
// stay alive while a small `idle` process holds them; commands enter it with nsenter(1). Two
// holders side by side are the namespace pairs of the isolation scenarios on host and sandbox.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { kitPaths } from '../core/kitPaths.js';
import { type LongRunning, startLongRunning } from '../process/longRunning.js';
import { type CommandResult, runCommand } from '../process/runCommand.js';
import type { Availability, ExecOptions, PairRelation, PlacePair } from './environment.js';
import { execInScratchDir, hostFixtureCommand } from './hostPlace.js';
import { assemblePair, type OwnedPlace } from './placePair.js';

/** A shell script, not compiled: the source copy serves the compiled kit too. */
export const SANDBOX_INIT_SCRIPT = join(kitPaths.root, 'runners', 'environments', 'sandbox-init.sh');

/** The unshare(1) options: new ipc, pid (with its own /proc), mount, net and uts namespaces. */
export const UNSHARE_ARGS = ['--ipc', '--pid', '--fork', '--kill-child', '--mount', '--mount-proc', '--net', '--uts'];

/** The same without a new IPC namespace: the holder shares the IPC namespace it starts in. */
const UNSHARE_ARGS_SHARING_IPC = UNSHARE_ARGS.filter((arg) => arg !== '--ipc');

/** The idle holder exits by itself after this long, should its orchestrator die first. */
const HOLDER_LIFETIME_S = 600;

/** Whether this process can make the namespaces (root and a working unshare), and why not. */
export async function namespaceAvailability(): Promise<Availability> {
  if ((process.geteuid?.() ?? -1) !== 0) {
    return { ok: false, reason: 'making namespaces with unshare needs root (run as root, or use --env host)' };
  }
  const trial = await runCommand(['unshare', ...UNSHARE_ARGS, '/bin/sh', SANDBOX_INIT_SCRIPT, 'true'], { timeoutMs: 10_000 }).catch(
    (error: Error) => ({ exitCode: -1, stderr: error.message }) as Pick<CommandResult, 'exitCode' | 'stderr'>,
  );
  if (trial.exitCode !== 0) {
    return {
      ok: false,
      reason: `unshare cannot make the namespaces here (apt-get install util-linux): ${trial.stderr.trim().split('\n')[0]}`,
    };
  }
  return { ok: true };
}

export class NamespaceHolder implements OwnedPlace {
  private constructor(
    private readonly launcher: LongRunning,
    /** The idle process, as the host numbers it: what nsenter --target needs. */
    readonly pid: number,
    readonly description: string,
  ) {}

  /** Starts a holder with IPC namespace of its own, or sharing that of `joinIpcOf`, or the caller's. */
  static async start(ipc: { own: true } | { joinIpcOf: NamespaceHolder } | { shareCallers: true }): Promise<NamespaceHolder> {
    const idle = join(kitPaths.root, 'build', 'tools', 'idle');
    const unshare = ['unshare', ...('own' in ipc ? UNSHARE_ARGS : UNSHARE_ARGS_SHARING_IPC), '/bin/sh', SANDBOX_INIT_SCRIPT];
    const enter = 'joinIpcOf' in ipc ? ['nsenter', `--ipc=/proc/${ipc.joinIpcOf.pid}/ns/ipc`, '--'] : [];
    const argv = [...enter, ...unshare, idle, String(HOLDER_LIFETIME_S)];
    const launcher = startLongRunning(argv);
    const what =
      'own' in ipc ? 'own IPC namespace' : 'joinIpcOf' in ipc ? `IPC namespace of ${ipc.joinIpcOf.pid}` : "the caller's IPC namespace";
    try {
      await launcher.firstLine; // "ready N" once idle runs
      // nsenter without a pid namespace execs unshare in place, so the launcher is unshare and the
      // idle process is its only child.
      const unsharePid = launcher.child.pid;
      const children = readFileSync(`/proc/${unsharePid}/task/${unsharePid}/children`, 'utf8').trim().split(/\s+/);
      const pid = Number(children[0]);
      if (!pid) throw new Error(`cannot find the idle process under unshare ${unsharePid}`);
      return new NamespaceHolder(launcher, pid, `namespace holder ${pid} (${what})`);
    } catch (error) {
      await launcher.stop();
      throw error;
    }
  }

  exec(argv: readonly string[], options: ExecOptions): Promise<CommandResult> {
    return execInScratchDir(['nsenter', `--target=${this.pid}`, '--all', '--', ...argv], options);
  }

  fixtureCommand(fixture: string): string[] {
    return hostFixtureCommand(fixture);
  }

  /** Ends the holder; its namespaces, and every IPC object only they held, die with it. */
  stop(): Promise<void> {
    return this.launcher.stop();
  }
}

/** Two namespace holders (or the host and one holder) related as `relation`. */
export function openNamespacePair(relation: PairRelation): Promise<PlacePair> {
  return assemblePair(relation, {
    creator: () => NamespaceHolder.start({ own: true }),
    second: (how, _sharedDir, creator) =>
      NamespaceHolder.start(
        how === 'ipc-host' ? { shareCallers: true } : how === 'joined' ? { joinIpcOf: creator as NamespaceHolder } : { own: true },
      ),
  });
}
