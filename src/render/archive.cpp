#include "render/archive.h"

#include <algorithm>
#include <chrono>
#include <set>
#include <unordered_map>

#include "health/health.h"
#include "model/limits.h"
#include "render/htmltmpl/context.h"
#include "render/publishable.h"
#include "util/atomic_file.h"
#include "util/md5.h"
#include "util/time_zone.h"

namespace orrery::render {

namespace {

// A month of the planet's calendar.
struct Month {
  int year = 0;
  unsigned month = 0;
  bool operator==(const Month&) const = default;
};

Month month_of(util::TimePoint at, const util::TimeZone& zone) {
  auto day = std::chrono::floor<std::chrono::days>(at + std::chrono::seconds{zone.offset_at(at)});
  std::chrono::year_month_day ymd{day};
  return Month{static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month())};
}

std::string two_digits(unsigned n) { return (n < 10 ? "0" : "") + std::to_string(n); }

std::string month_path(Month m, std::size_t part) {
  std::string path = "archive/" + std::to_string(m.year) + "/" + two_digits(m.month);
  if (part > 1) {
    path += "-" + std::to_string(part);
  }
  return path + ".html";
}

std::string month_title(Month m, std::size_t part) {
  static constexpr const char* k_months[] = {"January",   "February", "March",    "April",
                                             "May",       "June",     "July",     "August",
                                             "September", "October",  "November", "December"};
  std::string title = std::string(k_months[(m.month + 11) % 12]) + " " + std::to_string(m.year);
  if (part > 1) {
    title += ", part " + std::to_string(part);
  }
  return title;
}

// feeds/SLUG.html for each subscription with stamps, in config order: the css-id of its name
// ("feed" when that is empty, at most 80 bytes), made unique with -2, -3 …
std::map<std::string, std::string, std::less<>> feed_page_paths(const RenderInput& input,
                                                                ChannelDirectory& channels) {
  std::set<std::string, std::less<>> with_entries;
  for (const model::EntryStamp& e : input.archive) {
    with_entries.insert(e.feed_url);
  }
  std::map<std::string, std::string, std::less<>> paths;
  std::set<std::string> taken;
  for (const ChannelView* view : channels.subscriptions()) {
    if (with_entries.count(view->url) == 0 || paths.count(view->url) != 0) {
      continue;
    }
    std::string slug = css_id(view->name);
    if (slug.size() > 80) {
      std::size_t cut = 80;
      while (cut > 0 && (static_cast<unsigned char>(slug[cut]) & 0xC0) == 0x80) {
        --cut;  // not inside a UTF-8 sequence
      }
      slug.resize(cut);
    }
    if (slug.empty()) {
      slug = "feed";
    }
    std::string unique = slug;
    for (int n = 2; taken.count(unique) != 0; ++n) {
      unique = slug + "-" + std::to_string(n);
    }
    taken.insert(unique);
    paths.emplace(view->url, "feeds/" + unique + ".html");
  }
  return paths;
}

// Material for a fingerprint: fields joined with a separator no field of ours holds unescaped.
class Material {
 public:
  Material& add(std::string_view field) {
    for (char c : field) {
      if (c == '\x1f' || c == '\\') {
        m_text += '\\';
      }
      m_text += c;
    }
    m_text += '\x1f';
    return *this;
  }
  Material& add(std::int64_t n) { return add(std::to_string(n)); }
  Material& add(util::TimePoint t) { return add(util::to_unix(t)); }
  std::string hex() const { return util::md5_hex(m_text); }

