#define _GNU_SOURCE
#include "CTendShims.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>

int tend_epoll_create(void) {
    return epoll_create1(EPOLL_CLOEXEC);
}

int tend_epoll_add(int epfd, int fd, int writable, uint64_t token) {
    struct epoll_event event = {0};
    event.events = writable ? EPOLLOUT : EPOLLIN;
    event.data.u64 = token;
    return epoll_ctl(epfd, EPOLL_CTL_ADD, fd, &event);
}

int tend_epoll_remove(int epfd, int fd) {
    return epoll_ctl(epfd, EPOLL_CTL_DEL, fd, NULL);
}

int tend_epoll_wait(int epfd, uint64_t *tokens, int capacity, int timeout_ms) {
    struct epoll_event events[64];
    if (capacity > 64) capacity = 64;
    int count = epoll_wait(epfd, events, capacity, timeout_ms);
    for (int i = 0; i < count; i++) tokens[i] = events[i].data.u64;
    return count;
}

int tend_eventfd(void) {
    return eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
}

struct tend_thread_start_args {
    void (*body)(void *);
    void *context;
};

static void *tend_thread_main(void *raw) {
    struct tend_thread_start_args args = *(struct tend_thread_start_args *)raw;
    free(raw);
    args.body(args.context);
    return NULL;
}

int tend_thread_start(void (*body)(void *), void *context) {
    struct tend_thread_start_args *args = malloc(sizeof *args);
    if (!args) return ENOMEM;
    args->body = body;
    args->context = context;
    pthread_t thread;
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    int result = pthread_create(&thread, &attr, tend_thread_main, args);
    pthread_attr_destroy(&attr);
    if (result != 0) free(args);
    else pthread_setname_np(thread, "tend-reactor");
    return result;
}
