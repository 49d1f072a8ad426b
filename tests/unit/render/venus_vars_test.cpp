// Golden tests of the htmltmpl variables, one case per Venus variable or rule (planet/shell/
// tmpl.py) and per template construct. A case is three files under tests/data/render/vars/:
//   NAME.json  the planet: config, subscriptions with their stored status, stored entries
//   NAME.tmpl  a small template printing the variables the case is about
//   NAME.out   the expected output (ORRERY_UPDATE_GOLDEN=1 rewrites it; review the diff)
// The cases are written for orrery (none is taken from Venus's test suite); each .tmpl says in a
// comment which rule it checks.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "render/htmltmpl/context.h"
#include "render/htmltmpl/template.h"
#include "support/golden.h"
#include "support/temp_dir.h"

namespace orrery::render {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

const fs::path k_dir = test::data_path("render/vars");

std::string str(const json& j, const char* key) {
  return j.contains(key) ? j.at(key).get<std::string>() : std::string();
}

std::optional<util::TimePoint> time_of(const json& j, const char* key) {
  if (!j.contains(key)) {
    return std::nullopt;
  }
  std::optional<util::TimePoint> t = util::parse_rfc3339(j.at(key).get<std::string>());
  EXPECT_TRUE(t) << key << ": " << j.at(key);
  return t;
}

model::Person person(const json& j) {
  return model::Person{str(j, "name"), str(j, "email"), str(j, "href")};
}

std::map<std::string, std::string> string_map(const json& j) {
  std::map<std::string, std::string> out;
  for (const auto& [k, v] : j.items()) {
    out[k] = v.get<std::string>();
  }
  return out;
}

std::vector<model::Link> links(const json& j) {
  std::vector<model::Link> out;
  for (const json& l : j) {
    model::Link link;
    link.rel = str(l, "rel");
    link.href = str(l, "href");
    link.type = str(l, "type");
    if (l.contains("length")) {
      link.length = l.at("length").get<std::int64_t>();
    }
    out.push_back(link);
  }
  return out;
}

model::Channel channel(const json& j) {
  model::Channel ch;
  ch.title_plain = str(j, "title");
  ch.link = str(j, "link");
  ch.subtitle_plain = str(j, "subtitle");
  ch.id = str(j, "id");
  ch.author = person(j.value("author", json::object()));
  ch.icon = str(j, "icon");
  ch.logo = str(j, "logo");
  ch.rights_plain = str(j, "rights");
  ch.title_html = str(j, "title_html");
  ch.subtitle_html = str(j, "subtitle_html");
  ch.rights_html = str(j, "rights_html");
  ch.updated = time_of(j, "updated");
  ch.language = str(j, "language");
  return ch;
}

model::Source source(const json& j) {
  model::Source s;
  s.id = str(j, "id");
  s.title_html = str(j, "title_html");
  s.title_plain = str(j, "title_plain");
  s.subtitle_html = str(j, "subtitle_html");
  s.link = str(j, "link");
  s.links = links(j.value("links", json::array()));
  s.icon = str(j, "icon");
  s.logo = str(j, "logo");
  s.rights_html = str(j, "rights_html");
  s.author = person(j.value("author", json::object()));
  s.updated = time_of(j, "updated");
  for (const json& p : j.value("planet", json::array())) {
    s.planet.emplace_back(p.at(0).get<std::string>(), p.at(1).get<std::string>());
  }
  return s;
}

model::Entry entry(const json& j) {
  model::Entry e;
  e.id = str(j, "id");
  e.link = str(j, "link");
  e.links = links(j.value("links", json::array()));
  e.title_html = str(j, "title_html");
  e.title_plain = str(j, "title_plain");
  e.summary_html = str(j, "summary_html");
  e.content_html = str(j, "content_html");
  e.rights_html = str(j, "rights_html");
  e.author = person(j.value("author", json::object()));
  e.published = time_of(j, "published");
  e.updated = time_of(j, "updated");
  e.language = str(j, "language");
  for (const json& enc : j.value("enclosures", json::array())) {
    model::Enclosure en{str(enc, "href"), str(enc, "type"), std::nullopt};
    if (enc.contains("length")) {
      en.length = enc.at("length").get<std::int64_t>();
    }
    e.enclosures.push_back(en);
  }
  for (const auto& [name, value] : string_map(j.value("extensions", json::object()))) {
    e.extensions.emplace_back(name, value);
  }
  if (j.contains("source")) {
    e.source = source(j.at("source"));
  }
  return e;
}

// A planet read from NAME.json; owns the config the input points to.
struct Case {
  config::Config config;
  RenderInput input;
  std::string output = "index.html";

