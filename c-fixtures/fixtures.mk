# The C fixtures and fault shims; included by the top-level Makefile (paths from the repo root).
# Every folder c-fixtures/ID/ that holds a probe.c is one probe program, ID the mechanism id
# (pipe, sysv-msg, unix-stream …, or env, ns, bench): all the .c files of that folder plus the shared
# code in common/, built into build/fixtures/ID-probe (the rule of runners/probes/fixtureBinary.ts).
# Adding a mechanism needs no edit here; a program that needs a library says so below.
CC ?= gcc
FIXTURE_CFLAGS := -std=gnu11 -Wall -Wextra -Werror -O2 -D_GNU_SOURCE -Ic-fixtures
FIXTURE_LIBS := -lpthread
FIXTURE_COMMON := $(wildcard c-fixtures/common/*.c)
FIXTURE_COMMON_HEADERS := $(wildcard c-fixtures/common/*.h)

# Folders that are not probe programs: shared code, the exercise tracer, fault shims, container
# tools, the exercise sandbox, what a static libdbus link needs, and the FFI fork server's helper.
NOT_PROBES := common tracer faults tools sandbox libdbus forkserver
PROBES := $(filter-out $(NOT_PROBES),$(patsubst c-fixtures/%/probe.c,%,$(wildcard c-fixtures/*/probe.c)))
# The binary of probe program $(1); runners/probes/fixtureBinary.ts spells the same rule.
probe_binary = $(1)-probe
PROBE_BINARIES := $(foreach probe,$(PROBES),build/fixtures/$(call probe_binary,$(probe)))
# Not probes: the first process of a container or namespace holder, and the in-container runner.
TOOLS := $(patsubst c-fixtures/tools/%.c,build/tools/%,$(wildcard c-fixtures/tools/*.c))
FAULT_SHIMS := $(patsubst c-fixtures/faults/%.c,build/faults/%.so,$(wildcard c-fixtures/faults/*.c))

# Loaded by the FFI fork server (runners/ffi/forkServer.ts) to fork probe processes.
FORK_SERVER_HELPER := build/forkserver/fork-probe.so

FIXTURE_BINARIES := $(PROBE_BINARIES) $(PROBE_BINARIES:build/fixtures/%=build/fixtures/static/%) $(FAULT_SHIMS) $(TOOLS) $(FORK_SERVER_HELPER)

# The sources of probe $(1): its folder, what its library needs, the shared code.
probe_sources = $(wildcard c-fixtures/$(1)/*.c) $($(1)_SOURCES) $(FIXTURE_COMMON)
probe_headers = $(wildcard c-fixtures/$(1)/*.h) $(FIXTURE_COMMON_HEADERS)

# Probes that need a library say so in ID_CFLAGS / ID_LDLIBS / ID_SOURCES (ID the folder).
# libdbus's static archive refers to two libsystemd functions; libdbus/ stands in for them.
LIBDBUS_SOURCES := $(wildcard c-fixtures/libdbus/*.c)
dbus_CFLAGS = $(shell pkg-config --cflags dbus-1 2>/dev/null)
dbus_LDLIBS = -ldbus-1
dbus_SOURCES = $(LIBDBUS_SOURCES)
# libdbus.a mentions getpwnam/getaddrinfo, which glibc warns about in static links; the probes
# authenticate by uid and connect to a UNIX socket only, so those warnings do not apply.
dbus_STATIC_LDFLAGS = -Wl,--no-warnings
bench_CFLAGS = $(shell pkg-config --cflags dbus-1 2>/dev/null)
bench_LDLIBS = -ldbus-1 -lm
bench_SOURCES = $(LIBDBUS_SOURCES)
bench_STATIC_LDFLAGS = -Wl,--no-warnings

# One rule per probe for both links: the sources differ per probe, the recipe does not.
define probe_rules
build/fixtures/$(call probe_binary,$(1)): $(call probe_sources,$(1)) $(call probe_headers,$(1)) | check-libraries
	@mkdir -p $$(@D)
	$$(CC) $$(FIXTURE_CFLAGS) $$($(1)_CFLAGS) -o $$@ $(call probe_sources,$(1)) $$($(1)_LDLIBS) $$(FIXTURE_LIBS)

# Static copy for container images that carry no C library of their own.
build/fixtures/static/$(call probe_binary,$(1)): $(call probe_sources,$(1)) $(call probe_headers,$(1)) | check-libraries
	@mkdir -p $$(@D)
	$$(CC) $$(FIXTURE_CFLAGS) $$($(1)_CFLAGS) -static $$($(1)_STATIC_LDFLAGS) -o $$@ $(call probe_sources,$(1)) $$($(1)_LDLIBS) $$(FIXTURE_LIBS)
endef

# One clear line instead of a compiler error when a library's development files are missing.
.PHONY: check-libraries
check-libraries:
	@pkg-config --exists dbus-1 2>/dev/null || { echo "error: libdbus-1 development files not found: install them with 'apt-get install libdbus-1-dev pkg-config' (or run 'make setup')" >&2; exit 1; }

$(foreach probe,$(PROBES),$(eval $(call probe_rules,$(probe))))

# The case manifest the TypeScript side reads (runners/probes/catalog.ts): probe id -> its cases as
# the program itself declares them (`ID-probe --list --json`), so that no list is kept by hand.
FIXTURE_MANIFEST := build/fixtures/cases.json
$(FIXTURE_MANIFEST): $(PROBE_BINARIES)
	@mkdir -p $(@D)
	@{ printf '{'; separator=''; \
	  $(foreach probe,$(PROBES),printf '%s\n"%s": ' "$$separator" '$(probe)' && build/fixtures/$(call probe_binary,$(probe)) --list --json && separator=',' && ) \
	  printf '}\n'; } > $@.tmp || { rm -f $@.tmp; echo "error: a probe's --list --json failed: $@ not written" >&2; exit 1; }
	@mv $@.tmp $@
	@echo "wrote $@ ($(words $(PROBES)) probe programs)"

# Static, so the same binary serves the host, namespaces and containers without a C library.
build/tools/%: c-fixtures/tools/%.c
	@mkdir -p $(@D)
	$(CC) $(FIXTURE_CFLAGS) -static -o $@ $<

build/faults/%.so: c-fixtures/faults/%.c
	@mkdir -p $(@D)
	$(CC) $(FIXTURE_CFLAGS) -shared -fPIC -o $@ $<

$(FORK_SERVER_HELPER): c-fixtures/forkserver/fork_probe.c
	@mkdir -p $(@D)
	$(CC) $(FIXTURE_CFLAGS) -shared -fPIC -o $@ $<
