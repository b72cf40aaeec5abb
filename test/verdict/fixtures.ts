// Verdict files of real runs on the kit's development machine, kept as test data: the host, sandbox,
// uml and podman runs in full, and excerpts of a gvisor and a qemu run (every broken verdict and
// some of each other status) to keep the repository small. They were written before the verdict
// format 1.0.0, so they also stand for the files of older runs the kit must still read.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { VerdictFile } from '../../runners/verdict/verdict.js';

const folder = join(import.meta.dirname, 'fixtures');

export const REAL_RUNS = ['host', 'sandbox', 'uml', 'podman', 'gvisor-excerpt', 'qemu-amd64-excerpt'] as const;

/** The path of one real run's verdict file. */
export const realRunPath = (run: (typeof REAL_RUNS)[number]) => join(folder, `${run}.verdicts.json`);

/** One real run's verdict file, parsed but not checked. */
export const realRun = (run: (typeof REAL_RUNS)[number]) => JSON.parse(readFileSync(realRunPath(run), 'utf8')) as VerdictFile;
