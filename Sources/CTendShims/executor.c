#include "CTendShims.h"

#include <stddef.h>

// Swift concurrency's runtime hooks (swift/Runtime/ConcurrencyHooks.def): when set, the runtime hands every job
// bound for the global executor (now, after a delay, at a deadline) or the main executor to the hook instead of
// to libdispatch. They use the Swift calling convention.
#define TEND_SWIFTCALL __attribute__((swiftcall))

typedef TEND_SWIFTCALL void (*tend_enqueue_original)(void *job);
typedef TEND_SWIFTCALL void (*tend_enqueue_delay_original)(unsigned long long delay, void *job);
typedef TEND_SWIFTCALL void (*tend_enqueue_deadline_original)(
    long long sec, long long nsec, long long tsec, long long tnsec, int clock, void *job);

extern TEND_SWIFTCALL void (*swift_task_enqueueGlobal_hook)(void *job, tend_enqueue_original original);
extern TEND_SWIFTCALL void (*swift_task_enqueueGlobalWithDelay_hook)(
    unsigned long long delay, void *job, tend_enqueue_delay_original original);
extern TEND_SWIFTCALL void (*swift_task_enqueueGlobalWithDeadline_hook)(
    long long sec, long long nsec, long long tsec, long long tnsec, int clock, void *job,
    tend_enqueue_deadline_original original);
extern TEND_SWIFTCALL void (*swift_task_enqueueMainExecutor_hook)(void *job, tend_enqueue_original original);
extern TEND_SWIFTCALL void swift_get_time(long long *seconds, long long *nanoseconds, int clock);

static tend_job_sink tend_sink = NULL;

static TEND_SWIFTCALL void tend_enqueue_global(void *job, tend_enqueue_original original) {
    (void)original;
    tend_sink(job, TEND_JOB_GLOBAL, 0);
}

static TEND_SWIFTCALL void tend_enqueue_global_with_delay(
    unsigned long long delay, void *job, tend_enqueue_delay_original original) {
    (void)original;
    tend_sink(job, TEND_JOB_GLOBAL, (uint64_t)delay);
}

static TEND_SWIFTCALL void tend_enqueue_global_with_deadline(
    long long sec, long long nsec, long long tsec, long long tnsec, int clock, void *job,
    tend_enqueue_deadline_original original) {
    (void)tsec;
    (void)tnsec;
    (void)original;
    long long now_sec = 0, now_nsec = 0;
    swift_get_time(&now_sec, &now_nsec, clock);
    long long delay = (sec - now_sec) * 1000000000LL + (nsec - now_nsec);
    tend_sink(job, TEND_JOB_GLOBAL, delay > 0 ? (uint64_t)delay : 0);
}

static TEND_SWIFTCALL void tend_enqueue_main(void *job, tend_enqueue_original original) {
    (void)original;
    tend_sink(job, TEND_JOB_MAIN, 0);
}

int tend_executor_install(tend_job_sink sink) {
    if (sink == NULL || tend_sink != NULL) return -1;
    if (swift_task_enqueueGlobal_hook != NULL || swift_task_enqueueGlobalWithDelay_hook != NULL ||
        swift_task_enqueueGlobalWithDeadline_hook != NULL || swift_task_enqueueMainExecutor_hook != NULL)
        return -1;
    tend_sink = sink;
    swift_task_enqueueGlobal_hook = tend_enqueue_global;
    swift_task_enqueueGlobalWithDelay_hook = tend_enqueue_global_with_delay;
    swift_task_enqueueGlobalWithDeadline_hook = tend_enqueue_global_with_deadline;
    swift_task_enqueueMainExecutor_hook = tend_enqueue_main;
    return 0;
}
