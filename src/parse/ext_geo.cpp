// GeoRSS (http://www.georss.org/georss): Simple (georss:point, line, polygon, box) and GML
// (georss:where holding gml:Point, gml:LineString, gml:Polygon, or those GML elements written
// straight into the item), read into GeoJSON's shape as feedparser reports it:
// `where {type, coordinates}`, plus `srsName`/`srsDimension` for GML.
//
// Malformed coordinates give nothing (an empty `where`): a piece that is not a finite number, a
// count that is not a whole number of positions, a point without one, a line without two, a
// polygon ring without four, a box without exactly two corners.

#include <algorithm>
#include <charconv>
#include <cmath>
#include <vector>

#include "parse/handlers.h"
#include "parse/xml_tree.h"
#include "util/strings.h"

namespace orrery::parse {

namespace {

// Whitespace- or comma-separated numbers; nullopt when any piece is not a finite number.
std::optional<std::vector<double>> numbers(std::string_view text) {
  std::string cleaned(text);
  std::replace(cleaned.begin(), cleaned.end(), ',', ' ');
  std::vector<double> out;
  for (const std::string& piece : util::split_whitespace(cleaned)) {
    std::string_view digits = piece;
    if (digits.size() > 1 && digits.front() == '+') digits.remove_prefix(1);
    double v = 0;
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v);
    if (ec != std::errc() || end != digits.data() + digits.size() || !std::isfinite(v)) {
      return std::nullopt;
    }
    out.push_back(v);
  }
  return out;
}

enum class Axes { swap, as_written };

// The positions in `text`, `dimension` numbers each. GeoRSS writes `lat lon`; GeoJSON wants
// (lon, lat), so geographic coordinates are swapped; a projected GML srsName keeps its order.
// Returns false when the text is not a whole number of positions.
bool positions(model::Where& w, std::string_view text, Axes axes, int dimension) {
  std::optional<std::vector<double>> v = numbers(text);
  std::size_t step = dimension == 3 ? 3 : 2;
  if (!v || v->empty() || v->size() % step != 0) return false;
  for (std::size_t i = 0; i < v->size(); i += step) {
    double a = (*v)[i];
    double b = (*v)[i + 1];
    w.coordinates.emplace_back(axes == Axes::swap ? b : a, axes == Axes::swap ? a : b);
    if (step == 3) w.heights.push_back((*v)[i + 2]);
  }
  return true;
}

// Fewest positions per geometry: a polygon ring is closed, so three corners and the first again.
std::size_t minimum_positions(std::string_view type) {
  if (type == "LineString" || type == "Box") return 2;
  if (type == "Polygon") return 4;
  return 1;
}

// Reads `text` as geometry `type` into `w` (keeping `w`'s srs fields); on malformed
// coordinates `w` keeps no type and no coordinates.
void read_shape(model::Where& w, std::string type, std::string_view text, Axes axes,
                int dimension = 2) {
  w.coordinates.clear();
  w.heights.clear();
  w.type.clear();
  bool ok = positions(w, text, axes, dimension) && w.coordinates.size() >= minimum_positions(type);
  if (ok && type == "Point") ok = w.coordinates.size() == 1;
  if (ok && type == "Box") ok = w.coordinates.size() == 2;
  if (!ok) {
    w.coordinates.clear();
    w.heights.clear();
    return;
  }
  w.type = std::move(type);
}

// EPSG codes of geographic (latitude/longitude) CRSs, whose axes GeoJSON swaps; the projected
// ones (UTM zones, national grids) keep the order as written.
bool geographic_epsg(long code) {
  static constexpr std::pair<long, long> k_ranges[] = {
      {3819, 3819}, {3821, 3821}, {3824, 3824}, {3889, 3889}, {3906, 3906}, {4001, 4016},
      {4018, 4025}, {4027, 4036}, {4041, 4047}, {4052, 4055}, {4075, 4075}, {4081, 4081},
      {4120, 4176}, {4178, 4185}, {4188, 4216}, {4218, 4289}, {4291, 4304}, {4306, 4319},
      {4322, 4322}, {4324, 4324}, {4326, 4326}, {4463, 4463}, {4470, 4470}, {4475, 4475},
      {4483, 4483}, {4490, 4490}, {4555, 4555}, {4558, 4558}, {4600, 4646}, {4657, 4765},
      {4801, 4811}, {4813, 4821}, {4823, 4824}, {4901, 4904}, {4979, 4979}};
  return std::any_of(std::begin(k_ranges), std::end(k_ranges),
                     [code](auto r) { return code >= r.first && code <= r.second; });
}

// An srsName naming an EPSG code (`EPSG:32636`, `urn:ogc:def:crs:EPSG::4326`) decides the axis
// order; anything else (absent, another authority, a code that is not a number) is WGS 84's.
Axes axes_for(const std::optional<std::string>& srs_name) {
  if (!srs_name || srs_name->find("EPSG") == std::string::npos) return Axes::swap;
  std::string_view code(*srs_name);
  code.remove_prefix(code.rfind(':') == std::string_view::npos ? 0 : code.rfind(':') + 1);
  long value = 0;
  auto [end, ec] = std::from_chars(code.data(), code.data() + code.size(), value);
  if (ec != std::errc() || end != code.data() + code.size() || code.empty()) return Axes::swap;
  return geographic_epsg(value) ? Axes::swap : Axes::as_written;
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

// One GML geometry element (Point, LineString, Polygon).
model::Where gml_geometry(pugi::xml_node g, std::string_view type) {
  model::Where w;
  if (const char* srs = xml::find_attribute(g, "srsName")) w.srs_name = srs;
  w.srs_dimension = 2;
  std::string dimension(util::trim(xml::attribute(g, "srsDimension")));
  if (dimension == "3") w.srs_dimension = 3;
  pugi::xml_node pos = find_descendant(g, type == "Point" ? "pos" : "posList", 4);
  if (pos)
    read_shape(w, std::string(type), xml::own_text(pos), axes_for(w.srs_name), *w.srs_dimension);
  return w;
}

model::Where gml_where(pugi::xml_node where) {
  for (std::string_view type : {"Point", "LineString", "Polygon"}) {
    if (pugi::xml_node g = find_descendant(where, type, 1)) return gml_geometry(g, type);
  }
  return {};
}

}  // namespace

bool geo_element(Context&, const Element& e, Target& t) {
  std::string_view n = e.local;
  if (e.prefix == "gml") {
    // GML written straight into the item, without georss:where around it.
    if (n != "Point" && n != "LineString" && n != "Polygon") return false;
    t.common.where = gml_geometry(e.node, n);
    return true;
  }
  if (e.prefix != "georss") return false;
  model::Where w;
  std::string text = xml::own_text(e.node);
  if (n == "point") {
    read_shape(w, "Point", text, Axes::swap);
  } else if (n == "line") {
    read_shape(w, "LineString", text, Axes::swap);
  } else if (n == "polygon") {
    read_shape(w, "Polygon", text, Axes::swap);
  } else if (n == "box") {
    read_shape(w, "Box", text, Axes::swap);
  } else if (n == "where") {
    w = gml_where(e.node);
  } else {
    return false;
  }
  t.common.where = std::move(w);
  return true;
}

}  // namespace orrery::parse
