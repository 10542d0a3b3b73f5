// The kernel's cost of starting processes, for comparison with a supervisor's cold start:
// posix_spawn N copies of a program (returning once each has exec'd, as glibc's posix_spawn uses
// CLONE_VFORK), then end and reap them all. Prints the seconds spent spawning.
//
//   spawn_floor N PROGRAM [ARG...]
#define _GNU_SOURCE
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>

extern char **environ;

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: spawn_floor N PROGRAM [ARG...]\n");
        return 2;
    }
    int n = atoi(argv[1]);
    pid_t *pids = calloc((size_t)n, sizeof *pids);
    double start = now();
    for (int i = 0; i < n; i++) {
        if (posix_spawn(&pids[i], argv[2], NULL, NULL, &argv[2], environ) != 0) {
            perror("posix_spawn");
            return 1;
        }
    }
    double spawned = now() - start;
    for (int i = 0; i < n; i++) kill(pids[i], SIGKILL);
    for (int i = 0; i < n; i++) waitpid(pids[i], NULL, 0);
    printf("%.6f\n", spawned);
    return 0;
}
