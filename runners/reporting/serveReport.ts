// Serves a generated report folder over HTTP on loopback only, for `ipc-conformance report --serve`.
// A browser treats every file:// page as an origin of its own and refuses its fetch() calls, so a
// report that reads its data files (Allure 3's multi-file output, attachments) needs a server; this
// one is a plain static server of one folder: GET and HEAD, nothing outside the folder, no caching
// (a report regenerated in place must not be served stale), and never on a non-loopback address.
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { isIP } from 'node:net';
import { extname, join, sep } from 'node:path';
import { UsageError } from '../core/errors.js';

/** A report being served. */
export interface ServedReport {
  url: string;
  close(): Promise<void>;
}

/** What the report's files are, by extension; anything else is sent as bytes. */
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.jsonl': 'application/x-ndjson; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.log': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.zip': 'application/zip',
};

/** The content type of a file the report holds. */
export function contentTypeOf(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/** Whether `host` is a loopback address: 127.0.0.0/8 or ::1 (names are not resolved, so never trusted). */
export function isLoopback(host: string): boolean {
  if (isIP(host) === 4) return host.split('.')[0] === '127';
  // The URL parser writes an IPv6 address in its shortest form (0:0:0:0:0:0:0:1 → ::1).
  if (isIP(host) === 6) return new URL(`http://[${host}]/`).hostname === '[::1]';
  return false;
}

/** The file of `root` a request path names, or undefined when it names nothing inside `root`. */
async function fileInside(root: string, urlPath: string): Promise<string | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined; // a malformed %-escape names no file
  }
  if (decoded.includes('\0')) return undefined;
  const relativePath = decoded.endsWith('/') ? `${decoded}index.html` : decoded;
  // The real path decides, so neither `..` nor a symlink inside the folder leads out of it.
  const real = await realpath(join(root, relativePath)).catch(() => undefined);
  if (!real?.startsWith(root + sep)) return undefined;
  return (await stat(real).catch(() => undefined))?.isFile() ? real : undefined;
}

function refuse(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  response.end(`${text}\n`);
}

async function answer(root: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.setHeader('Allow', 'GET, HEAD');
    return refuse(response, 405, 'method not allowed');
  }
  // Allure asks for attachments as `data/attachments/<id>?attachment`: the query names no file.
  const path = new URL(request.url ?? '/', 'http://report.invalid').pathname;
  const file = await fileInside(root, path);
  if (!file) return refuse(response, 404, 'not found');
  const size = (await stat(file)).size;
  response.writeHead(200, {
    'Content-Type': contentTypeOf(file),
    'Content-Length': size,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  if (request.method === 'HEAD') return void response.end();
  const stream = createReadStream(file);
  stream.on('error', () => response.destroy());
  stream.pipe(response);
}

/** Serves `folder` (an allure-report folder) on `host` (127.0.0.1 by default) and `port` (0: any free one). */
export async function serveReport(folder: string, options: { host?: string; port?: number } = {}): Promise<ServedReport> {
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? 0;
  if (!isLoopback(host)) throw new UsageError(`--host ${host} is not a loopback address: reports are served on 127.0.0.1 or ::1 only`);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be an integer from 0 to 65535, not '${port}'`);
  const root = await realpath(folder).catch(() => undefined);
  if (!root || !(await stat(root)).isDirectory())
    throw new UsageError(`no report folder at ${folder}: generate it first (ipc-conformance report)`);
  const server = createServer((request, response) => {
    answer(root, request, response).catch(() => {
      if (!response.headersSent) refuse(response, 500, 'cannot read the file');
      else response.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new UsageError(`port ${port} on ${host} is in use: choose another with --port`) : error),
    );
    server.listen(port, host, () => resolve());
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('the report server has no TCP address');
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${shownHost}:${address.port}/`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // A browser keeps idle connections open; close() alone would wait for them.
        server.closeAllConnections();
      }),
  };
}
