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

/// <summary>A planned and saved week: the stored draft version and the plan it was made from; or, when nothing the plan
/// reads changed since the newest version (<see cref="Unchanged"/>), that version kept and no plan made.</summary>
public sealed record PlannedWeek(PlanContent Saved, WeekVisitPlan? Plan)
{
    /// <summary>The inputs were those of the newest version: nothing was planned or saved, and <see cref="Saved"/> is that version.</summary>
    public bool Unchanged => Plan is null;
}

/// <summary>What publishing did.</summary>
/// <param name="Published">The draft was published now (false: missing, not a Visits plan, or already published).</param>
/// <param name="MessagesQueued">Messages queued now, new ones only (visit times, reminders and team-lead links).</param>
/// <param name="RequestsWithoutContact">Visited requests without a contact phone (nobody is told their time).</param>
/// <param name="TeamLeadLinks">Of <paramref name="MessagesQueued"/>: team leads' links to their team-day sheet.</param>
/// <param name="TeamDaysWithoutLead">Team-days nobody got the link for: no team lead present, or the lead has no valid mobile number.</param>
/// <param name="Superseded">Pending messages of the previous published version withdrawn because what they said changed.</param>
public sealed record PublishedVisits(
    bool Published, int MessagesQueued, int RequestsWithoutContact, int TeamLeadLinks = 0,
    IReadOnlyList<TeamDayKey>? TeamDaysWithoutLead = null, int Superseded = 0);

/// <summary>One team's day in a plan, as its sheet and link name it (<see cref="PlanStop.TripNumber"/> of its rows).</summary>
public readonly record struct TeamDayKey(long PlanId, long TeamId, DateOnly Date, int TripNumber);

