#define _GNU_SOURCE
#include "CTendShims.h"

#include <sys/timerfd.h>
#include <time.h>

int tend_wall_timer_create(void) {
    return timerfd_create(CLOCK_REALTIME, TFD_NONBLOCK | TFD_CLOEXEC);
}

int tend_wall_timer_arm(int fd, int64_t seconds, long nanoseconds) {
    struct itimerspec value = {0};
    value.it_value.tv_sec = (time_t)seconds;
    value.it_value.tv_nsec = nanoseconds;
    if (seconds <= 0 && nanoseconds <= 0) value.it_value.tv_nsec = 1;
    return timerfd_settime(fd, TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET, &value, NULL);
}

int tend_wall_timer_disarm(int fd) {
    struct itimerspec value = {0};
    return timerfd_settime(fd, 0, &value, NULL);
}