  explicit Case(const json& j) {
    input.now = *util::parse_rfc3339(j.value("now", "2004-02-29T12:00:00Z"));
    input.generator = "orrery 0.0.0";
    const json& p = j.value("planet", json::object());
    config::PlanetSettings& planet = config.planet;
    planet.name = p.value("name", "Vars Planet");
    planet.link = p.value("link", "http://planet.example.com/");
    planet.owner_name = p.value("owner_name", "");
    planet.owner_email = str(p, "owner_email");
    planet.date_format = p.value("date_format", planet.date_format);
    planet.new_date_format = p.value("new_date_format", planet.new_date_format);
    planet.raw = string_map(p.value("raw", json::object()));
    // The keys config/ types: as config::load() would set them from the same lines.
    planet.generator = planet.raw.count("generator") != 0 ? planet.raw.at("generator") : "";
    planet.generator_uri =
        planet.raw.count("generator_uri") != 0 ? planet.raw.at("generator_uri") : "";
    planet.feed = planet.raw.count("feed") != 0 ? planet.raw.at("feed") : "";
    planet.pubsubhubbub_hub =
        planet.raw.count("pubsubhubbub_hub") != 0 ? planet.raw.at("pubsubhubbub_hub") : "";
    for (const json& t : p.value("template_files", json::array())) {
      planet.template_files.emplace_back(t.get<std::string>());
    }
    output = j.value("output", output);
    std::int64_t id = 0;
    for (const json& f : j.value("feeds", json::array())) {
      config::FeedSettings feed;
      feed.url = f.at("url").get<std::string>();
      feed.raw = string_map(f.value("raw", json::object()));
      feed.name = feed.raw.count("name") != 0 ? feed.raw.at("name") : std::string();
      feed.activity_threshold = f.value("activity_threshold", 0);
      config.feeds.push_back(feed);
      ++id;
      if (f.contains("status") && f.at("status").is_boolean()) {
        continue;  // "status": false — never fetched: the store knows nothing of it
      }
      const json& s = f.value("status", json::object());
      model::ChannelStatus status;
      status.state.id = id;
      status.state.url = feed.url;
      status.state.last_status = s.value("last_status", 200);
      status.state.last_fetched = time_of(s, "last_fetched").value_or(input.now);
      status.state.last_success = time_of(s, "last_success");
      status.state.consecutive_failures = s.value("failures", 0);
      status.state.last_error = str(s, "last_error");
      status.state.validators.etag = str(s, "etag");
      status.state.validators.last_modified = str(s, "last_modified");
      status.state.format = str(s, "format");
      status.state.bozo = s.value("bozo", false);
      status.state.http_location = str(s, "http_location");
      status.state.no_data = s.value("no_data", false);
      status.duplicate_of = str(s, "duplicate_of");
      status.newest_entry = time_of(s, "newest_entry");
      status.channel = channel(s.value("channel", json::object()));
      input.channels.push_back(status);
    }
    for (const json& e : j.value("entries", json::array())) {
      model::StoredEntry stored;
      std::string feed_url = e.value("feed", config.feeds.empty() ? "" : config.feeds[0].url);
      stored.feed_url = feed_url;
      for (const model::ChannelStatus& status : input.channels) {
        if (status.state.url == feed_url) {
          stored.feed_id = status.state.id;
        }
      }
      stored.entry = entry(e);
      stored.first_seen = input.now;
      input.entries.push_back(stored);
    }
    input.config = &config;
  }
  Case(const Case&) = delete;
  Case& operator=(const Case&) = delete;
};

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::vector<std::string> case_names() {
  std::vector<std::string> names;
  for (const fs::directory_entry& f : fs::directory_iterator(k_dir)) {
    if (f.path().extension() == ".tmpl") {
      names.push_back(f.path().stem().string());
    }
  }
  std::sort(names.begin(), names.end());
  return names;
}

class VenusVars : public ::testing::TestWithParam<std::string> {};

TEST_P(VenusVars, RendersAsGolden) {
  const std::string& name = GetParam();
  fs::path json_file = k_dir / (name + ".json");
  json j = fs::exists(json_file) ? json::parse(read(json_file)) : json::object();
  Case c(j);
  util::Result<htmltmpl::Template> t = htmltmpl::Template::load(k_dir / (name + ".tmpl"), {});
  ASSERT_TRUE(t) << t.error().message;
  test::expect_golden("render/vars/" + name + ".out", t->render(build_context(c.input, c.output)));
}

INSTANTIATE_TEST_SUITE_P(Cases, VenusVars, ::testing::ValuesIn(case_names()),
                         [](const ::testing::TestParamInfo<std::string>& param) {
                           std::string id = param.param;
                           std::replace(id.begin(), id.end(), '-', '_');
                           return id;
                         });

}  // namespace
}  // namespace orrery::render
