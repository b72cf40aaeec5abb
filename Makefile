# ipc-conformance: `make conformance` checks the specs on this machine, `make test` tests the kit.
# Every target installs what it needs from the project's own files (npm ci, the C fixtures).

ENV ?= host
ONLY ?=
CLI := node bin/ipc-conformance.js
# A make variable as one shell word, whatever it holds: single-quoted (so the shell runs nothing in
# it), each ' written as '\'', and taken with $(value) so that a $ in it reaches the CLI as written.
shell-quote = '$(subst ','\'',$(1))'
ONLY_FLAG := $(if $(value ONLY),--only $(call shell-quote,$(value ONLY)),)
TS_SOURCES := $(shell find specs runners bench exercises -name '*.ts' -o -name '*.mjs' 2>/dev/null)

.PHONY: exercise bench soak coverage
.PHONY: setup-kernels kernels schema
.PHONY: all setup setup-containers clean-containers check-compiler fixtures build conformance matrix claims list report test typecheck lint format clean

all: build fixtures

include c-fixtures/fixtures.mk

# Debian packages the kit needs; idempotent, run as root (CI calls it before `make test`).
DEBIAN_PACKAGES := gcc make libc6-dev iproute2 util-linux pkg-config libdbus-1-dev dbus-daemon stress-ng bubblewrap libseccomp-dev clang-format libxml2-utils chromium shellcheck fonts-wqy-microhei
setup:
	@missing=$$(for p in $(DEBIAN_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "installing: $$missing"; apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

# Docker Engine, runsc (gVisor) and docker-compose for ENV=docker|gvisor; idempotent, as root.
setup-containers:
	sh runners/containers/setup-containers.sh

# QEMU, busybox-static, User-Mode Linux and rootless Podman, then the default kernel set (Debian's
# newest 6.1: generic, PREEMPT_RT, cloud) fetched into the kit's kernel cache; idempotent, as root.
setup-kernels: build
	sh runners/kernels/setup-kernels.sh

# Every container and image the kit made (runs remove their own containers; this also drops the image).
clean-containers:
	-docker ps -aq --filter label=ipc-conformance | xargs -r docker rm -f
	-docker images -q ipc-conformance-kit | sort -u | xargs -r docker rmi -f

node_modules/.package-lock.json: package.json package-lock.json
	@command -v npm >/dev/null || { echo "error: npm not found: install Node.js 20 (apt-get install nodejs npm)" >&2; exit 1; }
	npm ci --no-audit --no-fund
	@touch $@

dist/.built: node_modules/.package-lock.json tsconfig.json tsconfig.build.json $(TS_SOURCES)
	npx tsc -p tsconfig.build.json
	@touch $@

build: dist/.built

check-compiler:
	@command -v $(CC) >/dev/null || { echo "error: C compiler '$(CC)' not found: install it with 'apt-get install gcc libc6-dev' (or run 'make setup')" >&2; exit 1; }

$(FIXTURE_BINARIES): | check-compiler

# The exercise tracer, preloaded into students' programs (c-fixtures/tracer/tracer.h says what it sees).
TRACER := build/tracer/exercise_tracer.so
TRACER_SOURCES := $(wildcard c-fixtures/tracer/*.c)
$(TRACER): $(TRACER_SOURCES) c-fixtures/tracer/tracer.h | check-compiler
	@mkdir -p $(@D)
	$(CC) $(FIXTURE_CFLAGS) -shared -fPIC -o $@ $(TRACER_SOURCES) -ldl

# The exercise sandbox (runners/exercises/sandbox/): its first process, static because it runs in a
# root that holds only the C library, and its seccomp filter, generated once as a BPF program.
SANDBOX_INIT := build/sandbox/sandbox_init
SANDBOX_FILTER := build/sandbox/exercise-seccomp.bpf
$(SANDBOX_INIT): c-fixtures/sandbox/sandbox_init.c | check-compiler
	@mkdir -p $(@D)
	$(CC) $(FIXTURE_CFLAGS) -static -o $@ $<
build/sandbox/sandbox_seccomp: c-fixtures/sandbox/sandbox_seccomp.c | check-compiler
	@mkdir -p $(@D)
	@pkg-config --exists libseccomp 2>/dev/null || { echo "error: libseccomp development files not found: install them with 'apt-get install libseccomp-dev' (or run 'make setup')" >&2; exit 1; }
	$(CC) $(FIXTURE_CFLAGS) -o $@ $< $$(pkg-config --libs libseccomp)
$(SANDBOX_FILTER): build/sandbox/sandbox_seccomp
	$< $@

fixtures: $(FIXTURE_BINARIES) $(FIXTURE_MANIFEST) $(TRACER) $(SANDBOX_INIT) $(SANDBOX_FILTER)

# The reference suites (Open POSIX, LTP, gVisor) decided by the specs' properties: reports/coverage.{md,json}.
coverage: build fixtures
	$(CLI) coverage

conformance: build fixtures
	$(CLI) run --env $(ENV) $(ONLY_FLAG)

# Every environment the machine offers, side by side: reports/matrix.{md,html} and one Allure report.
matrix: build fixtures
	$(CLI) matrix $(ONLY_FLAG)

# The host, uml and every cached qemu:<kernel> side by side: reports/kernels.{md,html}.
kernels: build fixtures
	$(CLI) kernels $(ONLY_FLAG)

# The published JSON Schema of verdicts.json, regenerated from its zod schema (runners/verdict/verdictSchema.ts).
schema: build
	node dist/runners/verdict/writeVerdictSchema.js

# The tutorial's claims decided in every environment that has verdicts: reports/claims.md.
claims: build
	$(CLI) claims

# An exercise's checks on its starter, or on SRC (a .c file or a folder of them): make exercise EX=01
EX ?=
SRC ?=
exercise: build fixtures
	$(CLI) exercise $(call shell-quote,$(value EX)) $(if $(value SRC),--src $(call shell-quote,$(value SRC)),)

# Every mechanism measured (reports/bench/<env>/): make bench [ENV=docker|gvisor]
bench: build fixtures
	$(CLI) bench --env $(ENV)

# The suite N times in a row; reports every verdict that changed between runs.
N ?= 20
soak: build fixtures
	$(CLI) soak --env $(ENV) --times $(N) $(ONLY_FLAG)

list: build fixtures
	@$(CLI) list $(ONLY_FLAG)

report: build
	$(CLI) report --env $(ENV)

typecheck: node_modules/.package-lock.json
	npx tsc -p tsconfig.json

# The C sources the formatter owns: every probe, shim, tool and the hostile test programs.
C_SOURCES = $(shell git ls-files '*.c' '*.h' 2>/dev/null)
TS_FOLDERS := specs runners bench exercises conformance test

# Formatting and lint of TypeScript (Biome, biome.jsonc) and C (clang-format, .clang-format), and no
# import cycle between the kit's modules (madge; test/importLayers.test.ts checks the layer rules).
lint: node_modules/.package-lock.json
	@command -v clang-format >/dev/null || { echo "error: clang-format not found: install it with 'apt-get install clang-format' (or run 'make setup')" >&2; exit 1; }
	npx biome check .
	clang-format --dry-run --Werror $(C_SOURCES)
	npx madge --circular --extensions ts --ts-config tsconfig.json --no-spinner $(TS_FOLDERS)

# Rewrites every file the way `make lint` wants it.
format: node_modules/.package-lock.json
	npx biome check --write .
	clang-format -i $(C_SOURCES)

# Files that run alone, after the rest: the exercises and the sandbox's hostile programs (both under
# an `exercises` folder, which the filter matches) load every CPU on purpose, so does the package test
# (npm ci, npm pack, and the C fixtures of a fresh install built with make -j), and the cleanup check
# compares the machine's IPC objects before and after.
test: lint build fixtures typecheck
	npx vitest run --config test/vitest.config.ts --exclude '**/conformance/leavesNothingBehind.test.ts' --exclude '**/exercises/**' --exclude '**/cli/package.test.ts'
	npx vitest run --config test/vitest.config.ts exercises/
	npx vitest run --config test/vitest.config.ts cli/package
	npx vitest run --config test/vitest.config.ts leavesNothingBehind

clean:
	rm -rf build dist reports/*/ reports/matrix.*
