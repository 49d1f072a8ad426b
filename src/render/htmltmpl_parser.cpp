// htmltmpl parsing: the node tree built from the tokens, TMPL_INCLUDE, and Template::load/parse.

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <optional>
#include <sstream>
#include <system_error>

#include "model/limits.h"
#include "render/htmltmpl.h"
#include "render/htmltmpl_lexer.h"
#include "render/htmltmpl_node.h"

namespace orrery::render::htmltmpl {

namespace {

namespace fs = std::filesystem;
namespace limits = model::limits;

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

// Builds the node tree of one file; TMPL_INCLUDE recurses into a fresh FileParser.
class FileParser {
 public:
  FileParser(const std::vector<fs::path>& include_directories, std::vector<fs::path>& stack,
             std::string name, std::vector<Token> tokens)
      : m_include_directories(include_directories),
        m_stack(stack),
        m_name(std::move(name)),
        m_tokens(std::move(tokens)) {}

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
        out.push_back(Node{NodeKind::var, st.name, st.escape, {}, {}});
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
    Node node{kind_of(st.directive), st.name, Escape::unset, std::move(body->nodes), {}};
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
    if (static_cast<int>(m_stack.size()) > limits::k_max_template_include_depth) {
      return util::unexpected(error(st.line, fmt::format("includes nested deeper than {}",
                                                         limits::k_max_template_include_depth)));
    }
    fs::path id = identity_of(*found);
    if (std::find(m_stack.begin(), m_stack.end(), id) != m_stack.end()) {
      return util::unexpected(
          error(st.line, fmt::format("TMPL_INCLUDE \"{}\": include cycle", st.name)));
    }
    util::Result<std::vector<Node>> nodes = parse_file(*found, id, depth);
    if (!nodes) {
      return util::unexpected(nodes.error().message);
    }
    for (Node& n : *nodes) {
      out.push_back(std::move(n));
    }
    return {};
  }

 public:
  // Reads, lexes and parses `file` (whose identity on the include stack is `id`).
  util::Result<std::vector<Node>> parse_file(const fs::path& file, const fs::path& id, int depth) {
    util::Result<std::string> text = read_template(file);
    if (!text) {
      return util::unexpected(text.error().message);
    }
    return parse_text(*text, file.string(), id, depth);
  }

  util::Result<std::vector<Node>> parse_text(std::string_view text, std::string name,
                                             const fs::path& id, int depth) {
    util::Result<std::vector<Token>> tokens = tokenize(strip_comments(text), name);
    if (!tokens) {
      return util::unexpected(tokens.error().message);
    }
    m_stack.push_back(id);
    FileParser child(m_include_directories, m_stack, std::move(name), std::move(*tokens));
    util::Result<std::vector<Node>> nodes = child.parse(depth);
    m_stack.pop_back();
    return nodes;
  }

 private:
  // The including file's own directory first, then the theme's template_directories.
  std::optional<fs::path> find_include(const std::string& name) const {
    std::vector<fs::path> candidates{fs::path(m_name).parent_path() / name};
    for (const fs::path& dir : m_include_directories) {
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

  const std::vector<fs::path>& m_include_directories;
  std::vector<fs::path>& m_stack;  // identities of the files being parsed, outermost first
  std::string m_name;
  std::vector<Token> m_tokens;
  std::size_t m_next = 0;
};

}  // namespace

util::Result<Template> Template::load(const fs::path& file,
                                      const std::vector<fs::path>& include_directories) {
  std::vector<fs::path> stack;
  FileParser root(include_directories, stack, file.string(), {});
  util::Result<std::vector<Node>> nodes = root.parse_file(file, identity_of(file), 0);
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
  std::vector<fs::path> stack;
  FileParser root(include_directories, stack, name.string(), {});
  util::Result<std::vector<Node>> nodes =
      root.parse_text(source, name.string(), identity_of(name), 0);
  if (!nodes) {
    return util::unexpected(nodes.error().message);
  }
  return Template(std::make_shared<const std::vector<Node>>(std::move(*nodes)));
}

}  // namespace orrery::render::htmltmpl