 private:
  std::string m_text;
};

// What an entry row shows of its feed when the entry carries no source of its own (the name,
// config keys, stored channel metadata but its date) and where its feed page is.
std::string identity_of(const ChannelView& view, const ArchivePlan& plan) {
  Material m;
  m.add(view.url).add(view.name);
  if (view.settings != nullptr) {
    for (const auto& [key, value] : view.settings->raw) {
      m.add(key).add(value);
    }
  }
  if (view.status != nullptr) {
    const model::Channel& ch = view.status->channel;
    m.add(ch.title_plain).add(ch.link).add(ch.subtitle_plain).add(ch.id).add(ch.author.name);
    m.add(ch.author.email).add(ch.author.href).add(ch.icon).add(ch.logo).add(ch.rights_plain);
    m.add(ch.language);
  }
  auto page = plan.feed_pages.find(view.url);
  m.add(page != plan.feed_pages.end() ? page->second : std::string());
  return m.hex();
}

// The health words a feed page shows for its subscription.
std::string health_text_of(const RenderInput& input, const ChannelView& view) {
  if (view.settings == nullptr) {
    return {};
  }
  health::FeedHealth h = health::assess_feed(*view.settings, view.status, input.now);
  return h.words.empty() ? std::string() : health::sentence(h);
}

void add_entries(Material& m, const ArchivePage& page,
                 const std::unordered_map<std::int64_t, const model::EntryStamp*>& by_id,
                 std::map<std::string, std::string, std::less<>>& identities) {
  std::set<std::string_view> feeds;
  for (std::int64_t id : page.entry_ids) {
    const model::EntryStamp& e = *by_id.at(id);
    m.add(e.entry_id).add(e.feed_id).add(e.updated).add(e.first_seen).add(e.digest);
    feeds.insert(e.feed_url);
  }
  for (std::string_view url : feeds) {
    auto it = identities.find(url);
    m.add(it != identities.end() ? it->second : std::string(url));
  }
}

// Month pages, newest first: each month's entries cut into parts of k_max_month_page_entries
// counted from the month's oldest entry, so that new entries change only the month's last part.
void plan_months(const RenderInput& input, ArchivePlan& plan) {
  const util::TimeZone& zone = input.config->planet.time_zone;
  std::vector<std::pair<Month, std::vector<const model::EntryStamp*>>> months;
  for (const model::EntryStamp& e : input.archive) {
    Month m = month_of(e.updated, zone);
    if (months.empty() || !(months.back().first == m)) {
      months.emplace_back(m, std::vector<const model::EntryStamp*>{});
    }
    months.back().second.push_back(&e);
  }
  const std::size_t per_page = model::limits::k_max_month_page_entries;
  for (auto& [month, entries] : months) {
    std::size_t parts = (entries.size() + per_page - 1) / per_page;
    for (std::size_t part = parts; part >= 1; --part) {
      // Part 1 holds the oldest per_page entries; entries are newest first.
      std::size_t from_oldest = (part - 1) * per_page;
      std::size_t last = entries.size() - from_oldest;  // one past, newest-first index
      std::size_t first = last > per_page ? last - per_page : 0;
      if (part == parts) {
        first = 0;
      }
      ArchivePage page;
      page.kind = ArchivePage::Kind::month;
      page.path = month_path(month, part);
      page.title = month_title(month, part);
      for (std::size_t i = first; i < last; ++i) {
        page.entry_ids.push_back(entries[i]->entry_id);
      }
      page.newest = entries[first]->updated;
      page.oldest = entries[last - 1]->updated;
      plan.pages.push_back(std::move(page));
    }
  }
  for (std::size_t i = 0; i < plan.pages.size(); ++i) {
    if (i > 0) {
      plan.pages[i].newer = plan.pages[i - 1].path;
    }
    if (i + 1 < plan.pages.size()) {
      plan.pages[i].older = plan.pages[i + 1].path;
    }
  }
}

}  // namespace

