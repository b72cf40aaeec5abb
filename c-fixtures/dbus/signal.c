/* Signal delivery by match rules: one emitter (the service helper), three subscriber connections
 * whose rules the Tick signal matches in two different ways or not at all. */
#include <stdio.h>
#include <string.h>

#include "common/probe.h"
#include "cases.h"

#define SUBSCRIBERS 3

/* Reads one subscriber's messages until the emitter's Fence signal (sent after Tick on the same
 * connection, so every Tick meant for this subscriber is in by then); returns the Ticks seen. */
static int ticks_before_fence(DBusConnection *subscriber, const char *emitter, int64_t deadline,
                              bool *fence_seen) {
    int ticks = 0;
    *fence_seen = false;
    DBusMessage *message;
    while (!*fence_seen && (message = next_message(subscriber, deadline))) {
        const char *sender = dbus_message_get_sender(message);
        if (sender && strcmp(sender, emitter) == 0) {
            if (dbus_message_is_signal(message, SIGNAL_INTERFACE, "Tick")) ticks++;
            if (dbus_message_is_signal(message, SIGNAL_INTERFACE, "Fence")) *fence_seen = true;
        }
        dbus_message_unref(message);
    }
    return ticks;
}

void signal_reaches_matching_subscribers(int argc, char **argv) {
    (void)argc, (void)argv;
    dbus_service emitter;
    service_spawn(&emitter, "Emitter");
    DBusConnection *caller = bus_connect();
    service_await(caller, &emitter);

    /* 1 matches Tick by interface and member, 2 by sender and path, 3 wants another member. */
    char rules[SUBSCRIBERS][256];
    snprintf(rules[0], sizeof rules[0], "type='signal',interface='%s',member='Tick'", SIGNAL_INTERFACE);
    snprintf(rules[1], sizeof rules[1], "type='signal',sender='%s',path='%s'", emitter.unique_name,
             EMITTER_PATH);
    snprintf(rules[2], sizeof rules[2], "type='signal',interface='%s',member='Tock'", SIGNAL_INTERFACE);
    char fence_rule[256];
    snprintf(fence_rule, sizeof fence_rule, "type='signal',interface='%s',member='Fence'", SIGNAL_INTERFACE);
    DBusConnection *subscribers[SUBSCRIBERS];
    for (int i = 0; i < SUBSCRIBERS; i++) {
        subscribers[i] = bus_connect();
        bus_add_match(subscribers[i], rules[i]);
        if (i != 1) bus_add_match(subscribers[i], fence_rule); /* rule 2 already covers Fence */
    }

    /* AddMatch has been answered for every rule, so the rules are in place before Emit. */
    call_outcome emitted = call_and_wait(caller, service_call(emitter.name, PROBE_INTERFACE, "Emit"));
    if (!emitted.reply) probe_fail("Emit failed: %s", emitted.error_name);
    call_outcome_free(&emitted);

    int64_t deadline = monotonic_ns() + (int64_t)CALL_TIMEOUT_MS * 1000000;
    int ticks[SUBSCRIBERS];
    int fences = 0;
    for (int i = 0; i < SUBSCRIBERS; i++) {
        bool fence_seen = false;
        ticks[i] = ticks_before_fence(subscribers[i], emitter.unique_name, deadline, &fence_seen);
        fences += fence_seen;
    }
    /* The caller subscribed to nothing: a Tick there would be a broadcast to everyone. */
    bool caller_fence = false;
    int caller_ticks =
        ticks_before_fence(caller, emitter.unique_name, monotonic_ns() + 200 * 1000000LL, &caller_fence);

    char value[64];
    snprintf(value, sizeof value, "%d,%d,%d", ticks[0], ticks[1], ticks[2]);
    obs_value_str(value);
    obs_evidence_str("rule_1", rules[0]);
    obs_evidence_str("rule_2", rules[1]);
    obs_evidence_str("rule_3", rules[2]);
    obs_evidence_int("subscribers_that_saw_the_fence", fences);
    obs_evidence_int("ticks_at_caller_without_rules", caller_ticks);
    obs_evidence_str("emitter", emitter.unique_name);
    for (int i = 0; i < SUBSCRIBERS; i++) bus_disconnect(subscribers[i]);
    service_quit(caller, &emitter);
    bus_disconnect(caller);
    obs_emit();
}
