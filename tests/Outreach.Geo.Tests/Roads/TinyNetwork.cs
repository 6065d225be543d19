using NetTopologySuite.Geometries;
using Outreach.Geo.Roads;

namespace Outreach.Geo.Tests.Roads;

/// <summary>
/// Hand-made networks for unit tests. Node n sits at longitude 106.7 + (n % 10) * 0.001 and latitude
/// 10.78 + (n / 10) * 0.001 (about 109 m apart east-west and 111 m north-south), so lengths are easy to reason about.
/// </summary>
internal static class TinyNetwork
{
    public static Coordinate At(long node) => new(106.7 + (node % 10) * 0.001, 10.78 + (node / 10) * 0.001);

    public static RoadWay Way(long id, string tags, params long[] nodes)
    {
        var dict = tags.Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(t => t.Split('='))
            .ToDictionary(kv => kv[0], kv => kv[1]);
        return new RoadWay(id, nodes, nodes.Select(At).ToArray(), dict);
    }
}
