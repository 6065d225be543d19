using System.Globalization;
using System.Text.Json;
using Outreach.Data.Stores;
using Outreach.Domain;
using Outreach.Domain.Validation;
using Outreach.Web.Features.Localization;
using Outreach.Web.Features.RouteSheets;
using Outreach.Web.Infrastructure.Time;

namespace Outreach.Web.Features.PickupPlans;

/// <summary>What publishing a pickup plan did.</summary>
public enum PublishOutcome
{
    /// <summary>Frozen now and its messages queued.</summary>
    Published,

    /// <summary>No plan with that id (or not a pickup plan).</summary>
    NotFound,

    /// <summary>Already published earlier: nothing changed, nothing queued again.</summary>
    AlreadyPublished,

    /// <summary>A driver phone typed on the form is not a Vietnamese number: nothing published.</summary>
    InvalidPhone,
}

/// <summary>The result of <see cref="PickupPlanPublisher.PublishAsync"/>.</summary>
/// <param name="Outcome">What happened.</param>
/// <param name="Confirmations">Family confirmations queued now (new ones only: unchanged ones from an earlier version are not sent again).</param>
/// <param name="Reminders">Day-before reminders queued.</param>
/// <param name="DriverLinks">Driver links queued.</param>
/// <param name="TripsWithoutDriver">Trips no driver phone was found for (enter one on the form and publish the next version, or call).</param>
/// <param name="Superseded">Pending messages of the previous published version withdrawn because their time or trip changed.</param>
/// <param name="InvalidVehicleId">With <see cref="PublishOutcome.InvalidPhone"/>: the van whose phone field is wrong.</param>
/// <param name="InvalidValue">With <see cref="PublishOutcome.InvalidPhone"/>: what was typed.</param>
public sealed record PublishResult(
    PublishOutcome Outcome,
    int Confirmations = 0,
    int Reminders = 0,
    int DriverLinks = 0,
    IReadOnlyList<TripKey>? TripsWithoutDriver = null,
    int Superseded = 0,
    long? InvalidVehicleId = null,
    string? InvalidValue = null);

