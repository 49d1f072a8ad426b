// sanitise_html throughput over the HTML the feeds carry: every html or xhtml title, summary and
// content of the generated 1,000-feed corpus and of the 52 real feeds, extracted once in setup
// with parse_document (only the sanitiser is timed). Also html_to_text over the same bodies.
// Figures and how to reproduce them: docs/performance.md.
//
//   cmake --build build/h-bench --target orrery_sanitise_bench
//   build/h-bench/bench/orrery_sanitise_bench --corpus=build/corpus --real=/work/shared/bench/real
//
// The directories may also come from ORRERY_BENCH_CORPUS and ORRERY_BENCH_REAL; a set that is
// not given skips with a message.

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "bench_corpus.h"
#include "parse/parse.h"
#include "sanitise/gumbo_tree.h"
#include "sanitise/sanitise.h"

namespace {

using orrery::bench::DocumentSet;
using orrery::model::TextConstruct;
using orrery::model::TextType;

// One HTML body and the base its relative URLs resolve against.
struct Fragment {
  std::string html;
  std::string base_url;
};

struct FragmentSet {
  std::string label;
  std::string missing;  // the DocumentSet's message when it was empty
  std::vector<Fragment> fragments;
  std::size_t total_bytes = 0;

  void add(const std::optional<TextConstruct>& text, const std::string& document_url) {
    if (text) {
      add(*text, document_url);
    }
  }
  void add(const TextConstruct& text, const std::string& document_url) {
    if (text.type == TextType::text || text.value.empty()) {
      return;
    }
    total_bytes += text.value.size();
    fragments.push_back({text.value, text.base.empty() ? document_url : text.base});
  }
};

FragmentSet extract(const DocumentSet& set) {
  FragmentSet out;
  out.label = set.label;
  if (set.empty()) {
    out.missing = set.missing_message();
    return out;
  }
  for (const auto& doc : set.documents) {
    orrery::parse::ParseHints hints;
    hints.base_url = doc.base_url;
    const orrery::model::ParsedFeed feed = orrery::parse::parse_document(doc.bytes, hints);
    out.add(feed.feed.subtitle, doc.base_url);
    for (const auto& entry : feed.entries) {
      out.add(entry.title, doc.base_url);
      out.add(entry.summary, doc.base_url);
      for (const TextConstruct& content : entry.content) {
        out.add(content, doc.base_url);
      }
    }
  }
  return out;
}

void BM_SanitiseHtml(benchmark::State& state, const FragmentSet* set) {
  if (set->fragments.empty()) {
    state.SkipWithError(set->missing.empty() ? "no HTML in the documents" : set->missing.c_str());
    return;
  }
  std::size_t out_bytes = 0;
  for (auto _ : state) {
    out_bytes = 0;
    for (const Fragment& fragment : set->fragments) {
      const std::string clean = orrery::sanitise::sanitise_html(fragment.html, fragment.base_url);
      out_bytes += clean.size();
      benchmark::DoNotOptimize(clean.data());
    }
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * set->total_bytes));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * set->fragments.size()));
  state.counters["fragments"] = static_cast<double>(set->fragments.size());
  state.counters["out/in"] = static_cast<double>(out_bytes) / static_cast<double>(set->total_bytes);
  std::size_t fast_bytes = 0;
  for (const Fragment& fragment : set->fragments) {
    const orrery::sanitise::detail::Fragment tree(fragment.html, orrery::sanitise::Limits{});
    fast_bytes += tree.built_by_fast_path() ? fragment.html.size() : 0;
  }
  // The share of the HTML bytes whose tree the fast path built (fast_tree.h).
  state.counters["fast"] = static_cast<double>(fast_bytes) / static_cast<double>(set->total_bytes);
}

// --gave-up: where the fast path hands fragments to gumbo, by the first bytes of the token it
// gave up at (bytes of HTML sent to gumbo, largest first). Not a benchmark: a tool for deciding
// what the fast path should handle next.
void report_gave_up(const FragmentSet& set) {
  std::map<std::string, std::pair<std::size_t, std::size_t>> by_token;  // bytes, fragments
  std::size_t gumbo_bytes = 0;
  for (const Fragment& fragment : set.fragments) {
    const std::string input =
        orrery::sanitise::detail::is_bounded(fragment.html, orrery::sanitise::Limits{})
            ? fragment.html
            : orrery::sanitise::detail::bounded_input(fragment.html, orrery::sanitise::Limits{});
    orrery::sanitise::detail::FastTree tree;
    if (tree.build(input, orrery::sanitise::Limits{}.max_parse_depth)) {
      continue;
    }
    std::string token = input.substr(tree.gave_up_at(), 14);
    std::replace(token.begin(), token.end(), '\n', ' ');
    if (tree.gave_up_at() == 0 && !input.empty() && input[0] != '<' && input[0] != '&') {
      token = "(input stream: CR, controls or BOM)";
    }
    auto& [bytes, count] = by_token[token];
    if (count == 0 && std::getenv("ORRERY_BENCH_CONTEXT") != nullptr) {
      const std::size_t from = tree.gave_up_at() > 160 ? tree.gave_up_at() - 160 : 0;
      std::printf("--- %s\n%s\n", token.c_str(), input.substr(from, 240).c_str());
    }
    bytes += fragment.html.size();
    ++count;
    gumbo_bytes += fragment.html.size();
  }
  std::vector<std::pair<std::string, std::pair<std::size_t, std::size_t>>> rows(by_token.begin(),
                                                                                by_token.end());
  std::sort(rows.begin(), rows.end(),
            [](const auto& a, const auto& b) { return a.second.first > b.second.first; });
  std::printf("%s: %zu of %zu bytes to gumbo\n", set.label.c_str(), gumbo_bytes, set.total_bytes);
  for (std::size_t i = 0; i < rows.size() && i < 40; ++i) {
    std::printf("%10zu bytes %6zu fragments  %s\n", rows[i].second.first, rows[i].second.second,
                rows[i].first.c_str());
  }
}

void BM_HtmlToText(benchmark::State& state, const FragmentSet* set) {
  if (set->fragments.empty()) {
    state.SkipWithError(set->missing.empty() ? "no HTML in the documents" : set->missing.c_str());
    return;
  }
  for (auto _ : state) {
    for (const Fragment& fragment : set->fragments) {
      const std::string text = orrery::sanitise::html_to_text(fragment.html);
      benchmark::DoNotOptimize(text.data());
    }
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * set->total_bytes));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * set->fragments.size()));
}

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  static std::vector<FragmentSet> sets;
  for (const DocumentSet& documents : orrery::bench::load_both(argc, argv)) {
    sets.push_back(extract(documents));
  }
  if (std::find(argv + 1, argv + argc, std::string_view("--gave-up")) != argv + argc) {
    for (const FragmentSet& set : sets) {
      report_gave_up(set);
    }
    return 0;
  }
  for (const FragmentSet& set : sets) {
    benchmark::RegisterBenchmark(("BM_SanitiseHtml/" + set.label).c_str(), BM_SanitiseHtml, &set)
        ->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark(("BM_HtmlToText/" + set.label).c_str(), BM_HtmlToText, &set)
        ->Unit(benchmark::kMillisecond);
  }
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
