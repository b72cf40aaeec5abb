/* The table of channel mechanisms and what every channel does regardless of mechanism; see
 * channels.h. */
#include "channels.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "common/probe.h"

static const channel_mechanism *const mechanisms[] = {
    &channel_pipe,        &channel_fifo,       &channel_sysv_msg,       &channel_posix_mq,
    &channel_unix_stream, &channel_unix_dgram, &channel_unix_seqpacket, &channel_tcp,
    &channel_udp,         &channel_shm_sem,    &channel_shm_spin,       &channel_sysv_sem,
    &channel_signal,      &channel_signal_rt,  &channel_dbus,           &channel_futex,
};

const channel_mechanism *channel_mechanism_named(const char *name) {
    for (size_t i = 0; i < sizeof mechanisms / sizeof *mechanisms; i++)
        if (strcmp(mechanisms[i]->name, name) == 0) return mechanisms[i];
    return NULL;
}

const char *channel_mechanism_names(unsigned use) {
    static char names[512];
    size_t used = 0;
    names[0] = '\0';
    for (size_t i = 0; i < sizeof mechanisms / sizeof *mechanisms; i++) {
        if (!(mechanisms[i]->uses & use)) continue;
        int written =
            snprintf(names + used, sizeof names - used, "%s%s", used ? ", " : "", mechanisms[i]->name);
        if (written < 0 || (size_t)written >= sizeof names - used) break;
        used += (size_t)written;
    }
    return names;
}

void channel_open(bench_channel *channel, const channel_mechanism *mechanism, size_t size, bool one_way) {
    memset(channel, 0, sizeof *channel);
    channel->mechanism = mechanism;
    channel->size = size;
    channel->one_way = one_way;
    channel->sysv_id = -1;
    for (int i = 0; i < 4; i++) channel->fds[i] = -1;
    channel->send_fd = channel->receive_fd = -1;
    mechanism->open(channel);
}

int channel_take_side(bench_channel *channel, channel_side side, pid_t other) {
    channel->side = side;
    channel->other = other;
    return channel->mechanism->take_side(channel);
}

void channel_close(bench_channel *channel) {
    channel->mechanism->close(channel);
    for (int i = 0; i < 4; i++) close_fd(&channel->fds[i]);
}

void close_fd(int *fd) {
    if (*fd >= 0) close(*fd);
    *fd = -1;
}

int stream_send(bench_channel *channel, const void *data) {
    /* write_full carries on after a signal: a stream may take part of a message, so the only safe
     * place to stop is the end of it. A peer that died shows up as EPIPE (SIGPIPE is ignored). */
    ssize_t written = write_full(channel->send_fd, data, channel->size);
    if (written == (ssize_t)channel->size) return 0;
    return written < 0 ? errno : EPIPE;
}

int stream_receive(bench_channel *channel, void *data) {
    ssize_t got = read_full(channel->receive_fd, data, channel->size);
    if (got == (ssize_t)channel->size) return 0;
    return got < 0 ? errno : EPIPE; /* end of file: the other side closed or died */
}
