using System.Net;
using Microsoft.Extensions.Logging;
using Outreach.Domain;
using Outreach.Jobs.Replanning;
using Outreach.Jobs.Tests.Replanning;
using Outreach.Jobs.Weather;

namespace Outreach.Jobs.Tests.Weather;

/// <summary>
/// The weather poll on the seeded demo (clock: Sunday 8 March 2026, 09:00 in Vietnam; forecasts for Sunday to Tuesday)
/// with the Open-Meteo client against a local fake server. Sông Công's Tuesday pickups have a plan; Xuân Hòa has none.
/// </summary>
public sealed class WeatherPollServiceTests : IAsyncLifetime
{
    private static readonly DateOnly Tuesday = ReplanWorld.Tuesday;
    private readonly FakeOpenMeteo _server = new();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly ListLogger<WeatherPollService> _log = new();
    private ReplanWorld world = null!;
    private WeatherPollService poll = null!;

    public async Task InitializeAsync()
    {
        world = await ReplanWorld.CreateAsync();
        var inputs = new PlanInputs(world.Stores.Fleet, world.Stores.Officers, world.Stores.Sites, world.Stores.VisitRequests, world.Stores.Weather, world.Requests);
        var settings = new WeatherSettings(true, _server.Endpoint, TimeSpan.FromHours(1), ForecastDays: 3, TimeSpan.FromSeconds(10));
        poll = new WeatherPollService(world.Stores.Stations, world.Stores.Sites, new OpenMeteoForecast(_http, _server.Endpoint),
            inputs, settings, world.Demo.Clock, _log);
        await world.Stores.Plans.SaveNewVersionAsync(new PlanContent(
            new Plan(0, world.SongCong, PlanKind.Pickups, Tuesday, Tuesday, 0, PlanStatus.Draft, default, null, "trưởng công an"), [], [], []));
        // Heavy rain on Tuesday afternoon, dry otherwise.
        _server.Rain = hour => DateOnly.FromDateTime(hour) == Tuesday && hour.Hour is >= 13 and < 16 ? 12 : 0;
    }

