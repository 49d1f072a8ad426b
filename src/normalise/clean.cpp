// normalise::clean — the document as `orrery parse --json` shows it: every HTML or XHTML text
// construct sanitised against its own xml:base, and every URL-valued field (links, enclosures,
// icon, logo, people's URIs) resolved against the element's base and emptied when its scheme
// could run script. parse/ already resolves most URLs; doing it here again is idempotent and
// makes the guarantee normalise/'s own: nothing unsafe reaches a page through Entry or Channel.

#include <algorithm>

#include "model/limits.h"
#include "normalise/normalise.h"
#include "normalise/sanitise_limits.h"
#include "sanitise/sanitise.h"

namespace orrery::normalise {

namespace {

void clean_construct(model::TextConstruct& construct) {
  if (construct.type == model::TextType::text) {
    return;  // plain text stays plain: whoever puts it into HTML escapes it
  }
  construct.value = sanitise::sanitise_html(construct.value, construct.base, sanitise_limits());
}

void clean_optional(std::optional<model::TextConstruct>& construct) {
  if (construct) {
    clean_construct(*construct);
  }
}

void clean_url(std::string& url, const std::string& base) {
  if (!url.empty()) {
    url = sanitise::safe_link(url, base);
  }
}

void clean_person(model::Person& person, const std::string& base) { clean_url(person.href, base); }

void clean_links(model::ParsedCommon& common) {
  clean_url(common.link, common.base);
  for (model::Link& link : common.links) {
    clean_url(link.href, common.base);
  }
  std::erase_if(common.links, [](const model::Link& link) { return link.href.empty(); });
  if (common.author) {
    clean_person(*common.author, common.base);
  }
  for (model::Person& person : common.authors) {
    clean_person(person, common.base);
  }
  for (model::Person& person : common.contributors) {
    clean_person(person, common.base);
  }
  if (common.publisher) {
    clean_person(*common.publisher, common.base);
  }
}

void clean_common(model::ParsedCommon& common) {
  clean_optional(common.title);
  clean_optional(common.rights);
  clean_links(common);
}

void clean_channel(model::ParsedChannel& channel) {
  clean_common(channel);
  clean_optional(channel.subtitle);
  clean_optional(channel.info);
  clean_url(channel.icon, channel.base);
  clean_url(channel.logo, channel.base);
  clean_url(channel.href, channel.base);
  if (channel.image) {
    clean_url(channel.image->href, channel.base);
    clean_url(channel.image->link, channel.base);
  }
}

void clean_entry(model::ParsedEntry& entry) {
  clean_common(entry);
  clean_optional(entry.summary);
  clean_optional(entry.subtitle);
  for (model::TextConstruct& content : entry.content) {
    clean_construct(content);
  }
  for (model::Enclosure& enclosure : entry.enclosures) {
    clean_url(enclosure.href, entry.base);
  }
  std::erase_if(entry.enclosures, [](const model::Enclosure& e) { return e.href.empty(); });
  clean_url(entry.comments, entry.base);
  if (entry.source) {
    clean_channel(*entry.source);
  }
}

}  // namespace

model::ParsedFeed clean(model::ParsedFeed parsed) {
  clean_channel(parsed.feed);
  for (model::ParsedEntry& entry : parsed.entries) {
    clean_entry(entry);
  }
  return parsed;
}

}  // namespace orrery::normalise
