#pragma once
// publishable: what every output of a planet may publish, applied once to the render input so
// that the page, the feeds written in code and XSLT themes agree: addresses that only bounce
// (noreply@blogger.com and its kind) are not published, and an untitled entry is titled from
// the first words of its text (feedparser and Venus leave it empty: docs/venus.md, Deliberate
// differences).

#include <cstddef>
#include <string_view>

#include "render/render.h"

namespace orrery::render {

// The words an untitled entry's title is made of, at most.
inline constexpr std::size_t k_untitled_title_words = 10;

// True for a mailbox nobody reads: a local part of noreply, no-reply, no_reply, donotreply,
// do-not-reply or do_not_reply (any case, any +tag), as Blogger's noreply@blogger.com.
bool is_no_reply_address(std::string_view email);

// Rewrites `input` in place: emails that only bounce cleared (entries, their contributors and
// sources, channels), untitled entries titled from their first k_untitled_title_words words.
void make_publishable(RenderInput& input);

// The same for entries alone (an archive page's, loaded one page at a time).
void make_publishable(std::vector<model::StoredEntry>& entries);

}  // namespace orrery::render
