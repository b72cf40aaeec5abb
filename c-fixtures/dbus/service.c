/* The service helper: a second process that owns a well-known name on the run's bus and answers
 * the methods listed in cases.h. It is forked with spawn_helper, so the probe's cleanup
 * registry kills and reaps it on every path; if the probe itself is killed outright, the parent
 * death signal and its own alarm end it too. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "common/probe.h"
#include "cases.h"

/* The service never outlives the probe's own watchdog by much. */
#define SERVICE_LIFETIME_S 12

struct service_start {
    const char *name;
    pid_t parent;
};

struct service_state {
    DBusConnection *connection;
    uint32_t pings;
    uint32_t measured;
    uint32_t unknown;
    bool quitting;
};

static void send_or_die(DBusConnection *connection, DBusMessage *message) {
    if (!dbus_connection_send(connection, message, NULL)) _exit(1);
    dbus_message_unref(message);
}

static void reply_with_u32(struct service_state *state, DBusMessage *call, uint32_t value) {
    DBusMessage *reply = dbus_message_new_method_return(call);
    if (!reply) _exit(1);
    dbus_message_append_args(reply, DBUS_TYPE_UINT32, &value, DBUS_TYPE_INVALID);
    send_or_die(state->connection, reply);
}

static void emit_signal(struct service_state *state, const char *member) {
    DBusMessage *signal = dbus_message_new_signal(EMITTER_PATH, SIGNAL_INTERFACE, member);
    if (!signal) _exit(1);
    send_or_die(state->connection, signal);
}

static void handle_call(struct service_state *state, DBusMessage *call) {
    DBusError error;
    dbus_error_init(&error);
    if (dbus_message_is_method_call(call, PROBE_INTERFACE, "Ping")) {
        uint32_t delay_ms = 0;
        dbus_message_get_args(call, NULL, DBUS_TYPE_UINT32, &delay_ms, DBUS_TYPE_INVALID);
        sleep_ns((int64_t)delay_ms * 1000000);
        reply_with_u32(state, call, ++state->pings);
    } else if (dbus_message_is_method_call(call, PROBE_INTERFACE, "Emit")) {
        /* Tick is what subscribers are counted on; Fence, sent after it on the same connection,
         * tells each subscriber that any Tick meant for it has arrived (the bus keeps order). */
        emit_signal(state, "Tick");
        emit_signal(state, "Fence");
        send_or_die(state->connection, dbus_message_new_method_return(call));
    } else if (dbus_message_is_method_call(call, PROBE_INTERFACE, "Measure")) {
        const unsigned char *bytes = NULL;
        int length = 0;
        state->measured++;
        if (!dbus_message_get_args(call, &error, DBUS_TYPE_ARRAY, DBUS_TYPE_BYTE, &bytes, &length,
                                   DBUS_TYPE_INVALID)) {
            send_or_die(state->connection,
                        dbus_message_new_error(call, DBUS_ERROR_INVALID_ARGS, error.message));
            dbus_error_free(&error);
            return;
        }
        reply_with_u32(state, call, (uint32_t)length);
    } else if (dbus_message_is_method_call(call, PROBE_INTERFACE, "Received")) {
        DBusMessage *reply = dbus_message_new_method_return(call);
        if (!reply) _exit(1);
        dbus_message_append_args(reply, DBUS_TYPE_UINT32, &state->measured, DBUS_TYPE_UINT32, &state->unknown,
                                 DBUS_TYPE_INVALID);
        send_or_die(state->connection, reply);
    } else if (dbus_message_is_method_call(call, PROBE_INTERFACE, "Quit")) {
        send_or_die(state->connection, dbus_message_new_method_return(call));
        state->quitting = true;
    } else {
        state->unknown++;
        send_or_die(state->connection, dbus_message_new_error(call, DBUS_ERROR_UNKNOWN_METHOD,
                                                              "the service does not implement this"));
    }
}

/* Runs in the helper process. */
static void serve(void *arg) {
    const struct service_start *start = arg;
    /* Die with the probe even if it is killed with SIGKILL, and never hold its descriptors (a
     * copy of one of its bus sockets would keep that connection open in the bus's eyes). */
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != start->parent) _exit(1);
    close_range(3, ~0U, 0);
    alarm(SERVICE_LIFETIME_S);

    struct service_state state = {.connection = bus_connect()};
    const char *outcome = request_name_outcome(state.connection, start->name, DBUS_NAME_FLAG_DO_NOT_QUEUE);
    if (strcmp(outcome, "PRIMARY_OWNER") != 0) {
        fprintf(stderr, "service: RequestName %s gave %s\n", start->name, outcome);
        _exit(1);
    }
    while (!state.quitting && dbus_connection_read_write(state.connection, 1000)) {
        DBusMessage *message;
        while (!state.quitting && (message = dbus_connection_pop_message(state.connection))) {
            if (dbus_message_get_type(message) == DBUS_MESSAGE_TYPE_METHOD_CALL) handle_call(&state, message);
            dbus_message_unref(message);
        }
    }
    dbus_connection_flush(state.connection);
    /* Exit without a goodbye: the bus learns that the owner left when the socket closes. */
    _exit(0);
}

void service_spawn(dbus_service *service, const char *role) {
    snprintf(service->name, sizeof service->name, "%s", run_bus_name(role));
    service->unique_name[0] = '\0';
    static struct service_start start; /* read by the child after fork: a copy of it */
    start.name = service->name;
    start.parent = getpid();
    service->pid = spawn_helper(serve, &start);
}

void service_await(DBusConnection *connection, dbus_service *service) {
    int64_t deadline = monotonic_ns() + (int64_t)CALL_TIMEOUT_MS * 1000000;
    char owner[128];
    while (!bus_name_owner(connection, service->name, owner, sizeof owner)) {
        int status = 0;
        if (waitpid(service->pid, &status, WNOHANG) == service->pid) {
            cleanup_forget_pid(service->pid);
            probe_fail("the service helper for %s exited (status %d) before owning its name", service->name,
                       status);
        }
        if (monotonic_ns() > deadline)
            probe_fail("the service helper never owned %s (%s)", service->name, owner);
        sleep_ns(10 * 1000000);
    }
    snprintf(service->unique_name, sizeof service->unique_name, "%s", owner);
}

bool service_quit(DBusConnection *connection, dbus_service *service) {
    call_outcome outcome = call_and_wait(connection, service_call(service->name, PROBE_INTERFACE, "Quit"));
    bool answered = outcome.reply != NULL;
    call_outcome_free(&outcome);
    if (answered) reap(service->pid, NULL);
    return answered;
}

bool service_received(DBusConnection *connection, const dbus_service *service, uint32_t *measured,
                      uint32_t *unknown) {
    call_outcome outcome =
        call_and_wait(connection, service_call(service->name, PROBE_INTERFACE, "Received"));
    bool ok = outcome.reply && dbus_message_get_args(outcome.reply, NULL, DBUS_TYPE_UINT32, measured,
                                                     DBUS_TYPE_UINT32, unknown, DBUS_TYPE_INVALID);
    call_outcome_free(&outcome);
    return ok;
}
