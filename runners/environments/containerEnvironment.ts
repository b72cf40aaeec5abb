// Container engine environments: `docker` (runc) and `gvisor` (runsc) on Docker Engine, and, by
// the same code with another engine, rootless `podman` (podman.ts). A run starts one long-lived
// container of the kit's image and runs every probe in it with `docker exec` (or podman's); the
// isolation scenarios get container pairs of their own. The orchestration and the report stay on the host.
// Everything the kit starts carries labels (run id, owner pid), so release() and the next run's
// sweep remove what a run left, also after a crash.
import { randomBytes } from 'node:crypto';
import { docker, dockerDaemonProblem, dockerEngine, dockerRuntimes } from '../containers/dockerCli.js';
import { type EngineCli, EngineError, KIT_LABEL } from '../containers/engineCli.js';
import { ensureKitImage, IMAGE_PATHS } from '../containers/kitImage.js';
import { PairRefused } from '../core/errors.js';
import { endOnInterrupt } from '../process/interruption.js';
import { startLongRunning } from '../process/longRunning.js';
import { type CommandResult, runCommand } from '../process/runCommand.js';
import { runFolder } from '../process/runFolder.js';
import { Container } from './container.js';
import type { Availability, DaemonSpec, ExecOptions, PairRelation, PlacePair, RunContext, RunningDaemon } from './environment.js';
import { kitBuildAvailability } from './kitBuild.js';
import { assemblePair } from './placePair.js';
import { ProbedEnvironment } from './probedEnvironment.js';

const RUN_LABEL = `${KIT_LABEL}.run`;
const OWNER_LABEL = `${KIT_LABEL}.owner-pid`;

export class ContainerEnvironment extends ProbedEnvironment {
  protected readonly main: Container;
  /** Set between prepare() and release(): removes the run's containers if the kit is interrupted. */
  private forgetInterruptTeardown?: () => void;

  constructor(
    name: string,
    /** The OCI runtime name registered in the engine: runc or runsc in dockerd, crun in podman. */
    protected readonly ociRuntime: string,
    run?: RunContext,
    protected readonly engine: EngineCli = dockerEngine,
  ) {
    super(name, run);
    // The run's container is named by the run: every process of the run reaches the same one.
    this.main = new Container(`ipc-conformance-${name}-${this.run.runId}`, 'default', ociRuntime, engine);
  }

  get description(): string {
    return this.main.description;
  }

  async available(): Promise<Availability> {
    const build = kitBuildAvailability();
    if (!build.ok) return build;
    const daemon = await dockerDaemonProblem();
    if (daemon) return { ok: false, reason: daemon };
    const runtimes = await dockerRuntimes();
    if (!runtimes[this.ociRuntime]) {
      return {
        ok: false,
        reason: `dockerd has no '${this.ociRuntime}' runtime (it has ${Object.keys(runtimes).join(', ')}): run \`make setup-containers\` as root`,
      };
    }
    return { ok: true };
  }

  /** Removes what dead runs left, makes sure the image exists, and starts the run's container. */
  override async prepare(): Promise<void> {
    await removeOrphans(this.engine);
    this.forgetInterruptTeardown = endOnInterrupt(() => this.engine.removeLabelledContainersNow([`${RUN_LABEL}=${this.run.runId}`]));
    const image = await ensureKitImage(this.engine);
    const options = { engine: this.engine, name: this.main.name, image, runtime: this.ociRuntime, labels: this.labels() };
    await Container.start(options).catch((error: Error) => {
      throw new Error(`cannot start a ${this.ociRuntime} container: ${error.message}`);
    });
  }

  override async release(): Promise<void> {
    await this.engine.removeLabelledContainers([`${RUN_LABEL}=${this.run.runId}`]);
    this.forgetInterruptTeardown?.();
  }

  exec(argv: readonly string[], options: ExecOptions): Promise<CommandResult> {
    return this.main.exec(argv, { ...options, env: this.probeVariables(options.env) });
  }

  fixtureCommand(fixture: string): string[] {
    return this.main.fixtureCommand(fixture);
  }

  ffiCommand(): string[] {
    return ['node', IMAGE_PATHS.ffiEntry];
  }