/// <summary>
/// Publishes a pickup plan: freezes the version and, in the same transaction (<see cref="PlanStore.PublishAsync(long, IReadOnlyList{OutboxMessage}, CancellationToken)"/>),
/// queues for each family on it a confirmation (due now) and a reminder at 18:00 the day before (none when that is
/// already past), and for each van's day one message to its driver with the trips' departures and a short link to the
/// day's trips (<see cref="DriverDayLinkStore"/>; each trip then opens on its signed sheet link). Deduplication keys carry what the message says
/// (the pickup time; the plan version for links), so publishing again never repeats a message while a changed time
/// gets a new one; pending messages of the previous published version that no longer hold are withdrawn.
/// <para>
/// Drivers. The rule is: the phone typed for the van on the publish form; otherwise the van's driver in the day's
/// published duty roster (with a valid phone, not on leave); otherwise the station's officers with the Driver skill, not on leave that day and with a
/// valid phone, in id order, given to the day's vans in id order (first van, first driver). A van left without one
/// is reported, so the dispatcher can type a phone and publish again (links carry the plan version).
/// </para>
/// Messages carry only what their reader needs: a family gets its code, first name, day, time and place; a driver
/// the van, the day's trips and departures (the sheets' times), how many families and the link. Thread-safe.
/// </summary>
public sealed class PickupPlanPublisher(
    PlanStore plans,
    BookingStore bookings,
    SiteStore sites,
    StationStore stations,
    FleetStore fleet,
    OfficerStore officers,
    NotificationOutboxStore outbox,
    RouteSheetLinks links,
    TimeProvider clock,
    RosterStore rosters,
    DriverDayLinkStore dayLinks)
{
    public const string ConfirmationTemplate = "pickup.confirmation";
    public const string ReminderTemplate = "pickup.reminder";
    public const string DriverLinkTemplate = "pickup.driver-link";

    /// <summary>Local hour of the day-before reminder.</summary>
    public static readonly TimeOnly ReminderTime = new(18, 0);

    /// <summary>
    /// Publishes plan <paramref name="planId"/>. <paramref name="publicBaseUrl"/> is where drivers open their links
    /// ("https://outreach.example.vn"); <paramref name="driverPhones"/> are phones typed per van id (blank = use the rule).
    /// </summary>
    public Task<PublishResult> PublishAsync(long planId, Uri publicBaseUrl, IReadOnlyDictionary<long, string?> driverPhones,
        CancellationToken cancellationToken = default) => PublishAsync(planId, publicBaseUrl, driverPhones, null, cancellationToken);

    /// <summary>As <see cref="PublishAsync(long, Uri, IReadOnlyDictionary{long, string?}, CancellationToken)"/>; when
    /// <paramref name="publishedBy"/> is given, the bookings whose data the queued messages carry are recorded in the
    /// personal-data audit log in the publishing transaction.</summary>
    public async Task<PublishResult> PublishAsync(long planId, Uri publicBaseUrl, IReadOnlyDictionary<long, string?> driverPhones,
        AuditActor? publishedBy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(publicBaseUrl);
        ArgumentNullException.ThrowIfNull(driverPhones);
        var typed = new Dictionary<long, string>();
        foreach (var (vehicleId, text) in driverPhones)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            if (VietnamPhone.Normalize(text) is not { } phone)
            {
                return new PublishResult(PublishOutcome.InvalidPhone, InvalidVehicleId: vehicleId, InvalidValue: text.Trim());
            }

            typed[vehicleId] = phone;
        }

        var content = await plans.GetAsync(planId, cancellationToken);
        if (content is null || content.Plan.Kind != PlanKind.Pickups)
        {
            return new PublishResult(PublishOutcome.NotFound);
        }

        if (content.Plan.Status == PlanStatus.Published)
        {
            return new PublishResult(PublishOutcome.AlreadyPublished);
        }

        var facts = await FactsAsync(content, typed, cancellationToken);
        facts = facts with { DayPaths = await DayPathsAsync(content, facts, cancellationToken) };
        var messages = Messages(content, facts, publicBaseUrl, clock.GetUtcNow());
        var previous = await PreviousPublishedAsync(content.Plan, cancellationToken);
        // Messages an earlier version already queued with the same key (same family, same time) are not new: the
        // outbox skips them; count only what this publish adds.
        var fresh = new List<OutboxMessage>();
        foreach (var m in messages.Queue)
        {
            if (await outbox.GetByDeduplicationKeyAsync(m.DeduplicationKey, cancellationToken) is null)
            {
                fresh.Add(m);
            }
        }

        var audit = publishedBy is null ? null : new AuditRecord(publishedBy, AuditAction.Publish, AuditSubject.PickupDay, content.Plan.StationId,
            [.. messages.Queue.Select(NotificationOutboxStore.BookingCodeOf).OfType<string>()],
            string.Create(CultureInfo.InvariantCulture, $"plan {planId}, {messages.Queue.Count} messages queued"));
        if (!await plans.PublishAsync(planId, messages.Queue, audit, cancellationToken))
        {
            return new PublishResult(PublishOutcome.AlreadyPublished);
        }

        // Pending messages of the version this one replaces that say something no longer true (an old time, an old
        // link, a family no longer on the plan) are withdrawn. After the publish commit: if this step fails, the new
        // messages are queued and the worst case is a stale reminder still pending, never a lost publish.
        int superseded = 0;
        if (previous is not null)
        {
            var old = Messages(previous, await FactsAsync(previous, typed, cancellationToken), publicBaseUrl, clock.GetUtcNow());
            var now = messages.Queue.Select(m => m.DeduplicationKey).ToHashSet(StringComparer.Ordinal);
            foreach (var key in old.Queue.Select(m => m.DeduplicationKey).Where(k => !now.Contains(k)))
            {
                if (await outbox.GetByDeduplicationKeyAsync(key, cancellationToken) is { Status: NotificationStatus.Pending } pending
                    && await outbox.MarkAttemptFailedAsync(pending.Id, $"superseded by plan version {content.Plan.Version}", null, cancellationToken))
                {
                    superseded++;
                }
            }
        }

        return new PublishResult(
            PublishOutcome.Published,
            fresh.Count(m => m.TemplateKey == ConfirmationTemplate),
            fresh.Count(m => m.TemplateKey == ReminderTemplate),
            fresh.Count(m => m.TemplateKey == DriverLinkTemplate),
            messages.TripsWithoutDriver,
            superseded);
    }

    /// <summary>
    /// The short link ("/d/{code}") of each van's day that has a driver, made now unless it exists (a plan version
    /// published again keeps its codes). Made before the publishing transaction: a failed publish leaves unused codes
    /// of a draft, which go with it.
    /// </summary>
    private async Task<Dictionary<(long VehicleId, DateOnly Date), string>> DayPathsAsync(PlanContent content, PublishFacts facts, CancellationToken cancellationToken)
    {
        var paths = new Dictionary<(long VehicleId, DateOnly Date), string>();
        foreach (var day in facts.DriverPhoneByTrip.Keys.Where(k => k.PlanId == content.Plan.Id).Select(k => (k.ResourceId, k.Date)).Distinct())
        {
            var link = await dayLinks.GetOrCreateAsync(content.Plan.Id, PlanResourceKind.Vehicle, day.ResourceId, day.Date, RouteSheetLinks.DefaultExpiry(day.Date), cancellationToken);
            paths[day] = DriverDayPage.PathFor(link.Code);
        }

        return paths;
    }

    /// <summary>The driver phone the rule gives each trip's van (for showing on the publish form before publishing).</summary>
    public async Task<IReadOnlyDictionary<TripKey, string>> DriverPhonesAsync(PlanContent content, IReadOnlyDictionary<long, string> typed,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var facts = await FactsAsync(content, typed, cancellationToken);
        return facts.DriverPhoneByTrip;
    }

    /// <summary>The messages publishing <paramref name="content"/> queues, and the trips without a driver phone. Pure.</summary>
    internal static (IReadOnlyList<OutboxMessage> Queue, IReadOnlyList<TripKey> TripsWithoutDriver) Messages(
        PlanContent content, PublishFacts facts, Uri publicBaseUrl, DateTimeOffset now)
    {
        var queue = new List<OutboxMessage>();
        var stops = content.Stops.Where(s => s.ResourceKind == PlanResourceKind.Vehicle).ToList();
        var (sheets, sheetStopOf) = Sheets(content, facts);
        // Every time a message gives is a time of the driver's sheet: the stop's arrival (several families at one
        // school gate are one stop, reached at the first family's time) and the trip's departure (the start and any
        // boarding at the station merge into the first stop, which the van leaves after the last boarding).
        string TimeOf(PlanStop row) => LocalTime.FormatTime(sheetStopOf.TryGetValue(row, out var stop) ? stop.Arrival : row.Arrival);
        foreach (var group in stops.Where(s => s.BookingId is not null).GroupBy(s => (s.BookingId!.Value, s.Date)).OrderBy(g => g.Key.Date).ThenBy(g => g.Key.Value))
        {
            if (!facts.Bookings.TryGetValue(group.Key.Value, out var booking) || booking.Status == BookingStatus.Cancelled || booking.Date != group.Key.Date)
            {
                continue;
            }

            var (pickup, home) = FamilyRows(group);
            if (pickup is null)
            {
                continue;
            }

            var time = TimeOf(pickup);
            var place = pickup.SiteId is { } siteId && facts.Sites.TryGetValue(siteId, out var site) ? site.Name
                : booking.PickupSiteId is { } bookedSite && facts.Sites.TryGetValue(bookedSite, out var s2) ? s2.Name
                : booking.AddressNote;
            var payload = JsonSerializer.Serialize(new FamilyPayload(
                booking.Code, booking.ContactFirstName, group.Key.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), time,
                place, pickup.SiteId is null && booking.PickupSiteId is null, home is null ? null : TimeOf(home),
                facts.Station.CollectionPointName, booking.ChildCount, booking.GuardianCount));
            var stem = string.Create(CultureInfo.InvariantCulture, $"pickup:{group.Key.Date:yyyyMMdd}:booking:{booking.Id}");
            var hhmm = time.Replace(":", "", StringComparison.Ordinal);
            queue.Add(Message(NotificationChannel.Zalo, booking.Phone, ConfirmationTemplate, booking.PreferredLanguage, payload, $"{stem}:confirm:{hhmm}", now, now));
            var remindAt = ReminderAt(group.Key.Date);
            if (remindAt > now)
            {
                queue.Add(Message(NotificationChannel.Zalo, booking.Phone, ReminderTemplate, booking.PreferredLanguage, payload, $"{stem}:remind:{hhmm}", remindAt, now));
            }
        }

        // One message per van and day (and driver phone): its trips' departures and one short link to the day's trips.
        var without = new List<TripKey>();
        foreach (var day in TripKey.TripsOf(content).Where(k => k.ResourceKind == PlanResourceKind.Vehicle).GroupBy(k => (k.ResourceId, k.Date)))
        {
            without.AddRange(day.Where(t => !facts.DriverPhoneByTrip.ContainsKey(t)));
            foreach (var driven in day.Where(facts.DriverPhoneByTrip.ContainsKey).GroupBy(t => facts.DriverPhoneByTrip[t], StringComparer.Ordinal))
            {
                var (vehicleId, date) = day.Key;
                var phone = driven.Key;
                var trips = driven.OrderBy(t => t.TripNumber).ToList();
                var rows = stops.Where(s => s.ResourceId == vehicleId && s.Date == date && trips.Exists(t => t.TripNumber == s.TripNumber)).ToList();
                var vehicle = facts.Vehicles.TryGetValue(vehicleId, out var v) ? v : null;
                var path = facts.DayPaths?.TryGetValue((vehicleId, date), out var dayPath) == true ? dayPath : facts.Links.PathFor(trips[0]);
                var departures = trips.Select(t => LocalTime.FormatTime(sheets.TryGetValue(t, out var sheet) ? sheet.Departure
                    : rows.Where(r => r.TripNumber == t.TripNumber).MinBy(r => r.Sequence)!.Departure));
                var payload = JsonSerializer.Serialize(new DriverDayPayload(
                    vehicle?.Name ?? $"#{vehicleId}", vehicle?.Plate, date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), trips.Count,
                    string.Join(", ", departures), rows.Where(r => r.BookingId is not null).Select(r => r.BookingId).Distinct().Count(),
                    new Uri(publicBaseUrl, path).ToString()));
                // The key carries what the message says (the trips' departures, how many families), not the version: a
                // re-plan that leaves this van's day as it was sends its driver nothing (the short link opens the newest
                // published version), one that changes it sends the new departures.
                var says = string.Create(CultureInfo.InvariantCulture, $"{trips.Count}|{string.Join(",", departures)}|{rows.Where(r => r.BookingId is not null).Select(r => r.BookingId).Distinct().Count()}");
                var key = string.Create(CultureInfo.InvariantCulture, $"pickup:{date:yyyyMMdd}:vehicle:{vehicleId}:driver:{phone}:{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(says)))[..12]}");
                queue.Add(Message(NotificationChannel.Sms, phone, DriverLinkTemplate, Languages.Vietnamese, payload, key, now, now));
            }
        }

        return ([.. queue.Select(m => m with { StationId = facts.Station.Id })], without);
    }

    /// <summary>
    /// The van trips' sheets as the drivers will see them (<see cref="RouteSheetBuilder"/>, the one place that merges
    /// plan rows into stops), and the sheet stop each plan row went into (by reference).
    /// </summary>
    private static (Dictionary<TripKey, RouteSheet> Sheets, Dictionary<PlanStop, SheetStop> StopOf) Sheets(PlanContent content, PublishFacts facts)
    {
        var sheets = new Dictionary<TripKey, RouteSheet>();
        var stopOf = new Dictionary<PlanStop, SheetStop>(ReferenceEqualityComparer.Instance);
        foreach (var trip in TripKey.TripsOf(content).Where(k => k.ResourceKind == PlanResourceKind.Vehicle))
        {
            if (VanSheet(content, trip, facts.Station, facts.Sites, facts.Bookings, facts.Vehicles.GetValueOrDefault(trip.ResourceId)) is not { } sheet)
            {
                continue;
            }

            sheets[trip] = sheet;
            foreach (var stop in sheet.Stops)
            {
                foreach (var row in stop.Rows)
                {
                    stopOf[row] = stop;
                }
            }
        }

        return (sheets, stopOf);
    }

    /// <summary>One van trip's sheet as its driver sees it (<see cref="RouteSheetBuilder"/>), from the facts publishing reads.</summary>
    internal static RouteSheet? VanSheet(PlanContent content, TripKey trip, Station station, IReadOnlyDictionary<long, Site> sites,
        IReadOnlyDictionary<long, Domain.Booking> bookings, Vehicle? vehicle)
    {
        var resource = new SheetResource(PlanResourceKind.Vehicle, trip.ResourceId, vehicle?.Name ?? $"#{trip.ResourceId}", vehicle?.Plate, vehicle?.SeatCount,
            vehicle?.Profile ?? VehicleProfile.Van, 0);
        var sheetFacts = new SheetFacts(station, resource, sites, bookings, new Dictionary<long, VisitRequest>(), new Dictionary<string, string>());
        return RouteSheetBuilder.Build(content, trip, sheetFacts);
    }

    /// <summary>A family's pickup row (its first boarding) and home row (its first drop-off) among the plan rows of its booking.</summary>
    internal static (PlanStop? Pickup, PlanStop? Home) FamilyRows(IEnumerable<PlanStop> rowsOfBooking)
    {
        var rows = rowsOfBooking.ToList();
        return (rows.Where(s => s.Kind == StopKind.Pickup).OrderBy(s => s.Arrival).FirstOrDefault(),
            rows.Where(s => s.Kind == StopKind.DropOff).OrderBy(s => s.Arrival).FirstOrDefault());
    }

    /// <summary>18:00 Vietnam time on the day before <paramref name="date"/>, as an instant.</summary>
    public static DateTimeOffset ReminderAt(DateOnly date)
    {
        var local = date.AddDays(-1).ToDateTime(ReminderTime);
        return new DateTimeOffset(local, LocalTime.Zone.GetUtcOffset(local)).ToUniversalTime();
    }

    private static OutboxMessage Message(NotificationChannel channel, string recipient, string template, string language, string payload, string key,
        DateTimeOffset due, DateTimeOffset now) =>
        new(0, channel, recipient, template, language, payload, key, due, NotificationStatus.Pending, 0, now, null, null);

    private async Task<PlanContent?> PreviousPublishedAsync(Plan plan, CancellationToken cancellationToken)
    {
        var previous = (await plans.ListVersionsAsync(plan.StationId, plan.Kind, plan.PeriodStart, plan.PeriodEnd, cancellationToken))
            .Where(p => p.Status == PlanStatus.Published && p.Version < plan.Version)
            .MaxBy(p => p.Version);
        return previous is null ? null : await plans.GetAsync(previous.Id, cancellationToken);
    }

    private async Task<PublishFacts> FactsAsync(PlanContent content, IReadOnlyDictionary<long, string> typed, CancellationToken cancellationToken)
    {
        var plan = content.Plan;
        var station = await stations.GetAsync(plan.StationId, cancellationToken)
            ?? throw new InvalidOperationException($"Plan {plan.Id} names station {plan.StationId}, which does not exist.");
        var bookingById = (await bookings.ListAsync(plan.StationId, plan.PeriodStart, plan.PeriodEnd, includeCancelled: true, cancellationToken)).ToDictionary(b => b.Id);
        var siteById = (await sites.ListByStationAsync(plan.StationId, null, includeRemoved: true, cancellationToken)).ToDictionary(s => s.Id);
        var vehicles = new Dictionary<long, Vehicle>();
        foreach (var id in content.Stops.Where(s => s.ResourceKind == PlanResourceKind.Vehicle).Select(s => s.ResourceId).Distinct())
        {
            if (await fleet.GetVehicleAsync(id, cancellationToken) is { } vehicle)
            {
                vehicles[id] = vehicle;
            }
        }

        var drivers = (await officers.ListByStationAsync(plan.StationId, cancellationToken))
            .Where(o => o.Skills.HasFlag(OfficerSkills.Driver) && VietnamPhone.Normalize(o.Phone) is not null)
            .OrderBy(o => o.Id)
            .ToList();
        var phoneByTrip = new Dictionary<TripKey, string>();
        foreach (var day in TripKey.TripsOf(content).Where(k => k.ResourceKind == PlanResourceKind.Vehicle).GroupBy(k => k.Date))
        {
            var available = drivers.Where(o => !o.Leave.Any(l => l.Covers(day.Key))).ToList();
            var vans = day.Select(k => k.ResourceId).Distinct().Order().ToList();
            var rostered = await RosteredDriversAsync(plan.StationId, day.Key, cancellationToken);
            foreach (var trip in day)
            {
                if (typed.TryGetValue(trip.ResourceId, out var phone))
                {
                    phoneByTrip[trip] = phone;
                }
                else if (rostered.TryGetValue(trip.ResourceId, out var officerId) && drivers.FirstOrDefault(o => o.Id == officerId) is { } driver
                    && !driver.Leave.Any(l => l.Covers(day.Key)))
                {
                    phoneByTrip[trip] = VietnamPhone.Normalize(driver.Phone)!;
                }
                else if (vans.IndexOf(trip.ResourceId) is var i && i < available.Count)
                {
                    phoneByTrip[trip] = VietnamPhone.Normalize(available[i].Phone)!;
                }
            }
        }

        return new PublishFacts(station, bookingById, siteById, vehicles, phoneByTrip, links);
    }

    /// <summary>The driver the day's published duty roster gives each van (vehicle id to officer id), if there is one.</summary>
    private async Task<Dictionary<long, long>> RosteredDriversAsync(long stationId, DateOnly date, CancellationToken cancellationToken)
    {
        var roster = (await plans.ListAsync(stationId, date, date, cancellationToken))
            .Where(p => p.Kind == PlanKind.Shifts && p.Status == PlanStatus.Published)
            .MaxBy(p => p.Version);
        var content = roster is null ? null : await rosters.GetAsync(roster.Id, cancellationToken);
        return content?.Shifts.Where(s => s.Date == date && s.VehicleId is not null)
            .GroupBy(s => s.VehicleId!.Value).ToDictionary(g => g.Key, g => g.First().OfficerId) ?? [];
    }

    private sealed record FamilyPayload(
        string Code, string FirstName, string Date, string PickupTime, string? PickupPlace, bool AtHome, string? HomeTime,
        string CollectionPoint, int Children, int Guardians);

    /// <summary>A driver's day: the van, how many trips, their departures ("07:30, 10:35"), distinct bookings, the short link.</summary>
    private sealed record DriverDayPayload(string Vehicle, string? Plate, string Date, int Trips, string Departures, int Bookings, string Url);
}

/// <summary>What message building needs beside the plan rows.</summary>
internal sealed record PublishFacts(
    Station Station,
    IReadOnlyDictionary<long, Domain.Booking> Bookings,
    IReadOnlyDictionary<long, Site> Sites,
    IReadOnlyDictionary<long, Vehicle> Vehicles,
    IReadOnlyDictionary<TripKey, string> DriverPhoneByTrip,
    RouteSheetLinks Links,
    IReadOnlyDictionary<(long VehicleId, DateOnly Date), string>? DayPaths = null);
