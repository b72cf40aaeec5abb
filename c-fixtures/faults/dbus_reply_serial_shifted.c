/* Fault shim (LD_PRELOAD on the dynamic dbus-probe): a reply that comes from a peer (not from the
 * bus driver) reports a reply_serial one higher than that of the call it answers, so the caller
 * cannot match the reply to its call. Replies from org.freedesktop.DBus are left alone, so Hello
 * and the bus's own methods still work. Breaks the D-Bus Specification's rule that a reply's
 * REPLY_SERIAL is its call's serial: dbus.method-call.gets-exactly-one-reply-carrying-the-callers-serial
 * must fail with the number of replies that carried the serial (0).
 * Fault shims build without libdbus's headers, so the few names used are declared here. */
#include <dlfcn.h>
#include <stdint.h>
#include <string.h>

typedef struct DBusMessage DBusMessage;
const char *dbus_message_get_sender(DBusMessage *message); /* from libdbus, already in the process */

typedef uint32_t get_reply_serial_function(DBusMessage *);

uint32_t dbus_message_get_reply_serial(DBusMessage *message) {
    static get_reply_serial_function *real_get_reply_serial;
    if (!real_get_reply_serial)
        real_get_reply_serial =
            (get_reply_serial_function *)dlsym(RTLD_NEXT, "dbus_message_get_reply_serial");
    uint32_t serial = real_get_reply_serial(message);
    const char *sender = dbus_message_get_sender(message);
    if (serial == 0 || !sender || strcmp(sender, "org.freedesktop.DBus") == 0) return serial;
    return serial + 1;
}
