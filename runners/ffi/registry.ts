// Every FFI probe by id (`<mechanism>.<case>`, named after the fixture case it mirrors).
import { fifoProbes } from './fifoProbes.js';
import type { FfiObservation } from './libc.js';
import { pipeProbes } from './pipeProbes.js';
import { posixMqProbes } from './posixMqProbes.js';
import { posixSemProbes } from './posixSemProbes.js';
import { posixShmProbes } from './posixShmProbes.js';
import { signalProbes } from './signalProbes.js';
import { sysvMsgProbes } from './sysvMsgProbes.js';
import { sysvSemProbes } from './sysvSemProbes.js';
import { sysvShmProbes } from './sysvShmProbes.js';
import { tcpProbes } from './tcpProbes.js';
import { udpProbes } from './udpProbes.js';
import { unixDgramProbes } from './unixDgramProbes.js';
import { unixSeqpacketProbes } from './unixSeqpacketProbes.js';
import { unixStreamProbes } from './unixStreamProbes.js';

/** An FFI probe: takes the spec's probe arguments, returns one observation. */
export type FfiProbe = (args: string[]) => FfiObservation;

export const FFI_PROBES: Record<string, FfiProbe> = {
  ...pipeProbes,
  ...fifoProbes,
  ...signalProbes,
  ...sysvMsgProbes,
  ...sysvSemProbes,
  ...sysvShmProbes,
  ...posixMqProbes,
  ...posixShmProbes,
  ...posixSemProbes,
  ...unixStreamProbes,
  ...unixDgramProbes,
  ...unixSeqpacketProbes,
  ...tcpProbes,
  ...udpProbes,
};
