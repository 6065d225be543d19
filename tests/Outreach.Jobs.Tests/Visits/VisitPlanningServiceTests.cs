using Microsoft.Data.Sqlite;
using Outreach.Data;
using Outreach.Data.Demo;
using Outreach.Domain;
using Outreach.Domain.Validation;
using Outreach.Geo.Matrices;
using Outreach.Jobs.Visits;
using Outreach.Planning.Visits;

namespace Outreach.Jobs.Tests.Visits;

/// <summary>
/// The service on a SQLite file seeded with the demo stations: the Sông Công week (hamlets of Bình Sơn in the
/// evening, a Sunday care centre with a doctor, bedridden people at home) planned, saved and published.
/// </summary>
public sealed class VisitPlanningServiceTests : IAsyncLifetime
{
    /// <summary>Sunday 8 March 2026, 09:00 in Vietnam: the demo week starts on Monday 9 March.</summary>
    private static readonly DateTimeOffset Now = new(2026, 3, 8, 2, 0, 0, TimeSpan.Zero);

    private readonly string folder = Directory.CreateTempSubdirectory("outreach-visits-").FullName;
    private readonly FixedClock clock = new(Now);
    private DataStores stores = null!;
    private DemoSeedReport seeded = null!;

    public async Task InitializeAsync()
    {
        var database = Database.ForSqliteFile(Path.Combine(folder, "outreach.db"));
        await new MigrationRunner(database, clock).RunAsync();
        stores = new DataStores(database, clock);
        seeded = await new DemoSeeder(database, clock).SeedAsync(MapsRoot());
    }

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task PlanWeekAsync_SeededSongCongWeek_SavesADraftServingTheSundayCentreAndTheBedridden()
    {
        var service = Service();
        var station = (await stores.Stations.GetByNameAsync("Công an thành phố Sông Công"))!;

        var week = await service.PlanWeekAsync(station.Id, seeded.WeekStart, "truong-cong-an");

        Assert.Empty(week.Plan!.CheckerErrors);
        Assert.True(week.Plan.Figures.EstimatedTravel, "Sông Công has an outline only: travel is estimated and must say so");
        var saved = week.Saved;
        Assert.Equal((PlanKind.Visits, PlanStatus.Draft, 1, seeded.WeekStart, seeded.WeekStart.AddDays(6), "truong-cong-an"),
            (saved.Plan.Kind, saved.Plan.Status, saved.Plan.Version, saved.Plan.PeriodStart, saved.Plan.PeriodEnd, saved.Plan.CreatedBy));
        var back = (await stores.Plans.GetAsync(saved.Plan.Id))!;
        Assert.Equal(saved.Stops.Count, back.Stops.Count);
        Assert.All(back.Stops, s => Assert.Equal(PlanResourceKind.Team, s.ResourceKind));

        var requests = await stores.VisitRequests.ListByStationAsync(station.Id);
        var coverage = VisitPlanContent.Coverage(back, requests);
        // The care centre's doctor is there on Sunday only: every visit there is on Sunday, between 08:00 and 11:30.
        var centre = coverage.Single(c => c.Request.Applicants.Any(a => a.Category == ApplicantCategory.CareCentreResident));
        Assert.True(centre.Planned > 0);
        Assert.All(back.Stops.Where(s => s.VisitRequestId == centre.Request.Id), s =>
        {
            Assert.Equal(DayOfWeek.Sunday, s.Date.DayOfWeek);
            Assert.InRange(s.Arrival.ToOffset(TimeSpan.FromHours(7)).TimeOfDay, TimeSpan.FromHours(7), TimeSpan.FromHours(11.5));
        });
        // Bedridden people at home are worth most (priority 5, factor 3): all six are served.
        var homes = coverage.Where(c => c.Request.Applicants.Any(a => a.Category == ApplicantCategory.BedriddenOrDisabled)).ToList();
        Assert.Equal(6, homes.Count);
        Assert.All(homes, h => Assert.Equal(h.Total, h.Planned));
        Assert.Contains(homes, h => h.RepeatPlanned > 0);
        // Whatever is left says why, in both languages.
        Assert.All(back.Unserved, u => Assert.Contains(": ", u.ReasonVi, StringComparison.Ordinal));
        Assert.Equal(week.Plan.Coverage.Count(c => c.Reason is not null), back.Unserved.Count);

        // Nothing changed: the week stands as version 1, and no second version is made.
        var again = await service.PlanWeekAsync(station.Id, seeded.WeekStart, "truong-cong-an");
        Assert.True(again.Unchanged);
        Assert.Equal((week.Saved.Plan.Id, 1), (again.Saved.Plan.Id, again.Saved.Plan.Version));
        Assert.Single(await stores.Plans.ListVersionsAsync(station.Id, PlanKind.Visits, seeded.WeekStart, seeded.WeekStart.AddDays(6)));
    }

