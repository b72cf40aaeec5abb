/* machine: the facts a benchmark report needs to be read at all — which CPU, how many of them this
 * process may use, which kernel, whether it is a virtual machine (a 2-CPU VM schedules very
 * differently from bare metal), and how busy the machine was. value = CPUs online. */
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "cases.h"
#include "common/probe.h"

/* The value of the first "key : value" line of /proc/cpuinfo whose key is `key`, in out. */
static bool cpuinfo_field(const char *key, char *out, size_t size) {
    FILE *file = fopen("/proc/cpuinfo", "r");
    char line[4096];
    bool found = false;
    if (!file) return false;
    while (!found && fgets(line, sizeof line, file)) {
        char *colon = strchr(line, ':');
        if (!colon || strncmp(line, key, strlen(key)) != 0) continue;
        char *value = colon + 1;
        while (*value == ' ' || *value == '\t') value++;
        value[strcspn(value, "\n")] = '\0';
        snprintf(out, size, "%s", value);
        found = true;
    }
    fclose(file);
    return found;
}

/* True when the CPU flags name the word exactly (space-separated). */
static bool has_flag(const char *flags, const char *flag) {
    size_t length = strlen(flag);
    for (const char *at = strstr(flags, flag); at; at = strstr(at + 1, flag))
        if ((at == flags || at[-1] == ' ') && (at[length] == ' ' || at[length] == '\0')) return true;
    return false;
}

/* The first line of a small file, or false. */
static bool first_line(const char *path, char *out, size_t size) {
    FILE *file = fopen(path, "r");
    if (!file) return false;
    bool ok = fgets(out, (int)size, file) != NULL;
    fclose(file);
    if (ok) out[strcspn(out, "\n")] = '\0';
    return ok && out[0];
}

void machine_run(const bench_args *args) {
    (void)args;
    char text[4096];
    long online = sysconf(_SC_NPROCESSORS_ONLN);
    obs_value_int(online);
    obs_evidence_str("cpu_model", cpuinfo_field("model name", text, sizeof text) ? text : "unknown");
    obs_evidence_int("cpus_online", online);
    cpu_set_t allowed;
    if (sched_getaffinity(0, sizeof allowed, &allowed) == 0)
        obs_evidence_int("cpus_allowed", CPU_COUNT(&allowed));
    struct utsname names;
    if (uname(&names) == 0) obs_evidence_str("kernel", names.release);
    /* x86 "flags", arm64 "Features": the hypervisor bit is the x86 CPUID one. */
    bool flags = cpuinfo_field("flags", text, sizeof text);
    obs_evidence_bool("hypervisor", flags && has_flag(text, "hypervisor"));
    if (first_line("/sys/class/dmi/id/sys_vendor", text, sizeof text)) obs_evidence_str("sys_vendor", text);
    if (first_line("/sys/class/dmi/id/product_name", text, sizeof text))
        obs_evidence_str("product_name", text);
    if (first_line("/proc/loadavg", text, sizeof text)) {
        text[strcspn(text, " ")] = '\0';
        obs_evidence_str("loadavg", text);
    }
    obs_evidence_int("page_size", sysconf(_SC_PAGESIZE));
    obs_emit();
}
