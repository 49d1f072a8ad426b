#pragma once
// render: stored entries → the planet's files. Builds the template context (Venus's variable
// names), runs every htmltmpl template of the theme, and writes the feeds done in code
// (atom.xml, rss20.xml, rss10.xml, opml.xml, foafroll.xml, feed.json, and the health page
// feeds.html with health.json). Pure: returns file
// contents and notes; app/ writes the files atomically and logs the notes.

#include <string>
#include <vector>

#include "config/config.h"
#include "model/stored.h"
#include "util/result.h"
#include "util/time.h"

namespace orrery::render {

struct ArchivePlan;  // render/archive.h

struct RenderInput {
  const config::Config* config = nullptr;
  std::vector<model::StoredEntry> entries;  // newest first, already cut to the page
  // The stamps (no content) of every stored entry of the subscriptions, newest first (at most
  // limits::k_max_archive_entries; the first ones are `entries`), for a theme that asks for
  // archive pages (`archives = yes`; render/archive.h). Empty: no archive.
  std::vector<model::EntryStamp> archive;
  // The rel="self" links feeds declare in their stored entries, (subscription URL, href), the
  // newest first (Store::declared_self_links): the public address of a subscription read from a
  // local file with no entry among `entries`.
  std::vector<std::pair<std::string, std::string>> declared_self;
  // The archive's plan when the caller made one (ArchiveRenderer::plan()); nullptr: index.html
  // plans it again for its links.
  const ArchivePlan* archive_plan = nullptr;
  std::vector<model::ChannelStatus> channels;  // every subscription
  util::TimePoint now{};
  std::string generator = "orrery";  // "orrery 0.1.0", for <generator> and templates
};

struct RenderedFile {
  std::string name;  // relative to output_dir ("index.html", "atom.xml")
  std::string content;
  // One line each for the log (app/ logs them at info level): a theme template that replaced
  // the output written in code, a subscription an output left out and why.
  std::vector<std::string> notes = {};
};

// The page as Planet 2.0 and Venus cut it: walking `entries` (newest first), at most
// items_per_page of them (0: no limit) and, when days_per_page > 0, only those of the
// days_per_page most recent days (in `zone`, the planet's time_zone) that have entries (not the
// last N days before now: a quiet planet still shows its last N days of posts). An entry's day is
// its updated date, else when orrery first saw it.
std::vector<model::StoredEntry> select_page(const std::vector<model::StoredEntry>& entries,
                                            int items_per_page, int days_per_page,
                                            const util::TimeZone& zone = util::TimeZone{});

// Renders every template in config.planet.template_files, each named after its file without
// its last extension: *.tmpl with the htmltmpl engine, *.xslt with libxslt over the spliced
// document (document::splice(); the template's options as string params), then the outputs
// written in code (atom.xml, rss20.xml, rss10.xml, opml.xml, foafroll.xml, feed.json, feeds.html,
// health.json) in that order. A theme template whose output has the
// name of a code output replaces it (Venus's themes ship their own rss10.xml and rss20.xml
// templates and must render unchanged); that template's file carries a note saying so. Any
// other kind (Django .dj, Genshi .genshi, an unknown extension) is an error naming the template.
// A template's own config section may narrow its page (items_per_page, days_per_page). A template
// error is returned as one line naming the template file, the line and the reason.
//
// The htmltmpl template whose output is index.html, when its options say `archives = yes` and
// input.archive is not empty, links the archive pages (render/archive.h; app/ renders them one
// at a time with ArchiveRenderer): "older" to the month page holding the first entry it leaves
// out, each feed to its page, archives.html. Every output first goes through make_publishable().
util::Result<std::vector<RenderedFile>> render_site(const RenderInput& input);

// True when a template of the config renders the archive (its options say `archives = yes`):
// app/ then fills RenderInput::archive.
bool wants_archive(const config::Config& config);

}  // namespace orrery::render
