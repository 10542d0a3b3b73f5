#define _GNU_SOURCE
#include <link.h>
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>

/// Maps the executable's code in on demand only.
///
/// Tend is one large static binary (the Swift runtime and libraries linked in); the kernel's fault-around
/// would map 64 KiB of neighbouring code on every page fault, most of which the daemon never runs, and all
/// of it counts as resident memory. MADV_RANDOM on the executable's code segments turns that off, so a
/// page is mapped when it is executed. Runs as a constructor, before Swift's runtime starts, so that
/// start-up code is faulted in page by page too.
static int advise_segment(struct dl_phdr_info *info, size_t size, void *data) {
    (void)size;
    int advice = *(const int *)data;
    // The first object reported is the executable itself.
    long page = sysconf(_SC_PAGESIZE);
    for (int i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *segment = &info->dlpi_phdr[i];
        if (segment->p_type != PT_LOAD || !(segment->p_flags & PF_X)) continue;
        uintptr_t start = (info->dlpi_addr + segment->p_vaddr) & ~(uintptr_t)(page - 1);
        uintptr_t end = info->dlpi_addr + segment->p_vaddr + segment->p_memsz;
        madvise((void *)start, end - start, advice);
    }
    return 1;  // only the executable
}

__attribute__((constructor)) static void tend_map_code_on_demand(void) {
    int advice = MADV_RANDOM;
    dl_iterate_phdr(advise_segment, &advice);
}

#ifndef MADV_PAGEOUT
#define MADV_PAGEOUT 21
#endif

void tend_release_startup_code(void) {
    int advice = MADV_PAGEOUT;
    dl_iterate_phdr(advise_segment, &advice);
}
