// Reads a verdicts.json back (diff, claims, report). The file may be old, hand-edited, truncated
// by a full disk or not a verdict file at all, so its shape is checked before anything reads it:
// a bad file is one line naming the file and what is wrong with it, never a JavaScript error.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { VERDICT_STATUSES, type VerdictFile } from './verdict.js';

/** A verdict file that is missing or malformed; the message names the file. */
export class VerdictFileError extends Error {
  override name = 'VerdictFileError';
}

/** Reads reports/<env>/verdicts.json of a report folder, or says which run is missing. */
export async function readVerdictFile(outputDir: string): Promise<VerdictFile> {
  return readVerdictFileAt(join(outputDir, 'verdicts.json'));
}

/** Reads and checks one verdict file, wherever it is. */
export async function readVerdictFileAt(path: string): Promise<VerdictFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new VerdictFileError(`${path} does not exist: run \`ipc-conformance run\` first`);
    throw new VerdictFileError(`${path} cannot be read: ${code ?? (error as Error).message}`);
  }
  if (text.trim() === '') throw new VerdictFileError(`${path} is empty, not a verdict file (an interrupted run?)`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new VerdictFileError(`${path} is not valid JSON: ${(error as Error).message}`);
  }
  const problem = verdictFileProblem(parsed);
  if (problem) throw new VerdictFileError(`${path} is not a verdict file: ${problem}`);
  return parsed as VerdictFile;
}

/** The first thing that keeps `data` from being a VerdictFile, or undefined. */
function verdictFileProblem(data: unknown): string | undefined {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return 'it holds no JSON object';
  const file = data as Record<string, unknown>;
  const environment = file.environment as { name?: unknown } | null | undefined;
  if (typeof environment !== 'object' || environment === null || typeof environment.name !== 'string' || environment.name === '') {
    return 'it names no environment (environment.name)';
  }
  if (!Array.isArray(file.verdicts)) return 'it has no verdicts list';
  for (const [index, verdict] of file.verdicts.entries()) {
    const v = verdict as { property?: unknown; status?: unknown } | null;
    if (typeof v !== 'object' || v === null || typeof v.property !== 'string') return `verdicts[${index}] names no property`;
    if (!(VERDICT_STATUSES as readonly unknown[]).includes(v.status)) {
      return `verdicts[${index}] (${v.property}) has status ${JSON.stringify(v.status)}, not one of ${VERDICT_STATUSES.join(', ')}`;
    }
  }
  return undefined;
}