    public Task DisposeAsync()
    {
        _http.Dispose();
        _server.Dispose();
        world.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task RunAsync_RainOnAPlannedDay_StoresItsBandAndRequestsTheDaysReplanOnce()
    {
        var report = await poll.RunAsync();

        // Both stations read; each had Tuesday's rain stored (dry days with no stored weather stay without a row).
        Assert.Equal(new WeatherPollReport(2, 2, 0), report);
        var stored = (await world.Stores.Weather.GetAsync(world.SongCong, Tuesday))!;
        Assert.NotEmpty(stored.RainAreas);
        Assert.All(stored.RainAreas, r => Assert.Equal(7.6, r.IntensityMmPerHour));
        Assert.Equal(("open-meteo", world.Demo.Clock.Now), (stored.Source, stored.ObservedAt));
        Assert.Null(await world.Stores.Weather.GetAsync(world.SongCong, Tuesday.AddDays(-1)));
        // Only Sông Công's Tuesday has a plan to re-plan.
        var request = Assert.Single(await world.Stores.ReplanRequests.ListPendingAsync());
        Assert.Equal((world.SongCong, PlanKind.Pickups, Tuesday, ReplanReasons.WeatherForecast, 1), (request.StationId, request.Kind, request.PeriodStart, request.Reasons, request.Changes));
        Assert.Single(world.Queue.Replans);
    }

    [Fact]
    public async Task RunAsync_HeavyRain_ThePickupPlannersTravelTimesOnRealRoadsGrow()
    {
        // Xuân Hòa plans on the HCMC road sample: its road costs take the stored rain areas.
        var xuanHoa = (await world.Stores.Stations.GetAsync(world.Demo.Seeded.Stations.Single(s => s.StationName == "Công an phường Xuân Hòa").StationId))!;
        var dry = (await world.Pickups.LoadAsync(xuanHoa, Tuesday)).Travel;

        await poll.RunAsync();
        var wet = (await world.Pickups.LoadAsync(xuanHoa, Tuesday)).Travel;

        Assert.False(dry.IsEstimated);
        var pairs = Enumerable.Range(0, dry.Size).SelectMany(i => Enumerable.Range(0, dry.Size).Select(j => (i, j))).Where(p => dry[p.i, p.j] > 0).ToList();
        Assert.NotEmpty(pairs);
        // Heavy rain (7.6 mm/h band) keeps 80 % of paved speed, 40 % of unpaved: every trip takes longer.
        Assert.All(pairs, p => Assert.True(wet[p.i, p.j] > dry[p.i, p.j], $"{p}: {dry[p.i, p.j]} s dry, {wet[p.i, p.j]} s in the rain"));
    }

    [Fact]
    public async Task RunAsync_Twice_SecondRunStoresNothingAndRequestsNothing()
    {
        await poll.RunAsync();
        var first = (await world.Stores.Weather.GetAsync(world.SongCong, Tuesday))!;
        world.Demo.Clock.Now += TimeSpan.FromHours(1);
        // The forecast moved within the band (12 -> 20 mm/h is heavy either way).
        _server.Rain = hour => DateOnly.FromDateTime(hour) == Tuesday && hour.Hour is >= 13 and < 16 ? 20 : 0;

        var second = await poll.RunAsync();

        Assert.Equal(new WeatherPollReport(2, 0, 0), second);
        var again = (await world.Stores.Weather.GetAsync(world.SongCong, Tuesday))!;
        Assert.Equal(first.ObservedAt, again.ObservedAt);
        Assert.Equal(1, Assert.Single(await world.Stores.ReplanRequests.ListPendingAsync()).Changes);
        Assert.Single(world.Queue.Replans);
    }

    [Fact]
    public async Task RunAsync_RainStops_RainAreasRemovedFloodsKeptAndReplanRequestedAgain()
    {
        await poll.RunAsync();
        var stored = (await world.Stores.Weather.GetAsync(world.SongCong, Tuesday))!;
        var flood = new FloodArea("Ngập ngầm Bá Xuyên", stored.RainAreas[0].Area);
        await world.Stores.Weather.SaveAsync(stored with { FloodAreas = [flood] });
        _server.Rain = _ => 0;

        var report = await poll.RunAsync();

        Assert.Equal(2, report.DaysChanged);
        var dry = (await world.Stores.Weather.GetAsync(world.SongCong, Tuesday))!;
        Assert.Empty(dry.RainAreas);
        Assert.Equal("Ngập ngầm Bá Xuyên", Assert.Single(dry.FloodAreas).Name);
        Assert.Equal(2, Assert.Single(await world.Stores.ReplanRequests.ListPendingAsync()).Changes);
    }

    [Fact]
    public async Task RunAsync_ChiefDrewAFloodAndAClosure_TheyStayWhenTheRainComesAndWhenItGoes()
    {
        // The chief's week board stores these through PlanInputs, merged into the day (see BoardHazards in the web app).
        var inputs = new PlanInputs(world.Stores.Fleet, world.Stores.Officers, world.Stores.Sites, world.Stores.VisitRequests, world.Stores.Weather, world.Requests);
        var flood = new FloodArea("Cầu Rẽo", new GeoPolygon([[new(105.85, 21.48), new(105.86, 21.48), new(105.86, 21.49), new(105.85, 21.48)]]));
        var closure = new Closure(ClosureKind.Bridge, "Ngầm Bá Xuyên", [new(105.84, 21.47)], null);
        Assert.Equal([Tuesday], await inputs.ChangeWeatherAsync(world.SongCong, [Tuesday],
            stored => new WeatherState(0, world.SongCong, Tuesday, stored?.RainAreas ?? [], [flood], [closure], world.Demo.Clock.Now, "staff"),
            ReplanReasons.FloodDrawn(flood.Name)));

        await poll.RunAsync();
        var wet = (await world.Stores.Weather.GetAsync(world.SongCong, Tuesday))!;
        _server.Rain = _ => 0;
        await poll.RunAsync();
        var dry = (await world.Stores.Weather.GetAsync(world.SongCong, Tuesday))!;

        Assert.NotEmpty(wet.RainAreas);
        Assert.Empty(dry.RainAreas);
        foreach (var day in new[] { wet, dry })
        {
            Assert.Equal(flood.Name, Assert.Single(day.FloodAreas).Name);
            Assert.Equal(flood.Area.Rings[0], day.FloodAreas[0].Area.Rings[0]);
            var kept = Assert.Single(day.Closures);
            Assert.Equal((closure.Kind, closure.Name, closure.Geometry[0]), (kept.Kind, kept.Name, Assert.Single(kept.Geometry)));
        }

        // The chief's flood, the rain coming and the rain going: three changes of Tuesday, the first named for the flood.
        var request = Assert.Single(await world.Stores.ReplanRequests.ListPendingAsync());
        Assert.Equal(("weather.flood:Cầu Rẽo,weather.forecast", 3), (request.Reasons, request.Changes));
    }

    [Fact]
    public async Task RunAsync_ChiefSavesWhileThePollWaitsForTheForecast_BothArePartOfTheDay()
    {
        var inputs = new PlanInputs(world.Stores.Fleet, world.Stores.Officers, world.Stores.Sites, world.Stores.VisitRequests, world.Stores.Weather, world.Requests);
        var flood = new FloodArea("Cầu Rẽo", new GeoPolygon([[new(105.85, 21.48), new(105.86, 21.48), new(105.86, 21.49), new(105.85, 21.48)]]));
        var drawn = 0;
        // The fake server answers the poll's request only after the chief's flood is stored (the poll is then mid-run).
        _server.Rain = hour =>
        {
            if (Interlocked.Exchange(ref drawn, 1) == 0)
            {
                inputs.ChangeWeatherAsync(world.SongCong, [Tuesday],
                    stored => (stored ?? new WeatherState(0, world.SongCong, Tuesday, [], [], [], world.Demo.Clock.Now, "staff")) with { FloodAreas = [flood] },
                    ReplanReasons.FloodDrawn(flood.Name)).GetAwaiter().GetResult();
            }

            return DateOnly.FromDateTime(hour) == Tuesday && hour.Hour is >= 13 and < 16 ? 12 : 0;
        };

        await poll.RunAsync();

        var day = (await world.Stores.Weather.GetAsync(world.SongCong, Tuesday))!;
        Assert.NotEmpty(day.RainAreas);
        Assert.Equal("Cầu Rẽo", Assert.Single(day.FloodAreas).Name);
    }

    [Fact]
    public async Task RunAsync_MalformedAnswer_ErrorLoggedNamingTheFieldAndNothingStoredOrRequested()
    {
        await poll.RunAsync();
        var before = (await world.Stores.Weather.GetAsync(world.SongCong, Tuesday))!;
        world.Demo.Clock.Now += TimeSpan.FromHours(1);
        _server.Answer = _ => (HttpStatusCode.OK, """[{"hourly":{"time":["2026-03-10T14:00"],"precipitation":[-3]}}]""");

        var report = await poll.RunAsync();

        Assert.Equal(new WeatherPollReport(0, 0, 2), report);
        var errors = _log.Lines.Where(l => l.Level == LogLevel.Error).Select(l => l.Message).ToList();
        Assert.Equal(2, errors.Count);
        Assert.Contains(errors, e => e.Contains($"station {world.SongCong}", StringComparison.Ordinal)
            && e.Contains("locations for the", StringComparison.Ordinal));
        var after = (await world.Stores.Weather.GetAsync(world.SongCong, Tuesday))!;
        Assert.Equal((before.ObservedAt, before.RainAreas.Count), (after.ObservedAt, after.RainAreas.Count));
        Assert.Equal(1, Assert.Single(await world.Stores.ReplanRequests.ListPendingAsync()).Changes);
    }

    [Fact]
    public async Task RunAsync_BadValueForTheRightPoints_ErrorNamesFieldAndValue()
    {
        _server.Answer = query =>
        {
            var points = System.Web.HttpUtility.ParseQueryString(query)["latitude"]!.Split(',').Length;
            var location = """{"hourly":{"time":["2026-03-10T14:00"],"precipitation":[-3]}}""";
            return (HttpStatusCode.OK, "[" + string.Join(',', Enumerable.Repeat(location, points)) + "]");
        };

        var report = await poll.RunAsync();

        Assert.Equal(2, report.Failed);
        Assert.Contains(_log.Lines, l => l.Level == LogLevel.Error && l.Message.Contains("field '[0].hourly.precipitation[0]' = '-3'", StringComparison.Ordinal));
        Assert.Null(await world.Stores.Weather.GetAsync(world.SongCong, Tuesday));
        Assert.Empty(await world.Stores.ReplanRequests.ListPendingAsync());
    }
}
