// Which properties name which peer ids: the one place the report reads `peers` from the specs.
import { parsePeerRef } from '../../specs/peers/peerRef.js';
import type { MechanismSpec } from '../../specs/schema.js';

/** Property ids by suite and key (`posix` → `mq_send/5` → [`posix-mq.send.…`]). */
export interface NamedPeers {
  posix: ReadonlyMap<string, string[]>;
  ltp: ReadonlyMap<string, string[]>;
  gvisor: ReadonlyMap<string, string[]>;
}

/** Every peer id the specs name, with the properties that name it (validated specs: every id parses). */
export function namedPeers(specs: readonly MechanismSpec[]): NamedPeers {
  const named = { posix: new Map<string, string[]>(), ltp: new Map<string, string[]>(), gvisor: new Map<string, string[]>() };
  for (const spec of specs) {
    for (const property of spec.properties) {
      for (const ref of property.peers ?? []) {
        const parsed = parsePeerRef(ref);
        if (typeof parsed === 'string') continue;
        const byKey = named[parsed.suite];
        byKey.set(parsed.key, [...(byKey.get(parsed.key) ?? []), property.id]);
      }
    }
  }
  return named;
}
