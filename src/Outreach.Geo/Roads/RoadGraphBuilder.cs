using NetTopologySuite.Geometries;

namespace Outreach.Geo.Roads;

/// <summary>
/// Builds a <see cref="RoadGraph"/> for one profile: keeps the ways the profile may use, splits them at nodes that
/// more than one usable way (or one way twice) shares and at way ends, and keeps the largest strongly connected
/// component. Stateless and thread-safe.
/// </summary>
public static class RoadGraphBuilder
{
    /// <summary>Builds the graph of <paramref name="profile"/> from <paramref name="ways"/>.</summary>
    public static RoadGraph Build(IReadOnlyList<RoadWay> ways, TravelProfile profile)
    {
        ArgumentNullException.ThrowIfNull(ways);
        var access = new WayAccess[ways.Count];
        var uses = new Dictionary<long, int>();
        for (int w = 0; w < ways.Count; w++)
        {
            access[w] = AccessRules.For(ways[w], profile);
            if (!access[w].Any)
            {
                continue;
            }

            var ids = ways[w].NodeIds;
            for (int i = 0; i < ids.Count; i++)
            {
                // Ends count twice so that they always become graph nodes.
                int add = i == 0 || i == ids.Count - 1 ? 2 : 1;
                uses[ids[i]] = uses.GetValueOrDefault(ids[i]) + add;
            }
        }

        var nodeIndex = new Dictionary<long, int>();
        var lon = new List<double>();
        var lat = new List<double>();
        var osm = new List<long>();
        var from = new List<int>();
        var to = new List<int>();
        var metres = new List<double>();
        var fwd = new List<bool>();
        var bwd = new List<bool>();
        var wayOf = new List<int>();
        var geometry = new List<LineString>();

        int NodeFor(long id, Coordinate c)
        {
            if (!nodeIndex.TryGetValue(id, out int v))
            {
                v = lon.Count;
                nodeIndex[id] = v;
                lon.Add(c.X);
                lat.Add(c.Y);
                osm.Add(id);
            }

            return v;
        }

        for (int w = 0; w < ways.Count; w++)
        {
            if (!access[w].Any)
            {
                continue;
            }

            var way = ways[w];
            var ids = way.NodeIds;
            var cs = way.Coordinates;
            int start = 0;
            double length = 0;
            for (int i = 1; i < ids.Count; i++)
            {
                length += Geodesy.HaversineMetres(cs[i - 1], cs[i]);
                if (uses[ids[i]] < 2 && i != ids.Count - 1)
                {
                    continue;
                }

                if (length > 0)
                {
                    from.Add(NodeFor(ids[start], cs[start]));
                    to.Add(NodeFor(ids[i], cs[i]));
                    metres.Add(length);
                    fwd.Add(access[w].Forward);
                    bwd.Add(access[w].Backward);
                    wayOf.Add(w);
                    var part = new Coordinate[i - start + 1];
                    for (int k = start; k <= i; k++)
                    {
                        part[k - start] = cs[k].Copy();
                    }

                    geometry.Add(Geodesy.Factory.CreateLineString(part));
                }

                start = i;
                length = 0;
            }
        }

        int n = lon.Count;
        int[] component = StrongComponents(n, from, to, fwd, bwd, out int componentCount);
        var size = new int[Math.Max(componentCount, 1)];
        foreach (int c in component)
        {
            size[c]++;
        }

        int largest = 0;
        for (int c = 1; c < componentCount; c++)
        {
            if (size[c] > size[largest])
            {
                largest = c;
            }
        }

        var newIndex = new int[n];
        int kept = 0;
        for (int v = 0; v < n; v++)
        {
            newIndex[v] = component[v] == largest ? kept++ : -1;
        }

        var keptSeg = new List<int>();
        var droppedWays = new SortedSet<long>();
        double droppedMetres = 0;
        for (int s = 0; s < from.Count; s++)
        {
            if (newIndex[from[s]] >= 0 && newIndex[to[s]] >= 0)
            {
                keptSeg.Add(s);
            }
            else
            {
                droppedMetres += metres[s];
                droppedWays.Add(ways[wayOf[s]].OsmId);
            }
        }

        var nLon = new double[kept];
        var nLat = new double[kept];
        var nOsm = new long[kept];
        for (int v = 0; v < n; v++)
        {
            if (newIndex[v] >= 0)
            {
                nLon[newIndex[v]] = lon[v];
                nLat[newIndex[v]] = lat[v];
                nOsm[newIndex[v]] = osm[v];
            }
        }

        int m = keptSeg.Count;
        var sFrom = new int[m];
        var sTo = new int[m];
        var sMetres = new double[m];
        var sFwd = new bool[m];
        var sBwd = new bool[m];
        var sWay = new int[m];
        var sGeom = new LineString[m];
        for (int i = 0; i < m; i++)
        {
            int s = keptSeg[i];
            sFrom[i] = newIndex[from[s]];
            sTo[i] = newIndex[to[s]];
            sMetres[i] = metres[s];
            sFwd[i] = fwd[s];
            sBwd[i] = bwd[s];
            sWay[i] = wayOf[s];
            sGeom[i] = geometry[s];
        }

        var report = new ComponentReport(componentCount, kept, n - kept, from.Count - m, droppedMetres, droppedWays.ToList());
        return new RoadGraph(profile, ways, nLon, nLat, nOsm, sFrom, sTo, sMetres, sFwd, sBwd, sWay, sGeom, report);
    }

