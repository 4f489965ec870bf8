#include "io/geodata.h"

#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <ogr_geometry.h>
#include <ogrsf_frmts.h>

#include <filesystem>

#include "core/test_support.h"

namespace nrs::io {
namespace {

const std::string kReference = std::string(NRS_SOURCE_DIR) + "/tests/reference/geo/";

// A WKB square from (x, y) with side `side`, built through OGR.
std::string Square(double x, double y, double side) {
  OGRLinearRing ring;
  ring.addPoint(x, y);
  ring.addPoint(x + side, y);
  ring.addPoint(x + side, y + side);
  ring.addPoint(x, y + side);
  ring.addPoint(x, y);
  OGRPolygon polygon;
  polygon.addRing(&ring);
  std::string wkb(static_cast<std::size_t>(polygon.WkbSize()), '\0');
  polygon.exportToWkb(wkbNDR, reinterpret_cast<unsigned char*>(wkb.data()), wkbVariantIso);
  return wkb;
}

double Area(const std::string& wkb) {
  OGRGeometry* g = nullptr;
  EXPECT_EQ(OGRGeometryFactory::createFromWkb(wkb.data(), nullptr, &g, wkb.size()), OGRERR_NONE);
  const OGRwkbGeometryType type = wkbFlatten(g->getGeometryType());
  const double area = type == wkbPolygon ? g->toPolygon()->get_Area() : g->toMultiPolygon()->get_Area();
  OGRGeometryFactory::destroyGeometry(g);
  EXPECT_TRUE(type == wkbPolygon || type == wkbMultiPolygon);
  return area;
}

TEST(ReadBoundaries, LiverpoolLsoasFromGeoJson) {
  const auto b = ReadBoundaries(kReference + "lsoa2011_liverpool_E08000012.geojson", {});
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  EXPECT_EQ(b->area_type.Key(), "lsoa11");
  EXPECT_EQ(b->files, 1);
  ASSERT_EQ(b->features.size(), 298U);
  for (const BoundaryFeature& f : b->features) {
    EXPECT_TRUE(f.code.starts_with("E01")) << f.code;
    EXPECT_TRUE(f.name.starts_with("Liverpool ")) << f.name;
    // Liverpool lies near 3°W, 53.4°N; each anchor lies inside its own box.
    EXPECT_GT(f.box.min_x, -3.1);
    EXPECT_LT(f.box.max_x, -2.7);
    EXPECT_GE(f.anchor_x, f.box.min_x);
    EXPECT_LE(f.anchor_x, f.box.max_x);
    EXPECT_GE(f.anchor_y, f.box.min_y);
    EXPECT_LE(f.anchor_y, f.box.max_y);
    const auto inside = PolygonTest::Make(f.wkb);
    ASSERT_TRUE(inside.ok());
    EXPECT_TRUE(inside->Contains(f.anchor_x, f.anchor_y)) << f.code;
  }
}

TEST(ReadBoundaries, OutlineInBritishNationalGridIsReprojected) {
  const auto outline = ReadOutline(kReference + "old_swan_outline_bng.geojson", "");
  ASSERT_TRUE(outline.ok()) << outline.status().ToString();
  const auto test = PolygonTest::Make(*outline);
  ASSERT_TRUE(test.ok());
  // (340270.7, 390731.6) in EPSG:27700 is 2.90°W 53.41°N (gdaltransform), inside the drawn square.
  EXPECT_TRUE(test->Contains(-2.90, 53.41));
  EXPECT_FALSE(test->Contains(-2.95, 53.41));
  const auto point = ToWgs84(340270.730018303, 390731.628998606, "EPSG:27700");
  ASSERT_TRUE(point.ok());
  EXPECT_NEAR(point->first, -2.90, 1e-6);
  EXPECT_NEAR(point->second, 53.41, 1e-6);
}

TEST(ReadBoundaries, WritesAndReadsBackAFolderOfFiles) {
  nrs::testing::TempDir dir;
  std::filesystem::create_directories(dir.path() / "parts");
  const std::vector<OutputFeature> a = {
      {Square(-2.91, 53.40, 0.01),
       {{"LSOA11CD", std::string("E01006512")}, {"LSOA11NM", std::string("Liverpool 030B")}}}};
  const std::vector<OutputFeature> b = {
      {Square(-2.90, 53.40, 0.01),
       {{"LSOA11CD", std::string("E01006510")}, {"LSOA11NM", std::string("Liverpool 030A")}}}};
  ASSERT_TRUE(WriteFeatures(dir.File("parts/a.gpkg"), "lsoa", a).ok());
  ASSERT_TRUE(WriteFeatures(dir.File("parts/b.geojson"), "lsoa", b).ok());
  const auto read = ReadBoundaries(dir.File("parts"), {});
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_EQ(read->files, 2);
  ASSERT_EQ(read->features.size(), 2U);
  EXPECT_EQ(read->features[0].code, "E01006512");
  EXPECT_EQ(read->features[1].name, "Liverpool 030A");
  EXPECT_NEAR(read->features[0].box.min_x, -2.91, 1e-9);
  EXPECT_FALSE(std::filesystem::exists(dir.File("parts/a.gpkg.tmp.gpkg")));
}

TEST(ReadBoundaries, RefusesBadInputListingProblems) {
  nrs::testing::TempDir dir;
  const std::vector<OutputFeature> features = {{Square(-2.91, 53.40, 0.01), {{"LSOA11CD", std::string("E01006512")}}},
                                               {Square(-2.90, 53.40, 0.01), {{"LSOA11CD", std::string("E01006512")}}},
                                               {Square(-2.89, 53.40, 0.01), {{"LSOA11CD", std::string("E0100651")}}}};
  ASSERT_TRUE(WriteFeatures(dir.File("bad.geojson"), "lsoa", features).ok());
  const auto read = ReadBoundaries(dir.File("bad.geojson"), {});
  ASSERT_FALSE(read.ok());
  ASSERT_EQ(read.status().diagnostics().size(), 2U);
  EXPECT_NE(read.status().diagnostics()[0].ToString().find("feature 2: E01006512 appears twice"), std::string::npos);
  EXPECT_NE(read.status().diagnostics()[1].ToString().find("feature 3: 'E0100651' is not a LSOA (2011) code"),
            std::string::npos);

  // British National Grid metres in a file that claims nothing (so is read as longitude/latitude).
  const std::vector<OutputFeature> metres = {{Square(338500, 390500, 1000), {{"LSOA11CD", std::string("E01006512")}}}};
  ASSERT_TRUE(WriteFeatures(dir.File("metres.geojson"), "lsoa", metres).ok());
  const auto wrong = ReadBoundaries(dir.File("metres.geojson"), {});
  ASSERT_FALSE(wrong.ok());
  EXPECT_NE(wrong.status().diagnostics()[0].reason.find("outside longitude/latitude range"), std::string::npos);

  EXPECT_EQ(ReadBoundaries(dir.File("none.geojson"), {}).status().code(), ErrorCode::kNotFound);
}

TEST(ReadBoundaries, ShapefileWithoutProjectionIsRefusedUnlessGiven) {
  nrs::testing::TempDir dir;
  GDALAllRegister();
  {
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("ESRI Shapefile");
    GDALDatasetUniquePtr ds(driver->Create(dir.File("lsoa.shp").c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    OGRLayer* layer = ds->CreateLayer("lsoa", nullptr, wkbPolygon, nullptr);
    OGRFieldDefn field("LSOA11CD", OFTString);
    ASSERT_EQ(layer->CreateField(&field), OGRERR_NONE);
    OGRFeature feature(layer->GetLayerDefn());
    feature.SetField("LSOA11CD", "E01006512");
    OGRGeometry* g = nullptr;
    const std::string wkb = Square(338500, 390500, 1000);
    OGRGeometryFactory::createFromWkb(wkb.data(), nullptr, &g, wkb.size());
    feature.SetGeometryDirectly(g);
    ASSERT_EQ(layer->CreateFeature(&feature), OGRERR_NONE);
  }
  const auto refused = ReadBoundaries(dir.File("lsoa.shp"), {});
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().diagnostics()[0].reason.find("unknown projection"), std::string::npos);
  BoundaryReadOptions options;
  options.assume_crs = "EPSG:27700";
  const auto read = ReadBoundaries(dir.File("lsoa.shp"), options);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_NEAR(read->features[0].box.min_x, -2.926, 0.01);
  EXPECT_NEAR(read->features[0].box.min_y, 53.407, 0.01);
}

TEST(Geometry, UnionOfAdjacentSquaresIsOnePolygon) {
  const std::vector<std::string> squares = {Square(0, 0, 1), Square(1, 0, 1), Square(5, 5, 1)};
  const auto joined = UnionOf(std::span(squares).first(2));
  ASSERT_TRUE(joined.ok()) << joined.status().ToString();
  EXPECT_NEAR(Area(*joined), 2.0, 1e-12);
  const auto apart = UnionOf(squares);
  ASSERT_TRUE(apart.ok());
  EXPECT_NEAR(Area(*apart), 3.0, 1e-12);
  const auto json = GeometryToGeoJson(Square(0, 0, 1), 1);
  ASSERT_TRUE(json.ok());
  EXPECT_EQ(*json, R"({"type":"Polygon","coordinates":[[[0.0,0.0],[1.0,0.0],[1.0,1.0],[0.0,1.0],[0.0,0.0]]]})");
  EXPECT_FALSE(WriteFeatures("/tmp/x.kml", "l", {}).ok());
}

}  // namespace
}  // namespace nrs::io
