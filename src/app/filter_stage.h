#pragma once
// app: the filter stage of a refresh cycle — each normalised entry of a feed, serialised as
// Venus caches it (document::entry_xml), through the feed's filter chain (src/filters/), and
// read back through the real pipeline (parse + normalise), so what a filter prints is parsed
// and sanitised like any feed. Logs one line per failure:
// `feed URL: entry ID: filter NAME: reason`.

#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "config/config.h"
#include "filters/chain.h"
#include "model/feed.h"
#include "util/time.h"

namespace orrery::app {

struct FilterStats {
  int dropped = 0;   // entries a filter dropped
  int failures = 0;  // filter runs that failed (logged)
};

class FilterStage {
 public:
  // `config` must outlive the stage. Chains are resolved the first time a feed is filtered.
  explicit FilterStage(const config::Config& config, filters::ProcessLimits limits = {});

  // Runs `settings`' chain over every entry of `feed` in place: replaced entries keep their
  // identity (key and id), dropped ones are removed. A feed whose chain cannot be built (a
  // config error) keeps its entries unfiltered, with one error line. A filter that times out is
  // not run again in this cycle (for any feed): it would hold the cycle once per entry. Never
  // throws for a filter's behaviour.
  FilterStats run(model::Feed& feed, const config::FeedSettings& settings, util::TimePoint now);

  // True when no feed has any filter: the cycle can skip the stage.
  bool empty() const { return m_empty; }

 private:
  const filters::Chain* chain_for(const config::FeedSettings& settings);
  // Stops running the filter `written` of `chain` (a file) for the rest of the cycle, in every
  // chain. False when it was stopped already or is not a file.
  bool disable(const filters::Chain& chain, const std::string& written);
  void mark_disabled(filters::Chain& chain) const;

  const config::Config& m_config;
  filters::ProcessLimits m_limits;
  filters::SearchPath m_search;
  bool m_empty = true;
  std::map<std::string, std::optional<filters::Chain>> m_chains;  // by feed URL
  std::set<std::string> m_disabled;  // files of filters that timed out in this cycle
};

// Template output filters (Venus's splice): the `filters` of a [template] section run over the
// file that template wrote. Logs one line per failure: `template NAME: filter F: reason`.
class OutputFilterStage {
 public:
  // `config` must outlive the stage; every template's chain is resolved here (problems logged).
  explicit OutputFilterStage(const config::Config& config, filters::ProcessLimits limits = {});

  // Runs the chain of the template that writes `output_name` (relative to output_dir) over
  // `content` in place. Tee outputs are written into `output_dir` at once and added to
  // `written`. Returns false when a filter printed nothing: the file is not to be written (and
  // an old copy is to be removed), as Venus deletes it.
  bool run(const std::string& output_name, std::string& content,
           const std::filesystem::path& output_dir, std::vector<std::filesystem::path>& written);

 private:
  filters::ProcessLimits m_limits;
  std::map<std::string, filters::Chain> m_chains;  // by output name
  std::map<std::string, std::string> m_templates;  // output name → template name
};

// Reads a filter's output back into an entry: the output (an Atom <entry>, with or without an
// XML declaration) wrapped in an Atom <feed>, parsed and normalised with the feed's settings.
// The entry keeps `original`'s key, id and source (identity and subscription are orrery's, not
// the filter's), and `original`'s links, rights, contributors, categories, extensions and geo
// where the output has none. Fails with one line when the output is not exactly one Atom entry.
util::Result<model::Entry> read_filtered_entry(const std::string& output,
                                               const model::Entry& original,
                                               const config::FeedSettings& settings,
                                               util::TimePoint now);

}  // namespace orrery::app
