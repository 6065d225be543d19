using System.Runtime.CompilerServices;
using Outreach.Geo.Snapping;

namespace Outreach.Geo.Matrices;

/// <summary>
/// Computes <see cref="TravelMatrix"/> values on a road graph: one Dijkstra per source over the graph's CSR arrays
/// with a binary heap of packed (time, node) longs, sources spread over cores with Parallel.For, one reusable
/// workspace per worker, and an early stop once every target's segment ends are settled. Paths minimise time;
/// distances are those of the fastest path. Sites join their snapped segment part-way (respecting one-way rules)
/// and add their off-network leg. Stateless and thread-safe.
/// </summary>
public static class RoadMatrix
{
    /// <summary>Computes the matrix between <paramref name="sites"/> (snapped on <paramref name="costs"/>' graph).</summary>
    public static TravelMatrix Compute(TravelCosts costs, IReadOnlyList<SnappedSite> sites, int maxDegreeOfParallelism = -1)
    {
        ArgumentNullException.ThrowIfNull(costs);
        ArgumentNullException.ThrowIfNull(sites);
        int n = sites.Count;
        var g = costs.Graph;
        var ends = new SiteEnds[n];
        var isTarget = new bool[g.NodeCount];
        int targetNodes = 0;
        for (int i = 0; i < n; i++)
        {
            ends[i] = SiteEnds.Of(costs, sites[i]);
            foreach (int v in new[] { ends[i].FromNode, ends[i].ToNode })
            {
                if (v >= 0 && !isTarget[v])
                {
                    isTarget[v] = true;
                    targetNodes++;
                }
            }
        }

        var seconds = new int[n * n];
        var metres = new int[n * n];
        int unreachable = 0;
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism };
        Parallel.For(0, n, options, () => new Workspace(g.NodeCount), (i, _, ws) =>
        {
            ws.Run(costs, ends[i], isTarget, targetNodes);
            for (int j = 0; j < n; j++)
            {
                var (ms, dm) = i == j ? (0L, 0L) : ws.Join(in ends[i], in ends[j]);
                if (ms < 0)
                {
                    seconds[i * n + j] = metres[i * n + j] = TravelMatrix.Unreachable;
                    Interlocked.Increment(ref unreachable);
                }
                else
                {
                    seconds[i * n + j] = (int)Math.Min(int.MaxValue, (ms + 500) / 1000);
                    metres[i * n + j] = (int)Math.Min(int.MaxValue, (dm + 5) / 10);
                }
            }

            return ws;
        }, _ => { });

        bool any = unreachable > 0;
        string source = $"road network ({g.Profile}, weather {costs.Weather.Fingerprint})";
        if (!any)
        {
            return new TravelMatrix(n, g.Profile, seconds, metres, false, source);
        }

