/* dbus-probe: observes the run's private message bus (runners/dbus/privateBus.ts) with libdbus.
 * The bus address comes from IPC_CONFORMANCE_DBUS_ADDRESS; the kit started that dbus-daemon with
 * its own configuration and never touches the machine's system or session bus. One case per run;
 * c-fixtures/cases/dbus.json says what each case observes, cases.h where each one lives. */
#include "common/probe.h"
#include "cases.h"

static const probe_case cases[] = {
    {"unique-name", unique_name},
    {"unique-name-stable", unique_name_stable},
    {"unique-names-distinct", unique_names_distinct},
    {"request-owned-name-do-not-queue", request_owned_name_do_not_queue},
    {"queued-requester-takes-over", queued_requester_takes_over},
    {"owner-exit-releases-name", owner_exit_releases_name},
    {"method-call-reply-count", method_call_reply_count},
    {"call-unowned-name", call_unowned_name},
    {"call-denied-interface", call_denied_interface},
    {"bus-method-wrong-argument-types", bus_method_wrong_argument_types},
    {"message-over-max-size", message_over_max_size},
    {"message-just-below-max-size", message_just_below_max_size},
    {"signal-reaches-matching-subscribers", signal_reaches_matching_subscribers},
};

int main(int argc, char **argv) { return probe_main(argc, argv, cases, sizeof cases / sizeof *cases); }
