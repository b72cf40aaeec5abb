// The parts of the help that are not options: what each exit status means and which environment
// variables the kit reads. A CI script decides on the exit status, so each command's help says
// exactly what its statuses mean; `ipc-conformance help` gathers them.

/** Exit status → what it means for one command. */
export type ExitStatuses = Partial<Record<0 | 1 | 2, string>>;

/** Every command ends with 2 on a mistake of the caller; this is what it covers. */
export const USAGE_ERROR =
  'usage or input error, one line on stderr: an unknown command, option or environment, a bad value, ' +
  "a malformed spec or verdict file, a missing compiler, an --output folder that is not the kit's";

/** A signal ends every command the same way (runners/process/interruption.ts). */
const INTERRUPTED: [string, string] = ['128+N', 'stopped by signal N (130: Ctrl-C, 143: SIGTERM) after ending what it had started'];

/** The width commander wraps its own help to off a terminal; on one, the terminal's. */
const helpWidth = () => Math.max(process.stdout.columns ?? 80, 60);

/** `text` cut into lines of at most `width` characters at spaces. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  return [...lines, line];
}

/** Two columns as commander lays out its own: names, then their text wrapped under itself. */
const indentedTable = (rows: [string, string][]): string => {
  const width = Math.max(...rows.map(([name]) => name.length));
  const textWidth = Math.max(helpWidth() - width - 4, 30);
  return rows
    .map(([name, text]) =>
      wrap(text, textWidth)
        .map((part, index) => `  ${(index === 0 ? name : '').padEnd(width)}  ${part}`)
        .join('\n'),
    )
    .join('\n');
};

/** The "Exit status" section of one command's help. */
export function exitStatusHelp(statuses: ExitStatuses): string {
  const rows = Object.entries({ ...statuses, 2: USAGE_ERROR }).map(([status, text]): [string, string] => [status, text]);
  return `\nExit status:\n${indentedTable([...rows, INTERRUPTED])}\n`;
}

/** What the kit reads from its environment, and what for. */
export const ENVIRONMENT_VARIABLES: [string, string][] = [
  ['TMPDIR', "where the kit's run folders and temporary files go (default /tmp); checked before any command"],
  ['IPC_CONFORMANCE_REPORTS_ROOT', 'the folder reports go to instead of reports/ (an installed package: ./reports)'],
  ['IPC_PROBE_WATCHDOG_S', 'seconds a C probe may run before its watchdog ends it, 1 to 86400 (default 8)'],
  ['CC', 'the C compiler that builds the fixtures (on first use) and exercise programs'],
  ['IPC_CONFORMANCE_IMAGE', 'a container image to run docker, gvisor and podman in instead of the one the kit assembles'],
  ['IPC_CONFORMANCE_PODMAN_USER', 'the unprivileged user rootless podman runs as (default ipc-conformance-podman)'],
  ['IPC_CONFORMANCE_RUNSC_PLATFORM', 'the gVisor platform `make setup-containers` registers: kvm or ptrace (default: kvm where it works)'],
  ['XDG_CACHE_HOME', 'holds the kernel cache of qemu:<package> environments, in ipc-conformance/kernels (default ~/.cache)'],
  ['IPC_CONFORMANCE_DEBUG', "not empty: an unexpected error's stack trace follows its one line"],
  ['NO_COLOR', 'not empty: no colours or escape sequences even on a terminal (off a terminal there are none)'],
];

/** The sections `ipc-conformance help` ends with. */
export function programHelpEpilogue(): string {
  const statuses: [string, string][] = [
    [
      '0',
      'success: every property held (run), nothing differs (diff), every check held (exercise), no verdict changed ' +
        '(soak), no workload broke (bench); the files were written (list, report, matrix, claims, kernels, coverage)',
    ],
    [
      '1',
      'a finding: a property failed or broke (run), the runs differ (diff), a verdict changed between runs (soak), ' +
        'a check failed or the program does not compile (exercise), a workload broke (bench)',
    ],
    ['2', USAGE_ERROR],
  ];
  return [
    '',
    'Exit status:',
    indentedTable([...statuses, INTERRUPTED]),
    '',
    'Environment variables:',
    indentedTable(ENVIRONMENT_VARIABLES),
    '',
    '`ipc-conformance help <command>` shows the options of one command.',
    '',
  ].join('\n');
}
