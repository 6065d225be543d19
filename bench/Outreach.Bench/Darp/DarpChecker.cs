using System.Globalization;

namespace Outreach.Bench.Darp;

/// <summary>The verdict on a dial-a-ride plan: total Euclidean cost, requests served (both nodes once), every violation.</summary>
public sealed record DarpCheck(bool Feasible, double Cost, int Served, IReadOnlyList<string> Errors);

/// <summary>
/// Re-checks a dial-a-ride plan in double precision straight from the instance, rule for rule as
/// shared/bench/darp/check_darp.py does (same tolerance, same messages): the van leaves the depot just in time for its
/// first stop (not before the depot opens); every stop is reachable in time and starts inside its window; load stays
/// in 0..Q; a drop-off follows its pickup on the same route and the ride (drop-off start minus end of pickup service)
/// is at most L; the van is back by the end depot's due time and within T of leaving; every node is served once; at
/// most K routes. Independent of the integer model. Thread-safe (stateless).
/// </summary>
public static class DarpChecker
{
    /// <summary>check_darp.py's tolerance on times and durations.</summary>
    public const double Epsilon = 1e-4;

    public static DarpCheck Check(DarpInstance instance, IReadOnlyList<IReadOnlyList<DarpStop>> routes)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(routes);
        var errors = new List<string>();
        void Error(FormattableString message) => errors.Add(message.ToString(CultureInfo.InvariantCulture));
        int n = instance.Requests;
        int end = instance.EndDepot;
        var nodes = instance.Nodes;
        var seen = new int[nodes.Count];
        double cost = 0;
        // Like check_darp.py, a route line with no stops is not a route.
        var used = routes.Where(r => r.Count > 0).ToList();
        for (int k = 0; k < used.Count; k++)
        {
            var route = used[k];
            int load = 0, previous = 0;
            var startOf = new Dictionary<int, double>();
            int firstNode = route[0].Node;
            double depart = firstNode > 0 && firstNode < nodes.Count
                ? Math.Max(nodes[0].Ready, route[0].Start - instance.Distance(0, firstNode))
                : nodes[0].Ready;
            double previousDone = depart;
            foreach (var (i, t) in route)
            {
                if (i <= 0 || i >= nodes.Count || i == end)
                {
                    Error($"route {k}: bad node {i}");
                    continue;
                }

                seen[i]++;
                double travel = instance.Distance(previous, i);
                cost += travel;
                if (t + Epsilon < previousDone + travel)
                {
                    Error($"route {k}: node {i} starts {t:F2} before it can be reached ({previousDone + travel:F2})");
                }

                if (t + Epsilon < nodes[i].Ready || t - Epsilon > nodes[i].Due)
                {
                    Error($"route {k}: node {i} at {t:F2} outside [{nodes[i].Ready}, {nodes[i].Due}]");
                }

                load += nodes[i].Load;
                if (load > instance.Capacity || load < 0)
                {
                    Error($"route {k}: load {load} at node {i}");
                }

                startOf[i] = t;
                if (i > n)
                {
                    int pickup = i - n;
                    if (!startOf.TryGetValue(pickup, out double pickupStart))
                    {
                        Error($"route {k}: drop-off {i} before or without pickup {pickup}");
                    }
                    else
                    {
                        double ride = t - (pickupStart + nodes[pickup].Service);
                        if (ride - Epsilon > instance.MaxRide)
                        {
                            Error($"route {k}: request {pickup} rides {ride:F2} > {instance.MaxRide}");
                        }
                    }
                }

                previous = i;
                previousDone = t + nodes[i].Service;
            }

            double home = instance.Distance(previous, end);
            cost += home;
            double back = previousDone + home;
            if (back - Epsilon > nodes[end].Due)
            {
                Error($"route {k}: back at depot {back:F2} > {nodes[end].Due}");
            }

            if (back - depart - Epsilon > instance.MaxRouteDuration)
            {
                Error($"route {k}: duration {back - depart:F2} > {instance.MaxRouteDuration}");
            }

            if (load != 0)
            {
                Error($"route {k}: ends with load {load}");
            }
        }

        var missing = Enumerable.Range(1, 2 * n).Where(i => seen[i] == 0).ToList();
        var twice = Enumerable.Range(1, 2 * n).Where(i => seen[i] > 1).ToList();
        if (missing.Count > 0)
        {
            Error($"{missing.Count} nodes unserved, e.g. {string.Join(", ", missing.Take(5))}");
        }

        if (twice.Count > 0)
        {
            Error($"nodes served twice: {string.Join(", ", twice.Take(5))}");
        }

        if (used.Count > instance.Vehicles)
        {
            Error($"{used.Count} routes > {instance.Vehicles} vehicles");
        }

        int served = Enumerable.Range(1, n).Count(r => seen[r] == 1 && seen[instance.DropOff(r)] == 1);
        return new DarpCheck(errors.Count == 0, cost, served, errors);
    }
}
