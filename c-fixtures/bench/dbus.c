/* The dbus channel and bus connections; see dbus.h. The peer connects, tells the probe its
 * unique name through a pipe, and answers method calls on the bench interface:
 *   Echo(ay) → ay   the same bytes back (rtt)
 *   Take(ay) → ()   an empty reply once the bytes are read: the ack of one throughput chunk
 * The probe calls it by unique name, so no well-known name has to be owned or released. */
#include <dbus/dbus.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "channels.h"
#include "dbus.h"
#include "peer.h"
#include "common/probe.h"

#define BENCH_INTERFACE "org.ipcconformance.Bench"
#define BENCH_PATH      "/org/ipcconformance/Bench"
/* Room for the header (destination, path, interface, member, signature, serials) next to a
 * throughput chunk, so that a whole message stays under the bus's max_message_size: a message
 * over it makes the bus drop the connection. */
#define HEADER_ROOM      1024
#define REPLY_TIMEOUT_NS INT64_C(5000000000)

const char *bench_bus_address(void) {
    const char *address = getenv(BUS_ADDRESS_VARIABLE);
    if (!address || !*address)
        probe_usage("%s is not set: the kit starts a private bus and exports its address (by hand: "
                    "dbus-daemon --session "
                    "--nofork --print-address --address=unix:path=DIR/bus)",
                    BUS_ADDRESS_VARIABLE);
    return address;
}

void *bench_bus_open(char *why, size_t size) {
    DBusError error;
    dbus_error_init(&error);
    DBusConnection *connection = dbus_connection_open_private(bench_bus_address(), &error);
    if (connection) {
        /* A dropped connection is reported, never a reason for libdbus to exit the process. */
        dbus_connection_set_exit_on_disconnect(connection, FALSE);
        if (dbus_bus_register(connection, &error)) return connection;
        dbus_connection_close(connection);
        dbus_connection_unref(connection);
    }
    snprintf(why, size, "%s", error.message ? error.message : "no reason given");
    dbus_error_free(&error);
    return NULL;
}

void bench_bus_close(void *connection) {
    if (!connection) return;
    dbus_connection_close(connection);
    dbus_connection_unref(connection);
}

long bench_bus_daemon_pid(void *connection, char *why, size_t size) {
    DBusMessage *call = dbus_message_new_method_call(DBUS_SERVICE_DBUS, DBUS_PATH_DBUS, DBUS_INTERFACE_DBUS,
                                                     "GetConnectionUnixProcessID");
    const char *driver = DBUS_SERVICE_DBUS;
    DBusError error;
    dbus_error_init(&error);
    if (!call || !dbus_message_append_args(call, DBUS_TYPE_STRING, &driver, DBUS_TYPE_INVALID))
        probe_fail("out of memory for a method call");
    DBusMessage *reply = dbus_connection_send_with_reply_and_block(connection, call, 3000, &error);
    dbus_message_unref(call);
    dbus_uint32_t pid = 0;
    bool ok = reply && dbus_message_get_args(reply, &error, DBUS_TYPE_UINT32, &pid, DBUS_TYPE_INVALID);
    if (!ok)
        snprintf(why, size, "GetConnectionUnixProcessID: %s", error.message ? error.message : "no answer");
    dbus_error_free(&error);
    if (reply) dbus_message_unref(reply);
    return ok ? (long)pid : -1;
}

/* ---- the channel ------------------------------------------------------------------------------ */

struct dbus_side {
    DBusConnection *connection;
    char peer_name[128];     /* the probe's: where its calls go */
    dbus_uint32_t awaited;   /* the probe's: serial of the call whose reply comes next */
    bool in_flight;          /* the probe's: a one-way call is sent and its reply not yet read */
    DBusMessage *unanswered; /* the peer's: the Echo call its next send answers */
};

