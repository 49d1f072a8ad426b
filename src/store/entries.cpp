// apply()'s entry rules: identity by (feed, key), first-seen dates, in-place updates, and
// never an older copy over a newer one.

#include <fmt/format.h>

#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "store/entry_digest.h"
#include "store/store_impl.h"

namespace orrery::store {
namespace {

// ":a, :b" for the columns "a, b".
std::string placeholders(std::string_view columns) {
  std::string out = ":";
  for (char c : columns) {
    out += c;
    if (c == ' ') {
      out += ':';
    }
  }
  return out;
}

// "a = :a, b = :b" for the columns "a, b".
std::string assignments(std::string_view columns) {
  std::string out;
  std::size_t start = 0;
  while (start < columns.size()) {
    std::size_t end = columns.find(", ", start);
    std::string_view column =
        columns.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    if (!out.empty()) {
      out += ", ";
    }
    out += fmt::format("{0} = :{0}", column);
    start = end == std::string_view::npos ? columns.size() : end + 2;
  }
  return out;
}

// An entry's dates as the store records them, under the feed's future_dates policy (Venus's:
// a date after `now` is kept, dropped as if the entry were undated, or drops the entry).
class Dating {
 public:
  Dating(FutureDates policy, util::TimePoint now) : m_policy(policy), m_now(now) {}

  // False for an entry dated after now under ignore_entry: it is not stored this time, and is
  // considered again on a later poll, when its date may have arrived.
  bool keeps(const model::Entry& entry) const {
    const auto raw = entry.updated ? entry.updated : entry.published;
    return m_policy != FutureDates::ignore_entry || !raw || *raw <= m_now;
  }

  std::optional<util::TimePoint> published(const model::Entry& entry) const {
    return usable(entry.published);
  }

  // The date the feed claims: updated, else published; absent for an undated entry.
  std::optional<util::TimePoint> claimed(const model::Entry& entry) const {
    const auto updated = usable(entry.updated);
    return updated ? updated : usable(entry.published);
  }

  // True when `candidate` is a newer copy than `current`: a dated copy beats an undated one; of
  // two undated copies (or equal dates) the first in the document wins, as feeds list newest
  // first.
  bool newer_copy(const model::Entry& candidate, const model::Entry& current) const {
    const auto a = claimed(candidate);
    const auto b = claimed(current);
    return a && (!b || *a > *b);
  }

 private:
  std::optional<util::TimePoint> usable(const std::optional<util::TimePoint>& t) const {
    if (t && m_policy == FutureDates::ignore_date && *t > m_now) {
      return std::nullopt;
    }
    return t;
  }

