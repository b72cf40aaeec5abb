# The C fixtures and fault shims; included by the top-level Makefile (paths from the repo root).
CC ?= gcc
FIXTURE_CFLAGS := -std=gnu11 -Wall -Wextra -Werror -O2 -D_GNU_SOURCE -Ic-fixtures
FIXTURE_COMMON := c-fixtures/common/probe.c c-fixtures/common/streams.c
FIXTURE_HEADERS := $(wildcard c-fixtures/common/*.h c-fixtures/*.h)

PIPE_PROBE_SOURCES := c-fixtures/pipe_probe.c c-fixtures/pipe_kin_cases.c $(FIXTURE_COMMON)
FIFO_PROBE_SOURCES := c-fixtures/fifo_probe.c $(FIXTURE_COMMON)
ENV_PROBE_SOURCES := c-fixtures/env_probe.c $(FIXTURE_COMMON)
NS_PROBE_SOURCES := c-fixtures/ns_probe.c $(FIXTURE_COMMON)
PROBES := pipe_probe fifo_probe env_probe ns_probe
# Not probes: the first process of a container or namespace holder, and the in-container runner.
TOOLS := $(patsubst c-fixtures/tools/%.c,build/tools/%,$(wildcard c-fixtures/tools/*.c))
FAULT_SHIMS := $(patsubst c-fixtures/faults/%.c,build/faults/%.so,$(wildcard c-fixtures/faults/*.c))

FIXTURE_BINARIES := $(PROBES:%=build/fixtures/%) $(PROBES:%=build/fixtures/static/%) $(FAULT_SHIMS) $(TOOLS)

# One rule per probe for both links: the sources differ per probe, the recipe does not.
define probe_rules
build/fixtures/$(1): $(2) $$(FIXTURE_HEADERS)
	@mkdir -p $$(@D)
	$$(CC) $$(FIXTURE_CFLAGS) -o $$@ $(2)

# Static copy for container images that carry no C library of their own.
build/fixtures/static/$(1): $(2) $$(FIXTURE_HEADERS)
	@mkdir -p $$(@D)
	$$(CC) $$(FIXTURE_CFLAGS) -static -o $$@ $(2)
endef
$(eval $(call probe_rules,pipe_probe,$(PIPE_PROBE_SOURCES)))
$(eval $(call probe_rules,fifo_probe,$(FIFO_PROBE_SOURCES)))
$(eval $(call probe_rules,env_probe,$(ENV_PROBE_SOURCES)))
$(eval $(call probe_rules,ns_probe,$(NS_PROBE_SOURCES)))

# Static, so the same binary serves the host, namespaces and containers without a C library.
build/tools/%: c-fixtures/tools/%.c
	@mkdir -p $(@D)
	$(CC) $(FIXTURE_CFLAGS) -static -o $@ $<

build/faults/%.so: c-fixtures/faults/%.c
	@mkdir -p $(@D)
	$(CC) $(FIXTURE_CFLAGS) -shared -fPIC -o $@ $< -ldl
