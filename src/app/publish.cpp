#include "app/publish.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <set>

#include "app/filter_stage.h"
#include "app/version.h"
#include "document/document.h"
#include "model/limits.h"
#include "render/render.h"
#include "util/atomic_file.h"

namespace orrery::app {

namespace {

// Venus's splice: one page for every template, as long as the largest items_per_page of
// [Planet] and the templates' sections; each template then narrows it to its own.
int page_items(const config::Config& config) {
  int items = config.planet.items_per_page;
  for (const config::TemplateSettings& t : config.templates) {
    items = std::max(items, t.items_per_page);
  }
  return items;
}

// The widest days_per_page of [Planet] and the templates (0, no limit, is the widest).
int page_days(const config::Config& config) {
  int days = config.planet.days_per_page;
  for (const config::TemplateSettings& t : config.templates) {
    days = days == 0 || t.days_per_page == 0 ? 0 : std::max(days, t.days_per_page);
  }
  return days;
}

store::LatestQuery page_query(const config::Config& config) {
  store::LatestQuery query;
  query.limit = static_cast<std::size_t>(page_items(config));
  query.per_feed_cap = static_cast<std::size_t>(config.planet.new_feed_items);
  // merge_duplicates (docs/store.md): no shows every feed's copy of a post, as Venus does.
  if (!config.planet.merge_duplicates) {
    query.copies = store::CrossFeedCopies::every_copy;
  }
  for (const config::FeedSettings& feed : config.feeds) {
    query.feed_urls.push_back(feed.url);
  }
  return query;
}

// Channels of the subscriptions in the config only: a feed removed from the config keeps its
// history in the store but leaves the page.
std::vector<model::ChannelStatus> subscribed_channels(const config::Config& config,
                                                      store::Store& store) {
  std::set<std::string> urls;
  for (const config::FeedSettings& feed : config.feeds) {
    urls.insert(feed.url);
  }
  std::vector<model::ChannelStatus> channels;
  for (model::ChannelStatus& channel : store.channels()) {
    if (urls.count(channel.state.url) != 0) {
      channels.push_back(std::move(channel));
    }
  }
  return channels;
}

// True when `target` exists and is not older than `source` (Venus copies a file of the bill of
// materials only when it is missing or older, so an unchanged theme rewrites nothing).
bool up_to_date(const std::filesystem::path& source, const std::filesystem::path& target) {
  std::error_code ec;
  auto target_time = std::filesystem::last_write_time(target, ec);
  if (ec) {
    return false;
  }
  auto source_time = std::filesystem::last_write_time(source, ec);
  return !ec && target_time >= source_time;
}

void copy_bill_of_materials(const config::Config& config,
                            std::vector<std::filesystem::path>& written) {
  const config::PlanetSettings& planet = config.planet;
  for (std::size_t i = 0; i < planet.bill_of_materials.size(); ++i) {
    const std::filesystem::path& source = planet.bill_of_materials[i];
    std::filesystem::path relative = i < planet.bill_of_materials_targets.size()
                                         ? planet.bill_of_materials_targets[i]
                                         : source.filename();
    std::filesystem::path target = planet.output_dir / relative;
    if (up_to_date(source, target)) {
      continue;
    }
    auto content = util::read_file(source, model::limits::k_max_template_bytes);
    if (!content) {
      spdlog::warn("theme: {}", content.error().message);
      continue;
    }
    std::filesystem::create_directories(target.parent_path());
    util::write_file_atomically(target, *content);
    std::error_code ec;  // the copy keeps the theme file's time, as Venus's does
    auto source_time = std::filesystem::last_write_time(source, ec);
    if (!ec) {
      std::filesystem::last_write_time(target, source_time, ec);
    }
    written.push_back(target);
  }
}

// Writes `content` to `target` unless the file already holds exactly it: an unchanged page keeps
// its time (web servers' Last-Modified, rsync) and costs no write.
void write_if_changed(const std::filesystem::path& target, const std::string& content) {
  std::error_code ec;
  if (std::filesystem::file_size(target, ec) == content.size() && !ec) {
    auto current = util::read_file(target, content.size() + 1);
    if (current && *current == content) {
      return;
    }
  }
  std::filesystem::create_directories(target.parent_path());
  util::write_file_atomically(target, content);
}

// Pages of an earlier run that this run did not write (page/7.html once the archive holds six
// pages, the page of a feed no longer subscribed): removed so no stale page stays reachable.
void remove_stale_pages(const std::filesystem::path& output_dir,
                        const std::vector<render::RenderedFile>& files) {
  std::set<std::string> current;
  for (const render::RenderedFile& file : files) {
    current.insert(file.name);
  }
  for (const char* folder : {"page", "feeds"}) {
    std::error_code ec;
    std::filesystem::directory_iterator it(output_dir / folder, ec);
    for (; !ec && it != std::filesystem::directory_iterator(); it.increment(ec)) {
      std::string name = std::string(folder) + "/" + it->path().filename().string();
      if (it->path().extension() == ".html" && current.count(name) == 0) {
        std::error_code removed;
        std::filesystem::remove(it->path(), removed);
        spdlog::info("publish: removed {}, no longer a page of this planet", name);
      }
    }
  }
}

}  // namespace

util::Result<std::vector<std::filesystem::path>> publish(
    const config::Config& config, store::Store& store, util::TimePoint now,
    const std::filesystem::path& debug_splice) {
  render::RenderInput input;
  input.config = &config;
  // days_per_page as Planet 2.0 meant it: the last N days that have entries.
  input.entries = render::select_page(store.latest(page_query(config)), page_items(config),
                                      page_days(config), config.planet.time_zone);
  if (render::wants_archive(config)) {
    store::LatestQuery everything = page_query(config);
    everything.limit = model::limits::k_max_archive_entries;
    input.archive = store.latest(everything);
  }
  input.channels = subscribed_channels(config, store);
  for (const std::string& line : document::mark_duplicate_subscriptions(config, input.channels)) {
    spdlog::info("publish: {}", line);
  }
  input.now = now;
  input.generator = config.planet.generator.empty() ? std::string("orrery ") + k_version
                                                    : config.planet.generator;
  if (!debug_splice.empty()) {
    document::SpliceInput splice;
    splice.config = &config;
    splice.entries = input.entries;
    splice.channels = input.channels;
    splice.now = now;
    splice.generator = input.generator;
    util::write_file_atomically(debug_splice, document::splice(splice));
    spdlog::info("publish: wrote the spliced document to {}", debug_splice.string());
  }
  auto files = render::render_site(input);
  if (!files) {
    return util::unexpected(files.error().message);
  }
  for (const render::RenderedFile& file : *files) {
    for (const std::string& note : file.notes) {
      spdlog::info("render: {}", note);
    }
  }
  std::filesystem::create_directories(config.planet.output_dir);
  // Temporary files of a run killed while it wrote (kill -9, power loss): this run holds the
  // run lock, so no other writer's file can be among them.
  for (const std::filesystem::path& stale :
       util::remove_stale_temporaries(config.planet.output_dir)) {
    spdlog::info("publish: removed {}, left by an interrupted run", stale.string());
  }
  std::vector<std::filesystem::path> written;
  OutputFilterStage output_filters(config);  // [template] filters, over the written text
  for (render::RenderedFile& file : *files) {
    if (!output_filters.run(file.name, file.content, config.planet.output_dir, written)) {
      continue;
    }
    std::filesystem::path target = config.planet.output_dir / file.name;
    write_if_changed(target, file.content);
    written.push_back(target);  // published, written or already there as it is
  }
  if (render::wants_archive(config)) {
    remove_stale_pages(config.planet.output_dir, *files);
  }
  copy_bill_of_materials(config, written);
  return written;
}

}  // namespace orrery::app
