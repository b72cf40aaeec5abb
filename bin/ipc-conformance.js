#!/usr/bin/env node
// Starts the compiled CLI; says how to build it when it is missing rather than printing a trace.
import { existsSync } from 'node:fs';

const entry = new URL('../dist/runners/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write(
    'ipc-conformance: error: the kit is not built: run `npm ci` in it (its prepare script builds dist/) or `make build`\n',
  );
  process.exit(2);
}
await import(entry.href);
