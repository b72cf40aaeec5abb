// Imports go downward only (DESIGN.md, "Seams are handed down"): the declaration folders (specs/,
// the bench plan in bench/, exercises/) import nothing of the engine; the engine (runners/) never
// imports the suite or the tests; and between runners/' folders the imports form no cycle, so
// that a layer order exists. File-level cycles are `make lint`'s (madge); this test reads every
// import, static and dynamic, of the kit's TypeScript and checks the folder rules.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { kitPaths } from '../runners/core/kitPaths.js';

const ROOT = kitPaths.root;
const SOURCE_FOLDERS = ['specs', 'bench', 'exercises', 'runners', 'conformance'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** The kit files `file` imports, as paths relative to the repository root. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)'([^']+)'/g)].map((match) => match[1]!);
  return specifiers
    .filter((specifier) => specifier.startsWith('.'))
    .map((specifier) => relative(ROOT, resolve(dirname(file), specifier.replace(/\.js$/, '.ts'))));
}

const files = SOURCE_FOLDERS.flatMap((folder) => sourceFiles(join(ROOT, folder))).map((file) => relative(ROOT, file));
const edges = files.flatMap((from) => importsOf(join(ROOT, from)).map((to) => ({ from, to })));
const top = (path: string) => path.split('/')[0]!;

describe('import layers', () => {
  test('the kit has the files this test reads', () => {
    expect(files.length).toBeGreaterThan(150);
    expect(edges.length).toBeGreaterThan(400);
  });

  test.each([
    ['specs', ['specs']],
    ['bench', ['bench']],
    ['exercises', ['exercises', 'specs']],
    ['runners', ['runners', 'specs', 'bench', 'exercises']],
    ['conformance', ['conformance', 'runners', 'specs']],
  ])('%s imports only from %j', (folder, allowed) => {
    const outside = edges.filter((edge) => top(edge.from) === folder && !allowed.includes(top(edge.to)));
    expect(outside.map((edge) => `${edge.from} → ${edge.to}`)).toEqual([]);
  });

  test("runners/' folders import each other without a cycle", () => {
    const folderOf = (path: string) => dirname(path);
    const graph = new Map<string, Set<string>>();
    for (const { from, to } of edges) {
      if (top(from) !== 'runners' || top(to) !== 'runners' || folderOf(from) === folderOf(to)) continue;
      graph.set(folderOf(from), (graph.get(folderOf(from)) ?? new Set()).add(folderOf(to)));
    }
    // Depth-first search; a folder met again while still on the path closes a cycle.
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (folder: string, path: string[]) => {
      if (state.get(folder) === 'done') return;
      if (state.get(folder) === 'open') {
        cycles.push([...path.slice(path.indexOf(folder)), folder].join(' → '));
        return;
      }
      state.set(folder, 'open');
      for (const next of graph.get(folder) ?? []) visit(next, [...path, folder]);
      state.set(folder, 'done');
    };
    for (const folder of graph.keys()) visit(folder, []);
    const offending = (cycle: string) => {
      const hops = cycle.split(' → ');
      return hops
        .slice(1)
        .map((to, i) => edges.filter((e) => folderOf(e.from) === hops[i] && folderOf(e.to) === to).map((e) => `${e.from} → ${e.to}`)[0]);
    };
    expect(cycles.map((cycle) => `${cycle}: ${offending(cycle).join('; ')}`)).toEqual([]);
  });
});
