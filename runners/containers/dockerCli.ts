// The docker command line, as the kit uses it: every call bounded in time, and failures that say
// what docker answered. The client talks to whichever daemon DOCKER_HOST (or the default socket)
// names; `make setup-containers` starts one when none runs.
import { spawnSync } from 'node:child_process';
import { type CommandResult, runCommand } from '../process/runCommand.js';

/** Label on everything the kit starts, so a later run can find and remove what a crash left. */
export const KIT_LABEL = 'ipc-conformance';

/** A docker command that ended with an error: the daemon's or the runtime's own words. */
export class DockerError extends Error {
  override name = 'DockerError';
  constructor(
    message: string,
    readonly result: CommandResult,
  ) {
    super(message);
  }
}

/** Runs `docker ARGS`; never throws for a non-zero exit. */
export function dockerRun(args: readonly string[], timeoutMs = 60_000): Promise<CommandResult> {
  return runCommand(['docker', ...args], { timeoutMs });
}

/** Runs `docker ARGS` and returns its stdout, or throws DockerError with its stderr. */
export async function docker(args: readonly string[], timeoutMs = 60_000): Promise<string> {
  const result = await dockerRun(args, timeoutMs);
  if (result.timedOut) throw new DockerError(`docker ${args[0]} timed out after ${timeoutMs} ms`, result);
  if (result.exitCode !== 0) {
    const said = result.stderr.trim().split('\n').filter(Boolean).pop() ?? `exit status ${result.exitCode}`;
    throw new DockerError(`docker ${args[0]}: ${said}`, result);
  }
  return result.stdout.trim();
}

/** Whether a daemon answers, with the reason and the way out when not. */
export async function dockerDaemonProblem(): Promise<string | undefined> {
  const answer = await dockerRun(['version', '--format', '{{.Server.Version}}'], 15_000).catch((error: Error) => error.message);
  if (typeof answer === 'string') return `the docker command is missing (${answer}): run \`make setup-containers\` as root`;
  if (answer.exitCode !== 0 || answer.timedOut) {
    const said = answer.stderr.trim().split('\n')[0] ?? 'no answer';
    return `no Docker daemon answers (${said}): run \`make setup-containers\` as root`;
  }
  return undefined;
}

/** The runtimes the daemon knows, name → path and arguments as `docker info` reports them. */
export async function dockerRuntimes(): Promise<Record<string, { path?: string; runtimeArgs?: string[] }>> {
  return JSON.parse(await docker(['info', '--format', '{{json .Runtimes}}'], 15_000)) as Record<
    string,
    { path?: string; runtimeArgs?: string[] }
  >;
}

/** Removes every container (running or not) that carries all the given labels; returns how many. */
export async function removeLabelledContainers(labels: string[]): Promise<number> {
  const filters = labels.flatMap((label) => ['--filter', `label=${label}`]);
  const ids = (await docker(['ps', '-aq', ...filters])).split('\n').filter(Boolean);
  if (ids.length) await dockerRun(['rm', '-f', ...ids], 60_000);
  return ids.length;
}

/** removeLabelledContainers at once, for when the kit is interrupted and cannot wait for promises. */
export function removeLabelledContainersNow(labels: string[]): void {
  const filters = labels.flatMap((label) => ['--filter', `label=${label}`]);
  const listing = spawnSync('docker', ['ps', '-aq', ...filters], { encoding: 'utf8', timeout: 10_000 });
  const ids = (listing.stdout ?? '').split('\n').filter(Boolean);
  if (ids.length) spawnSync('docker', ['rm', '-f', ...ids], { stdio: 'ignore', timeout: 30_000 });
}
