// normalise::clean — the document as `orrery parse --json` shows it: every HTML or XHTML text
// construct sanitised against its own xml:base. URL-valued fields (links, enclosures, icon,
// logo) arrive from parse/ already resolved.

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

void clean_common(model::ParsedCommon& common) {
  clean_optional(common.title);
  clean_optional(common.rights);
}

void clean_channel(model::ParsedChannel& channel) {
  clean_common(channel);
  clean_optional(channel.subtitle);
  clean_optional(channel.info);
}

}  // namespace

model::ParsedFeed clean(model::ParsedFeed parsed) {
  clean_channel(parsed.feed);
  for (model::ParsedEntry& entry : parsed.entries) {
    clean_common(entry);
    clean_optional(entry.summary);
    clean_optional(entry.subtitle);
    for (model::TextConstruct& content : entry.content) {
      clean_construct(content);
    }
    if (entry.source) {
      clean_channel(*entry.source);
    }
  }
  return parsed;
}

}  // namespace orrery::normalise
