// Serves one page over loopback HTTP with a pause in the middle of it: the bytes up to `pauseAt`,
// then nothing for `pauseMs`, then the rest. A browser runs what it has parsed meanwhile, as it does
// when it parses a large page on a busy machine, so a page that depends on the order in which its
// scripts and its data arrive shows it every time instead of once in a while. Other paths are 404.
import { createServer } from 'node:http';

/** A page being served with a pause. */
export interface StalledPage {
  url: string;
  close(): Promise<void>;
}

export async function serveStalled(html: string, pauseAt: number, pauseMs: number): Promise<StalledPage> {
  const body = Buffer.from(html, 'utf8');
  const cut = Buffer.byteLength(html.slice(0, pauseAt), 'utf8');
  const timers = new Set<NodeJS.Timeout>();
  const server = createServer((request, response) => {
    if (new URL(request.url ?? '/', 'http://page.invalid').pathname !== '/index.html') {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
    response.write(body.subarray(0, cut));
    const timer = setTimeout(() => {
      timers.delete(timer);
      response.end(body.subarray(cut));
    }, pauseMs);
    timers.add(timer);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no TCP address');
  return {
    url: `http://127.0.0.1:${address.port}/index.html`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
