#include "filters/chain.h"

#include <unistd.h>

#include <algorithm>
#include <system_error>

#include <fmt/format.h>

#include "config/keys.h"
#include "model/limits.h"
#include "util/strings.h"

namespace orrery::filters {

namespace fs = std::filesystem;

namespace {

const Options k_no_options;

bool is_file(const fs::path& p) {
  std::error_code ec;
  return fs::is_regular_file(p, ec);
}

// A name that stays inside the directory it is looked up in.
bool is_safe_relative(const fs::path& name) {
  if (name.empty() || name.is_absolute()) {
    return false;
  }
  return std::none_of(name.begin(), name.end(), [](const fs::path& part) { return part == ".."; });
}

fs::path find_sed() {
  for (const char* dir : {"/usr/bin", "/bin", "/usr/local/bin"}) {
    fs::path p = fs::path(dir) / "sed";
    if (::access(p.c_str(), X_OK) == 0) {
      return p;
    }
  }
  return {};
}

Filter unavailable(Filter f, std::string problem) {
  f.runner = Runner::unavailable;
  f.problem = std::move(problem);
  return f;
}

// A native filter, its options checked where they can be once for all entries.
Filter as_native(Filter f, const NativeFilter* native) {
  if (native->run == &regexp_sifter) {
    if (std::string problem = regexp_sifter_problem(f.options); !problem.empty()) {
      return unavailable(std::move(f), "filter " + f.spec.written + ": " + problem);
    }
  }
  f.path.clear();
  f.runner = Runner::native;
  f.native = native;
  return f;
}

// The [name] section's options over `base`.
Options options_for(const config::Config& config, const std::string& name, const Options& base) {
  Options merged = base;
  for (const config::FilterSettings& section : config.filters) {
    if (section.name == name) {
      for (const auto& [key, value] : section.raw) {
        merged[key] = value;
      }
    }
  }
  return merged;
}

FilterSpec sifter(const char* key, const std::string& patterns) {
  FilterSpec spec;
  spec.name = "regexp_sifter.py";
  spec.query[key] = patterns;
  // Named in messages after the key the operator wrote, not the filter Venus ran for it.
  spec.written = fmt::format("regexp_sifter.py ({} = {})",
                             std::string(key) == "require" ? "filter" : "exclude", patterns);
  return spec;
}

FailurePolicy failure_policy(config::FilterFailure f) {
  return f == config::FilterFailure::drop ? FailurePolicy::drop : FailurePolicy::pass;
}

util::Result<Chain> resolve_all(const config::Config& config, const std::vector<FilterSpec>& specs,
                                const SearchPath& search, const std::string& where) {
  if (specs.size() > model::limits::k_max_filters_per_chain) {
    return util::unexpected(fmt::format("{}: {} filters; at most {} are allowed", where,
                                        specs.size(), model::limits::k_max_filters_per_chain));
  }
  Chain chain;
  Options base = planet_options(config);
  for (const FilterSpec& spec : specs) {
    chain.filters.push_back(resolve(spec, options_for(config, spec.name, base), search));
  }
  return chain;
}

Outcome from_process(const ProcessResult& r, const ProcessLimits& limits) {
  Outcome o;
  if (r.end == ProcessResult::End::exited && r.exit_code == 0) {
    o = r.out.empty() ? Outcome::drop() : Outcome::output(r.out);
  } else if (r.end == ProcessResult::End::exited && r.exit_code == 1 && r.out.empty()) {
    o = Outcome::drop();  // the sifters' convention (Venus's regexp_sifter.py exits 1)
  } else {
    o = Outcome::failure(describe_end(r, limits));
  }
  o.stderr_text = r.err;
  o.timed_out = r.end == ProcessResult::End::timed_out;
  return o;
}

std::string first_line(std::string_view text) {
  text = util::trim(text);
  std::string line(text.substr(0, text.find('\n')));
  return std::string(util::trim(line));
}

}  // namespace

fs::path builtin_filters_dir() { return config::builtin_data_dir("filters"); }

namespace {

// Venus filters in an engine orrery lacks, run as an equivalent orrery ships.
std::string_view equivalent_of(std::string_view name) {
  if (name == "addsearch.genshi") {
    return "addsearch.xslt";
  }
  return {};
}

}  // namespace

Filter resolve(const FilterSpec& spec, const Options& options, const SearchPath& search) {
  if (std::string_view alias = equivalent_of(spec.name); !alias.empty()) {
    FilterSpec same = spec;
    same.name = std::string(alias);
    Filter f = resolve(same, options, search);
    f.spec = spec;
    return f;
  }
  Filter f;
  f.spec = spec;
  f.options = options;
  for (const auto& [key, value] : spec.query) {
    f.options[key] = value;
  }
  fs::path name(spec.name);
  if (!is_safe_relative(name)) {
    return unavailable(std::move(f), fmt::format("filter {}: a filter name must be a relative path "
                                                 "inside a filter directory",
                                                 spec.name));
  }
  for (const fs::path& dir : search.directories) {
    if (is_file(dir / name)) {
      f.path = dir / name;
      break;
    }
  }
  const NativeFilter* native = find_native(spec.name);
  std::string ext = name.extension().string();
  if (f.path.empty()) {
    if (native) {
      return as_native(std::move(f), native);
    }
    if (name.filename() == "mememe.plugin") {
      // No native equivalent, on purpose (docs/venus.md, "mememe.plugin").
      return unavailable(std::move(f),
                         "filter mememe.plugin: not available in orrery: Venus's meme sidebar "
                         "fetched every page the entries link to, which a planet reading "
                         "untrusted feeds does not do (docs/venus.md)");
    }
    std::vector<std::string> dirs;
    for (const fs::path& d : search.directories) {
      dirs.push_back(d.string());
    }
    return unavailable(std::move(f), fmt::format("filter {}: not found in {}", spec.name,
                                                 fmt::to_string(fmt::join(dirs, ", "))));
  }
  if (ext == ".xslt") {
    auto style = Stylesheet::load(f.path);
    if (!style) {
      return unavailable(std::move(f),
                         fmt::format("filter {}: {}", spec.name, style.error().message));
    }
    f.runner = Runner::xslt;
    f.stylesheet = std::move(*style);
    return f;
  }
  if (ext == ".sed") {
    fs::path sed = find_sed();
    if (sed.empty()) {
      return unavailable(std::move(f), fmt::format("filter {}: sed is not installed", spec.name));
    }
    f.runner = Runner::sed;
    return f;
  }
  if (ext == ".tmpl" || ext == ".genshi" || ext == ".dj") {
    return unavailable(std::move(f), fmt::format("filter {}: {} filters (a Venus template engine) "
                                                 "are not supported",
                                                 spec.name, ext));
  }
  if (::access(f.path.c_str(), X_OK) == 0) {
    f.runner = Runner::executable;
    return f;
  }
  if (native) {
    // Venus's own Python file, found on the operator's path: orrery runs its native equivalent.
    return as_native(std::move(f), native);
  }
  if (ext == ".py" || ext == ".plugin") {
    return unavailable(std::move(f),
                       fmt::format("filter {}: {} is a Venus Python filter and not executable; "
                                   "Python 2 is gone and orrery has no native {} (make it an "
                                   "executable script or remove it)",
                                   spec.name, f.path.string(), spec.name));
  }
  return unavailable(std::move(f),
                     fmt::format("filter {}: {} is not executable", spec.name, f.path.string()));
}

Options planet_options(const config::Config& config) {
  Options options;
  for (const auto& [key, value] : config.planet.raw) {
    if (!config::is_planet_wide(key)) {
      options[key] = value;
    }
  }
  return options;
}

SearchPath search_path(const config::Config& config, const fs::path& builtin) {
  SearchPath search;
  search.directories = config.planet.filter_directories;
  search.directories.push_back(builtin.empty() ? builtin_filters_dir() : builtin);
  return search;
}

util::Result<Chain> entry_chain(const config::Config& config, const config::FeedSettings& feed,
                                const SearchPath& search) {
  std::vector<FilterSpec> specs;
  for (const std::string& token : config.planet.filters) {
    specs.push_back(parse_spec(token));
  }
  if (feed.filter && !feed.filter->empty()) {
    specs.push_back(sifter("require", *feed.filter));
  }
  if (feed.exclude && !feed.exclude->empty()) {
    specs.push_back(sifter("exclude", *feed.exclude));
  }
  for (const std::string& token : feed.filters) {
    specs.push_back(parse_spec(token));
  }
  auto chain = resolve_all(config, specs, search, "feed " + feed.url);
  if (chain) {
    chain->on_failure = failure_policy(feed.filter_failure);
  }
  return chain;
}

util::Result<Chain> template_chain(const config::Config& config,
                                   const config::TemplateSettings& tmpl, const SearchPath& search) {
  const std::vector<std::string>& planet = config.planet.filters;
  std::vector<FilterSpec> specs;
  // Venus's filters(template): the sifters for the section's filter and exclude, then its own
  // filters; a sifter [Planet]'s chain has (the same pattern there) is skipped like a filter.
  const config::FeedOptions& defaults = config.planet.feed_defaults;
  if (tmpl.filter && tmpl.filter != defaults.filter) {
    specs.push_back(sifter("require", *tmpl.filter));
  }
  if (tmpl.exclude && tmpl.exclude != defaults.exclude) {
    specs.push_back(sifter("exclude", *tmpl.exclude));
  }
  for (const std::string& token : tmpl.filters) {
    // Venus skips the template's filters that [Planet]'s chain already has.
    if (std::find(planet.begin(), planet.end(), token) == planet.end()) {
      specs.push_back(parse_spec(token, TeeSyntax::allowed));
    }
  }
  auto chain = resolve_all(config, specs, search, "template " + tmpl.name);
  if (chain) {
    chain->on_failure = failure_policy(config.planet.feed_defaults.filter_failure);
  }
  return chain;
}

Outcome run_filter(const Filter& filter, std::string_view input, const ProcessLimits& limits) {
  switch (filter.runner) {
    case Runner::native:
      return filter.native->run(input, filter.options);
    case Runner::xslt:
      return filter.stylesheet->apply(input, filter.options);
    case Runner::sed:
      return from_process(
          run_process({find_sed().string(), "-f", filter.path.string()}, input, limits), limits);
    case Runner::executable: {
      std::vector<std::string> argv{filter.path.string()};
      for (const auto& [key, value] : filter.options) {
        argv.push_back("--" + key);
        argv.push_back(value);
      }
      return from_process(run_process(argv, input, limits), limits);
    }
    case Runner::unavailable:
      break;
  }
  return Outcome::failure(filter.problem);
}

ChainResult run_chain(const Chain& chain, std::string entry, const ProcessLimits& limits) {
  ChainResult result;
  for (const Filter& filter : chain.filters) {
    Outcome o = run_filter(filter, entry, limits);
    if (std::string line = first_line(o.stderr_text); !line.empty()) {
      result.messages.push_back({filter.spec.written, line});
    }
    if (o.kind == Outcome::Kind::drop) {
      return result;
    }
    if (o.kind == Outcome::Kind::failure) {
      result.failures.push_back({filter.spec.written, o.reason, o.timed_out});
      if (chain.on_failure == FailurePolicy::drop) {
        return result;
      }
      continue;
    }
    entry = std::move(o.text);
  }
  result.output = std::move(entry);
  return result;
}

OutputChainResult run_output_chain(const Chain& chain, std::string text,
                                   const ProcessLimits& limits) {
  OutputChainResult result;
  for (const Filter& filter : chain.filters) {
    const std::string& tee = filter.spec.tee;
    if (!tee.empty() && !is_safe_relative(fs::path(tee))) {
      result.failures.push_back(
          {filter.spec.written, fmt::format("tee destination \"{}\" is outside output_dir", tee)});
      continue;
    }
    Outcome o = run_filter(filter, text, limits);
    if (std::string line = first_line(o.stderr_text); !line.empty()) {
      result.messages.push_back({filter.spec.written, line});
    }
    if (o.kind == Outcome::Kind::failure) {
      result.failures.push_back({filter.spec.written, o.reason, o.timed_out});
      if (chain.on_failure == FailurePolicy::drop && tee.empty()) {
        return result;
      }
      continue;
    }
    if (!tee.empty()) {
      if (o.kind == Outcome::Kind::output) {
        result.tees.push_back({tee, std::move(o.text)});
      }
      continue;
    }
    if (o.kind == Outcome::Kind::drop) {
      return result;
    }
    text = std::move(o.text);
  }
  result.output = std::move(text);
  return result;
}

}  // namespace orrery::filters
