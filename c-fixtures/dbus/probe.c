/* dbus-probe: observes the run's private message bus (runners/dbus/privateBus.ts) with libdbus.
 * The bus address comes from IPC_CONFORMANCE_DBUS_ADDRESS; the kit started that dbus-daemon with
 * its own configuration and never touches the machine's system or session bus. One case per run;
 * the case table below says what each case observes, cases.h where each one lives. */
#include "common/probe.h"
#include "cases.h"

static const probe_case cases[] = {
    PROBE_CASE("unique-name", unique_name,
               "connects to the run's bus; value = true when Hello gave a unique name starting with "
               "\":\"; evidence.unique_name"),
    PROBE_CASE("unique-name-stable", unique_name_stable,
               "holds a well-known name and asks GetNameOwner for it, and libdbus for its own unique "
               "name, over 5 rounds of other traffic; value = how many distinct names Hello and all "
               "answers gave; evidence.unique_name (from Hello), names_seen"),
    PROBE_CASE("unique-names-distinct", unique_names_distinct,
               "opens, registers and closes `count` connections one after another; value = how many "
               "distinct unique names they got; evidence.connections, first, last",
               OPTIONAL_PARAM("count", "connections to open (default 100)")),
    PROBE_CASE("request-owned-name-do-not-queue", request_owned_name_do_not_queue,
               "a service helper owns a name; the probe requests it with DBUS_NAME_FLAG_DO_NOT_QUEUE; "
               "value = the reply (PRIMARY_OWNER, IN_QUEUE, EXISTS, ALREADY_OWNER or an error name); "
               "evidence.owner, owner_after_request"),
    PROBE_CASE("queued-requester-takes-over", queued_requester_takes_over,
               "queues (flags 0) for a name a service helper owns, then the helper exits; value = true "
               "when GetNameOwner then names the probe's own connection; evidence.owner_after_exit, "
               "unique_name, request_reply, NameOwnerChanged old/new, name_acquired_seen"),
    PROBE_CASE("owner-exit-releases-name", owner_exit_releases_name,
               "a service helper owns a name and exits; value = GetNameOwner's error name (\"still owned "
               "by …\" when it answers); evidence NameOwnerChanged old/new"),
    PROBE_CASE("method-call-reply-count", method_call_reply_count,
               "calls Ping on a service helper, then a second call as a fence; value = replies carrying "
               "the first call's serial; evidence.serial, reply_type, reply_sender",
               OPTIONAL_PARAM("delay_ms", "milliseconds the service waits before it replies (default 0)")),
    PROBE_CASE("call-unowned-name", call_unowned_name,
               "calls a method on a well-known name nobody owns (auto-start allowed, no service files); "
               "value = the error name of the answer"),
    PROBE_CASE("call-denied-interface", call_denied_interface,
               "calls a service helper on the interface the bus policy denies; value = the error name of "
               "the answer; evidence.other_interface_error, calls_that_reached_the_service"),
    PROBE_CASE("bus-method-wrong-argument-types", bus_method_wrong_argument_types,
               "calls RequestName with signature ii instead of su; value = the error name of the answer, "
               "or \"disconnected after …\" when the bus no longer serves the connection; "
               "evidence.connected_after, bus_answers_after"),
    PROBE_CASE("message-over-max-size", message_over_max_size,
               "sends a service helper a message of IPC_CONFORMANCE_DBUS_MAX_MESSAGE_SIZE + 1 bytes; "
               "value = whether the service received it; evidence.max_message_size, message_size, "
               "sender_outcome"),
    PROBE_CASE("message-just-below-max-size", message_just_below_max_size,
               "sends a service helper a message of IPC_CONFORMANCE_DBUS_MAX_MESSAGE_SIZE - 1 bytes; "
               "value = whether the service received it; evidence.max_message_size, message_size, "
               "sender_outcome"),
    PROBE_CASE("signal-reaches-matching-subscribers", signal_reaches_matching_subscribers,
               "three subscribers add match rules (two fit the emitter's Tick signal, one does not), "
               "then a service helper emits Tick; value = Ticks each subscriber received, \"a,b,c\"; "
               "evidence the rules, ticks_at_caller_without_rules"),
};

int main(int argc, char **argv) { return probe_main(argc, argv, cases, sizeof cases / sizeof *cases); }
