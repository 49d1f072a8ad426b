#include "app/parse_command.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "model/limits.h"
#include "support/temp_dir.h"

namespace orrery::app {
namespace {

struct Ran {
  int code = 0;
  std::string out;
  std::string err;
};

Ran run(const std::string& input) {
  ParseCommandOptions options;
  options.input = input;
  std::ostringstream out;
  std::ostringstream err;
  Ran r;
  r.code = run_parse_command(options, out, err);
  r.out = out.str();
  r.err = err.str();
  return r;
}

// A document over k_max_document_bytes is refused as the aggregator refuses it, and stdout
// still holds the contract's JSON naming the bound.
TEST(ParseCommand, DocumentOverTheSizeLimitGivesBozoJsonAndExitOne) {
  test::TempDir dir;
  std::filesystem::path path = dir.path() / "huge.xml";
  {
    std::ofstream f(path, std::ios::binary);
    f << "<rss version='2.0'><channel><title>";
    std::string chunk(1 << 20, 'x');
    for (std::size_t written = 0; written <= model::limits::k_max_document_bytes;
         written += chunk.size()) {
      f << chunk;
    }
    f << "</title></channel></rss>";
  }
  Ran r = run(path.string());
  EXPECT_EQ(r.code, k_parse_not_feed);
  ASSERT_FALSE(r.out.empty());
  nlohmann::json j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["bozo"], true);
  EXPECT_EQ(j["version"], "");
  const std::string exception = j["bozo_exception"];
  EXPECT_EQ(exception.rfind("DocumentTooLarge", 0), 0u) << exception;
  EXPECT_NE(exception.find("k_max_document_bytes"), std::string::npos) << exception;
  EXPECT_NE(r.err.find("huge.xml"), std::string::npos) << r.err;
}

TEST(ParseCommand, UnreadableFileGivesBozoJsonAndExitOne) {
  Ran r = run("/nonexistent/feed.xml");
  EXPECT_EQ(r.code, k_parse_not_feed);
  nlohmann::json j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["bozo"], true);
  EXPECT_EQ(std::string(j["bozo_exception"]).rfind("DocumentUnreadable", 0), 0u);
  EXPECT_NE(r.err.find("/nonexistent/feed.xml"), std::string::npos);
}

TEST(ParseCommand, AnElementWithTooManyAttributesIsStillAFeed) {
  test::TempDir dir;
  std::string doc = "<rss version='2.0'><channel><title>T</title><item";
  for (int i = 0; i < 100'000; ++i) doc += " a" + std::to_string(i) + "='v'";
  doc += "><title>x</title></item></channel></rss>";
  Ran r = run(dir.write("attrs.xml", doc).string());
  EXPECT_EQ(r.code, k_parse_is_feed);
  nlohmann::json j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["bozo"], true);
  EXPECT_EQ(std::string(j["bozo_exception"]).rfind("AttributeLimitExceeded", 0), 0u);
  EXPECT_EQ(j["entries"].size(), 1u);
}

}  // namespace
}  // namespace orrery::app
