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

# One rule per probe for both links: the sources differ per probe, the recipe does not.
define probe_rules
build/fixtures/$(1): $(call probe_sources,$(1)) $$(FIXTURE_HEADERS)
	@mkdir -p $$(@D)
	$$(CC) $$(FIXTURE_CFLAGS) -o $$@ $(call probe_sources,$(1)) $$(FIXTURE_LIBS)

# Static copy for container images that carry no C library of their own.
build/fixtures/static/$(1): $(call probe_sources,$(1)) $$(FIXTURE_HEADERS)
	@mkdir -p $$(@D)
	$$(CC) $$(FIXTURE_CFLAGS) -static -o $$@ $(call probe_sources,$(1)) $$(FIXTURE_LIBS)
endef
$(foreach probe,$(PROBES),$(eval $(call probe_rules,$(probe))))

# Static, so the same binary serves the host, namespaces and containers without a C library.
build/tools/%: c-fixtures/tools/%.c
	@mkdir -p $(@D)
	$(CC) $(FIXTURE_CFLAGS) -static -o $@ $<

build/faults/%.so: c-fixtures/faults/%.c
	@mkdir -p $(@D)
	$(CC) $(FIXTURE_CFLAGS) -shared -fPIC -o $@ $< -ldl
