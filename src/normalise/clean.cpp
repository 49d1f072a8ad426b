// normalise::clean — the document as `orrery parse --json` shows it: every HTML or XHTML text
// construct sanitised against its own xml:base; every URL-valued field (links, enclosures, icon,
// logo, image, people's and the generator's URIs, comments, xml:base itself, media URLs) passed
// through the one URL policy (util/url_policy.h, via sanitise::safe_link) and emptied when it
// fails; plain-text fields that are never markup (names, emails, category terms and labels, the
// generator's name, link titles) stripped of markup; MIME types kept only as type/subtype.
// parse/ already resolves most URLs; doing it here again is idempotent and makes the guarantee
// normalise/'s own: nothing unsafe reaches a page through Entry or Channel.

#include <algorithm>

#include "model/limits.h"
#include "normalise/normalise.h"
#include "normalise/sanitise_limits.h"
#include "sanitise/sanitise.h"
#include "util/strings.h"
#include "util/url_policy.h"

namespace orrery::normalise {

namespace {

// xml:base is a URL like any other: a `javascript:` or `data:` base is dropped.
void clean_base(std::string& base) {
  if (!base.empty()) {
    base = util::allowed_url(base, util::UrlUse::resource, util::RelativeUrl::keep);
  }
}

// A field that is text wherever it is shown: any markup in it goes.
void clean_text(std::string& text) {
  if (!text.empty()) {
    text = sanitise::text_without_markup(text, sanitise_limits());
  }
}

void clean_media_type(std::string& type) {
  if (!type.empty()) {
    type = util::media_type(type);
  }
}

void clean_construct(model::TextConstruct& construct, const sanitise::Limits& html) {
  clean_base(construct.base);
  clean_media_type(construct.media_type);
  if (construct.type == model::TextType::text) {
    return;  // plain text stays plain: whoever puts it into HTML escapes it
  }
  construct.value = sanitise::sanitise_html(construct.value, construct.base, html);
}

void clean_optional(std::optional<model::TextConstruct>& construct, const sanitise::Limits& html) {
  if (construct) {
    clean_construct(*construct, html);
  }
}

void clean_url(std::string& url, const std::string& base) {
  if (!url.empty()) {
    url = sanitise::safe_link(url, base);
  }
}

void clean_person(model::Person& person, const std::string& base) {
  clean_text(person.name);
  clean_text(person.email);
  clean_url(person.href, base);
}

// Media RSS attributes that hold a URL (media:content url, media:thumbnail url, media:player url).
void clean_extension_urls(model::ParsedCommon& common) {
  for (model::ExtensionElement& element : common.extension_elements) {
    for (auto& [name, value] : element.attributes) {
      if (name == "url" || name == "href") {
        clean_url(value, common.base);
      } else if (name == "type" && element.key != "media_restriction") {
        // A MIME type everywhere but in media:restriction, where it names the kind of list.
        clean_media_type(value);
      }
    }
  }
}

void clean_links(model::ParsedCommon& common) {
  clean_url(common.link, common.base);
  for (model::Link& link : common.links) {
    clean_url(link.href, common.base);
    clean_media_type(link.type);
    clean_text(link.title);
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

// The author as the document wrote it (RSS `Name <me@example.com>`, kept for feedparser's
// `author`): kept when its only markup-like part is the angle-bracketed email of the parsed
// author, else written again from the parsed, cleaned author.
void clean_author_text(model::ParsedCommon& common) {
  std::string& text = common.author_text;
  auto markup_free = [](const std::string& s) {
    return sanitise::text_without_markup(s, sanitise_limits()) == util::collapse_whitespace(s);
  };
  if (text.empty() || markup_free(text)) {
    return;
  }
  const model::Person* p = common.author ? &*common.author : nullptr;
  if (p != nullptr && !p->email.empty()) {
    std::string without_email = text;
    const std::string bracketed = "<" + p->email + ">";
    if (std::size_t at = without_email.find(bracketed); at != std::string::npos) {
      without_email.erase(at, bracketed.size());
      if (markup_free(without_email)) {
        return;
      }
    }
  }
  if (p == nullptr) {
    text = sanitise::text_without_markup(text, sanitise_limits());
  } else if (p->name.empty() || p->email.empty()) {
    text = p->name.empty() ? p->email : p->name;
  } else {
    text = p->name + " (" + p->email + ")";
  }
}

void clean_common(model::ParsedCommon& common, const sanitise::Limits& html) {
  clean_base(common.base);
  clean_optional(common.title, html);
  clean_optional(common.rights, html);
  clean_links(common);
  clean_author_text(common);
  for (model::Tag& tag : common.tags) {
    clean_text(tag.term);
    clean_text(tag.label);
    clean_text(tag.scheme);
  }
  std::erase_if(common.tags, [](const model::Tag& tag) { return tag.term.empty(); });
  clean_extension_urls(common);
}

void clean_channel(model::ParsedChannel& channel, const sanitise::Limits& html) {
  clean_common(channel, html);
  clean_optional(channel.subtitle, html);
  clean_optional(channel.info, html);
  clean_url(channel.icon, channel.base);
  clean_url(channel.logo, channel.base);
  clean_url(channel.href, channel.base);
  clean_text(channel.generator);
  clean_url(channel.generator_href, channel.base);
  if (channel.image) {
    clean_url(channel.image->href, channel.base);
    clean_url(channel.image->link, channel.base);
    clean_text(channel.image->title);
  }
  if (channel.textinput) {
    clean_url(channel.textinput->link, channel.base);
  }
}

void clean_entry(model::ParsedEntry& entry, const sanitise::Limits& html) {
  clean_common(entry, html);
  clean_optional(entry.summary, html);
  clean_optional(entry.subtitle, html);
  for (model::TextConstruct& content : entry.content) {
    clean_construct(content, html);
  }
  for (model::Enclosure& enclosure : entry.enclosures) {
    clean_url(enclosure.href, entry.base);
    clean_media_type(enclosure.type);
  }
  if (entry.image) {
    clean_url(entry.image->href, entry.base);
    clean_url(entry.image->link, entry.base);
  }
  if (entry.psc_chapters) {
    for (model::Chapter& chapter : entry.psc_chapters->chapters) {
      clean_url(chapter.href, entry.base);
      clean_url(chapter.image, entry.base);
    }
  }
  std::erase_if(entry.enclosures, [](const model::Enclosure& e) { return e.href.empty(); });
  clean_url(entry.comments, entry.base);
  if (entry.source) {
    clean_channel(*entry.source, html);
  }
}

}  // namespace

model::ParsedFeed clean(model::ParsedFeed parsed, const CleanOptions& options) {
  sanitise::Limits html = sanitise_limits();
  html.embeds_as_links = options.embeds_as_links;
  clean_channel(parsed.feed, html);
  for (model::ParsedEntry& entry : parsed.entries) {
    clean_entry(entry, html);
  }
  return parsed;
}

}  // namespace orrery::normalise
