/* Fault shim (LD_PRELOAD on the dynamic dbus-probe): dbus_bus_request_name drops the
 * DBUS_NAME_FLAG_DO_NOT_QUEUE flag, so a request for an owned name joins the queue instead of being
 * refused. Breaks the D-Bus Specification's RequestName rule that such a request gets
 * DBUS_REQUEST_NAME_REPLY_EXISTS: dbus.names.request-for-owned-name-without-queueing-gives-exists
 * must fail with the reply actually received (IN_QUEUE).
 * Fault shims build without libdbus's headers, so the few names used are declared here. */
#include <dlfcn.h>

typedef struct DBusConnection DBusConnection;
typedef struct DBusError DBusError;
#define DBUS_NAME_FLAG_DO_NOT_QUEUE 0x4u /* dbus-shared.h */

typedef int request_name_function(DBusConnection *, const char *, unsigned int, DBusError *);

int dbus_bus_request_name(DBusConnection *connection, const char *name, unsigned int flags,
                          DBusError *error) {
    static request_name_function *real_request_name;
    if (!real_request_name)
        real_request_name = (request_name_function *)dlsym(RTLD_NEXT, "dbus_bus_request_name");
    return real_request_name(connection, name, flags & ~DBUS_NAME_FLAG_DO_NOT_QUEUE, error);
}
