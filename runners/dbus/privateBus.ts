// The run's private message bus: a dbus-daemon the kit starts inside the environment under test
// with a configuration it writes itself, listening on a UNIX socket in a directory of its own, and
// stops at the end. It never touches the machine's system or session bus. Probes find it through
// the variables below, which the environments pass on to every probe they run.
import type { Environment, RunningDaemon } from '../environments/environment.js';
import { runCommand } from '../process/runCommand.js';

/** The bus address ("unix:path=…,guid=…") for the probes. */
export const DBUS_ADDRESS_VARIABLE = 'IPC_CONFORMANCE_DBUS_ADDRESS';
/** Why there is no bus for this run, when there is none; the dbus properties are skipped with it. */
export const DBUS_UNAVAILABLE_VARIABLE = 'IPC_CONFORMANCE_DBUS_UNAVAILABLE';

/**
 * The bus's configured limits and policy. The configuration below is generated from them, and the
 * probes learn them from BUS_SETTINGS_VARIABLES, so the two cannot drift apart.
 */
export const BUS_SETTINGS = {
  /** max_message_size of the bus, in bytes. */
  maxMessageSize: 65536,
  /** Messages to this interface are denied by the policy. */
  deniedInterface: 'org.ipcconformance.Denied',
} as const;

/** The variables through which every probe learns the bus's settings. */
export const BUS_SETTINGS_VARIABLES = {
  IPC_CONFORMANCE_DBUS_MAX_MESSAGE_SIZE: String(BUS_SETTINGS.maxMessageSize),
  IPC_CONFORMANCE_DBUS_DENIED_INTERFACE: BUS_SETTINGS.deniedInterface,
} as const;

/** Every variable a probe of this run may need, for environments that must pass them on explicitly. */
export const BUS_VARIABLES = [DBUS_ADDRESS_VARIABLE, ...Object.keys(BUS_SETTINGS_VARIABLES)];

/** The configuration dbus-daemon(1) reads: one listener, EXTERNAL auth, open policy but one deny rule. */
export function busConfiguration(socketPath: string): string {
  return `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>ipc-conformance</type>
  <listen>unix:path=${socketPath}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow user="*"/>
    <allow own="*"/>
    <allow send_destination="*" eavesdrop="true"/>
    <allow receive_sender="*"/>
    <deny send_interface="${BUS_SETTINGS.deniedInterface}"/>
  </policy>
  <limit name="max_message_size">${BUS_SETTINGS.maxMessageSize}</limit>
</busconfig>
`;
}

/** How to get dbus-daemon on Debian. */
const INSTALL_HINT = 'apt-get install dbus-daemon (or run `make setup` as root)';

/**
 * Starts the bus for one run and exports its address; when dbus-daemon is missing (or does not
 * start) it exports the reason instead, so the run goes on and the dbus properties are skipped.
 */
export async function startPrivateBus(environment: Environment, runId: string): Promise<RunningDaemon | undefined> {
  delete process.env[DBUS_ADDRESS_VARIABLE];
  delete process.env[DBUS_UNAVAILABLE_VARIABLE];
  const found = await runCommand(['sh', '-c', 'command -v dbus-daemon'], { timeoutMs: 5000 });
  if (found.exitCode !== 0) {
    process.env[DBUS_UNAVAILABLE_VARIABLE] = `dbus-daemon is not installed: ${INSTALL_HINT}`;
    return undefined;
  }
  // The folder is the environment's to place: in the run's folder on the host (swept with it when
  // the run is killed), in /tmp inside a container (removed with the container).
  const daemon = await environment.startDaemon({
    name: `bus-${runId}`,
    files: (dir) => ({ 'bus.conf': busConfiguration(`${dir}/bus`) }),
    argv: (dir) => ['dbus-daemon', `--config-file=${dir}/bus.conf`, '--nofork', '--nopidfile', '--nosyslog', '--print-address=1'],
  });
  try {
    process.env[DBUS_ADDRESS_VARIABLE] = await daemon.firstLine;
    Object.assign(process.env, BUS_SETTINGS_VARIABLES);
    return daemon;
  } catch (error) {
    await daemon.stop();
    process.env[DBUS_UNAVAILABLE_VARIABLE] = `the private dbus-daemon did not start in ${environment.name}: ${(error as Error).message}`;
    return undefined;
  }
}
