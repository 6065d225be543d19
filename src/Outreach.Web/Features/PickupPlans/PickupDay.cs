using Outreach.Data.Stores;
using Outreach.Domain;
using Outreach.Web.Features.Bookings;
using Outreach.Web.Features.RouteSheets;

namespace Outreach.Web.Features.PickupPlans;

/// <summary>Marker for the pickup-plan strings: PickupPlanResource.resx (Vietnamese, neutral) and PickupPlanResource.en.resx.</summary>
public sealed class PickupPlanResource;

/// <summary>One van trip as the staff view lists it.</summary>
/// <param name="Key">The trip (for its print page, PDF and driver link).</param>
/// <param name="Departure">Leaves the first stop.</param>
/// <param name="Return">Reaches the last stop.</param>
/// <param name="Bookings">Bookings carried.</param>
/// <param name="People">Children plus guardians carried.</param>
/// <param name="PeakSeats">Most seats in use at once.</param>
/// <param name="Utilisation">Peak seats over the van's seats (0..1), or null when the van is unknown.</param>
/// <param name="Stops">Numbered stops.</param>
/// <param name="Progress">The stops as the driver checked them off from the road (picked up, no-show, dropped), in order.</param>
public sealed record PickupTrip(TripKey Key, DateTimeOffset Departure, DateTimeOffset Return, int Bookings, int People, int PeakSeats, double? Utilisation, int Stops,
    IReadOnlyList<PickupStopProgress> Progress)
{
    /// <summary>Which way the trip carries families: to the collection point, home again, or both.</summary>
    public PickupTripDirection Direction { get; init; }

    /// <summary>Stops that offer a check-off.</summary>
    public int Checkable => Progress.Count(p => p.Checkable);

    /// <summary>Stops checked off.</summary>
    public int Checked => Progress.Count(p => p.Status is not null);
}

/// <summary>Which way a van trip carries families (a trip may bring some in and take others home).</summary>
public enum PickupTripDirection
{
    /// <summary>Families board at their points and get off at the collection point.</summary>
    Out,

    /// <summary>Families board at the collection point and get off at their points.</summary>
    Home,

    /// <summary>Both.</summary>
    Both,
}

/// <summary>One stop of a trip as the dispatcher follows it.</summary>
/// <param name="Number">The stop's number on the sheet.</param>
/// <param name="Arrival">Planned arrival.</param>
/// <param name="Place">Where.</param>
/// <param name="Checkable">Families get on or off here, so the driver checks it off.</param>
/// <param name="Status">What the driver reported, or null.</param>
/// <param name="CheckedAt">When the driver reported it.</param>
public sealed record PickupStopProgress(int Number, DateTimeOffset Arrival, string Place, bool Checkable, StopCheckStatus? Status, DateTimeOffset? CheckedAt);

/// <summary>A van and its trips of the day.</summary>
public sealed record PickupVan(long VehicleId, string Name, string? Plate, int? Seats, IReadOnlyList<PickupTrip> Trips);

/// <summary>A booking the plan could not serve, with the plan's reason in both languages.</summary>
public sealed record PickupUnserved(UnservedItem Item, Domain.Booking? Booking);

/// <summary>
/// The booking requests for the day refused for one reason, by channel (<see cref="RefusalChannels"/>).
/// </summary>
/// <param name="Reason">The code as recorded ("Slot.SeatsFull", "Plan.TripFull"; see <see cref="BookingRefusals"/>).</param>
public sealed record PickupRefusal(string Reason, int Family, int Move, int PhoneIn)
{
    public int Total => Family + Move + PhoneIn;

    /// <summary>One row per reason, most refused first (then by code, so the order is stable).</summary>
    public static IReadOnlyList<PickupRefusal> ByReason(IEnumerable<RefusalCount> counts) =>
        counts.GroupBy(c => c.Reason, StringComparer.Ordinal)
            .Select(g => new PickupRefusal(g.Key, Sum(g, RefusalChannels.Family), Sum(g, RefusalChannels.Move), Sum(g, RefusalChannels.PhoneIn)))
            .OrderByDescending(r => r.Total).ThenBy(r => r.Reason, StringComparer.Ordinal)
            .ToList();

    private static int Sum(IEnumerable<RefusalCount> counts, string channel) =>
        counts.Where(c => c.Channel == channel).Sum(c => c.Count);
}

