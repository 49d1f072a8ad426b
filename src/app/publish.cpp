#include "app/publish.h"

#include <spdlog/spdlog.h>

#include <set>

#include "app/version.h"
#include "model/limits.h"
#include "render/render.h"
#include "util/atomic_file.h"

namespace orrery::app {

namespace {

store::LatestQuery page_query(const config::Config& config) {
  store::LatestQuery query;
  query.limit = static_cast<std::size_t>(config.planet.items_per_page);
  query.per_feed_cap = static_cast<std::size_t>(config.planet.new_feed_items);
  // merge_duplicates (docs/store.md): "false" shows every feed's copy of a post, as Venus does.
  // Read raw until config/ types it.
  if (auto it = config.planet.raw.find("merge_duplicates");
      it != config.planet.raw.end() && it->second == "false") {
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

void copy_bill_of_materials(const config::Config& config,
                            std::vector<std::filesystem::path>& written) {
  const config::PlanetSettings& planet = config.planet;
  for (std::size_t i = 0; i < planet.bill_of_materials.size(); ++i) {
    const std::filesystem::path& source = planet.bill_of_materials[i];
    auto content = util::read_file(source, model::limits::k_max_template_bytes);
    if (!content) {
      spdlog::warn("theme: {}", content.error().message);
      continue;
    }
    std::filesystem::path relative = i < planet.bill_of_materials_targets.size()
                                         ? planet.bill_of_materials_targets[i]
                                         : source.filename();
    std::filesystem::path target = planet.output_dir / relative;
    std::filesystem::create_directories(target.parent_path());
    util::write_file_atomically(target, *content);
    written.push_back(target);
  }
}

}  // namespace

util::Result<std::vector<std::filesystem::path>> publish(const config::Config& config,
                                                         store::Store& store, util::TimePoint now) {
  render::RenderInput input;
  input.config = &config;
  // days_per_page as Planet 2.0 meant it: the last N days that have entries.
  input.entries = render::select_page(store.latest(page_query(config)),
                                      config.planet.items_per_page, config.planet.days_per_page);
  input.channels = subscribed_channels(config, store);
  input.now = now;
  input.generator = config.planet.generator.empty() ? std::string("orrery ") + k_version
                                                    : config.planet.generator;
  auto files = render::render_site(input);
  if (!files) {
    return util::unexpected(files.error().message);
  }
  std::filesystem::create_directories(config.planet.output_dir);
  std::vector<std::filesystem::path> written;
  for (const render::RenderedFile& file : *files) {
    std::filesystem::path target = config.planet.output_dir / file.name;
    util::write_file_atomically(target, file.content);
    written.push_back(target);
  }
  copy_bill_of_materials(config, written);
  return written;
}

}  // namespace orrery::app
