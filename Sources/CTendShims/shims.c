#define _GNU_SOURCE
#include "CTendShims.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include <pthread.h>

#ifndef P_PIDFD
#define P_PIDFD 3
#endif
#ifndef SYS_pidfd_open
#define SYS_pidfd_open 434
#endif
#ifndef SYS_pidfd_send_signal
#define SYS_pidfd_send_signal 424
#endif
#ifndef SYS_close_range
#define SYS_close_range 436
#endif
#ifndef CLOSE_RANGE_CLOEXEC
#define CLOSE_RANGE_CLOEXEC (1U << 2)
#endif
#ifndef CLOSE_RANGE_UNSHARE
#define CLOSE_RANGE_UNSHARE (1U << 1)
#endif

/* Runs in the vfork child: only raw system calls, no allocation, no locks, no libc state.
   glibc's setuid/setgid/setgroups broadcast to every thread of the (shared) parent, so the raw
   system calls are used instead. */
static void child_fail(volatile int *err, volatile int *stage, int which) {
    *err = errno;
    *stage = which;
    syscall(SYS_exit, 127);
}

static void run_child(const tend_spawn_attr *a, volatile int *err, volatile int *stage, int unshare_below) {
    /* Sharing the daemon's descriptor table (see tend_spawn): first take a private table that holds only the
       descriptors below `unshare_below` (the sources sit there), before any descriptor is touched. */
    if (unshare_below > 0 && syscall(SYS_close_range, (unsigned)unshare_below, ~0U, CLOSE_RANGE_UNSHARE) < 0 &&
        syscall(SYS_unshare, CLONE_FILES) < 0) {
        child_fail(err, stage, TEND_STAGE_DUP2);
    }
    /* Default dispositions and an empty mask, whatever the daemon had. */
    struct sigaction dfl;
    memset(&dfl, 0, sizeof dfl);
    dfl.sa_handler = SIG_DFL;
    for (int sig = 1; sig < _NSIG; sig++) {
        if (sig == SIGKILL || sig == SIGSTOP) continue;
        syscall(SYS_rt_sigaction, sig, &dfl, NULL, _NSIG / 8);
    }
    if (a->new_session && syscall(SYS_setsid) < 0) child_fail(err, stage, TEND_STAGE_SETSID);

    int fds[3] = {a->stdin_fd, a->stdout_fd, a->stderr_fd};
    for (int i = 0; i < 3; i++) {
        if (fds[i] < 0) {
            int null_fd = (int)syscall(SYS_openat, AT_FDCWD, "/dev/null", O_RDWR);
            if (null_fd < 0) child_fail(err, stage, TEND_STAGE_DUP2);
            fds[i] = null_fd;
        }
    }
    /* Move sources out of 0..2 first so that dup2 order cannot clobber them. */
    for (int i = 0; i < 3; i++) {
        if (fds[i] < 3) {
            int moved = (int)syscall(SYS_fcntl, fds[i], F_DUPFD_CLOEXEC, 3);
            if (moved < 0) child_fail(err, stage, TEND_STAGE_DUP2);
            for (int j = i + 1; j < 3; j++) if (fds[j] == fds[i]) fds[j] = moved;
            fds[i] = moved;
        }
    }
    for (int i = 0; i < 3; i++) {
        if (syscall(SYS_dup3, fds[i], i, 0) < 0) child_fail(err, stage, TEND_STAGE_DUP2);
    }
    /* Extra descriptors (e.g. a job's progress pipe): sources are first moved above every target. */
    int moved_extra[16];
    int n_extra = a->n_extra_fds < 16 ? a->n_extra_fds : 16;
    for (int i = 0; i < n_extra; i++) {
        moved_extra[i] = (int)syscall(SYS_fcntl, a->extra_fds[2 * i], F_DUPFD_CLOEXEC, 1024);
        if (moved_extra[i] < 0) child_fail(err, stage, TEND_STAGE_DUP2);
    }
    for (int i = 0; i < n_extra; i++) {
        if (syscall(SYS_dup3, moved_extra[i], a->extra_fds[2 * i + 1], 0) < 0) child_fail(err, stage, TEND_STAGE_DUP2);
    }
    /* Every descriptor above 2 is closed by exec, except the extra targets. */
    if (syscall(SYS_close_range, 3, ~0U, CLOSE_RANGE_CLOEXEC) < 0) {
        for (int fd = 3; fd < 65536; fd++) syscall(SYS_fcntl, fd, F_SETFD, FD_CLOEXEC);
    }
    for (int i = 0; i < n_extra; i++) syscall(SYS_fcntl, a->extra_fds[2 * i + 1], F_SETFD, 0);
    if (a->set_ids) {
        if (syscall(SYS_setgroups, a->ngroups, a->groups) < 0) child_fail(err, stage, TEND_STAGE_SETGROUPS);
        if (syscall(SYS_setresgid, a->gid, a->gid, a->gid) < 0) child_fail(err, stage, TEND_STAGE_SETGID);
        if (syscall(SYS_setresuid, a->uid, a->uid, a->uid) < 0) child_fail(err, stage, TEND_STAGE_SETUID);
    }
    if (a->cwd && syscall(SYS_chdir, a->cwd) < 0) child_fail(err, stage, TEND_STAGE_CHDIR);
    if (a->umask >= 0) syscall(SYS_umask, a->umask);

    sigset_t empty;
    sigemptyset(&empty);
    syscall(SYS_rt_sigprocmask, SIG_SETMASK, &empty, NULL, _NSIG / 8);
    syscall(SYS_execve, a->path, a->argv, a->envp);
    child_fail(err, stage, TEND_STAGE_EXEC);
}