/// <summary>
/// The staff view of one station's pickups on one date: the plan version shown (latest unless another was asked
/// for), its vans and trips with load and utilisation, the unserved bookings with reasons, every version of the
/// same plan period, and the booking requests for the day that were refused, by reason (with or without a plan).
/// </summary>
public sealed record PickupDay(
    Station Station,
    DateOnly Date,
    PlanContent? Content,
    IReadOnlyList<Plan> Versions,
    IReadOnlyList<PickupVan> Vans,
    IReadOnlyList<PickupUnserved> Unserved,
    IReadOnlyList<PickupRefusal> Refused)
{
    public Plan? Plan => Content?.Plan;

    /// <summary>The newest version of the period (what publishing acts on by default).</summary>
    public Plan? Latest => Versions.Count == 0 ? null : Versions[0];

    public bool IsLatest => Plan is not null && Latest is not null && Plan.Id == Latest.Id;

    /// <summary>The day's bookings holding seats now, planned or not (so the chief knows what there is before planning).</summary>
    public DayBookings Held { get; init; } = DayBookings.None;

    /// <summary>What this version changes from the version families were last told (the newest published one before it), or
    /// from the version before it when none was published; null for a first version.</summary>
    public VersionChanges? Changes { get; init; }
}

/// <summary>A version's changes from an earlier one, with the names the page shows them by.</summary>
/// <param name="From">The version compared with.</param>
/// <param name="Diff">The changes.</param>
/// <param name="Codes">Booking codes by booking id.</param>
/// <param name="Vans">Van names by vehicle id.</param>
public sealed record VersionChanges(Plan From, Outreach.Planning.Versions.PlanDiff Diff, IReadOnlyDictionary<long, string> Codes, IReadOnlyDictionary<long, string> Vans);

/// <summary>The bookings of a day that hold seats (every status but cancelled), counted.</summary>
/// <param name="NewSincePlan">Made after the plan shown was created (0 without a plan).</param>
public sealed record DayBookings(int Bookings, int Children, int Guardians, int NewSincePlan)
{
    public static DayBookings None { get; } = new(0, 0, 0, 0);

    public static DayBookings Of(IReadOnlyCollection<Domain.Booking> bookings, Plan? plan)
    {
        ArgumentNullException.ThrowIfNull(bookings);
        var holding = bookings.Where(b => Domain.Booking.HoldsSeats(b.Status)).ToList();
        return new DayBookings(holding.Count, holding.Sum(b => b.ChildCount), holding.Sum(b => b.GuardianCount),
            plan is null ? 0 : holding.Count(b => b.CreatedAt > plan.CreatedAt));
    }
}

