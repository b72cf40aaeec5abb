/* Steps of the shared-file scenario (runners/isolation/scenarios.ts): a file in a folder both
 * places of a pair see (a bind mount between containers, a shared folder between namespaces),
 * locked or mapped in one place and looked at from the other. */
#ifndef IPC_CONFORMANCE_NS_SHARED_FILES_H
#define IPC_CONFORMANCE_NS_SHARED_FILES_H

void lock_hold(int argc, char **argv);
void lock_try(int argc, char **argv);
void map_first(int argc, char **argv);
void map_second(int argc, char **argv);

#endif
