#pragma once
// The documents the per-stage benchmarks read: the generated 1,000-feed corpus
// (make_corpus.py --out DIR) and the 52 real feeds of /work/shared/bench/real. Header-only so
// that every benchmark program still links only the module it measures.
//
// Where they come from, first match wins:
//   --corpus=DIR / --real=DIR on the command line (after Google Benchmark's own flags),
//   ORRERY_BENCH_CORPUS / ORRERY_BENCH_REAL in the environment.
// A set whose directory is not given, or holds no documents, is empty: its benchmarks skip
// with a message naming the flag and the variable.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

namespace orrery::bench {

// One document as the server would send it.
struct Document {
  std::string name;      // path relative to its set's directory
  std::string base_url;  // the URL the document would be fetched from
  std::string bytes;
};

// A named set of documents and where it was read from.
struct DocumentSet {
  std::string label;      // "corpus" or "real"
  std::string directory;  // "" when no directory was given
  std::vector<Document> documents;
  std::size_t total_bytes = 0;

  bool empty() const { return documents.empty(); }
  // Why the set is empty, for SkipWithError: names the flag and the environment variable.
  std::string missing_message() const {
    const std::string flag = "--" + label + "=DIR";
    const std::string variable = label == "corpus" ? "ORRERY_BENCH_CORPUS" : "ORRERY_BENCH_REAL";
    if (directory.empty()) {
      return label + ": no documents; pass " + flag + " or set " + variable;
    }
    return label + ": no documents under " + directory;
  }
};

namespace detail {

inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::error_code ec;
  const std::uintmax_t size = std::filesystem::file_size(path, ec);
  if (ec) {
    return {};
  }
  std::string bytes(static_cast<std::size_t>(size), '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  bytes.resize(static_cast<std::size_t>(in.gcount()));
  return bytes;
}

// The list of documents of a directory: feeds.lst (one relative path a line, as both
// make_corpus.py and real/ ship it), else every regular file but *.md and *.lst, sorted.
inline std::vector<std::string> list_documents(const std::filesystem::path& dir) {
  std::vector<std::string> names;
  std::ifstream list(dir / "feeds.lst");
  for (std::string line; std::getline(list, line);) {
    if (!line.empty() && std::filesystem::is_regular_file(dir / line)) {
      names.push_back(line);
    }
  }
  if (!names.empty()) {
    return names;
  }
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    const std::string ext = entry.path().extension().string();
    if (entry.is_regular_file() && ext != ".md" && ext != ".lst") {
      names.push_back(entry.path().filename().string());
    }
  }
  std::sort(names.begin(), names.end());
  return names;
}

inline std::string option_value(int argc, char** argv, std::string_view flag) {
  const std::string prefix = std::string(flag) + "=";
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg.substr(0, prefix.size()) == prefix) {
      return std::string(arg.substr(prefix.size()));
    }
  }
  return "";
}

}  // namespace detail

// Reads the set called label ("corpus" or "real") from --label=DIR, else the environment
// variable. base_url_prefix is put before each relative path to make the document's URL.
inline DocumentSet load_documents(int argc, char** argv, const std::string& label,
                                  const char* variable, std::string_view base_url_prefix) {
  DocumentSet set;
  set.label = label;
  set.directory = detail::option_value(argc, argv, "--" + label);
  if (set.directory.empty()) {
    const char* from_env = std::getenv(variable);
    set.directory = from_env == nullptr ? "" : from_env;
  }
  if (set.directory.empty()) {
    return set;
  }
  for (const std::string& name : detail::list_documents(set.directory)) {
    Document doc{name, std::string(base_url_prefix) + name,
                 detail::read_file(std::filesystem::path(set.directory) / name)};
    set.total_bytes += doc.bytes.size();
    set.documents.push_back(std::move(doc));
  }
  return set;
}

// Both sets, in the order the benchmarks report them.
inline std::vector<DocumentSet> load_both(int argc, char** argv) {
  std::vector<DocumentSet> sets;
  sets.push_back(
      load_documents(argc, argv, "corpus", "ORRERY_BENCH_CORPUS", "http://127.0.0.1:8480/"));
  sets.push_back(load_documents(argc, argv, "real", "ORRERY_BENCH_REAL", "https://example.org/"));
  return sets;
}

}  // namespace orrery::bench
