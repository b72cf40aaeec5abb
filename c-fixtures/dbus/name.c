/* Bus names: unique names (given at Hello, stable, never reused) and well-known names (one
 * primary owner, a queue behind it, released when the owner's connection goes). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/probe.h"
#include "cases.h"

#define SECONDS(n) ((int64_t)(n)*1000000000)

void unique_name(int argc, char **argv) {
    (void)argc, (void)argv;
    DBusConnection *connection = bus_connect();
    const char *name = dbus_bus_get_unique_name(connection);
    obs_value_bool(name && name[0] == ':');
    obs_evidence_str("unique_name", name ? name : "");
    bus_disconnect(connection);
    obs_emit();
}

void request_owned_name_do_not_queue(int argc, char **argv) {
    (void)argc, (void)argv;
    dbus_service owner;
    service_spawn(&owner, "Owned");
    DBusConnection *connection = bus_connect();
    service_await(connection, &owner);

    obs_value_str(request_name_outcome(connection, owner.name, DBUS_NAME_FLAG_DO_NOT_QUEUE));
    char owner_after[128];
    bus_name_owner(connection, owner.name, owner_after, sizeof owner_after);
    obs_evidence_str("name", owner.name);
    obs_evidence_str("owner", owner.unique_name);
    obs_evidence_str("owner_after_request", owner_after);
    obs_evidence_str("requester", dbus_bus_get_unique_name(connection));
    service_quit(connection, &owner);
    bus_disconnect(connection);
    obs_emit();
}

/* The probe queues for a name the service owns, then the service's process exits. */
void queued_requester_takes_over(int argc, char **argv) {
    (void)argc, (void)argv;
    dbus_service owner;
    service_spawn(&owner, "Handed");
    DBusConnection *connection = bus_connect();
    service_await(connection, &owner);
    char rule[512];
    name_owner_changed_rule(owner.name, rule, sizeof rule);
    bus_add_match(connection, rule);

    const char *queued = request_name_outcome(connection, owner.name, 0);
    bool quit = service_quit(connection, &owner);
    char old_owner[128] = "", new_owner[128] = "", owner_now[128];
    bool acquired = false;
    bool changed = await_name_owner_changed(connection, owner.name, monotonic_ns() + SECONDS(3), old_owner,
                                            new_owner, sizeof new_owner, &acquired);
    if (!acquired) acquired = await_name_acquired(connection, owner.name, monotonic_ns() + SECONDS(1));
    bus_name_owner(connection, owner.name, owner_now, sizeof owner_now);

    const char *self = dbus_bus_get_unique_name(connection);
    obs_value_bool(strcmp(owner_now, self) == 0);
    obs_evidence_str("owner_after_exit", owner_now);
    obs_evidence_str("unique_name", self);
    obs_evidence_str("request_reply", queued);
    obs_evidence_str("first_owner", owner.unique_name);
    obs_evidence_bool("first_owner_quit", quit);
    obs_evidence_bool("name_owner_changed_seen", changed);
    obs_evidence_str("name_owner_changed_old", old_owner);
    obs_evidence_str("name_owner_changed_new", new_owner);
    obs_evidence_bool("name_acquired_seen", acquired);
    bus_disconnect(connection);
    obs_emit();
}

void owner_exit_releases_name(int argc, char **argv) {
    (void)argc, (void)argv;
    dbus_service owner;
    service_spawn(&owner, "Leaving");
    DBusConnection *connection = bus_connect();
    service_await(connection, &owner);
    char rule[512];
    name_owner_changed_rule(owner.name, rule, sizeof rule);
    bus_add_match(connection, rule);

    bool quit = service_quit(connection, &owner);
    char old_owner[128] = "", new_owner[128] = "", answer[128];
    bool changed = await_name_owner_changed(connection, owner.name, monotonic_ns() + SECONDS(3), old_owner,
                                            new_owner, sizeof new_owner, NULL);
    bool owned = bus_name_owner(connection, owner.name, answer, sizeof answer);

    char value[160];
    snprintf(value, sizeof value, "%s%s", owned ? "still owned by " : "", answer);
    obs_value_str(value);
    obs_evidence_str("name", owner.name);
    obs_evidence_str("owner", owner.unique_name);
    obs_evidence_bool("owner_quit", quit);
    obs_evidence_bool("name_owner_changed_seen", changed);
    obs_evidence_str("name_owner_changed_old", old_owner);
    obs_evidence_str("name_owner_changed_new", new_owner);
    bus_disconnect(connection);
    obs_emit();
}

