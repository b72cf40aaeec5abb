// serveReport: the files of one folder over loopback HTTP, with their content types, and nothing
// else: no path out of the folder (.., encoded .., a symlink), no other method, no other address.

import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { Agent, request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { UsageError } from '../../runners/core/errors.js';
import { contentTypeOf, isLoopback, type ServedReport, serveReport } from '../../runners/reporting/serveReport.js';

let root: string;
let folder: string;
let served: ServedReport;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ipc-conformance-serve-'));
  folder = join(root, 'allure-report');
  await mkdir(join(folder, 'data', 'attachments'), { recursive: true });
  await writeFile(join(folder, 'index.html'), '<!doctype html><title>report</title>');
  await writeFile(join(folder, 'app.js'), 'console.log(1)');
  await writeFile(join(folder, 'data', 'attachments', 'a1.json'), '{"value":4096}');
  await writeFile(join(root, 'secret.txt'), 'outside the report');
  await symlink(join(root, 'secret.txt'), join(folder, 'leak.txt'));
  served = await serveReport(folder);
});
afterAll(async () => {
  await served?.close();
  await rm(root, { recursive: true, force: true });
});

/** A raw request: the path is sent exactly as given (fetch() would normalise `..` away). */
function get(url: string, path: string, method = 'GET'): Promise<{ status: number; type: string; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const host = hostname.replace(/^\[|\]$/g, ''); // an IPv6 address is written in brackets in a URL
    const request = httpRequest({ host, port, path, method, agent: false }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        body += chunk;
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, type: String(response.headers['content-type'] ?? ''), body }));
    });
    request.on('error', reject);
    request.end();
  });
}

describe('serving a report folder', () => {
  test('on 127.0.0.1 and a free port', () => {
    expect(served.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(Number(new URL(served.url).port)).toBeGreaterThan(0);
  });

  test('its files, with their content types', async () => {
    expect(await get(served.url, '/')).toMatchObject({
      status: 200,
      type: 'text/html; charset=utf-8',
      body: expect.stringContaining('<title>report'),
    });
    expect(await get(served.url, '/index.html')).toMatchObject({ status: 200, type: 'text/html; charset=utf-8' });
    expect(await get(served.url, '/app.js')).toMatchObject({ status: 200, type: 'text/javascript; charset=utf-8' });
    // Allure asks for attachments with a query string, which names no file.
    expect(await get(served.url, '/data/attachments/a1.json?attachment')).toMatchObject({
      status: 200,
      type: 'application/json; charset=utf-8',
      body: '{"value":4096}',
    });
    expect(await get(served.url, '/index.html', 'HEAD')).toMatchObject({ status: 200, body: '' });
    expect(contentTypeOf('x.woff2')).toBe('font/woff2');
    expect(contentTypeOf('x.unknown')).toBe('application/octet-stream');
  });

  test('nothing outside the folder, however the path is written', async () => {
    for (const path of [
      '/../secret.txt',
      '/data/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
      '/leak.txt',
      '/data',
      '/nope.html',
      '/%zz',
    ])
      expect((await get(served.url, path)).status, path).toBe(404);
  });

  test('GET and HEAD only', async () => {
    expect((await get(served.url, '/index.html', 'POST')).status).toBe(405);
    expect((await get(served.url, '/index.html', 'DELETE')).status).toBe(405);
  });
});

describe('refusing', () => {
  test('an address that is not loopback', async () => {
    for (const host of ['0.0.0.0', '192.168.1.10', '::', 'localhost', 'example.org'])
      await expect(serveReport(folder, { host }), host).rejects.toThrow(UsageError);
    expect(['127.0.0.1', '127.1.2.3', '::1', '0:0:0:0:0:0:0:1'].every(isLoopback)).toBe(true);
  });

  test('a port in use, a port out of range, a folder that is not there', async () => {
    const port = Number(new URL(served.url).port);
    await expect(serveReport(folder, { port })).rejects.toThrow(/port \d+ on 127\.0\.0\.1 is in use/);
    await expect(serveReport(folder, { port: 70000 })).rejects.toThrow(UsageError);
    await expect(serveReport(join(root, 'missing'))).rejects.toThrow(/no report folder at/);
  });
});

test('close() ends the server even with a connection left open, and nothing answers afterwards', async () => {
  const other = await serveReport(folder, { host: '::1' });
  expect(other.url).toMatch(/^http:\/\/\[::1\]:\d+\/$/);
  const { port } = new URL(other.url);
  // A keep-alive connection that stays open, as a browser's does.
  const agent = new Agent({ keepAlive: true });
  try {
    const idle = httpRequest({ host: '::1', port, path: '/index.html', agent });
    await new Promise<void>((resolve) => idle.on('response', (response) => response.resume().on('end', resolve)).end());
    const started = performance.now();
    await other.close();
    expect(performance.now() - started).toBeLessThan(1000);
    await expect(get(other.url, '/index.html')).rejects.toThrow(/ECONNREFUSED/);
  } finally {
    agent.destroy();
    await other.close().catch(() => undefined);
  }
});
