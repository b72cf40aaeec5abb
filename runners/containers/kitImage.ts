// The kit's container image, built offline from local files: the static fixtures and tools, the
// Node binary with the libraries it links, koffi, and the compiled kit — a root filesystem packed
// with tar and loaded with `docker import` or `podman import` (the same tar for either engine). No
// registry is needed. The tag is a hash of the contents, so an unchanged kit reuses its image and a
// rebuilt one replaces it.

import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, copyFile, mkdir, readdir, readFile, realpath, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fixtureBinaryName } from '../core/fixtureBinary.js';
import { fixtureNames } from '../core/fixtureManifest.js';
import { dependencyFile, kitPaths } from '../core/kitPaths.js';
import { runCommand } from '../process/runCommand.js';
import { temporaryFolder } from '../process/temporaryFolder.js';
import { dockerEngine } from './dockerCli.js';
import { type EngineCli, KIT_LABEL } from './engineCli.js';

export const IMAGE_REPOSITORY = 'ipc-conformance-kit';
const LATEST = `${IMAGE_REPOSITORY}:latest`;

/** Where things are inside the image; the layout mirrors the repository's. */
export const IMAGE_PATHS = {
  root: '/kit',
  fixtures: '/kit/build/fixtures',
  idle: '/kit/build/tools/idle',
  scratchExec: '/kit/build/tools/scratch_exec',
  /** Where the import puts Node; the command itself is found through PATH (the Dockerfile's base has its own). */
  node: '/usr/bin/node',
  ffiEntry: '/kit/dist/runners/ffi/main.js',
} as const;

/** A file of the image: where it comes from on this machine, or its contents, and where it goes. */
type ImageFile = { to: string } & ({ from: string } | { text: string });

async function filesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

/** The dynamic libraries `binary` loads, as ldd names them (the paths they must have inside). */
async function linkedLibraries(binary: string): Promise<string[]> {
  const ldd = await runCommand(['ldd', binary], { timeoutMs: 10_000 });
  if (ldd.exitCode !== 0) throw new Error(`ldd ${binary} failed: ${ldd.stderr.trim()}`);
  return [...ldd.stdout.matchAll(/(\/\S+) \(0x/g)].map((m) => m[1]!);
}

/** A program of this machine with its libraries, when installed (the image then has it too). */
async function optionalProgram(path: string): Promise<ImageFile[]> {
  if (!existsSync(path)) return [];
  return [{ from: path, to: path }, ...(await linkedLibraries(path)).map((library) => ({ from: library, to: library }))];
}

async function imageFiles(): Promise<ImageFile[]> {
  const kit = (path: string) => ({ from: join(kitPaths.root, path), to: join(IMAGE_PATHS.root, path) });
  const tree = async (path: string) => (await filesUnder(join(kitPaths.root, path))).map((f) => kit(relative(kitPaths.root, f)));
  const dependencyTree = async (name: string) => {
    const folder = dependencyFile(name);
    return (await filesUnder(folder)).map((f) => ({ from: f, to: join(IMAGE_PATHS.root, 'node_modules', relative(dirname(folder), f)) }));
  };
  const node = await realpath(process.execPath);
  const files: ImageFile[] = [
    ...(await tree('dist')),
    // An installed kit has its dependencies beside it, not inside it: found where Node would find them.
    ...(await dependencyTree('koffi')),
    ...(await dependencyTree('@koromix')),
    ...fixtureNames().map((f) => ({
      from: join(kitPaths.fixtureBinaries, 'static', fixtureBinaryName(f)),
      to: `${IMAGE_PATHS.fixtures}/${fixtureBinaryName(f)}`,
    })),
    kit('build/tools/idle'),
    kit('build/tools/scratch_exec'),
    { from: node, to: IMAGE_PATHS.node },
    ...(await linkedLibraries(node)).map((library) => ({ from: library, to: library })),
    ...(await optionalProgram('/usr/bin/dbus-daemon')),
    // Marks /kit as the kit's root (kitPaths) and its .js files as ES modules.
    { from: join(kitPaths.root, 'runners', 'containers', 'image-package.json'), to: '/kit/package.json' },
    { text: 'root:x:0:0:root:/root:/bin/false\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n', to: '/etc/passwd' },
    { text: 'root:x:0:\nnogroup:x:65534:\n', to: '/etc/group' },
  ];
  // Programs share libraries: one entry per path inside the image.
  return [...new Map(files.map((file) => [file.to, file])).values()].sort((a, b) => a.to.localeCompare(b.to));
}

/** A tag that changes whenever any file of the image does. */
async function contentTag(files: ImageFile[]): Promise<string> {
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(`${file.to}\0`);
    hash.update('from' in file ? await readFile(file.from) : file.text);
    hash.update('\0');
  }
  return `${IMAGE_REPOSITORY}:${hash.digest('hex').slice(0, 16)}`;
}

