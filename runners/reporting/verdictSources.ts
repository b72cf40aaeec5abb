// What `matrix --from` merges: each argument is a run's report folder (its verdicts.json, and its
// allure-results when there are any) or a verdict file on its own, typically copied from another
// machine. Every argument is checked before anything is written, so a mistake costs one line.
import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { readFile, realpath } from 'node:fs/promises';
import { join } from 'node:path';
import { UsageError } from '../core/errors.js';
import { readVerdictFileAt } from '../verdict/readVerdictFile.js';
import type { VerdictFile } from '../verdict/verdict.js';

/** One run to merge. */
export interface VerdictSource {
  /** The path as given on the command line. */
  origin: string;
  verdictPath: string;
  file: VerdictFile;
  /** The run's Allure results; absent for a verdict file given on its own, or a folder without them. */
  allureResults?: string;
}

/** Reads one argument of `--from`. */
async function readSource(origin: string): Promise<VerdictSource> {
  if (!existsSync(origin)) throw new UsageError(`--from ${origin}: no such file or folder`);
  if (!statSync(origin).isDirectory()) return { origin, verdictPath: origin, file: await readVerdictFileAt(origin) };
  const verdictPath = join(origin, 'verdicts.json');
  if (!existsSync(verdictPath))
    throw new UsageError(`--from ${origin}: the folder has no verdicts.json (give a run's report folder, or a verdict file itself)`);
  const results = join(origin, 'allure-results');
  const allureResults = existsSync(results) && statSync(results).isDirectory() ? results : undefined;
  return { origin, verdictPath, file: await readVerdictFileAt(verdictPath), ...(allureResults ? { allureResults } : {}) };
}

/**
 * Reads every `--from` argument. The same run given twice (one path twice, a symlink and its
 * target, or two byte-identical copies) is refused: it would be two columns of one run.
 */
export async function readVerdictSources(origins: readonly string[]): Promise<VerdictSource[]> {
  if (origins.length === 0) throw new UsageError('--from needs at least one report folder or verdict file');
  const sources: VerdictSource[] = [];
  const seen = new Map<string, string>();
  for (const origin of origins) {
    const source = await readSource(origin);
    const real = await realpath(source.verdictPath);
    const digest = createHash('sha256')
      .update(await readFile(real))
      .digest('hex');
    for (const key of [`path:${real}`, `content:${digest}`]) {
      const earlier = seen.get(key);
      if (earlier !== undefined) {
        const how = key.startsWith('path:') ? 'the same verdict file' : 'identical copies of one run';
        throw new UsageError(`--from ${earlier} and ${origin} are ${how}: give each run once`);
      }
      seen.set(key, origin);
    }
    sources.push(source);
  }
  return sources;
}
