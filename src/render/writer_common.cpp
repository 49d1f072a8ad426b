#include "render/writer_common.h"

#include <cstdint>
#include <cstdio>
#include <pugixml.hpp>

#include "util/strings.h"
#include "util/url.h"

namespace orrery::render {

pugi::xml_node append_text(pugi::xml_node parent, const char* name, std::string_view value) {
  pugi::xml_node node = parent.append_child(name);
  node.append_child(pugi::node_pcdata).set_value(xml_chars(value).c_str());
  return node;
}

void append_attribute(pugi::xml_node node, const char* name, std::string_view value) {
  node.append_attribute(name) = xml_chars(value).c_str();
}

namespace {

struct StringWriter : pugi::xml_writer {
  std::string out;
  void write(const void* data, std::size_t size) override {
    out.append(static_cast<const char*>(data), size);
  }
};

}  // namespace

std::string serialise(const pugi::xml_node& document) {
  StringWriter writer;
  writer.out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";
  document.print(writer, "  ", pugi::format_default, pugi::encoding_utf8);
  return std::move(writer.out);
}

std::string entry_id(const model::StoredEntry& stored) {
  if (!stored.entry.id.empty()) {
    return stored.entry.id;
  }
  std::string link = safe_link(stored.entry.link);
  return !link.empty() ? link : stable_urn("entry", {stored.feed_url, stored.entry.key});
}

bool is_clean_absolute_uri(std::string_view s) {
  if (!util::is_absolute_url(s)) {
    return false;
  }
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7F ||
        std::string_view("\"<>\\^`{|}").find(c) != std::string_view::npos) {
      return false;
    }
  }
  return true;
}

std::string language_tag(std::string_view language) {
  std::string tag(util::trim(language));
  std::size_t piece = 0;
  for (char& c : tag) {
    if (c == '_') {
      c = '-';
    }
    bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (c == '-') {
      if (piece == 0) {
        return {};
      }
      piece = 0;
    } else if (!alnum || ++piece > 8) {
      return {};
    }
  }
  return piece == 0 ? std::string() : tag;
}

std::optional<util::TimePoint> newest_update(const RenderInput& input) {
  std::optional<util::TimePoint> newest;
  for (const model::StoredEntry& stored : input.entries) {
    util::TimePoint when = stored.entry.updated.value_or(stored.first_seen);
    if (!newest || when > *newest) {
      newest = when;
    }
  }
  return newest;
}

std::string planet_url(const RenderInput& input, std::string_view name) {
  const std::string& link = input.config->planet.link;
  return link.empty() ? std::string() : safe_link(util::resolve_url(link, name));
}

std::string prefixed_title(const model::StoredEntry& stored, const ChannelView& channel) {
  const std::string& title = stored.entry.title_plain;
  return title.empty() ? channel.name : channel.name + ": " + title;
}

namespace {

// The public rel="self" link the feed at subscription `url` declares in its stored entries, or "".
std::string declared_self(const RenderInput& input, const std::string& url) {
  for (const model::StoredEntry& stored : input.entries) {
    if (stored.feed_url != url) {
      continue;
    }
    for (const model::Link& link : stored.entry.source.links) {
      if (link.rel == "self" && !safe_link(link.href).empty()) {
        return safe_link(link.href);
      }
    }
  }
  for (const auto& [feed, href] : input.declared_self) {
    if (feed == url && !safe_link(href).empty()) {
      return safe_link(href);
    }
  }
  return {};
}

}  // namespace

std::vector<Subscription> subscriptions(const RenderInput& input) {
  ChannelDirectory directory(input);
  std::vector<Subscription> out;
  for (const config::FeedSettings& feed : input.config->feeds) {
    // The directory knows every configured feed by URL; an entry-less lookup finds it.
    model::StoredEntry probe;
    probe.feed_url = feed.url;
    const ChannelView& view = directory.of(probe);
    Subscription sub{feed.url, view.name, {}, {}};
    if (safe_link(feed.url).empty()) {  // a local file: the address its feed declares, if any
      if (std::string self = declared_self(input, feed.url); !self.empty()) {
        sub.url = self;
      }
    }
    if (view.status != nullptr) {
      sub.title = view.status->channel.title_plain;
      sub.link = safe_link(view.status->channel.link);
    }
    out.push_back(std::move(sub));
  }
  return out;
}

std::string left_out_note(std::string_view output, const std::vector<std::string>& urls) {
  std::string note = std::string(output) + ": " + std::to_string(urls.size()) +
                     (urls.size() == 1 ? " subscription" : " subscriptions") +
                     " left out, its URL is not http, https or ftp:";
  if (urls.size() != 1) {
    util::replace_all(note, "its URL", "their URL");
  }
  for (std::size_t i = 0; i < urls.size(); ++i) {
    note += (i == 0 ? " " : ", ") + urls[i];
  }
  return note;
}

}  // namespace orrery::render
