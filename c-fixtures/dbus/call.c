/* Method calls through the bus: the reply a caller gets, and the errors the bus itself answers
 * with (no owner, denied by policy, wrong argument types). */
#include <stdio.h>
#include <string.h>

#include "common/probe.h"
#include "cases.h"

/* Sends Ping(delay_ms) to the service without waiting; returns the call's serial. */
static dbus_uint32_t send_ping(DBusConnection *connection, const dbus_service *service, uint32_t delay_ms) {
    DBusMessage *call = service_call(service->name, PROBE_INTERFACE, "Ping");
    dbus_message_append_args(call, DBUS_TYPE_UINT32, &delay_ms, DBUS_TYPE_INVALID);
    dbus_uint32_t serial = 0;
    if (!dbus_connection_send(connection, call, &serial)) probe_fail("cannot queue a method call");
    dbus_message_unref(call);
    return serial;
}

static bool is_reply(DBusMessage *message) {
    int type = dbus_message_get_type(message);
    return type == DBUS_MESSAGE_TYPE_METHOD_RETURN || type == DBUS_MESSAGE_TYPE_ERROR;
}

/* Counts the replies carrying the call's serial. A second call (the fence) follows it to the same
 * single-threaded service: the bus keeps the order of messages between two connections, so any
 * further reply to the first call would arrive before the fence's reply. Optional argument: how
 * long the service waits before replying, in ms (default 0). */
void method_call_reply_count(int argc, char **argv) {
    uint32_t delay_ms = (uint32_t)arg_long(argc, argv, 0, 0);
    dbus_service service;
    service_spawn(&service, "Replier");
    DBusConnection *connection = bus_connect();
    service_await(connection, &service);

    dbus_uint32_t serial = send_ping(connection, &service, delay_ms);
    dbus_uint32_t fence = send_ping(connection, &service, 0);
    int64_t deadline = monotonic_ns() + (int64_t)delay_ms * 1000000 + (int64_t)CALL_TIMEOUT_MS * 1000000;
    int replies = 0, others = 0;
    bool fence_seen = false;
    char sender[128] = "", kind[32] = "";
    DBusMessage *message;
    while (!fence_seen && (message = next_message(connection, deadline))) {
        if (is_reply(message)) {
            dbus_uint32_t answered = dbus_message_get_reply_serial(message);
            if (answered == serial) {
                replies++;
                snprintf(sender, sizeof sender, "%s",
                         dbus_message_get_sender(message) ? dbus_message_get_sender(message) : "");
                snprintf(kind, sizeof kind, "%s",
                         dbus_message_type_to_string(dbus_message_get_type(message)));
            } else if (answered == fence) {
                fence_seen = true;
            } else {
                others++;
            }
        }
        dbus_message_unref(message);
    }
    obs_value_int(replies);
    obs_evidence_int("serial", serial);
    obs_evidence_str("reply_type", kind);
    obs_evidence_str("reply_sender", sender);
    obs_evidence_str("service_unique_name", service.unique_name);
    obs_evidence_bool("fence_reply_seen", fence_seen);
    obs_evidence_int("replies_to_other_serials", others);
    obs_evidence_int("reply_delay_ms", delay_ms);
    service_quit(connection, &service);
    bus_disconnect(connection);
    obs_emit();
}

void call_unowned_name(int argc, char **argv) {
    (void)argc, (void)argv;
    DBusConnection *connection = bus_connect();
    const char *nobody = run_bus_name("Nobody");
    char owner[128];
    bool owned = bus_name_owner(connection, nobody, owner, sizeof owner);
    DBusMessage *call = service_call(nobody, PROBE_INTERFACE, "Ping");
    call_outcome outcome = call_and_wait(connection, call);
    obs_value_str(outcome.reply ? "a reply" : outcome.error_name);
    obs_evidence_str("destination", nobody);
    obs_evidence_bool("owned_before_call", owned);
    obs_evidence_bool("auto_start_allowed", true);
    obs_evidence_str("error_message", outcome.error_message);
    call_outcome_free(&outcome);
    bus_disconnect(connection);
    obs_emit();
}

/* The same unimplemented method on the denied interface and on another one: the second shows the
 * service is reachable (it answers UnknownMethod itself), and its own count shows that only that
 * second call reached it. */
void call_denied_interface(int argc, char **argv) {
    (void)argc, (void)argv;
    const char *denied = bus_setting_str("IPC_CONFORMANCE_DBUS_DENIED_INTERFACE");
    dbus_service service;
    service_spawn(&service, "Guarded");
    DBusConnection *connection = bus_connect();
    service_await(connection, &service);

    call_outcome refused = call_and_wait(connection, service_call(service.name, denied, "Anything"));
    call_outcome control =
        call_and_wait(connection, service_call(service.name, "org.ipcconformance.Allowed", "Anything"));
    uint32_t measured = 0, unknown = 0;
    bool counted = service_received(connection, &service, &measured, &unknown);

    obs_value_str(refused.reply ? "a reply" : refused.error_name);
    obs_evidence_str("denied_interface", denied);
    obs_evidence_str("error_message", refused.error_message);
    obs_evidence_str("other_interface_error", control.reply ? "a reply" : control.error_name);
    obs_evidence_int("calls_that_reached_the_service", counted ? (int64_t)unknown : -1);
    call_outcome_free(&refused);
    call_outcome_free(&control);
    service_quit(connection, &service);
    bus_disconnect(connection);
    obs_emit();
}

/* RequestName takes (string name, uint32 flags); this call passes two int32s. The bus must
 * answer with an error and go on serving the same connection. */
void bus_method_wrong_argument_types(int argc, char **argv) {
    (void)argc, (void)argv;
    DBusConnection *connection = bus_connect();
    DBusMessage *call = bus_driver_call("RequestName");
    dbus_int32_t first = 7, second = 0;
    dbus_message_append_args(call, DBUS_TYPE_INT32, &first, DBUS_TYPE_INT32, &second, DBUS_TYPE_INVALID);
    call_outcome outcome = call_and_wait(connection, call);
    const char *answer = outcome.reply ? "a method return" : outcome.error_name;

    /* The same connection asks the bus something afterwards: a crash or a disconnect shows here. */
    char owner[128];
    bool answers_after =
        bus_name_owner(connection, BUS_NAME, owner, sizeof owner) && strcmp(owner, BUS_NAME) == 0;
    bool connected = dbus_connection_get_is_connected(connection);
    char value[192];
    if (answers_after && connected)
        snprintf(value, sizeof value, "%s", answer);
    else
        snprintf(value, sizeof value, "disconnected after %s", answer);
    obs_value_str(value);
    obs_evidence_str("sent_signature", "ii");
    obs_evidence_str("expected_signature", "su");
    obs_evidence_str("error_message", outcome.error_message);
    obs_evidence_bool("connected_after", connected);
    obs_evidence_bool("bus_answers_after", answers_after);
    call_outcome_free(&outcome);
    bus_disconnect(connection);
    obs_emit();
}