/* Spawning without copying the daemon's descriptor table.

   A vfork child gets a copy of the parent's table (a reference on every open file) and exec then closes every
   close-on-exec entry of it: with a descriptor or more per running program, each spawn costs time in proportion to
   the programs already running, and a cold start of N programs is quadratic (`do_close_on_exec` was the largest
   kernel cost of starting 1000 programs). Instead the child shares the parent's table (CLONE_FILES) and at once takes
   a private one that holds only the descriptors below a small bound (close_range with CLOSE_RANGE_UNSHARE copies
   just those). The descriptors the child needs are first placed in "slots": descriptors the first spawn reserves
   (the lowest free ones then, kept open on /dev/null), set to the sources for one spawn under a lock and put back
   to /dev/null once the child has exec'd, so that no pipe end stays open in the daemon. */
enum { SLOT_COUNT = 3 + 16 };
static pthread_mutex_t spawn_lock = PTHREAD_MUTEX_INITIALIZER;
static int slot_state = 0; /* 0 not yet made, 1 ready, -1 could not be made (vfork with a copied table then) */
static int slots[SLOT_COUNT];
static int slot_null = -1;
static int slot_bound = 0; /* one above the highest slot and slot_null */
static char child_stack[256 * 1024] __attribute__((aligned(64)));

static void make_slots(void) {
    slot_state = -1;
    int null_fd = open("/dev/null", O_RDWR | O_CLOEXEC);
    if (null_fd < 0) return;
    int highest = null_fd;
    for (int i = 0; i < SLOT_COUNT; i++) {
        slots[i] = fcntl(null_fd, F_DUPFD_CLOEXEC, 3);
        if (slots[i] < 0) {
            for (int j = 0; j < i; j++) close(slots[j]);
            close(null_fd);
            return;
        }
        if (slots[i] > highest) highest = slots[i];
    }
    slot_null = null_fd;
    slot_bound = highest + 1;
    slot_state = 1;
}

struct child_start {
    const tend_spawn_attr *attr;
    volatile int *err;
    volatile int *stage;
    int unshare_below;
};

static int child_entry(void *raw) {
    struct child_start *start = raw;
    run_child(start->attr, start->err, start->stage, start->unshare_below);
    syscall(SYS_exit, 127);
    return 127;
}

/* Runs the child on `attr` and waits until it exec'd or failed: with a shared table when `unshare_below` > 0. */
static pid_t start_child(const tend_spawn_attr *attr, volatile int *err, volatile int *stage, int unshare_below,
                         int *spawn_errno) {
    sigset_t all, old;
    sigfillset(&all);
    /* No signal handler of the daemon may run in the child while it shares our memory. */
    pthread_sigmask(SIG_SETMASK, &all, &old);
    pid_t pid;
    if (unshare_below > 0) {
        struct child_start start = {attr, err, stage, unshare_below};
        pid = clone(child_entry, child_stack + sizeof child_stack, CLONE_VM | CLONE_VFORK | CLONE_FILES | SIGCHLD,
                    &start);
    } else {
        pid = vfork();
        if (pid == 0) {
            run_child(attr, err, stage, 0);
            syscall(SYS_exit, 127);
        }
    }
    *spawn_errno = errno;
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    return pid;
}

