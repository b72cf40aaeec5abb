// CONTRACT (issue 17, filled by the reports helper): serves a generated report folder over HTTP on
// loopback only, for `ipc-conformance report --serve`.

/** A report being served. */
export interface ServedReport {
  url: string;
  close(): Promise<void>;
}

/** Serves `folder` (an allure-report folder) on `host` (127.0.0.1 by default) and `port` (0: any free one). */
export async function serveReport(_folder: string, _options: { host?: string; port?: number } = {}): Promise<ServedReport> {
  throw new Error('serveReport: not built yet');
}