    // Iterative Tarjan over the directed arcs; returns the component id of each node.
    private static int[] StrongComponents(int n, List<int> from, List<int> to, List<bool> fwd, List<bool> bwd, out int count)
    {
        var start = new int[n + 1];
        for (int s = 0; s < from.Count; s++)
        {
            if (fwd[s])
            {
                start[from[s] + 1]++;
            }

            if (bwd[s])
            {
                start[to[s] + 1]++;
            }
        }

        for (int v = 0; v < n; v++)
        {
            start[v + 1] += start[v];
        }

        var target = new int[start[n]];
        var fill = (int[])start.Clone();
        for (int s = 0; s < from.Count; s++)
        {
            if (fwd[s])
            {
                target[fill[from[s]]++] = to[s];
            }

            if (bwd[s])
            {
                target[fill[to[s]]++] = from[s];
            }
        }

        var index = new int[n];
        var low = new int[n];
        var onStack = new bool[n];
        var comp = new int[n];
        Array.Fill(index, -1);
        var stack = new Stack<int>();
        var calls = new Stack<(int Node, int Next)>();
        int counter = 0;
        count = 0;
        for (int root = 0; root < n; root++)
        {
            if (index[root] >= 0)
            {
                continue;
            }

            index[root] = low[root] = counter++;
            stack.Push(root);
            onStack[root] = true;
            calls.Push((root, start[root]));
            while (calls.Count > 0)
            {
                var (v, next) = calls.Pop();
                if (next < start[v + 1])
                {
                    calls.Push((v, next + 1));
                    int w = target[next];
                    if (index[w] < 0)
                    {
                        index[w] = low[w] = counter++;
                        stack.Push(w);
                        onStack[w] = true;
                        calls.Push((w, start[w]));
                    }
                    else if (onStack[w])
                    {
                        low[v] = Math.Min(low[v], index[w]);
                    }

                    continue;
                }

                if (calls.Count > 0)
                {
                    int parent = calls.Peek().Node;
                    low[parent] = Math.Min(low[parent], low[v]);
                }

                if (low[v] == index[v])
                {
                    int w;
                    do
                    {
                        w = stack.Pop();
                        onStack[w] = false;
                        comp[w] = count;
                    }
                    while (w != v);
                    count++;
                }
            }
        }

        return comp;
    }
}
