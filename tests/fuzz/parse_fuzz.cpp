// libFuzzer target for parse::parse_document: any bytes, under a few transport hints, must give
// a ParsedFeed without crashing, hanging or leaking (ASan, UBSan), whose every value is valid
// UTF-8 (model/parsed_feed.h) — checked by serialising it as `orrery parse --json` does, which
// visits every field. Seeds: tests/data/parse and /work/shared/bench/real (tests/fuzz/run.sh).

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "parse/feedparser_json.h"
#include "parse/parse.h"
#include "util/utf8.h"

namespace {

// The hints a fetch may bring, chosen by the input's length so that no input byte is spent on
// them (the seeds stay the documents they are).
orrery::parse::ParseHints hints_for(std::size_t size) {
  orrery::parse::ParseHints hints;
  hints.base_url = "http://127.0.0.1/blog/feed.xml";
  switch (size % 5) {
    case 0:
      break;
    case 1:
      hints.content_type = "text/xml; charset=iso-8859-1";
      break;
    case 2:
      hints.content_type = "application/json";
      hints.content_location = "../other/feed.json";
      break;
    case 3:
      hints.content_type = "text/html; charset=utf-16";
      hints.content_language = "en-GB";
      break;
    default:
      hints.forced_encoding = "windows-1252";
      break;
  }
  return hints;
}

[[noreturn]] void fail(const char* what) {
  std::fprintf(stderr, "parse_fuzz: property violated: %s\n", what);
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const orrery::model::ParsedFeed feed = orrery::parse::parse_document(bytes, hints_for(size));
  if (feed.version.empty() && !feed.bozo) {
    fail("a document that is not a feed must be bozo");
  }
  const std::string json = orrery::parse::to_feedparser_json(feed);
  if (!orrery::util::is_valid_utf8(json)) {
    fail("ParsedFeed holds ill-formed UTF-8");
  }
  return 0;
}
