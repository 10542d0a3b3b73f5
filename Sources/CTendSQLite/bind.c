#include "CTendSQLite.h"

/* sqlite3_bind_text of the amalgamation that sqlite-nio compiles in; SQLITE_TRANSIENT, ((void(*)(void*))-1), is a
 * macro Swift cannot import, hence this wrapper. */
int sqlite_nio_sqlite3_bind_text(tend_sqlite_stmt *, int, const char *, int, void (*)(void *));

int tend_sqlite_bind_text_copy(tend_sqlite_stmt *statement, int index, const char *text, int bytes) {
    return sqlite_nio_sqlite3_bind_text(statement, index, text, bytes, (void (*)(void *))-1);
}

/* sqlite3_db_config is variadic, which Swift cannot call. */
int sqlite_nio_sqlite3_db_config(tend_sqlite *, int, ...);

/* SQLITE_DBCONFIG_ENABLE_QPSG (1007), the query planner stability guarantee: plans never depend on bound values.
 * Without it SQLite marks a statement to be prepared again whenever certain parameters are bound to a new value
 * (a LIMIT ?, a parameter compared against a partial index's WHERE), and the job store's claim was parsed and
 * planned again on every call. */
int tend_sqlite_enable_stable_plans(tend_sqlite *db) {
    int enabled = 0;
    int status = sqlite_nio_sqlite3_db_config(db, 1007, 1, &enabled);
    return status == 0 && enabled == 1 ? 0 : (status == 0 ? 1 : status);
}
