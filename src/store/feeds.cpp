// Subscription state and channel metadata: the feeds table.

#include "store/store_impl.h"
#include "store/write_scope.h"

namespace orrery::store {
namespace detail {

void bind_time(SQLite::Statement& statement, const char* name,
               const std::optional<util::TimePoint>& t) {
  if (t) {
    statement.bind(name, static_cast<std::int64_t>(util::to_unix(*t)));
  } else {
    statement.bind(name);
  }
}

const char* text_type_name(model::TextType type) {
  switch (type) {
    case model::TextType::text:
      return "text";
    case model::TextType::xhtml:
      return "xhtml";
    case model::TextType::html:
      break;
  }
  return "html";
}

model::TextType text_type_from(const std::string& name) {
  if (name == "text") {
    return model::TextType::text;
  }
  return name == "xhtml" ? model::TextType::xhtml : model::TextType::html;
}

std::optional<util::TimePoint> column_time(const SQLite::Statement& statement, int index) {
  const SQLite::Column column = statement.getColumn(index);
  if (column.isNull()) {
    return std::nullopt;
  }
  return util::from_unix(column.getInt64());
}

const char* const k_state_columns =
    "feeds.id, feeds.url, feeds.etag, feeds.last_modified, feeds.last_fetched, feeds.next_due, "
    "feeds.last_success, feeds.consecutive_failures, feeds.last_status, feeds.last_error, "
    "feeds.content_hash, feeds.moved_to, feeds.failing_since, feeds.last_new_entry, "
    "feeds.last_notified, feeds.recovered_since, feeds.recovered_warning, feeds.ttl, "
    "feeds.syndication_interval, feeds.rhythm_interval, feeds.due_reason, feeds.format, "
    "feeds.bozo, feeds.no_data, feeds.http_location";

model::FeedState read_state(const SQLite::Statement& statement, int first) {
  model::FeedState state;
  state.id = statement.getColumn(first).getInt64();
  state.url = statement.getColumn(first + 1).getString();
  state.validators.etag = statement.getColumn(first + 2).getString();
  state.validators.last_modified = statement.getColumn(first + 3).getString();
  state.last_fetched = column_time(statement, first + 4);
  state.next_due = column_time(statement, first + 5);
  state.last_success = column_time(statement, first + 6);
  state.consecutive_failures = statement.getColumn(first + 7).getInt();
  state.last_status = statement.getColumn(first + 8).getInt();
  state.last_error = statement.getColumn(first + 9).getString();
  state.content_hash = statement.getColumn(first + 10).getString();
  state.moved_to = statement.getColumn(first + 11).getString();
  state.failing_since = column_time(statement, first + 12);
  state.last_new_entry = column_time(statement, first + 13);
  state.last_notified = column_time(statement, first + 14);
  state.recovered_since = column_time(statement, first + 15);
  state.recovered_warning = statement.getColumn(first + 16).getString();
  state.ttl = std::chrono::seconds{statement.getColumn(first + 17).getInt64()};
  state.syndication_interval = std::chrono::seconds{statement.getColumn(first + 18).getInt64()};
  state.rhythm_interval = std::chrono::seconds{statement.getColumn(first + 19).getInt64()};
  state.due_reason = statement.getColumn(first + 20).getString();
  state.format = statement.getColumn(first + 21).getString();
  state.bozo = statement.getColumn(first + 22).getInt() != 0;
  state.no_data = statement.getColumn(first + 23).getInt() != 0;
  state.http_location = statement.getColumn(first + 24).getString();
  return state;
}

}  // namespace detail

// The row is found by URL, the subscription's identity in the config; state.id is not trusted
// (a caller may hand a state it built before the row existed).
std::int64_t Store::Impl::upsert_state(const model::FeedState& state) {
  SQLite::Statement& upsert = cached(m_upsert_state, R"sql(
INSERT INTO feeds (url, etag, last_modified, last_fetched, next_due, last_success,
                   consecutive_failures, last_status, last_error, content_hash, moved_to,
                   failing_since, last_notified, recovered_since, recovered_warning, ttl,
                   syndication_interval, rhythm_interval, due_reason, format, bozo,
                   no_data, http_location)
VALUES (:url, :etag, :last_modified, :last_fetched, :next_due, :last_success,
        :consecutive_failures, :last_status, :last_error, :content_hash, :moved_to,
        :failing_since, :last_notified, :recovered_since, :recovered_warning, :ttl,
        :syndication_interval, :rhythm_interval, :due_reason, :format, :bozo, :no_data,
        :http_location)
ON CONFLICT (url) DO UPDATE SET
  etag = excluded.etag, last_modified = excluded.last_modified,
  last_fetched = excluded.last_fetched, next_due = excluded.next_due,
  last_success = excluded.last_success, consecutive_failures = excluded.consecutive_failures,
  last_status = excluded.last_status, last_error = excluded.last_error,
  content_hash = excluded.content_hash, moved_to = excluded.moved_to,
  failing_since = excluded.failing_since, last_notified = excluded.last_notified,
  recovered_since = excluded.recovered_since, recovered_warning = excluded.recovered_warning,
  ttl = excluded.ttl, syndication_interval = excluded.syndication_interval,
  rhythm_interval = excluded.rhythm_interval, due_reason = excluded.due_reason,
  format = excluded.format, bozo = excluded.bozo, no_data = excluded.no_data,
  http_location = excluded.http_location
RETURNING id)sql");
  upsert.bindNoCopy(":url", state.url);
  upsert.bindNoCopy(":etag", state.validators.etag);
  upsert.bindNoCopy(":last_modified", state.validators.last_modified);
  detail::bind_time(upsert, ":last_fetched", state.last_fetched);
  detail::bind_time(upsert, ":next_due", state.next_due);
  detail::bind_time(upsert, ":last_success", state.last_success);
  upsert.bind(":consecutive_failures", state.consecutive_failures);
  upsert.bind(":last_status", state.last_status);
  upsert.bindNoCopy(":last_error", state.last_error);
  upsert.bindNoCopy(":content_hash", state.content_hash);
  upsert.bindNoCopy(":moved_to", state.moved_to);
  detail::bind_time(upsert, ":failing_since", state.failing_since);
  detail::bind_time(upsert, ":last_notified", state.last_notified);
  detail::bind_time(upsert, ":recovered_since", state.recovered_since);
  upsert.bindNoCopy(":recovered_warning", state.recovered_warning);
  upsert.bind(":ttl", static_cast<std::int64_t>(state.ttl.count()));
  upsert.bind(":syndication_interval",
              static_cast<std::int64_t>(state.syndication_interval.count()));
  upsert.bind(":rhythm_interval", static_cast<std::int64_t>(state.rhythm_interval.count()));
  upsert.bindNoCopy(":due_reason", state.due_reason);
  upsert.bindNoCopy(":format", state.format);
  upsert.bind(":bozo", state.bozo ? 1 : 0);
  upsert.bind(":no_data", state.no_data ? 1 : 0);
  upsert.bindNoCopy(":http_location", state.http_location);
  upsert.executeStep();
  const std::int64_t id = upsert.getColumn(0).getInt64();
  upsert.reset();
  return id;
}

void Store::Impl::mark_new_entry(std::int64_t feed_id, util::TimePoint now) {
  SQLite::Statement update(m_db, "UPDATE feeds SET last_new_entry = ? WHERE id = ?");
  update.bind(1, static_cast<std::int64_t>(util::to_unix(now)));
  update.bind(2, feed_id);
  update.exec();
}

// Writes only when something changed: an unchanged channel costs no page write on every poll.
void Store::Impl::store_channel(std::int64_t feed_id, const model::Channel& channel) {
  SQLite::Statement& update = cached(m_store_channel, R"sql(
UPDATE feeds SET title = :title, link = :link, subtitle = :subtitle, channel_id = :channel_id,
  author_name = :author_name, author_email = :author_email, author_href = :author_href,
  icon = :icon, logo = :logo, rights = :rights, updated = :updated, language = :language,
  generator = :generator, title_html = :title_html, subtitle_html = :subtitle_html,
  rights_html = :rights_html
WHERE id = :id AND (title, link, subtitle, channel_id, author_name, author_email, author_href,
  icon, logo, rights, updated, language, generator, title_html, subtitle_html, rights_html)
  IS NOT (:title, :link, :subtitle, :channel_id, :author_name, :author_email, :author_href,
  :icon, :logo, :rights, :updated, :language, :generator, :title_html, :subtitle_html,
  :rights_html))sql");
  update.bindNoCopy(":title", channel.title_plain);
  update.bindNoCopy(":link", channel.link);
  update.bindNoCopy(":subtitle", channel.subtitle_plain);
  update.bindNoCopy(":channel_id", channel.id);
  update.bindNoCopy(":author_name", channel.author.name);
  update.bindNoCopy(":author_email", channel.author.email);
  update.bindNoCopy(":author_href", channel.author.href);
  update.bindNoCopy(":icon", channel.icon);
  update.bindNoCopy(":logo", channel.logo);
  update.bindNoCopy(":rights", channel.rights_plain);
  detail::bind_time(update, ":updated", channel.updated);
  update.bindNoCopy(":language", channel.language);
  update.bindNoCopy(":generator", channel.generator);
  update.bindNoCopy(":title_html", channel.title_html);
  update.bindNoCopy(":subtitle_html", channel.subtitle_html);
  update.bindNoCopy(":rights_html", channel.rights_html);
  update.bind(":id", feed_id);
  update.exec();
}

model::FeedState Store::Impl::ensure_feed(const std::string& url) {
  detail::WriteScope scope(*this);
  SQLite::Statement insert(m_db, "INSERT INTO feeds (url) VALUES (?) ON CONFLICT (url) DO NOTHING");
  insert.bind(1, url);
  insert.exec();
  SQLite::Statement select(
      m_db, std::string("SELECT ") + detail::k_state_columns + " FROM feeds WHERE url = ?");
  select.bind(1, url);
  select.executeStep();
  model::FeedState state = detail::read_state(select, 0);
  select.reset();
  scope.commit();
  return state;
}

std::vector<model::FeedState> Store::Impl::feed_states() {
  SQLite::Statement select(
      m_db, std::string("SELECT ") + detail::k_state_columns + " FROM feeds ORDER BY id");
  std::vector<model::FeedState> states;
  while (select.executeStep()) {
    states.push_back(detail::read_state(select, 0));
  }
  return states;
}

}  // namespace orrery::store
