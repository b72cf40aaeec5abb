// The kit's own error classes, in the lowest layer: every layer that raises one imports it from
// here, and the CLI (runners/cli/main.ts) tells a caller's mistake from a fault of the kit by class.

/** A mistake in how the kit was called or configured: reported as one line, exit status 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** A probe ran but did not observe: timed out, killed, non-zero exit, or off-protocol output. */
export class ProbeBroken extends Error {
  override name = 'ProbeBroken';
  constructor(
    message: string,
    /** Whatever the probe left behind: stderr, exit status, raw stdout. */
    readonly evidence: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** The environment does not expose a sysctl (no such file, or not readable there). */
export class SysctlUnreadable extends Error {
  override name = 'SysctlUnreadable';
  constructor(
    readonly sysctl: string,
    readonly errno: string,
  ) {
    super(`sysctl ${sysctl} is not readable here: ${errno}`);
  }
}

/**
 * Environment.openPair: the runtime itself refused the requested relation (for example a runtime
 * that cannot join another container's IPC namespace). That refusal is an observation of the
 * runtime, unlike a daemon that is down or a command that timed out.
 */
export class PairRefused extends Error {
  override name = 'PairRefused';
}
