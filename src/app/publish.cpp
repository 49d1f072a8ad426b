#include "app/publish.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <map>
#include <memory>
#include <set>

#include "app/filter_stage.h"
#include "app/version.h"
#include "document/document.h"
#include "model/limits.h"
#include "render/archive.h"
#include "render/render.h"
#include "util/atomic_file.h"
#include "util/url.h"

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
void write_if_changed(const std::filesystem::path& target, const std::string& content,
                      util::Sync sync = util::Sync::now) {
  std::error_code ec;
  if (std::filesystem::file_size(target, ec) == content.size() && !ec) {
    auto current = util::read_file(target, content.size() + 1);
    if (current && *current == content) {
      return;
    }
  }
  std::filesystem::create_directories(target.parent_path());
  util::write_file_atomically(target, content, sync);
}

// Archive pages of an earlier run that are no longer pages of this planet (the month page of
// entries expunged since, the page of a feed no longer subscribed; page/N.html of orrery
// before month pages): removed so no stale page stays reachable.
void remove_stale_pages(const std::filesystem::path& output_dir,
                        const std::set<std::string>& current) {
  for (const char* folder : {"page", "feeds", "archive"}) {
    std::error_code ec;
    std::filesystem::recursive_directory_iterator it(output_dir / folder, ec);
    for (; !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
      std::string name = it->path().lexically_relative(output_dir).generic_string();
      if (it->is_regular_file() && it->path().extension() == ".html" && current.count(name) == 0) {
        std::error_code removed;
        std::filesystem::remove(it->path(), removed);
        spdlog::info("publish: removed {}, no longer a page of this planet", name);
      }
    }
  }
}

// The fingerprints of the archive pages as last written (render/archive.h), one
// "FINGERPRINT<TAB>PATH" line each, in a file next to the database: a page whose fingerprint is
// unchanged and whose file exists is not rendered again.
using Fingerprints = std::map<std::string, std::string>;  // path → fingerprint

std::filesystem::path fingerprints_file(const config::Config& config) {
  return config.planet.cache_directory / "archive-pages.tsv";
}

Fingerprints read_fingerprints(const std::filesystem::path& file) {
  Fingerprints out;
  auto text = util::read_file(file, model::limits::k_max_archive_entries * 512);
  if (!text) {
    return out;  // none yet (or unreadable): every page is rendered
  }
  std::size_t at = 0;
  while (at < text->size()) {
    std::size_t end = text->find('\n', at);
    if (end == std::string::npos) {
      end = text->size();
    }
    std::string line = text->substr(at, end - at);
    if (std::size_t tab = line.find('\t'); tab != std::string::npos) {
      out[line.substr(tab + 1)] = line.substr(0, tab);
    }
    at = end + 1;
  }
  return out;
}

void write_fingerprints(const std::filesystem::path& file, const Fingerprints& prints) {
  std::string text;
  for (const auto& [path, print] : prints) {
    text += print + "\t" + path + "\n";
  }
  std::error_code ec;
  std::filesystem::create_directories(file.parent_path(), ec);
  util::write_file_atomically(file, text);
}

// What publish returns when `cancelled` stopped it, `written` files in.
std::string stopped_message(std::size_t written) {
  return "publish: stopped by a stop signal after " + std::to_string(written) + " files";
}

