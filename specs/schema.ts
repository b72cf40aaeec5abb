// The vocabulary of a spec: what a mechanism is documented to do, as data.
// A spec never says how a property is measured beyond naming a probe; a probe never sees the
// expectation. The closed sets below are the kit's "features.txt": a typo fails at load time.
import type { Expectation } from './expectations.js';

/** The kinds of property a spec may state; a closed set so that a typo is an error. */
export const PROPERTY_KINDS = [
  'direction',
  'persistence',
  'kin',
  'capacity',
  'blocking',
  'boundaries',
  'atomicity',
  'ordering',
  'permissions',
  'isolation',
  'limits',
  'lifecycle',
  'notification',
  'performance',
] as const;

/** One of PROPERTY_KINDS. */
export type PropertyKind = (typeof PROPERTY_KINDS)[number];

/** The families mechanisms are grouped in (the report's epics). */
export const FAMILIES = [
  'pipes',
  'signals',
  'sysv',
  'posix',
  'sockets',
  'bus',
  // Linux descriptors for events and processes (eventfd, pidfd), memory shared through files
  // (memfd, shared file mappings), file locks, and synchronisation in shared memory (futexes,
  // process-shared mutexes): what programs use beside the tutorial's classic mechanisms.
  'descriptors',
  'memory',
  'locks',
  'synchronisation',
  'namespaces',
  'performance',
] as const;

/** One of FAMILIES. */
export type Family = (typeof FAMILIES)[number];

/** What an environment must offer for a property to be checked; missing means `skipped`. */
export const REQUIREMENTS = {
  root: 'the probe runs with effective uid 0',
  'cap-sys-resource':
    'the probe has CAP_SYS_RESOURCE in its effective set (root on a machine whose bounding set keeps it), which lifts System V size limits',
  'other-uid': 'the probe can act as a second, unprivileged user id (needs root or CAP_SETUID)',
  procfs: '/proc is mounted and shows other processes',
  'dbus-bus': 'the private dbus-daemon the kit starts for the run is up (Debian package dbus-daemon)',
  'ipv6-loopback': 'the network namespace has the IPv6 loopback address ::1 (bind to [::1]:0 works)',
  'mqueue-fs': 'the POSIX message queue filesystem is mounted at /dev/mqueue',
  'two-cpus': 'the probes may run on at least two CPUs (sched_getaffinity), so two processes can be placed on different ones',
  'ipc-namespace':
    'a probe can make an IPC namespace of its own (CAP_SYS_ADMIN, or an unprivileged user namespace) and write its limits under /proc/sys, to lower them there without touching the machine',
  'pid-namespace':
    'a probe can make a PID namespace of its own whose first process is pid 1 there (CAP_SYS_ADMIN, or an unprivileged user namespace: unshare(CLONE_NEWUSER | CLONE_NEWPID))',
  'checkpoint-restore':
    "the kernel is built with CONFIG_CHECKPOINT_RESTORE, which msgrcv's MSG_COPY and /proc/sys/kernel/ns_last_pid depend on (msgrcv(2), proc(5)); judged from the kernel configuration where the environment records one",
  'place-pairs':
    'the kit can make two places side by side with IPC and network namespaces of their own (root for unshare, or a container engine)',
  'native-cpu': "probes run on the machine's CPU directly: not emulated (TCG) and not User-Mode Linux",
} as const;

/** One of the keys of REQUIREMENTS. */
export type Requirement = keyof typeof REQUIREMENTS;

/** A text in both languages the kit reports in. */
export interface Bilingual {
  /** English. */
  en: string;
  /** Simplified Chinese. */
  zh: string;
}

/** Where a property's rule is written: a man page section, POSIX, or a tutorial section. */
export type Source = { man: string; section?: string } | { posix: string; section?: string } | { tutorial: string; section: string };

// The expectation forms (specs/expectations.ts) and the relations (specs/relations.ts) are defined
// once, with their validation and evaluation; their types are re-exported here with the rest of
// the vocabulary.
/** `{ pages: N }`, `ExpectedValue`, `ExpectationForm` and `Expectation` (exactly one form per property). */
export type { EnvQuantity, Expectation, ExpectationForm, ExpectedValue } from './expectations.js';
/** The relations an expectation may state between the value and the observation's evidence, and their names. */
export { RELATIONS, type RelationName } from './relations.js';

/**
 * How a property is observed: a case of a C fixture, an FFI probe run through Node, or a scenario
 * that runs fixture steps in two places the environment makes (runners/isolation/). `args` gives
 * the probe's parameters by the names the probe declares (`{ size: 5000 }`); the probe's
 * declaration says which exist, which may be left out, and their order on its command line.
 */
export type ProbeRef =
  | { fixture: string; case: string; args?: Readonly<Record<string, string | number>> }
  | { ffi: string; args?: Readonly<Record<string, string | number>> }
  | { scenario: string; args?: Readonly<Record<string, string | number>> };

/** A reference suite's assertion or test, by suite and id: `posix:mq_send/5`, `ltp:msgsnd05`, `gvisor:PipeTest.OffsetCalls`. */
export type PeerRef = `posix:${string}/${number}` | `ltp:${string}` | `gvisor:${string}`;

/** One documented, checkable statement about a mechanism. */
export interface Property {
  /** Stable dotted id that reads as a sentence: `pipe.write.after-last-reader-closed.gives-epipe`. */
  id: string;
  /** Which aspect of the mechanism the property is about. */
  kind: PropertyKind;
  /** The statement in one sentence, in both languages. */
  claim: Bilingual;
  /** Where the rule is written; at least one. */
  sources: Source[];
  /** What the observation must show. */
  expect: Expectation;
  /** How the property is observed; when several, they must agree. */
  probes: ProbeRef[];
  /** What the environment must offer, else the property is skipped with the reason. */
  requires?: Requirement[];
  /**
   * The reference suites' assertions this property decides, by id only (specs/peers/ holds the
   * lists they come from): `posix:mq_send/5` (Open POSIX Test Suite, interface/assertion),
   * `ltp:msgsnd05` (an LTP test), `gvisor:PipeTest.OffsetCalls` (a gVisor syscall test).
   */
  peers?: PeerRef[];
}

/** A mechanism and every property the kit checks about it. */
export interface MechanismSpec {
  /** Short id: `pipe`, `fifo`, `sysv-msg` … */
  id: string;
  /** Human name in both languages. */
  title: Bilingual;
  /** Report grouping. */
  family: Family;
  /** The man pages that document the mechanism, e.g. `pipe(7)`. */
  manPages: string[];
  /** The properties, each checked on its own. */
  properties: Property[];
}

/** Identity helper that gives a spec file type checking and editor completion. */
export function defineMechanism(spec: MechanismSpec): MechanismSpec {
  return spec;
}

/** A source as one line of text: `pipe(7), Pipe capacity`, `POSIX write(), ERRORS`. */
export function sourceLabel(source: Source): string {
  const where = 'man' in source ? source.man : 'posix' in source ? `POSIX ${source.posix}` : `tutorial ${source.tutorial}`;
  return source.section ? `${where}, ${source.section}` : where;
}
