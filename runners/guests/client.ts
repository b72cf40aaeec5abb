// How any process of a run reaches the run's guest: one connection to the broker per request
// (guestFolder.ts names the socket by the run id), one answer back (PROTOCOL.md).
import { connect } from 'node:net';
import type { CommandResult } from '../process/runCommand.js';
import { guestSocketPath } from './guestFolder.js';
import { frame, type GuestAnswer, lineReader } from './protocol.js';

/** How long past a command's own limit the answer may take (the grace, the channel, a busy guest). */
const ANSWER_MARGIN_MS = 30_000;

export class GuestUnreachable extends Error {}

/** Sends one request to the run's guest and resolves with its answer. */
function ask(runId: string, request: Record<string, unknown>, waitMs: number): Promise<GuestAnswer> {
  const socketPath = guestSocketPath(runId);
  return new Promise((resolve, reject) => {
    const socket = connect(socketPath);
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new GuestUnreachable(`the guest of run ${runId} did not answer within ${waitMs} ms`));
    }, waitMs);
    socket.once('error', (error) => {
      clearTimeout(timer);
      reject(
        new GuestUnreachable(`cannot reach the guest of run ${runId} at ${socketPath}: ${error.message} (was the environment prepared?)`),
      );
    });
    socket.on(
      'data',
      lineReader((message) => {
        clearTimeout(timer);
        socket.end();
        resolve(message as GuestAnswer);
      }),
    );
    socket.once('close', () => {
      clearTimeout(timer);
      reject(new GuestUnreachable(`the broker of run ${runId} closed the connection without an answer`));
    });
    socket.write(frame({ ...request, id: 1 }));
  });
}

/** Runs argv in the run's guest with a hard time limit, in a scratch TMPDIR of its own. */
export async function guestExec(
  runId: string,
  argv: readonly string[],
  options: { timeoutMs: number; env?: Record<string, string>; ffi?: boolean },
): Promise<CommandResult> {
  const request = { argv, env: options.env ?? {}, timeoutMs: options.timeoutMs, ffi: options.ffi === true };
  const reply = await ask(runId, request, options.timeoutMs + ANSWER_MARGIN_MS);
  if ('error' in reply) throw new Error(`guest of run ${runId}: ${reply.error}`);
  if (!('exitCode' in reply)) throw new Error(`guest of run ${runId}: unexpected answer ${JSON.stringify(reply)}`);
  const { id: _id, ...result } = reply;
  return result;
}

/** Starts a long-running process in the guest; resolves with its pid and first stdout line. */
export async function guestStart(
  runId: string,
  argv: readonly string[],
  env: Record<string, string>,
  waitMs: number,
): Promise<{ pid: number; firstLine: string }> {
  const reply = await ask(runId, { start: argv, env }, waitMs);
  if ('error' in reply) throw new Error(reply.error);
  if (!('pid' in reply)) throw new Error(`guest of run ${runId}: unexpected answer ${JSON.stringify(reply)}`);
  return { pid: reply.pid, firstLine: reply.firstLine };
}

/** Ends a process guestStart started, with its group. */
export async function guestStop(runId: string, pid: number): Promise<void> {
  await ask(runId, { stop: pid }, 10_000);
}
