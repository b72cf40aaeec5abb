/* Exercise 09, reference solution: send a file to a D-Bus service, piece by piece.
 * usage: prog INPUT OUTPUT
 * The child owns org.ipcconformance.Exercise on the session bus and serves Put(ay), which appends
 * the bytes to OUTPUT, and Done(). The parent waits until the name has an owner (told by the bus
 * itself through NameOwnerChanged), then makes every call as a method call with a reply: the reply
 * says the piece is in the file, and an error reply says why it is not.
 *
 * Why not "take the name before fork"? A bus name belongs to a connection, and a connection
 * belongs to the process that opened it: libdbus state cannot be shared across fork. So each
 * process opens its own connection after the fork, and the caller learns from the bus when the
 * service is there. */
#include <dbus/dbus.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define SERVICE     "org.ipcconformance.Exercise"
#define OBJECT_PATH "/org/ipcconformance/Exercise"
#define INTERFACE   "org.ipcconformance.Exercise"
#define PIECE_BYTES 16384
/* Bounded waits: the libdbus default for a call is 25 s, far longer than anything here needs. */
#define CALL_TIMEOUT_MS  2000
#define OWNER_TIMEOUT_MS 2000

static int write_all(int fd, const unsigned char *buf, size_t len) {
    while (len > 0) {
        ssize_t n = write(fd, buf, len);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return -1;
        buf += n;
        len -= (size_t)n;
    }
    return 0;
}