  /** Writes the daemon's files inside the run's container and starts it there with the engine's exec; it
   * lives until stop() or, at the latest, until release() (or the next run's sweep of orphaned
   * containers) removes the container. The engine's client on the host dies with this process. The
   * files are written by Node inside the container: `docker cp` does not reach a gVisor sandbox's
   * filesystem. */
  async startDaemon(spec: DaemonSpec): Promise<RunningDaemon> {
    const dir = `/tmp/ipc-conformance-${spec.name}`;
    const writeFiles =
      "const fs = require('fs'), path = require('path'); const [dir, files] = [process.argv[1], JSON.parse(process.env.FILES)];" +
      'fs.mkdirSync(dir, { recursive: true, mode: 0o700 });' +
      'for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), content, { mode: 0o600 });';
    await this.engine.call(['exec', '--env', `FILES=${JSON.stringify(spec.files(dir))}`, this.main.name, 'node', '-e', writeFiles, dir]);
    const daemon = startLongRunning(this.engine.argv(['exec', this.main.name, ...spec.argv(dir)], true));
    const forgetHelper = runFolder().recordHelper(daemon.child.pid, `${this.engine.name} exec ${spec.name}`);
    return {
      dir,
      firstLine: daemon.firstLine,
      stop: async () => {
        await daemon.stop();
        forgetHelper();
      },
    };
  }

  /** Two containers of the kit's image (or the host and one container) related as docker run --ipc says. */
  async openPair(relation: PairRelation): Promise<PlacePair> {
    const image = await ensureKitImage(this.engine);
    const prefix = `${this.main.name}-${randomBytes(3).toString('hex')}`;
    const start = async (role: string, ipc: string, sharedDir: string) => {
      await this.shareWithContainers(sharedDir);
      const options = { engine: this.engine, name: `${prefix}-${role}`, image, runtime: this.ociRuntime, ipc, sharedDir };
      try {
        return await Container.start({ ...options, labels: this.labels() });
      } catch (error) {
        // The engine or the runtime said no: that is how this runtime treats the relation.
        if (error instanceof EngineError && !error.result.timedOut) throw new PairRefused(`--ipc ${ipc}: ${error.message}`);
        throw error;
      }
    };
    const secondIpc = { sibling: () => 'private', joined: (creator: string) => `container:${creator}`, 'ipc-host': () => 'host' };
    return assemblePair(relation, {
      creator: (sharedDir) => start('shareable', 'shareable', sharedDir),
      second: (how, sharedDir, creator) => start(how, secondIpc[how](creator instanceof Container ? creator.name : ''), sharedDir),
    });
  }

  /** Makes the pair's shared folder usable by the containers' root (docker's is the host's root). */
  protected async shareWithContainers(_sharedDir: string): Promise<void> {}

  protected async pairAvailability(): Promise<Availability> {
    return this.available();
  }

  protected async runtime(): Promise<string> {
    const server = await docker(['version', '--format', '{{.Server.Version}}']);
    const runtime = (await dockerRuntimes())[this.ociRuntime] ?? {};
    const args = runtime.runtimeArgs?.length ? ` ${runtime.runtimeArgs.join(' ')}` : '';
    const version = await runtimeVersion(runtime.path ?? this.ociRuntime);
    return `docker ${server}, runtime ${this.ociRuntime} (${runtime.path ?? this.ociRuntime}${args}; ${version})`;
  }

  protected async ipcMode(): Promise<string> {
    return this.engine.call(['inspect', '--format', '{{.HostConfig.IpcMode}}', this.main.name]).catch(() => 'unknown');
  }

  protected labels(): Record<string, string> {
    return { [RUN_LABEL]: this.run.runId, [OWNER_LABEL]: String(process.pid) };
  }
}

/** The runtime binary's own version line, e.g. `runsc version release-20221219.0`. */
async function runtimeVersion(binary: string): Promise<string> {
  const answer = await runCommand([binary, '--version'], { timeoutMs: 10_000 }).catch(() => undefined);
  return answer?.stdout.trim().split('\n')[0] ?? 'version unknown';
}

/** Removes the kit's containers whose owning process is gone (a run that crashed or was killed). */
async function removeOrphans(engine: EngineCli): Promise<void> {
  const format = `{{.Names}} ${engine.labelTemplate(OWNER_LABEL)}`;
  const listing = await engine.call(['ps', '-a', '--filter', `label=${KIT_LABEL}`, '--format', format]);
  const orphans = listing
    .split('\n')
    .filter(Boolean)
    .map((line) => line.split(' '))
    .filter(([, pid]) => !processAlive(Number(pid)))
    .map(([name]) => name!);
  if (orphans.length) await engine.run(['rm', '--force', ...orphans]);
}

function processAlive(pid: number): boolean {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
