// CONTRACT (issue 17, filled by the formats helper): the machine-readable outputs of a run,
// written from its verdicts. The CLI calls writeRunOutputs after every run and renderRun for
// `run --format <format>` on stdout.
import type { VerdictFile } from '../verdict/verdict.js';

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

/** Writes junit.xml, results.ktap and kcidb.json next to the run's verdicts.json in `dir`. */
export async function writeRunOutputs(_dir: string, _file: VerdictFile): Promise<void> {
  throw new Error('writeRunOutputs: not built yet');
}

/** One machine format of the run, as printed on stdout. */
export function renderRun(_file: VerdictFile, _format: MachineFormat): string {
  throw new Error('renderRun: not built yet');
}
