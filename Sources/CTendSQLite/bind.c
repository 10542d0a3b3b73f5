#include "CTendSQLite.h"

/* sqlite3_bind_text of the amalgamation that sqlite-nio compiles in; SQLITE_TRANSIENT, ((void(*)(void*))-1), is a
 * macro Swift cannot import, hence this wrapper. */
int sqlite_nio_sqlite3_bind_text(tend_sqlite_stmt *, int, const char *, int, void (*)(void *));

int tend_sqlite_bind_text_copy(tend_sqlite_stmt *statement, int index, const char *text, int bytes) {
    return sqlite_nio_sqlite3_bind_text(statement, index, text, bytes, (void (*)(void *))-1);
}
