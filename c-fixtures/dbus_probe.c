/* dbus_probe: observes the run's private message bus (runners/dbus/privateBus.ts) with libdbus.
 * The bus address comes from IPC_CONFORMANCE_DBUS_ADDRESS; the kit started that dbus-daemon with
 * its own configuration and never touches the machine's system or session bus. */
#include <dbus/dbus.h>
#include <stdlib.h>
#include <string.h>

#include "common/probe.h"

/* A private connection to the run's bus, registered (Hello) so it has a unique name. */
static DBusConnection *connect_to_run_bus(void) {
    const char *address = getenv("IPC_CONFORMANCE_DBUS_ADDRESS");
    if (!address || !*address) probe_usage("IPC_CONFORMANCE_DBUS_ADDRESS is not set: the kit starts the bus");
    DBusError error;
    dbus_error_init(&error);
    DBusConnection *connection = dbus_connection_open_private(address, &error);
    if (!connection) probe_fail("cannot connect to %s: %s", address, error.message);
    if (!dbus_bus_register(connection, &error)) probe_fail("Hello failed: %s", error.message);
    dbus_connection_set_exit_on_disconnect(connection, FALSE);
    return connection;
}

static void close_connection(DBusConnection *connection) {
    dbus_connection_close(connection);
    dbus_connection_unref(connection);
}

static void unique_name(int argc, char **argv) {
    (void)argc, (void)argv;
    DBusConnection *connection = connect_to_run_bus();
    const char *name = dbus_bus_get_unique_name(connection);
    obs_value_bool(name && name[0] == ':');
    obs_evidence_str("unique_name", name ? name : "");
    close_connection(connection);
    obs_emit();
}

static const probe_case cases[] = {
    {"unique-name", unique_name},
};

int main(int argc, char **argv) { return probe_main(argc, argv, cases, sizeof cases / sizeof *cases); }
