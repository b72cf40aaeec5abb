// Adds (or updates) the `runsc` runtime in dockerd's daemon.json, keeping every other setting.
// Prints "changed" when the file was written, "unchanged" otherwise.
// usage: node register-runsc.mjs /etc/docker/daemon.json /usr/bin/runsc ptrace|kvm
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

const [configPath, runscPath, platform] = process.argv.slice(2);
if (!configPath || !runscPath || !platform) {
  console.error('usage: register-runsc.mjs DAEMON_JSON RUNSC_PATH PLATFORM');
  process.exit(2);
}
const before = existsSync(configPath) ? readFileSync(configPath, 'utf8') : '';
const config = before.trim() ? JSON.parse(before) : {};
config.runtimes = {
  ...config.runtimes,
  runsc: { path: runscPath, runtimeArgs: [`--platform=${platform}`, '--network=none'] },
};
const after = `${JSON.stringify(config, null, 2)}\n`;
if (after === before) {
  console.log('unchanged');
} else {
  mkdirSync(dirname(configPath), { recursive: true });
  writeFileSync(configPath, after);
  console.log('changed');
}
