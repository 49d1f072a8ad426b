#pragma once
// The schema's history: an ordered list of migration steps, applied by PRAGMA user_version.

#include <SQLiteCpp/Database.h>

#include <string_view>

namespace orrery::store::detail {

// The schema version this build writes: the version of the last migration step.
int current_schema_version();

// The database's PRAGMA user_version (0 for a new, empty file).
int schema_version(SQLite::Database& db);

// Refuses, before anything is written, a file that is a database of another program: one
// whose PRAGMA application_id is not orrery's, or that has tables but no schema version.
// Throws StoreError naming `label`; SQLite::Exception when the file cannot be read at all
// ("file is not a database").
void check_ownership(SQLite::Database& db, std::string_view label);

// Applies every step newer than the database's user_version, in order, each in its own
// BEGIN IMMEDIATE transaction that also sets user_version, so a crash leaves the database at a
// step boundary. Throws StoreError (naming `label`) when the database is newer than this build;
// SQLite::Exception on a database failure (the failing step rolled back).
void migrate(SQLite::Database& db, std::string_view label);

// The same, stopping after step `up_to` (tests build every earlier schema version with it).
void migrate(SQLite::Database& db, std::string_view label, int up_to);

}  // namespace orrery::store::detail
