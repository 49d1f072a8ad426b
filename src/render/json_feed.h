#pragma once
// feed.json, written in code: the page's entries as a JSON Feed 1.1
// (https://jsonfeed.org/version/1.1).

#include <string>

#include "render/render.h"

namespace orrery::render {

// The JSON Feed of the page: version, title, home_page_url (the planet's link), feed_url
// (feed.json under it), description, authors (the owner), and one item per input entry in input
// order: id (the id every output shares), url, title (the entry's own, without the channel
// prefix the RSS outputs add: authors name the source), content_html (the content, else the
// summary), summary (the summary as plain text, when the item has both), date_published,
// date_modified (RFC 3339), authors (the entry's author, else the channel), tags, language,
// attachments (url, mime_type — application/octet-stream when unknown — and size_in_bytes).
// Every URL passes safe_link; members without a value are left out. Precondition:
// input.config != nullptr.
std::string write_json_feed(const RenderInput& input);

// Text of sanitised HTML, for JSON Feed's plain-text summary: tags dropped (block ends become
// spaces), &amp; &lt; &gt; &quot; &apos; &#39; &nbsp; and numeric references decoded, whitespace
// collapsed. Not a sanitiser: its input is the store's sanitised HTML.
std::string text_of_html(std::string_view html);

}  // namespace orrery::render
