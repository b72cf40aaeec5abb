/* Connections to the run's private bus and the calls every dbus case makes on it; see cases.h.
 * Calls always carry an interface: the kit's bus denies one interface, and dbus-daemon(1) applies
 * such a deny rule to messages without an interface as well. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

#include "common/probe.h"
#include "cases.h"

DBusConnection *bus_connect(void) {
    const char *address = bus_setting_str("IPC_CONFORMANCE_DBUS_ADDRESS");
    DBusError error;
    dbus_error_init(&error);
    DBusConnection *connection = dbus_connection_open_private(address, &error);
    if (!connection) probe_fail("cannot connect to %s: %s", address, error.message);
    /* A disconnect is an observation here, never a reason for libdbus to exit the process. */
    dbus_connection_set_exit_on_disconnect(connection, FALSE);
    if (!dbus_bus_register(connection, &error)) probe_fail("Hello failed: %s", error.message);
    return connection;
}

void bus_disconnect(DBusConnection *connection) {
    if (!connection) return;
    dbus_connection_close(connection);
    dbus_connection_unref(connection);
}

/* The pid alone is not unique on a shared bus: in the sandbox every probe is pid 1 of its own pid
 * namespace, and a probe's names may outlive it by a moment while the bus notices it left. */
static const char *run_token(void) {
    static char token[32];
    if (!token[0]) {
        uint32_t random = 0;
        if (getrandom(&random, sizeof random, 0) != (ssize_t)sizeof random) random = (uint32_t)monotonic_ns();
        snprintf(token, sizeof token, "%ldx%08x", (long)getpid(), random);
    }
    return token;
}

const char *run_bus_name(const char *role) {
    static char slots[4][128];
    static int next;
    char *slot = slots[next++ % 4];
    snprintf(slot, sizeof slots[0], "org.ipcconformance.Probe%s.%s", run_token(), role);
    return slot;
}

const char *bus_setting_str(const char *variable) {
    const char *value = getenv(variable);
    if (!value || !*value) probe_usage("%s is not set: the kit starts the bus and exports it", variable);
    return value;
}

long bus_setting_long(const char *variable) {
    const char *text = bus_setting_str(variable);
    char *end = NULL;
    errno = 0;
    long value = strtol(text, &end, 10);
    if (errno || *end || value <= 0) probe_usage("%s='%s' is not a positive integer", variable, text);
    return value;
}

call_outcome call_and_wait(DBusConnection *connection, DBusMessage *call) {
    call_outcome outcome = {0};
    DBusError error;
    dbus_error_init(&error);
    outcome.reply = dbus_connection_send_with_reply_and_block(connection, call, CALL_TIMEOUT_MS, &error);
    dbus_message_unref(call);
    if (!outcome.reply) {
        snprintf(outcome.error_name, sizeof outcome.error_name, "%s",
                 error.name ? error.name : "no error name");
        snprintf(outcome.error_message, sizeof outcome.error_message, "%s",
                 error.message ? error.message : "");
        dbus_error_free(&error);
    }
    return outcome;
}

void call_outcome_free(call_outcome *outcome) {
    if (outcome->reply) dbus_message_unref(outcome->reply);
    outcome->reply = NULL;
}

DBusMessage *service_call(const char *destination, const char *interface, const char *member) {
    DBusMessage *call = dbus_message_new_method_call(destination, PROBE_PATH, interface, member);
    if (!call) probe_fail("out of memory for a method call");
    return call;
}

DBusMessage *bus_driver_call(const char *member) {
    DBusMessage *call = dbus_message_new_method_call(BUS_NAME, DBUS_PATH_DBUS, DBUS_INTERFACE_DBUS, member);
    if (!call) probe_fail("out of memory for a method call");
    return call;
}

bool bus_name_owner(DBusConnection *connection, const char *name, char *owner, size_t size) {
    DBusMessage *call = bus_driver_call("GetNameOwner");
    dbus_message_append_args(call, DBUS_TYPE_STRING, &name, DBUS_TYPE_INVALID);
    call_outcome outcome = call_and_wait(connection, call);
    if (!outcome.reply) {
        snprintf(owner, size, "%s", outcome.error_name);
        return false;
    }
    const char *answer = NULL;
    bool ok = dbus_message_get_args(outcome.reply, NULL, DBUS_TYPE_STRING, &answer, DBUS_TYPE_INVALID);
    snprintf(owner, size, "%s", ok ? answer : "unreadable reply");
    call_outcome_free(&outcome);
    return ok;
}

