using Outreach.Domain;
using Outreach.Geo;
using Outreach.Geo.Fallback;
using Outreach.Geo.Matrices;
using Outreach.Geo.Roads;
using Outreach.Planning.Visits;

namespace Outreach.Planning.Tests.Visits;

/// <summary>
/// Builders for tiny named week scenarios. Without a road network travel is Geo's estimate: on rural terrain
/// road metres = 1.4 x straight line, a van drives 35 km/h and a motorbike 32 km/h, so a site
/// <see cref="North"/> 12.5 km of the station is 17.5 km and 30 min away by van (about 33 min by motorbike).
/// </summary>
internal static class VisitScenario
{
    /// <summary>Monday 2 March 2026.</summary>
    public static readonly DateOnly Monday = new(2026, 3, 2);

    public static readonly GeoPoint StationPoint = new(105.85, 21.45);

    private static readonly Lazy<string> Root = new(() =>
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Outreach.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Outreach.sln not found above the test binaries");
    });

    private static readonly Lazy<RoadNetwork> AndorraNetwork = new(() => RoadNetwork.Load(Map("andorra"))!);

    /// <summary>One cache for every test: road matrices are computed once per site list and weather.</summary>
    public static MatrixCache Cache { get; } = new();

    public static RoadNetwork Andorra => AndorraNetwork.Value;

    public static string Map(string area) => Path.Combine(Root.Value, "maps", area);

    /// <summary>The point of the named Andorra POI (first match).</summary>
    public static GeoPoint AndorraPoi(string name)
    {
        var c = Geo.GeoJson.GeoJsonReader.ReadFile(Path.Combine(Map("andorra"), "pois.geojson")).Features
            .First(f => f.GetString("name") == name).Geometry.Coordinate;
        return new GeoPoint(c.X, c.Y);
    }

    /// <summary>A point <paramref name="km"/> straight north of <paramref name="from"/>.</summary>
    public static GeoPoint North(GeoPoint from, double km) => new(from.Longitude, from.Latitude + (km * 1000 / Geodesy.MetresPerDegree));

    public static Station Station(GeoPoint? at = null) => new(
        1, "Công an thử nghiệm", null, null, null, null, "Điểm thu nhận", at ?? StationPoint, null, 2, 5, 45, 60, null, []);

    public static Site Site(long id, string name, GeoPoint at, SiteKind kind = SiteKind.VillageCulturalHouse) =>
        new(id, 1, name, kind, at, null, false, null);

    public static Team Team(
        long id, string name, VehicleProfile profile = VehicleProfile.Van, int kits = 1, int startHour = 7, int endHour = 21,
        int eveningHours = 12, int holidayHours = 8, IReadOnlyList<long>? members = null) =>
        new(id, 1, name, members ?? [], null, profile, kits, new TimeOnly(startHour, 0), new TimeOnly(endHour, 0), eveningHours, holidayHours);

    public static AvailabilityWindow Window(int dayOffset, int startHour, int startMinute, int endHour, int endMinute) =>
        new(Monday.AddDays(dayOffset), new TimeOnly(startHour, startMinute), new TimeOnly(endHour, endMinute));

    public static VisitRequest Request(
        long id, long siteId, (ApplicantCategory Category, int Count)[] applicants, int setupMinutes, AvailabilityWindow[] windows,
        int priority = 3, RequiredPresence presence = RequiredPresence.None, double failureShare = 0, DateOnly? deadline = null,
        int? captureMinutes = null) =>
        new(id, 1, siteId, [.. applicants.Select(a => new ApplicantGroup(a.Category, a.Count, captureMinutes))], setupMinutes, windows, presence,
            priority, deadline, failureShare, VisitRequestStatus.Open, null);

    public static VisitPlanningInput Input(
        IReadOnlyList<Site> sites, IReadOnlyList<VisitRequest> requests, IReadOnlyList<Team> teams, Station? station = null,
        IReadOnlyList<Officer>? officers = null, IReadOnlyList<Holiday>? holidays = null, IReadOnlyList<WeatherState>? weather = null,
        RoadNetwork? network = null) => new()
        {
            Station = station ?? Station(),
            Monday = Monday,
            Requests = requests,
            Sites = sites,
            Teams = teams,
            Officers = officers ?? [],
            Holidays = holidays ?? [],
            Weather = weather ?? [],
            Network = network,
            SiteTerrain = sites.ToDictionary(s => s.Id, _ => TerrainClass.Rural),
            StationTerrain = TerrainClass.Rural,
        };

    /// <summary>Plans with a fixed iteration budget (reproducible) and asserts the independent checker passes every solver run.</summary>
    public static WeekVisitPlan Plan(VisitPlanningInput input, long iterations = 3000, VisitPlanningOptions? options = null)
    {
        var plan = new WeekVisitPlanner(Cache).Plan(input, (options ?? VisitPlanningOptions.Default) with
        {
            MaxIterations = iterations,
            TimeLimit = TimeSpan.FromSeconds(60),
            Seed = 11,
        });
        Assert.NotEmpty(plan.SolverRuns);
        foreach (var run in plan.SolverRuns)
        {
            Assert.Empty(Solver.Solutions.FeasibilityChecker.Check(run.Model, run.Solution));
        }

        Assert.Empty(plan.CheckerErrors);
        return plan;
    }

    public static int Minutes(TimeOnly t) => (t.Hour * 60) + t.Minute;
}
