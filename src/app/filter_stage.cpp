#include "app/filter_stage.h"

#include <algorithm>
#include <set>

#include <spdlog/spdlog.h>

#include "document/document.h"
#include "normalise/normalise.h"
#include "parse/parse.h"
#include "sanitise/sanitise.h"
#include "util/atomic_file.h"

namespace orrery::app {

namespace {

bool has_filters(const config::Config& config) {
  if (!config.planet.filters.empty()) {
    return true;
  }
  for (const config::FeedSettings& feed : config.feeds) {
    if (!feed.filters.empty() || (feed.filter && !feed.filter->empty()) ||
        (feed.exclude && !feed.exclude->empty())) {
      return true;
    }
  }
  return false;
}

// What names an entry in a log line.
const std::string& entry_name(const model::Entry& e) {
  return !e.id.empty() ? e.id : !e.link.empty() ? e.link : e.key;
}

// The text after an XML declaration (and the whitespace after it).
std::string_view without_declaration(std::string_view xml) {
  if (xml.substr(0, 5) == "<?xml") {
    auto end = xml.find("?>");
    xml = end == std::string_view::npos ? std::string_view() : xml.substr(end + 2);
  }
  auto start = xml.find_first_not_of(" \t\r\n");
  return start == std::string_view::npos ? std::string_view() : xml.substr(start);
}

std::string one_line(std::string text) {
  for (char& c : text) {
    if (c == '\n' || c == '\r') {
      c = ' ';
    }
  }
  return text;
}

}  // namespace

FilterStage::FilterStage(const config::Config& config, filters::ProcessLimits limits)
    : m_config(config),
      m_limits(limits),
      m_search(filters::search_path(config)),
      m_empty(!has_filters(config)) {}

const filters::Chain* FilterStage::chain_for(const config::FeedSettings& settings) {
  auto [it, inserted] = m_chains.try_emplace(settings.url);
  if (inserted) {
    auto chain = filters::entry_chain(m_config, settings, m_search);
    if (!chain) {
      spdlog::error("{}: filters not run", chain.error().message);
    } else {
      for (const filters::Filter& f : chain->filters) {
        if (f.runner == filters::Runner::unavailable) {
          spdlog::error("feed {}: {}; entries {}", settings.url, f.problem,
                        chain->on_failure == filters::FailurePolicy::drop
                            ? "are dropped (filter_failure = drop)"
                            : "pass it unfiltered");
        }
      }
      mark_disabled(*chain);
      it->second = std::move(*chain);
    }
  }
  return it->second ? &*it->second : nullptr;
}

bool FilterStage::disable(const filters::Chain& chain, const std::string& written) {
  auto it = std::find_if(chain.filters.begin(), chain.filters.end(),
                         [&](const filters::Filter& f) { return f.spec.written == written; });
  if (it == chain.filters.end() || it->runner == filters::Runner::unavailable || it->path.empty()) {
    return false;
  }
  std::string file = it->path.string();
  m_disabled.insert(file);
  for (auto& [url, other] : m_chains) {
    if (other) {
      mark_disabled(*other);
    }
  }
  return true;
}

void FilterStage::mark_disabled(filters::Chain& chain) const {
  for (filters::Filter& f : chain.filters) {
    if (f.runner != filters::Runner::unavailable && !f.path.empty() &&
        m_disabled.count(f.path.string())) {
      f.runner = filters::Runner::unavailable;
      f.problem = "filter " + f.spec.written + ": timed out earlier in this cycle; not run again";
    }
  }
}

FilterStats FilterStage::run(model::Feed& feed, const config::FeedSettings& settings,
                             util::TimePoint now) {
  FilterStats stats;
  const filters::Chain* chain = chain_for(settings);
  if (!chain || chain->filters.empty()) {
    return stats;
  }
  std::set<std::string> unavailable;  // already reported once for the feed
  for (const filters::Filter& f : chain->filters) {
    if (f.runner == filters::Runner::unavailable) {
      unavailable.insert(f.spec.written);
    }
  }
  document::Source source{&settings, nullptr, settings.url};
  std::vector<model::Entry> kept;
  kept.reserve(feed.entries.size());
  for (model::Entry& entry : feed.entries) {
    std::string xml = document::entry_xml(entry, source, m_config, now);
    filters::ChainResult result = filters::run_chain(*chain, std::move(xml), m_limits);
    for (const filters::FilterFailure& m : result.messages) {
      spdlog::warn("feed {}: entry {}: filter {}: stderr: {}", settings.url, entry_name(entry),
                   m.filter, one_line(m.reason));
    }
    for (const filters::FilterFailure& f : result.failures) {
      stats.failures++;
      if (!unavailable.count(f.filter)) {
        spdlog::error("feed {}: entry {}: filter {}: {}", settings.url, entry_name(entry), f.filter,
                      one_line(f.reason));
      }
      if (f.timed_out && disable(*chain, f.filter)) {
        // The cycle runs filters on its own thread: a filter that hangs would hold it for the
        // time limit once per entry. Once is enough.
        spdlog::error("feed {}: filter {}: not run again in this cycle (it timed out)",
                      settings.url, f.filter);
        unavailable.insert(f.filter);
      }
    }
    if (!result.output) {
      stats.dropped++;
      spdlog::debug("feed {}: entry {}: dropped by its filters", settings.url, entry_name(entry));
      continue;
    }
    if (result.failures.size() == chain->filters.size()) {
      kept.push_back(std::move(entry));  // nothing ran: the entry as it was
      continue;
    }
    auto filtered = read_filtered_entry(*result.output, entry, settings, now);
    if (!filtered) {
      stats.failures++;
      spdlog::error("feed {}: entry {}: filters: {}", settings.url, entry_name(entry),
                    filtered.error().message);
      if (chain->on_failure == filters::FailurePolicy::drop) {
        stats.dropped++;
        continue;
      }
      kept.push_back(std::move(entry));
      continue;
    }
    kept.push_back(std::move(*filtered));
  }
  feed.entries = std::move(kept);
  return stats;
}

OutputFilterStage::OutputFilterStage(const config::Config& config, filters::ProcessLimits limits)
    : m_limits(limits) {
  filters::SearchPath search = filters::search_path(config);
  for (const config::TemplateSettings& tmpl : config.templates) {
    if (tmpl.filters.empty() && !tmpl.filter && !tmpl.exclude) {
      continue;
    }
    auto chain = filters::template_chain(config, tmpl, search);
    if (!chain) {
      spdlog::error("{}: output filters not run", chain.error().message);
      continue;
    }
    for (const filters::Filter& f : chain->filters) {
      if (f.runner == filters::Runner::unavailable) {
        spdlog::error("template {}: {}", tmpl.name, f.problem);
      }
    }
    // The file a template writes is named after it without its engine's extension.
    std::string output = tmpl.file.filename().replace_extension().string();
    m_templates[output] = tmpl.name;
    m_chains[output] = std::move(*chain);
  }
}

bool OutputFilterStage::run(const std::string& output_name, std::string& content,
                            const std::filesystem::path& output_dir,
                            std::vector<std::filesystem::path>& written) {
  auto it = m_chains.find(output_name);
  if (it == m_chains.end() || it->second.filters.empty()) {
    return true;
  }
  const std::string& tmpl = m_templates[output_name];
  filters::OutputChainResult result =
      filters::run_output_chain(it->second, std::move(content), m_limits);
  for (const filters::FilterFailure& m : result.messages) {
    spdlog::warn("template {}: filter {}: stderr: {}", tmpl, m.filter, one_line(m.reason));
  }
  for (const filters::FilterFailure& f : result.failures) {
    spdlog::error("template {}: filter {}: {}", tmpl, f.filter, one_line(f.reason));
  }
  for (const filters::Tee& tee : result.tees) {
    std::filesystem::path target = output_dir / tee.destination;
    std::filesystem::create_directories(target.parent_path());
    util::write_file_atomically(target, tee.text);
    written.push_back(target);
  }
  if (!result.output) {
    spdlog::info("template {}: a filter printed nothing: {} not written", tmpl, output_name);
    std::error_code ignored;
    std::filesystem::remove(output_dir / output_name, ignored);
    return false;
  }
  content = std::move(*result.output);
  return true;
}

util::Result<model::Entry> read_filtered_entry(const std::string& output,
                                               const model::Entry& original,
                                               const config::FeedSettings& settings,
                                               util::TimePoint now) {
  std::string doc = "<feed xmlns=\"http://www.w3.org/2005/Atom\">";
  doc += without_declaration(output);
  doc += "</feed>";
  parse::ParseHints hints;
  hints.base_url = settings.url;
  hints.content_type = "application/atom+xml; charset=utf-8";
  model::ParsedFeed parsed = parse::parse_document(doc, hints);
  if (parsed.version.empty()) {
    return util::unexpected(
        "the output is not a well-formed Atom entry" +
        (parsed.bozo_exception.empty() ? std::string() : ": " + parsed.bozo_exception));
  }
  if (parsed.entries.size() != 1) {
    return util::unexpected("the output holds " + std::to_string(parsed.entries.size()) +
                            " entries, not one");
  }
  model::Feed feed = normalise::normalise(parsed, settings);
  if (feed.entries.size() != 1) {
    return util::unexpected("the output entry was not kept by normalise");
  }
  model::Entry entry = std::move(feed.entries.front());
  entry.key = original.key;
  entry.id = original.id;
  entry.source = original.source;  // the subscription's facts, not the filter's
  // What the output does not carry is kept, so that a filter which only edits the content does
  // not lose what document::entry_xml leaves out of the entry it hands over. Titles, summaries
  // and content are the filter's to empty (detitle.xslt does).
  auto keep = [](auto& field, const auto& before) {
    if (field.empty()) {
      field = before;
    }
  };
  keep(entry.links, original.links);
  keep(entry.rights_html, original.rights_html);
  keep(entry.contributors, original.contributors);
  keep(entry.categories, original.categories);
  keep(entry.extensions, original.extensions);
  if (!entry.geo) {
    entry.geo = original.geo;
  }
  // excerpt.py's planet:excerpt (Venus's mobile theme shows it): kept, sanitised like any HTML
  // from a feed, as the planet_excerpt extension the store keeps and document/ writes back.
  if (auto excerpt = filters::planet_excerpt(output)) {
    std::erase_if(entry.extensions, [](const auto& e) { return e.first == "planet_excerpt"; });
    std::string html = sanitise::sanitise_html(*excerpt, entry.link);
    if (!html.empty()) {
      entry.extensions.emplace_back("planet_excerpt", std::move(html));
    }
  }
  // entry_xml stands `now` (or published) in for a missing updated date; that is not a date
  // the feed gave.
  if (!original.updated && entry.updated &&
      (*entry.updated == now || entry.updated == original.published)) {
    entry.updated.reset();
  }
  return entry;
}

}  // namespace orrery::app
