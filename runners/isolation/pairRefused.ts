// Thrown by Environment.openPair when the runtime itself refuses the requested relation (for
// example a runtime that cannot join another container's IPC namespace): that refusal is an
// observation of the runtime, unlike a daemon that is down or a command that timed out.
export class PairRefused extends Error {
  override name = 'PairRefused';
}
