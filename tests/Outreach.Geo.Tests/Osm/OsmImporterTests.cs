using NetTopologySuite.Geometries;
using Outreach.Geo.GeoJson;
using Outreach.Geo.Osm;
using Outreach.Geo.Roads;

namespace Outreach.Geo.Tests.Osm;

public class OsmImporterTests
{
    [Fact]
    public void Import_HcmcExtractInsideItsBounds_RebuildsTheSameRoadGraphAsTheShippedRoads()
    {
        // maps/hcmc-q3-sample/roads.geojson was made from extract.osm by the same rules (every highway way except
        // platform, proposed, ...), so importing the whole extract must give the same 395 ways and, for the van, the
        // same graph. The boundary is the extent of the shipped roads (SOURCES.md), a little wider than the export's
        // header bounds: the ward office lies just west of those.
        string outFolder = Path.Combine(Path.GetTempPath(), "outreach-import-" + Guid.NewGuid().ToString("N"));
        try
        {
            var osm = OsmXmlReader.ReadFile(Path.Combine(TestMaps.Map("hcmc-q3-sample"), "extract.osm"));
            var bounds = Geodesy.Factory.ToGeometry(new Envelope(106.682391, 106.698116, 10.775855, 10.791831));

            var result = OsmImporter.Import(osm, bounds, outFolder);
            var imported = RoadNetwork.Load(outFolder)!;

            Assert.Equal(395, result.Roads);
            Assert.Empty(imported.Errors);
            var shipped = TestMaps.Hcmc.Graph(TravelProfile.Van);
            var rebuilt = imported.Graph(TravelProfile.Van);
            Assert.Equal(shipped.NodeCount, rebuilt.NodeCount);
            Assert.Equal(shipped.SegmentCount, rebuilt.SegmentCount);
            Assert.Equal(shipped.TotalMetres, rebuilt.TotalMetres, 1.0);
            var pois = GeoJsonReader.ReadFile(Path.Combine(outFolder, "pois.geojson")).Features;
            Assert.Contains(pois, p => p.GetString("name") == "Ủy ban nhân dân phường Xuân Hòa" && p.GetString("category") == "government_office");
        }
        finally
        {
            if (Directory.Exists(outFolder))
            {
                Directory.Delete(outFolder, recursive: true);
            }
        }
    }

    [Fact]
    public void Import_SmallBoundary_KeepsOnlyWaysTouchingIt()
    {
        // A 100 m box around the ward office holds only a few streets; everything else is counted as outside.
        string outFolder = Path.Combine(Path.GetTempPath(), "outreach-import-" + Guid.NewGuid().ToString("N"));
        try
        {
            var osm = OsmXmlReader.ReadFile(Path.Combine(TestMaps.Map("hcmc-q3-sample"), "extract.osm"));
            var office = TestMaps.Poi("hcmc-q3-sample", "Ủy ban nhân dân phường Xuân Hòa");
            var box = Geodesy.Factory.ToGeometry(Geodesy.EnvelopeAround(office.X, office.Y, 100));

            var result = OsmImporter.Import(osm, box, outFolder);

            Assert.InRange(result.Roads, 1, 60);
            Assert.Equal(395, result.Roads + result.WaysOutside);
        }
        finally
        {
            if (Directory.Exists(outFolder))
            {
                Directory.Delete(outFolder, recursive: true);
            }
        }
    }
}