async function assembleRootfs(files: ImageFile[], root: string): Promise<void> {
  for (const file of files) {
    const target = join(root, file.to);
    await mkdir(dirname(target), { recursive: true });
    if ('from' in file) await copyFile(await realpath(file.from), target);
    else await writeFile(target, file.text, { mode: 0o644 });
  }
  for (const folder of ['proc', 'sys', 'dev', 'root']) await mkdir(join(root, folder), { recursive: true });
  await mkdir(join(root, 'tmp'), { recursive: true });
  await chmod(join(root, 'tmp'), 0o1777);
}

/**
 * The image to run on `engine`: IPC_CONFORMANCE_IMAGE when set (e.g. one built from the
 * Dockerfile), else the kit's own, imported now if this version of the kit has none yet.
 */
export function ensureKitImage(engine: EngineCli = dockerEngine): Promise<string> {
  const known = kitImages.get(engine.name);
  if (known) return known;
  const image = findOrBuildKitImage(engine);
  kitImages.set(engine.name, image);
  return image;
}

/** One lookup per process and engine: every pair of a run uses the image the run started with. */
const kitImages = new Map<string, Promise<string>>();

async function findOrBuildKitImage(engine: EngineCli): Promise<string> {
  const chosen = process.env.IPC_CONFORMANCE_IMAGE;
  if (chosen) {
    await engine.call(['image', 'inspect', '--format', '{{.Id}}', chosen]).catch(() => {
      throw new Error(`IPC_CONFORMANCE_IMAGE=${chosen} is not an image ${engine.name} has (build it first: see the Dockerfile)`);
    });
    return chosen;
  }
  const files = await imageFiles();
  const tag = await contentTag(files);
  if ((await engine.run(['image', 'inspect', '--format', '{{.Id}}', tag])).exitCode !== 0) await importImage(engine, files, tag);
  // `latest` is what docker-compose.yml names; moving it may leave the previous image untagged.
  await engine.call(['tag', tag, LATEST]);
  await removeOtherKitImages(engine, tag);
  return tag;
}

/** Packs the image's root filesystem into a tar (in a folder removed afterwards) and imports it. */
async function importImage(engine: EngineCli, files: ImageFile[], tag: string): Promise<void> {
  const work = temporaryFolder('ipc-conformance-image-');
  try {
    const root = join(work.path, 'rootfs');
    await assembleRootfs(files, root);
    const tarball = join(work.path, 'rootfs.tar');
    const tar = await runCommand(['tar', '-C', root, '--numeric-owner', '--owner=0', '--group=0', '-cf', tarball, '.'], {
      timeoutMs: 120_000,
    });
    if (tar.exitCode !== 0) throw new Error(`tar failed: ${tar.stderr.trim()}`);
    // Rootless podman reads the tar as its own user: the kit's files, nothing secret.
    await chmod(work.path, 0o711);
    await chmod(tarball, 0o644);
    await engine.call(
      ['import', '--change', `LABEL ${KIT_LABEL}=1`, '--change', 'WORKDIR /kit', '--change', 'ENV PATH=/usr/bin:/bin', tarball, tag],
      300_000,
    );
  } finally {
    work.remove();
  }
}

/** podman names a local image localhost/NAME:TAG; docker, NAME:TAG. */
const withoutLocalhost = (tag: string) => tag.replace(/^localhost\//, '');

/** Earlier versions of the kit's image, tagged or not: removed so they do not pile up (ones in use stay). */
async function removeOtherKitImages(engine: EngineCli, keep: string): Promise<void> {
  const tags = (await engine.call(['images', IMAGE_REPOSITORY, '--format', '{{.Repository}}:{{.Tag}}'])).split('\n').filter(Boolean);
  for (const tag of tags.map(withoutLocalhost)) if (tag !== keep && tag !== LATEST) await engine.run(['rmi', tag]);
  const untagged = (await engine.call(['images', '--quiet', '--filter', 'dangling=true', '--filter', `label=${KIT_LABEL}`]))
    .split('\n')
    .filter(Boolean);
  if (untagged.length) await engine.run(['rmi', ...new Set(untagged)]);
}