// The archive, page by page (render/archive.h): each page whose fingerprint changed, or whose
// file is missing, is loaded from the store, rendered, written and dropped before the next, so
// a run holds one page in memory, not the archive. `cancelled` is asked before each page; a
// stop leaves the fingerprints of the last complete run (its pages are checked again next time).
util::Result<void> publish_archive(const config::Config& config, store::Store& store,
                                   render::ArchiveRenderer* renderer,
                                   OutputFilterStage& output_filters,
                                   std::vector<std::filesystem::path>& written,
                                   const std::function<bool()>& cancelled) {
  std::set<std::string> current;
  if (renderer != nullptr) {
    const std::filesystem::path file = fingerprints_file(config);
    Fingerprints before = read_fingerprints(file);
    Fingerprints after;
    std::size_t rendered = 0;
    for (const render::ArchivePage& page : renderer->plan().pages) {
      if (cancelled && cancelled()) {  // a stop signal: no new page begins
        return util::unexpected(stopped_message(written.size()));
      }
      current.insert(page.path);
      std::filesystem::path target = config.planet.output_dir / page.path;
      auto known = before.find(page.path);
      std::error_code ec;
      if (known == before.end() || known->second != page.fingerprint ||
          !std::filesystem::exists(target, ec)) {
        // A feed page lists its posts (render/archive.h): their headlines are enough.
        const auto detail = page.kind == render::ArchivePage::Kind::feed
                                ? store::Store::EntryDetail::headline
                                : store::Store::EntryDetail::full;
        render::RenderedFile out =
            renderer->render(page, store.entries_by_id(page.entry_ids, detail));
        ++rendered;
        if (!output_filters.run(out.name, out.content, config.planet.output_dir, written)) {
          continue;
        }
        // Renamed into place at once (never half a page), made durable by the one sync below.
        write_if_changed(target, out.content, util::Sync::later);
      }
      after[page.path] = page.fingerprint;
      written.push_back(target);
    }
    // Every page durable before the fingerprints that vouch for them: after a crash no
    // fingerprint names a page that did not reach the disk. A stop above returns before both.
    if (rendered != 0) {
      util::sync_filesystem(config.planet.output_dir);
    }
    write_fingerprints(file, after);
    spdlog::debug("publish: {} of {} archive pages rendered", rendered,
                  renderer->plan().pages.size());
  }
  remove_stale_pages(config.planet.output_dir, current);
  return {};
}

}  // namespace

util::Result<std::vector<std::filesystem::path>> publish(const config::Config& config,
                                                         store::Store& store, util::TimePoint now,
                                                         const std::filesystem::path& debug_splice,
                                                         const std::function<bool()>& cancelled) {
  render::RenderInput input;
  input.config = &config;
  // days_per_page as Planet 2.0 meant it: the last N days that have entries.
  input.entries = render::select_page(store.latest(page_query(config)), page_items(config),
                                      page_days(config), config.planet.time_zone);
  const bool archives = render::wants_archive(config);
  if (archives) {
    store::LatestQuery everything = page_query(config);
    everything.limit = model::limits::k_max_archive_entries;
    input.archive = store.stamps(everything);
    // A subscription read from a local file publishes the address its feed declares.
    std::vector<std::string> local;
    for (const config::FeedSettings& feed : config.feeds) {
      const std::string scheme = util::url_scheme(feed.url);
      if (scheme != "http" && scheme != "https" && scheme != "ftp") {
        local.push_back(feed.url);
      }
    }
    input.declared_self = store.declared_self_links(local);
  }
  input.channels = subscribed_channels(config, store);
  for (const std::string& line : document::mark_duplicate_subscriptions(config, input.channels)) {
    spdlog::info("publish: {}", line);
  }
  input.now = now;
  input.generator = config.planet.generator.empty() ? std::string("orrery ") + k_version
                                                    : config.planet.generator;
  // The archive's plan first: index.html links its pages.
  std::unique_ptr<render::ArchiveRenderer> archive;
  if (archives) {
    auto made = render::ArchiveRenderer::make(input);
    if (!made) {
      return util::unexpected(made.error().message);
    }
    archive = std::move(*made);
    input.archive_plan = archive ? &archive->plan() : nullptr;
  }
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
    if (cancelled && cancelled()) {  // a stop signal: no new file begins
      return util::unexpected(stopped_message(written.size()));
    }
    if (!output_filters.run(file.name, file.content, config.planet.output_dir, written)) {
      continue;
    }
    std::filesystem::path target = config.planet.output_dir / file.name;
    write_if_changed(target, file.content);
    written.push_back(target);  // published, written or already there as it is
  }
  if (archives) {
    files->clear();  // the archive's pages come one at a time, without these in memory
    if (auto done =
            publish_archive(config, store, archive.get(), output_filters, written, cancelled);
        !done) {
      return util::unexpected(done.error().message);
    }
  }
  copy_bill_of_materials(config, written);
  return written;
}

}  // namespace orrery::app
