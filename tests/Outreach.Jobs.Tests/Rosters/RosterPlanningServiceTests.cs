using Microsoft.Data.Sqlite;
using Outreach.Data;
using Outreach.Data.Demo;
using Outreach.Domain;
using Outreach.Geo.Matrices;
using Outreach.Geo.Roads;
using Outreach.Jobs.Pickups;
using Outreach.Jobs.Rosters;
using Outreach.Jobs.Tests.Pickups;
using Outreach.Jobs.Visits;
using Outreach.Planning.Rosters;
using Outreach.Planning.Visits;
using Outreach.Solver.Rosters;

namespace Outreach.Jobs.Tests.Rosters;

/// <summary>
/// The demo holiday week: the seeded Sông Công station in the week of the 30/4-1/5 break 2025 (Monday 28 April; 30/4
/// and 1/5 holidays, 2-4/5 bridged days off), its pickup days and mobile-team week planned by the app's services, then
/// its roster from both; edits and publishing on it.
/// </summary>
public sealed class RosterPlanningServiceTests : IAsyncLifetime
{
    /// <summary>Thursday 24 April 2025, 09:00 in Vietnam.</summary>
    private static readonly DateTimeOffset Now = new(2025, 4, 24, 2, 0, 0, TimeSpan.Zero);

    private readonly string folder = Directory.CreateTempSubdirectory("outreach-roster-").FullName;
    private readonly ManualClock clock = new(Now);
    private DataStores stores = null!;
    private DemoSeedReport seeded = null!;
    private long station;

