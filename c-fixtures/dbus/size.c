/* The bus's max_message_size (dbus-daemon(1), <limit name="max_message_size">), read from
 * IPC_CONFORMANCE_DBUS_MAX_MESSAGE_SIZE: a Measure call sized to the byte is sent to the service
 * from a connection of its own (the bus may drop it), and the service's own count, asked over
 * another connection afterwards, says whether the call reached it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/probe.h"
#include "cases.h"

/* The whole message as it goes on the wire: header, header padding and body. */
static long marshalled_size(DBusMessage *message) {
    char *wire = NULL;
    int length = 0;
    if (!dbus_message_marshal(message, &wire, &length)) probe_fail("cannot marshal a message");
    free(wire);
    return length;
}

/* Measure(ay) whose marshalled size is exactly total bytes. */
static DBusMessage *measure_call_of_size(const char *destination, long total) {
    static unsigned char *payload;
    DBusMessage *empty = service_call(destination, PROBE_INTERFACE, "Measure");
    const unsigned char *none = NULL;
    dbus_message_append_args(empty, DBUS_TYPE_ARRAY, DBUS_TYPE_BYTE, &none, 0, DBUS_TYPE_INVALID);
    long overhead = marshalled_size(empty);
    dbus_message_unref(empty);
    if (total < overhead) probe_usage("a message cannot be smaller than %ld bytes", overhead);
    int length = (int)(total - overhead);
    free(payload);
    payload = calloc((size_t)length + 1, 1);
    if (!payload) probe_fail("out of memory for %d bytes", length);
    memset(payload, 'm', (size_t)length);
    DBusMessage *call = service_call(destination, PROBE_INTERFACE, "Measure");
    const unsigned char *bytes = payload;
    dbus_message_append_args(call, DBUS_TYPE_ARRAY, DBUS_TYPE_BYTE, &bytes, length, DBUS_TYPE_INVALID);
    if (marshalled_size(call) != total)
        probe_fail("sized a message to %ld bytes but it has %ld", total, marshalled_size(call));
    return call;
}

/* Sends a message of max_message_size + offset bytes; value = whether the service received it. */
static void send_sized_message(long offset) {
    long limit = bus_setting_long("IPC_CONFORMANCE_DBUS_MAX_MESSAGE_SIZE");
    dbus_service service;
    service_spawn(&service, "Measurer");
    DBusConnection *observer = bus_connect();
    service_await(observer, &service);
    DBusConnection *sender = bus_connect();

    long size = limit + offset;
    call_outcome outcome = call_and_wait(sender, measure_call_of_size(service.name, size));
    uint32_t measured_bytes = 0;
    char sender_outcome[192];
    if (outcome.reply &&
        dbus_message_get_args(outcome.reply, NULL, DBUS_TYPE_UINT32, &measured_bytes, DBUS_TYPE_INVALID))
        snprintf(sender_outcome, sizeof sender_outcome, "reply");
    else
        snprintf(sender_outcome, sizeof sender_outcome, "%s",
                 outcome.reply ? "unreadable reply" : outcome.error_name);
    bool sender_connected = dbus_connection_get_is_connected(sender);
    uint32_t measured = 0, unknown = 0;
    if (!service_received(observer, &service, &measured, &unknown))
        probe_fail("the service did not say what it received");

    obs_value_bool(measured > 0);
    obs_evidence_int("max_message_size", limit);
    obs_evidence_int("message_size", size);
    obs_evidence_str("sender_outcome", sender_outcome);
    obs_evidence_str("error_message", outcome.error_message);
    obs_evidence_bool("sender_connected_after", sender_connected);
    obs_evidence_int("measure_calls_received", measured);
    obs_evidence_int("payload_bytes_received", measured_bytes);
    call_outcome_free(&outcome);
    bus_disconnect(sender);
    service_quit(observer, &service);
    bus_disconnect(observer);
    obs_emit();
}

void message_over_max_size(int argc, char **argv) {
    (void)argc, (void)argv;
    send_sized_message(+1);
}

void message_just_below_max_size(int argc, char **argv) {
    (void)argc, (void)argv;
    send_sized_message(-1);
}
