#pragma once
// archive: the pages a theme with `archives = yes` writes besides index.html (docs/theme.md):
// archive/YYYY/MM.html per month (in the planet's time_zone; a busy month continues on
// MM-2.html, MM-3.html … past k_max_month_page_entries), feeds/SLUG.html per subscription and
// archives.html listing both. Planned from entry stamps (no content), each page with a
// fingerprint of everything it shows, so that app/ renders only the pages whose fingerprint
// changed, one at a time: load that page's entries, render(), write, drop. Pure.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "render/present.h"
#include "render/render.h"

namespace orrery::render {

struct ArchivePage {
  enum class Kind { month, feed, archives };
  Kind kind = Kind::month;
  std::string path;      // from the output directory: "archive/2023/07.html", "feeds/ann.html"
  std::string title;     // "July 2023", "July 2023, part 2", the feed's name, "Archives"
  std::string feed_url;  // a feed page's subscription
  std::vector<std::int64_t> entry_ids;  // newest first (Store::entries_by_id)
  util::TimePoint newest{};
  util::TimePoint oldest{};
  std::string newer;  // a month page's newer and older neighbours ("" at either end)
  std::string older;
  std::string health_text;  // a feed page's: its subscription's health in words, "" when well
  std::string fingerprint;  // 32 hex digits; equal fingerprints render equal pages
};

struct ArchivePlan {
  // Month pages newest first, then feed pages in config order, then archives.html.
  std::vector<ArchivePage> pages;
  // Subscription URL → its feed page ("feeds/ann.html").
  std::map<std::string, std::string, std::less<>> feed_pages;
  // The month page holding the first entry index.html leaves out; "" when it shows them all.
  std::string older;
};

// The archive's theme: the template whose output is index.html with `archives = yes`, its
// presentation options and how many of input.entries index.html shows. nullopt when no template
// asks for archives; an error for a bad option (naming the template).
struct ArchiveTheme {
  std::filesystem::path template_file;
  Presentation presentation;
  std::size_t index_entries = 0;
};
util::Result<std::optional<ArchiveTheme>> archive_theme(const RenderInput& input);

// The pages of input.archive (stamps, newest first). `index_entries`: how many of them
// index.html shows (the first ones). `theme_fingerprint` enters every page's fingerprint (the
// template's text and the config: a change re-renders every page). What a page's fingerprint
// covers: its path, title and neighbours; each entry's id, dates and digest; the identity of
// each feed with an entry on it (config section, name, stored channel metadata but its date,
// feed page); a feed page's health words; for archives.html, every page it lists. Fetch status,
// health words and the time of the run are left out of month pages (render() never shows them
// there), so a feed that starts failing changes only its feed page.
ArchivePlan plan_archive(const RenderInput& input, std::size_t index_entries,
                         std::string_view theme_fingerprint);

// Renders archive pages of one planned archive, one at a time. Holds the template, the plan and
// the contexts shared between pages of one folder depth; `input` must outlive it.
class ArchiveRenderer {
 public:
  // nullptr when no template asks for archives or input.archive is empty; an error when the
  // template does not load or an option is bad (one line naming the template).
  static util::Result<std::unique_ptr<ArchiveRenderer>> make(const RenderInput& input);
  ~ArchiveRenderer();

  const ArchivePlan& plan() const;

  // The file of `page` (one of plan().pages) from its entries (loaded by page.entry_ids; they
  // go through make_publishable() here). An entry without a date (a headline, enough for a feed
  // page) takes its stamp's dates.
  RenderedFile render(const ArchivePage& page, std::vector<model::StoredEntry> entries);

  struct State;

 private:
  explicit ArchiveRenderer(std::unique_ptr<State> state);
  std::unique_ptr<State> m_state;
};

}  // namespace orrery::render
