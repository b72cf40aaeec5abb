/* The message bus in the benchmark: connections to the run's private bus (the address in
 * IPC_CONFORMANCE_DBUS_ADDRESS, never the machine's own buses), used by the dbus channel
 * (dbus.c) and by the memory case. No libdbus type leaks out of this header. */
#ifndef BENCH_DBUS_H
#define BENCH_DBUS_H

#include <stddef.h>

#define BUS_ADDRESS_VARIABLE     "IPC_CONFORMANCE_DBUS_ADDRESS"
#define BUS_MAX_MESSAGE_VARIABLE "IPC_CONFORMANCE_DBUS_MAX_MESSAGE_SIZE"

/* The bus address, or a usage error that says how to get one. */
const char *bench_bus_address(void);

/* A private connection that has said Hello, or NULL with the reason in why[size]. */
void *bench_bus_open(char *why, size_t size);
void bench_bus_close(void *connection);
/* The pid of the bus daemon itself (GetConnectionUnixProcessID of org.freedesktop.DBus), or -1
 * with the reason in why[size]. */
long bench_bus_daemon_pid(void *connection, char *why, size_t size);

struct bench_channel;
/* For a dbus channel after the probe took its side: the bus daemon's pid (a third process every
 * message passes through), or -1 with the reason in why[size]. */
long bench_dbus_channel_daemon_pid(struct bench_channel *channel, char *why, size_t size);

#endif