  FutureDates m_policy;
  util::TimePoint m_now;
};

// One copy per key, the newest, in the order the keys first appear in the document.
std::vector<const model::Entry*> newest_copies(const std::vector<model::Entry>& entries,
                                               const Dating& dating) {
  std::vector<const model::Entry*> chosen;
  std::unordered_map<std::string_view, std::size_t> index_of;
  chosen.reserve(entries.size());
  for (const model::Entry& entry : entries) {
    if (entry.key.empty()) {
      // normalise/ always sets a key; an empty one is an invariant failure upstream.
      throw std::invalid_argument("an entry has no identity key");
    }
    if (!dating.keeps(entry)) {
      continue;
    }
    const auto [it, inserted] = index_of.try_emplace(entry.key, chosen.size());
    if (inserted) {
      chosen.push_back(&entry);
    } else if (dating.newer_copy(entry, *chosen[it->second])) {
      chosen[it->second] = &entry;
    }
  }
  return chosen;
}

// The entry's id when it can identify the post across feeds: an IRI (Atom ids must be, RFC 4287
// §4.2.6; RSS permalink guids are URLs). Bare RSS guids ("1234") are unique only within their
// feed, so they never match another feed's entries.
const std::string& global_id(const model::Entry& entry) {
  static const std::string k_none;
  return entry.id.find(':') != std::string::npos ? entry.id : k_none;
}

struct StoredCopy {
  std::int64_t id = 0;
  std::optional<util::TimePoint> claimed;
  std::int64_t digest = 0;
};

void bind_content(SQLite::Statement& s, const model::Entry& entry, const Dating& dating,
                  std::int64_t digest) {
  s.bindNoCopy(":guid", entry.id);
  s.bindNoCopy(":global_id", global_id(entry));
  s.bindNoCopy(":link", entry.link);
  s.bindNoCopy(":title_html", entry.title_html);
  s.bindNoCopy(":title_plain", entry.title_plain);
  s.bindNoCopy(":summary_html", entry.summary_html);
  s.bindNoCopy(":content_html", entry.content_html);
  s.bindNoCopy(":author_name", entry.author.name);
  s.bindNoCopy(":author_email", entry.author.email);
  s.bindNoCopy(":author_href", entry.author.href);
  detail::bind_time(s, ":published", dating.published(entry));
  detail::bind_time(s, ":claimed", dating.claimed(entry));
  s.bindNoCopy(":language", entry.language);
  s.bind(":digest", digest);
  s.bindNoCopy(":rights_html", entry.rights_html);
  s.bind(":title_type", detail::text_type_name(entry.title_type));
  s.bind(":summary_type", detail::text_type_name(entry.summary_type));
  s.bind(":content_type", detail::text_type_name(entry.content_type));
  if (entry.geo) {
    s.bind(":geo_lat", entry.geo->latitude);
    s.bind(":geo_long", entry.geo->longitude);
  } else {
    s.bind(":geo_lat");
    s.bind(":geo_long");
  }
  const model::Source& source = entry.source;
  s.bindNoCopy(":source_id", source.id);
  s.bindNoCopy(":source_title_html", source.title_html);
  s.bindNoCopy(":source_title_plain", source.title_plain);
  s.bindNoCopy(":source_subtitle_html", source.subtitle_html);
  s.bindNoCopy(":source_link", source.link);
  s.bindNoCopy(":source_icon", source.icon);
  s.bindNoCopy(":source_logo", source.logo);
  s.bindNoCopy(":source_rights_html", source.rights_html);
  s.bindNoCopy(":source_author_name", source.author.name);
  s.bindNoCopy(":source_author_email", source.author.email);
  s.bindNoCopy(":source_author_href", source.author.href);
  detail::bind_time(s, ":source_updated", source.updated);
  s.bindNoCopy(":source_language", source.language);
}

// The columns bind_content() binds beyond the first migration's, for INSERT and UPDATE.
constexpr const char* k_venus_columns =
    "rights_html, title_type, summary_type, content_type, geo_lat, geo_long, source_id, "
    "source_title_html, source_title_plain, source_subtitle_html, source_link, source_icon, "
    "source_logo, source_rights_html, source_author_name, source_author_email, "
    "source_author_href, source_updated, source_language";

// Whether an entry's tags and enclosures exist already (an update) or not (a new entry).
enum class Children { fresh, replace };

class EntryWriter {
 public:
  // `document_keys`: every key of the document being stored, which renaming must not take.
  EntryWriter(Store::Impl& impl, std::int64_t feed_id, util::TimePoint now, const Dating& dating,
              const std::unordered_set<std::string_view>& document_keys)
      : m_impl(impl),
        m_feed_id(feed_id),
        m_now(now),
        m_dating(dating),
        m_document_keys(document_keys) {}

