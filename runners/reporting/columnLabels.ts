// What a column of the matrix, a side of `diff` and an environment of the merged Allure report are
// called: the machine, the kernel and the runtime a verdict file records, e.g.
// `node-a · 6.1.0-57-amd64 · docker/runc`. Environment names are not enough once verdicts come
// from many machines: every machine has a `host`. Two files that record the same three facts are
// told apart by their environment names, then by where they came from, and the caller is told so.
import { basename, dirname } from 'node:path';
import type { VerdictFile } from '../verdict/verdict.js';

/** A verdict file to label, and where it came from (a folder or a file given on the command line). */
export interface LabelledOrigin {
  file: VerdictFile;
  /** The path given for it: its folder, or the file itself. */
  origin: string;
}

/** The labels, in the order given, and a note for every group told apart by more than the three facts. */
export interface ColumnLabels {
  labels: string[];
  notes: string[];
}

const SEPARATOR = ' · ';

/** The name of the machine the run was on, when the file records it. */
function machineOf(environment: Record<string, unknown>): string | undefined {
  if (typeof environment.machineHostname === 'string' && environment.machineHostname) return environment.machineHostname;
  // Files written before machineHostname was recorded: on the host, its own host name is the machine's;
  // elsewhere (a container's id, a guest's name) it says nothing about the machine.
  if (environment.name === 'host' && typeof environment.hostname === 'string' && environment.hostname) return environment.hostname;
  return undefined;
}

/** The kernel release: the first word of what uname reported (`6.1.0-57-amd64`). */
function kernelOf(environment: Record<string, unknown>): string {
  return String(environment.kernel ?? 'unknown kernel').split(/\s+/)[0] || 'unknown kernel';
}

/** The runtime in a word or two, read from the recorded runtime description. */
export function shortRuntime(environment: Record<string, unknown> & { name: string }): string {
  const runtime = String(environment.runtime ?? '');
  if (/^host\b/.test(runtime)) return 'host';
  if (runtime.startsWith('unshare')) return 'unshare';
  if (runtime.startsWith('user-mode-linux')) return 'uml';
  const engine = /^(docker|podman)\b/.exec(runtime)?.[1];
  if (engine) {
    // docker: `…, runtime runsc (…)`; podman: `… (runc: 1.1.5)`.
    const oci = /\bruntime (\w+)/.exec(runtime)?.[1] ?? /\((\w+):/.exec(runtime)?.[1];
    return oci ? `${engine} ${oci}` : engine;
  }
  if (runtime.startsWith('qemu-system')) {
    const accelerator = /^(\w+)/.exec(String(environment.accelerator ?? ''))?.[1] ?? /\((kvm|tcg)\b/.exec(runtime)?.[1];
    return accelerator ? `qemu ${accelerator}` : 'qemu';
  }
  return environment.name;
}

/**
 * Allure 3 refuses an environment name longer than this, or with a slash or backslash in it: the labels
 * name the merged report's environments, so they keep within both rules.
 */
export const MAX_LABEL_LENGTH = 64;

/** `text`, cut to `room` characters with an ellipsis where it was cut. */
const within = (text: string, room: number) => (text.length <= room ? text : `${text.slice(0, room - 1)}…`);

/**
 * `machine · kernel · runtime`, without the machine when the file does not record it. A machine's
 * full domain name gives way to its first part when the label would be too long.
 */
export function baseLabel(file: VerdictFile): string {
  const environment = file.environment;
  const machine = machineOf(environment);
  const rest = [kernelOf(environment), shortRuntime(environment)];
  const full = [...(machine ? [machine] : []), ...rest].join(SEPARATOR);
  if (!machine || full.length <= MAX_LABEL_LENGTH) return full;
  return [machine.split('.')[0]!, ...rest].join(SEPARATOR);
}

/** The name a command-line origin goes by: its folder's, or the file's without `.json`. */
export function originName(origin: string): string {
  const name = basename(origin);
  if (name === 'verdicts.json') return basename(dirname(origin));
  return name.replace(/\.json$/, '');
}

/**
 * The Allure environment id of a label. Allure 3 takes letters, digits, _ and - only; the report's
 * configuration (allureConfig.ts) maps a name to its id by this same rule, so two labels must not
 * map to one id either.
 */
export const allureEnvironmentId = (label: string) => label.replace(/[^A-Za-z0-9_-]/g, '-');

/** The Allure history id of a property in one column: distinct per column, so that Allure never
 * takes two machines' results for retries of one test; stable across merges of the same machines. */
export const columnHistoryId = (property: string, label: string) => `${property}:${allureEnvironmentId(label)}`;

/** How much a label says beyond the three facts, from nothing to a number of last resort. */
const LEVELS = ['', 'environment name', 'origin', 'position'] as const;

function labelAt(item: LabelledOrigin, index: number, level: number): string {
  const parts = [baseLabel(item.file)];
  // The environment name, unless the runtime already says it (`host`); where it did not tell the
  // runs apart, the origin replaces it rather than lengthening the label.
  if (level === 1 && item.file.environment.name !== shortRuntime(item.file.environment)) parts.push(item.file.environment.name);
  if (level >= 2) parts.push(originName(item.origin));
  const number = level >= 3 ? ` #${index + 1}` : '';
  const label = parts.join(SEPARATOR).replace(/[/\\]/g, '-');
  return `${within(label, MAX_LABEL_LENGTH - number.length)}${number}`;
}

/** Distinct labels for `items`: each as short as it can be while no two share a label or an Allure id. */
export function columnLabels(items: readonly LabelledOrigin[]): ColumnLabels {
  const levels = items.map(() => 0);
  for (;;) {
    const labels = items.map((item, index) => labelAt(item, index, levels[index]!));
    const holders = new Map<string, number[]>();
    labels.forEach((label, index) => {
      for (const key of new Set([`label:${label}`, `id:${allureEnvironmentId(label)}`]))
        holders.set(key, [...(holders.get(key) ?? []), index]);
    });
    const clashing = new Set([...holders.values()].filter((indexes) => indexes.length > 1).flat());
    if (clashing.size === 0) return { labels, notes: notesFor(items, labels, levels) };
    // The last level numbers every clashing label, so each pass raises at least one of them.
    const raisable = [...clashing].filter((index) => levels[index]! < LEVELS.length - 1);
    if (raisable.length === 0) throw new Error(`cannot tell apart the labels ${[...clashing].map((i) => labels[i]).join(', ')}`);
    for (const index of raisable) levels[index]! += 1;
  }
}

function notesFor(items: readonly LabelledOrigin[], labels: string[], levels: number[]): string[] {
  const groups = new Map<string, number[]>();
  items.forEach((item, index) => {
    if (levels[index]! > 0) groups.set(baseLabel(item.file), [...(groups.get(baseLabel(item.file)) ?? []), index]);
  });
  return [...groups].map(([base, indexes]) => {
    const by = [...new Set(indexes.map((index) => levels[index]!))]
      .sort()
      .map((level) => LEVELS[level])
      .join(' and ');
    const origins = indexes.map((index) => `${items[index]!.origin} → '${labels[index]}'`).join(', ');
    return `same host name, kernel and runtime (${base}): told apart by ${by}: ${origins}`;
  });
}
