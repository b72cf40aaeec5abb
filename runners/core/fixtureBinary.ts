// The one rule that names a fixture program's binary: every place (host, namespace holder,
// container image) finds a probe program through this function. c-fixtures/fixtures.mk builds
// c-fixtures/<id>/ into build/fixtures/<id>-probe by the same rule (its probe_binary).

/** The file name of the probe program of `fixture` (a mechanism id such as `sysv-msg`, or `env`, `ns`, `bench`). */
export function fixtureBinaryName(fixture: string): string {
  return `${fixture}-probe`;
}
