// CONTRACT (issue 17): the machine-readable outputs of a run, written from its verdicts. The CLI
// calls writeRunOutputs after every run and renderRun for `run --format <format>` on stdout. Each
// format is written by its own module; this one only names them and where they go.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { VerdictFile } from '../verdict/verdict.js';
import { renderJunit } from './junit.js';
import { renderKcidb } from './kcidb.js';
import { renderKtap } from './ktap.js';

/** What `run --format` accepts: text is the human summary; the others are printed on stdout. */
export const RUN_FORMATS = ['text', 'json', 'junit', 'tap', 'kcidb'] as const;
export type RunFormat = (typeof RUN_FORMATS)[number];
export type MachineFormat = Exclude<RunFormat, 'text'>;

/** The file each machine format is written to in a run's folder. */
export const RUN_OUTPUT_FILES: Record<MachineFormat, string> = {
  json: 'verdicts.json',
  junit: 'junit.xml',
  tap: 'results.ktap',
  kcidb: 'kcidb.json',
};

const RENDERERS: Record<MachineFormat, (file: VerdictFile) => string> = {
  // The same text the VerdictReporter writes to verdicts.json.
  json: (file) => `${JSON.stringify(file, null, 2)}\n`,
  junit: renderJunit,
  tap: renderKtap,
  kcidb: renderKcidb,
};

/** Writes junit.xml, results.ktap and kcidb.json next to the run's verdicts.json in `dir`. */
export async function writeRunOutputs(dir: string, file: VerdictFile): Promise<void> {
  // verdicts.json is the VerdictReporter's: written when the run ended, before these.
  const formats = (Object.keys(RUN_OUTPUT_FILES) as MachineFormat[]).filter((format) => format !== 'json');
  await Promise.all(formats.map((format) => writeFile(join(dir, RUN_OUTPUT_FILES[format]), renderRun(file, format))));
}

/** One machine format of the run, as printed on stdout. */
export function renderRun(file: VerdictFile, format: MachineFormat): string {
  return RENDERERS[format](file);
}