void bus_add_match(DBusConnection *connection, const char *rule) {
    DBusError error;
    dbus_error_init(&error);
    dbus_bus_add_match(connection, rule, &error); /* with an error argument it waits for the bus */
    if (dbus_error_is_set(&error)) probe_fail("AddMatch %s: %s", rule, error.message);
}

const char *request_name_outcome(DBusConnection *connection, const char *name, unsigned flags) {
    static char failed[128];
    DBusError error;
    dbus_error_init(&error);
    int reply = dbus_bus_request_name(connection, name, flags, &error);
    switch (reply) {
        case DBUS_REQUEST_NAME_REPLY_PRIMARY_OWNER: return "PRIMARY_OWNER";
        case DBUS_REQUEST_NAME_REPLY_IN_QUEUE: return "IN_QUEUE";
        case DBUS_REQUEST_NAME_REPLY_EXISTS: return "EXISTS";
        case DBUS_REQUEST_NAME_REPLY_ALREADY_OWNER: return "ALREADY_OWNER";
        default:
            snprintf(failed, sizeof failed, "%s",
                     dbus_error_is_set(&error) && error.name ? error.name : "unknown reply");
            dbus_error_free(&error);
            return failed;
    }
}

DBusMessage *next_message(DBusConnection *connection, int64_t deadline_ns) {
    for (;;) {
        DBusMessage *message = dbus_connection_pop_message(connection);
        if (message) return message;
        int64_t left_ms = (deadline_ns - monotonic_ns()) / 1000000;
        if (left_ms <= 0) return NULL;
        /* Blocks until the socket has data or the time is up; false once the connection closed. */
        if (!dbus_connection_read_write(connection, (int)left_ms))
            return dbus_connection_pop_message(connection);
    }
}

void name_owner_changed_rule(const char *name, char *rule, size_t size) {
    snprintf(rule, size, "type='signal',sender='%s',interface='%s',member='NameOwnerChanged',arg0='%s'",
             BUS_NAME, DBUS_INTERFACE_DBUS, name);
}

bool await_name_owner_changed(DBusConnection *connection, const char *name, int64_t deadline_ns,
                              char *old_owner, char *new_owner, size_t size, bool *acquired_seen) {
    DBusMessage *message;
    while ((message = next_message(connection, deadline_ns))) {
        const char *changed = NULL, *old_text = NULL, *new_text = NULL;
        if (dbus_message_is_signal(message, DBUS_INTERFACE_DBUS, "NameAcquired") && acquired_seen) {
            if (dbus_message_get_args(message, NULL, DBUS_TYPE_STRING, &changed, DBUS_TYPE_INVALID) &&
                strcmp(changed, name) == 0)
                *acquired_seen = true;
        } else if (dbus_message_is_signal(message, DBUS_INTERFACE_DBUS, "NameOwnerChanged") &&
                   dbus_message_get_args(message, NULL, DBUS_TYPE_STRING, &changed, DBUS_TYPE_STRING,
                                         &old_text, DBUS_TYPE_STRING, &new_text, DBUS_TYPE_INVALID) &&
                   strcmp(changed, name) == 0) {
            snprintf(old_owner, size, "%s", old_text);
            snprintf(new_owner, size, "%s", new_text);
            dbus_message_unref(message);
            return true;
        }
        dbus_message_unref(message);
    }
    return false;
}

bool await_name_acquired(DBusConnection *connection, const char *name, int64_t deadline_ns) {
    DBusMessage *message;
    while ((message = next_message(connection, deadline_ns))) {
        const char *acquired = NULL;
        bool found = dbus_message_is_signal(message, DBUS_INTERFACE_DBUS, "NameAcquired") &&
                     dbus_message_get_args(message, NULL, DBUS_TYPE_STRING, &acquired, DBUS_TYPE_INVALID) &&
                     strcmp(acquired, name) == 0;
        dbus_message_unref(message);
        if (found) return true;
    }
    return false;
}
