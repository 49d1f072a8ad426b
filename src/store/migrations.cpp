#include "store/migrations.h"

#include <SQLiteCpp/Transaction.h>
#include <fmt/format.h>

#include <array>

#include "store/store.h"

namespace orrery::store::detail {
namespace {

struct Migration {
  int version;
  const char* sql;
};

// Never edit a released step: add a new one. Times are INTEGER unix seconds (UTC); text columns
// are NOT NULL with '' for "absent", so readers need no NULL checks except for dates.
//
// Tags and enclosures live in child tables rather than JSON columns: the store may not use a
// JSON library (layering), SQL can filter on them (Venus filters by category), and ON DELETE
// CASCADE keeps them consistent when retention deletes an entry.
//
// entries.claimed is the date the feed gave (updated, else published), NULL for an undated
// entry; entries.updated is the sort date, claimed else first_seen, so an undated entry keeps
// the date it was first seen instead of becoming "now" on every run. There is deliberately no
// per-entry last_seen: writing 20,000 rows on every unchanged poll would cost more than the
// re-check itself.
constexpr std::array k_migrations{
    Migration{1, R"sql(
CREATE TABLE feeds (
  id INTEGER PRIMARY KEY,
  url TEXT NOT NULL UNIQUE,
  etag TEXT NOT NULL DEFAULT '',
  last_modified TEXT NOT NULL DEFAULT '',
  last_fetched INTEGER,
  next_due INTEGER,
  last_success INTEGER,
  consecutive_failures INTEGER NOT NULL DEFAULT 0,
  last_status INTEGER NOT NULL DEFAULT 0,
  last_error TEXT NOT NULL DEFAULT '',
  content_hash TEXT NOT NULL DEFAULT '',
  title TEXT NOT NULL DEFAULT '',
  link TEXT NOT NULL DEFAULT '',
  subtitle TEXT NOT NULL DEFAULT '',
  channel_id TEXT NOT NULL DEFAULT '',
  author_name TEXT NOT NULL DEFAULT '',
  author_email TEXT NOT NULL DEFAULT '',
  author_href TEXT NOT NULL DEFAULT '',
  icon TEXT NOT NULL DEFAULT '',
  logo TEXT NOT NULL DEFAULT '',
  rights TEXT NOT NULL DEFAULT '',
  updated INTEGER,
  language TEXT NOT NULL DEFAULT '',
  generator TEXT NOT NULL DEFAULT ''
);
CREATE TABLE entries (
  id INTEGER PRIMARY KEY,
  feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
  key TEXT NOT NULL,
  guid TEXT NOT NULL DEFAULT '',
  link TEXT NOT NULL DEFAULT '',
  title_html TEXT NOT NULL DEFAULT '',
  title_plain TEXT NOT NULL DEFAULT '',
  summary_html TEXT NOT NULL DEFAULT '',
  content_html TEXT NOT NULL DEFAULT '',
  author_name TEXT NOT NULL DEFAULT '',
  author_email TEXT NOT NULL DEFAULT '',
  author_href TEXT NOT NULL DEFAULT '',
  published INTEGER,
  claimed INTEGER,
  updated INTEGER NOT NULL,
  first_seen INTEGER NOT NULL,
  language TEXT NOT NULL DEFAULT '',
  digest INTEGER NOT NULL,
  UNIQUE (feed_id, key)
);
CREATE INDEX entries_newest ON entries (updated DESC, first_seen DESC, id DESC);
CREATE INDEX entries_feed_newest ON entries (feed_id, updated DESC, first_seen DESC, id DESC);
CREATE TABLE entry_tags (
  entry_id INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  term TEXT NOT NULL,
  PRIMARY KEY (entry_id, position)
) WITHOUT ROWID;
CREATE TABLE entry_enclosures (
  entry_id INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  href TEXT NOT NULL,
  type TEXT NOT NULL DEFAULT '',
  length INTEGER,
  PRIMARY KEY (entry_id, position)
) WITHOUT ROWID;
)sql"},
    // Cross-feed identity: the same post arriving through two feeds (or another planet) is shown
    // once. global_id is the guid when it is an IRI, '' otherwise (see entries.cpp). The link
    // index also serves apply()'s "same link and content, new id" lookup.
    Migration{2, R"sql(
ALTER TABLE entries ADD COLUMN global_id TEXT NOT NULL DEFAULT '';
UPDATE entries SET global_id = guid WHERE instr(guid, ':') > 0;
CREATE INDEX entries_global_id ON entries (global_id, first_seen, id) WHERE global_id != '';
CREATE INDEX entries_link ON entries (link, first_seen, id) WHERE link != '';
)sql"},
    // Tombstones: the keys expunge() removed, so a feed still listing them cannot bring them
    // back as new posts.
    Migration{3, R"sql(
CREATE TABLE expunged (
  feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
  key TEXT NOT NULL,
  PRIMARY KEY (feed_id, key)
) WITHOUT ROWID;
)sql"},
    // Marks the file as orrery's (`file` and check_ownership() recognise it). 0x4f525259 is
    // "ORRY"; k_application_id below must match.
    Migration{4, R"sql(
PRAGMA application_id = 1330795097;
)sql"},
    // apply()'s per-entry lookup answered from the index alone: reading digest and claimed from
    // the row would walk its overflow pages (entries hold kilobytes of HTML), which made
    // re-checking an unchanged feed read all of its stored text.
    Migration{5, R"sql(
CREATE INDEX entries_lookup ON entries (feed_id, key, digest, claimed);
)sql"},
    // What Venus keeps of an entry (see docs/store.md, "Schema"): rights, how each construct is
    // stored (text, html, xhtml; rows stored before say html, which their _html columns are),
    // the location, the entry's source (its own <source>, else the feed's metadata when it was
    // fetched) and, in entry_parts, its links, contributors, the source's links, contributors
    // and categories, and the source's planet: elements. Categories keep scheme and label.
    // entry_parts rows by kind: link and source_link (a href, b rel, c type, d title, n length),
    // contributor and source_contributor (a name, b email, c href), source_category (a term,
    // b scheme, c label), planet (a name without "planet:", b value), extension (a feedparser's
    // key, b value).
    //
    // Keys become Venus's ids: "id:X" and "link:X" become "X" (the id rule is now Venus's, and
    // import-venus stores Venus's ids), unless that key is taken in the feed; "hash:" keys of
    // entries without id or link stay, and such an entry is stored once more under its new
    // key (base/md5 of its title). Every digest is reset to 0, so each stored entry is
    // rewritten once, with the new fields, the next time its feed lists it; a migrated entry
    // whose id rule changed (an enclosure, now its id) is found by its link (entries.cpp).
    Migration{6, R"sql(
ALTER TABLE entries ADD COLUMN rights_html TEXT NOT NULL DEFAULT '';
ALTER TABLE entries ADD COLUMN title_type TEXT NOT NULL DEFAULT 'html';
ALTER TABLE entries ADD COLUMN summary_type TEXT NOT NULL DEFAULT 'html';
ALTER TABLE entries ADD COLUMN content_type TEXT NOT NULL DEFAULT 'html';
ALTER TABLE entries ADD COLUMN geo_lat REAL;
ALTER TABLE entries ADD COLUMN geo_long REAL;
ALTER TABLE entries ADD COLUMN source_id TEXT NOT NULL DEFAULT '';
ALTER TABLE entries ADD COLUMN source_title_html TEXT NOT NULL DEFAULT '';
ALTER TABLE entries ADD COLUMN source_title_plain TEXT NOT NULL DEFAULT '';
ALTER TABLE entries ADD COLUMN source_subtitle_html TEXT NOT NULL DEFAULT '';
ALTER TABLE entries ADD COLUMN source_link TEXT NOT NULL DEFAULT '';
ALTER TABLE entries ADD COLUMN source_icon TEXT NOT NULL DEFAULT '';
ALTER TABLE entries ADD COLUMN source_logo TEXT NOT NULL DEFAULT '';
ALTER TABLE entries ADD COLUMN source_rights_html TEXT NOT NULL DEFAULT '';
ALTER TABLE entries ADD COLUMN source_author_name TEXT NOT NULL DEFAULT '';
ALTER TABLE entries ADD COLUMN source_author_email TEXT NOT NULL DEFAULT '';
ALTER TABLE entries ADD COLUMN source_author_href TEXT NOT NULL DEFAULT '';
ALTER TABLE entries ADD COLUMN source_updated INTEGER;
ALTER TABLE entries ADD COLUMN source_language TEXT NOT NULL DEFAULT '';
ALTER TABLE entry_tags ADD COLUMN scheme TEXT NOT NULL DEFAULT '';
ALTER TABLE entry_tags ADD COLUMN label TEXT NOT NULL DEFAULT '';
CREATE TABLE entry_parts (
  entry_id INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  kind TEXT NOT NULL,
  a TEXT NOT NULL DEFAULT '',
  b TEXT NOT NULL DEFAULT '',
  c TEXT NOT NULL DEFAULT '',
  d TEXT NOT NULL DEFAULT '',
  n INTEGER,
  PRIMARY KEY (entry_id, position)
) WITHOUT ROWID;
UPDATE OR IGNORE entries SET key = substr(key, 4) WHERE substr(key, 1, 3) = 'id:';
UPDATE OR IGNORE entries SET key = substr(key, 6) WHERE substr(key, 1, 5) = 'link:';
UPDATE OR IGNORE expunged SET key = substr(key, 4) WHERE substr(key, 1, 3) = 'id:';
UPDATE OR IGNORE expunged SET key = substr(key, 6) WHERE substr(key, 1, 5) = 'link:';
UPDATE entries SET digest = 0;
)sql"},
    // The per-feed schedule and health (issue 12; model::FeedState documents each column):
    // where a moved feed now lives, since when it fails, when it last brought a new entry (for
    // existing feeds: its newest entry's first_seen), when its failure was last reported, since
    // when and why it parses only with recovery, the intervals the feed itself gives (<ttl>,
    // sy:update*, the rhythm of its posts; seconds, 0 none) and why next_due is what it is.
    Migration{7, R"sql(
ALTER TABLE feeds ADD COLUMN moved_to TEXT NOT NULL DEFAULT '';
ALTER TABLE feeds ADD COLUMN failing_since INTEGER;
ALTER TABLE feeds ADD COLUMN last_new_entry INTEGER;
ALTER TABLE feeds ADD COLUMN last_notified INTEGER;
ALTER TABLE feeds ADD COLUMN recovered_since INTEGER;
ALTER TABLE feeds ADD COLUMN recovered_warning TEXT NOT NULL DEFAULT '';
ALTER TABLE feeds ADD COLUMN ttl INTEGER NOT NULL DEFAULT 0;
ALTER TABLE feeds ADD COLUMN syndication_interval INTEGER NOT NULL DEFAULT 0;
ALTER TABLE feeds ADD COLUMN rhythm_interval INTEGER NOT NULL DEFAULT 0;
ALTER TABLE feeds ADD COLUMN due_reason TEXT NOT NULL DEFAULT '';
UPDATE feeds SET last_new_entry = (SELECT max(first_seen) FROM entries WHERE feed_id = feeds.id);
UPDATE feeds SET failing_since = last_fetched WHERE consecutive_failures > 0;
)sql"},
    // What Venus keeps per feed (model::FeedState): the format and bozo flag of its last parsed
    // copy, whether that copy listed no entry ("no data"), and the address its last successful
    // fetch read; and the feed's title, subtitle and rights with their markup (model::Channel's
    // _html fields). Feeds stored before take format and bozo from their newest entry's source
    // (what templates showed until now); the rest comes with the next fetch (readers fall back to
    // the plain columns until then).
    Migration{8, R"sql(
ALTER TABLE feeds ADD COLUMN format TEXT NOT NULL DEFAULT '';
ALTER TABLE feeds ADD COLUMN bozo INTEGER NOT NULL DEFAULT 0;
ALTER TABLE feeds ADD COLUMN no_data INTEGER NOT NULL DEFAULT 0;
ALTER TABLE feeds ADD COLUMN http_location TEXT NOT NULL DEFAULT '';
ALTER TABLE feeds ADD COLUMN title_html TEXT NOT NULL DEFAULT '';
ALTER TABLE feeds ADD COLUMN subtitle_html TEXT NOT NULL DEFAULT '';
ALTER TABLE feeds ADD COLUMN rights_html TEXT NOT NULL DEFAULT '';
UPDATE feeds SET format = coalesce((SELECT p.b FROM entries e JOIN entry_parts p
    ON p.entry_id = e.id AND p.kind = 'planet' AND p.a = 'format'
  WHERE e.feed_id = feeds.id ORDER BY e.updated DESC, e.id DESC LIMIT 1), '');
UPDATE feeds SET bozo = coalesce((SELECT p.b = 'true' FROM entries e JOIN entry_parts p
    ON p.entry_id = e.id AND p.kind = 'planet' AND p.a = 'bozo'
  WHERE e.feed_id = feeds.id ORDER BY e.updated DESC, e.id DESC LIMIT 1), 0);
)sql"},
};

constexpr bool strictly_increasing() {
  for (std::size_t i = 1; i < k_migrations.size(); ++i) {
    if (k_migrations[i].version != k_migrations[i - 1].version + 1) {
      return false;
    }
  }
  return k_migrations.front().version == 1;
}
static_assert(strictly_increasing(), "migration versions are 1, 2, 3, ... in order");

constexpr int k_application_id = 0x4f525259;

// Runs one step unless another process applied it first (re-checked inside the transaction).
void apply_step(SQLite::Database& db, const Migration& step) {
  SQLite::Transaction transaction(db, SQLite::TransactionBehavior::IMMEDIATE);
  if (schema_version(db) >= step.version) {
    return;
  }
  db.exec(step.sql);
  // PRAGMA takes no bound parameters; the version is our own constant.
  db.exec(fmt::format("PRAGMA user_version = {}", step.version));
  transaction.commit();
}

}  // namespace

int current_schema_version() { return k_migrations.back().version; }

int schema_version(SQLite::Database& db) { return db.execAndGet("PRAGMA user_version").getInt(); }

void check_ownership(SQLite::Database& db, std::string_view label) {
  const int application_id = db.execAndGet("PRAGMA application_id").getInt();
  if (application_id != 0 && application_id != k_application_id) {
    throw StoreError(
        fmt::format("store {}: not an orrery database (application_id {:#x}); refusing to touch it",
                    label, static_cast<unsigned>(application_id)));
  }
  if (schema_version(db) == 0 &&
      db.execAndGet("SELECT count(*) FROM sqlite_schema").getInt64() > 0) {
    throw StoreError(fmt::format(
        "store {}: not an orrery database (it has tables but no orrery schema version); "
        "refusing to touch it",
        label));
  }
}

void migrate(SQLite::Database& db, std::string_view label) {
  migrate(db, label, current_schema_version());
}

void migrate(SQLite::Database& db, std::string_view label, int up_to) {
  const int found = schema_version(db);
  if (found > current_schema_version()) {
    throw StoreError(fmt::format(
        "store {}: schema version {} is newer than this orrery supports ({}); upgrade orrery",
        label, found, current_schema_version()));
  }
  for (const Migration& step : k_migrations) {
    if (step.version > found && step.version <= up_to) {
      apply_step(db, step);
    }
  }
}

}  // namespace orrery::store::detail
