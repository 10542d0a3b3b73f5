#ifndef CTEND_SQLITE_H
#define CTEND_SQLITE_H

#include <stdint.h>

/* SQLite's C API, the few calls the job store makes, bound to the SQLite that sqlite-nio (a dependency already)
 * compiles in: its amalgamation prefixes every symbol with `sqlite_nio_`, and its C target is not a product, so
 * the declarations are here, each with the assembler name of the compiled function (the Swift names differ, so
 * nothing clashes with sqlite-nio's own module). The prototypes are SQLite's own (sqlite3.h, 3.53). */

typedef struct tend_sqlite tend_sqlite;
typedef struct tend_sqlite_stmt tend_sqlite_stmt;

enum {
    TEND_SQLITE_OK = 0,
    TEND_SQLITE_ROW = 100,
    TEND_SQLITE_DONE = 101,
    TEND_SQLITE_INTEGER = 1,
    TEND_SQLITE_FLOAT = 2,
    TEND_SQLITE_TEXT = 3,
    TEND_SQLITE_BLOB = 4,
    TEND_SQLITE_NULL = 5,
    TEND_SQLITE_OPEN_READWRITE = 0x00000002,
    TEND_SQLITE_OPEN_CREATE = 0x00000004,
    TEND_SQLITE_OPEN_NOMUTEX = 0x00008000,
    TEND_SQLITE_STMTSTATUS_REPREPARE = 5,
};

int tend_sqlite_open(const char *filename, tend_sqlite **db, int flags, const char *vfs)
    __asm__("sqlite_nio_sqlite3_open_v2");
int tend_sqlite_close(tend_sqlite *db) __asm__("sqlite_nio_sqlite3_close_v2");
int tend_sqlite_busy_timeout(tend_sqlite *db, int milliseconds) __asm__("sqlite_nio_sqlite3_busy_timeout");
int tend_sqlite_stmt_status(tend_sqlite_stmt *statement, int counter, int reset)
    __asm__("sqlite_nio_sqlite3_stmt_status");
/* Turns the query planner stability guarantee on (bind.c); 0 when it is on. */
int tend_sqlite_enable_stable_plans(tend_sqlite *db);
const char *tend_sqlite_errmsg(tend_sqlite *db) __asm__("sqlite_nio_sqlite3_errmsg");
int tend_sqlite_extended_errcode(tend_sqlite *db) __asm__("sqlite_nio_sqlite3_extended_errcode");
int tend_sqlite_get_autocommit(tend_sqlite *db) __asm__("sqlite_nio_sqlite3_get_autocommit");

int tend_sqlite_prepare(tend_sqlite *db, const char *sql, int bytes, tend_sqlite_stmt **statement, const char **tail)
    __asm__("sqlite_nio_sqlite3_prepare_v2");
int tend_sqlite_step(tend_sqlite_stmt *statement) __asm__("sqlite_nio_sqlite3_step");
int tend_sqlite_reset(tend_sqlite_stmt *statement) __asm__("sqlite_nio_sqlite3_reset");
int tend_sqlite_clear_bindings(tend_sqlite_stmt *statement) __asm__("sqlite_nio_sqlite3_clear_bindings");
int tend_sqlite_finalize(tend_sqlite_stmt *statement) __asm__("sqlite_nio_sqlite3_finalize");

int tend_sqlite_bind_int64(tend_sqlite_stmt *statement, int index, int64_t value)
    __asm__("sqlite_nio_sqlite3_bind_int64");
int tend_sqlite_bind_null(tend_sqlite_stmt *statement, int index) __asm__("sqlite_nio_sqlite3_bind_null");
/// Binds `bytes` bytes of UTF-8 at `text`, copied by SQLite (SQLITE_TRANSIENT).
int tend_sqlite_bind_text_copy(tend_sqlite_stmt *statement, int index, const char *text, int bytes);

int tend_sqlite_column_count(tend_sqlite_stmt *statement) __asm__("sqlite_nio_sqlite3_column_count");
const char *tend_sqlite_column_name(tend_sqlite_stmt *statement, int column) __asm__("sqlite_nio_sqlite3_column_name");
int tend_sqlite_column_type(tend_sqlite_stmt *statement, int column) __asm__("sqlite_nio_sqlite3_column_type");
int64_t tend_sqlite_column_int64(tend_sqlite_stmt *statement, int column) __asm__("sqlite_nio_sqlite3_column_int64");
const unsigned char *tend_sqlite_column_text(tend_sqlite_stmt *statement, int column)
    __asm__("sqlite_nio_sqlite3_column_text");
int tend_sqlite_column_bytes(tend_sqlite_stmt *statement, int column) __asm__("sqlite_nio_sqlite3_column_bytes");

#endif
