// The form of a peer id (specs/schema.ts `PeerRef`): which reference suite, and the assertion or test
// inside it. Parsed once here so that validation and the coverage report read ids the same way.

/** A peer id taken apart: the suite, the group it is listed under, and its key in that suite's list. */
export type ParsedPeer =
  | { suite: 'posix'; interface: string; assertion: number; key: string }
  | { suite: 'ltp'; test: string; key: string }
  | { suite: 'gvisor'; test: string; key: string };

// Interface names are C identifiers; assertion ids are positive integers without leading zeros.
const POSIX = /^posix:([a-z_][a-z0-9_]*)\/([1-9][0-9]*)$/;
// LTP test names are the binaries' names: lower-case letters, digits and underscores.
const LTP = /^ltp:([a-z][a-z0-9_]*)$/;
// gTest names are Suite.Test, both C++ identifiers (a parameterised instance's prefix is not part of it).
const GVISOR = /^gvisor:([A-Za-z_][A-Za-z0-9_]*\.[A-Za-z_][A-Za-z0-9_]*)$/;

/** The parts of a peer id, or a sentence saying why it is malformed. */
export function parsePeerRef(text: unknown): ParsedPeer | string {
  if (typeof text !== 'string') return `peer ${JSON.stringify(text)} is not a string`;
  const posix = POSIX.exec(text);
  if (posix) return { suite: 'posix', interface: posix[1]!, assertion: Number(posix[2]), key: `${posix[1]}/${posix[2]}` };
  const ltp = LTP.exec(text);
  if (ltp) return { suite: 'ltp', test: ltp[1]!, key: ltp[1]! };
  const gvisor = GVISOR.exec(text);
  if (gvisor) return { suite: 'gvisor', test: gvisor[1]!, key: gvisor[1]! };
  return `peer '${text}' is malformed (expected posix:<interface>/<n>, ltp:<test> or gvisor:<Suite.Test>)`;
}