  void store(const model::Entry& entry, ApplyStats& stats) {
    const std::int64_t digest = detail::content_digest(entry);
    std::optional<StoredCopy> stored = find(entry.key);
    if (!stored) {
      if (expunged(entry.key)) {
        ++stats.unchanged;
        return;
      }
      if (const std::optional<StoredCopy> renamed = find_renamed(entry, digest)) {
        rename(renamed->id, entry);
        if (renamed->digest == digest) {
          ++stats.unchanged;
        } else {  // a row migrated from an older schema, rewritten with what it now holds
          update(renamed->id, entry, digest);
          write_children(renamed->id, entry, Children::replace);
          ++stats.updated;
        }
        return;
      }
      write_children(insert(entry, digest), entry, Children::fresh);
      ++stats.added;
    } else if (stored->digest == digest || is_older(entry, *stored)) {
      ++stats.unchanged;
    } else {
      update(stored->id, entry, digest);
      write_children(stored->id, entry, Children::replace);
      ++stats.updated;
    }
  }

 private:
  // An incoming copy dated before the stored one is a stale copy (a mirror or cache serving an
  // old version); it never replaces the newer text.
  bool is_older(const model::Entry& entry, const StoredCopy& stored) const {
    const auto incoming = m_dating.claimed(entry);
    return incoming && stored.claimed && *incoming < *stored.claimed;
  }

  // INDEXED BY: without ANALYZE statistics SQLite picks the UNIQUE (feed_id, key) index, which
  // leaves digest and claimed to be read from the row, through its overflow pages.
  std::optional<StoredCopy> find(const std::string& key) {
    SQLite::Statement& s =
        m_impl.cached(m_impl.m_find_entry,
                      "SELECT id, claimed, digest FROM entries INDEXED BY entries_lookup "
                      "WHERE feed_id = ? AND key = ?");
    s.bind(1, m_feed_id);
    s.bindNoCopy(2, key);
    std::optional<StoredCopy> found;
    if (s.executeStep()) {
      found = StoredCopy{s.getColumn(0).getInt64(), detail::column_time(s, 1),
                         s.getColumn(2).getInt64()};
    }
    s.reset();
    return found;
  }

  // True when expunge() removed this key of this feed: it stays removed.
  bool expunged(const std::string& key) {
    SQLite::Statement& s = m_impl.cached(m_impl.m_find_tombstone,
                                         "SELECT 1 FROM expunged WHERE feed_id = ? AND key = ?");
    s.bind(1, m_feed_id);
    s.bindNoCopy(2, key);
    const bool found = s.executeStep();
    s.reset();
    return found;
  }

  // The same post under a new key: a feed that changed its ids (a new blog engine, guids added
  // to an RSS feed keyed by link so far) while link and content stayed. Only a stored entry of
  // this feed with the same link and content digest whose key the document no longer uses; a
  // digest of 0 is a row migrated from an older schema (its digest unknown), matched by link.
  // (INDEXED BY: the planner would otherwise walk every entry of the feed.)
  std::optional<StoredCopy> find_renamed(const model::Entry& entry, std::int64_t digest) {
    if (entry.link.empty()) {
      return std::nullopt;
    }
    SQLite::Statement& s = m_impl.cached(m_impl.m_find_renamed, R"sql(
SELECT id, key, claimed, digest FROM entries INDEXED BY entries_link
WHERE link = :link AND link != '' AND feed_id = :feed_id AND (digest = :digest OR digest = 0)
ORDER BY digest = :digest DESC, id DESC)sql");
    s.bindNoCopy(":link", entry.link);
    s.bind(":feed_id", m_feed_id);
    s.bind(":digest", digest);
    std::optional<StoredCopy> found;
    while (!found && s.executeStep()) {
      if (m_document_keys.count(s.getColumn(1).getString()) == 0) {
        found = StoredCopy{s.getColumn(0).getInt64(), detail::column_time(s, 2),
                           s.getColumn(3).getInt64()};
      }
    }
    s.reset();
    return found;
  }

  void rename(std::int64_t id, const model::Entry& entry) {
    SQLite::Statement& s = m_impl.cached(
        m_impl.m_rename_entry,
        "UPDATE entries SET key = :key, guid = :guid, global_id = :global_id WHERE id = :id");
    s.bindNoCopy(":key", entry.key);
    s.bindNoCopy(":guid", entry.id);
    s.bindNoCopy(":global_id", global_id(entry));
    s.bind(":id", id);
    s.exec();
  }

