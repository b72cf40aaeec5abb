// Column labels: machine, kernel and runtime as the verdict files record them; never one label for
// two columns, nor two labels that Allure would take for one environment.
import { describe, expect, test } from 'vitest';
import {
  allureEnvironmentId,
  baseLabel,
  columnLabels,
  MAX_LABEL_LENGTH,
  originName,
  shortRuntime,
} from '../../runners/reporting/columnLabels.js';
import type { VerdictFile } from '../../runners/verdict/verdict.js';

/** Runtime descriptions as this machine's environments recorded them (reports/<env>/verdicts.json). */
const RECORDED = {
  host: { name: 'host', runtime: 'host (no container)' },
  sandbox: {
    name: 'sandbox',
    runtime: 'unshare --ipc --pid --fork --kill-child --mount --mount-proc --net --uts (unshare from util-linux 2.38.1)',
  },
  docker: { name: 'docker', runtime: 'docker 20.10.24+dfsg1, runtime runc (runc; runc version 1.1.5+ds1)' },
  gvisor: {
    name: 'gvisor',
    runtime: 'docker 20.10.24+dfsg1, runtime runsc (/usr/bin/runsc --platform=ptrace --network=none; runsc version 0.0~20221219.0)',
  },
  podman: { name: 'podman', runtime: 'podman 4.3.1 rootless as ipc-conformance-podman (runc: 1.1.5+ds1)' },
  uml: { name: 'uml', runtime: "user-mode-linux 6.1um4+b13 (linux.uml mem=1024M, this machine's root read-only through hostfs)" },
  qemu: {
    name: 'qemu:linux-image-6.1.0-57-amd64-unsigned',
    runtime:
      "qemu-system-x86_64 7.2.22 (tcg, 2 vCPUs, 1024 MiB, linux-image-6.1.0-57-amd64-unsigned, this machine's root read-only over 9p)",
  },
};

const file = (environment: Record<string, unknown> & { name: string }, generatedAt = '2026-12-05T00:00:00Z'): VerdictFile => ({
  environment: { kernel: '6.1.0-57-amd64 #1 SMP PREEMPT_DYNAMIC Debian 6.1.192-3', hostname: 'ignored', ...environment },
  generatedAt,
  verdicts: [],
});

describe('the runtime in a word or two', () => {
  test.each([
    ['host', 'host'],
    ['sandbox', 'unshare'],
    ['docker', 'docker runc'],
    ['gvisor', 'docker runsc'],
    ['podman', 'podman runc'],
    ['uml', 'uml'],
    ['qemu', 'qemu tcg'],
  ] as const)('%s → %s', (environment, short) => {
    expect(shortRuntime(RECORDED[environment])).toBe(short);
  });

  test('an unknown runtime goes by the environment name', () => {
    expect(shortRuntime({ name: 'host+fault', runtime: 'something new' })).toBe('host+fault');
  });
});

describe('labels', () => {
  test('machine, kernel release and runtime; the machine only where the file records it', () => {
    expect(baseLabel(file({ ...RECORDED.docker, machineHostname: 'node-a' }))).toBe('node-a · 6.1.0-57-amd64 · docker runc');
    // Files from before machineHostname: a host run's own host name is the machine's, a container's is not.
    expect(baseLabel(file({ ...RECORDED.host, hostname: 'vm' }))).toBe('vm · 6.1.0-57-amd64 · host');
    expect(baseLabel(file({ ...RECORDED.docker, hostname: 'ea185941d9e3' }))).toBe('6.1.0-57-amd64 · docker runc');
  });

  test('two machines with one environment name get two labels, with no note', () => {
    const { labels, notes } = columnLabels([
      { file: file({ ...RECORDED.host, machineHostname: 'node-a' }), origin: 'results/node-a' },
      { file: file({ ...RECORDED.host, machineHostname: 'node-b' }), origin: 'results/node-b' },
    ]);
    expect(labels).toEqual(['node-a · 6.1.0-57-amd64 · host', 'node-b · 6.1.0-57-amd64 · host']);
    expect(notes).toEqual([]);
  });

  test('the same machine, kernel and runtime: told apart by environment name, then by origin, and a note says so', () => {
    const machine = { runtime: 'host (no container)', machineHostname: 'node-a' };
    const { labels, notes } = columnLabels([
      { file: file({ name: 'host', ...machine }), origin: 'monday/node-a' },
      { file: file({ name: 'host', ...machine }, '2026-12-06T00:00:00Z'), origin: 'tuesday/node-a/verdicts.json' },
      { file: file({ name: 'host', ...machine }, '2026-12-07T00:00:00Z'), origin: 'wednesday.json' },
      { file: file({ ...RECORDED.docker, machineHostname: 'node-a' }), origin: 'x' },
    ]);
    expect(labels).toEqual([
      'node-a · 6.1.0-57-amd64 · host · node-a #1',
      'node-a · 6.1.0-57-amd64 · host · node-a #2',
      'node-a · 6.1.0-57-amd64 · host · wednesday',
      'node-a · 6.1.0-57-amd64 · docker runc',
    ]);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(/same host name, kernel and runtime \(node-a · 6\.1\.0-57-amd64 · host\): told apart by origin and position/);
    expect(notes[0]).toContain("wednesday.json → 'node-a · 6.1.0-57-amd64 · host · wednesday'");
  });

  test('environment names tell apart what the three facts do not', () => {
    const { labels, notes } = columnLabels([
      { file: file({ name: 'host', runtime: 'host (no container)', machineHostname: 'a' }), origin: 'a' },
      { file: file({ name: 'host-again', runtime: 'host (no container)', machineHostname: 'a' }), origin: 'b' },
    ]);
    // `host` is said by the runtime already: only the other name is added.
    expect(labels).toEqual(['a · 6.1.0-57-amd64 · host', 'a · 6.1.0-57-amd64 · host · host-again']);
    expect(notes[0]).toMatch(/told apart by environment name/);
  });

  test('labels that Allure would map to one environment id are told apart too', () => {
    expect(allureEnvironmentId('node.a · 6.1 · host')).toBe(allureEnvironmentId('node-a · 6.1 · host'));
    const { labels } = columnLabels([
      { file: file({ ...RECORDED.host, machineHostname: 'node.a' }), origin: 'one' },
      { file: file({ ...RECORDED.host, machineHostname: 'node-a' }), origin: 'two' },
    ]);
    expect(new Set(labels.map(allureEnvironmentId)).size).toBe(2);
  });

  test('long names are shortened to what Allure accepts, and no label has a slash', () => {
    const machine = 'ip-10-0-12-34.eu-west-1.compute.internal.example-cluster.example.org';
    const { labels } = columnLabels([
      { file: file({ ...RECORDED.qemu, machineHostname: machine }), origin: 'x/y' },
      {
        file: file({ ...RECORDED.qemu, machineHostname: machine }, '2026-12-08T00:00:00Z'),
        origin: 'a/b/very-long-folder-name-of-a-node/',
      },
    ]);
    expect(labels[0]).toMatch(/^ip-10-0-12-34 · 6\.1\.0-57-amd64 · qemu tcg/);
    for (const label of labels) {
      expect(label.length).toBeLessThanOrEqual(MAX_LABEL_LENGTH);
      expect(label).not.toMatch(/[/\\]/);
    }
    expect(new Set(labels).size).toBe(2);
  });

  test('an origin goes by its folder, or its file name without .json', () => {
    expect(originName('results/node-a')).toBe('node-a');
    expect(originName('results/node-a/verdicts.json')).toBe('node-a');
    expect(originName('copies/node-b.json')).toBe('node-b');
  });
});
