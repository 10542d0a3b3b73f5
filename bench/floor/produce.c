// Writes BYTES bytes of 100-byte lines (99 characters and a newline) to stdout in 64 KiB writes,
// the producer of the log-throughput scenario.
//
//   produce BYTES
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: produce BYTES\n");
        return 2;
    }
    long long total = atoll(argv[1]);
    static char block[65500];  // 655 lines
    for (size_t i = 0; i < sizeof block; i += 100) {
        memset(block + i, 'a' + (int)((i / 100) % 26), 99);
        block[i + 99] = '\n';
    }
    long long written = 0;
    while (written < total) {
        size_t chunk = total - written < (long long)sizeof block ? (size_t)(total - written) : sizeof block;
        ssize_t n = write(1, block, chunk);
        if (n <= 0) return 1;
        written += n;
    }
    return 0;
}