  std::int64_t insert(const model::Entry& entry, std::int64_t digest) {
    static const std::string sql = fmt::format(R"sql(
INSERT INTO entries (feed_id, key, guid, global_id, link, title_html, title_plain, summary_html,
  content_html, author_name, author_email, author_href, published, claimed, updated,
  first_seen, language, digest, {})
VALUES (:feed_id, :key, :guid, :global_id, :link, :title_html, :title_plain, :summary_html,
  :content_html, :author_name, :author_email, :author_href, :published, :claimed,
  COALESCE(:claimed, :first_seen), :first_seen, :language, :digest, {}))sql",
                                               k_venus_columns, placeholders(k_venus_columns));
    SQLite::Statement& s = m_impl.cached(m_impl.m_insert_entry, sql.c_str());
    s.bind(":feed_id", m_feed_id);
    s.bindNoCopy(":key", entry.key);
    bind_content(s, entry, m_dating, digest);
    s.bind(":first_seen", static_cast<std::int64_t>(util::to_unix(m_now)));
    s.exec();
    return m_impl.m_db.getLastInsertRowid();
  }

  // Keeps first_seen and the row id; an undated copy keeps the stored dates.
  void update(std::int64_t id, const model::Entry& entry, std::int64_t digest) {
    static const std::string sql = fmt::format(R"sql(
UPDATE entries SET guid = :guid, global_id = :global_id, link = :link, title_html = :title_html,
  title_plain = :title_plain, summary_html = :summary_html, content_html = :content_html,
  author_name = :author_name, author_email = :author_email, author_href = :author_href,
  published = COALESCE(:published, published), claimed = COALESCE(:claimed, claimed),
  updated = COALESCE(:claimed, updated), language = :language, digest = :digest, {}
WHERE id = :id)sql",
                                               assignments(k_venus_columns));
    SQLite::Statement& s = m_impl.cached(m_impl.m_update_entry, sql.c_str());
    bind_content(s, entry, m_dating, digest);
    s.bind(":id", id);
    s.exec();
  }

  void write_children(std::int64_t id, const model::Entry& entry, Children children) {
    if (children == Children::replace) {
      SQLite::Statement& tags =
          m_impl.cached(m_impl.m_delete_tags, "DELETE FROM entry_tags WHERE entry_id = ?");
      tags.bind(1, id);
      tags.exec();
      SQLite::Statement& enclosures = m_impl.cached(
          m_impl.m_delete_enclosures, "DELETE FROM entry_enclosures WHERE entry_id = ?");
      enclosures.bind(1, id);
      enclosures.exec();
      SQLite::Statement& parts =
          m_impl.cached(m_impl.m_delete_parts, "DELETE FROM entry_parts WHERE entry_id = ?");
      parts.bind(1, id);
      parts.exec();
    }
    // Categories with scheme and label; an entry made with terms only (tags) keeps those.
    std::vector<model::Tag> categories = entry.categories;
    if (categories.empty()) {
      for (const std::string& term : entry.tags) {
        categories.push_back(model::Tag{term, "", ""});
      }
    }
    for (std::size_t i = 0; i < categories.size(); ++i) {
      SQLite::Statement& s = m_impl.cached(m_impl.m_insert_tag,
                                           "INSERT INTO entry_tags (entry_id, position, term, "
                                           "scheme, label) VALUES (?, ?, ?, ?, ?)");
      s.bind(1, id);
      s.bind(2, static_cast<std::int64_t>(i));
      s.bindNoCopy(3, categories[i].term);
      s.bindNoCopy(4, categories[i].scheme);
      s.bindNoCopy(5, categories[i].label);
      s.exec();
    }
    write_parts(id, entry);
    for (std::size_t i = 0; i < entry.enclosures.size(); ++i) {
      const model::Enclosure& enclosure = entry.enclosures[i];
      SQLite::Statement& s = m_impl.cached(m_impl.m_insert_enclosure,
                                           "INSERT INTO entry_enclosures (entry_id, position, "
                                           "href, type, length) VALUES (?, ?, ?, ?, ?)");
      s.bind(1, id);
      s.bind(2, static_cast<std::int64_t>(i));
      s.bindNoCopy(3, enclosure.href);
      s.bindNoCopy(4, enclosure.type);
      if (enclosure.length) {
        s.bind(5, static_cast<std::int64_t>(*enclosure.length));
      } else {
        s.bind(5);
      }
      s.exec();
    }
  }