static void dbus_open(bench_channel *channel) {
    bench_bus_address();
    const char *limit = getenv(BUS_MAX_MESSAGE_VARIABLE);
    long max_message = limit ? strtol(limit, NULL, 10) : 0;
    if (max_message > HEADER_ROOM && channel->size > (size_t)(max_message - HEADER_ROOM))
        channel->size = (size_t)(max_message - HEADER_ROOM);
    /* The peer's unique name travels through this pipe: fds[0] read by the probe, fds[1] written by the peer.
     */
    if (pipe2(&channel->fds[0], O_CLOEXEC) != 0) probe_fail("pipe2: %s", errno_name(errno));
    channel->dbus = calloc(1, sizeof(struct dbus_side));
    if (!channel->dbus) probe_fail("out of memory");
}

/* Connects once; a repeat after EINTR keeps the connection it has. */
static int connect_once(struct dbus_side *side) {
    if (side->connection) return 0;
    char why[256];
    side->connection = bench_bus_open(why, sizeof why);
    if (!side->connection) {
        fprintf(stderr, "dbus: cannot connect to %s: %s\n", bench_bus_address(), why);
        return ECONNREFUSED;
    }
    return 0;
}

static int dbus_take_side(bench_channel *channel) {
    struct dbus_side *side = channel->dbus;
    if (channel->side == SIDE_PEER) {
        close_fd(&channel->fds[0]);
        int err = connect_once(side);
        if (err) return err;
        const char *name = dbus_bus_get_unique_name(side->connection);
        size_t length = strlen(name);
        if (write_full(channel->fds[1], name, length) != (ssize_t)length) return errno;
        close_fd(&channel->fds[1]);
        return 0;
    }
    close_fd(&channel->fds[1]);
    int err = connect_once(side);
    if (err) return err;
    /* The peer writes its name in one write of under PIPE_BUF bytes: one read has all of it. */
    ssize_t got = read(channel->fds[0], side->peer_name, sizeof side->peer_name - 1);
    if (got < 0) return errno;
    if (got == 0) return EPIPE;
    side->peer_name[got] = '\0';
    close_fd(&channel->fds[0]);
    return 0;
}

/* The next message on the connection, waiting until deadline_ns; NULL with *err set otherwise. */
static DBusMessage *next_message(struct dbus_side *side, int64_t deadline_ns, int *err) {
    for (;;) {
        DBusMessage *message = dbus_connection_pop_message(side->connection);
        if (message) return message;
        if (bench_peer_exited) {
            *err = EINTR;
            return NULL;
        }
        int64_t left_ms = deadline_ns > 0 ? (deadline_ns - monotonic_ns()) / 1000000 : -1;
        if (deadline_ns > 0 && left_ms <= 0) {
            *err = ETIMEDOUT;
            return NULL;
        }
        if (!dbus_connection_read_write(side->connection, (int)left_ms)) {
            /* The bus closes the connection of a sender whose message exceeds its max_message_size. */
            fprintf(stderr, "dbus: the bus closed the connection (is %s the bus's max_message_size?)\n",
                    BUS_MAX_MESSAGE_VARIABLE);
            *err = EPIPE;
            return NULL;
        }
    }
}

/* The probe: waits for the reply to the call in flight; copies its bytes (Echo) into data. */
static int await_reply(bench_channel *channel, void *data) {
    struct dbus_side *side = channel->dbus;
    int64_t deadline = monotonic_ns() + REPLY_TIMEOUT_NS;
    int err = 0;
    DBusMessage *message;
    while ((message = next_message(side, deadline, &err))) {
        bool answer = dbus_message_get_reply_serial(message) == side->awaited;
        int type = dbus_message_get_type(message);
        if (answer && type == DBUS_MESSAGE_TYPE_METHOD_RETURN) {
            const unsigned char *bytes = NULL;
            int length = -1;
            if (data && (!dbus_message_get_args(message, NULL, DBUS_TYPE_ARRAY, DBUS_TYPE_BYTE, &bytes,
                                                &length, DBUS_TYPE_INVALID) ||
                         (size_t)length != channel->size))
                err = EBADMSG;
            else if (data)
                memcpy(data, bytes, channel->size);
        } else if (answer && type == DBUS_MESSAGE_TYPE_ERROR) {
            fprintf(stderr, "dbus: the call failed: %s\n", dbus_message_get_error_name(message));
            err = EPROTO; /* NoReply when the peer died, LimitsExceeded, AccessDenied … */
        }
        dbus_message_unref(message);
        if (answer) return err;
        /* Anything else (NameAcquired and other bus signals) is not for this loop. */
    }
    return err;
}

