// parse_document over families of pathological documents, each from 10^3 to 10^6 of one thing:
// attributes on one element, namespace declarations (on the root, and one per nested element),
// entries, nesting, unknown elements in one item, and broken documents that loose recovery
// rebalances (unclosed items, unmatched close tags). Each bound of model/limits.h must keep the
// time linear in the size: the bytes/s of a family should not fall as n grows. Figures:
// docs/performance.md ("Pathological documents").
//
//   cmake -S . -B build/h-bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DORRERY_BUILD_BENCH=ON
//   cmake --build build/h-bench --target orrery_parse_bounds_bench
//   build/h-bench/bench/orrery_parse_bounds_bench
//
// Documents past model::limits::k_max_document_bytes (16 MiB) are parsed cut at the limit, as
// parse_document cuts them; the families stay below it up to 10^6 where they can.

#include <benchmark/benchmark.h>

#include <cstddef>
#include <cstdint>
#include <string>

#include "parse/parse.h"

namespace {

std::string attributes(std::size_t n) {
  std::string doc = "<rss version=\"2.0\"><channel><title>t</title><item";
  for (std::size_t i = 0; i < n; ++i) doc += " a" + std::to_string(i) + "=\"v\"";
  return doc + "><title>x</title></item></channel></rss>";
}

std::string prefixed_attributes(std::size_t n) {
  std::string doc = "<rss version=\"2.0\" xmlns:p=\"urn:p\"><channel><title>t</title><item";
  for (std::size_t i = 0; i < n; ++i) doc += " p:a" + std::to_string(i) + "=\"v\"";
  return doc + "><title>x</title></item></channel></rss>";
}

std::string root_namespaces(std::size_t n) {
  std::string doc = "<rss version=\"2.0\"";
  for (std::size_t i = 0; i < n; ++i) {
    doc += " xmlns:n" + std::to_string(i) + "=\"urn:n" + std::to_string(i) + "\"";
  }
  return doc + "><channel><title>t</title><item><title>x</title></item></channel></rss>";
}

// One declaration per nested element, then a prefixed element at the bottom of each chain:
// namespace lookups through many declaring ancestors.
std::string nested_namespaces(std::size_t n) {
  const std::size_t depth = 400;  // under k_max_xml_depth, so every level is walked
  std::string doc = "<rss version=\"2.0\"><channel><title>t</title><item><title>x</title>";
  std::size_t made = 0;
  while (made < n) {
    std::size_t levels = 0;
    for (; levels < depth && made < n; ++levels, ++made) {
      doc += "<q xmlns:n" + std::to_string(made) + "=\"urn:" + std::to_string(made) + "\">";
    }
    doc += "<n" + std::to_string(made - 1) + ":x/>";
    for (std::size_t i = 0; i < levels; ++i) doc += "</q>";
  }
  return doc + "</item></channel></rss>";
}

std::string entries(std::size_t n) {
  std::string doc = "<rss version=\"2.0\"><channel><title>t</title>";
  for (std::size_t i = 0; i < n; ++i) doc += "<item><title>e</title></item>";
  return doc + "</channel></rss>";
}

std::string nesting(std::size_t n) {
  std::string doc = "<rss version=\"2.0\"><channel><title>t</title><item><description>";
  for (std::size_t i = 0; i < n; ++i) doc += "<x>";
  for (std::size_t i = 0; i < n; ++i) doc += "</x>";
  return doc + "</description></item></channel></rss>";
}

// Many elements at the bottom of a deep chain: every one resolves its namespace there.
std::string deep_siblings(std::size_t n) {
  std::string doc =
      "<rss version=\"2.0\" xmlns:p=\"urn:p\"><channel><title>t</title><item><title>x</title>";
  for (int i = 0; i < 400; ++i) doc += "<q>";
  for (std::size_t i = 0; i < n; ++i) doc += "<p:x/>";
  for (int i = 0; i < 400; ++i) doc += "</q>";
  return doc + "</item></channel></rss>";
}

std::string unknown_elements(std::size_t n) {
  std::string doc = "<rss version=\"2.0\"><channel><title>t</title><item>";
  for (std::size_t i = 0; i < n; ++i) {
    doc += "<u" + std::to_string(i) + ">v</u" + std::to_string(i) + ">";
  }
  return doc + "</item></channel></rss>";
}

// Broken: every item left open (loose recovery closes each at the next).
std::string unclosed_items(std::size_t n) {
  std::string doc = "<rss version=\"2.0\"><channel><title>t</title>";
  for (std::size_t i = 0; i < n; ++i) doc += "<item><title>e";
  return doc;
}

// Broken: deep open elements, then close tags that match none of them.
std::string unmatched_closes(std::size_t n) {
  std::string doc = "<rss version=\"2.0\"><channel><title>t</title><item>";
  for (std::size_t i = 0; i < n / 2; ++i) doc += "<a>";
  for (std::size_t i = 0; i < n / 2; ++i) doc += "</b>";
  return doc;
}

void run(benchmark::State& state, std::string (*make)(std::size_t)) {
  const std::string doc = make(static_cast<std::size_t>(state.range(0)));
  std::size_t entries_read = 0;
  bool bozo = false;
  for (auto _ : state) {
    const orrery::model::ParsedFeed feed = orrery::parse::parse_document(doc, {});
    entries_read = feed.entries.size();
    bozo = feed.bozo;
    benchmark::DoNotOptimize(feed.entries.data());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * doc.size()));
  state.counters["doc_MB"] = static_cast<double>(doc.size()) / 1e6;
  state.counters["entries"] = static_cast<double>(entries_read);
  state.counters["bozo"] = bozo ? 1 : 0;
}

#define ORRERY_FAMILY(name)           \
  BENCHMARK_CAPTURE(run, name, &name) \
      ->RangeMultiplier(10)           \
      ->Range(1000, 1000000)          \
      ->Unit(benchmark::kMillisecond)

ORRERY_FAMILY(attributes);
ORRERY_FAMILY(prefixed_attributes);
ORRERY_FAMILY(root_namespaces);
ORRERY_FAMILY(nested_namespaces);
ORRERY_FAMILY(entries);
ORRERY_FAMILY(nesting);
ORRERY_FAMILY(deep_siblings);
ORRERY_FAMILY(unknown_elements);
ORRERY_FAMILY(unclosed_items);
ORRERY_FAMILY(unmatched_closes);

}  // namespace

BENCHMARK_MAIN();
