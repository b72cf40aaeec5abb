// The docker command line, as the kit uses it (engineCli.ts). The client talks to whichever daemon
// DOCKER_HOST (or the default socket) names; `make setup-containers` starts one when none runs.
import type { CommandResult } from '../process/runCommand.js';
import { directLauncher, EngineCli } from './engineCli.js';

export { KIT_LABEL } from './engineCli.js';

/** The docker engine: its command as this process's user. */
export const dockerEngine = new EngineCli('docker', directLauncher('docker'));

/** Runs `docker ARGS`; never throws for a non-zero exit. */
export function dockerRun(args: readonly string[], timeoutMs = 60_000): Promise<CommandResult> {
  return dockerEngine.run(args, timeoutMs);
}

/** Runs `docker ARGS` and returns its stdout, or throws EngineError with its stderr. */
export function docker(args: readonly string[], timeoutMs = 60_000): Promise<string> {
  return dockerEngine.call(args, timeoutMs);
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
