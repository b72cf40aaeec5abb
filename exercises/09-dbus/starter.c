/* Exercise 09: send a file to a D-Bus service, piece by piece.
 * usage: prog INPUT OUTPUT
 * The child is the service org.ipcconformance.Exercise with the methods Put(ay), which appends
 * the bytes to OUTPUT, and Done(). The parent calls Put for every piece of INPUT, then Done. */
#include <dbus/dbus.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define SERVICE   "org.ipcconformance.Exercise"
#define PATH      "/org/ipcconformance/Exercise"
#define INTERFACE "org.ipcconformance.Exercise"
#define PIECE     16384

static void reply_to(DBusConnection *conn, DBusMessage *call) {
    DBusMessage *reply = dbus_message_new_method_return(call);
    dbus_connection_send(conn, reply, NULL);
    dbus_message_unref(reply);
}

static void service(const char *output) {
    DBusError err;
    dbus_error_init(&err);
    DBusConnection *conn = dbus_bus_get(DBUS_BUS_SESSION, &err);
    if (conn == NULL) {
        fprintf(stderr, "service: %s\n", err.message);
        exit(1);
    }
    dbus_bus_request_name(conn, SERVICE, DBUS_NAME_FLAG_REPLACE_EXISTING, &err);

    int out = open(output, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int done = 0;
    time_t last_call = time(NULL);
    while (!done && dbus_connection_read_write(conn, 1000)) {
        DBusMessage *msg;
        while ((msg = dbus_connection_pop_message(conn)) != NULL) {
            last_call = time(NULL);
            if (dbus_message_is_method_call(msg, INTERFACE, "Put")) {
                unsigned char *bytes;
                int len;
                dbus_message_get_args(msg, NULL, DBUS_TYPE_ARRAY, DBUS_TYPE_BYTE, &bytes, &len,
                                      DBUS_TYPE_INVALID);
                write(out, bytes, len);
                reply_to(conn, msg);
            } else if (dbus_message_is_method_call(msg, INTERFACE, "Done")) {
                reply_to(conn, msg);
                dbus_connection_flush(conn);
                done = 1;
            }
            dbus_message_unref(msg);
        }
        /* like most services: stop when nobody has called for a while */
        if (time(NULL) - last_call > 2) break;
    }
    close(out);
    exit(0);
}

int main(int argc, char *argv[]) {
    if (argc != 3) {
        fprintf(stderr, "usage: %s INPUT OUTPUT\n", argv[0]);
        return 1;
    }

    pid_t pid = fork();
    if (pid < 0) {
        perror("fork");
        return 1;
    }
    if (pid == 0) service(argv[2]);

    /* give the service a second to come up on the bus */
    sleep(1);

    DBusError err;
    dbus_error_init(&err);
    DBusConnection *conn = dbus_bus_get(DBUS_BUS_SESSION, &err);
    if (conn == NULL) {
        fprintf(stderr, "%s\n", err.message);
        return 1;
    }

    int in = open(argv[1], O_RDONLY);
    unsigned char piece[PIECE];
    ssize_t n;
    while ((n = read(in, piece, sizeof piece)) > 0) {
        DBusMessage *call = dbus_message_new_method_call(SERVICE, PATH, INTERFACE, "Put");
        const unsigned char *bytes = piece;
        dbus_message_append_args(call, DBUS_TYPE_ARRAY, DBUS_TYPE_BYTE, &bytes, (int)n, DBUS_TYPE_INVALID);
        dbus_connection_send(conn, call, NULL);
        dbus_message_unref(call);
    }
    close(in);

    DBusMessage *call = dbus_message_new_method_call(SERVICE, PATH, INTERFACE, "Done");
    dbus_connection_send(conn, call, NULL);
    dbus_message_unref(call);

    waitpid(pid, NULL, 0);
    return 0;
}
