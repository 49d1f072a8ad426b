#include "filters/chain.h"

#include <sys/stat.h>

#include <gtest/gtest.h>

#include "helpers.h"
#include "util/strings.h"

namespace orrery::filters {
namespace {

using test::filter_fixture;
using namespace std::chrono_literals;

std::filesystem::path executable(const test::TempDir& dir, std::string_view name,
                                 std::string_view body) {
  auto path = dir.write(name, std::string("#!/bin/sh\n") + std::string(body) + "\n");
  ::chmod(path.c_str(), 0755);
  return path;
}

// A config as config::load makes it, by hand: [Planet] keys, one feed, filter sections.
struct Planet {
  config::Config config;
  config::FeedSettings feed;
  Planet() {
    config.path = "/planets/test/planet.ini";
    feed.url = "http://127.0.0.1/feed.xml";
  }
  // A [Planet] key as written: the raw map, and the typed field config/ would fill.
  void planet(const std::string& key, const std::string& value) {
    config.planet.raw[key] = value;
    if (key == "filters") {
      config.planet.filters = util::split_whitespace(value);
    } else if (key == "filter") {
      feed.filter = value;  // feeds inherit it
    } else if (key == "exclude") {
      feed.exclude = value;
    } else if (key == "filter_failure") {
      feed.filter_failure =
          value == "drop" ? config::FilterFailure::drop : config::FilterFailure::pass;
      config.planet.feed_defaults.filter_failure = feed.filter_failure;
    } else if (key == "filter_directories") {
      for (const std::string& d : util::split_whitespace(value)) {
        config.planet.filter_directories.emplace_back(d);
      }
    }
  }
  void section(const std::string& name, Options options) {
    config.filters.push_back(config::FilterSettings{name, 0, std::move(options)});
  }
  Chain chain(const SearchPath& search) {
    auto c = entry_chain(config, feed, search);
    EXPECT_TRUE(c) << c.error().message;
    return c ? *c : Chain{};
  }
};

std::vector<std::string> written(const Chain& chain) {
  std::vector<std::string> out;
  for (const Filter& f : chain.filters) {
    out.push_back(f.spec.written);
  }
  return out;
}

TEST(FilterChain, VenusOrderPlanetThenSiftersThenFeed) {
  Planet p;
  p.planet("filters", "excerpt.py notweets.py");
  p.planet("filter", "planet-wide");
  p.planet("exclude", "spam");
  p.feed.filter = "only-this-feed";  // the feed's value wins over [Planet]'s
  p.feed.filters = {"minhead.py?min=2"};
  Chain chain = p.chain(SearchPath{});
  EXPECT_EQ(written(chain),
            (std::vector<std::string>{"excerpt.py", "notweets.py",
                                      "regexp_sifter.py (filter = only-this-feed)",
                                      "regexp_sifter.py (exclude = spam)", "minhead.py?min=2"}));
  EXPECT_EQ(chain.filters[2].spec.name, "regexp_sifter.py");
  EXPECT_EQ(chain.filters[2].options.at("require"), "only-this-feed");
  EXPECT_EQ(chain.filters[3].options.at("exclude"), "spam");
  for (const Filter& f : chain.filters) {
    EXPECT_EQ(f.runner, Runner::native) << f.spec.written << ": " << f.problem;
  }
}

TEST(FilterChain, OptionsArePlanetKeysThenSectionThenQuery) {
  Planet p;
  p.planet("filters", "excerpt.py?width=20");
  p.planet("owner_name", "not passed: a planet-wide key");
  p.planet("custom", "from planet");
  p.planet("width", "5");
  p.section("excerpt.py", {{"width", "10"}, {"omit", "img"}});
  Chain chain = p.chain(SearchPath{});
  ASSERT_EQ(chain.filters.size(), 1u);
  const Options& o = chain.filters[0].options;
  EXPECT_EQ(o.at("width"), "20");
  EXPECT_EQ(o.at("omit"), "img");
  EXPECT_EQ(o.at("custom"), "from planet");
  EXPECT_EQ(o.count("owner_name"), 0u);
  EXPECT_EQ(o.count("filters"), 0u);
}

TEST(FilterChain, ExecutablesGetOptionsAsDoubleDashArguments) {
  test::TempDir dir;
  executable(dir, "args.sh", R"(cat; for a in "$@"; do printf '[%s]' "$a"; done)");
  Filter f = resolve(parse_spec("args.sh?b=2&a=1"), {}, SearchPath{{dir.path()}});
  ASSERT_EQ(f.runner, Runner::executable) << f.problem;
  Outcome o = run_filter(f, "<entry/>");
  EXPECT_EQ(o.text, "<entry/>[--a][1][--b][2]");
}

TEST(FilterChain, AnOperatorsExecutableWinsOverANative) {
  test::TempDir dir;
  executable(dir, "excerpt.py", "echo mine");
  Filter f = resolve(parse_spec("excerpt.py"), {}, SearchPath{{dir.path()}});
  EXPECT_EQ(f.runner, Runner::executable);
}

TEST(FilterChain, VenusOwnPythonFileRunsAsTheNative) {
  test::TempDir dir;
  dir.write("excerpt.py", "import sys\n");  // Venus's filters/ on the path, not executable
  Filter f = resolve(parse_spec("excerpt.py"), {}, SearchPath{{dir.path()}});
  EXPECT_EQ(f.runner, Runner::native);
}

TEST(FilterChain, APythonFilterWithoutNativeIsAClearError) {
  test::TempDir dir;
  dir.write("mememe.plugin", "import sys\n");
  Filter f = resolve(parse_spec("mememe.plugin"), {}, SearchPath{{dir.path()}});
  EXPECT_EQ(f.runner, Runner::unavailable);
  EXPECT_NE(f.problem.find("mememe.plugin"), std::string::npos);
  EXPECT_NE(f.problem.find("Python 2"), std::string::npos);
  Outcome o = run_filter(f, "<entry/>");
  EXPECT_EQ(o.kind, Outcome::Kind::failure);
  EXPECT_EQ(o.reason, f.problem);
}

TEST(FilterChain, AMissingFilterNamesTheDirectoriesSearched) {
  Filter f = resolve(parse_spec("nosuch.sh"), {}, SearchPath{{"/nonexistent/dir"}});
  EXPECT_EQ(f.runner, Runner::unavailable);
  EXPECT_NE(f.problem.find("nosuch.sh"), std::string::npos);
  EXPECT_NE(f.problem.find("/nonexistent/dir"), std::string::npos);
}

TEST(FilterChain, ANameClimbingOutOfItsDirectoryIsRefused) {
  Filter f = resolve(parse_spec("../../bin/sh"), {}, SearchPath{{"/tmp"}});
  EXPECT_EQ(f.runner, Runner::unavailable);
}

TEST(FilterChain, TemplateEngineFiltersAreNotSupportedByName) {
  test::TempDir dir;
  dir.write("sidebar.genshi", "<x/>");
  Filter f = resolve(parse_spec("sidebar.genshi"), {}, SearchPath{{dir.path()}});
  EXPECT_EQ(f.runner, Runner::unavailable);
  EXPECT_NE(f.problem.find("not supported"), std::string::npos);
}

TEST(FilterChain, ShippedFiltersAreFoundAfterTheOperatorsDirectories) {
  Planet p;
  p.planet("filters", "h1title.xslt stripAd/yahoo.sed");
  Chain chain = p.chain(search_path(p.config));
  ASSERT_EQ(chain.filters.size(), 2u);
  EXPECT_EQ(chain.filters[0].runner, Runner::xslt) << chain.filters[0].problem;
  EXPECT_EQ(chain.filters[1].runner, Runner::sed) << chain.filters[1].problem;
}

TEST(FilterChain, FilterDirectoriesComeBeforeTheShippedOnes) {
  Planet p;
  p.planet("filter_directories", "/planets/test/mine /abs/theirs");
  SearchPath s = search_path(p.config, "/shipped");
  EXPECT_EQ(s.directories,
            (std::vector<std::filesystem::path>{"/planets/test/mine", "/abs/theirs", "/shipped"}));
}

TEST(FilterChain, SedScriptsStripAds) {
  SearchPath search{{builtin_filters_dir()}};
  for (const char* name : {"stripAd/yahoo.sed", "stripAd/feedburner.sed"}) {
    std::string fixture =
        std::string(name) == "stripAd/yahoo.sed" ? "yahoo-ad.xml" : "feedburner-ad.xml";
    Filter f = resolve(parse_spec(name), {}, search);
    Outcome o = run_filter(f, filter_fixture(fixture));
    ASSERT_EQ(o.kind, Outcome::Kind::output) << name << ": " << o.reason;
    EXPECT_NE(o.text.find("above||below"), std::string::npos) << name << ": " << o.text;
  }
  Filter google = resolve(parse_spec("stripAd/google_ad_map.sed"), {}, search);
  Outcome o = run_filter(google, filter_fixture("google-ad.xml"));
  EXPECT_NE(o.text.find("above|</div>"), std::string::npos) << o.text;
}

TEST(FilterChain, AnEmptyOutputDropsAndStopsTheChain) {
  Planet p;
  p.planet("filters", "notweets.py excerpt.py");
  ChainResult r = run_chain(p.chain(SearchPath{}), filter_fixture("tweet.xml"));
  EXPECT_FALSE(r.output);
  EXPECT_TRUE(r.failures.empty());
}

TEST(FilterChain, ExitOneWithoutOutputDropsLikeVenusSifters) {
  test::TempDir dir;
  executable(dir, "sift.sh", "cat >/dev/null; exit 1");
  Chain chain;
  chain.filters.push_back(resolve(parse_spec("sift.sh"), {}, SearchPath{{dir.path()}}));
  ChainResult r = run_chain(chain, "<entry/>");
  EXPECT_FALSE(r.output);
  EXPECT_TRUE(r.failures.empty());
}

TEST(FilterChain, AFailingFilterIsReportedAndTheEntryPassesUnfiltered) {
  test::TempDir dir;
  executable(dir, "fail.sh", "cat >/dev/null; echo 'cannot cope' >&2; exit 3");
  executable(dir, "mark.sh", "sed 's/<entry>/<entry marked=\"1\">/'");
  Chain chain;
  for (const char* name : {"fail.sh", "mark.sh"}) {
    chain.filters.push_back(resolve(parse_spec(name), {}, SearchPath{{dir.path()}}));
  }
  ChainResult r = run_chain(chain, "<entry></entry>");
  ASSERT_TRUE(r.output);
  EXPECT_EQ(*r.output, "<entry marked=\"1\"></entry>");
  ASSERT_EQ(r.failures.size(), 1u);
  EXPECT_EQ(r.failures[0].filter, "fail.sh");
  EXPECT_EQ(r.failures[0].reason, "exit status 3");
  ASSERT_EQ(r.messages.size(), 1u);
  EXPECT_EQ(r.messages[0].reason, "cannot cope");
}

TEST(FilterChain, FilterFailureDropDropsTheEntry) {
  Planet p;
  p.planet("filters", "nosuch.sh");
  p.planet("filter_failure", "drop");
  Chain chain = p.chain(SearchPath{});
  EXPECT_EQ(chain.on_failure, FailurePolicy::drop);
  ChainResult r = run_chain(chain, "<entry/>");
  EXPECT_FALSE(r.output);
  EXPECT_EQ(r.failures.size(), 1u);
}

TEST(FilterChain, ATimeoutIsAFailureNotADrop) {
  test::TempDir dir;
  executable(dir, "hang.sh", "sleep 1000");
  Chain chain;
  chain.filters.push_back(resolve(parse_spec("hang.sh"), {}, SearchPath{{dir.path()}}));
  ProcessLimits limits;
  limits.timeout = 200ms;
  ChainResult r = run_chain(chain, "<entry/>", limits);
  ASSERT_TRUE(r.output);
  EXPECT_EQ(*r.output, "<entry/>");
  ASSERT_EQ(r.failures.size(), 1u);
}

TEST(FilterChain, TooManyFiltersIsAConfigError) {
  Planet p;
  std::string many;
  for (std::size_t i = 0; i <= model::limits::k_max_filters_per_chain; ++i) {
    many += "notweets.py ";
  }
  p.planet("filters", many);
  EXPECT_FALSE(entry_chain(p.config, p.feed, SearchPath{}));
}

TEST(OutputChain, TemplateFiltersSkipPlanetsAndTee) {
  test::TempDir dir;
  executable(dir, "upper.sh", "tr a-z A-Z");
  executable(dir, "copy.sh", "cat; echo copied");
  Planet p;
  p.planet("filters", "upper.sh");
  p.planet("filter_directories", dir.path().string());
  config::TemplateSettings t;
  t.name = "index.html.tmpl";
  t.filters = {"upper.sh", "copy.sh>index.copy"};
  auto chain = template_chain(p.config, t, search_path(p.config));
  ASSERT_TRUE(chain);
  ASSERT_EQ(chain->filters.size(), 1u);  // upper.sh is [Planet]'s: Venus skips it here
  OutputChainResult r = run_output_chain(*chain, "page\n");
  ASSERT_TRUE(r.output);
  EXPECT_EQ(*r.output, "page\n");
  ASSERT_EQ(r.tees.size(), 1u);
  EXPECT_EQ(r.tees[0].destination, "index.copy");
  EXPECT_EQ(r.tees[0].text, "page\ncopied\n");
}

TEST(OutputChain, TemplateFilterAndExcludeSiftTheWholePageAsVenusDoes) {
  Planet p;
  p.planet("exclude", "spam");  // the entries' sifter: not run again over the page
  p.config.planet.feed_defaults.exclude = "spam";
  config::TemplateSettings t;
  t.name = "index.html.tmpl";
  t.filter = "Venus";
  t.exclude = "spam";  // the same as [Planet]'s: Venus skips it here
  auto chain = template_chain(p.config, t, search_path(p.config));
  ASSERT_TRUE(chain);
  ASSERT_EQ(chain->filters.size(), 1u);
  EXPECT_EQ(chain->filters[0].spec.written, "regexp_sifter.py (filter = Venus)");
  OutputChainResult kept = run_output_chain(*chain, "<html><p>Planet Venus</p></html>");
  ASSERT_TRUE(kept.output);
  EXPECT_EQ(*kept.output, "<html><p>Planet Venus</p></html>");
  EXPECT_FALSE(run_output_chain(*chain, "<html><p>Planet Mars</p></html>").output);
  t.filter.reset();
  t.exclude = "Mars";
  chain = template_chain(p.config, t, search_path(p.config));
  ASSERT_TRUE(chain);
  ASSERT_EQ(chain->filters.size(), 1u);
  EXPECT_FALSE(run_output_chain(*chain, "<p>Planet Mars</p>").output);
  EXPECT_TRUE(run_output_chain(*chain, "<p>Planet Venus</p>").output);
}

TEST(OutputChain, MememeIsAnErrorThatSaysWhy) {
  Filter f = resolve(parse_spec("mememe.plugin"), {}, SearchPath{});
  EXPECT_EQ(f.runner, Runner::unavailable);
  EXPECT_EQ(f.problem.rfind("filter mememe.plugin: not available in orrery", 0), 0u) << f.problem;
  EXPECT_NE(f.problem.find("docs/venus.md"), std::string::npos);
}

TEST(OutputChain, AnEmptyPipeResultDeletesTheFile) {
  test::TempDir dir;
  executable(dir, "nothing.sh", "cat >/dev/null");
  Chain chain;
  chain.filters.push_back(resolve(parse_spec("nothing.sh"), {}, SearchPath{{dir.path()}}));
  EXPECT_FALSE(run_output_chain(chain, "page").output);
}

TEST(OutputChain, ATeeOutsideOutputDirIsRefused) {
  Chain chain;
  chain.filters.push_back(
      resolve(parse_spec("notweets.py>../../etc/x", TeeSyntax::allowed), {}, SearchPath{}));
  OutputChainResult r = run_output_chain(chain, "page");
  EXPECT_TRUE(r.tees.empty());
  ASSERT_EQ(r.failures.size(), 1u);
  EXPECT_EQ(*r.output, "page");
}

}  // namespace
}  // namespace orrery::filters

namespace orrery::filters {
namespace {

TEST(FilterChain, ABadFilterPatternIsReportedOnceAsUnavailable) {
  config::Config config;
  config::FeedSettings feed;
  feed.url = "http://127.0.0.1/feed.xml";
  feed.exclude = "(unclosed";
  auto chain = entry_chain(config, feed, SearchPath{});
  ASSERT_TRUE(chain);
  ASSERT_EQ(chain->filters.size(), 1u);
  EXPECT_EQ(chain->filters[0].runner, Runner::unavailable);
  EXPECT_NE(chain->filters[0].problem.find("exclude = (unclosed"), std::string::npos)
      << chain->filters[0].problem;
}

}  // namespace
}  // namespace orrery::filters
