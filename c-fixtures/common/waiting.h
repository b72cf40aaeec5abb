/* The timing of calls that are expected to wait (PROTOCOL.md, "Blocking is observed, not
 * assumed"), shared by every mechanism whose waits are not on a descriptor (streams.h has the
 * pipe/FIFO form): a call that a helper relieves after a delay, and a call with its own timeout. */
#ifndef IPC_CONFORMANCE_WAITING_H
#define IPC_CONFORMANCE_WAITING_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>
#include <time.h>

/* Times call(call_arg) from before a helper starts that sleeps delay_ns and then runs
 * relieve(relieve_arg) (false: it failed, and so does the helper). Reports the call's result as
 * the value, its errno, elapsed_ns and delay_ns; a failed helper fails the probe. */
void observe_blocking_call(bool (*relieve)(void *arg), void *relieve_arg, int64_t delay_ns,
                           ssize_t (*call)(void *arg), void *call_arg);

/* Times call(call_arg, deadline), where deadline is the absolute CLOCK_REALTIME instant timeout_ns
 * from now (the form mq_timedreceive(3) and sem_timedwait(3) take). The value is how long the call
 * waited, so that a spec can bound it; the errno says why it returned; evidence.timeout_ns and
 * evidence.returned (the call's result) complete it. */
void observe_timed_wait(ssize_t (*call)(void *arg, const struct timespec *deadline), void *call_arg,
                        int64_t timeout_ns);

/* Whether process `pid` is asleep (state S in /proc/PID/stat), polled every millisecond for up to
 * `within_ns`: a helper seen asleep is blocked in its wait, not on its way there — however slow the
 * machine (an emulator), where a fixed pause may be too short. */
bool seen_asleep(pid_t pid, int64_t within_ns);

#endif
