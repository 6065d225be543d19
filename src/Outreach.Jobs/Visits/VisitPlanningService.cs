using System.Globalization;
using System.Text.Json;
using Outreach.Data;
using Outreach.Domain;
using Outreach.Domain.Validation;
using Outreach.Geo.Matrices;
using Outreach.Geo.Roads;
using Outreach.Planning.Visits;

namespace Outreach.Jobs.Visits;

/// <summary>Settings of the week planning service.</summary>
public sealed record VisitPlanningServiceOptions
{
    /// <summary>Folder holding one map folder per <see cref="Station.MapAreaKey"/> (the repository's maps/).</summary>
    public required string MapsRoot { get; init; }

    /// <summary>Search time for one week (a chief waits for it on the page).</summary>
    public TimeSpan TimeLimit { get; init; } = TimeSpan.FromSeconds(5);

    public long Seed { get; init; } = 1;

    /// <summary>Parallel searches; 1 leaves the other core to the web server.</summary>
    public int Parallelism { get; init; } = 1;

    /// <summary>Everything else the planner takes (evening start, rest days, session length, ...); the time, seed and clock above win.</summary>
    public VisitPlanningOptions Planner { get; init; } = VisitPlanningOptions.Default;
}

/// <summary>A planned and saved week: the stored draft version and the plan it was made from.</summary>
public sealed record PlannedWeek(PlanContent Saved, WeekVisitPlan Plan);

/// <summary>What publishing did: whether the draft was published and how many messages were queued (new ones only).</summary>
public sealed record PublishedVisits(bool Published, int MessagesQueued, int RequestsWithoutContact);

