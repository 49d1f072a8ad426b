// GeoRSS (http://www.georss.org/georss): Simple (georss:point, line, polygon, box) and GML
// (georss:where holding gml:Point, gml:LineString, gml:Polygon), read into GeoJSON's shape as
// feedparser reports it: `where {type, coordinates}`.

#include <charconv>
#include <vector>

#include "parse/handlers.h"
#include "parse/xml_tree.h"
#include "util/strings.h"

namespace orrery::parse {

namespace {

// Whitespace- or comma-separated numbers; nullopt when any piece is not a number.
std::optional<std::vector<double>> numbers(std::string_view text) {
  std::string cleaned(text);
  for (char& c : cleaned) {
    if (c == ',') c = ' ';
  }
  std::vector<double> out;
  for (const std::string& piece : util::split_whitespace(cleaned)) {
    double v = 0;
    auto [end, ec] = std::from_chars(piece.data(), piece.data() + piece.size(), v);
    if (ec != std::errc() || end != piece.data() + piece.size()) return std::nullopt;
    out.push_back(v);
  }
  return out;
}

// GeoRSS writes `lat lon`; GeoJSON wants (lon, lat). A GML srsName other than WGS 84 keeps the
// order as written (its axes are the projection's).
model::Where shape(std::string type, std::string_view text, bool swap) {
  model::Where w;
  std::optional<std::vector<double>> v = numbers(text);
  if (!v || v->empty() || v->size() % 2 != 0) return w;
  for (std::size_t i = 0; i + 1 < v->size(); i += 2) {
    w.coordinates.emplace_back(swap ? (*v)[i + 1] : (*v)[i], swap ? (*v)[i] : (*v)[i + 1]);
  }
  if (type == "Point" && w.coordinates.size() != 1) return {};
  w.type = std::move(type);
  return w;
}

// The first descendant element named `local`, looking at most `levels` deep (GML nests
// Polygon/exterior/LinearRing/posList).
pugi::xml_node find_descendant(pugi::xml_node node, std::string_view local, int levels) {
  for (pugi::xml_node c : node.children()) {
    if (c.type() != pugi::node_element) continue;
    if (xml::split_name(c.name()).local == local) return c;
    if (levels > 1) {
      if (pugi::xml_node found = find_descendant(c, local, levels - 1)) return found;
    }
  }
  return {};
}

model::Where gml_where(pugi::xml_node where) {
  for (auto [element, type] : {std::pair<std::string_view, const char*>{"Point", "Point"},
                               {"LineString", "LineString"},
                               {"Polygon", "Polygon"}}) {
    pugi::xml_node g = find_descendant(where, element, 1);
    if (!g) continue;
    std::string srs = xml::attribute(g, "srsName");
    bool swap = srs.empty() || srs.find("4326") != std::string::npos;
    pugi::xml_node pos = find_descendant(g, element == "Point" ? "pos" : "posList", 4);
    return pos ? shape(type, xml::own_text(pos), swap) : model::Where{};
  }
  return {};
}

}  // namespace

bool geo_element(Context&, const Element& e, Target& t) {
  if (e.prefix != "georss") return false;
  std::string_view n = e.local;
  std::string text = xml::own_text(e.node);
  if (n == "point") {
    t.common.where = shape("Point", text, true);
  } else if (n == "line") {
    t.common.where = shape("LineString", text, true);
  } else if (n == "polygon") {
    t.common.where = shape("Polygon", text, true);
  } else if (n == "box") {
    // Two corners; GeoJSON has no box, feedparser reports it as the polygon around them.
    model::Where corners = shape("Polygon", text, true);
    if (corners.coordinates.size() == 2) {
      auto [a, b] = std::pair(corners.coordinates[0], corners.coordinates[1]);
      corners.coordinates = {a, {b.first, a.second}, b, {a.first, b.second}, a};
    } else {
      corners = {};
    }
    t.common.where = std::move(corners);
  } else if (n == "where") {
    t.common.where = gml_where(e.node);
  } else {
    return false;
  }
  return true;
}

}  // namespace orrery::parse
