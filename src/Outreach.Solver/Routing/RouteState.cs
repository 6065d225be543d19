using Outreach.Solver.Model;

namespace Outreach.Solver.Routing;

/// <summary>
/// One trip of one vehicle with cached forward/backward time data, so a candidate insertion is checked in O(1).
/// Positions: 0 = departure from the start location, 1..Count = stops, Count + 1 = arrival at the end location.
/// Not thread-safe; each search owns its routes.
/// </summary>
internal sealed class RouteState
{
    /// <summary>Lower clamp for latest times, far below any real time but safe to subtract from.</summary>
    public const int NegativeInfinity = -1_500_000_000;

    private readonly CompiledModel m;

    public RouteState(CompiledModel model, int vehicle, int trip)
    {
        m = model;
        Vehicle = vehicle;
        Trip = trip;
        StartLocation = model.VehicleStart[vehicle];
        EndLocation = model.MaxTrips[vehicle] > 1 ? model.VehicleStart[vehicle] : model.VehicleEnd[vehicle];
        Travel = model.TravelSeconds[model.VehicleProfile[vehicle]];
        Metres = model.Metres[model.VehicleProfile[vehicle]];
        Cost = model.ArcCost[model.VehicleCostClass[vehicle]];
        // Room for a few stops at first, grown as stops come (EnsureCapacity): a model has a route per vehicle and trip,
        // and a route as long as the model's stops is rare, while the booking page makes a model of the day per session
        // on every request.
        int capacity = Math.Min(model.StopCount, InitialStops) + 2;
        Stops = new int[capacity];
        Location = new int[capacity];
        Service = new int[capacity];
        Early = new int[capacity];
        Late = new int[capacity];
        LoadAfter = new int[capacity * model.Dimensions];
        PrefixMax = new int[capacity * model.Dimensions];
        SuffixMax = new int[capacity * model.Dimensions];
        OpenPairs = new int[capacity];
        SuffixSkills = new ulong[capacity];
        if (model.HasRideLimits)
        {
            Chain = new long[capacity];
            RideSlack = new long[capacity];
        }
        else
        {
            Chain = [];
            RideSlack = [];
        }
    }

    public int Vehicle { get; }

    public int Trip { get; }

    public int StartLocation { get; }

    public int EndLocation { get; }

    /// <summary>Travel seconds of the vehicle's profile, [from * Size + to].</summary>
    public int[] Travel { get; }

    /// <summary>Metres of the vehicle's profile, [from * Size + to].</summary>
    public int[] Metres { get; }

    /// <summary>Arc costs of the vehicle's cost class, [from * Size + to].</summary>
    public long[] Cost { get; }

    /// <summary>[1..Count]: stop ids in visiting order (index 0 and Count + 1 unused).</summary>
    public int[] Stops { get; private set; }

    public int Count { get; set; }

    /// <summary>Stops at positions 1..PinnedPrefix are pinned there; insertions go after them.</summary>
    public int PinnedPrefix { get; set; }

    /// <summary>[p]: location of position p.</summary>
    public int[] Location { get; private set; }

    /// <summary>[p]: service seconds at position p (0 at the ends).</summary>
    public int[] Service { get; private set; }

    /// <summary>[p]: earliest service start at p (departure at 0, arrival at Count + 1).</summary>
    public int[] Early { get; private set; }

    /// <summary>[p]: latest service start at p keeping p..end feasible; <see cref="NegativeInfinity"/> if none.</summary>
    public int[] Late { get; private set; }

    /// <summary>[p * D + d]: load on board after serving p.</summary>
    public int[] LoadAfter { get; private set; }

    /// <summary>[p * D + d]: max of LoadAfter over positions 0..p.</summary>
    public int[] PrefixMax { get; private set; }

    /// <summary>[p * D + d]: max of LoadAfter over positions p..Count + 1.</summary>
    public int[] SuffixMax { get; private set; }

    /// <summary>[p]: pairs picked up at positions 1..p whose delivery comes after p (0: the trip can be cut after p).</summary>
    public int[] OpenPairs { get; private set; }

    /// <summary>[p]: skills required by the stops at positions p..Count (0 at Count + 1).</summary>
    public ulong[] SuffixSkills { get; private set; }

    /// <summary>
    /// [p]: driving and service seconds from the departure at 0 to the arrival at p, without waiting or breaks (kept
    /// only on models with ride limits). Between two positions no schedule can take less time.
    /// </summary>
    public long[] Chain { get; private set; }