/// <summary>
/// Plans a station's week of mobile-team visits from the stores and saves it as a new draft version, and publishes a
/// version with the visit times sent to the people who agreed them. Thread-safe (stores, maps and the matrix cache are).
/// </summary>
public sealed class VisitPlanningService(
    DataStores stores, MatrixCache matrices, VisitPlanningServiceOptions options, TimeProvider clock, RoadNetworks? networks = null)
{
    private readonly StationMaps maps = new((options ?? throw new ArgumentNullException(nameof(options))).MapsRoot, networks ?? new RoadNetworks());

    /// <summary>Template keys of the outbox messages (Zalo template / SMS text chosen by the sender).</summary>
    public const string ScheduledTemplate = "visit.scheduled";

    public const string ReminderTemplate = "visit.reminder";

    /// <summary>The stations' maps under <see cref="VisitPlanningServiceOptions.MapsRoot"/>, road networks loaded once.</summary>
    public StationMaps Maps => maps;

    /// <summary>
    /// Loads the station's open visit requests, sites, teams, officers (leave), holidays and weather of the week, its
    /// map and the week's published version (its visits stay with their team and day), plans within <see cref="VisitPlanningServiceOptions.TimeLimit"/>, and saves the result as a new draft
    /// version (one transaction). The plan runs on a worker thread.
    /// </summary>
    /// <exception cref="DomainValidationException">No such station, or <paramref name="monday"/> is not a Monday.</exception>
    public async Task<PlannedWeek> PlanWeekAsync(long stationId, DateOnly monday, string createdBy, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(createdBy);
        if (monday.DayOfWeek != DayOfWeek.Monday)
        {
            throw new DomainValidationException([new ValidationError("monday", monday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                "Tuần phải bắt đầu từ thứ Hai.", "The week must start on a Monday.")]);
        }

        var station = await stores.Stations.GetAsync(stationId, cancellationToken)
            ?? throw new DomainValidationException([new ValidationError("stationId", stationId.ToString(CultureInfo.InvariantCulture),
                "Không có đơn vị này.", "No such station.")]);
        var sunday = monday.AddDays(6);
        var requests = await stores.VisitRequests.ListByStationAsync(stationId, VisitRequestStatus.Open, cancellationToken);
        var sites = await stores.Sites.ListByStationAsync(stationId, cancellationToken: cancellationToken);
        var teams = await stores.Fleet.ListTeamsAsync(stationId, cancellationToken);
        var officers = await stores.Officers.ListByStationAsync(stationId, cancellationToken);
        var holidays = await stores.Calendar.ListHolidaysAsync(monday, sunday, cancellationToken);
        var weather = await stores.Weather.ListAsync(stationId, monday, sunday, cancellationToken);
        // What families and village heads were told stays with its team and day while it still fits.
        var published = await stores.Plans.GetLatestAsync(stationId, PlanKind.Visits, monday, sunday, PlanStatus.Published, cancellationToken);
        var publishedContent = published is null ? null : await stores.Plans.GetAsync(published.Id, cancellationToken);

        var plan = await Task.Run(() =>
        {
            var area = maps.For(station);
            var input = new VisitPlanningInput
            {
                Station = station,
                Monday = monday,
                Requests = requests,
                Sites = sites,
                Teams = teams,
                Officers = officers,
                Holidays = holidays,
                Weather = weather,
                Network = area.Network,
                SiteTerrain = sites.ToDictionary(s => s.Id, area.TerrainOf),
                Published = publishedContent,
            };
            return new WeekVisitPlanner(matrices).Plan(input, options.Planner with
            {
                TimeLimit = options.TimeLimit,
                Seed = options.Seed,
                Parallelism = options.Parallelism,
                Clock = clock,
            });
        }, cancellationToken);

        var saved = await stores.Plans.SaveNewVersionAsync(VisitPlanContent.ToPlanContent(plan, createdBy), cancellationToken);
        return new PlannedWeek(saved, plan);
    }

    /// <summary>
    /// Publishes a draft Visits plan and, in the same transaction, queues for each request's contact one message per
    /// visit day ("the team comes on Tuesday 03/03, 17:30-20:24") and a reminder at 17:00 the day before (when that is
    /// still ahead). Deduplication keys name the request, day and time, so publishing a later version with the same
    /// time sends nothing new, while a changed time is sent. False (nothing queued) when the plan is missing, not a
    /// Visits plan, or already published.
    /// </summary>
    public async Task<PublishedVisits> PublishAsync(long planId, CancellationToken cancellationToken = default)
    {
        var content = await stores.Plans.GetAsync(planId, cancellationToken);
        if (content is null || content.Plan.Kind != PlanKind.Visits || content.Plan.Status != PlanStatus.Draft)
        {
            return new PublishedVisits(false, 0, 0);
        }

        var requests = (await stores.VisitRequests.ListByStationAsync(content.Plan.StationId, cancellationToken: cancellationToken)).ToDictionary(r => r.Id);
        var sites = (await stores.Sites.ListByStationAsync(content.Plan.StationId, cancellationToken: cancellationToken)).ToDictionary(s => s.Id);
        var teams = (await stores.Fleet.ListTeamsAsync(content.Plan.StationId, cancellationToken)).ToDictionary(t => t.Id);
        var (messages, withoutContact) = Messages(content, requests, sites, teams, clock.GetUtcNow());
        var before = 0;
        foreach (var m in messages)
        {
            if (await stores.Outbox.GetByDeduplicationKeyAsync(m.DeduplicationKey, cancellationToken) is not null)
            {
                before++;
            }
        }

        var published = await stores.Plans.PublishAsync(planId, messages, cancellationToken);
        return new PublishedVisits(published, published ? messages.Count - before : 0, withoutContact);
    }

    /// <summary>The messages publishing a Visits plan queues (see <see cref="PublishAsync"/>), and how many requests have no contact phone.</summary>
    public static (IReadOnlyList<OutboxMessage> Messages, int WithoutContact) Messages(
        PlanContent content, IReadOnlyDictionary<long, VisitRequest> requests, IReadOnlyDictionary<long, Site> sites,
        IReadOnlyDictionary<long, Team> teams, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(requests);
        ArgumentNullException.ThrowIfNull(sites);
        ArgumentNullException.ThrowIfNull(teams);
        var messages = new List<OutboxMessage>();
        var withoutContact = 0;
        var visits = content.Stops.Where(s => s.Kind == StopKind.Visit && s.VisitRequestId is not null)
            .GroupBy(s => (Request: s.VisitRequestId!.Value, s.Date));
        foreach (var request in visits.GroupBy(g => g.Key.Request))
        {
            if (!requests.TryGetValue(request.Key, out var r) || r.ContactPhone is not { Length: > 0 } phone)
            {
                withoutContact++;
                continue;
            }

            foreach (var day in request.OrderBy(d => d.Key.Date))
            {
                var arrive = day.Min(s => s.Arrival);
                var leave = day.Max(s => s.Departure);
                var local = arrive.ToOffset(VisitWeek.VietnamOffset);
                var payload = JsonSerializer.Serialize(new Dictionary<string, object?>
                {
                    ["site"] = sites.TryGetValue(r.SiteId, out var site) ? site.Name : null,
                    ["contact"] = r.ContactName,
                    ["date"] = day.Key.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    ["dayVi"] = VisitDayNames.Vietnamese(day.Key.Date.DayOfWeek),
                    ["dayEn"] = VisitDayNames.English(day.Key.Date.DayOfWeek),
                    ["from"] = local.ToString("HH:mm", CultureInfo.InvariantCulture),
                    ["to"] = leave.ToOffset(VisitWeek.VietnamOffset).ToString("HH:mm", CultureInfo.InvariantCulture),
                    ["people"] = day.Where(s => !s.IsRepeatVisit).Sum(s => s.ServedCount),
                    ["repeatPeople"] = day.Where(s => s.IsRepeatVisit).Sum(s => s.ServedCount),
                    ["teams"] = day.Select(s => teams.TryGetValue(s.ResourceId, out var t) ? t.Name : null).Distinct().ToList(),
                    ["presence"] = r.RequiredPresence.ToString(),
                    ["planVersion"] = content.Plan.Version,
                });
                var key = string.Create(CultureInfo.InvariantCulture, $"visit:{r.Id}:{local:yyyy-MM-ddTHH:mm}");
                messages.Add(new OutboxMessage(0, NotificationChannel.Zalo, phone, ScheduledTemplate, "vi", payload, key + ":scheduled", now,
                    NotificationStatus.Pending, 0, now, null, null));
                var reminderAt = new DateTimeOffset(day.Key.Date.AddDays(-1).ToDateTime(new TimeOnly(17, 0)), VisitWeek.VietnamOffset).ToUniversalTime();
                if (reminderAt > now)
                {
                    messages.Add(new OutboxMessage(0, NotificationChannel.Zalo, phone, ReminderTemplate, "vi", payload, key + ":reminder", reminderAt,
                        NotificationStatus.Pending, 0, now, null, null));
                }
            }
        }

        return (messages, withoutContact);
    }
}