pid_t tend_spawn(const tend_spawn_attr *attr, int *fail_errno, int *fail_stage) {
    volatile int err = 0;
    volatile int stage = TEND_STAGE_NONE;
    int saved = 0;
    pid_t pid;
    pthread_mutex_lock(&spawn_lock);
    if (slot_state == 0) make_slots();
    int extra_count = attr->n_extra_fds < 16 ? attr->n_extra_fds : 16;
    if (slot_state == 1) {
        tend_spawn_attr local = *attr;
        int extra[32];
        int n_used = 0;
        int sources[3] = {attr->stdin_fd, attr->stdout_fd, attr->stderr_fd};
        int *targets[3] = {&local.stdin_fd, &local.stdout_fd, &local.stderr_fd};
        int placed = 1;
        for (int i = 0; i < 3 && placed; i++) {
            if (sources[i] < 0) continue;
            placed = dup3(sources[i], slots[n_used], O_CLOEXEC) >= 0;
            *targets[i] = slots[n_used];
            n_used++;
        }
        for (int i = 0; i < extra_count && placed; i++) {
            placed = dup3(attr->extra_fds[2 * i], slots[n_used], O_CLOEXEC) >= 0;
            extra[2 * i] = slots[n_used];
            extra[2 * i + 1] = attr->extra_fds[2 * i + 1];
            n_used++;
        }
        local.extra_fds = extra;
        local.n_extra_fds = extra_count;
        if (placed) {
            pid = start_child(&local, &err, &stage, slot_bound, &saved);
        } else {
            saved = errno;
            pid = -1;
        }
        for (int i = 0; i < n_used; i++) dup3(slot_null, slots[i], O_CLOEXEC);
    } else {
        pid = start_child(attr, &err, &stage, 0, &saved);
    }
    pthread_mutex_unlock(&spawn_lock);
    if (pid < 0) {
        *fail_errno = saved;
        *fail_stage = TEND_STAGE_FORK;
        return -1;
    }
    if (stage != TEND_STAGE_NONE) {
        int status;
        while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
        *fail_errno = err;
        *fail_stage = stage;
        return -1;
    }
    return pid;
}

int tend_pidfd_open(pid_t pid) { return (int)syscall(SYS_pidfd_open, pid, 0); }

int tend_pidfd_send_signal(int pidfd, int sig) {
    return (int)syscall(SYS_pidfd_send_signal, pidfd, sig, NULL, 0);
}

static int fill(const siginfo_t *info, int *code, int *status) {
    if (info->si_pid == 0) return 0;
    *code = info->si_code;
    *status = info->si_status;
    return 1;
}

int tend_reap_pidfd(int pidfd, int *code, int *status) {
    siginfo_t info;
    memset(&info, 0, sizeof info);
    if (waitid((idtype_t)P_PIDFD, (id_t)pidfd, &info, WEXITED | WNOHANG) < 0) return -1;
    return fill(&info, code, status);
}

pid_t tend_peek_exited_child(void) {
    siginfo_t info;
    memset(&info, 0, sizeof info);
    if (waitid(P_ALL, 0, &info, WEXITED | WNOHANG | WNOWAIT) < 0) return errno == ECHILD ? 0 : -1;
    return info.si_pid;
}

int tend_reap_pid(pid_t pid, int *code, int *status) {
    siginfo_t info;
    memset(&info, 0, sizeof info);
    if (waitid(P_PID, (id_t)pid, &info, WEXITED | WNOHANG) < 0) return -1;
    return fill(&info, code, status);
}

int tend_set_child_subreaper(void) { return prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0); }

int tend_cloexec_from(int first) {
    return (int)syscall(SYS_close_range, (unsigned)first, ~0U, CLOSE_RANGE_CLOEXEC);
}

int tend_pipe(int fds[2], int nonblock_read, int nonblock_write) {
    if (pipe2(fds, O_CLOEXEC) < 0) return -1;
    if (nonblock_read) fcntl(fds[0], F_SETFL, fcntl(fds[0], F_GETFL) | O_NONBLOCK);
    if (nonblock_write) fcntl(fds[1], F_SETFL, fcntl(fds[1], F_GETFL) | O_NONBLOCK);
    return 0;
}