    [Fact]
    public async Task PublishAsync_PlannedWeek_PublishesOnceAndTellsEachContactTheVisitTime()
    {
        var service = Service();
        var station = (await stores.Stations.GetByNameAsync("Công an thành phố Sông Công"))!;
        var week = await service.PlanWeekAsync(station.Id, seeded.WeekStart, "truong-cong-an");
        var visitedRequests = week.Saved.Stops.Where(s => s.VisitRequestId is not null).Select(s => (s.VisitRequestId, s.Date)).Distinct().Count();

        var published = await service.PublishAsync(week.Saved.Plan.Id);
        var twice = await service.PublishAsync(week.Saved.Plan.Id);

        Assert.True(published.Published);
        Assert.Equal(0, published.RequestsWithoutContact);
        // One message per request and visit day, and a reminder at 17:00 the day before (all still ahead of Sunday 8 March).
        Assert.Equal(2 * visitedRequests, published.MessagesQueued);
        Assert.False(twice.Published);
        Assert.Equal(PlanStatus.Published, (await stores.Plans.GetAsync(week.Saved.Plan.Id))!.Plan.Status);
        var first = week.Saved.Stops.First(s => s.Kind == StopKind.Visit);
        var local = first.Arrival.ToOffset(TimeSpan.FromHours(7));
        var message = await stores.Outbox.GetByDeduplicationKeyAsync($"visit:{first.VisitRequestId}:{local:yyyy-MM-ddTHH:mm}:scheduled");
        Assert.NotNull(message);
        Assert.Equal((VisitPlanningService.ScheduledTemplate, NotificationChannel.Zalo), (message.TemplateKey, message.Channel));
        Assert.Contains($"\"from\":\"{local:HH:mm}\"", message.PayloadJson, StringComparison.Ordinal);

        // Re-planning after publishing keeps every published visit with its team and day; publishing version 2
        // tells people only about visit times that changed (the deduplication key names the request and the time).
        await OneMoreRequestAsync(station.Id);
        var replanned = await service.PlanWeekAsync(station.Id, seeded.WeekStart, "truong-cong-an");
        var told = week.Saved.Stops.Where(s => s.Kind == StopKind.Visit).Select(s => (s.VisitRequestId, s.ResourceId, s.Date)).Distinct();
        foreach (var t in told.Where(t => !replanned.Saved.Stops.Any(s => (s.VisitRequestId, s.ResourceId, s.Date) == t)))
        {
            var info = string.Join(" | ", week.Saved.Stops.Where(s => s.VisitRequestId == t.VisitRequestId).Select(s => $"v1 {s.ResourceId} {s.Date} n={s.ServedCount} rep={s.IsRepeatVisit}"))
                + " || " + string.Join(" | ", replanned.Saved.Stops.Where(s => s.VisitRequestId == t.VisitRequestId).Select(s => $"v2 {s.ResourceId} {s.Date} n={s.ServedCount} rep={s.IsRepeatVisit}"));
            Assert.Fail($"{t}: {info}");
        }
        var second = await service.PublishAsync(replanned.Saved.Plan.Id);
        Assert.True(second.Published);
        var changed = Keys(replanned.Saved).Except(Keys(week.Saved)).Count();
        Assert.Equal(2 * changed, second.MessagesQueued);
        Assert.True(changed < visitedRequests, $"{changed} of {visitedRequests} visit times changed on re-planning");
    }

