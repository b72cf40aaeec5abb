/* Shared between the dbus probe's files: connections to the run's private bus and calls on it
 * (bus.c), the service helper process the cases talk to (service.c), and the cases
 * (call.c, size.c, signal.c, name.c).
 * Every connection is private and goes to IPC_CONFORMANCE_DBUS_ADDRESS: never the machine's bus. */
#ifndef IPC_CONFORMANCE_DBUS_CASES_H
#define IPC_CONFORMANCE_DBUS_CASES_H

#include <dbus/dbus.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* The interface, object path and signals the service helper implements. */
#define PROBE_INTERFACE  "org.ipcconformance.Probe"
#define PROBE_PATH       "/org/ipcconformance/Probe"
#define SIGNAL_INTERFACE "org.ipcconformance.Signals"
#define EMITTER_PATH     "/org/ipcconformance/Emitter"
#define BUS_NAME         DBUS_SERVICE_DBUS

/* How long a case waits for any one answer from the bus or the service. */
#define CALL_TIMEOUT_MS 3000

/* ---- connections and calls (bus.c) ----------------------------------------------------- */
/* A private connection to the run's bus that has said Hello; the probe fails if there is none. */
DBusConnection *bus_connect(void);
/* Closes and releases a connection from bus_connect (NULL is fine). */
void bus_disconnect(DBusConnection *connection);
/* A well-known name unique to this probe run: "org.ipcconformance.Probe<pid>x<random>.<role>". */
const char *run_bus_name(const char *role);
/* A positive integer setting the kit exported for the bus (e.g. the max message size); a usage
 * error when the kit did not export it. */
long bus_setting_long(const char *variable);
const char *bus_setting_str(const char *variable);

/* The outcome of a call: the reply (NULL on error) and, when there was none, the error's name. */
typedef struct {
    DBusMessage *reply;
    char error_name[128];
    char error_message[256];
} call_outcome;
/* Sends call (consumed) and waits up to CALL_TIMEOUT_MS for its reply. */
call_outcome call_and_wait(DBusConnection *connection, DBusMessage *call);
void call_outcome_free(call_outcome *outcome);
/* A method call on the service helper's object. */
DBusMessage *service_call(const char *destination, const char *interface, const char *member);
/* A method call on the bus driver (org.freedesktop.DBus). */
DBusMessage *bus_driver_call(const char *member);

/* GetNameOwner(name): true and the owner in owner[size], or false and the error's name there. */
bool bus_name_owner(DBusConnection *connection, const char *name, char *owner, size_t size);
/* AddMatch(rule); the probe fails if the bus refuses it. */
void bus_add_match(DBusConnection *connection, const char *rule);
/* dbus_bus_request_name's answer as a name (PRIMARY_OWNER, IN_QUEUE, EXISTS, ALREADY_OWNER), or
 * the error's name when the call failed. */
const char *request_name_outcome(DBusConnection *connection, const char *name, unsigned flags);

/* The next message on connection, read until deadline (monotonic_ns); NULL when the deadline
 * passed or the connection closed. The caller unrefs it. */
DBusMessage *next_message(DBusConnection *connection, int64_t deadline_ns);
/* Waits for NameOwnerChanged(name, …) and stores its old and new owner; false at the deadline.
 * The connection must have a match rule for it (see name_owner_changed_rule). Other messages read
 * meanwhile are dropped, except that a NameAcquired(name) sets *acquired_seen (may be NULL). */
bool await_name_owner_changed(DBusConnection *connection, const char *name, int64_t deadline_ns,
                              char *old_owner, char *new_owner, size_t size, bool *acquired_seen);
/* Waits for the NameAcquired(name) signal the bus sends a new owner; false at the deadline. */
bool await_name_acquired(DBusConnection *connection, const char *name, int64_t deadline_ns);
/* The match rule for NameOwnerChanged signals about one name, in rule[size]. */
void name_owner_changed_rule(const char *name, char *rule, size_t size);

/* ---- the service helper (service.c) ---------------------------------------------------- */
/* A helper process that owns a well-known name on the bus and answers on PROBE_INTERFACE:
 *   Ping(u delay_ms) → u      replies after delay_ms
 *   Emit() → ()               emits SIGNAL_INTERFACE.Tick, then .Fence, on EMITTER_PATH, then replies
 *   Measure(ay) → u           replies with the array's length and counts the call
 *   Received() → (u, u)       Measure calls so far, calls it did not implement so far
 *   Quit() → ()               replies, then the process exits (its connection closes with it)
 * Any other method call gets org.freedesktop.DBus.Error.UnknownMethod. */
typedef struct {
    pid_t pid;
    char name[128];
    char unique_name[128];
} dbus_service;
/* Forks the helper (registered for kill+reap) under run_bus_name(role). Fork helpers before the
 * probe connects: a forked child closes every inherited descriptor, but it is simpler not to
 * have any. */
void service_spawn(dbus_service *service, const char *role);
/* Waits until the service owns its name and stores its unique name; the probe fails otherwise. */
void service_await(DBusConnection *connection, dbus_service *service);
/* Asks the service to quit and reaps it; false when it did not answer. */
bool service_quit(DBusConnection *connection, dbus_service *service);
/* Received(): Measure calls and unimplemented calls the service has seen; false if no answer. */
bool service_received(DBusConnection *connection, const dbus_service *service, uint32_t *measured,
                      uint32_t *unknown);

/* ---- cases ---------------------------------------------------------------------------------- */
void method_call_reply_count(int argc, char **argv);
void call_unowned_name(int argc, char **argv);
void call_denied_interface(int argc, char **argv);
void bus_method_wrong_argument_types(int argc, char **argv);
void message_over_max_size(int argc, char **argv);
void message_just_below_max_size(int argc, char **argv);
void signal_reaches_matching_subscribers(int argc, char **argv);
void unique_name(int argc, char **argv);
void request_owned_name_do_not_queue(int argc, char **argv);
void queued_requester_takes_over(int argc, char **argv);
void owner_exit_releases_name(int argc, char **argv);
void unique_name_stable(int argc, char **argv);
void unique_names_distinct(int argc, char **argv);

#endif
