#include "normalise/scrub.h"

#include <algorithm>
#include <string_view>

#include "util/url.h"

namespace orrery::normalise {

namespace {

void erase_extension(model::ParsedCommon& common, std::string_view key) {
  std::erase_if(common.extensions, [&](const auto& e) { return e.first == key; });
  std::erase_if(common.extension_elements, [&](const auto& e) { return e.key == key; });
}

void clear_language(std::optional<model::TextConstruct>& construct) {
  if (construct) {
    construct->language.clear();
  }
}

// Removes `tag` from what the feed and its entries share.
void ignore_common(model::ParsedCommon& common, std::string_view tag) {
  if (tag == "author") {
    common.author.reset();
    common.author_text.clear();
    common.authors.clear();
  } else if (tag == "contributors" || tag == "contributor") {
    common.contributors.clear();
  } else if (tag == "id") {
    common.id.clear();
  } else if (tag == "link") {
    common.link.clear();
  } else if (tag == "links") {
    common.links.clear();
  } else if (tag == "title") {
    common.title.reset();
  } else if (tag == "rights") {
    common.rights.reset();
  } else if (tag == "tags" || tag == "category") {
    common.tags.clear();
  } else if (tag == "updated") {
    common.updated.reset();
  } else if (tag == "published") {
    common.published.reset();
  } else if (tag == "created") {
    common.created.reset();
  } else if (tag == "license") {
    common.license.clear();
  } else if (tag == "where") {
    common.where.reset();
  } else if (tag == "language") {
    common.language.clear();
    clear_language(common.title);
    clear_language(common.rights);
  } else {
    erase_extension(common, tag);
  }
}

void ignore_in_channel(model::ParsedChannel& channel, std::string_view tag) {
  ignore_common(channel, tag);
  if (tag == "subtitle") {
    channel.subtitle.reset();
  } else if (tag == "icon") {
    channel.icon.clear();
  } else if (tag == "logo") {
    channel.logo.clear();
  } else if (tag == "image") {
    channel.image.reset();
  } else if (tag == "generator") {
    channel.generator.clear();
    channel.generator_href.clear();
    channel.generator_version.clear();
  } else if (tag == "language") {
    clear_language(channel.subtitle);
  }
}

void ignore_in_entry(model::ParsedEntry& entry, std::string_view tag) {
  ignore_common(entry, tag);
  if (tag == "summary") {
    entry.summary.reset();
  } else if (tag == "content") {
    entry.content.clear();
  } else if (tag == "subtitle") {
    entry.subtitle.reset();
  } else if (tag == "enclosures") {
    entry.enclosures.clear();
  } else if (tag == "comments") {
    entry.comments.clear();
  } else if (tag == "expired") {
    entry.expired.reset();
  } else if (tag == "source") {
    entry.source.reset();
  } else if (tag == "language") {
    clear_language(entry.summary);
    clear_language(entry.subtitle);
    for (model::TextConstruct& content : entry.content) {
      content.language.clear();
    }
  }
}

void override_type(model::TextConstruct& construct, config::TextType type) {
  switch (type) {
    case config::TextType::as_given:
      return;
    case config::TextType::text:
      construct.type = model::TextType::text;
      break;
    case config::TextType::html:
      construct.type = model::TextType::html;
      break;
    case config::TextType::xhtml:
      construct.type = model::TextType::xhtml;
      break;
  }
  construct.media_type.clear();  // the override names one of the three text types
}

void override_type(std::optional<model::TextConstruct>& construct, config::TextType type) {
  if (construct) {
    override_type(*construct, type);
  }
}

// Venus's xml_base: a new base for an HTML or XHTML construct.
void rebase(model::TextConstruct& construct, const config::XmlBase& xml_base,
            const std::string& feed_alternate, const std::string& entry_alternate) {
  if (construct.type == model::TextType::text || !construct.media_type.empty()) {
    return;
  }
  switch (xml_base.mode) {
    case config::XmlBase::Mode::as_given:
      return;
    case config::XmlBase::Mode::feed_alternate:
      if (!feed_alternate.empty()) {
        construct.base = feed_alternate;
      }
      return;
    case config::XmlBase::Mode::entry_alternate:
      if (!entry_alternate.empty()) {
        construct.base = entry_alternate;
      }
      return;
    case config::XmlBase::Mode::uri:
      construct.base = util::resolve_url(construct.base, xml_base.uri);
      return;
  }
}

void rebase(std::optional<model::TextConstruct>& construct, const config::XmlBase& xml_base,
            const std::string& feed_alternate, const std::string& entry_alternate) {
  if (construct) {
    rebase(*construct, xml_base, feed_alternate, entry_alternate);
  }
}

}  // namespace

model::ParsedFeed scrub(model::ParsedFeed parsed, const config::FeedOptions& options) {
  for (const std::string& tag : options.ignore_in_feed) {
    ignore_in_channel(parsed.feed, tag);
    for (model::ParsedEntry& entry : parsed.entries) {
      ignore_in_entry(entry, tag);
    }
  }
  for (model::ParsedEntry& entry : parsed.entries) {
    override_type(entry.title, options.title_type);
    override_type(entry.summary, options.summary_type);
    if (!entry.content.empty()) {
      override_type(entry.content.front(), options.content_type);
    }
  }
  if (options.xml_base.mode != config::XmlBase::Mode::as_given) {
    const config::XmlBase& xml_base = options.xml_base;
    const std::string& feed_link = parsed.feed.link;
    for (model::ParsedEntry& entry : parsed.entries) {
      const std::string& feed_alternate =
          entry.source && !entry.source->link.empty() ? entry.source->link : feed_link;
      for (auto* c : {&entry.title, &entry.summary, &entry.subtitle, &entry.rights}) {
        rebase(*c, xml_base, feed_alternate, entry.link);
      }
      for (model::TextConstruct& content : entry.content) {
        rebase(content, xml_base, feed_alternate, entry.link);
      }
    }
    for (auto* c : {&parsed.feed.title, &parsed.feed.subtitle, &parsed.feed.rights}) {
      rebase(*c, xml_base, feed_link, "");
    }
  }
  return parsed;
}

}  // namespace orrery::normalise
