// deploy/: the Job and collector manifests follow the Kubernetes API's rules and give the host
// environment what it needs; the scripts pass `bash -n` (and shellcheck where installed); and, on a
// stand-in for a cluster (stubCluster.ts), one Job per node runs the very command of the manifest
// here, and collect.sh copies each node's results out and merges them with `matrix --from`.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
// yaml comes with allure (@allurereport/core): a dependency of the kit already, not one more.
import { parse } from 'yaml';
import { KIT_ROOT } from '../../runners/core/kitPaths.js';
import { runCommand } from '../../runners/process/runCommand.js';
import type { VerdictFile } from '../../runners/verdict/verdict.js';
import { matrixHeadings, readJson, reportedTests } from './fleetSupport.js';
import { stubCluster } from './stubCluster.js';

const deploy = join(KIT_ROOT, 'deploy');
const SCRIPTS = ['run-jobs.sh', 'collect.sh', 'build-image.sh'];
// biome-ignore lint/suspicious/noExplicitAny: a parsed manifest is walked by the API's field names
type Manifest = any;

/** A template as the scripts render it (the same four placeholders), parsed. */
async function rendered(file: string, values: Record<string, string>): Promise<Manifest> {
  let text = await readFile(join(deploy, file), 'utf8');
  for (const [placeholder, value] of Object.entries(values)) text = text.replaceAll(`__${placeholder}__`, value);
  expect(text, `${file} keeps a placeholder the scripts do not fill`).not.toMatch(/__[A-Z]+__/);
  return parse(text);
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const sample = {
  NAME: 'ipc-conformance-20261205-031823-12',
  NODE: 'ip-10-0-1-7.eu-west-1.compute.internal',
  IMAGE: 'registry.example:5000/ipc-conformance-runner:0.1.0',
  RUN: '20261205-031823',
};

describe('the manifests', () => {
  test('the Job: one pod, pinned to its node by name, in the node’s namespaces, privileged, writing to the run’s folder', async () => {
    const job = await rendered('conformance-job.yaml', sample);
    expect([job.apiVersion, job.kind]).toEqual(['batch/v1', 'Job']);
    expect(job.metadata.name).toMatch(DNS_LABEL);
    expect(job.metadata.name.length).toBeLessThanOrEqual(63); // it becomes the pods' job-name label
    expect(job.metadata.annotations['ipc-conformance/node']).toBe(sample.NODE);
    expect(job.spec.template.metadata.labels['ipc-conformance/run']).toBe(sample.RUN);
    const pod = job.spec.template.spec;
    expect(pod.restartPolicy).toBe('Never');
    expect([pod.hostIPC, pod.hostPID, pod.hostNetwork]).toEqual([true, true, true]);
    const [term] = pod.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms;
    expect(term.matchFields).toEqual([{ key: 'metadata.name', operator: 'In', values: [sample.NODE] }]);
    expect(pod.containers).toHaveLength(1);
    const [container] = pod.containers;
    expect(container.image).toBe(sample.IMAGE);
    expect(container.securityContext.privileged).toBe(true);
    expect(container.env).toContainEqual({ name: 'NODE_NAME', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } });
    expect(container.args.join(' ')).toContain('run --env host --format json --output /results/$(NODE_NAME)');
    const mount = container.volumeMounts.find((m: Manifest) => m.mountPath === '/results');
    const volume = pod.volumes.find((v: Manifest) => v.name === mount.name);
    expect(volume.hostPath.path).toBe(`/var/lib/ipc-conformance/${sample.RUN}`);
  });

  test('the collector: on the same node, the parent of the Job’s folder at /results, a deadline, no privilege', async () => {
    const pod = await rendered('collector-pod.yaml', sample);
    expect([pod.apiVersion, pod.kind]).toEqual(['v1', 'Pod']);
    expect(pod.metadata.name).toMatch(DNS_LABEL);
    expect(pod.spec.activeDeadlineSeconds).toBeGreaterThan(0);
    const [term] = pod.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms;
    expect(term.matchFields[0].values).toEqual([sample.NODE]);
    const [container] = pod.spec.containers;
    expect(container.securityContext?.privileged).toBeUndefined();
    expect(container.volumeMounts).toEqual([{ name: 'results', mountPath: '/results' }]);
    expect(pod.spec.volumes[0].hostPath.path).toBe('/var/lib/ipc-conformance');
  });

  test.each(SCRIPTS)('%s parses (bash -n), and shellcheck finds nothing where it is installed', async (script) => {
    const syntax = await runCommand(['bash', '-n', join(deploy, script)], { timeoutMs: 10_000 });
    expect(syntax.stderr).toBe('');
    expect(syntax.exitCode).toBe(0);
    const shellcheck = await runCommand(['shellcheck', join(deploy, script)], { timeoutMs: 30_000 }).catch(() => undefined);
    if (shellcheck) expect(shellcheck.stdout + shellcheck.stderr).toBe('');
  });
});