    /// <summary>
    /// [p]: least ride-time slack (limit minus the ride's lower bound from <see cref="Chain"/>) over the pairs on board
    /// along the arc from p to p + 1; <see cref="long.MaxValue"/> when none has a limit (kept only on models with ride limits).
    /// </summary>
    public long[] RideSlack { get; private set; }

    /// <summary>Last position holding a task pinned to this vehicle or trip (0 when none): stops up to it must stay on the trip.</summary>
    public int LastPinned { get; private set; }

    /// <summary>Earliest departure of this trip (shift start, or previous trip's arrival + reload).</summary>
    public int StartEarliest { get; set; }

    /// <summary>Latest arrival at the end of this trip (shift end, or next trip's latest departure - reload).</summary>
    public int EndLatest { get; set; }

    /// <summary>Sum of arc costs when the trip is not empty, else 0.</summary>
    public long ArcCost { get; private set; }

    /// <summary>True when windows, capacity and trip bounds hold.</summary>
    public bool Feasible { get; private set; }

    public void Forward()
    {
        int size = m.Size;
        int dims = m.Dimensions;
        int n = Count;
        Location[0] = StartLocation;
        Service[0] = 0;
        Early[0] = StartEarliest;
        bool feasible = true;
        for (int d = 0; d < dims; d++)
        {
            int start = 0;
            for (int p = 1; p <= n; p++)
            {
                start += m.StartLoad[(Stops[p] * dims) + d];
            }

            LoadAfter[d] = start;
            PrefixMax[d] = start;
        }

        long cost = 0;
        int open = 0;
        int lastPinned = 0;
        OpenPairs[0] = 0;
        for (int p = 1; p <= n; p++)
        {
            int s = Stops[p];
            if (m.StopSibling[s] >= 0)
            {
                open += m.StopIsDelivery[s] ? -1 : 1;
            }

            OpenPairs[p] = open;
            if (m.TaskPinVehicle[m.StopTask[s]] >= 0)
            {
                lastPinned = p;
            }

            Location[p] = m.StopLocation[s];
            Service[p] = m.StopService[s];
            long arrival = (long)Early[p - 1] + Service[p - 1] + Travel[(Location[p - 1] * size) + Location[p]];
            int early = arrival > TimeWindow.MaxSeconds ? CompiledModel.Infeasible : m.EarliestStart(s, (int)arrival);
            if (early == CompiledModel.Infeasible)
            {
                feasible = false;
                early = TimeWindow.MaxSeconds;
            }

            Early[p] = early;
            cost += Cost[(Location[p - 1] * size) + Location[p]];
            for (int d = 0; d < dims; d++)
            {
                int load = LoadAfter[((p - 1) * dims) + d] + m.Delta[(s * dims) + d];
                LoadAfter[(p * dims) + d] = load;
                PrefixMax[(p * dims) + d] = Math.Max(PrefixMax[((p - 1) * dims) + d], load);
            }
        }

        Location[n + 1] = EndLocation;
        Service[n + 1] = 0;
        long end = (long)Early[n] + Service[n] + Travel[(Location[n] * size) + EndLocation];
        Early[n + 1] = (int)Math.Min(end, TimeWindow.MaxSeconds);
        cost += Cost[(Location[n] * size) + EndLocation];
        for (int d = 0; d < dims; d++)
        {
            LoadAfter[((n + 1) * dims) + d] = LoadAfter[(n * dims) + d];
            PrefixMax[((n + 1) * dims) + d] = PrefixMax[(n * dims) + d];
            if (PrefixMax[(n * dims) + d] > m.Capacity[(Vehicle * dims) + d])
            {
                feasible = false;
            }
        }

        OpenPairs[n + 1] = open;
        LastPinned = lastPinned;
        if (m.HasRideLimits)
        {
            RideBounds();
        }

        ArcCost = n == 0 ? 0 : cost;
        Feasible = feasible;
    }

