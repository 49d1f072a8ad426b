// htmltmpl parsing: the node tree built from the tokens, TMPL_INCLUDE, and Template::load/parse.

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <optional>
#include <sstream>
#include <system_error>

#include "model/limits.h"
#include "render/htmltmpl/lexer.h"
#include "render/htmltmpl/node.h"
#include "render/htmltmpl/template.h"

namespace orrery::render::htmltmpl {

namespace {

namespace fs = std::filesystem;
namespace limits = model::limits;

constexpr std::string_view k_htmltmpl_include_dir = "inc";

util::Result<std::string> read_template(const fs::path& file) {
  std::error_code ec;
  std::uintmax_t size = fs::file_size(file, ec);
  if (ec) {
    return util::unexpected(fmt::format("{}: cannot read: {}", file.string(), ec.message()));
  }
  if (size > limits::k_max_template_bytes) {
    return util::unexpected(fmt::format("{}: template larger than {} bytes", file.string(),
                                        limits::k_max_template_bytes));
  }
  std::ifstream in(file, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  if (!in) {
    return util::unexpected(fmt::format("{}: cannot read", file.string()));
  }
  return ss.str();
}

fs::path identity_of(const fs::path& file) {
  std::error_code ec;
  fs::path canonical = fs::weakly_canonical(file, ec);
  return ec ? file.lexically_normal() : canonical;
}

// A block's nodes, and whether it ended at a TMPL_ELSE (rather than at its closing statement).
struct Block {
  std::vector<Node> nodes;
  bool at_else = false;
};

// What one load() or parse() shares across the files it reads.
struct Includes {
  const std::vector<fs::path>& directories;  // the theme's template_directories
  std::vector<fs::path> stack;  // identities of the files being parsed, outermost first
};

util::Result<std::vector<Node>> parse_text(Includes& includes, std::string_view text,
                                           std::string name, const fs::path& id, int depth);
util::Result<std::vector<Node>> parse_file(Includes& includes, const fs::path& file,
                                           const fs::path& id, int depth);

// Builds the node tree of one file; TMPL_INCLUDE recurses through parse_file().
class FileParser {
 public:
  FileParser(Includes& includes, std::string name, std::vector<Token> tokens)
      : m_includes(includes), m_name(std::move(name)), m_tokens(std::move(tokens)) {}

  // The whole file; `depth` is the number of blocks open around it (in including files).
  util::Result<std::vector<Node>> parse(int depth) {
    util::Result<Block> top = block(depth, nullptr);
    if (!top) {
      return util::unexpected(top.error().message);
    }
    return std::move(top->nodes);
  }

 private:
  // Statements until `opener`'s closing statement (or a TMPL_ELSE in an if/unless), or until the
  // end of the file at the top level.
  util::Result<Block> block(int depth, const Statement* opener) {
    Block out;
    while (m_next < m_tokens.size()) {
      Token& token = m_tokens[m_next++];
      if (!token.is_statement) {
        out.nodes.push_back(Node{NodeKind::text, std::move(token.text), Escape::unset, {}, {}});
        continue;
      }
      const Statement& st = token.statement;
      if (opener != nullptr && st.directive == closing_of(opener->directive)) {
        return out;
      }
      if (opener != nullptr && st.directive == Directive::else_ &&
          opener->directive != Directive::loop) {
        out.at_else = true;
        return out;
      }
      util::Result<void> r = statement(depth, st, out.nodes);
      if (!r) {
        return util::unexpected(r.error().message);
      }
    }
    if (opener != nullptr) {
      return util::unexpected(error(
          opener->line,
          fmt::format("{} {} is never closed", directive_tag(opener->directive), opener->name)));
    }
    return out;
  }

  util::Result<void> statement(int depth, const Statement& st, std::vector<Node>& out) {
    switch (st.directive) {
      case Directive::var:
        out.push_back(Node{NodeKind::var, st.name, st.escape, {}, {}, st.global});
        return {};
      case Directive::if_:
      case Directive::unless:
      case Directive::loop:
        return open_block(depth, st, out);
      case Directive::include:
        return include(depth, st, out);
      case Directive::else_:
      case Directive::end_if:
      case Directive::end_unless:
      case Directive::end_loop:
        break;
    }
    return util::unexpected(error(st.line, fmt::format("{} without a matching opening statement",
                                                       directive_tag(st.directive))));
  }

  util::Result<void> open_block(int depth, const Statement& st, std::vector<Node>& out) {
    if (depth + 1 > limits::k_max_template_nesting) {
      return util::unexpected(error(
          st.line, fmt::format("blocks nested deeper than {}", limits::k_max_template_nesting)));
    }
    util::Result<Block> body = block(depth + 1, &st);
    if (!body) {
      return util::unexpected(body.error().message);
    }
    Node node{kind_of(st.directive), st.name, Escape::unset, std::move(body->nodes), {}, st.global};
    if (body->at_else) {
      int else_line = m_tokens[m_next - 1].statement.line;
      util::Result<Block> rest = block(depth + 1, &st);
      if (!rest) {
        return util::unexpected(rest.error().message);
      }
      if (rest->at_else) {
        return util::unexpected(
            error(m_tokens[m_next - 1].statement.line,
                  fmt::format("second <TMPL_ELSE> (the first is on line {})", else_line)));
      }
      node.else_body = std::move(rest->nodes);
    }
    out.push_back(std::move(node));
    return {};
  }

  util::Result<void> include(int depth, const Statement& st, std::vector<Node>& out) {
    std::optional<fs::path> found = find_include(st.name);
    if (!found) {
      return util::unexpected(
          error(st.line, fmt::format("TMPL_INCLUDE \"{}\": no such template", st.name)));
    }
    if (static_cast<int>(m_includes.stack.size()) > limits::k_max_template_include_depth) {
      return util::unexpected(error(st.line, fmt::format("includes nested deeper than {}",
                                                         limits::k_max_template_include_depth)));
    }
    fs::path id = identity_of(*found);
    if (std::find(m_includes.stack.begin(), m_includes.stack.end(), id) != m_includes.stack.end()) {
      return util::unexpected(
          error(st.line, fmt::format("TMPL_INCLUDE \"{}\": include cycle", st.name)));
    }
    util::Result<std::vector<Node>> nodes = parse_file(m_includes, *found, id, depth);
    if (!nodes) {
      return util::unexpected(nodes.error().message);
    }
    for (Node& n : *nodes) {
      out.push_back(std::move(n));
    }
    return {};
  }

 private:
  // The including file's own directory, its inc/ (where Python htmltmpl, and so Venus, looks),
  // then the theme's template_directories.
  std::optional<fs::path> find_include(const std::string& name) const {
    fs::path own = fs::path(m_name).parent_path();
    std::vector<fs::path> candidates{own / name, own / k_htmltmpl_include_dir / name};
    for (const fs::path& dir : m_includes.directories) {
      candidates.push_back(dir / name);
    }
    for (const fs::path& c : candidates) {
      std::error_code ec;
      if (fs::is_regular_file(c, ec)) {
        return c;
      }
    }
    return std::nullopt;
  }

  static Directive closing_of(Directive d) {
    return d == Directive::loop  ? Directive::end_loop
           : d == Directive::if_ ? Directive::end_if
                                 : Directive::end_unless;
  }

  static NodeKind kind_of(Directive d) {
    return d == Directive::loop  ? NodeKind::loop
           : d == Directive::if_ ? NodeKind::if_block
                                 : NodeKind::unless_block;
  }

  std::string error(int line, std::string_view reason) const {
    return fmt::format("{}:{}: {}", m_name, line, reason);
  }

  Includes& m_includes;
  std::string m_name;
  std::vector<Token> m_tokens;
  std::size_t m_next = 0;
};

util::Result<std::vector<Node>> parse_text(Includes& includes, std::string_view text,
                                           std::string name, const fs::path& id, int depth) {
  util::Result<std::vector<Token>> tokens = tokenize(strip_comments(text), name);
  if (!tokens) {
    return util::unexpected(tokens.error().message);
  }
  includes.stack.push_back(id);
  FileParser parser(includes, std::move(name), std::move(*tokens));
  util::Result<std::vector<Node>> nodes = parser.parse(depth);
  includes.stack.pop_back();
  return nodes;
}

util::Result<std::vector<Node>> parse_file(Includes& includes, const fs::path& file,
                                           const fs::path& id, int depth) {
  util::Result<std::string> text = read_template(file);
  if (!text) {
    return util::unexpected(text.error().message);
  }
  return parse_text(includes, *text, file.string(), id, depth);
}

}  // namespace

util::Result<Template> Template::load(const fs::path& file,
                                      const std::vector<fs::path>& include_directories) {
  Includes includes{include_directories, {}};
  util::Result<std::vector<Node>> nodes = parse_file(includes, file, identity_of(file), 0);
  if (!nodes) {
    return util::unexpected(nodes.error().message);
  }
  return Template(std::make_shared<const std::vector<Node>>(std::move(*nodes)));
}

util::Result<Template> Template::parse(std::string_view source, const fs::path& name,
                                       const std::vector<fs::path>& include_directories) {
  if (source.size() > limits::k_max_template_bytes) {
    return util::unexpected(fmt::format("{}: template larger than {} bytes", name.string(),
                                        limits::k_max_template_bytes));
  }
  Includes includes{include_directories, {}};
  util::Result<std::vector<Node>> nodes =
      parse_text(includes, source, name.string(), identity_of(name), 0);
  if (!nodes) {
    return util::unexpected(nodes.error().message);
  }
  return Template(std::make_shared<const std::vector<Node>>(std::move(*nodes)));
}

}  // namespace orrery::render::htmltmpl
