# The kit's container image from a registry base, for machines that can pull one. By default the
# kit needs no registry: it imports the same layout from local files (runners/containers/kitImage.ts).
#   make fixtures build
#   docker build -t ipc-conformance-kit:dockerfile .
#   IPC_CONFORMANCE_IMAGE=ipc-conformance-kit:dockerfile make conformance ENV=docker
# Any base with Node 20 on PATH works (BASE=…); the fixtures and tools are static binaries.
ARG BASE=node:20-bookworm-slim
FROM ${BASE}
WORKDIR /kit
LABEL ipc-conformance="1"
COPY dist/ dist/
COPY node_modules/koffi/ node_modules/koffi/
COPY node_modules/@koromix/ node_modules/@koromix/
COPY build/fixtures/static/ build/fixtures/
COPY build/tools/ build/tools/
COPY runners/containers/image-package.json package.json
CMD ["/kit/build/tools/idle", "3600"]
