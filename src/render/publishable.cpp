#include "render/publishable.h"

#include <vector>

#include "render/present.h"
#include "util/strings.h"

namespace orrery::render {

namespace {

void clear_no_reply(model::Person& person) {
  if (is_no_reply_address(person.email)) {
    person.email.clear();
  }
}

void clear_no_reply(std::vector<model::Person>& people) {
  for (model::Person& person : people) {
    clear_no_reply(person);
  }
}

void publishable_entry(model::Entry& e) {
  clear_no_reply(e.author);
  clear_no_reply(e.contributors);
  clear_no_reply(e.source.author);
  clear_no_reply(e.source.contributors);
  if (e.title_plain.empty() && e.title_html.empty()) {
    const std::string& text = !e.content_html.empty() ? e.content_html : e.summary_html;
    e.title_plain = first_words(text, k_untitled_title_words);
    e.title_html = util::escape_html(e.title_plain);
    e.title_type = model::TextType::text;
  }
}

}  // namespace

bool is_no_reply_address(std::string_view email) {
  std::size_t at = email.rfind('@');
  if (at == std::string_view::npos) {
    return false;
  }
  std::string local = util::to_lower(email.substr(0, at));
  local = local.substr(0, local.find('+'));
  std::string squeezed;
  for (char c : local) {
    if (c != '-' && c != '_' && c != '.') {
      squeezed += c;
    }
  }
  return squeezed == "noreply" || squeezed == "donotreply";
}

void make_publishable(RenderInput& input) {
  for (model::StoredEntry& stored : input.entries) {
    publishable_entry(stored.entry);
  }
  for (model::ChannelStatus& channel : input.channels) {
    clear_no_reply(channel.channel.author);
  }
}

void make_publishable(std::vector<model::StoredEntry>& entries) {
  for (model::StoredEntry& stored : entries) {
    publishable_entry(stored.entry);
  }
}

}  // namespace orrery::render