static long long now_ms(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* ---- the service (the child) ----------------------------------------------------------------- */

/* Answers one call: a method return, or an error reply when `error_text` is set. Returns -1 when
 * libdbus could not even queue it (out of memory). */
static int answer(DBusConnection *conn, DBusMessage *call, const char *error_name, const char *error_text) {
    DBusMessage *reply = error_text ? dbus_message_new_error(call, error_name, error_text)
                                    : dbus_message_new_method_return(call);
    if (reply == NULL || !dbus_connection_send(conn, reply, NULL)) {
        if (reply) dbus_message_unref(reply);
        return -1;
    }
    dbus_message_unref(reply);
    return 0;
}

/* Put(ay): the reply goes out only once the bytes are in the file, so a caller that has its reply
 * knows they are there. */
static int handle_put(DBusConnection *conn, DBusMessage *call, int out) {
    DBusError err;
    dbus_error_init(&err);
    unsigned char *bytes;
    int length;
    if (!dbus_message_get_args(call, &err, DBUS_TYPE_ARRAY, DBUS_TYPE_BYTE, &bytes, &length,
                               DBUS_TYPE_INVALID)) {
        int result = answer(conn, call, DBUS_ERROR_INVALID_ARGS, err.message);
        dbus_error_free(&err);
        return result;
    }
    if (write_all(out, bytes, (size_t)length) < 0)
        return answer(conn, call, DBUS_ERROR_FAILED, strerror(errno));
    return answer(conn, call, NULL, NULL);
}

/* Serves Put and Done, writing to `out` (opened by the parent, so it exists before any call). */
static int run_service(int out) {
    DBusError err;
    dbus_error_init(&err);
    DBusConnection *conn = dbus_bus_get(DBUS_BUS_SESSION, &err);
    if (conn == NULL) {
        fprintf(stderr, "service: cannot connect to the session bus: %s\n", err.message);
        dbus_error_free(&err);
        return 1;
    }
    /* DO_NOT_QUEUE: if someone else owns the name, say so at once rather than wait in line
     * while that other owner receives our caller's data. */
    int owner = dbus_bus_request_name(conn, SERVICE, DBUS_NAME_FLAG_DO_NOT_QUEUE, &err);
    if (dbus_error_is_set(&err)) {
        fprintf(stderr, "service: cannot request %s: %s\n", SERVICE, err.message);
        dbus_error_free(&err);
        return 1;
    }
    if (owner != DBUS_REQUEST_NAME_REPLY_PRIMARY_OWNER) {
        fprintf(stderr, "service: %s is owned by another connection\n", SERVICE);
        return 1;
    }

    int finished = 0, failed = 0;
    while (!finished && !failed) {
        /* Blocks until the socket has something; returns FALSE once the bus has gone. */
        if (!dbus_connection_read_write(conn, -1)) {
            fprintf(stderr, "service: the bus connection closed\n");
            failed = 1;
            break;
        }
        /* Take every message already read before blocking again. */
        DBusMessage *msg;
        while (!failed && (msg = dbus_connection_pop_message(conn)) != NULL) {
            if (dbus_message_is_method_call(msg, INTERFACE, "Put")) {
                failed = handle_put(conn, msg, out) < 0;
            } else if (dbus_message_is_method_call(msg, INTERFACE, "Done")) {
                failed = answer(conn, msg, NULL, NULL) < 0;
                finished = 1;
            } else if (dbus_message_get_type(msg) == DBUS_MESSAGE_TYPE_METHOD_CALL) {
                failed =
                    answer(conn, msg, DBUS_ERROR_UNKNOWN_METHOD, "this service has Put(ay) and Done()") < 0;
            } /* signals from the bus (NameAcquired) need no answer */
            dbus_message_unref(msg);
        }
    }
    /* The replies were only queued: write them out before the process, and its socket, ends. */
    dbus_connection_flush(conn);
    if (close(out) < 0) {
        fprintf(stderr, "service: close output: %s\n", strerror(errno));
        failed = 1;
    }
    return failed;
}

/* ---- the caller (the parent) ---------------------------------------------------------------- */

/* Waits until SERVICE has an owner, for at most OWNER_TIMEOUT_MS. It subscribes to the bus's
 * NameOwnerChanged signal for that name first and asks NameHasOwner second: in that order, an
 * owner that appears between the two steps is still seen, as the answer or as a signal.
 * (On this private bus only our child can own the name. On a shared bus, also check that the
 * owner is our child: GetConnectionUnixProcessID tells the owner's process id.) */
static int wait_for_service(DBusConnection *conn) {
    DBusError err;
    dbus_error_init(&err);
    const char *rule = "type='signal',sender='" DBUS_SERVICE_DBUS "',interface='" DBUS_INTERFACE_DBUS
                       "',member='NameOwnerChanged',arg0='" SERVICE "'";
    dbus_bus_add_match(conn, rule, &err); /* with an error to fill, this waits for the bus's answer */
    if (dbus_error_is_set(&err)) {
        fprintf(stderr, "cannot watch %s: %s\n", SERVICE, err.message);
        dbus_error_free(&err);
        return -1;
    }
    dbus_bool_t owned = dbus_bus_name_has_owner(conn, SERVICE, &err);
    if (dbus_error_is_set(&err)) {
        fprintf(stderr, "NameHasOwner %s: %s\n", SERVICE, err.message);
        dbus_error_free(&err);
        return -1;
    }
    long long deadline = now_ms() + OWNER_TIMEOUT_MS;
    while (!owned) {
        long long left = deadline - now_ms();
        if (left <= 0) {
            fprintf(stderr, "%s did not appear on the bus within %d ms\n", SERVICE, OWNER_TIMEOUT_MS);
            return -1;
        }
        if (!dbus_connection_read_write(conn, (int)left)) {
            fprintf(stderr, "the bus connection closed\n");
            return -1;
        }
        DBusMessage *msg;
        while ((msg = dbus_connection_pop_message(conn)) != NULL) {
            const char *name, *old_owner, *new_owner;
            if (dbus_message_is_signal(msg, DBUS_INTERFACE_DBUS, "NameOwnerChanged") &&
                dbus_message_get_args(msg, NULL, DBUS_TYPE_STRING, &name, DBUS_TYPE_STRING, &old_owner,
                                      DBUS_TYPE_STRING, &new_owner, DBUS_TYPE_INVALID) &&
                strcmp(name, SERVICE) == 0 && new_owner[0] != '\0')
                owned = 1;
            dbus_message_unref(msg);
        }
    }
    dbus_bus_remove_match(conn, rule, NULL); /* no longer needed; NULL: do not wait for the answer */
    return 0;
}

/* Calls `method` on the service (with `length` bytes as its ay argument when `bytes` is set) and
 * waits for the reply. Returns -1, having said why, when the call or its reply failed. */
static int call_service(DBusConnection *conn, const char *method, const unsigned char *bytes, int length) {
    DBusMessage *call = dbus_message_new_method_call(SERVICE, OBJECT_PATH, INTERFACE, method);
    if (call == NULL || (bytes && !dbus_message_append_args(call, DBUS_TYPE_ARRAY, DBUS_TYPE_BYTE, &bytes,
                                                            length, DBUS_TYPE_INVALID))) {
        fprintf(stderr, "%s: out of memory\n", method);
        if (call) dbus_message_unref(call);
        return -1;
    }
    DBusError err;
    dbus_error_init(&err);
    /* Sends the call (flushing it) and waits for the reply: an error reply, ServiceUnknown for
     * instance, arrives here as `err` instead of vanishing. */
    DBusMessage *reply = dbus_connection_send_with_reply_and_block(conn, call, CALL_TIMEOUT_MS, &err);
    dbus_message_unref(call);
    if (reply == NULL) {
        fprintf(stderr, "%s: %s: %s\n", method, err.name, err.message);
        dbus_error_free(&err);
        return -1;
    }
    dbus_message_unref(reply);
    return 0;
}

/* Puts the whole input in pieces of at most PIECE_BYTES, then says Done. */
static int send_file(DBusConnection *conn, int in) {
    unsigned char piece[PIECE_BYTES];
    int result = 0;
    for (;;) {
        ssize_t n = read(in, piece, sizeof piece);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            fprintf(stderr, "read input: %s\n", strerror(errno));
            result = -1;
            break;
        }
        if (n == 0) break;
        if (call_service(conn, "Put", piece, (int)n) < 0) {
            result = -1;
            break;
        }
    }
    return result == 0 ? call_service(conn, "Done", NULL, 0) : -1;
}

