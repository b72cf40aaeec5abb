/* Extra steps for the probe's fatal signals (the watchdog's SIGALRM, SIGTERM, SIGINT, SIGHUP),
 * run before the probe runtime's own cleanup. Two things need them that the runtime's registry
 * cannot hold: objects made by the hundred (the memory case's System V objects; the registry has
 * a few dozen slots), and a sub-probe that must be asked to clean up after itself (SIGTERM, then
 * a short wait) before the runtime's SIGKILL would leave its objects behind. */
#ifndef BENCH_GUARD_H
#define BENCH_GUARD_H

/* Adds a step; it must be async-signal-safe. The runtime's handler runs after every step. */
void guard_add(void (*step)(void));
void guard_remove(void (*step)(void));

#endif
