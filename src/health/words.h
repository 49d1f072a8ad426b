#pragma once
// A feed's last failure in plain words, for people who never saw orrery's log: "the server
// answers 404 Not Found", "the server did not answer within 30 s", "the document is not a feed".
// The words never carry a local path or internal error text, so they may be published (the
// health page, health.json, the default theme's subscription list).

#include <string>
#include <string_view>

namespace orrery::health {

// The reason in plain words for a failed fetch or parse, from the HTTP status of the attempt
// (0: no response) and the one-line error orrery recorded (FetchResult::error, or "parse: "
// and the parser's reason). An error it does not recognise gives "the feed could not be
// fetched" rather than the error's text.
std::string failure_words(int status, std::string_view error);

// What was wrong with a feed read with recovery (ParsedFeed::bozo_exception, feedparser's
// names: "SAXParseException: …", "CharacterEncodingOverride: …"), in plain words: "the document
// is not well-formed XML". "" for an empty reason.
std::string recovery_words(std::string_view bozo_exception);

}  // namespace orrery::health