/// <summary>Loads a <see cref="PickupDay"/> from the stores. Stateless; thread-safe.</summary>
public sealed class PickupDayLoader(PlanStore plans, BookingStore bookings, FleetStore fleet, RefusalStore refusals, RouteSheetService sheets, StopCheckOffStore checkOffs)
{
    /// <summary>
    /// The day view. Without <paramref name="planId"/> the plan is the newest version of the narrowest pickup-plan
    /// period containing <paramref name="date"/> (a day plan before a week plan); with it, that version if it is a
    /// pickup plan of the station covering the date.
    /// </summary>
    public async Task<PickupDay> LoadAsync(Station station, DateOnly date, long? planId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(station);
        var refused = PickupRefusal.ByReason(await refusals.ForDayAsync(station.Id, date, cancellationToken));
        var held = await bookings.ListAsync(station.Id, date, date, cancellationToken: cancellationToken);
        PlanContent? content = null;
        if (planId is { } id && await plans.GetAsync(id, cancellationToken) is { } asked
            && asked.Plan.StationId == station.Id && asked.Plan.Kind == PlanKind.Pickups && asked.Plan.PeriodStart <= date && asked.Plan.PeriodEnd >= date)
        {
            content = asked;
        }
        else
        {
            var candidate = (await plans.ListAsync(station.Id, date, date, cancellationToken))
                .Where(p => p.Kind == PlanKind.Pickups)
                .OrderBy(p => p.PeriodEnd.DayNumber - p.PeriodStart.DayNumber)
                .ThenByDescending(p => p.Version)
                .FirstOrDefault();
            if (candidate is not null)
            {
                content = await plans.GetAsync(candidate.Id, cancellationToken);
            }
        }

        if (content is null)
        {
            return new PickupDay(station, date, null, [], [], [], refused) { Held = DayBookings.Of(held, null) };
        }

        var plan = content.Plan;
        var versions = await plans.ListVersionsAsync(station.Id, PlanKind.Pickups, plan.PeriodStart, plan.PeriodEnd, cancellationToken);
        var keys = TripKey.TripsOf(content).Where(k => k.Date == date && k.ResourceKind == PlanResourceKind.Vehicle).ToList();
        var trips = await sheets.BuildAsync(content, keys, includeMaps: false, cancellationToken);
        var checks = await checkOffs.ListByPlanAsync(plan.Id, cancellationToken);
        var vans = new List<PickupVan>();
        foreach (var group in trips.GroupBy(t => t.Key.ResourceId))
        {
            var vehicle = await fleet.GetVehicleAsync(group.Key, cancellationToken);
            vans.Add(new PickupVan(
                group.Key,
                vehicle?.Name ?? $"#{group.Key}",
                vehicle?.Plate,
                vehicle?.SeatCount,
                group.Select(t => new PickupTrip(t.Key, t.Departure, t.Return, t.Totals.BookingCount, t.Totals.Children + t.Totals.Guardians,
                    t.Totals.PeakSeats, t.Totals.Utilisation, t.Stops.Count, Progress(t, checks))
                {
                    Direction = (t.Stops.Any(s => s.Kind == StopKind.Pickup), t.Stops.Any(s => s.Kind == StopKind.DropOff)) switch
                    {
                        (true, true) => PickupTripDirection.Both,
                        (false, true) => PickupTripDirection.Home,
                        _ => PickupTripDirection.Out,
                    },
                }).ToList()));
        }

        var dayBookings = (await bookings.ListAsync(station.Id, plan.PeriodStart, plan.PeriodEnd, includeCancelled: true, cancellationToken)).ToDictionary(b => b.Id);
        var unserved = new List<PickupUnserved>();
        foreach (var item in content.Unserved.Where(u => u.ItemKind == UnservedItemKind.Booking))
        {
            var booking = dayBookings.TryGetValue(item.ItemId, out var b) ? b : await bookings.GetAsync(item.ItemId, cancellationToken);
            // A week plan lists the whole week's unserved bookings: show the day's (and any whose booking is gone).
            if (booking is null || booking.Date == date || plan.PeriodStart == plan.PeriodEnd)
            {
                unserved.Add(new PickupUnserved(item, booking));
            }
        }

        return new PickupDay(station, date, content, versions, vans, unserved, refused)
        {
            Held = DayBookings.Of(held, plan),
            Changes = await ChangesAsync(content, versions, dayBookings, station.Id, cancellationToken),
        };
    }

    /// <summary>The shown version against the newest published version older than it (what families were told), else the one before it.</summary>
    private async Task<VersionChanges?> ChangesAsync(PlanContent content, IReadOnlyList<Plan> versions, Dictionary<long, Domain.Booking> dayBookings, long stationId,
        CancellationToken cancellationToken)
    {
        var older = versions.Where(v => v.Version < content.Plan.Version).ToList();
        var from = older.FirstOrDefault(v => v.Status == PlanStatus.Published) ?? older.FirstOrDefault();
        if (from is null || await plans.GetAsync(from.Id, cancellationToken) is not { } before)
        {
            return null;
        }

        var diff = Outreach.Planning.Versions.PlanDiff.Between(before, content);
        var codes = new Dictionary<long, string>();
        foreach (var id in diff.Changes.Select(c => c.ItemId).Distinct())
        {
            var booking = dayBookings.TryGetValue(id, out var b) ? b : await bookings.GetAsync(id, cancellationToken);
            codes[id] = booking?.Code ?? $"#{id}";
        }

        // An older version may name a van removed since.
        var vans = (await fleet.ListVehiclesAsync(stationId, includeRemoved: true, cancellationToken)).ToDictionary(v => v.Id, v => v.Name);
        return new VersionChanges(from, diff, codes, vans);
    }

    private static List<PickupStopProgress> Progress(RouteSheet trip, IReadOnlyDictionary<long, StopCheckOff> checks) =>
        trip.Stops.Select(s => StopProgress.Of(s, checks) is { } c
                ? new PickupStopProgress(s.Number, s.Arrival, s.Place.Name, true, c.Status, c.CheckedAt)
                : new PickupStopProgress(s.Number, s.Arrival, s.Place.Name, StopProgress.Choices(s).Count > 0, null, null))
            .ToList();
}
