// What the renderer reads: the newest entries across feeds, and every channel's status.

#include <fmt/format.h>

#include <string_view>

#include <algorithm>
#include <limits>
#include <unordered_map>

#include "store/store_impl.h"

namespace orrery::store {
namespace {

constexpr const char* k_entry_columns =
    "e.id, e.feed_id, f.url, e.key, e.guid, e.link, e.title_html, e.title_plain, "
    "e.summary_html, e.content_html, e.author_name, e.author_email, e.author_href, "
    "e.published, e.updated, e.first_seen, e.language, e.rights_html, e.title_type, "
    "e.summary_type, e.content_type, e.geo_lat, e.geo_long, e.source_id, e.source_title_html, "
    "e.source_title_plain, e.source_subtitle_html, e.source_link, e.source_icon, "
    "e.source_logo, e.source_rights_html, e.source_author_name, e.source_author_email, "
    "e.source_author_href, e.source_updated, e.source_language";

// The selected subscriptions live in a temporary table rather than "IN (?, ?, ...)": a planet
// may list more feeds than SQLite allows bound parameters in one statement. Temporary tables
// are private to the connection and need no lock on the database file.
constexpr const char* k_selected_feeds = "(SELECT url FROM temp.latest_feeds)";

void select_feeds(SQLite::Database& db, const std::vector<std::string>& urls) {
  db.exec("CREATE TEMP TABLE IF NOT EXISTS latest_feeds (url TEXT PRIMARY KEY)");
  db.exec("DELETE FROM temp.latest_feeds");
  SQLite::Statement insert(db, "INSERT OR IGNORE INTO temp.latest_feeds (url) VALUES (?)");
  for (const std::string& url : urls) {
    insert.bindNoCopy(1, url);
    insert.exec();
    insert.reset();
  }
}

// Hides entry `alias` when an earlier copy of the same post exists in another selected feed:
// the same IRI id (global_id), or the same permalink with the same title or the same content
// (summary and content) — never only the same link, which feeds that point every item at their
// home page share between distinct posts. The row-value comparison walks the
// (column, first_seen, id) index.
std::string no_earlier_copy(const char* alias, const char* column, const LatestQuery& query) {
  std::string clause = fmt::format(
      " AND NOT EXISTS (SELECT 1 FROM entries AS o WHERE {0}.{1} != '' AND o.{1} != '' AND "
      "o.{1} = {0}.{1} AND o.feed_id != {0}.feed_id AND "
      "(o.first_seen, o.id) < ({0}.first_seen, {0}.id)",
      alias, column);
  if (std::string_view(column) == "link") {
    clause += fmt::format(
        " AND (({0}.title_plain != '' AND o.title_plain = {0}.title_plain) OR "
        "(({0}.content_html != '' OR {0}.summary_html != '') AND "
        "o.content_html = {0}.content_html AND o.summary_html = {0}.summary_html))",
        alias);
  }
  if (!query.feed_urls.empty()) {
    clause +=
        fmt::format(" AND o.feed_id IN (SELECT id FROM feeds WHERE url IN {})", k_selected_feeds);
  }
  return clause + ")";
}

// The conditions on one candidate entry `alias`: the since cut-off and cross-feed copies.
std::string entry_conditions(const char* alias, const LatestQuery& query) {
  std::string where;
  if (query.since) {
    where += fmt::format(" AND {}.updated >= :since", alias);
  }
  if (query.copies == CrossFeedCopies::once) {
    where += no_earlier_copy(alias, "global_id", query) + no_earlier_copy(alias, "link", query);
  }
  return where;
}

// The SQL for one LatestQuery. Only its shape varies (which clauses exist, how many URL
// placeholders); every value is bound. Without a per-feed cap the query walks the
// entries_newest index and stops at the limit (INDEXED BY and CROSS JOIN keep the planner from
// fetching every entry of the selected feeds and sorting them). With one (Venus's new_feed_items),
// each feed's newest `cap` candidates come from the entries_feed_newest index, a few rows per feed,
// instead of ranking every stored entry with a window function.
std::string latest_sql(const LatestQuery& query, const char* columns = k_entry_columns) {
  const std::string feeds =
      query.feed_urls.empty() ? "" : fmt::format(" AND f.url IN {}", k_selected_feeds);
  if (query.per_feed_cap == 0) {
    return fmt::format(
        "SELECT {} FROM entries AS e INDEXED BY entries_newest CROSS JOIN feeds AS f "
        "ON f.id = e.feed_id WHERE 1{}{} "
        "ORDER BY e.updated DESC, e.first_seen DESC, e.id DESC LIMIT :limit",
        columns, feeds, entry_conditions("e", query));
  }
  return fmt::format(
      "SELECT {} FROM feeds AS f JOIN entries AS e ON e.id IN ("
      "SELECT c.id FROM entries AS c WHERE c.feed_id = f.id{} "
      "ORDER BY c.updated DESC, c.first_seen DESC, c.id DESC LIMIT :cap) WHERE 1{} "
      "ORDER BY e.updated DESC, e.first_seen DESC, e.id DESC LIMIT :limit",
      columns, entry_conditions("c", query), feeds);
}

std::int64_t clamp_to_sql(std::size_t n) {
  constexpr auto max = static_cast<std::size_t>(std::numeric_limits<std::int64_t>::max());
  return static_cast<std::int64_t>(n < max ? n : max);
}

// A headline: the table's columns before content_html only, so that a row's overflow pages
// (its kilobytes of content, and every column stored after it) are not read. Its dates are the
// caller's (the stamps it asked by). Columns 0-8 of read_entry().
model::StoredEntry read_headline(const SQLite::Statement& s) {
  model::StoredEntry stored;
  stored.entry_id = s.getColumn(0).getInt64();
  stored.feed_id = s.getColumn(1).getInt64();
  stored.feed_url = s.getColumn(2).getString();
  model::Entry& e = stored.entry;
  e.key = s.getColumn(3).getString();
  e.id = s.getColumn(4).getString();
  e.link = s.getColumn(5).getString();
  e.title_html = s.getColumn(6).getString();
  e.title_plain = s.getColumn(7).getString();
  e.summary_html = s.getColumn(8).getString();
  return stored;
}

// A whole entry: the headline's columns, then the rest.
model::StoredEntry read_entry(const SQLite::Statement& s) {
  model::StoredEntry stored = read_headline(s);
  model::Entry& e = stored.entry;
  e.content_html = s.getColumn(9).getString();
  e.author.name = s.getColumn(10).getString();
  e.author.email = s.getColumn(11).getString();
  e.author.href = s.getColumn(12).getString();
  e.published = detail::column_time(s, 13);
  e.updated = detail::column_time(s, 14);
  stored.first_seen = util::from_unix(s.getColumn(15).getInt64());
  e.language = s.getColumn(16).getString();
  e.rights_html = s.getColumn(17).getString();
  e.title_type = detail::text_type_from(s.getColumn(18).getString());
  e.summary_type = detail::text_type_from(s.getColumn(19).getString());
  e.content_type = detail::text_type_from(s.getColumn(20).getString());
  if (!s.getColumn(21).isNull() && !s.getColumn(22).isNull()) {
    e.geo = model::GeoPoint{s.getColumn(21).getDouble(), s.getColumn(22).getDouble()};
  }
  model::Source& source = e.source;
  source.id = s.getColumn(23).getString();
  source.title_html = s.getColumn(24).getString();
  source.title_plain = s.getColumn(25).getString();
  source.subtitle_html = s.getColumn(26).getString();
  source.link = s.getColumn(27).getString();
  source.icon = s.getColumn(28).getString();
  source.logo = s.getColumn(29).getString();
  source.rights_html = s.getColumn(30).getString();
  source.author.name = s.getColumn(31).getString();
  source.author.email = s.getColumn(32).getString();
  source.author.href = s.getColumn(33).getString();
  source.updated = detail::column_time(s, 34);
  source.language = s.getColumn(35).getString();
  return stored;
}

// The statement for one LatestQuery (`sql`, from latest_sql()), every value bound.
SQLite::Statement latest_statement(SQLite::Database& db, const LatestQuery& query,
                                   const std::string& sql) {
  if (!query.feed_urls.empty()) {
    select_feeds(db, query.feed_urls);
  }
  SQLite::Statement select(db, sql);
  if (query.since) {
    select.bind(":since", static_cast<std::int64_t>(util::to_unix(*query.since)));
  }
  if (query.per_feed_cap != 0) {
    select.bind(":cap", clamp_to_sql(query.per_feed_cap));
  }
  select.bind(":limit", clamp_to_sql(query.limit));
  return select;
}

}  // namespace

std::vector<model::EntryStamp> Store::Impl::stamps(const LatestQuery& query) {
  // Without a per-feed cap, the walk uses entries_stamps, which holds every column read here and
  // in the cross-feed conditions but the rarely needed title and content: read from the table,
  // digest and global_id (past kilobytes of HTML) would walk each row's overflow pages.
  std::string sql = latest_sql(query, "e.id, e.feed_id, f.url, e.updated, e.first_seen, e.digest");
  if (query.per_feed_cap == 0) {
    const std::string from = "INDEXED BY entries_newest";
    sql.replace(sql.find(from), from.size(), "INDEXED BY entries_stamps");
  }
  SQLite::Statement select = latest_statement(m_db, query, sql);
  std::vector<model::EntryStamp> result;
  while (select.executeStep()) {
    model::EntryStamp stamp;
    stamp.entry_id = select.getColumn(0).getInt64();
    stamp.feed_id = select.getColumn(1).getInt64();
    stamp.feed_url = select.getColumn(2).getString();
    stamp.updated = util::from_unix(select.getColumn(3).getInt64());
    stamp.first_seen = util::from_unix(select.getColumn(4).getInt64());
    stamp.digest = select.getColumn(5).getInt64();
    result.push_back(std::move(stamp));
  }
  return result;
}

namespace {

// The rows of entry_tags, entry_enclosures and entry_parts, read into `entry`; column 0 is the
// row's entry_id, the columns after it as load_children() and entries_by_id() select them.
void add_tag(const SQLite::Statement& s, model::Entry& entry) {
  model::Tag tag{s.getColumn(1).getString(), s.getColumn(2).getString(),
                 s.getColumn(3).getString()};
  if (!tag.term.empty() &&
      std::find(entry.tags.begin(), entry.tags.end(), tag.term) == entry.tags.end()) {
    entry.tags.push_back(tag.term);
  }
  entry.categories.push_back(std::move(tag));
}

void add_enclosure(const SQLite::Statement& s, model::Entry& entry) {
  model::Enclosure enclosure;
  enclosure.href = s.getColumn(1).getString();
  enclosure.type = s.getColumn(2).getString();
  if (!s.getColumn(3).isNull()) {
    enclosure.length = s.getColumn(3).getInt64();
  }
  entry.enclosures.push_back(std::move(enclosure));
}

// entry_parts (see migrations.cpp for the columns of each kind).
void add_part(const SQLite::Statement& s, model::Entry& entry) {
  const std::string kind = s.getColumn(1).getString();
  std::string a = s.getColumn(2).getString();
  std::string b = s.getColumn(3).getString();
  std::string c = s.getColumn(4).getString();
  std::string d = s.getColumn(5).getString();
  if (kind == "link" || kind == "source_link") {
    model::Link link{std::move(b), std::move(c), std::move(a), std::move(d), "", std::nullopt};
    if (!s.getColumn(6).isNull()) {
      link.length = s.getColumn(6).getInt64();
    }
    (kind == "link" ? entry.links : entry.source.links).push_back(std::move(link));
  } else if (kind == "contributor" || kind == "source_contributor") {
    model::Person person{std::move(a), std::move(b), std::move(c)};
    (kind == "contributor" ? entry.contributors : entry.source.contributors)
        .push_back(std::move(person));
  } else if (kind == "source_category") {
    entry.source.categories.push_back(model::Tag{std::move(a), std::move(b), std::move(c)});
  } else if (kind == "planet") {
    entry.source.planet.emplace_back(std::move(a), std::move(b));
  } else if (kind == "extension") {
    entry.extensions.emplace_back(std::move(a), std::move(b));
  }
}

}  // namespace

// One page's entries in four statements whatever its length (the entries, then their tags,
// enclosures and parts), not four per entry: the ids go in as one JSON array, which json_each
// turns into rows (no limit on bound parameters, no temporary table to fill).
std::vector<model::StoredEntry> Store::Impl::entries_by_id(const std::vector<std::int64_t>& ids,
                                                           Store::EntryDetail detail) {
  std::vector<model::StoredEntry> result;
  if (ids.empty()) {
    return result;
  }
  const bool full = detail == Store::EntryDetail::full;
  std::string array = "[";
  for (std::int64_t id : ids) {
    if (array.size() > 1) array += ',';
    array += std::to_string(id);
  }
  array += ']';
  SQLite::Statement select(
      m_db,
      fmt::format("SELECT {} FROM json_each(?) AS j CROSS JOIN entries AS e ON e.id = j.value "
                  "JOIN feeds AS f ON f.id = e.feed_id ORDER BY j.key",
                  full ? k_entry_columns
                       : "e.id, e.feed_id, f.url, e.key, e.guid, e.link, e.title_html, "
                         "e.title_plain, e.summary_html"));
  select.bindNoCopy(1, array);
  result.reserve(ids.size());
  while (select.executeStep()) {
    result.push_back(full ? read_entry(select) : read_headline(select));
  }
  if (!full) {
    return result;
  }
  // Where each row id went in `result` (an id asked twice is there twice).
  std::unordered_map<std::int64_t, std::vector<std::size_t>> where;
  for (std::size_t i = 0; i < result.size(); ++i) {
    where[result[i].entry_id].push_back(i);
  }
  auto children = [&](const char* columns, const char* table, auto add) {
    SQLite::Statement rows(
        m_db, fmt::format("SELECT entry_id, {} FROM {} WHERE entry_id IN "
                          "(SELECT value FROM json_each(?)) ORDER BY entry_id, position",
                          columns, table));
    rows.bindNoCopy(1, array);
    while (rows.executeStep()) {
      auto found = where.find(rows.getColumn(0).getInt64());
      if (found == where.end()) continue;
      for (std::size_t i : found->second) add(rows, result[i].entry);
    }
  };
  children("term, scheme, label", "entry_tags", add_tag);
  children("href, type, length", "entry_enclosures", add_enclosure);
  children("kind, a, b, c, d, n", "entry_parts", add_part);
  return result;
}

std::vector<std::pair<std::string, std::string>> Store::Impl::declared_self_links(
    const std::vector<std::string>& feed_urls) {
  if (feed_urls.empty()) {
    return {};
  }
  select_feeds(m_db, feed_urls);
  // entry_parts: a source_link row holds href in a and rel in b (migrations.cpp); an entry with
  // a planet:id part wrote its own atom:source, which speaks for another feed.
  SQLite::Statement select(m_db, R"sql(
SELECT f.url, p.a FROM feeds AS f JOIN entries AS e ON e.feed_id = f.id
JOIN entry_parts AS p ON p.entry_id = e.id
WHERE f.url IN (SELECT url FROM temp.latest_feeds) AND p.kind = 'source_link' AND p.b = 'self' AND p.a != '' AND NOT EXISTS (
  SELECT 1 FROM entry_parts AS q WHERE q.entry_id = e.id AND q.kind = 'planet' AND q.a = 'id')
ORDER BY e.updated DESC, e.first_seen DESC, e.id DESC, p.position)sql");
  std::vector<std::pair<std::string, std::string>> result;
  while (select.executeStep()) {
    result.emplace_back(select.getColumn(0).getString(), select.getColumn(1).getString());
  }
  return result;
}

std::vector<model::StoredEntry> Store::Impl::latest(const LatestQuery& query) {
  SQLite::Statement select = latest_statement(m_db, query, latest_sql(query));

  std::vector<model::StoredEntry> result;
  std::vector<std::int64_t> ids;
  while (select.executeStep()) {
    ids.push_back(select.getColumn(0).getInt64());
    result.push_back(read_entry(select));
  }
  for (std::size_t i = 0; i < result.size(); ++i) {
    load_children(ids[i], result[i].entry);
  }
  return result;
}

void Store::Impl::load_children(std::int64_t id, model::Entry& entry) {
  SQLite::Statement& tags = cached(
      m_select_tags,
      "SELECT entry_id, term, scheme, label FROM entry_tags WHERE entry_id = ? ORDER BY position");
  tags.bind(1, id);
  while (tags.executeStep()) {
    add_tag(tags, entry);
  }
  SQLite::Statement& enclosures = cached(m_select_enclosures,
                                         "SELECT entry_id, href, type, length FROM "
                                         "entry_enclosures WHERE entry_id = ? ORDER BY position");
  enclosures.bind(1, id);
  while (enclosures.executeStep()) {
    add_enclosure(enclosures, entry);
  }
  load_parts(id, entry);
}

// entry_parts (see migrations.cpp for the columns of each kind).
void Store::Impl::load_parts(std::int64_t id, model::Entry& entry) {
  SQLite::Statement& parts = cached(
      m_select_parts,
      "SELECT entry_id, kind, a, b, c, d, n FROM entry_parts WHERE entry_id = ? ORDER BY position");
  parts.bind(1, id);
  while (parts.executeStep()) {
    add_part(parts, entry);
  }
}

std::vector<model::ChannelStatus> Store::Impl::channels() {
  SQLite::Statement select(m_db, fmt::format(R"sql(
SELECT {}, title, link, subtitle, channel_id, author_name, author_email, author_href, icon,
  logo, rights, updated, language, generator, title_html, subtitle_html, rights_html,
  (SELECT count(*) FROM entries WHERE entries.feed_id = feeds.id),
  (SELECT max(updated) FROM entries WHERE entries.feed_id = feeds.id)
FROM feeds ORDER BY id)sql",
                                             detail::k_state_columns));
  std::vector<model::ChannelStatus> result;
  constexpr int c = detail::k_state_column_count;
  while (select.executeStep()) {
    model::ChannelStatus status;
    status.state = detail::read_state(select, 0);
    model::Channel& ch = status.channel;
    ch.title_plain = select.getColumn(c).getString();
    ch.link = select.getColumn(c + 1).getString();
    ch.subtitle_plain = select.getColumn(c + 2).getString();
    ch.id = select.getColumn(c + 3).getString();
    ch.author.name = select.getColumn(c + 4).getString();
    ch.author.email = select.getColumn(c + 5).getString();
    ch.author.href = select.getColumn(c + 6).getString();
    ch.icon = select.getColumn(c + 7).getString();
    ch.logo = select.getColumn(c + 8).getString();
    ch.rights_plain = select.getColumn(c + 9).getString();
    ch.updated = detail::column_time(select, c + 10);
    ch.language = select.getColumn(c + 11).getString();
    ch.generator = select.getColumn(c + 12).getString();
    ch.title_html = select.getColumn(c + 13).getString();
    ch.subtitle_html = select.getColumn(c + 14).getString();
    ch.rights_html = select.getColumn(c + 15).getString();
    status.entry_count = select.getColumn(c + 16).getInt64();
    status.newest_entry = detail::column_time(select, c + 17);
    result.push_back(std::move(status));
  }
  return result;
}

}  // namespace orrery::store