    public async Task InitializeAsync()
    {
        var database = Database.ForSqliteFile(Path.Combine(folder, "outreach.db"));
        await new MigrationRunner(database, clock).RunAsync();
        stores = new DataStores(database, clock);
        seeded = await new DemoSeeder(database, clock).SeedAsync(DemoDatabase.MapsFolder);
        station = (await stores.Stations.GetByNameAsync("Công an thành phố Sông Công"))!.Id;
    }

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
        return Task.CompletedTask;
    }

    private RosterPlanningService Service() => new(stores, new RosterPlanningServiceOptions { TimeLimit = TimeSpan.FromSeconds(3), Seed = 1 }, clock);

    private async Task PlanFieldWeekAsync()
    {
        var matrices = new MatrixCache();
        var networks = new RoadNetworks();
        var pickups = new PickupPlanningService(stores.Stations, stores.Fleet, stores.Bookings, stores.Sites, stores.Weather, stores.Plans,
            networks, matrices, new PickupPlanningOptions { MapsFolder = DemoDatabase.MapsFolder, TimeLimit = TimeSpan.FromSeconds(0.3), Seed = 1 }, clock);
        var monday = seeded.WeekStart;
        foreach (var date in (await stores.Bookings.ListAsync(station, monday, monday.AddDays(6))).Select(b => b.Date).Distinct())
        {
            await pickups.PlanDayAsync(station, date, "truong-cong-an");
        }

        await new VisitPlanningService(stores, matrices, new VisitPlanningServiceOptions
        {
            MapsRoot = DemoDatabase.MapsFolder,
            TimeLimit = TimeSpan.FromSeconds(20),
            Planner = VisitPlanningOptions.Default with { MaxIterations = 800 },
        }, clock, networks).PlanWeekAsync(station, monday, "truong-cong-an");
    }

    [Fact]
    public async Task PlanWeekAsync_DemoHolidayWeek_RosterVanPlanAndTeamPlanAgree()
    {
        Assert.Equal(new DateOnly(2025, 4, 28), seeded.WeekStart);
        await PlanFieldWeekAsync();

        var planned = await Service().PlanWeekAsync(station, seeded.WeekStart, 50, "truong-cong-an");

        var problem = planned.Problem;
        var roster = planned.Result.Roster!;
        Assert.True(problem.VanDays.Count > 0 && problem.TeamDays.Count > 0, "the week has van trips and team-days");
        // 30/4 and 1/5 and the three bridged days off (2-4/5): all five are holiday demand and holiday shifts.
        Assert.Equal(5, Enumerable.Range(0, 7).Count(problem.Model.IsHoliday));
        Assert.Empty(RosterChecker.Check(problem.Model, roster).Violations);
        Assert.Empty(planned.Consistency);
        // No officer twice: one shift a day by construction, and at most one field duty per officer and day.
        var duties = FieldDuties.Assign(problem, roster);
        Assert.All(duties.GroupBy(d => (d.OfficerId, d.Date)), g => Assert.Single(g));
        Assert.Equal(problem.VanDays.Count, duties.Count(d => d.VehicleId is not null));
        // Every team-day member present is on a field shift; nobody on leave works.
        foreach (var officer in problem.Officers)
        {
            int o = problem.OfficerIndex(officer.Id);
            Assert.All(Enumerable.Range(0, 7).Where(d => officer.Leave.Any(l => l.Covers(seeded.WeekStart.AddDays(d)))), d => Assert.Equal(RosterModel.Off, roster[o, d]));
        }

        var back = (await stores.Rosters.GetAsync(planned.Saved.Plan.Id))!;
        Assert.Equal((PlanKind.Shifts, PlanStatus.Draft, 50), (back.Plan.Kind, back.Plan.Status, back.Figures.HolidayUpliftPercent));
        Assert.Equal(duties.Count, back.Shifts.Count(s => s.DutyVi is not null));
        Assert.Equal(planned.Result.Bound, back.Figures.Bound);
    }

    [Fact]
    public async Task SwapAsync_BreaksRest_IsRefusedNamingTheRuleAndNothingChanges()
    {
        var planned = await Service().PlanWeekAsync(station, seeded.WeekStart, 50, "truong-cong-an");
        var service = Service();
        var id = planned.Saved.Plan.Id;
        // Arrange, as a chief's earlier pins, two officers: a on the evening desk Monday (to 22:00) and off Tuesday, b off
        // Monday and on the 07:30 day desk Tuesday. The solver's roster varies with the machine's load (two CP-SAT
        // workers against a clock), so take the first pair whose pins all keep the rules.
        var officers = planned.Problem.Officers;
        var monday = seeded.WeekStart;
        long a = 0, b = 0;
        foreach (var first in officers.Where(o => o.Leave.Count == 0))
        {
            foreach (var second in officers.Where(o => o.Id != first.Id && o.Leave.Count == 0))
            {
                if ((await service.PinAsync(id, first.Id, monday.AddDays(1), null)).Applied
                    && (await service.PinAsync(id, first.Id, monday, "evening")).Applied
                    && (await service.PinAsync(id, second.Id, monday, null)).Applied
                    && (await service.PinAsync(id, second.Id, monday.AddDays(1), "desk")).Applied)
                {
                    (a, b) = (first.Id, second.Id);
                    break;
                }
            }

            if (a != 0)
            {
                break;
            }
        }

        Assert.NotEqual(0, a);
        var before = (await stores.Rosters.GetAsync(id))!.Shifts;

        var refused = await service.SwapAsync(id, a, b, monday.AddDays(1));

        Assert.False(refused.Applied);
        Assert.Equal(nameof(RosterRule.Rest), refused.Rule);
        Assert.Contains("«nghỉ giữa hai ca»", refused.RefusedVi, StringComparison.Ordinal);
        Assert.Contains("rest between shifts", refused.RefusedEn, StringComparison.Ordinal);
        Assert.Equal(before, (await stores.Rosters.GetAsync(id))!.Shifts);
    }

    [Fact]
    public async Task PublishAsync_QueuesEachWorkingOfficersWeekOnce()
    {
        var planned = await Service().PlanWeekAsync(station, seeded.WeekStart, 50, "truong-cong-an");

        var published = await Service().PublishAsync(planned.Saved.Plan.Id);
        var again = await Service().PublishAsync(planned.Saved.Plan.Id);

        var working = planned.Saved.Shifts.Select(s => s.OfficerId).Distinct().Count();
        Assert.True(published.Published);
        Assert.Equal(working, published.MessagesQueued + published.OfficersWithoutPhone);
        Assert.False(again.Published);
        var queued = await stores.Outbox.ListAsync(station, NotificationStatus.Pending, 500);
        var roster = queued.Where(m => m.TemplateKey == RosterPlanningService.ShiftsTemplate).ToList();
        Assert.Equal(published.MessagesQueued, roster.Count);
        Assert.Contains("tuần 28/04/2025-04/05/2025", Outreach.Jobs.Notifications.MessageText.Render(roster[0]), StringComparison.Ordinal);
    }
}