    [Fact]
    public async Task PublishAsync_WithTeamLeadLinks_EachTeamDaysLeadGetsItsLinkOnceAndANewVersionReplacesThem()
    {
        var service = Service();
        var station = (await stores.Stations.GetByNameAsync("Công an thành phố Sông Công"))!;
        var week = await service.PlanWeekAsync(station.Id, seeded.WeekStart, "truong-cong-an");
        var teams = (await stores.Fleet.ListTeamsAsync(station.Id)).ToDictionary(t => t.Id);
        var officers = (await stores.Officers.ListByStationAsync(station.Id)).ToDictionary(o => o.Id);
        var days = week.Saved.Stops.Select(s => new TeamDayKey(week.Saved.Plan.Id, s.ResourceId, s.Date, s.TripNumber)).Distinct().ToList();
        static string Url(TeamDayKey k) => $"https://outreach.example.vn/r/{k.PlanId}-{k.TeamId}-{k.Date:yyyyMMdd}";

        var published = await service.PublishAsync(week.Saved.Plan.Id, Url);
        var twice = await service.PublishAsync(week.Saved.Plan.Id, Url);

        // Every demo team-day is after the clock's Sunday and every team's lead is present with a phone: one link each.
        Assert.True(days.Count >= 3, $"only {days.Count} team-days planned");
        Assert.Equal(days.Count, published.TeamLeadLinks);
        Assert.Empty(published.TeamDaysWithoutLead!);
        Assert.False(twice.Published);
        foreach (var day in days)
        {
            var lead = TeamLeads.On(teams[day.TeamId], officers, day.Date)!;
            var phone = VietnamPhone.Normalize(lead.Phone)!;
            var message = await stores.Outbox.GetByDeduplicationKeyAsync(
                $"visit-lead:{day.PlanId}:team:{day.TeamId}:{day.Date:yyyy-MM-dd}:trip:{day.TripNumber}:{phone}");
            Assert.NotNull(message);
            Assert.Equal((VisitPlanningService.TeamLeadLinkTemplate, NotificationChannel.Sms, phone, NotificationStatus.Pending),
                (message.TemplateKey, message.Channel, message.Recipient, message.Status));
            // Only what the lead needs before opening the link: no contact's name or phone, no site list.
            using var payload = System.Text.Json.JsonDocument.Parse(message.PayloadJson);
            Assert.Equal(["back", "date", "dayEn", "dayVi", "leave", "people", "planVersion", "repeatPeople", "team", "url", "visits"],
                payload.RootElement.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
            Assert.Equal(Url(day), payload.RootElement.GetProperty("url").GetString());
            Assert.Equal(teams[day.TeamId].Name, payload.RootElement.GetProperty("team").GetString());
        }

        // A new version sends its own links (the old ones open a sheet marked out of date) and withdraws the old,
        // still pending ones, so a lead never gets two live links for one day.
        await OneMoreRequestAsync(station.Id);
        var replanned = await service.PlanWeekAsync(station.Id, seeded.WeekStart, "truong-cong-an");
        var second = await service.PublishAsync(replanned.Saved.Plan.Id, Url);
        var secondDays = replanned.Saved.Stops.Select(s => (s.ResourceId, s.Date)).Distinct().Count();
        Assert.Equal(secondDays, second.TeamLeadLinks);
        Assert.True(second.Superseded >= days.Count, $"{second.Superseded} pending messages withdrawn, {days.Count} old links");
        var oldLink = await stores.Outbox.GetByDeduplicationKeyAsync(
            $"visit-lead:{days[0].PlanId}:team:{days[0].TeamId}:{days[0].Date:yyyy-MM-dd}:trip:{days[0].TripNumber}:"
            + VietnamPhone.Normalize(TeamLeads.On(teams[days[0].TeamId], officers, days[0].Date)!.Phone));
        Assert.Equal(NotificationStatus.Failed, oldLink!.Status);
        Assert.StartsWith("superseded by plan version 2", oldLink.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public void Messages_LeadAbsentOrWithoutAPhone_ReportedInsteadOfSent_PastDaysSkipped()
    {
        // Team 7 out Monday, Tuesday and Wednesday; it is Tuesday 09:00. Khoa leads but is on leave on Tuesday, when Tú
        // leads and has no phone; on Wednesday Khoa leads again. Monday is over: no link for it.
        var monday = new DateOnly(2026, 3, 9);
        var officers = new Dictionary<long, Officer>
        {
            [2] = new(2, 1, "Lường Văn Khoa", OfficerSkills.TeamLead, 40, "0912 345 601", [new LeavePeriod(monday.AddDays(1), monday.AddDays(1), null)]),
            [3] = new(3, 1, "Đinh Văn Tú", OfficerSkills.TeamLead | OfficerSkills.CaptureOperator, 40, null, []),
        };
        var team = new Team(7, 1, "Tổ lưu động 1", [2, 3], null, VehicleProfile.Motorbike, 1, new TimeOnly(7, 0), new TimeOnly(21, 0), 12, 8);
        var facts = new VisitPublishFacts(new Dictionary<long, VisitRequest>(), new Dictionary<long, Site>(), new Dictionary<long, Team> { [7] = team }, officers);
        PlanStop Row(int day, int sequence, StopKind kind, int hour) => new(
            0, 5, PlanResourceKind.Team, 7, monday.AddDays(day), 0, sequence, kind, null, null, null,
            new DateTimeOffset(monday.AddDays(day).ToDateTime(new TimeOnly(hour, 0)), TimeSpan.FromHours(7)),
            new DateTimeOffset(monday.AddDays(day).ToDateTime(new TimeOnly(hour, 0)), TimeSpan.FromHours(7)), 0, 0, 0, 0);
        var content = new PlanContent(new Plan(5, 1, PlanKind.Visits, monday, monday.AddDays(6), 1, PlanStatus.Draft, default, null, "t"),
            [.. Enumerable.Range(0, 3).SelectMany(d => new[] { Row(d, 0, StopKind.Start, 8), Row(d, 1, StopKind.End, 12) })], [], []);
        var now = new DateTimeOffset(2026, 3, 10, 2, 0, 0, TimeSpan.Zero);

        var messages = VisitPlanningService.Messages(content, facts, k => $"/r/{k.Date:yyyyMMdd}", now);
        var withoutLinks = VisitPlanningService.Messages(content, facts, null, now);

        var link = Assert.Single(messages.Queue);
        Assert.Equal(("0912345601", "visit-lead:5:team:7:2026-03-11:trip:0:0912345601"), (link.Recipient, link.DeduplicationKey));
        Assert.Equal([new TeamDayKey(5, 7, monday.AddDays(1), 0)], messages.WithoutLead);
        Assert.Empty(withoutLinks.Queue);
        Assert.Empty(withoutLinks.WithoutLead);
    }

    [Fact]
    public async Task PlanWeekAsync_NotAMonday_ThrowsNamingTheField()
    {
        var station = (await stores.Stations.GetByNameAsync("Công an thành phố Sông Công"))!;

        var error = await Assert.ThrowsAsync<DomainValidationException>(() => Service().PlanWeekAsync(station.Id, seeded.WeekStart.AddDays(1), "chief"));

        Assert.Equal(("monday", "2026-03-10"), (error.Errors[0].Field, error.Errors[0].Value));
        Assert.Empty(await stores.Plans.ListAsync(station.Id, seeded.WeekStart, seeded.WeekStart.AddDays(6)));
    }

    /// <summary>The deduplication keys of the visit times a plan tells people (one per request and visit day).</summary>
    private static IEnumerable<string> Keys(PlanContent plan) =>
        plan.Stops.Where(s => s.Kind == StopKind.Visit).GroupBy(s => (s.VisitRequestId, s.Date))
            .Select(g => $"visit:{g.Key.VisitRequestId}:{g.Min(s => s.Arrival).ToOffset(TimeSpan.FromHours(7)):yyyy-MM-ddTHH:mm}");

    [Fact]
    public async Task PlanWeekAsync_SeededSongCongWeek_ReadBackFromTheDatabaseWithTheSameTimesAndReturnsToTheStation()
    {
        var service = Service();
        var station = (await stores.Stations.GetByNameAsync("Công an thành phố Sông Công"))!;

        var week = await service.PlanWeekAsync(station.Id, seeded.WeekStart, "truong-cong-an");

        var back = (await stores.Plans.GetAsync(week.Saved.Plan.Id))!;
        var days = VisitPlanContent.TeamDays(back);
        Assert.Equal(week.Plan!.Itineraries.Count, days.Count);
        var plan = new VisitWeek(seeded.WeekStart);
        DateTimeOffset At(DateOnly date, TimeOnly time) => plan.UtcAt(plan.Seconds(date, time));
        foreach (var itinerary in week.Plan.Itineraries)
        {
            var day = days.Single(d => d.TeamId == itinerary.TeamId && d.Date == itinerary.Date);
            Assert.Equal((At(itinerary.Date, itinerary.LeaveStation), At(itinerary.Date, itinerary.ReturnStation)), (day.Leave!.Value, day.Return!.Value));
            Assert.Equal(
                itinerary.Stops.Select(s => (s.VisitRequestId, At(itinerary.Date, s.Arrive), At(itinerary.Date, s.CaptureStarts), At(itinerary.Date, s.Leave))),
                day.Visits.Select(v => (v.VisitRequestId!.Value, v.Arrival, v.ServiceStart!.Value, v.Departure)).Distinct());
            Assert.Equal(
                itinerary.StationReturns.Select(r => (At(itinerary.Date, r.Back), At(itinerary.Date, r.Leave))),
                day.StationReturns.Select(r => (r.Arrival, r.Departure)));
        }

        // The demo week's bedridden visits in the morning or afternoon before an evening session send teams back to
        // the station in between; nobody waits at a site with the kit set up.
        Assert.NotEmpty(days.SelectMany(d => d.StationReturns));
        Assert.Equal(0, week.Plan.Figures.SiteWaitMinutes);
    }

    private VisitPlanningService Service() => new(
        stores, new MatrixCache(),
        new VisitPlanningServiceOptions
        {
            MapsRoot = MapsRoot(),
            TimeLimit = TimeSpan.FromSeconds(30),
            Planner = VisitPlanningOptions.Default with { MaxIterations = 1500 },
        },
        clock);

    private static string MapsRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Outreach.sln")))
        {
            dir = dir.Parent;
        }

        return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("Outreach.sln not found"), "maps");
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    /// <summary>A change the week's plan reads: one more open request, like the first one (a neighbour asks too).</summary>
    private async Task OneMoreRequestAsync(long stationId)
    {
        var like = (await stores.VisitRequests.ListByStationAsync(stationId, VisitRequestStatus.Open))[0];
        await stores.VisitRequests.InsertAsync(like with { Id = 0 });
    }
}
