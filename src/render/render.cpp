#include "render/render.h"

#include <algorithm>
#include <chrono>
#include <optional>

#include "render/atom.h"
#include "render/htmltmpl/context.h"
#include "render/htmltmpl/template.h"

namespace orrery::render {

namespace {

namespace fs = std::filesystem;

constexpr std::string_view k_htmltmpl_extension = ".tmpl";

// Files written in code; a theme template with the same output name is not rendered.
constexpr std::string_view k_code_outputs[] = {"atom.xml"};

bool is_code_output(std::string_view name) {
  return std::find(std::begin(k_code_outputs), std::end(k_code_outputs), name) !=
         std::end(k_code_outputs);
}

// The template's own section ([index.html.tmpl]), or nullptr.
const config::TemplateSettings* settings_of(const config::Config& config, const fs::path& file) {
  std::string name = file.filename().string();
  for (const config::TemplateSettings& t : config.templates) {
    if (t.file == file || t.name == name) {
      return &t;
    }
  }
  return nullptr;
}

// The entries this template shows: its section's items_per_page and days_per_page narrow the
// page app/ selected with [Planet]'s (they cannot widen it).
std::vector<model::StoredEntry> entries_for(const RenderInput& input,
                                            const config::TemplateSettings& settings) {
  return select_page(input.entries, settings.items_per_page, settings.days_per_page);
}

}  // namespace

std::vector<model::StoredEntry> select_page(const std::vector<model::StoredEntry>& entries,
                                            int items_per_page, int days_per_page) {
  std::vector<model::StoredEntry> out;
  std::optional<std::chrono::sys_days> day;
  int days = 0;
  for (const model::StoredEntry& stored : entries) {
    if (items_per_page > 0 && out.size() >= static_cast<std::size_t>(items_per_page)) {
      break;
    }
    util::TimePoint at = stored.entry.updated.value_or(stored.first_seen);
    auto when = std::chrono::floor<std::chrono::days>(at);
    if (!day || when != *day) {
      day = when;
      if (days_per_page > 0 && ++days > days_per_page) {
        break;
      }
    }
    out.push_back(stored);
  }
  return out;
}

namespace {

util::Result<RenderedFile> render_template(const RenderInput& input, const fs::path& file) {
  std::string template_name = file.filename().string();
  std::string output_name =
      template_name.substr(0, template_name.size() - k_htmltmpl_extension.size());
  util::Result<htmltmpl::Template> tmpl =
      htmltmpl::Template::load(file, input.config->planet.template_directories);
  if (!tmpl) {
    return util::unexpected(tmpl.error().message);
  }
  const config::TemplateSettings* settings = settings_of(*input.config, file);
  if (settings == nullptr) {
    return RenderedFile{output_name, tmpl->render(build_context(input, output_name))};
  }
  RenderInput page = input;
  page.entries = entries_for(input, *settings);
  return RenderedFile{output_name, tmpl->render(build_context(page, output_name))};
}

}  // namespace

util::Result<std::vector<RenderedFile>> render_site(const RenderInput& input) {
  if (input.config == nullptr) {
    return util::unexpected("render: no configuration given");
  }
  std::vector<RenderedFile> files;
  for (const fs::path& file : input.config->planet.template_files) {
    std::string name = file.filename().string();
    bool is_htmltmpl =
        name.size() > k_htmltmpl_extension.size() && name.ends_with(k_htmltmpl_extension);
    // XSLT themes (*.xslt) and other engines are not rendered (yet); nor are templates whose
    // output orrery writes in code.
    if (!is_htmltmpl || is_code_output(name.substr(0, name.size() - k_htmltmpl_extension.size()))) {
      continue;
    }
    util::Result<RenderedFile> rendered = render_template(input, file);
    if (!rendered) {
      return util::unexpected(rendered.error().message);
    }
    files.push_back(std::move(*rendered));
  }
  files.push_back(RenderedFile{"atom.xml", write_atom(input)});
  return files;
}

}  // namespace orrery::render