ArchivePlan plan_archive(const RenderInput& input, std::size_t index_entries,
                         std::string_view theme_fingerprint) {
  ArchivePlan plan;
  ChannelDirectory channels(input);
  plan.feed_pages = feed_page_paths(input, channels);
  plan_months(input, plan);
  std::size_t month_pages = plan.pages.size();
  if (index_entries < input.archive.size()) {
    const std::int64_t first_left_out = input.archive[index_entries].entry_id;
    for (std::size_t i = 0; i < month_pages && plan.older.empty(); ++i) {
      const std::vector<std::int64_t>& ids = plan.pages[i].entry_ids;
      if (std::find(ids.begin(), ids.end(), first_left_out) != ids.end()) {
        plan.older = plan.pages[i].path;
      }
    }
  }
  // Each feed's newest entries, newest first as in the archive: one pass, not one per feed.
  std::unordered_map<std::string_view, std::vector<const model::EntryStamp*>> by_feed;
  std::unordered_map<std::int64_t, const model::EntryStamp*> by_id;
  for (const model::EntryStamp& e : input.archive) {
    by_id.emplace(e.entry_id, &e);
    auto& list = by_feed[e.feed_url];
    if (list.size() < model::limits::k_max_feed_page_entries) {
      list.push_back(&e);
    }
  }
  std::map<std::string, std::string, std::less<>> identities;
  std::map<std::string, std::string, std::less<>> health_texts;
  for (const ChannelView* view : channels.subscriptions()) {
    identities.emplace(view->url, identity_of(*view, plan));
    auto path = plan.feed_pages.find(view->url);
    if (path == plan.feed_pages.end() || health_texts.count(view->url) != 0) {
      continue;
    }
    ArchivePage page;
    page.kind = ArchivePage::Kind::feed;
    page.path = path->second;
    page.title = view->name;
    page.feed_url = view->url;
    for (const model::EntryStamp* e : by_feed[view->url]) {
      page.entry_ids.push_back(e->entry_id);
    }
    if (!page.entry_ids.empty()) {
      page.newest = by_id.at(page.entry_ids.front())->updated;
      page.oldest = by_id.at(page.entry_ids.back())->updated;
    }
    page.health_text = health_text_of(input, *view);
    health_texts.emplace(view->url, page.health_text);
    plan.pages.push_back(std::move(page));
  }
  ArchivePage index;
  index.kind = ArchivePage::Kind::archives;
  index.path = "archives.html";
  index.title = "Archives";
  Material listing;
  listing.add(theme_fingerprint).add(index.path);
  for (ArchivePage& page : plan.pages) {
    Material m;
    m.add(theme_fingerprint).add(page.path).add(page.title).add(page.newer).add(page.older);
    add_entries(m, page, by_id, identities);
    if (page.kind == ArchivePage::Kind::feed) {
      m.add(health_texts[page.feed_url]);
    }
    page.fingerprint = m.hex();
    listing.add(page.path).add(page.title);
    if (page.kind == ArchivePage::Kind::feed) {
      listing.add(identities[page.feed_url]);
    }
  }
  index.fingerprint = listing.hex();
  plan.pages.push_back(std::move(index));
  return plan;
}

struct ArchiveRenderer::State {
  // Month and feed pages are rendered from `timeless`: the subscriptions without fetch status,
  // health or channel date, so that what they show is what their fingerprints cover.
  RenderInput timeless;
  RenderInput live;  // archives.html: the subscriptions as they are
  std::optional<htmltmpl::Template> tmpl;
  Presentation presentation;
  ArchivePlan plan;
  std::optional<ChannelDirectory> channels;
  std::map<std::size_t, htmltmpl::Context> by_depth;  // contexts shared by pages of one depth
  std::unordered_map<std::int64_t, const model::EntryStamp*> stamps;  // in `timeless`, by id
};

namespace {

model::ChannelStatus without_status(const model::ChannelStatus& given) {
  model::ChannelStatus out;
  out.state.id = given.state.id;
  out.state.url = given.state.url;
  out.channel = given.channel;
  out.channel.updated.reset();
  return out;
}

std::size_t depth_of(std::string_view path) {
  return static_cast<std::size_t>(std::count(path.begin(), path.end(), '/'));
}

}  // namespace

ArchiveRenderer::ArchiveRenderer(std::unique_ptr<State> state) : m_state(std::move(state)) {}
ArchiveRenderer::~ArchiveRenderer() = default;

const ArchivePlan& ArchiveRenderer::plan() const { return m_state->plan; }

