#pragma once
// Helpers for end-to-end tests that look inside a planet's orrery.db with the SQLite C API
// (never through the store: the tests check what the store wrote, independently of it).

#include <filesystem>
#include <string>
#include <vector>

namespace orrery::test {

using Rows = std::vector<std::vector<std::string>>;

// Every row of `sql` on `db`, each column as text (NULL as "<null>"); fails the current test
// (and returns what it has) when the database cannot be opened or the query fails.
Rows query_rows(const std::filesystem::path& db, const std::string& sql);

// The single value of `sql` (the first column of the first row), "" when there is no row.
std::string query_value(const std::filesystem::path& db, const std::string& sql);

// What must hold of a planet's database whatever happened to the run that wrote it: PRAGMA
// integrity_check says ok, and no feed stores the same link twice (a database killed before
// its schema was created has no entries at all). "" when it holds, else why.
std::string store_invariant_violation(const std::filesystem::path& db);

// The entries as content (feed URL, key, id, link, title, HTML, dates the feed gave): what two
// runs must agree on, without first_seen and row ids. Ordered.
Rows entry_content(const std::filesystem::path& db);

// An Atom feed named `name` with `entries` entries, each with a unique id and link, a fixed
// date and about `body_bytes` of HTML content: deterministic, so two fetches are equal.
std::string synthetic_atom_feed(const std::string& name, int entries, std::size_t body_bytes);

}  // namespace orrery::test
