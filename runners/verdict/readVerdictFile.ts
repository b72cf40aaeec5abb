// Reads a verdicts.json back (diff, claims, report, matrix). The file may be old, hand-edited,
// truncated by a full disk or not a verdict file at all, so it is checked against the verdict
// file's schema (verdictSchema.ts) before anything reads it: a bad file is one line naming the file
// and the first thing wrong with it, with where in the JSON, never a JavaScript error.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { z } from 'zod';
import type { VerdictFile } from './verdict.js';
import { VERDICT_SCHEMA_VERSION, VERDICT_STATUSES, verdictFileSchema } from './verdictSchema.js';

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
  return parseVerdictFile(parsed, path);
}

/** Checks parsed JSON against the verdict file's schema; `where` names it in the error. */
export function parseVerdictFile(data: unknown, where: string): VerdictFile {
  const newer = newerMajor(data);
  if (newer)
    throw new VerdictFileError(`${where} was written in verdict format ${newer}; this kit reads ${VERDICT_SCHEMA_VERSION} and older`);
  const result = verdictFileSchema.safeParse(data);
  if (result.success) return result.data;
  throw new VerdictFileError(`${where} is not a verdict file: ${issueText(data, result.error.issues[0]!)}`);
}

/** A file of a later major version has fields this kit would misread: refused, not guessed at. */
function newerMajor(data: unknown): string | undefined {
  const version = (data as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (typeof version !== 'string') return undefined;
  const major = Number(version.split('.')[0]);
  return major > Number(VERDICT_SCHEMA_VERSION.split('.')[0]) ? version : undefined;
}

/** `verdicts[3].observations[0].errno`: where an issue is, as one would write it in JavaScript. */
export function jsonPath(path: readonly PropertyKey[]): string {
  return path.map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`)).join('');
}

const shown = (value: unknown) => (value === undefined ? 'missing' : (JSON.stringify(value) ?? String(value)));

/** The value at `path` inside `data`, or undefined where the path leaves it. */
function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let value = data;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** One issue as a sentence; the commonest mistakes keep the words the kit has always used for them. */
function issueText(data: unknown, issue: z.core.$ZodIssue): string {
  const { path } = issue;
  const where = jsonPath(path);
  const value = valueAt(data, path);
  if (path.length === 0) return 'it holds no JSON object';
  if (where === 'environment' || where === 'environment.name') return 'it names no environment (environment.name)';
  if (where === 'verdicts' && !Array.isArray(value)) return 'it has no verdicts list';
  const [top, index, field] = path;
  if (top === 'verdicts' && typeof index === 'number') {
    const property = (valueAt(data, ['verdicts', index, 'property']) as unknown) ?? undefined;
    const named = typeof property === 'string' ? `verdicts[${index}] (${property})` : `verdicts[${index}]`;
    if (field === 'property' || path.length === 2) return `${named} names no property`;
    if (field === 'status' && path.length === 3) {
      return `${named} has status ${shown(value)}, not one of ${VERDICT_STATUSES.join(', ')}`;
    }
    return `${named}: ${jsonPath(path.slice(2))} ${problem(issue, value)}`;
  }
  return `${where} ${problem(issue, value)}`;
}

/** What is wrong with the value at an issue's place, in a few words. */
function problem(issue: z.core.$ZodIssue, value: unknown): string {
  switch (issue.code) {
    case 'invalid_type':
      return value === undefined ? `is missing (expected ${issue.expected})` : `is ${shown(value)}, not ${article(issue.expected)}`;
    case 'invalid_value':
      return `is ${shown(value)}, not one of ${issue.values.map((v) => String(v)).join(', ')}`;
    case 'invalid_format':
      if (issue.format === 'regex' && 'pattern' in issue) return `${shown(value)} does not match ${String(issue.pattern)}`;
      return `${shown(value)} is not ${issue.format === 'datetime' ? 'an ISO 8601 date and time' : `a valid ${issue.format}`}`;
    case 'too_small':
      return `${shown(value)} is too small (${issue.message})`;
    default:
      return `${shown(value)}: ${issue.message}`;
  }
}

const article = (type: string) => (/^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`);