util::Result<std::unique_ptr<ArchiveRenderer>> ArchiveRenderer::make(const RenderInput& input) {
  if (input.config == nullptr || input.archive.empty()) {
    return std::unique_ptr<ArchiveRenderer>();
  }
  auto theme = archive_theme(input);
  if (!theme) {
    return util::unexpected(theme.error().message);
  }
  if (!*theme) {
    return std::unique_ptr<ArchiveRenderer>();
  }
  auto state = std::make_unique<State>();
  state->live = input;
  state->live.entries.clear();
  make_publishable(state->live);
  state->timeless = state->live;
  for (model::ChannelStatus& channel : state->timeless.channels) {
    channel = without_status(channel);
  }
  auto tmpl =
      htmltmpl::Template::load((*theme)->template_file, input.config->planet.template_directories);
  if (!tmpl) {
    return util::unexpected(tmpl.error().message);
  }
  state->tmpl.emplace(std::move(*tmpl));
  state->presentation = (*theme)->presentation;
  // The theme: the template's text and every config value (a change re-renders every page).
  auto text = util::read_file((*theme)->template_file, model::limits::k_max_template_bytes);
  Material theme_material;
  theme_material.add(text ? *text : std::string()).add(input.generator);
  theme_material.add(input.config->planet.time_zone.name());
  for (const auto& [key, value] : input.config->planet.raw) {
    theme_material.add(key).add(value);
  }
  for (const config::TemplateSettings& t : input.config->templates) {
    for (const auto& [key, value] : t.raw) {
      theme_material.add(t.name).add(key).add(value);
    }
  }
  state->plan = plan_archive(input, (*theme)->index_entries, theme_material.hex());
  state->channels.emplace(state->timeless);
  for (const model::EntryStamp& stamp : state->timeless.archive) {
    state->stamps.emplace(stamp.entry_id, &stamp);
  }
  return std::unique_ptr<ArchiveRenderer>(new ArchiveRenderer(std::move(state)));
}

RenderedFile ArchiveRenderer::render(const ArchivePage& page,
                                     std::vector<model::StoredEntry> entries) {
  State& s = *m_state;
  PageView view;
  view.path = page.path;
  view.page_title = page.title;
  view.presentation = s.presentation;
  view.presented = true;
  view.feed_pages = s.plan.feed_pages;
  if (page.kind == ArchivePage::Kind::archives) {
    view.page_kind = "archives";
    int number = 0;
    for (const ArchivePage& listed : s.plan.pages) {
      if (listed.kind == ArchivePage::Kind::month) {
        // Path and title only: counts and dates would change archives.html with every entry.
        view.pages.push_back(PageLink{++number, listed.path, 0, {}, {}, listed.title});
      }
    }
    // One page with no entries: the subscriptions as they are (their names, feed pages).
    htmltmpl::Context c = build_context(s.live, page.path, view);
    for (std::string_view name : {"health_summary", "health_failing"}) {
      c.erase(name);
    }
    return RenderedFile{page.path, s.tmpl->render(c)};
  }
  view.page_kind = page.kind == ArchivePage::Kind::month ? "month" : "feed";
  // A feed page lists its posts; their content (content_lead, content_more) is on month pages.
  view.presented = page.kind == ArchivePage::Kind::month;
  view.newer_path = page.newer;
  view.older_path = page.older;
  view.health_text = page.health_text;
  for (model::StoredEntry& stored : entries) {
    // A headline (a feed page's) comes without dates: they are its stamp's.
    if (!stored.entry.updated) {
      if (auto it = s.stamps.find(stored.entry_id); it != s.stamps.end()) {
        stored.entry.updated = it->second->updated;
        stored.first_seen = it->second->first_seen;
      }
    }
  }
  make_publishable(entries);
  s.timeless.entries = std::move(entries);
  std::size_t depth = depth_of(page.path);
  auto shared = s.by_depth.find(depth);
  if (shared == s.by_depth.end()) {
    htmltmpl::Context c = build_context(s.timeless, page.path, view);
    for (std::string_view name : {"health_summary", "health_failing"}) {
      c.erase(name);
    }
    shared = s.by_depth.emplace(depth, std::move(c)).first;
  } else {
    replace_page(shared->second, s.timeless, *s.channels, view);
  }
  RenderedFile out{page.path, s.tmpl->render(shared->second)};
  s.timeless.entries.clear();
  return out;
}

}  // namespace orrery::render
