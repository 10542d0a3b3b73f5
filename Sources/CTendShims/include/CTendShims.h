#ifndef CTEND_SHIMS_H
#define CTEND_SHIMS_H

#include <sys/types.h>
#include <stdint.h>

/// What the child of tend_spawn does between fork and exec.
/// Every pointer must stay valid for the duration of the call.
typedef struct tend_spawn_attr {
    const char *path;          /* executable to execve */
    char *const *argv;         /* NULL-terminated */
    char *const *envp;         /* NULL-terminated */
    const char *cwd;           /* chdir target, or NULL */
    int umask;                 /* -1 to keep */
    int set_ids;               /* nonzero: setgroups(groups), setgid(gid), setuid(uid) */
    uid_t uid;
    gid_t gid;
    const gid_t *groups;
    int ngroups;
    int stdin_fd;              /* dup2'd to 0, 1, 2; -1 opens /dev/null */
    int stdout_fd;
    int stderr_fd;
    int new_session;           /* nonzero: setsid() (own session and process group) */
    const int *extra_fds;      /* pairs (source, target): source is dup2'd to target (target > 2) */
    int n_extra_fds;           /* number of pairs */
} tend_spawn_attr;

/// Stages at which the child can fail, reported through *fail_stage.
enum {
    TEND_STAGE_NONE = 0,
    TEND_STAGE_SETSID = 1,
    TEND_STAGE_DUP2 = 2,
    TEND_STAGE_SETGROUPS = 3,
    TEND_STAGE_SETGID = 4,
    TEND_STAGE_SETUID = 5,
    TEND_STAGE_CHDIR = 6,
    TEND_STAGE_EXEC = 7,
    TEND_STAGE_FORK = 8,
};

/// Spawns a child with vfork semantics (the parent waits only until exec or failure).
/// Returns the pid on success. On failure returns -1 and sets *fail_errno and *fail_stage;
/// a child that failed after fork has already been reaped.
pid_t tend_spawn(const tend_spawn_attr *attr, int *fail_errno, int *fail_stage);

/// pidfd_open(2); -1 and errno on failure.
int tend_pidfd_open(pid_t pid);

/// pidfd_send_signal(2); -1 and errno on failure.
int tend_pidfd_send_signal(int pidfd, int sig);

/// Reaps the process behind pidfd if it has exited. Returns 1 when reaped (with *code = CLD_* and
/// *status = exit code or signal), 0 when it is still running, -1 and errno on error.
int tend_reap_pidfd(int pidfd, int *code, int *status);

/// Looks at the first exited child without reaping it. Returns its pid, 0 when none, -1 on error.
pid_t tend_peek_exited_child(void);

/// Reaps one specific pid if it has exited (WNOHANG). Returns 1 reaped, 0 not yet, -1 error.
int tend_reap_pid(pid_t pid, int *code, int *status);

/// prctl(PR_SET_CHILD_SUBREAPER, 1).
int tend_set_child_subreaper(void);

/// close_range(first, ~0U, CLOSE_RANGE_CLOEXEC) semantics: marks every fd >= first close-on-exec.
int tend_cloexec_from(int first);

/// Creates a pipe with O_CLOEXEC (both ends) and O_NONBLOCK on the read end when asked.
int tend_pipe(int fds[2], int nonblock_read, int nonblock_write);

/// Unmaps the executable's code pages that are mapped now (MADV_PAGEOUT; they stay in the page cache): code
/// that only start-up ran stops counting as resident, code the daemon runs again is mapped back page by page.
void tend_release_startup_code(void);

/// epoll_create1(EPOLL_CLOEXEC).
int tend_epoll_create(void);

/// Adds `fd` to the epoll set, level-triggered, for reading (`writable` 0) or writing (`writable` 1);
/// `token` comes back with its events.
int tend_epoll_add(int epfd, int fd, int writable, uint64_t token);

/// Removes `fd` from the epoll set.
int tend_epoll_remove(int epfd, int fd);

/// epoll_wait: stores up to `capacity` ready tokens; returns their count, or -1 (errno set).
int tend_epoll_wait(int epfd, uint64_t *tokens, int capacity, int timeout_ms);

/// An eventfd (close-on-exec, non-blocking) that wakes an epoll set.
int tend_eventfd(void);

/// Starts a detached thread named `tend-reactor` running `body(context)`. Returns 0 or an errno value.
int tend_thread_start(void (*body)(void *), void *context);

/// A non-blocking, close-on-exec timerfd on CLOCK_REALTIME (see WallClockTimer), or -1 with errno.
int tend_wall_timer_create(void);
/// Arms it for an absolute wall time (TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET): a read then returns 8 bytes
/// when the time comes, or fails with ECANCELED when the clock is set.
int tend_wall_timer_arm(int fd, int64_t seconds, long nanoseconds);
/// Disarms it.
int tend_wall_timer_disarm(int fd);

/// The eventfd that caught signals write to (created once; close-on-exec, non-blocking), or -1 with errno.
int tend_signal_wakeup_fd(void);
/// Catches `sig` (SA_RESTART; SIGCHLD also SA_NOCLDSTOP): its handler marks it pending and writes to the wakeup
/// eventfd. Returns 0 or -1 with errno.
int tend_signal_catch(int sig);
/// Whether `sig` arrived since the last call (clears the mark).
int tend_signal_take(int sig);
/// Unblocks every signal in the calling thread (threads it starts inherit the mask). Returns 0 or -1.
int tend_signal_mask_clear(void);

/// Where the executor hooks deliver Swift concurrency's jobs.
enum {
    TEND_JOB_GLOBAL = 0, /* for the global executor, after `delay_ns` (0: now) */
    TEND_JOB_MAIN = 1,   /* for the main executor */
};
typedef void (*tend_job_sink)(void *job, int kind, uint64_t delay_ns);
/// Installs Swift concurrency's enqueue hooks (global, with delay, with deadline, main executor) so that every
/// job goes to `sink`. Call once, before any task exists. Returns 0, or -1 when a hook was already set.
int tend_executor_install(tend_job_sink sink);

#endif