/* Adds text to a comma-separated list of distinct answers unless it is there already. */
static void note_distinct(char *list, size_t size, const char *text) {
    size_t length = strlen(text);
    for (const char *at = list; (at = strstr(at, text)); at += length)
        if ((at == list || at[-1] == ',') && (at[length] == ',' || at[length] == '\0')) return;
    size_t used = strlen(list);
    snprintf(list + used, size - used, "%s%s", used ? "," : "", text);
}

/* Asks, between other traffic on the same connection, who owns a name it holds, and what libdbus
 * says its unique name is. Value: how many distinct names Hello and all those answers gave (1 if
 * the unique name is stable). */
void unique_name_stable(int argc, char **argv) {
    (void)argc, (void)argv;
    const int rounds = 5;
    DBusConnection *connection = bus_connect();
    char first[128];
    snprintf(first, sizeof first, "%s", dbus_bus_get_unique_name(connection));
    const char *held = run_bus_name("Held");
    const char *passing = run_bus_name("Passing");
    const char *reply = request_name_outcome(connection, held, DBUS_NAME_FLAG_DO_NOT_QUEUE);
    if (strcmp(reply, "PRIMARY_OWNER") != 0) probe_fail("RequestName %s gave %s", held, reply);

    char answers[512] = "", owner[128];
    note_distinct(answers, sizeof answers, first);
    for (int round = 0; round < rounds; round++) {
        bus_name_owner(connection, held, owner, sizeof owner);
        note_distinct(answers, sizeof answers, owner);
        note_distinct(answers, sizeof answers, dbus_bus_get_unique_name(connection));
        /* Traffic in between: take and give back another name, ask the bus for its id. */
        request_name_outcome(connection, passing, 0);
        DBusError error;
        dbus_error_init(&error);
        dbus_bus_release_name(connection, passing, &error);
        dbus_error_free(&error);
        call_outcome id = call_and_wait(connection, bus_driver_call("GetId"));
        call_outcome_free(&id);
    }
    int distinct = 1;
    for (const char *comma = answers; (comma = strchr(comma, ',')); comma++) distinct++;
    obs_value_int(distinct);
    obs_evidence_str("names_seen", answers);
    obs_evidence_str("unique_name", first);
    obs_evidence_str("held_name", held);
    obs_evidence_int("rounds", rounds);
    bus_disconnect(connection);
    obs_emit();
}

static int compare_strings(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Opens and closes connections one after the other. Optional argument: how many (default 100). */
void unique_names_distinct(int argc, char **argv) {
    long count = arg_long(argc, argv, 0, 100);
    if (count < 2 || count > 10000) probe_usage("the number of connections must be 2..10000");
    char **names = calloc((size_t)count, sizeof *names);
    if (!names) probe_fail("out of memory");
    for (long i = 0; i < count; i++) {
        DBusConnection *connection = bus_connect();
        names[i] = strdup(dbus_bus_get_unique_name(connection));
        bus_disconnect(connection);
        if (!names[i]) probe_fail("out of memory");
    }
    obs_evidence_str("first", names[0]);
    obs_evidence_str("last", names[count - 1]);
    qsort(names, (size_t)count, sizeof *names, compare_strings);
    long distinct = 1;
    for (long i = 1; i < count; i++) distinct += strcmp(names[i], names[i - 1]) != 0;
    obs_value_int(distinct);
    obs_evidence_int("connections", count);
    for (long i = 0; i < count; i++) free(names[i]);
    free(names);
    obs_emit();
}
