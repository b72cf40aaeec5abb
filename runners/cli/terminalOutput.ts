// What the kit writes is read by people at terminals and by CI logs and parsers. Escape sequences
// (colours, cursor moves) belong on a terminal only: a stream that is not a TTY gets plain text, and
// so does every stream while NO_COLOR is set and not empty (no-color.org). The kit writes no escape
// of its own; this keeps out those of the libraries it prints through (vitest).
import { Writable } from 'node:stream';

const ESC = String.fromCharCode(0x1b);
const BEL = String.fromCharCode(0x07);
/** An ANSI escape sequence: CSI (colours, erasing, cursor moves) or OSC (titles, links). */
const ANSI_SEQUENCE = new RegExp(`${ESC}\\[[0-?]*[ -/]*[@-~]|${ESC}\\][^${BEL}${ESC}]*(?:${BEL}|${ESC}\\\\)`, 'g');

/** The text without its escape sequences. */
export const withoutEscapes = (text: string): string => text.replace(ANSI_SEQUENCE, '');

/** A stream the kit writes to. */
export interface OutputStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

/** Whether `stream` may carry colours: a terminal, and NO_COLOR unset or empty. */
export function colorsAllowed(stream: OutputStream, env: NodeJS.ProcessEnv = process.env): boolean {
  return stream.isTTY === true && !env.NO_COLOR;
}

/** A stream that forwards to `target`, without escape sequences unless `target` may carry colours. */
export function plainStream(target: NodeJS.WriteStream): Writable {
  const keep = colorsAllowed(target);
  return new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      const text = chunk.toString();
      target.write(keep ? text : withoutEscapes(text), () => done());
    },
  });
}
