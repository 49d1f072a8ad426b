// The small native filters: notweets.py, minhead.py, coral_cdn_filter.py; and the table of
// every native filter.

#include <array>
#include <charconv>
#include <string>
#include <vector>

#include "filters/entry_xml.h"
#include "filters/native.h"
#include "util/strings.h"

namespace orrery::filters {

namespace {

// The heading level of an element named h1…h6 (the qualified name, as minidom's
// getElementsByTagName compares it), else 0.
int heading_level(pugi::xml_node n) {
  std::string_view name = n.name();
  if (n.type() != pugi::node_element || name.size() != 2 || name[0] != 'h' || name[1] < '1' ||
      name[1] > '6') {
    return 0;
  }
  return name[1] - '0';
}

// "http://u:p@host:81/x" → "http://u:p@host.81.nyud.net:8080/x"; other URLs unchanged.
std::string coral_url(const std::string& url) {
  // urlparse lower-cases the scheme.
  auto colon = url.find(':');
  if (colon == std::string::npos || util::to_lower(url.substr(0, colon)) != "http" ||
      url.compare(colon, 3, "://") != 0) {
    return url;
  }
  std::size_t host_start = colon + 3;
  std::size_t host_end = url.find_first_of("/?#", host_start);
  if (host_end == std::string::npos) {
    host_end = url.size();
  }
  std::string netloc = url.substr(host_start, host_end - host_start);
  // A trailing :PORT (digits only) becomes .PORT.
  auto last = netloc.rfind(':');
  if (last != std::string::npos && last + 1 < netloc.size() &&
      netloc.find_first_not_of("0123456789", last + 1) == std::string::npos) {
    netloc[last] = '.';
  }
  netloc += ".nyud.net:8080";
  return url.substr(0, colon) + "://" + netloc + url.substr(host_end);
}

}  // namespace

Outcome notweets(std::string_view entry, const Options&) {
  if (entry.find("<id>tag:twitter.com,") != std::string_view::npos) {
    return Outcome::drop();
  }
  return Outcome::output(std::string(entry));
}

Outcome minhead(std::string_view entry, const Options& options) {
  int min = 3;
  if (auto it = options.find("min"); it != options.end()) {
    std::string_view v = util::trim(it->second);
    auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), min);
    if (ec != std::errc() || end != v.data() + v.size() || min < 1) {
      return Outcome::failure("min: \"" + it->second + "\" is not a heading level");
    }
  }
  pugi::xml_document doc;
  if (auto loaded = load_document(doc, entry); !loaded) {
    return Outcome::failure(loaded.error().message);
  }
  std::array<std::vector<pugi::xml_node>, 7> headings;
  struct Walker : pugi::xml_tree_walker {
    std::array<std::vector<pugi::xml_node>, 7>* found = nullptr;
    bool for_each(pugi::xml_node& n) override {
      if (int level = heading_level(n)) {
        (*found)[static_cast<std::size_t>(level)].push_back(n);
      }
      return true;
    }
  } walker;
  walker.found = &headings;
  doc.traverse(walker);
  int first = min;
  for (int i = 1; i < min && i <= 6; ++i) {
    if (!headings[static_cast<std::size_t>(i)].empty()) {
      first = i;
      break;
    }
  }
  if (first == min) {
    return Outcome::output(std::string(entry));
  }
  // As minhead.py: each heading is replaced by a new element (its attributes are not kept), its
  // children moved; the levels may pass h6.
  for (int i = 6; i >= 1; --i) {
    std::string name = "h" + std::to_string(i + min - first);
    for (pugi::xml_node old : headings[static_cast<std::size_t>(i)]) {
      pugi::xml_node parent = old.parent();
      pugi::xml_node fresh = parent.insert_child_before(name.c_str(), old);
      while (pugi::xml_node child = old.first_child()) {
        fresh.append_move(child);
      }
      parent.remove_child(old);
    }
  }
  return Outcome::output(save_document(doc));
}

Outcome coral_cdn(std::string_view entry, const Options&) {
  pugi::xml_document doc;
  if (auto loaded = load_document(doc, entry); !loaded) {
    return Outcome::failure(loaded.error().message);
  }
  struct Walker : pugi::xml_tree_walker {
    bool for_each(pugi::xml_node& n) override {
      if (n.type() == pugi::node_element && std::string_view(n.name()) == "img") {
        if (pugi::xml_attribute src = n.attribute("src")) {
          src = coral_url(src.value()).c_str();
        }
      }
      return true;
    }
  } walker;
  doc.traverse(walker);
  return Outcome::output(save_document(doc));
}

const NativeFilter* find_native(std::string_view name) {
  static constexpr NativeFilter k_natives[] = {
      {"excerpt.py", &excerpt},           {"regexp_sifter.py", &regexp_sifter},
      {"xpath_sifter.py", &xpath_sifter}, {"notweets.py", &notweets},
      {"minhead.py", &minhead},           {"coral_cdn_filter.py", &coral_cdn},
      {"html2xhtml.plugin", &html2xhtml}, {"xhtml2html.plugin", &xhtml2html},
  };
  for (const NativeFilter& n : k_natives) {
    if (n.name == name) {
      return &n;
    }
  }
  return nullptr;
}

}  // namespace orrery::filters
