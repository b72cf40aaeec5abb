// The --only filter, one rule for every command: comma-separated globs (`*`, `?`) over ids. A glob
// that matches nothing is a usage error: a typo must not silently select nothing.
import { UsageError } from '../core/errors.js';

function globToRegExp(glob: string): RegExp {
  const escaped = glob
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replaceAll('*', '.*')
    .replaceAll('?', '.');
  return new RegExp(`^${escaped}$`);
}

/**
 * The items whose id matches one of the globs in `only` (all when absent); `noMatch` completes the
 * error for a glob that matches nothing, e.g. `matches no property (see \`ipc-conformance list\`)`.
 */
export function selectByGlobs<T>(items: readonly T[], idOf: (item: T) => string, only: string | undefined, noMatch: string): T[] {
  if (!only) return [...items];
  const patterns = only
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  if (patterns.length === 0) throw new UsageError(`--only '${only}' names no pattern`);
  const matchers = patterns.map((pattern) => ({ pattern, regexp: globToRegExp(pattern) }));
  for (const { pattern, regexp } of matchers) {
    if (!items.some((item) => regexp.test(idOf(item)))) throw new UsageError(`--only '${pattern}' ${noMatch}`);
  }
  return items.filter((item) => matchers.some(({ regexp }) => regexp.test(idOf(item))));
}
