// The cross-environment matrix: rows = properties, columns = environments, cells = verdicts with
// the observed value where it contradicts the expectation. Written as Markdown and HTML.
import { countByStatus, type VerdictFile } from '../verdict/verdict.js';
import { cellText } from './compare.js';

/**
 * An environment's column: its verdicts, or why it could not run. `name` is the column's heading
 * (its label, columnLabels.ts); `origin` is where merged verdicts came from.
 */
export type MatrixColumn = { name: string; file: VerdictFile; origin?: string } | { name: string; unavailable: string };

interface MatrixRow {
  property: string;
  mechanism: string;
  kind: string;
  cells: string[];
}

function rows(columns: MatrixColumn[]): MatrixRow[] {
  const order = new Map<string, { mechanism: string; kind: string }>();
  for (const column of columns) {
    if ('file' in column) for (const v of column.file.verdicts) if (!order.has(v.property)) order.set(v.property, v);
  }
  const byProperty = columns.map((column) => ('file' in column ? new Map(column.file.verdicts.map((v) => [v.property, v])) : undefined));
  return [...order.entries()].map(([property, { mechanism, kind }]) => ({
    property,
    mechanism,
    kind,
    cells: byProperty.map((verdicts) => (verdicts ? cellText(verdicts.get(property)) : 'unavailable')),
  }));
}

function columnSummary(column: MatrixColumn): string {
  if (!('file' in column)) return `${column.name}: unavailable — ${column.unavailable}`;
  const counts = countByStatus(column.file.verdicts);
  const env = column.file.environment;
  const from = column.origin ? `, from ${column.origin}` : '';
  return `${column.name}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped, ${counts.broken} broken — environment ${env.name}, ${String(env.runtime)}, kernel ${String(env.kernel)}${from}`;
}

/** The matrix as Markdown; `notes` say why some column labels carry more than machine, kernel and runtime. */
export function matrixMarkdown(columns: MatrixColumn[], notes: readonly string[] = []): string {
  const escapeCell = (text: string) => text.replaceAll('|', '\\|');
  const header = `| property | kind | ${columns.map((c) => c.name).join(' | ')} |`;
  const rule = `|---|---|${columns.map(() => '---').join('|')}|`;
  const body = rows(columns).map((row) => `| ${row.property} | ${row.kind} | ${row.cells.map(escapeCell).join(' | ')} |`);
  const labelNotes = notes.length ? ['', ...notes.map((note) => `Note: ${note}`)] : [];
  return [
    '# IPC conformance matrix',
    '',
    ...columns.map((c) => `- ${columnSummary(c)}`),
    ...labelNotes,
    '',
    header,
    rule,
    ...body,
    '',
  ].join('\n');
}

const escapeHtml = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

/** The matrix as a self-contained HTML page. */
export function matrixHtml(columns: MatrixColumn[], notes: readonly string[] = []): string {
  const statusClass = (cell: string) => cell.split(':')[0]!.replace(/[^a-z]/g, '');
  const body = rows(columns)
    .map(
      (row) =>
        `<tr><th>${escapeHtml(row.property)}</th><td>${escapeHtml(row.kind)}</td>${row.cells
          .map((cell) => `<td class="${statusClass(cell)}">${escapeHtml(cell)}</td>`)
          .join('')}</tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>IPC conformance matrix</title>
<style>
body { font: 14px system-ui, sans-serif; margin: 2em; }
table { border-collapse: collapse; }
th, td { border: 1px solid #ccc; padding: 4px 8px; text-align: left; vertical-align: top; }
th { font-weight: normal; font-family: monospace; }
.passed { background: #e6f4ea; } .failed { background: #fce8e6; } .broken { background: #fef7e0; }
.skipped, .unavailable { background: #f1f3f4; color: #555; }
</style></head><body>
<h1>IPC conformance matrix</h1>
<ul>${columns.map((c) => `<li>${escapeHtml(columnSummary(c))}</li>`).join('')}</ul>
${notes.map((note) => `<p>Note: ${escapeHtml(note)}</p>`).join('\n')}
<table><thead><tr><th>property</th><th>kind</th>${columns.map((c) => `<th>${escapeHtml(c.name)}</th>`).join('')}</tr></thead>
<tbody>
${body}
</tbody></table></body></html>
`;
}
