#include "db_check.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cstdio>
#include <memory>

namespace orrery::test {

namespace {

struct DbCloser {
  void operator()(sqlite3* db) const { sqlite3_close(db); }
};
struct StmtFinalizer {
  void operator()(sqlite3_stmt* stmt) const { sqlite3_finalize(stmt); }
};

}  // namespace

Rows query_rows(const std::filesystem::path& db, const std::string& sql) {
  Rows rows;
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(db.c_str(), &raw, SQLITE_OPEN_READWRITE, nullptr);
  std::unique_ptr<sqlite3, DbCloser> handle(raw);
  if (rc != SQLITE_OK) {
    ADD_FAILURE() << "cannot open " << db << ": " << sqlite3_errstr(rc);
    return rows;
  }
  sqlite3_busy_timeout(raw, 10000);
  sqlite3_stmt* stmt_raw = nullptr;
  if (sqlite3_prepare_v2(raw, sql.c_str(), -1, &stmt_raw, nullptr) != SQLITE_OK) {
    ADD_FAILURE() << "cannot prepare " << sql << ": " << sqlite3_errmsg(raw);
    return rows;
  }
  std::unique_ptr<sqlite3_stmt, StmtFinalizer> stmt(stmt_raw);
  while ((rc = sqlite3_step(stmt_raw)) == SQLITE_ROW) {
    std::vector<std::string> row;
    for (int i = 0; i < sqlite3_column_count(stmt_raw); ++i) {
      const unsigned char* text = sqlite3_column_text(stmt_raw, i);
      row.emplace_back(text == nullptr ? "<null>" : reinterpret_cast<const char*>(text));
    }
    rows.push_back(std::move(row));
  }
  if (rc != SQLITE_DONE) {
    ADD_FAILURE() << "query failed: " << sql << ": " << sqlite3_errmsg(raw);
  }
  return rows;
}

std::string query_value(const std::filesystem::path& db, const std::string& sql) {
  Rows rows = query_rows(db, sql);
  return rows.empty() || rows.front().empty() ? "" : rows.front().front();
}

std::string store_invariant_violation(const std::filesystem::path& db) {
  std::string integrity = query_value(db, "PRAGMA integrity_check");
  if (integrity != "ok") {
    return "integrity_check: " + integrity;
  }
  if (query_value(db, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'entries'") == "0") {
    return "";  // killed before the first migration committed: an empty database
  }
  std::string duplicates =
      query_value(db,
                  "SELECT COUNT(*) FROM (SELECT 1 FROM entries WHERE link != '' "
                  "GROUP BY feed_id, link HAVING COUNT(*) > 1)");
  if (duplicates != "0") {
    return duplicates + " links stored twice in one feed";
  }
  return "";
}

Rows entry_content(const std::filesystem::path& db) {
  return query_rows(db,
                    "SELECT f.url, e.key, e.guid, e.link, e.title_plain, e.summary_html, "
                    "e.content_html, e.published, e.claimed, e.updated FROM entries e "
                    "JOIN feeds f ON f.id = e.feed_id ORDER BY f.url, e.key");
}

std::string synthetic_atom_feed(const std::string& name, int entries, std::size_t body_bytes) {
  std::string feed =
      "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
      "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>" +
      name + "</title><id>urn:orrery-test:" + name + "</id><link href=\"http://" + name +
      ".example/\"/><updated>2023-03-01T00:00:00Z</updated>\n";
  std::string paragraph = "<p>Lorem ipsum dolor sit amet, " + name + " consectetur.</p>";
  int minute = 0;  // distinct per name, so entries of two feeds never tie on the page
  for (char c : name) minute = (minute + static_cast<unsigned char>(c)) % 60;
  for (int i = 0; i < entries; ++i) {
    char date[32];
    std::snprintf(date, sizeof date, "2023-02-%02dT%02d:%02d:00Z", 1 + i / 24 % 28, i % 24, minute);
    std::string n = std::to_string(i);
    feed += "<entry><id>urn:orrery-test:" + name + ":" + n + "</id><title>" + name + " post " + n +
            "</title><link href=\"http://" + name + ".example/posts/" + n + "\"/><updated>" + date +
            "</updated><content type=\"html\"><![CDATA[";
    for (std::size_t size = 0; size < body_bytes; size += paragraph.size()) {
      feed += paragraph;
    }
    feed += "]]></content></entry>\n";
  }
  return feed + "</feed>\n";
}

}  // namespace orrery::test
