#!/usr/bin/env bash
# Starts one conformance Job per node (deploy/conformance-job.yaml) and prints the run's id, which
# deploy/collect.sh takes to collect and merge the results.
#
#   deploy/run-jobs.sh IMAGE [NODE_SELECTOR]
#     IMAGE          the runner image as the nodes pull it, e.g. registry.example:5000/ipc-conformance-runner:0.1.0
#     NODE_SELECTOR  a label selector of the nodes to run on (default: kubernetes.io/os=linux)
#   NAMESPACE        the namespace of the Jobs (default: default)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
if [ $# -lt 1 ] || [ $# -gt 2 ]; then
  echo "usage: $0 IMAGE [NODE_SELECTOR]" >&2
  exit 2
fi
image=$1
selector=${2:-kubernetes.io/os=linux}
namespace=${NAMESPACE:-default}

# Names and labels want lower-case letters, digits and '-': the run is named by its start time.
run=$(date -u +%Y%m%d-%H%M%S)
mapfile -t nodes < <(kubectl get nodes -l "$selector" -o jsonpath='{range .items[*]}{.metadata.name}{"\n"}{end}')
if [ ${#nodes[@]} -eq 0 ]; then
  echo "error: no node matches the selector '$selector'" >&2
  exit 1
fi

index=0
for node in "${nodes[@]}"; do
  # Node names are DNS names (letters, digits, '.', '-') and the image has no '|': safe in sed.
  sed -e "s|__NAME__|ipc-conformance-$run-$index|g" -e "s|__NODE__|$node|g" \
    -e "s|__IMAGE__|$image|g" -e "s|__RUN__|$run|g" "$here/conformance-job.yaml" |
    kubectl -n "$namespace" apply -f - >/dev/null
  echo "job ipc-conformance-$run-$index on node $node"
  index=$((index + 1))
done
echo "run: $run ($index nodes); collect with: $here/collect.sh $run DIR $image"