describe('run-jobs.sh and collect.sh on a stand-in cluster of two nodes', () => {
  const nodes = ['node-a', 'node-b'];
  let root: string;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'ipc-conformance-deploy-'));
  });

  afterAll(async () => {
    if (root) await rm(root, { recursive: true, force: true });
  });

  test('one Job per node, each node’s run collected, the results merged', async () => {
    const cluster = await stubCluster(root, nodes);
    const script = (name: string, args: string[]) =>
      runCommand(['bash', join(deploy, name), ...args], {
        timeoutMs: 300_000,
        env: { ...cluster.env, IPC_CONFORMANCE_REPORTS_ROOT: join(root, 'reports') },
      });

    const started = await script('run-jobs.sh', [sample.IMAGE]);
    expect(started.stderr).toBe('');
    expect(started.exitCode).toBe(0);
    const run = /^run: (\S+) \(2 nodes\)/m.exec(started.stdout)?.[1];
    expect(run).toMatch(/^\d{8}-\d{6}$/);

    // What each node's kubelet would do: the pod's command, with $(NODE_NAME) expanded and
    // /results mounted from the node's /var/lib/ipc-conformance/<run>; a small selection for time.
    const { objects } = await applied(cluster.state);
    const jobs = objects.filter((o) => o.kind === 'Job');
    expect(jobs.map((j) => j.metadata.annotations['ipc-conformance/node']).sort()).toEqual(nodes);
    for (const job of jobs) {
      const node = job.metadata.annotations['ipc-conformance/node'];
      const [container] = job.spec.template.spec.containers;
      const results = join(cluster.nodeDir(node), run!);
      await mkdir(results, { recursive: true });
      const command = [...container.command, ...container.args].map((part: string) =>
        part
          .replaceAll('$(NODE_NAME)', node)
          .replaceAll('/results', results)
          .replace('node /kit/bin/ipc-conformance.js run', `node ${KIT_ROOT}/bin/ipc-conformance.js run --only 'pipe.direction.*'`),
      );
      const ran = await runCommand(command, { timeoutMs: 300_000, env: { IPC_CONFORMANCE_REPORTS_ROOT: join(root, 'reports') } });
      expect(ran.exitCode, ran.stderr.slice(-500)).toBe(0);
      expect(ran.stdout).toMatch(/ipc-conformance run exited [01]/);
      const file = await readJson<VerdictFile>(join(results, node, 'verdicts.json'));
      expect(file.verdicts.map((v) => v.property).sort()).toEqual([
        'pipe.direction.lseek-on-a-pipe-gives-espipe',
        'pipe.direction.read-end-cannot-write',
        'pipe.direction.write-end-cannot-read',
      ]);
    }

    // A node whose collected folder lacks a verdict file is named and left out of the merge.
    const collected = join(root, 'collected');
    await mkdir(join(collected, 'node-z'), { recursive: true });
    await writeFile(join(collected, 'node-z', 'junit.xml'), '<testsuites/>');
    const merged = await script('collect.sh', [run!, collected, sample.IMAGE]);
    expect(merged.exitCode, merged.stderr).toBe(0);
    expect(merged.stderr).toMatch(/skipped: .*node-z has no verdicts\.json/);
    for (const node of nodes) {
      expect(existsSync(join(collected, node, 'verdicts.json'))).toBe(true);
      expect(existsSync(join(cluster.nodeDir(node), run!)), 'the run’s folder is removed from the node once copied').toBe(false);
    }
    // One machine plays both nodes here: the same host name, kernel and runtime, told apart by folder.
    const headings = matrixHeadings(await readFile(join(collected, 'merged', 'matrix.md'), 'utf8'));
    expect(headings).toHaveLength(2);
    expect(headings[0]).toMatch(new RegExp(`^${hostname()} · .+ · host · node-a$`));
    expect(headings[1]).toMatch(new RegExp(`^${hostname()} · .+ · host · node-b$`));
    expect(new Set((await reportedTests(join(collected, 'merged', 'allure-report'))).map((t) => t.environment))).toEqual(new Set(headings));
    // Every collector pod made was deleted.
    const after = await applied(cluster.state);
    const collectors = after.objects.filter((o) => o.kind === 'Pod');
    expect(
      collectors
        .map(
          (pod) =>
            pod.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchFields[0].values[0],
        )
        .sort(),
    ).toEqual(nodes);
    for (const pod of collectors) expect(after.calls).toContain(`-n default delete pod ${pod.metadata.name} --wait=false`);
  }, 600_000);
});

/** What the stand-in was given: the applied objects, parsed, and the kubectl calls in order. */
async function applied(state: string): Promise<{ objects: Manifest[]; calls: string[] }> {
  const files = (await readdir(join(state, 'objects'))).sort();
  const objects = await Promise.all(files.map(async (f) => parse(await readFile(join(state, 'objects', f), 'utf8'))));
  const calls = (await readFile(join(state, 'calls.log'), 'utf8').catch(() => '')).split('\n');
  return { objects, calls };
}
