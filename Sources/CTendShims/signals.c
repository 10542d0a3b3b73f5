#define _GNU_SOURCE
#include "CTendShims.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <string.h>
#include <sys/eventfd.h>
#include <unistd.h>

// Caught signals become a flag per signal and a write to one eventfd that the daemon's event loop watches: the
// handler does only async-signal-safe things (an atomic store and write(2)), and the flags make sure that a
// signal is never lost, however many arrive before the loop reads.
static atomic_int tend_signal_pending[_NSIG];
static atomic_int tend_signal_fd = -1;

static void tend_signal_caught(int sig) {
    int saved = errno;
    if (sig > 0 && sig < _NSIG) atomic_store(&tend_signal_pending[sig], 1);
    int fd = atomic_load(&tend_signal_fd);
    if (fd >= 0) {
        uint64_t one = 1;
        ssize_t written = write(fd, &one, sizeof one);
        (void)written;
    }
    errno = saved;
}

int tend_signal_wakeup_fd(void) {
    int fd = atomic_load(&tend_signal_fd);
    if (fd >= 0) return fd;
    int created = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (created < 0) return -1;
    int expected = -1;
    if (!atomic_compare_exchange_strong(&tend_signal_fd, &expected, created)) {
        close(created);
        return expected;
    }
    return created;
}

int tend_signal_catch(int sig) {
    if (sig <= 0 || sig >= _NSIG) {
        errno = EINVAL;
        return -1;
    }
    if (tend_signal_wakeup_fd() < 0) return -1;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = tend_signal_caught;
    action.sa_flags = SA_RESTART | (sig == SIGCHLD ? SA_NOCLDSTOP : 0);
    sigemptyset(&action.sa_mask);
    if (sigaction(sig, &action, NULL) != 0) return -1;
    // A mask inherited from the parent (Foundation's Process blocks most signals) would keep the signal pending
    // forever: unblock it here; `tend_signal_mask_clear` does it for every thread at start-up.
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, sig);
    return pthread_sigmask(SIG_UNBLOCK, &set, NULL) == 0 ? 0 : -1;
}

int tend_signal_take(int sig) {
    if (sig <= 0 || sig >= _NSIG) return 0;
    return atomic_exchange(&tend_signal_pending[sig], 0);
}

int tend_signal_mask_clear(void) {
    sigset_t none;
    sigemptyset(&none);
    return pthread_sigmask(SIG_SETMASK, &none, NULL) == 0 ? 0 : -1;
}
