// Allure 3 configuration used by `ipc-conformance run` (runners/reporting/allureReport.ts).
// The CLI passes the environments of the report and the description of the run through
// environment variables, so one file serves every environment.
const environments = (process.env.IPC_CONFORMANCE_ENVIRONMENTS ?? 'host').split(',').filter(Boolean);
const variables = JSON.parse(process.env.IPC_CONFORMANCE_REPORT_VARIABLES ?? '{}');

export default {
  name: 'ipc-conformance',
  variables,
  // The run's history.jsonl (runners/reporting/reportRuns.ts carries it from run to run); none for
  // reports that keep no history.
  historyPath: process.env.IPC_CONFORMANCE_ALLURE_HISTORY || undefined,
  environments: Object.fromEntries(
    environments.map((name) => [
      name,
      { name, matcher: ({ labels }) => labels.some((label) => label.name === 'environment' && label.value === name) },
    ]),
  ),
  plugins: {
    awesome: {
      options: {
        reportName: 'ipc-conformance',
        // One self-contained HTML file: opens from disk without a web server or network.
        singleFile: true,
        reportLanguage: 'en',
        groupBy: ['epic', 'feature', 'story'],
      },
    },
  },
};
