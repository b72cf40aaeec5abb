// Where each mechanism's FFI probes live. A probe process loads only its own mechanism's module:
// every FFI probe is a fresh Node process, and loading all fourteen modules cost a fifth of its
// start-up, a hundred times per conformance run.
import type { FfiProbe } from './registry.js';

type Probes = Record<string, FfiProbe>;

/** Mechanism id (the part of a probe id before the first dot) → its probes, loaded on demand. */
export const FFI_FAMILIES: Record<string, () => Promise<Probes>> = {
  pipe: async () => (await import('./pipeProbes.js')).pipeProbes,
  fifo: async () => (await import('./fifoProbes.js')).fifoProbes,
  signal: async () => (await import('./signalProbes.js')).signalProbes,
  'sysv-msg': async () => (await import('./sysvMsgProbes.js')).sysvMsgProbes,
  'sysv-sem': async () => (await import('./sysvSemProbes.js')).sysvSemProbes,
  'sysv-shm': async () => (await import('./sysvShmProbes.js')).sysvShmProbes,
  'posix-mq': async () => (await import('./posixMqProbes.js')).posixMqProbes,
  'posix-shm': async () => (await import('./posixShmProbes.js')).posixShmProbes,
  'posix-sem': async () => (await import('./posixSemProbes.js')).posixSemProbes,
  'unix-stream': async () => (await import('./unixStreamProbes.js')).unixStreamProbes,
  'unix-dgram': async () => (await import('./unixDgramProbes.js')).unixDgramProbes,
  'unix-seqpacket': async () => (await import('./unixSeqpacketProbes.js')).unixSeqpacketProbes,
  tcp: async () => (await import('./tcpProbes.js')).tcpProbes,
  udp: async () => (await import('./udpProbes.js')).udpProbes,
};

/** The probe with this id, loading only its mechanism's module; undefined when there is none. */
export async function loadFfiProbe(id: string): Promise<FfiProbe | undefined> {
  const load = FFI_FAMILIES[id.slice(0, id.indexOf('.'))];
  return load ? (await load())[id] : undefined;
}
