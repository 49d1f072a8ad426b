#include "render/render.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <optional>
#include <set>
#include <string_view>
#include <unordered_map>

#include "config/keys.h"
#include "config/sections.h"
#include "document/document.h"
#include "model/limits.h"
#include "render/archive.h"
#include "render/atom.h"
#include "render/foaf.h"
#include "render/health_json.h"
#include "render/health_page.h"
#include "render/htmltmpl/context.h"
#include "render/htmltmpl/template.h"
#include "render/json_feed.h"
#include "render/opml.h"
#include "render/publishable.h"
#include "render/rss10.h"
#include "render/rss20.h"
#include "render/xslt/xslt.h"
#include "util/strings.h"
#include "util/url.h"

namespace orrery::render {

namespace {

namespace fs = std::filesystem;

constexpr std::string_view k_htmltmpl_extension = ".tmpl";
constexpr std::string_view k_xslt_extension = ".xslt";

// Where the health page links back to: the theme's index.html when it has one, else the
// planet's link (http(s) only), else nowhere.
std::string front_page_link(const RenderInput& in) {
  for (const fs::path& file : in.config->planet.template_files) {
    const std::string name = file.filename().string();
    if (name.starts_with("index.html.")) {
      return "index.html";
    }
  }
  const std::string scheme = util::url_scheme(in.config->planet.link);
  return scheme == "http" || scheme == "https" ? in.config->planet.link : std::string();
}

// The outputs written in code, in the order they are written. A theme template producing a file
// of the same name replaces one: the theme wins, as Venus's own rss10/rss20 templates must.
struct CodeOutput {
  std::string_view name;
  std::string_view what;  // for the note when a theme replaces it
  RenderedFile (*write)(const RenderInput&);
};

const CodeOutput k_code_outputs[] = {
    {"atom.xml", "Atom 1.0",
     [](const RenderInput& in) {
       return RenderedFile{"atom.xml", write_atom(in)};
     }},
    {"rss20.xml", "RSS 2.0",
     [](const RenderInput& in) {
       return RenderedFile{"rss20.xml", write_rss20(in)};
     }},
    {"rss10.xml", "RSS 1.0",
     [](const RenderInput& in) {
       return RenderedFile{"rss10.xml", write_rss10(in)};
     }},
    {"opml.xml", "OPML",
     [](const RenderInput& in) {
       OpmlOutput opml = write_opml(in);
       return RenderedFile{"opml.xml", std::move(opml.content), std::move(opml.notes)};
     }},
    {"foafroll.xml", "FOAF",
     [](const RenderInput& in) {
       FoafOutput foaf = write_foaf(in);
       return RenderedFile{"foafroll.xml", std::move(foaf.content), std::move(foaf.notes)};
     }},
    {"feed.json", "JSON Feed",
     [](const RenderInput& in) {
       return RenderedFile{"feed.json", write_json_feed(in)};
     }},
    {"feeds.html", "health page",
     [](const RenderInput& in) {
       return RenderedFile{"feeds.html",
                           write_health_page(health::assess(*in.config, in.channels, in.now),
                                             front_page_link(in), in.config->planet.time_zone)};
     }},
    {"health.json", "health JSON",
     [](const RenderInput& in) {
       return RenderedFile{"health.json",
                           write_health_json(health::assess(*in.config, in.channels, in.now),
                                             HealthAudience::published)};
     }},
};

// Appends every code output no theme file replaces; a replaced one leaves a note on the theme's
// file.
void add_code_outputs(const RenderInput& input, std::vector<RenderedFile>& files) {
  std::size_t from_theme = files.size();
  for (const CodeOutput& output : k_code_outputs) {
    auto theme =
        std::find_if(files.begin(), files.begin() + static_cast<std::ptrdiff_t>(from_theme),
                     [&](const RenderedFile& f) { return f.name == output.name; });
    if (theme != files.begin() + static_cast<std::ptrdiff_t>(from_theme)) {
      theme->notes.push_back(std::string(output.name) + ": written by the theme's template " +
                             "instead of orrery's " + std::string(output.what) + " writer");
      continue;
    }
    files.push_back(output.write(input));
  }
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
// page app/ selected (the widest of [Planet]'s and every template's, as Venus's splice).
std::vector<model::StoredEntry> entries_for(const RenderInput& input,
                                            const config::TemplateSettings& settings) {
  return select_page(input.entries, settings.items_per_page, settings.days_per_page,
                     input.config->planet.time_zone);
}

}  // namespace

std::vector<model::StoredEntry> select_page(const std::vector<model::StoredEntry>& entries,
                                            int items_per_page, int days_per_page,
                                            const util::TimeZone& zone) {
  std::vector<model::StoredEntry> out;
  std::optional<std::chrono::sys_days> day;
  int days = 0;
  for (const model::StoredEntry& stored : entries) {
    if (items_per_page > 0 && out.size() >= static_cast<std::size_t>(items_per_page)) {
      break;
    }
    util::TimePoint at = stored.entry.updated.value_or(stored.first_seen);
    auto when =
        std::chrono::floor<std::chrono::days>(at + std::chrono::seconds{zone.offset_at(at)});
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

// A template option (docs/theme.md): the template's section, else [Planet], else "".
std::string option(const config::Config& config, const config::TemplateSettings* settings,
                   const std::string& key) {
  if (settings != nullptr) {
    if (auto it = settings->raw.find(key); it != settings->raw.end()) {
      return std::string(util::trim(it->second));
    }
  }
  auto it = config.planet.raw.find(key);
  return it == config.planet.raw.end() ? std::string() : std::string(util::trim(it->second));
}

util::Result<std::size_t> count_option(const std::string& template_name, const std::string& key,
                                       const std::string& value, std::size_t max) {
  std::size_t n = 0;
  if (value.empty()) {
    return n;
  }
  auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
  if (ec != std::errc() || end != value.data() + value.size() || n > max) {
    return util::unexpected(template_name + ": " + key + ": \"" + value +
                            "\" is not a number from 0 to " + std::to_string(max));
  }
  return n;
}

util::Result<bool> bool_option(const std::string& template_name, const std::string& key,
                               const std::string& value) {
  std::string v = util::to_lower(value);
  if (v.empty() || v == "no" || v == "false" || v == "0" || v == "off") {
    return false;
  }
  if (v == "yes" || v == "true" || v == "1" || v == "on") {
    return true;
  }
  return util::unexpected(template_name + ": " + key + ": \"" + value + "\" is not yes or no");
}

// The theme's choices for content_lead / content_more and the archive.
struct ThemeOptions {
  bool archives = false;
  Presentation presentation;
};

util::Result<ThemeOptions> theme_options(const config::Config& config,
                                         const config::TemplateSettings* settings,
                                         const std::string& template_name) {
  ThemeOptions out;
  auto archives = bool_option(template_name, "archives", option(config, settings, "archives"));
  auto fold = count_option(template_name, "fold_after", option(config, settings, "fold_after"),
                           model::limits::k_max_fold_after);
  auto level = count_option(template_name, "post_heading_level",
                            option(config, settings, "post_heading_level"), 6);
  if (!archives) {
    return util::unexpected(archives.error().message);
  }
  if (!fold) {
    return util::unexpected(fold.error().message);
  }
  if (!level) {
    return util::unexpected(level.error().message);
  }
  out.archives = *archives;
  out.presentation.fold_after = *fold;
  out.presentation.top_heading = static_cast<int>(*level);
  return out;
}

util::Result<std::vector<RenderedFile>> render_template(const RenderInput& input,
                                                        const fs::path& file) {
  std::string template_name = file.filename().string();
  std::string output_name =
      template_name.substr(0, template_name.size() - k_htmltmpl_extension.size());
  util::Result<htmltmpl::Template> tmpl =
      htmltmpl::Template::load(file, input.config->planet.template_directories);
  if (!tmpl) {
    return util::unexpected(tmpl.error().message);
  }
  const config::TemplateSettings* settings = settings_of(*input.config, file);
  util::Result<ThemeOptions> options = theme_options(*input.config, settings, template_name);
  if (!options) {
    return util::unexpected(options.error().message);
  }
  PageView view;
  view.path = output_name;
  view.presentation = options->presentation;
  view.presented = true;
  RenderInput page = input;
  if (settings != nullptr) {
    page.entries = entries_for(input, *settings);
  }
  std::vector<RenderedFile> out;
  if (options->archives && output_name == "index.html" && !input.archive.empty()) {
    // The front page of the archive: its links only (plan_archive's fingerprints are not
    // needed here); app/ renders the archive pages themselves.
    std::optional<ArchivePlan> own;
    const ArchivePlan& plan = input.archive_plan != nullptr
                                  ? *input.archive_plan
                                  : own.emplace(plan_archive(input, page.entries.size(), ""));
    view.feed_pages = plan.feed_pages;
    view.older_path = plan.older;
    view.page_kind = "index";
    view.page_number = 1;
  }
  out.push_back(RenderedFile{output_name, tmpl->render(build_context(page, output_name, view))});
  return out;
}

// Venus's template_options(): the [Planet] keys that are not planet-wide settings, overlaid with
// the template's own section. XSLT templates get them as string params.
std::map<std::string, std::string> template_options(const config::Config& config,
                                                    const config::TemplateSettings* settings) {
  std::map<std::string, std::string> options;
  for (const auto& [key, value] : config.planet.raw) {
    if (!config::is_planet_wide(key)) {
      options[key] = value;
    }
  }
  if (settings != nullptr) {
    for (const auto& [key, value] : settings->raw) {
      options[key] = value;
    }
  }
  return options;
}

// An XSLT template (name.ext.xslt → name.ext) over the spliced document of its page.
util::Result<RenderedFile> render_xslt_file(const RenderInput& input, const fs::path& file) {
  std::string template_name = file.filename().string();
  std::string output_name = template_name.substr(0, template_name.size() - k_xslt_extension.size());
  const config::TemplateSettings* settings = settings_of(*input.config, file);
  std::vector<model::StoredEntry> page =
      settings == nullptr ? input.entries : entries_for(input, *settings);
  document::SpliceInput splice;
  splice.config = input.config;
  splice.entries = page;
  splice.channels = input.channels;
  splice.now = input.now;
  splice.generator = input.generator;
  util::Result<std::string> out =
      xslt::transform(file, document::splice(splice), template_options(*input.config, settings));
  if (!out) {
    return util::unexpected(out.error().message);
  }
  return RenderedFile{output_name, std::move(*out), document::splice_warnings(*input.config)};
}

// The engine a template file needs, by its extension: .tmpl htmltmpl, .xslt XSLT. Venus's other
// engines (Django, Genshi) and anything else are errors naming the file: never a silent skip.
util::Result<std::vector<RenderedFile>> render_any(const RenderInput& input, const fs::path& file) {
  std::string name = file.filename().string();
  std::string extension = file.extension().string();
  if (name.size() > extension.size() && extension == k_htmltmpl_extension) {
    return render_template(input, file);
  }
  if (name.size() > extension.size() && extension == k_xslt_extension) {
    util::Result<RenderedFile> one = render_xslt_file(input, file);
    if (!one) {
      return util::unexpected(one.error().message);
    }
    return std::vector<RenderedFile>{std::move(*one)};
  }
  if (extension == ".dj" || extension == ".django") {
    return util::unexpected(file.string() +
                            ": Django templates are not supported by orrery (no Django engine); "
                            "use an htmltmpl (.tmpl) or XSLT (.xslt) template");
  }
  if (extension == ".genshi") {
    return util::unexpected(file.string() +
                            ": Genshi templates are not supported by orrery (no Genshi engine); "
                            "use an htmltmpl (.tmpl) or XSLT (.xslt) template");
  }
  return util::unexpected(file.string() + ": unknown template kind \"" + extension +
                          "\" (orrery renders .tmpl with htmltmpl and .xslt with XSLT)");
}

}  // namespace

util::Result<std::optional<ArchiveTheme>> archive_theme(const RenderInput& input) {
  for (const fs::path& file : input.config->planet.template_files) {
    std::string name = file.filename().string();
    if (name != "index.html.tmpl") {
      continue;
    }
    const config::TemplateSettings* settings = settings_of(*input.config, file);
    util::Result<ThemeOptions> options = theme_options(*input.config, settings, name);
    if (!options) {
      return util::unexpected(options.error().message);
    }
    if (!options->archives) {
      continue;
    }
    ArchiveTheme theme;
    theme.template_file = file;
    theme.presentation = options->presentation;
    theme.index_entries =
        settings != nullptr ? entries_for(input, *settings).size() : input.entries.size();
    return std::optional<ArchiveTheme>(std::move(theme));
  }
  return std::optional<ArchiveTheme>();
}

bool wants_archive(const config::Config& config) {
  for (const fs::path& file : config.planet.template_files) {
    std::string name = file.filename().string();
    if (name != "index.html.tmpl") {
      continue;
    }
    auto options = theme_options(config, settings_of(config, file), name);
    if (options && options->archives) {
      return true;
    }
  }
  return false;
}

util::Result<std::vector<RenderedFile>> render_site(const RenderInput& given) {
  if (given.config == nullptr) {
    return util::unexpected("render: no configuration given");
  }
  RenderInput input = given;
  make_publishable(input);
  std::vector<RenderedFile> files;
  for (const fs::path& file : input.config->planet.template_files) {
    util::Result<std::vector<RenderedFile>> rendered = render_any(input, file);
    if (!rendered) {
      return util::unexpected(rendered.error().message);
    }
    for (RenderedFile& f : *rendered) {
      files.push_back(std::move(f));
    }
  }
  add_code_outputs(input, files);
  return files;
}

}  // namespace orrery::render
