// The run's private message bus: a dbus-daemon the kit starts inside the environment under test
// with a configuration it writes itself, listening on a UNIX socket in a directory of its own, and
// stops at the end. It never touches the machine's system or session bus. Probes find it through
// the variables below, which the run's environment passes to every probe it runs (BusState).
import type { BusState, Environment, RunningDaemon } from '../environments/environment.js';
import { runCommand } from '../process/runCommand.js';

/** The bus address ("unix:path=…,guid=…") for the probes. */
export const DBUS_ADDRESS_VARIABLE = 'IPC_CONFORMANCE_DBUS_ADDRESS';

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

/** The run's bus once asked for: its state for every process of the run, and the daemon to stop. */
export interface PrivateBus {
  state: BusState;
  /** The daemon, when one runs. */
  daemon?: RunningDaemon;
}

/** The variables through which a probe reaches the bus at `address` and learns its settings. */
export function busVariables(address: string): Record<string, string> {
  return { [DBUS_ADDRESS_VARIABLE]: address, ...BUS_SETTINGS_VARIABLES };
}

/**
 * Starts the bus for one run inside `environment`. When dbus-daemon is missing (or does not start)
 * the state says why instead, so the run goes on and the dbus properties are skipped.
 */
export async function startPrivateBus(environment: Environment, runId: string): Promise<PrivateBus> {
  const found = await runCommand(['sh', '-c', 'command -v dbus-daemon'], { timeoutMs: 5000 });
  if (found.exitCode !== 0) return { state: { unavailable: `dbus-daemon is not installed: ${INSTALL_HINT}` } };
  // The folder is the environment's to place: in the run's folder on the host (swept with it when
  // the run is killed), in /tmp inside a container (removed with the container).
  const daemon = await environment.startDaemon({
    name: `bus-${runId}`,
    files: (dir) => ({ 'bus.conf': busConfiguration(`${dir}/bus`) }),
    argv: (dir) => ['dbus-daemon', `--config-file=${dir}/bus.conf`, '--nofork', '--nopidfile', '--nosyslog', '--print-address=1'],
  });
  try {
    const address = await daemon.firstLine;
    return { state: { address, variables: busVariables(address) }, daemon };
  } catch (error) {
    await daemon.stop();
    return { state: { unavailable: `the private dbus-daemon did not start in ${environment.name}: ${(error as Error).message}` } };
  }
}