static int dbus_send(bench_channel *channel, const void *data) {
    struct dbus_side *side = channel->dbus;
    if (channel->side == SIDE_PEER) {
        DBusMessage *reply = dbus_message_new_method_return(side->unanswered);
        if (!reply || !dbus_message_append_args(reply, DBUS_TYPE_ARRAY, DBUS_TYPE_BYTE, &data,
                                                (int)channel->size, DBUS_TYPE_INVALID))
            return ENOMEM;
        bool sent = dbus_connection_send(side->connection, reply, NULL);
        dbus_message_unref(reply);
        dbus_message_unref(side->unanswered);
        side->unanswered = NULL;
        return sent ? 0 : ENOMEM;
    }
    /* A repeat after EINTR finds the call already sent and only goes on waiting for its reply. */
    if (!side->in_flight) {
        DBusMessage *call = dbus_message_new_method_call(side->peer_name, BENCH_PATH, BENCH_INTERFACE,
                                                         channel->one_way ? "Take" : "Echo");
        if (!call || !dbus_message_append_args(call, DBUS_TYPE_ARRAY, DBUS_TYPE_BYTE, &data,
                                               (int)channel->size, DBUS_TYPE_INVALID))
            return ENOMEM;
        bool sent = dbus_connection_send(side->connection, call, &side->awaited);
        dbus_message_unref(call);
        if (!sent) return ENOMEM;
    }
    if (!channel->one_way) return 0;
    /* One-way: the empty reply is the chunk's acknowledgement, and the flow control. */
    side->in_flight = true;
    int err = await_reply(channel, NULL);
    if (err != EINTR) side->in_flight = false;
    return err;
}

static int dbus_receive(bench_channel *channel, void *data) {
    struct dbus_side *side = channel->dbus;
    if (channel->side == SIDE_PROBE) return await_reply(channel, data);
    int err = 0;
    DBusMessage *message;
    while ((message = next_message(side, 0, &err))) {
        bool echo = dbus_message_is_method_call(message, BENCH_INTERFACE, "Echo");
        if (!echo && !dbus_message_is_method_call(message, BENCH_INTERFACE, "Take")) {
            dbus_message_unref(message); /* bus signals */
            continue;
        }
        const unsigned char *bytes = NULL;
        int length = -1;
        if (!dbus_message_get_args(message, NULL, DBUS_TYPE_ARRAY, DBUS_TYPE_BYTE, &bytes, &length,
                                   DBUS_TYPE_INVALID) ||
            (size_t)length != channel->size) {
            dbus_message_unref(message);
            return EBADMSG;
        }
        memcpy(data, bytes, channel->size);
        if (echo) {
            side->unanswered = message; /* answered by the next dbus_send */
            return 0;
        }
        DBusMessage *ack = dbus_message_new_method_return(message);
        bool sent = ack && dbus_connection_send(side->connection, ack, NULL);
        if (ack) dbus_message_unref(ack);
        dbus_message_unref(message);
        return sent ? 0 : ENOMEM;
    }
    return err;
}

static void dbus_close(bench_channel *channel) {
    struct dbus_side *side = channel->dbus;
    bench_bus_close(side->connection);
    free(side);
    channel->dbus = NULL;
}

const channel_mechanism channel_dbus = {
    .name = "dbus",
    .uses = USE_RTT | USE_THROUGHPUT,
    .min_size = 1,
    .max_size = SIZE_MAX,
    .open = dbus_open,
    .take_side = dbus_take_side,
    .send = dbus_send,
    .receive = dbus_receive,
    .close = dbus_close,
};

long bench_dbus_channel_daemon_pid(bench_channel *channel, char *why, size_t size) {
    struct dbus_side *side = channel->dbus;
    if (!side || !side->connection) {
        snprintf(why, size, "the channel has no bus connection");
        return -1;
    }
    return bench_bus_daemon_pid(side->connection, why, size);
}
