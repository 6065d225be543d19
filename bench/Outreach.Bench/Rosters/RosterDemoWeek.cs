using System.Globalization;
using Microsoft.Data.Sqlite;
using Outreach.Data;
using Outreach.Data.Demo;
using Outreach.Domain;
using Outreach.Geo.Matrices;
using Outreach.Geo.Roads;
using Outreach.Jobs.Pickups;
using Outreach.Jobs.Rosters;
using Outreach.Jobs.Visits;
using Outreach.Planning.Rosters;
using Outreach.Planning.Visits;

namespace Outreach.Bench.Rosters;

/// <summary>The demo holiday week's three plans and what the roster made of them.</summary>
public sealed record RosterDemoResult(
    DateOnly Monday,
    IReadOnlyList<Holiday> Holidays,
    int VanDays,
    int TeamDays,
    PlannedRoster Roster,
    IReadOnlyList<FieldDuty> Duties,
    IReadOnlyList<RosterGapItem> Gaps);

/// <summary>
/// `outreach bench roster --demo`: the seeded Sông Công station in the week of the 30/4-1/5 break 2025 (Monday 28 April;
/// the calendar has 30/4 and 1/5 as holidays and 2-4/5 as bridged days off), its pickup days and mobile-team week
/// planned by the app's services, then its duty roster from both, in a temporary SQLite database.
/// </summary>
public static class RosterDemoWeek
{
    public const string SongCong = "Công an thành phố Sông Công";

    /// <summary>Thursday 24 April 2025, 09:00 in Vietnam: the seeded week starts on Monday 28 April.</summary>
    public static readonly DateTimeOffset Now = new(2025, 4, 24, 2, 0, 0, TimeSpan.Zero);

    public static async Task<RosterDemoResult> RunAsync(string mapsFolder, TimeSpan rosterTimeLimit, int holidayUpliftPercent, TextWriter log, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(log);
        var folder = Directory.CreateTempSubdirectory("outreach-roster-demo-").FullName;
        try
        {
            var clock = new FixedClock(Now);
            var database = Database.ForSqliteFile(Path.Combine(folder, "demo.db"));
            await new MigrationRunner(database).RunAsync(cancellationToken);
            var seeded = await new DemoSeeder(database, clock).SeedAsync(mapsFolder, cancellationToken);
            var stores = new DataStores(database, clock);
            long station = seeded.Stations.Single(s => s.StationName == SongCong).StationId;
            var monday = seeded.WeekStart;
            var matrices = new MatrixCache();
            var networks = new RoadNetworks();
            var pickups = new PickupPlanningService(stores.Stations, stores.Fleet, stores.Bookings, stores.Sites, stores.Weather, stores.Plans,
                networks, matrices, new PickupPlanningOptions { MapsFolder = mapsFolder, TimeLimit = TimeSpan.FromSeconds(0.5), Seed = 1 }, clock);
            var bookings = await stores.Bookings.ListAsync(station, monday, monday.AddDays(6), cancellationToken: cancellationToken);
            foreach (var date in bookings.Select(b => b.Date).Distinct().Order())
            {
                await pickups.PlanDayAsync(station, date, "demo", cancellationToken);
            }

            var visits = new VisitPlanningService(stores, matrices, new VisitPlanningServiceOptions
            {
                MapsRoot = mapsFolder,
                TimeLimit = TimeSpan.FromSeconds(20),
                Planner = VisitPlanningOptions.Default with { MaxIterations = 800 },
            }, clock, networks);
            await visits.PlanWeekAsync(station, monday, "demo", cancellationToken);

            var service = new RosterPlanningService(stores, new RosterPlanningServiceOptions { TimeLimit = rosterTimeLimit, Seed = 1 }, clock);
            var planned = await service.PlanWeekAsync(station, monday, holidayUpliftPercent, "demo", cancellationToken);
            var duties = FieldDuties.Assign(planned.Problem, planned.Result.Roster!);
            var holidays = await stores.Calendar.ListHolidaysAsync(monday, monday.AddDays(6), cancellationToken);
            var result = new RosterDemoResult(monday, holidays, planned.Problem.VanDays.Count, planned.Problem.TeamDays.Count, planned, duties, planned.Saved.Gaps);
            Write(result, log);
            return result;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static void Write(RosterDemoResult r, TextWriter log)
    {
        var problem = r.Roster.Problem;
        var result = r.Roster.Result;
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"demo: {SongCong}, week of {r.Monday:yyyy-MM-dd}; holidays {string.Join(", ", r.Holidays.Select(h => $"{h.Date:dd/MM} {h.NameVi}"))}"));
        log.WriteLine($"  {problem.Officers.Count} officers, {r.VanDays} van-days, {r.TeamDays} team-days, {problem.Model.Covers.Count} cover entries");
        log.WriteLine($"  {result.Status}: {result.Cost}; bound {result.Bound?.ToString(CultureInfo.InvariantCulture) ?? "none"}, {result.Elapsed.TotalSeconds:0.0} s");
        var roster = result.Roster!;
        for (int d = 0; d < 7; d++)
        {
            var counts = Enumerable.Range(0, problem.Model.OfficerCount).Where(o => roster[o, d] >= 0)
                .GroupBy(o => problem.Model.ShiftTypes[roster[o, d]].Id).Select(g => $"{g.Key} {g.Count()}");
            log.WriteLine($"  {problem.Model.DateOf(d):ddd dd/MM}: {string.Join(", ", counts)}");
        }

        foreach (var gap in r.Gaps)
        {
            log.WriteLine($"  thiếu: {gap.ReasonVi}");
        }

        log.WriteLine($"  field duties {r.Duties.Count}, disagreements with the van and team plans {r.Roster.Consistency.Count}");
        foreach (var problemFound in r.Roster.Consistency)
        {
            log.WriteLine($"    {problemFound.Date:dd/MM} officer {problemFound.OfficerId}: {problemFound.Vi}");
        }
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
