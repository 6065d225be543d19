using System.Text;
using Outreach.Geo.Osm;
using Outreach.Geo.Roads;

namespace Outreach.Geo.Tests.Osm;

public class OsmXmlReaderTests
{
    [Fact]
    public void Read_IdsBeyondInt32AndMissingNode_KeepsLongIdsAndNamesTheWay()
    {
        // Node ids above 12e9 occur in Andorra; way 5 refers to node 99, which is absent.
        const string xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <osm version="0.6">
          <node id="12000000001" lat="42.5" lon="1.5"/>
          <node id="12000000002" lat="42.51" lon="1.5"><tag k="amenity" v="school"/></node>
          <node id="3" lat="91" lon="1.5"/>
          <way id="5"><nd ref="12000000001"/><nd ref="99"/><nd ref="12000000002"/><tag k="highway" v="track"/></way>
        </osm>
        """;

        var osm = OsmXmlReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(xml)));

        Assert.Equal(2, osm.Nodes.Count);
        Assert.Equal("school", osm.Nodes[12000000002].Tags["amenity"]);
        Assert.Contains(osm.Errors, e => e.Location == "node 3");
        Assert.Contains(osm.Errors, e => e.Location == "way 5" && e.Problem.Contains("99", StringComparison.Ordinal));
        var way = Assert.Single(osm.Ways);
        Assert.Equal([12000000001L, 12000000002L], way.NodeIds);
    }

    [Fact]
    public void ReadFile_HcmcExtract_GivesTheSameRoadsAsTheGeoJson()
    {
        // roads.geojson was derived from extract.osm by taking every highway way (SOURCES.md): 395 ways,
        // less the highway values that script skipped; both must agree on which ways exist.
        var osm = OsmXmlReader.ReadFile(Path.Combine(TestMaps.Map("hcmc-q3-sample"), "extract.osm"));
        var fromOsm = RoadWayReader.FromOsm(osm).Ways.Select(w => w.OsmId).ToHashSet();
        var fromGeoJson = TestMaps.Hcmc.Ways.Select(w => w.OsmId).ToHashSet();

        Assert.Equal(5738, osm.Nodes.Count);
        Assert.Equal(1245, osm.Ways.Count);
        Assert.Equal(124, osm.RelationCount);
        Assert.True(fromGeoJson.IsSubsetOf(fromOsm));
    }
}
