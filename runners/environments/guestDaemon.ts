// A daemon (the run's private dbus-daemon) inside a guest of the run — User-Mode Linux or a QEMU
// machine — through the guest agent: its files written on the guest's tmpfs, the process started
// there; it ends with stop() or with the guest.
import { guestExec, guestStart, guestStop } from '../guests/client.js';
import type { DaemonSpec, RunningDaemon } from './environment.js';

/** Starts `spec` in the guest of run `runId`; `timeoutMs` bounds writing its files and its start. */
export async function startGuestDaemon(runId: string, spec: DaemonSpec, timeoutMs: number): Promise<RunningDaemon> {
  const dir = `/tmp/ipc-conformance-${spec.name}`;
  // The host's Node, run by the guest, writes the files (0700 folder, 0600 files) as they are given.
  const writeFiles =
    "const fs = require('fs'), path = require('path'); const [dir, files] = [process.argv[1], JSON.parse(process.env.FILES)];" +
    'fs.mkdirSync(dir, { recursive: true, mode: 0o700 });' +
    'for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), content, { mode: 0o600 });';
  const written = await guestExec(runId, [process.execPath, '-e', writeFiles, dir], {
    timeoutMs,
    env: { FILES: JSON.stringify(spec.files(dir)) },
  });
  if (written.exitCode !== 0) throw new Error(`cannot write ${spec.name}'s files in the guest: ${written.stderr.trim()}`);
  const started = guestStart(runId, spec.argv(dir), {}, timeoutMs);
  return {
    dir,
    firstLine: started.then((daemon) => daemon.firstLine),
    stop: async () => {
      const daemon = await started.catch(() => undefined);
      if (daemon) await guestStop(runId, daemon.pid).catch(() => undefined);
      await guestExec(runId, ['rm', '-rf', dir], { timeoutMs: 10_000 }).catch(() => undefined);
    },
  };
}