/// <summary>The messages publishing a Visits plan queues, and who could not be reached.</summary>
/// <param name="Queue">Visit times and reminders for contacts, links for team leads.</param>
/// <param name="WithoutContact">Visited requests without a contact phone.</param>
/// <param name="WithoutLead">Team-days without a team lead who can get the link.</param>
public sealed record VisitMessages(IReadOnlyList<OutboxMessage> Queue, int WithoutContact, IReadOnlyList<TeamDayKey> WithoutLead);

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

    public const string TeamLeadLinkTemplate = "visit.team-lead-link";

    /// <summary>The stations' maps under <see cref="VisitPlanningServiceOptions.MapsRoot"/>, road networks loaded once.</summary>
    public StationMaps Maps => maps;

    /// <summary>
    /// Loads the station's open visit requests, sites, teams, officers (leave), holidays and weather of the week, its
    /// map and the week's published version (its visits stay with their team and day), plans within <see cref="VisitPlanningServiceOptions.TimeLimit"/>, and saves the result as a new draft
    /// version (one transaction). The plan runs on a worker thread.
    /// </summary>
    /// <exception cref="DomainValidationException">No such station, or <paramref name="monday"/> is not a Monday.</exception>
    public Task<PlannedWeek> PlanWeekAsync(long stationId, DateOnly monday, string createdBy, CancellationToken cancellationToken = default) =>
        PlanWeekAsync(stationId, monday, createdBy, null, cancellationToken);

    /// <inheritdoc cref="PlanWeekAsync(long, DateOnly, string, CancellationToken)"/>
    /// <param name="reasons">Why (the re-plan request's reason codes), kept with the version; null when a chief asked.</param>
    public async Task<PlannedWeek> PlanWeekAsync(long stationId, DateOnly monday, string createdBy, string? reasons, CancellationToken cancellationToken = default)
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
        var versions = await stores.Plans.ListVersionsAsync(stationId, PlanKind.Visits, monday, sunday, cancellationToken);
        var published = versions.FirstOrDefault(v => v.Status == PlanStatus.Published);
        var publishedContent = published is null ? null : await stores.Plans.GetAsync(published.Id, cancellationToken);
        // Nothing the plan reads changed since the newest version (and what was published then still is): it stands.
        var inputs = Fingerprint(station, requests, sites, teams, officers, holidays, weather);
        if ((versions.Count > 0 ? versions[0] : null) is { Inputs: { } newest } latest
            && newest == inputs
            && (published is null || published.Id == latest.Id || published.PublishedAt <= latest.CreatedAt)
            && await stores.Plans.GetAsync(latest.Id, cancellationToken) is { } kept)
        {
            return new PlannedWeek(kept, null);
        }

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

        var content = VisitPlanContent.ToPlanContent(plan, createdBy);
        var saved = await stores.Plans.SaveNewVersionAsync(content with { Plan = content.Plan with { Inputs = inputs, Reasons = reasons } }, cancellationToken);
        return new PlannedWeek(saved, plan);
    }

    /// <summary>
    /// What a week's plan reads, as a fingerprint (<see cref="Plan.Inputs"/>): the station, the open visit requests, the
    /// sites, teams, officers (leave), holidays and the week's weather. The map is the station's (in the station).
    /// </summary>
    private static string Fingerprint(Station station, IEnumerable<VisitRequest> requests, IEnumerable<Site> sites, IEnumerable<Team> teams,
        IEnumerable<Officer> officers, IEnumerable<Holiday> holidays, IEnumerable<WeatherState> weather)
    {
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        void Add(object value) => hash.AppendData(System.Text.Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(value) + "\n"));
        Add("visits/1");
        Add(station);
        Add(requests.OrderBy(r => r.Id).ToList());
        Add(sites.OrderBy(s => s.Id).ToList());
        Add(teams.OrderBy(t => t.Id).ToList());
        Add(officers.OrderBy(o => o.Id).ToList());
        Add(holidays.OrderBy(h => h.Date).ToList());
        Add(weather.OrderBy(w => w.Date).Select(w => new { w.Date, w.RainAreas, w.FloodAreas, w.Closures }).ToList());
        return Convert.ToHexStringLower(hash.GetHashAndReset())[..32];
    }

    /// <summary>
    /// Publishes a draft Visits plan and, in the same transaction, queues for each request's contact one message per
    /// visit day ("the team comes on Tuesday 03/03, 17:30-20:24") and a reminder at 17:00 the day before (when that is
    /// still ahead), and for each team-day from today on its team lead's link to the day's sheet
    /// (<paramref name="teamLeadUrl"/> makes the signed link; without it no links are sent; the lead is chosen by
    /// <see cref="TeamLeads"/>). Deduplication keys name the request, day and time (the plan, team, day and phone for a
    /// link), so publishing never repeats a message: a later version with the same visit time sends nothing new, while
    /// a changed time is sent, and pending messages of the previous published version that no longer hold (an old
    /// time, an old link) are withdrawn. Nothing is queued when the plan is missing, not a Visits plan, or already published.
    /// </summary>
    public async Task<PublishedVisits> PublishAsync(long planId, Func<TeamDayKey, string>? teamLeadUrl = null, CancellationToken cancellationToken = default)
    {
        var content = await stores.Plans.GetAsync(planId, cancellationToken);
        if (content is null || content.Plan.Kind != PlanKind.Visits || content.Plan.Status != PlanStatus.Draft)
        {
            return new PublishedVisits(false, 0, 0);
        }

        var now = clock.GetUtcNow();
        var facts = await FactsAsync(content.Plan.StationId, cancellationToken);
        var messages = Messages(content, facts, teamLeadUrl, now);
        var fresh = new List<OutboxMessage>();
        foreach (var m in messages.Queue)
        {
            if (await stores.Outbox.GetByDeduplicationKeyAsync(m.DeduplicationKey, cancellationToken) is null)
            {
                fresh.Add(m);
            }
        }

        var previous = (await stores.Plans.ListVersionsAsync(content.Plan.StationId, PlanKind.Visits, content.Plan.PeriodStart, content.Plan.PeriodEnd, cancellationToken))
            .Where(p => p.Status == PlanStatus.Published && p.Version < content.Plan.Version)
            .MaxBy(p => p.Version);
        if (!await stores.Plans.PublishAsync(planId, messages.Queue, cancellationToken))
        {
            return new PublishedVisits(false, 0, 0);
        }

        // After the publish commit, as for pickups: if withdrawing fails, the new messages are queued and the worst
        // case is a stale reminder still pending, never a lost publish.
        var superseded = 0;
        if (previous is not null && await stores.Plans.GetAsync(previous.Id, cancellationToken) is { } old)
        {
            var keep = messages.Queue.Select(m => m.DeduplicationKey).ToHashSet(StringComparer.Ordinal);
            foreach (var key in Messages(old, facts, teamLeadUrl is null ? null : _ => "", now).Queue.Select(m => m.DeduplicationKey).Where(k => !keep.Contains(k)))
            {
                if (await stores.Outbox.GetByDeduplicationKeyAsync(key, cancellationToken) is { Status: NotificationStatus.Pending } pending
                    && await stores.Outbox.MarkAttemptFailedAsync(pending.Id, $"superseded by plan version {content.Plan.Version}", null, cancellationToken))
                {
                    superseded++;
                }
            }
        }

        return new PublishedVisits(true, fresh.Count, messages.WithoutContact, fresh.Count(m => m.TemplateKey == TeamLeadLinkTemplate),
            messages.WithoutLead, superseded);
    }

    private async Task<VisitPublishFacts> FactsAsync(long stationId, CancellationToken cancellationToken) => new(
        (await stores.VisitRequests.ListByStationAsync(stationId, cancellationToken: cancellationToken)).ToDictionary(r => r.Id),
        // Names for what the plan holds, removed since or not.
        (await stores.Sites.ListByStationAsync(stationId, null, includeRemoved: true, cancellationToken)).ToDictionary(s => s.Id),
        (await stores.Fleet.ListTeamsAsync(stationId, includeRemoved: true, cancellationToken)).ToDictionary(t => t.Id),
        (await stores.Officers.ListByStationAsync(stationId, includeRemoved: true, cancellationToken)).ToDictionary(o => o.Id));

    /// <summary>
    /// The messages publishing <paramref name="content"/> queues (see <see cref="PublishAsync"/>): visit times and
    /// reminders for the requests' contacts, and, when <paramref name="teamLeadUrl"/> is given, each team-day's link for
    /// its lead (from today on, Vietnam time). A lead's message carries only what the lead needs before opening the
    /// link: team, day, when to leave, how many stops and people, the link. Pure.
    /// </summary>
    public static VisitMessages Messages(PlanContent content, VisitPublishFacts facts, Func<TeamDayKey, string>? teamLeadUrl, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(facts);
        var messages = new List<OutboxMessage>();
        var withoutContact = 0;
        var visits = content.Stops.Where(s => s.Kind == StopKind.Visit && s.VisitRequestId is not null)
            .GroupBy(s => (Request: s.VisitRequestId!.Value, s.Date));
        foreach (var request in visits.GroupBy(g => g.Key.Request))
        {
            if (!facts.Requests.TryGetValue(request.Key, out var r) || r.ContactPhone is not { Length: > 0 } phone)
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
                    ["site"] = facts.Sites.TryGetValue(r.SiteId, out var site) ? site.Name : null,
                    ["contact"] = r.ContactName,
                    ["date"] = day.Key.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    ["dayVi"] = VisitDayNames.Vietnamese(day.Key.Date.DayOfWeek),
                    ["dayEn"] = VisitDayNames.English(day.Key.Date.DayOfWeek),
                    ["from"] = local.ToString("HH:mm", CultureInfo.InvariantCulture),
                    ["to"] = leave.ToOffset(VisitWeek.VietnamOffset).ToString("HH:mm", CultureInfo.InvariantCulture),
                    ["people"] = day.Where(s => !s.IsRepeatVisit).Sum(s => s.ServedCount),
                    ["repeatPeople"] = day.Where(s => s.IsRepeatVisit).Sum(s => s.ServedCount),
                    ["teams"] = day.Select(s => facts.Teams.TryGetValue(s.ResourceId, out var t) ? t.Name : null).Distinct().ToList(),
                    ["presence"] = r.RequiredPresence.ToString(),
                    ["planVersion"] = content.Plan.Version,
                });
                var key = string.Create(CultureInfo.InvariantCulture, $"visit:{r.Id}:{local:yyyy-MM-ddTHH:mm}");
                messages.Add(Message(NotificationChannel.Zalo, phone, ScheduledTemplate, payload, key + ":scheduled", now, now));
                var reminderAt = new DateTimeOffset(day.Key.Date.AddDays(-1).ToDateTime(new TimeOnly(17, 0)), VisitWeek.VietnamOffset).ToUniversalTime();
                if (reminderAt > now)
                {
                    messages.Add(Message(NotificationChannel.Zalo, phone, ReminderTemplate, payload, key + ":reminder", reminderAt, now));
                }
            }
        }

        var withoutLead = new List<TeamDayKey>();
        if (teamLeadUrl is not null)
        {
            var today = DateOnly.FromDateTime(now.ToOffset(VisitWeek.VietnamOffset).DateTime);
            foreach (var day in content.Stops.Where(s => s.ResourceKind == PlanResourceKind.Team && s.Date >= today)
                         .GroupBy(s => new TeamDayKey(content.Plan.Id, s.ResourceId, s.Date, s.TripNumber))
                         .OrderBy(g => g.Key.Date).ThenBy(g => g.Key.TeamId).ThenBy(g => g.Key.TripNumber))
            {
                var lead = facts.Teams.TryGetValue(day.Key.TeamId, out var team) ? TeamLeads.On(team, facts.Officers, day.Key.Date) : null;
                if (team is null || VietnamPhone.Normalize(lead?.Phone) is not { } phone)
                {
                    withoutLead.Add(day.Key);
                    continue;
                }

                var rows = day.OrderBy(s => s.Sequence).ToList();
                var payload = JsonSerializer.Serialize(new Dictionary<string, object?>
                {
                    ["team"] = team.Name,
                    ["date"] = day.Key.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    ["dayVi"] = VisitDayNames.Vietnamese(day.Key.Date.DayOfWeek),
                    ["dayEn"] = VisitDayNames.English(day.Key.Date.DayOfWeek),
                    ["leave"] = rows[0].Departure.ToOffset(VisitWeek.VietnamOffset).ToString("HH:mm", CultureInfo.InvariantCulture),
                    ["back"] = rows[^1].Arrival.ToOffset(VisitWeek.VietnamOffset).ToString("HH:mm", CultureInfo.InvariantCulture),
                    ["visits"] = rows.Where(s => s.Kind == StopKind.Visit).Select(s => (s.VisitRequestId, s.Arrival)).Distinct().Count(),
                    ["people"] = rows.Where(s => !s.IsRepeatVisit).Sum(s => s.ServedCount),
                    ["repeatPeople"] = rows.Where(s => s.IsRepeatVisit).Sum(s => s.ServedCount),
                    ["url"] = teamLeadUrl(day.Key),
                    ["planVersion"] = content.Plan.Version,
                });
                var key = string.Create(CultureInfo.InvariantCulture,
                    $"visit-lead:{content.Plan.Id}:team:{day.Key.TeamId}:{day.Key.Date:yyyy-MM-dd}:trip:{day.Key.TripNumber}:{phone}");
                messages.Add(Message(NotificationChannel.Sms, phone, TeamLeadLinkTemplate, payload, key, now, now));
            }
        }

        return new VisitMessages([.. messages.Select(m => m with { StationId = content.Plan.StationId })], withoutContact, withoutLead);
    }

    private static OutboxMessage Message(NotificationChannel channel, string recipient, string template, string payload, string key, DateTimeOffset due,
        DateTimeOffset now) =>
        new(0, channel, recipient, template, "vi", payload, key, due, NotificationStatus.Pending, 0, now, null, null);
}

/// <summary>What message building needs beside the plan rows: the station's requests, sites, teams and officers by id.</summary>
public sealed record VisitPublishFacts(
    IReadOnlyDictionary<long, VisitRequest> Requests,
    IReadOnlyDictionary<long, Site> Sites,
    IReadOnlyDictionary<long, Team> Teams,
    IReadOnlyDictionary<long, Officer> Officers);
