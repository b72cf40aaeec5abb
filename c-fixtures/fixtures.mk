# The C fixtures and fault shims; included by the top-level Makefile (paths from the repo root).
CC ?= gcc
FIXTURE_CFLAGS := -std=gnu11 -Wall -Wextra -Werror -O2 -D_GNU_SOURCE -Ic-fixtures
FIXTURE_COMMON := c-fixtures/common/probe.c c-fixtures/common/streams.c
FIXTURE_HEADERS := $(wildcard c-fixtures/common/*.h c-fixtures/*.h)

PIPE_PROBE_SOURCES := c-fixtures/pipe_probe.c c-fixtures/pipe_kin_cases.c $(FIXTURE_COMMON)
FIFO_PROBE_SOURCES := c-fixtures/fifo_probe.c $(FIXTURE_COMMON)
FAULT_SHIMS := $(patsubst c-fixtures/faults/%.c,build/faults/%.so,$(wildcard c-fixtures/faults/*.c))

FIXTURE_BINARIES := build/fixtures/pipe_probe build/fixtures/fifo_probe \
	build/fixtures/static/pipe_probe build/fixtures/static/fifo_probe $(FAULT_SHIMS)

build/fixtures/pipe_probe: $(PIPE_PROBE_SOURCES) $(FIXTURE_HEADERS)
	@mkdir -p $(@D)
	$(CC) $(FIXTURE_CFLAGS) -o $@ $(PIPE_PROBE_SOURCES)

build/fixtures/fifo_probe: $(FIFO_PROBE_SOURCES) $(FIXTURE_HEADERS)
	@mkdir -p $(@D)
	$(CC) $(FIXTURE_CFLAGS) -o $@ $(FIFO_PROBE_SOURCES)

# Static copies for container images that carry no C library of their own.
build/fixtures/static/pipe_probe: $(PIPE_PROBE_SOURCES) $(FIXTURE_HEADERS)
	@mkdir -p $(@D)
	$(CC) $(FIXTURE_CFLAGS) -static -o $@ $(PIPE_PROBE_SOURCES)

build/fixtures/static/fifo_probe: $(FIFO_PROBE_SOURCES) $(FIXTURE_HEADERS)
	@mkdir -p $(@D)
	$(CC) $(FIXTURE_CFLAGS) -static -o $@ $(FIFO_PROBE_SOURCES)

build/faults/%.so: c-fixtures/faults/%.c
	@mkdir -p $(@D)
	$(CC) $(FIXTURE_CFLAGS) -shared -fPIC -o $@ $< -ldl