        var (reasons, index) = Reasons.Explain(costs, sites, ends, seconds);
        return new TravelMatrix(n, g.Profile, seconds, metres, false, source, reasons, index);
    }

    /// <summary>
    /// How a site joins the graph: the ends of its snapped segment and the cost in ms / dm from the site to each end
    /// (leaving) and from each end to the site (arriving); -1 where the direction is not allowed or closed.
    /// </summary>
    internal readonly record struct SiteEnds(
        int Segment, double Fraction, int FromNode, int ToNode,
        long LeaveToFromMs, long LeaveToFromDm, long LeaveToToMs, long LeaveToToDm,
        long ArriveFromFromMs, long ArriveFromFromDm, long ArriveFromToMs, long ArriveFromToDm,
        long ForwardMs, long BackwardMs, long SegmentDm, long OffMs, long OffDm)
    {
        /// <summary>The site is on the segment's From node (within half a metre).</summary>
        public bool AtFrom => Segment >= 0 && Fraction * SegmentDm < 5;

        /// <summary>The site is on the segment's To node (within half a metre).</summary>
        public bool AtTo => Segment >= 0 && (1 - Fraction) * SegmentDm < 5;

        public static SiteEnds Of(TravelCosts costs, SnappedSite site)
        {
            if (site.Hit is not { } hit)
            {
                return new SiteEnds(-1, 0, -1, -1, -1, 0, -1, 0, -1, 0, -1, 0, -1, -1, 0, 0, 0);
            }

            int s = hit.Segment;
            double t = hit.Fraction;
            long fwd = costs.SegForwardMs[s], bwd = costs.SegBackwardMs[s], len = costs.SegDecimetres[s];
            long offMs = (long)Math.Round(site.OffNetworkSeconds * 1000), offDm = (long)Math.Round(site.OffNetworkMetres * 10);
            var g = costs.Graph;

            // A site on a node (within half a metre) is at that node whatever the segment's direction, unless closed.
            bool open = fwd >= 0 || bwd >= 0;
            bool atFrom = open && t * len < 5, atTo = open && (1 - t) * len < 5;
            return new SiteEnds(
                s, t, g.SegFrom[s], g.SegTo[s],
                atFrom ? 0 : bwd < 0 ? -1 : (long)Math.Round(t * bwd), (long)Math.Round(t * len),
                atTo ? 0 : fwd < 0 ? -1 : (long)Math.Round((1 - t) * fwd), (long)Math.Round((1 - t) * len),
                atFrom ? 0 : fwd < 0 ? -1 : (long)Math.Round(t * fwd), (long)Math.Round(t * len),
                atTo ? 0 : bwd < 0 ? -1 : (long)Math.Round((1 - t) * bwd), (long)Math.Round((1 - t) * len),
                fwd, bwd, len, offMs, offDm);
        }
    }

    // One worker's buffers, reused across sources: tentative times and lengths valid where stamp == current run.
    private sealed class Workspace(int nodes)
    {
        private readonly int[] _ms = new int[nodes];
        private readonly int[] _dm = new int[nodes];
        private readonly int[] _stamp = new int[nodes];
        private readonly bool[] _settled = new bool[nodes];
        private long[] _heap = new long[Math.Max(16, nodes)];
        private int _heapCount;
        private int _run;

        // Hot loop: compile optimised at once rather than after tiering, so a cold matrix is as fast as a warm one.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Run(TravelCosts costs, SiteEnds source, bool[] isTarget, int targetNodes)
        {
            _run++;
            _heapCount = 0;
            var g = costs.Graph;
            int[] arcStart = g.ArcStart, arcTarget = g.ArcTarget, arcMs = costs.ArcMs, arcDm = costs.ArcDecimetres;
            if (source.LeaveToFromMs >= 0)
            {
                Seed(source.FromNode, (int)source.LeaveToFromMs, (int)source.LeaveToFromDm);
            }

            if (source.LeaveToToMs >= 0)
            {
                Seed(source.ToNode, (int)source.LeaveToToMs, (int)source.LeaveToToDm);
            }

            // Locals rather than fields in the hot loop, so the JIT keeps them in registers.
            int[] ms = _ms, dm = _dm, stamp = _stamp;
            bool[] settled = _settled;
            int run = _run;
            int remaining = targetNodes;
            while (_heapCount > 0 && remaining > 0)
            {
                long top = Pop();
                int v = (int)(top & 0xFFFFFFFF);
                int t = (int)(top >> 32);
                if (settled[v] || t > ms[v])
                {
                    continue;
                }

                settled[v] = true;
                if (isTarget[v])
                {
                    remaining--;
                }

                int dv = dm[v];
                for (int a = arcStart[v], end = arcStart[v + 1]; a < end; a++)
                {
                    int cost = arcMs[a];
                    if (cost < 0)
                    {
                        continue;
                    }

                    int w = arcTarget[a];
                    int nt = t + cost;
                    if (stamp[w] != run)
                    {
                        stamp[w] = run;
                        settled[w] = false;
                    }
                    else if (nt >= ms[w] || settled[w])
                    {
                        continue;
                    }

                    ms[w] = nt;
                    dm[w] = dv + arcDm[a];
                    Push(((long)nt << 32) | (uint)w);
                }
            }
        }

        /// <summary>Best (ms, dm) from the source of the last run to <paramref name="target"/>; (-1, -1) if none.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public (long Ms, long Dm) Join(in SiteEnds source, in SiteEnds target)
        {
            if (source.Segment < 0 || target.Segment < 0)
            {
                return (-1, -1);
            }

            long best = long.MaxValue, bestDm = 0;
            if (target.ArriveFromFromMs >= 0 && Reached(target.FromNode) is var (fm, fd) && fm >= 0)
            {
                best = fm + target.ArriveFromFromMs;
                bestDm = fd + target.ArriveFromFromDm;
            }

            if (target.ArriveFromToMs >= 0 && Reached(target.ToNode) is var (tm, td) && tm >= 0 && tm + target.ArriveFromToMs < best)
            {
                best = tm + target.ArriveFromToMs;
                bestDm = td + target.ArriveFromToDm;
            }

            if (source.Segment == target.Segment)
            {
                // Along the shared segment without touching a node.
                double dt = target.Fraction - source.Fraction;
                if (dt >= 0 && source.ForwardMs >= 0 && (long)Math.Round(dt * source.ForwardMs) < best)
                {
                    best = (long)Math.Round(dt * source.ForwardMs);
                    bestDm = (long)Math.Round(dt * source.SegmentDm);
                }
                else if (dt <= 0 && source.BackwardMs >= 0 && (long)Math.Round(-dt * source.BackwardMs) < best)
                {
                    best = (long)Math.Round(-dt * source.BackwardMs);
                    bestDm = (long)Math.Round(-dt * source.SegmentDm);
                }
            }

            return best == long.MaxValue ? (-1, -1) : (best + source.OffMs + target.OffMs, bestDm + source.OffDm + target.OffDm);
        }

        private (long Ms, long Dm) Reached(int v) => _stamp[v] == _run && _settled[v] ? (_ms[v], _dm[v]) : (-1, -1);

        private void Seed(int v, int ms, int dm)
        {
            if (_stamp[v] != _run || ms < _ms[v])
            {
                _stamp[v] = _run;
                _settled[v] = false;
                _ms[v] = ms;
                _dm[v] = dm;
                Push(((long)ms << 32) | (uint)v);
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void Push(long item)
        {
            if (_heapCount == _heap.Length)
            {
                Array.Resize(ref _heap, _heap.Length * 2);
            }

            int i = _heapCount++;
            while (i > 0)
            {
                int parent = (i - 1) >> 1;
                if (_heap[parent] <= item)
                {
                    break;
                }

                _heap[i] = _heap[parent];
                i = parent;
            }

            _heap[i] = item;
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private long Pop()
        {
            long top = _heap[0];
            long last = _heap[--_heapCount];
            int i = 0;
            while (true)
            {
                int child = (i << 1) + 1;
                if (child >= _heapCount)
                {
                    break;
                }

                if (child + 1 < _heapCount && _heap[child + 1] < _heap[child])
                {
                    child++;
                }

                if (_heap[child] >= last)
                {
                    break;
                }

                _heap[i] = _heap[child];
                i = child;
            }

            _heap[i] = last;
            return top;
        }
    }
}
