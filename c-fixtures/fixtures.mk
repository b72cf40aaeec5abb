# The C fixtures and fault shims; included by the top-level Makefile (paths from the repo root).
# Every c-fixtures/NAME_probe.c is a probe program, linked with the shared code in common/ and with
# its companion files c-fixtures/NAME_*.c (e.g. pipe_kin_cases.c); adding a mechanism needs no edit here.
CC ?= gcc
FIXTURE_CFLAGS := -std=gnu11 -Wall -Wextra -Werror -O2 -D_GNU_SOURCE -Ic-fixtures
FIXTURE_LIBS := -lpthread
FIXTURE_COMMON := $(wildcard c-fixtures/common/*.c)
FIXTURE_HEADERS := $(wildcard c-fixtures/common/*.h c-fixtures/*.h)

PROBES := $(patsubst c-fixtures/%.c,%,$(wildcard c-fixtures/*_probe.c))
# Not probes: the first process of a container or namespace holder, and the in-container runner.
TOOLS := $(patsubst c-fixtures/tools/%.c,build/tools/%,$(wildcard c-fixtures/tools/*.c))
FAULT_SHIMS := $(patsubst c-fixtures/faults/%.c,build/faults/%.so,$(wildcard c-fixtures/faults/*.c))

FIXTURE_BINARIES := $(PROBES:%=build/fixtures/%) $(PROBES:%=build/fixtures/static/%) $(FAULT_SHIMS) $(TOOLS)

# The sources of probe $(1): its own file, its companions, the shared code.
probe_sources = c-fixtures/$(1).c $(filter-out c-fixtures/$(1).c,$(wildcard c-fixtures/$(patsubst %_probe,%,$(1))_*.c)) $(FIXTURE_COMMON)

# Probes that need a library say so in NAME_probe_CFLAGS / NAME_probe_LDLIBS.
dbus_probe_CFLAGS = $(shell pkg-config --cflags dbus-1 2>/dev/null)
dbus_probe_LDLIBS = -ldbus-1
# libdbus.a mentions getpwnam/getaddrinfo, which glibc warns about in static links; the probes
# authenticate by uid and connect to a UNIX socket only, so those warnings do not apply.
dbus_probe_STATIC_LDFLAGS = -Wl,--no-warnings
bench_probe_CFLAGS = $(shell pkg-config --cflags dbus-1 2>/dev/null)
bench_probe_LDLIBS = -ldbus-1 -lm
bench_probe_STATIC_LDFLAGS = -Wl,--no-warnings

# One rule per probe for both links: the sources differ per probe, the recipe does not.
define probe_rules
build/fixtures/$(1): $(call probe_sources,$(1)) $$(FIXTURE_HEADERS) | check-libraries
	@mkdir -p $$(@D)
	$$(CC) $$(FIXTURE_CFLAGS) $$($(1)_CFLAGS) -o $$@ $(call probe_sources,$(1)) $$($(1)_LDLIBS) $$(FIXTURE_LIBS)

# Static copy for container images that carry no C library of their own.
build/fixtures/static/$(1): $(call probe_sources,$(1)) $$(FIXTURE_HEADERS) | check-libraries
	@mkdir -p $$(@D)
	$$(CC) $$(FIXTURE_CFLAGS) $$($(1)_CFLAGS) -static $$($(1)_STATIC_LDFLAGS) -o $$@ $(call probe_sources,$(1)) $$($(1)_LDLIBS) $$(FIXTURE_LIBS)
endef

# One clear line instead of a compiler error when a library's development files are missing.
.PHONY: check-libraries
check-libraries:
	@pkg-config --exists dbus-1 2>/dev/null || { echo "error: libdbus-1 development files not found: install them with 'apt-get install libdbus-1-dev pkg-config' (or run 'make setup')" >&2; exit 1; }

$(foreach probe,$(PROBES),$(eval $(call probe_rules,$(probe))))

# Static, so the same binary serves the host, namespaces and containers without a C library.
build/tools/%: c-fixtures/tools/%.c
	@mkdir -p $(@D)
	$(CC) $(FIXTURE_CFLAGS) -static -o $@ $<

build/faults/%.so: c-fixtures/faults/%.c
	@mkdir -p $(@D)
	$(CC) $(FIXTURE_CFLAGS) -shared -fPIC -o $@ $< -ldl
