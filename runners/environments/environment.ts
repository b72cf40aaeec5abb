// The one interface every place the kit can run probes in implements: the host, fresh kernel
// namespaces, Docker (runc) and gVisor (runsc) all sit behind the same methods.
import type { Requirement } from '../../specs/schema.js';
import type { CommandResult } from '../process/runCommand.js';

/** The run's private bus as every process of the run sees it: its address and the variables a
 * probe reads it from, or why there is none (the dbus properties are then skipped with that reason). */
export type BusState = { address: string; variables: Record<string, string> } | { unavailable: string };

/**
 * What a run hands every environment object it makes, in whichever process: the CLI's, a vitest
 * worker's, a test's. Plain data, so that vitest can pass it to its workers (conformance/SEAM.md).
 */
export interface RunContext {
  /** Names what the run starts (containers, the bus folder): `<pid>-<hex>`. */
  runId: string;
  bus: BusState;
}

/** Whether an environment can be used, and why not. */
export type Availability = { ok: true } | { ok: false; reason: string };

/** Options for Environment.exec. */
export interface ExecOptions {
  timeoutMs: number;
  /** Extra environment variables for the command (e.g. LD_PRELOAD for fault injection). */
  env?: Record<string, string>;
}

/** What the environment is, recorded next to every verdict so verdicts can be compared. */
export interface EnvironmentDescription {
  name: string;
  kernel: string;
  runtime: string;
  /** How its IPC namespace was chosen: `host`, `private (unshare --ipc)`, docker's `shareable` … */
  ipcMode: string;
  arch: string;
  uid: number;
  capabilities: string;
  pageSize: number;
  /** The host name as the environment itself sees it (a container's id, a guest's own name). */
  hostname: string;
  /**
   * The host name of the machine the kit ran on (the CLI's own), the same for every environment
   * of one machine: a container's or guest's `hostname` does not say which machine it ran on, and
   * verdicts merged from many machines (`matrix --from`) are labelled by it.
   */
  machineHostname: string;
  /** Namespace ids as /proc/self/ns shows them inside the environment, e.g. ipc → ipc:[4026531839]. */
  namespaces: Record<string, string>;
  mqueueMounted: boolean;
  sysctls: Record<string, string>;
  versions: Record<string, string>;
  /** What runs the guest kernel, for a guest: `user-mode-linux 6.1.x`, `qemu-system-x86_64 7.2`. */
  emulator?: string;
  /** How the guest's CPU runs: `kvm`, `tcg`, `none (UML)`. */
  accelerator?: string;
  /** The guest kernel's configuration options that bear on IPC (CONFIG_SYSVIPC → y …), and where they were read. */
  kernelConfig?: Record<string, string>;
  /** For a place in a user namespace of its own (rootless podman): /proc/self/uid_map as read inside. */
  uidMap?: string;
}

/** The facts a verdict depends on: what the environment offers and its environment-sized values. */
export interface EnvironmentFacts {
  pageSize: number;
  offers: Record<Requirement, Availability>;
}

/** Somewhere a command can run: an environment itself, one of its containers or namespace holders. */
export interface Place {
  /** Says what the place is, for evidence: `container ipc-conformance-docker-…-a (--ipc shareable)`. */
  readonly description: string;
  /** Runs a command there with a hard time limit, in a scratch TMPDIR removed afterwards. */
  exec(argv: readonly string[], options: ExecOptions): Promise<CommandResult>;
  /** The argv that starts a fixture binary there. */
  fixtureCommand(fixture: string): string[];
}

/**
 * How the two places of a pair relate, the way container engines name it:
 * - `sibling`: each has IPC and network namespaces of its own (`--ipc shareable` beside `--ipc private`);
 * - `joined`: the second shares the first's IPC namespace (`--ipc container:first`), not its network;
 * - `ipc-host`: the first is the host, the second a place in the host's IPC namespace (`--ipc host`).
 */
export const PAIR_RELATIONS = ['sibling', 'joined', 'ipc-host'] as const;

/** One of PAIR_RELATIONS. */
export type PairRelation = (typeof PAIR_RELATIONS)[number];

/** Two places made for one isolation scenario, and a directory both see at the same path. */
export interface PlacePair {
  readonly first: Place;
  readonly second: Place;
  readonly sharedDir: string;
  /** Removes both places (their namespaces die with them) and the shared directory. */
  close(): Promise<void>;
}

/** What a long-running process needs: a private folder the environment makes for it (0700, in
 * the run's folder on the host, removed at stop), files written into it first (name → content,
 * mode 0600) and its argv, both given the folder's path as the process will see it. */
export interface DaemonSpec {
  /** Names the folder, e.g. `bus-<run id>`. */
  name: string;
  files(dir: string): Record<string, string>;
  argv(dir: string): string[];
}

/** A long-running process the run started inside an environment (the private dbus-daemon). It
 * dies with the process that started it, even when that one is killed outright. */
export interface RunningDaemon {
  /** Its folder, as the daemon sees it. */
  readonly dir: string;
  /** The first line it printed on stdout (dbus-daemon prints its address). */
  readonly firstLine: Promise<string>;
  /** Ends it and removes the files written for it. */
  stop(): Promise<void>;
}

/** A place where probes run. */
export interface Environment extends Place {
  readonly name: string;
  /** The run this object belongs to; its bus is attached once started (attachBus). */
  readonly run: RunContext;
  /** Records the run's bus: its variables go to every probe from now on, its state decides `dbus-bus`. */
  attachBus(bus: BusState): void;
  /** Whether probes can run here at all (daemon running, fixtures built …), with the reason if not. */
  available(): Promise<Availability>;
  /** Starts what a run needs (a container); the CLI calls it once before a run. */
  prepare(): Promise<void>;
  /** Removes everything prepare() and openPair() made, also what a crashed run left. */
  release(): Promise<void>;
  /** Starts a daemon inside the environment for the whole run (prepare() first). */
  startDaemon(spec: DaemonSpec): Promise<RunningDaemon>;
  /** Makes two places related as `relation`, for the isolation scenarios. */
  openPair(relation: PairRelation): Promise<PlacePair>;
  /** The argv prefix that runs an FFI probe inside the environment (Node and the kit's FFI entry). */
  ffiCommand(): string[];
  /** A sysctl's value as the environment sees it, e.g. `fs.pipe-max-size`. */
  readSysctl(name: string): Promise<string>;
  /** Facts the evaluator and the requirement check need; computed once per run. */
  facts(): Promise<EnvironmentFacts>;
  /** Kernel, runtime, versions, uid, capabilities: goes into the report. */
  describe(): Promise<EnvironmentDescription>;
}

/** The sysctls recorded in every environment description. */
export const RECORDED_SYSCTLS = [
  'fs.pipe-max-size',
  'fs.pipe-user-pages-soft',
  'fs.pipe-user-pages-hard',
  // Per IPC namespace: what a container's own namespace starts with.
  'kernel.msgmax',
  'kernel.msgmnb',
  'kernel.msgmni',
  'kernel.shmmax',
  'kernel.shmall',
  'kernel.shmmni',
  'kernel.sem',
  'fs.mqueue.msg_max',
  'fs.mqueue.msgsize_max',
  'fs.mqueue.queues_max',
] as const;