  void write_part(std::int64_t id, std::int64_t& position, const char* kind,
                  std::initializer_list<const std::string*> text,
                  std::optional<std::int64_t> n = std::nullopt) {
    SQLite::Statement& s = m_impl.cached(m_impl.m_insert_part,
                                         "INSERT INTO entry_parts (entry_id, position, kind, a, "
                                         "b, c, d, n) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    s.bind(1, id);
    s.bind(2, position++);
    s.bindNoCopy(3, kind);
    int column = 4;
    for (const std::string* value : text) {
      s.bindNoCopy(column++, *value);
    }
    for (; column <= 7; ++column) {
      s.bind(column, "");
    }
    if (n) {
      s.bind(8, *n);
    } else {
      s.bind(8);
    }
    s.exec();
  }

  void write_links(std::int64_t id, std::int64_t& position, const char* kind,
                   const std::vector<model::Link>& links) {
    for (const model::Link& link : links) {
      write_part(id, position, kind, {&link.href, &link.rel, &link.type, &link.title}, link.length);
    }
  }

  void write_people(std::int64_t id, std::int64_t& position, const char* kind,
                    const std::vector<model::Person>& people) {
    for (const model::Person& p : people) {
      write_part(id, position, kind, {&p.name, &p.email, &p.href});
    }
  }

  // entry_parts (see migrations.cpp for the columns of each kind).
  void write_parts(std::int64_t id, const model::Entry& entry) {
    std::int64_t position = 0;
    write_links(id, position, "link", entry.links);
    write_people(id, position, "contributor", entry.contributors);
    write_links(id, position, "source_link", entry.source.links);
    write_people(id, position, "source_contributor", entry.source.contributors);
    for (const model::Tag& tag : entry.source.categories) {
      write_part(id, position, "source_category", {&tag.term, &tag.scheme, &tag.label});
    }
    for (const auto& [name, value] : entry.source.planet) {
      write_part(id, position, "planet", {&name, &value});
    }
    for (const auto& [name, value] : entry.extensions) {
      write_part(id, position, "extension", {&name, &value});
    }
  }

  Store::Impl& m_impl;
  std::int64_t m_feed_id;
  util::TimePoint m_now;
  const Dating& m_dating;
  const std::unordered_set<std::string_view>& m_document_keys;
};

}  // namespace

ApplyStats Store::Impl::store_entries(std::int64_t feed_id,
                                      const std::vector<model::Entry>& entries, util::TimePoint now,
                                      const ApplyOptions& options) {
  const Dating dating(options.future_dates, now);
  const std::vector<const model::Entry*> chosen = newest_copies(entries, dating);
  // Every key of the document, also those future_dates left out this time: a stored entry
  // under one of them is still that entry, not a candidate for renaming.
  std::unordered_set<std::string_view> document_keys;
  for (const model::Entry& entry : entries) {
    document_keys.insert(entry.key);
  }
  EntryWriter writer(*this, feed_id, now, dating, document_keys);
  ApplyStats stats;
  // Reverse document order: feeds list newest first, so the first entry gets the highest row id
  // and undated entries first seen together keep the document's order under "newest first".
  for (auto it = chosen.rbegin(); it != chosen.rend(); ++it) {
    writer.store(**it, stats);
  }
  return stats;
}

}  // namespace orrery::store
