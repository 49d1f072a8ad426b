// libFuzzer target for loose recovery (parse/xml_repair.h balance_tags and the recovery path of
// parse_document). Two modes, chosen by the first byte:
//
// - Raw: the rest of the input is a document. balance_tags must return at most the input plus
//   the close tags it adds (every tag of the output opened in the input), and parse_document
//   must give valid UTF-8 and say bozo when it read no feed.
// - Structured: the input describes an RSS feed of N items (their texts taken from the input)
//   and one breakage in one item (a close tag dropped, an item left open, a stray `<`, a tag
//   cut short). The property of loose recovery: every item is still read, and every item the
//   breakage did not touch keeps its title. An element left open costs at most itself.
//
// Seeds: tests/data/parse (tests/fuzz/run.sh); dictionary: loose_recovery.dict.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "parse/feedparser_json.h"
#include "parse/parse.h"
#include "parse/xml_repair.h"
#include "util/utf8.h"

namespace {

[[noreturn]] void fail(const char* what, std::string_view input) {
  std::fprintf(stderr, "loose_recovery_fuzz: property violated: %s\n%.*s\n", what,
               static_cast<int>(input.size() > 2000 ? 2000 : input.size()), input.data());
  std::abort();
}

// Reads the structured description byte by byte; past the end every read is 0.
class Reader {
 public:
  explicit Reader(std::string_view bytes) : m_bytes(bytes) {}

  unsigned byte() {
    return m_at < m_bytes.size() ? static_cast<unsigned char>(m_bytes[m_at++]) : 0u;
  }

  // A short text with no markup: letters and digits from the input (at least one).
  std::string text() {
    std::string out;
    const unsigned length = 1 + byte() % 12;
    for (unsigned i = 0; i < length; ++i) {
      out += static_cast<char>('a' + byte() % 26);
    }
    return out;
  }

 private:
  std::string_view m_bytes;
  std::size_t m_at = 0;
};

enum class Breakage : unsigned {
  drop_title_close,        // <title>x<link>…
  drop_link_close,         // <link>x<description>…
  drop_description_close,  // <description>x</item>
  drop_author_close,       // <author>x<description>…
  drop_item_close,         // <item>…<item>
  unknown_left_open,       // <span>x</item>
  stray_less_than,         // <description>a < b</description>
  cut_tag,                 // <description x="1"  (tag never finished before the next)
  count
};

struct Item {
  std::string title;
  std::string link;
  std::string description;
  std::string author;
};

void check_structured(std::string_view input) {
  Reader in(input);
  const std::size_t count = 1 + in.byte() % 12;
  const std::size_t broken = in.byte() % count;
  const auto breakage = static_cast<Breakage>(in.byte() % static_cast<unsigned>(Breakage::count));
  std::vector<Item> items(count);
  std::string doc =
      "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>" + in.text() + "</title>\n";
  for (std::size_t i = 0; i < count; ++i) {
    Item& item = items[i];
    item.title = "t" + std::to_string(i) + in.text();
    item.link = "http://example.com/" + in.text();
    item.description = in.text();
    item.author = in.text();
    const bool b = i == broken;
    doc += "<item><title>" + item.title;
    doc += b && breakage == Breakage::drop_title_close ? "" : "</title>";
    doc += "<author>" + item.author;
    doc += b && breakage == Breakage::drop_author_close ? "" : "</author>";
    doc += "<link>" + item.link;
    doc += b && breakage == Breakage::drop_link_close ? "" : "</link>";
    if (b && breakage == Breakage::unknown_left_open) doc += "<span>" + in.text();
    if (b && breakage == Breakage::cut_tag) doc += "<description x=\"1\" ";
    doc += "<description>" + item.description;
    if (b && breakage == Breakage::stray_less_than) doc += " < " + in.text();
    doc += b && breakage == Breakage::drop_description_close ? "" : "</description>";
    doc += b && breakage == Breakage::drop_item_close ? "\n" : "</item>\n";
  }
  doc += "</channel></rss>\n";

  const orrery::model::ParsedFeed feed = orrery::parse::parse_document(doc, {});
  if (feed.version != "rss20") fail("a broken RSS feed is still RSS 2.0", doc);
  if (feed.entries.size() != count) fail("every item is read, the broken one included", doc);
  for (std::size_t i = 0; i < count; ++i) {
    const orrery::model::ParsedEntry& e = feed.entries[i];
    if (i == broken) {
      // The broken item's title starts as written (an unclosed title may have run on).
      if (!e.title || e.title->value.rfind(items[i].title, 0) != 0) {
        fail("the broken item keeps its title", doc);
      }
      continue;
    }
    if (!e.title || e.title->value != items[i].title) fail("an intact item keeps its title", doc);
    if (e.link != items[i].link) fail("an intact item keeps its link", doc);
  }
}

void check_raw(std::string_view input) {
  const std::string balanced = orrery::parse::balance_tags(input);
  // Every byte of the output is input copied, `&lt;` for a stray `<`, or an added close tag
  // (at most one per start tag, each no longer than the start tag's name plus 3).
  if (balanced.size() > 4 * input.size() + 16) fail("balance_tags grew the text too much", input);
  const orrery::model::ParsedFeed feed = orrery::parse::parse_document(input, {});
  if (feed.version.empty() && !feed.bozo) fail("a document that is not a feed must be bozo", input);
  if (!orrery::util::is_valid_utf8(orrery::parse::to_feedparser_json(feed))) {
    fail("ParsedFeed holds ill-formed UTF-8", input);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  if (bytes.empty()) return 0;
  if (static_cast<unsigned char>(bytes[0]) % 2 == 0) {
    check_structured(bytes.substr(1));
  } else {
    check_raw(bytes.substr(1));
  }
  return 0;
}
