#pragma once
// filters: how a filter is named in a config (Venus's `filters = excerpt.py?width=300`).

#include <map>
#include <string>
#include <string_view>

namespace orrery::filters {

// A filter's options by key. Executables see them as `--key value` pairs in key order, XSLT
// stylesheets as string parameters, native filters read them by name.
using Options = std::map<std::string, std::string>;

// One filter as written in a `filters` list: `NAME[?QUERY][>DEST]`.
struct FilterSpec {
  std::string written;  // the token as written, for messages and for comparing chains
  std::string name;     // the file name looked up in filter_directories ("stripAd/yahoo.sed")
  Options query;        // decoded query options; they override every other option
  // Template output filters only: `f > dest` runs f over the output and writes what it prints
  // to output_dir/DEST, leaving the output itself as it was (Venus's tee). Empty: a pipe.
  std::string tee;
};

// Splits a token of a `filters` list. The query is decoded as Python's cgi.parse_qsl decodes it
// (Venus): pairs separated by `&` or `;`, `+` is a space, %XX escapes; pairs without `=` or with
// an empty value are ignored. `>` splits off a tee destination only when `tee` is allowed (the
// filters of a [template] section); elsewhere it is part of the name.
enum class TeeSyntax { no, allowed };
FilterSpec parse_spec(std::string_view written, TeeSyntax tee = TeeSyntax::no);

// Percent-decoding as Python's urllib.unquote_plus: `+` is a space, a malformed escape stays
// as written.
std::string unquote_plus(std::string_view s);

}  // namespace orrery::filters