    private void RideBounds()
    {
        int size = m.Size;
        int n = Count;
        Chain[0] = 0;
        for (int p = 1; p <= n + 1; p++)
        {
            Chain[p] = Chain[p - 1] + Service[p - 1] + Travel[(Location[p - 1] * size) + Location[p]];
        }

        Array.Fill(RideSlack, long.MaxValue, 0, n + 2);
        for (int a = 1; a <= n; a++)
        {
            int s = Stops[a];
            int sibling = m.StopSibling[s];
            if (sibling < 0 || m.StopIsDelivery[s])
            {
                continue;
            }

            int maxRide = m.TaskMaxRide[m.StopTask[s]];
            if (maxRide == CompiledModel.Infeasible)
            {
                continue;
            }

            int b = a + 1;
            while (b <= n && Stops[b] != sibling)
            {
                b++;
            }

            if (b > n)
            {
                continue; // the delivery is not on this trip (an infeasible intermediate state): no bound
            }

            long slack = maxRide - (Chain[b] - Chain[a] - Service[a]);
            for (int p = a; p < b; p++)
            {
                RideSlack[p] = Math.Min(RideSlack[p], slack);
            }
        }
    }

    public void Backward()
    {
        int size = m.Size;
        int dims = m.Dimensions;
        int n = Count;
        Late[n + 1] = EndLatest;
        SuffixSkills[n + 1] = 0;
        for (int d = 0; d < dims; d++)
        {
            SuffixMax[((n + 1) * dims) + d] = LoadAfter[((n + 1) * dims) + d];
        }

        for (int p = n; p >= 1; p--)
        {
            long x = (long)Late[p + 1] - Service[p] - Travel[(Location[p] * size) + Location[p + 1]];
            Late[p] = x < NegativeInfinity ? NegativeInfinity : Math.Max(NegativeInfinity, m.LatestStart(Stops[p], (int)x));
            SuffixSkills[p] = SuffixSkills[p + 1] | m.TaskSkills[m.StopTask[Stops[p]]];
            for (int d = 0; d < dims; d++)
            {
                SuffixMax[(p * dims) + d] = Math.Max(SuffixMax[((p + 1) * dims) + d], LoadAfter[(p * dims) + d]);
            }
        }

        for (int d = 0; d < dims; d++)
        {
            SuffixMax[d] = Math.Max(SuffixMax[dims + d], LoadAfter[d]);
        }

        long start = (long)Late[1] - Travel[(Location[0] * size) + Location[1]];
        Late[0] = (int)Math.Max(start, NegativeInfinity);
        if (Early[0] > Late[0] || Early[n + 1] > EndLatest)
        {
            Feasible = false;
        }
    }

    /// <summary>Arrival at the end location (earliest schedule).</summary>
    public int EarliestEnd => Early[Count + 1];

    /// <summary>Stops a route has room for before it first grows.</summary>
    private const int InitialStops = 14;

    /// <summary>
    /// Makes room for <paramref name="count"/> stops (and the two ends), keeping what the arrays hold. Whoever lengthens
    /// the route calls it first; the arrays never shrink, so a route put back to a length it had needs no call.
    /// </summary>
    public void EnsureCapacity(int count)
    {
        int needed = count + 2;
        if (Stops.Length >= needed)
        {
            return;
        }

        int capacity = Math.Min(Math.Max(needed, 2 * Stops.Length), m.StopCount + 2);
        capacity = Math.Max(capacity, needed);
        int dims = m.Dimensions;
        Stops = Resized(Stops, capacity);
        Location = Resized(Location, capacity);
        Service = Resized(Service, capacity);
        Early = Resized(Early, capacity);
        Late = Resized(Late, capacity);
        LoadAfter = Resized(LoadAfter, capacity * dims);
        PrefixMax = Resized(PrefixMax, capacity * dims);
        SuffixMax = Resized(SuffixMax, capacity * dims);
        OpenPairs = Resized(OpenPairs, capacity);
        SuffixSkills = Resized(SuffixSkills, capacity);
        if (m.HasRideLimits)
        {
            Chain = Resized(Chain, capacity);
            RideSlack = Resized(RideSlack, capacity);
        }
    }

    private static T[] Resized<T>(T[] array, int length)
    {
        Array.Resize(ref array, length);
        return array;
    }

    public void Insert(int position, int stop)
    {
        // position: index the stop will occupy (1..Count + 1).
        EnsureCapacity(Count + 1);
        Array.Copy(Stops, position, Stops, position + 1, Count - position + 1);
        Stops[position] = stop;
        Count++;
    }

    public void RemoveAt(int position)
    {
        Array.Copy(Stops, position + 1, Stops, position, Count - position);
        Count--;
    }
}
