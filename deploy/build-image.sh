#!/usr/bin/env bash
# Builds the runner image (deploy/Dockerfile) from this checkout, offline apart from the base image,
# with only the files a conformance run needs as its build context, and optionally pushes it.
#
#   deploy/build-image.sh TAG [--push]
#     TAG     e.g. registry.example:5000/ipc-conformance-runner:0.1.0 (the cluster's registry)
#   ENGINE    docker (default) or podman
#   BASE      the base image (default in the Dockerfile: node:20-bookworm-slim)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
engine=${ENGINE:-docker}
if [ $# -lt 1 ] || [ $# -gt 2 ] || { [ $# -eq 2 ] && [ "$2" != --push ]; }; then
  echo "usage: $0 TAG [--push]" >&2
  exit 2
fi
tag=$1
for built in dist/runners/cli/main.js build/fixtures/cases.json; do
  if [ ! -e "$root/$built" ]; then
    echo "error: $built is missing: run \`make build fixtures\` first" >&2
    exit 1
  fi
done

context=$(mktemp -d)
trap 'rm -rf "$context"' EXIT
tar -C "$root" -cf - package.json tsconfig.json bin dist node_modules specs runners conformance build deploy/Dockerfile |
  tar -C "$context" -xf -
"$engine" build ${BASE:+--build-arg "BASE=$BASE"} -f "$context/deploy/Dockerfile" -t "$tag" "$context"
echo "built $tag"
if [ "${2:-}" = --push ]; then
  "$engine" push "$tag"
fi
