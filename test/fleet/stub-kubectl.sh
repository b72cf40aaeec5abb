#!/usr/bin/env bash
# A stand-in for kubectl (stubCluster.ts puts it on PATH as `kubectl`): it keeps what is applied as
# files under $STUB_STATE, lists $STUB_NODES as the nodes, says every Job completed, and serves
# `cp` and `exec rm` of a collector pod from $STUB_NODES_DIR/<node>, which plays the node's
# /var/lib/ipc-conformance. Every call is logged to $STUB_STATE/calls.log.
set -euo pipefail
state=$STUB_STATE
echo "$*" >>"$state/calls.log"
if [ "$1" = -n ]; then shift 2; fi

# The name of an applied object (`  name: "x"` under metadata) and the file that holds it.
name_of() { sed -n 's/^  name: "\(.*\)"$/\1/p' "$1" | head -n 1; }
file_of() {
  local f
  for f in "$state"/objects/*.yaml; do
    if [ "$(name_of "$f")" = "$1" ]; then echo "$f"; fi
  done
}
node_of_pod() { sed -n 's/.*values: \["\(.*\)"\].*/\1/p' "$(file_of "$1")"; }

case "$1 $2" in
  "get nodes") tr ' ' '\n' <<<"$STUB_NODES" ;;
  "apply -f") cat >"$state/objects/$(date +%s%N).yaml" ;;
  "get jobs")
    for f in "$state"/objects/*.yaml; do
      if grep -q '^kind: Job$' "$f"; then echo "job.batch/$(name_of "$f")"; fi
    done
    ;;
  "get job.batch/"*)
    file=$(file_of "${2#job.batch/}")
    case "$*" in
      *annotations*) sed -n 's/^    ipc-conformance\/node: "\(.*\)"$/\1/p' "$file" ;;
      *) echo Complete ;;
    esac
    ;;
  "wait --for=condition=Ready" | "delete pod") ;;
  "cp "*)
    pod=${2%%:*} path=${2#*:}
    cp -r "$STUB_NODES_DIR/$(node_of_pod "$pod")${path#/results}" "$3"
    ;;
  "exec "*)
    pod=$2
    shift 3
    if [ "$1 $2" = "rm -rf" ]; then rm -rf "${STUB_NODES_DIR:?}/$(node_of_pod "$pod")${3#/results}"; fi
    ;;
  *)
    echo "stub kubectl: unexpected call: $*" >&2
    exit 9
    ;;
esac
