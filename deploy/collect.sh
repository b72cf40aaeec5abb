#!/usr/bin/env bash
# Waits for the Jobs of one run (deploy/run-jobs.sh), copies every node's results out of the node
# through a short-lived collector pod (deploy/collector-pod.yaml), and merges them with
# `ipc-conformance matrix --from` into one matrix and one Allure report.
#
#   deploy/collect.sh RUN DIR IMAGE   wait, collect into DIR/<node>/, merge into DIR/merged/
#   deploy/collect.sh --merge DIR     merge folders already collected into DIR/<node>/
#   NAMESPACE        the namespace of the Jobs (default: default)
#   TIMEOUT          seconds to wait for the Jobs (default: 3600)
#   IPC_CONFORMANCE  the command that runs the kit here, e.g. `npx ipc-conformance` (default: this checkout's)
set -euo pipefail
shopt -s nullglob

here=$(cd "$(dirname "$0")" && pwd)
namespace=${NAMESPACE:-default}
# The kit as a command and its arguments (IPC_CONFORMANCE is split on blanks).
if [ -n "${IPC_CONFORMANCE:-}" ]; then
  read -ra kit <<<"$IPC_CONFORMANCE"
else
  kit=(node "$here/../bin/ipc-conformance.js")
fi

# Every DIR/<node>/ with a verdicts.json: a node whose run broke before writing one is named, not merged.
merge() {
  local dir=$1 folder
  local from=()
  for folder in "$dir"/*/; do
    folder=${folder%/}
    [ "$(basename "$folder")" = merged ] && continue
    if [ -f "$folder/verdicts.json" ]; then
      from+=("$folder")
    else
      echo "skipped: $folder has no verdicts.json (see its pod's log)" >&2
    fi
  done
  if [ ${#from[@]} -eq 0 ]; then
    echo "error: no results to merge in $dir" >&2
    return 1
  fi
  "${kit[@]}" matrix --from "${from[@]}" --output "$dir/merged"
}

# Waits until the Job is complete or has failed; prints which.
wait_for_job() {
  local job=$1 deadline=$(($(date +%s) + ${TIMEOUT:-3600})) state
  while :; do
    state=$(kubectl -n "$namespace" get "$job" -o jsonpath='{.status.conditions[?(@.status=="True")].type}') || {
      echo "unreadable (deleted?)"
      return 0
    }
    case " $state " in
      *" Complete "*) echo complete; return 0 ;;
      *" Failed "*) echo failed; return 0 ;;
    esac
    if [ "$(date +%s)" -ge "$deadline" ]; then echo "timed out"; return 0; fi
    sleep 10
  done
}

# Copies DIR/<node> out of one node through a collector pod, then removes the run's folder there.
collect_node() {
  local run=$1 node=$2 image=$3 dir=$4 index=$5
  local pod="ipc-conformance-collect-$run-$index" status=0
  if [ -e "$dir/$node" ]; then
    echo "error: $dir/$node exists already (collected before?): not overwritten" >&2
    return 1
  fi
  sed -e "s|__NAME__|$pod|g" -e "s|__NODE__|$node|g" -e "s|__IMAGE__|$image|g" -e "s|__RUN__|$run|g" \
    "$here/collector-pod.yaml" | kubectl -n "$namespace" apply -f - >/dev/null
  {
    kubectl -n "$namespace" wait --for=condition=Ready "pod/$pod" --timeout=300s >/dev/null &&
      kubectl -n "$namespace" cp "$pod:/results/$run/$node" "$dir/$node" >/dev/null &&
      kubectl -n "$namespace" exec "$pod" -- rm -rf "/results/$run"
  } || status=$?
  # The pod goes whether the copy worked or not.
  kubectl -n "$namespace" delete pod "$pod" --wait=false >/dev/null 2>&1 || true
  [ "$status" -eq 0 ] && echo "collected: $node → $dir/$node"
  return "$status"
}

if [ "${1:-}" = --merge ]; then
  [ $# -eq 2 ] || { echo "usage: $0 --merge DIR" >&2; exit 2; }
  merge "$2"
  exit $?
fi
if [ $# -ne 3 ]; then
  echo "usage: $0 RUN DIR IMAGE   (or: $0 --merge DIR)" >&2
  exit 2
fi
run=$1 dir=$2 image=$3
mkdir -p "$dir"
mapfile -t jobs < <(kubectl -n "$namespace" get jobs -l "ipc-conformance/run=$run" -o name)
if [ ${#jobs[@]} -eq 0 ]; then
  echo "error: no Job of run $run in namespace $namespace" >&2
  exit 1
fi
index=0
for job in "${jobs[@]}"; do
  node=$(kubectl -n "$namespace" get "$job" -o jsonpath='{.metadata.annotations.ipc-conformance/node}')
  echo "$job on $node: $(wait_for_job "$job")"
  # A failed Job may still have left verdicts (a run that broke late): collect what is there.
  collect_node "$run" "$node" "$image" "$dir" "$index" || echo "not collected: $node (see the Job's pod log)" >&2
  index=$((index + 1))
done
merge "$dir"
