// The one rule that names a fixture program's binary: every place (host, namespace holder,
// container image) finds a probe program through this function.

/** The file name of the probe program of `fixture` (a mechanism id, or `env`, `ns`, `bench`). */
export function fixtureBinaryName(fixture: string): string {
  return `${fixture}_probe`;
}
