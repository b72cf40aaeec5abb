// The messages between the guest agent, the host's broker and its clients (PROTOCOL.md), and the
// one framing all three use: one JSON object per line.
import { StringDecoder } from 'node:string_decoder';
import type { CommandResult } from '../process/runCommand.js';

/** Runs argv to its end (or its time limit) in a scratch TMPDIR. */
export interface RunRequest {
  id: number;
  argv: string[];
  env?: Record<string, string>;
  timeoutMs: number;
  /** argv starts the FFI entry and no variable must be in place before Node starts: the agent may fork it from its fork server. */
  ffi?: boolean;
}

/** Starts a long-running process and answers with its first stdout line. */
export interface StartRequest {
  id: number;
  start: string[];
  env?: Record<string, string>;
}

/** Ends a process started by a StartRequest, with its group. */
export interface StopRequest {
  id: number;
  stop: number;
}

export type GuestRequest = RunRequest | StartRequest | StopRequest;

export type GuestAnswer =
  | ({ id: number } & CommandResult)
  | { id: number; pid: number; firstLine: string }
  | { id: number; stopped: true }
  | { id: number; error: string };

/** Calls `onMessage` with each complete JSON line that arrives through `onData`'s chunks. */
export function lineReader(onMessage: (message: unknown) => void): (chunk: Buffer | string) => void {
  let pending = '';
  // A character whose bytes arrive in two chunks is decoded once both are there.
  const decoder = new StringDecoder('utf8');
  return (chunk) => {
    pending += typeof chunk === 'string' ? chunk : decoder.write(chunk);
    for (let newline = pending.indexOf('\n'); newline >= 0; newline = pending.indexOf('\n')) {
      const line = pending.slice(0, newline).trim();
      pending = pending.slice(newline + 1);
      if (!line.startsWith('{')) continue; // stray bytes of a serial line before the agent set it raw
      try {
        onMessage(JSON.parse(line));
      } catch {
        // a line damaged in transit: its sender's request times out on the client's side
      }
    }
  };
}

/** One message as a line. */
export function frame(message: object): string {
  return `${JSON.stringify(message)}\n`;
}