static int reap(pid_t child, int *status) {
    while (waitpid(child, status, 0) < 0) {
        if (errno != EINTR) return -1;
    }
    return 0;
}

int main(int argc, char *argv[]) {
    if (argc != 3) {
        fprintf(stderr, "usage: %s INPUT OUTPUT\n", argv[0]);
        return 2;
    }

    /* Both files first, before anything else is made: a bad path is one error and nothing to
     * undo. The service, forked below, inherits the output. */
    int in = open(argv[1], O_RDONLY);
    if (in < 0) {
        fprintf(stderr, "cannot open %s: %s\n", argv[1], strerror(errno));
        return 1;
    }
    int out = open(argv[2], O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (out < 0) {
        fprintf(stderr, "cannot create %s: %s\n", argv[2], strerror(errno));
        return 1;
    }

    pid_t parent = getpid();
    pid_t child = fork();
    if (child < 0) {
        fprintf(stderr, "fork: %s\n", strerror(errno));
        return 1;
    }
    if (child == 0) {
        /* A service whose caller has died has nobody left to serve: end with it. */
        if (prctl(PR_SET_PDEATHSIG, SIGTERM) < 0 || getppid() != parent) _exit(1);
        close(in);
        /* _exit: the parent's stdio buffers and exit handlers are not the child's to run. */
        _exit(run_service(out));
    }
    close(out);

    DBusError err;
    dbus_error_init(&err);
    DBusConnection *conn = dbus_bus_get(DBUS_BUS_SESSION, &err);
    int ok = 1;
    if (conn == NULL) {
        fprintf(stderr, "cannot connect to the session bus: %s\n", err.message);
        dbus_error_free(&err);
        ok = 0;
    } else if (wait_for_service(conn) < 0 || send_file(conn, in) < 0) {
        ok = 0;
    }
    close(in);
    /* After a failure the service may never get its Done: stop it rather than wait for ever. */
    if (!ok) kill(child, SIGTERM);

    int status;
    if (reap(child, &status) < 0) {
        fprintf(stderr, "waitpid: %s\n", strerror(errno));
        return 1;
    }
    if (ok && WIFSIGNALED(status)) {
        fprintf(stderr, "the service was killed by signal %d\n", WTERMSIG(status));
        ok = 0;
    } else if (ok && WEXITSTATUS(status) != 0) {
        ok = 0; /* the service has said why on stderr */
    }
    if (conn) dbus_connection_unref(conn);
    return ok ? 0 : 1;
}
