// The host side of a guest: runs in the process that prepared the environment, owns the one
// channel to the guest agent and serves any number of local clients (every process of the run) on
// a UNIX socket in the run's guest folder. It re-numbers requests so that the clients' ids never
// meet on the channel, and hands each answer back to the connection it came from (PROTOCOL.md).
import { createServer, type Server, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { guestSocketPath } from './guestFolder.js';
import { frame, type GuestAnswer, type GuestRequest, lineReader } from './protocol.js';

/** Bytes sent to the agent and not yet acknowledged, at most: half of N_TTY's 4 KiB buffer. */
const WINDOW = 2048;

export interface GuestBroker {
  readonly socketPath: string;
  /** Resolves once the agent said it is ready. */
  readonly ready: Promise<void>;
  /** Stops serving and removes the socket; the channel is the guest's to close. */
  close(): Promise<void>;
}

/** Serves the run's clients over `channel`, the byte stream to the agent. */
export async function startBroker(runId: string, channel: Duplex): Promise<GuestBroker> {
  const socketPath = guestSocketPath(runId);
  let nextId = 1;
  const pending = new Map<number, { client: Socket; id: number }>();
  let agentReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (agentReady = resolve));

  // Flow control: a serial line's receive buffer in the guest is a few KiB, and UML's line stops
  // for good when it overflows (40 requests sent at once froze it). So no more than WINDOW bytes
  // are on the way unacknowledged: the agent acknowledges every chunk it has read.
  const outgoing: Buffer[] = [];
  let unacknowledged = 0;
  const pump = () => {
    while (outgoing.length && unacknowledged < WINDOW) {
      const next = outgoing[0]!;
      const room = WINDOW - unacknowledged;
      const piece = next.subarray(0, room);
      if (piece.length === next.length) outgoing.shift();
      else outgoing[0] = next.subarray(room);
      unacknowledged += piece.length;
      channel.write(piece);
    }
  };
  const send = (message: object) => {
    outgoing.push(Buffer.from(frame(message)));
    pump();
  };

  channel.on(
    'data',
    lineReader((message) => {
      const ack = (message as { ack?: number }).ack;
      if (typeof ack === 'number') {
        unacknowledged = Math.max(0, unacknowledged - ack);
        return pump();
      }
      if ((message as { ready?: boolean }).ready) return agentReady();
      const reply = message as GuestAnswer;
      const waiting = pending.get(reply.id);
      if (!waiting) return;
      pending.delete(reply.id);
      if (!waiting.client.destroyed) waiting.client.write(frame({ ...reply, id: waiting.id }));
    }),
  );
  channel.on('error', () => undefined); // the guest going away ends the clients' connections below
  channel.once('close', () => {
    for (const { client, id } of pending.values()) client.end(frame({ id, error: 'the guest is gone' }));
    pending.clear();
  });

  const server: Server = createServer((client) => {
    client.on('error', () => undefined);
    client.on(
      'data',
      lineReader((message) => {
        const request = message as GuestRequest;
        const id = nextId++;
        pending.set(id, { client, id: request.id });
        send({ ...request, id });
      }),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => resolve());
  });
  server.unref(); // the broker never keeps its process alive on its own
  return {
    socketPath,
    ready,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
