using Outreach.Data.Stores;
using Outreach.Data.Tests.Infrastructure;
using Outreach.Domain;

namespace Outreach.Data.Tests.Stores;

public abstract class WeatherStoreTests(IDatabaseTarget target) : StoreTestBase(target)
{
    private static readonly DateOnly Day = new(2026, 9, 15);

    private static IReadOnlyList<GeoPoint> Square(double lon, double lat, double size) =>
        [new(lon, lat), new(lon + size, lat), new(lon + size, lat + size), new(lon, lat + size), new(lon, lat)];

    [SkippableFact]
    public async Task SaveAsync_RainFloodAndClosure_RoundTripsGeometry()
    {
        var database = await NewDatabaseAsync();
        var stationId = await new StationStore(database).InsertAsync(TestData.Station());
        var store = new WeatherStore(database);
        var state = new WeatherState(0, stationId, Day,
            [new RainArea(12.5, new GeoPolygon([Square(105.80, 21.45, 0.05), Square(105.81, 21.46, 0.01)]))],
            [new FloodArea("Bãi ven sông Công", new GeoPolygon([Square(105.84, 21.47, 0.02)]))],
            [new Closure(ClosureKind.Bridge, "Cầu tràn Bình Sơn", [new GeoPoint(105.78, 21.49)], "nước tràn")],
            Now, "test");

        var id = await store.SaveAsync(state);

        var back = await store.GetAsync(stationId, Day);
        Assert.Equal((id, stationId, Day, Now, "test"), (back!.Id, back.StationId, back.Date, back.ObservedAt, back.Source));
        var rain = Assert.Single(back.RainAreas);
        Assert.Equal(12.5, rain.IntensityMmPerHour);
        Assert.Equal(2, rain.Area.Rings.Count);
        Assert.Equal(Square(105.81, 21.46, 0.01), rain.Area.Rings[1]);
        Assert.Equal("Bãi ven sông Công", Assert.Single(back.FloodAreas).Name);
        var closure = Assert.Single(back.Closures);
        Assert.Equal((ClosureKind.Bridge, "Cầu tràn Bình Sơn", "nước tràn"), (closure.Kind, closure.Name, closure.Reason));
        Assert.Equal([new GeoPoint(105.78, 21.49)], closure.Geometry);
    }

    [SkippableFact]
    public async Task SaveAsync_SameStationAndDayTwice_ReplacesAndKeepsOneRow()
    {
        var database = await NewDatabaseAsync();
        var stationId = await new StationStore(database).InsertAsync(TestData.Station());
        var store = new WeatherStore(database);
        var first = await store.SaveAsync(new WeatherState(0, stationId, Day, [], [], [], Now, "morning"));

        var second = await store.SaveAsync(new WeatherState(0, stationId, Day,
            [new RainArea(40, new GeoPolygon([Square(105.8, 21.4, 0.1)]))], [], [], Now.AddHours(3), "noon"));

        Assert.Equal(first, second);
        var states = await store.ListAsync(stationId, Day.AddDays(-1), Day.AddDays(1));
        Assert.Equal(("noon", 1), (Assert.Single(states).Source, states[0].RainAreas.Count));
    }

    [SkippableFact]
    public async Task ChangeAsync_NoRowAndNothingToWrite_LeavesNoRow()
    {
        var database = await NewDatabaseAsync();
        var stationId = await new StationStore(database).InsertAsync(TestData.Station());
        var store = new WeatherStore(database);

        var (before, after) = await store.ChangeAsync(stationId, Day, stored => null);

        Assert.Null(before);
        Assert.Null(after);
        Assert.Null(await store.GetAsync(stationId, Day));
    }

    [SkippableFact]
    public async Task ChangeAsync_TwentyWritersAddingTheirOwnFlood_EveryFloodIsKept()
    {
        var database = await NewDatabaseAsync();
        var stationId = await new StationStore(database).InsertAsync(TestData.Station());
        var store = new WeatherStore(database);
        await store.SaveAsync(new WeatherState(0, stationId, Day, [new RainArea(3, new GeoPolygon([Square(105.8, 21.4, 0.1)]))], [], [], Now, "open-meteo"));

        // Each writer reads the day and writes it back with one flood more: a read-then-write that another writer could
        // overtake would drop a flood.
        await Task.WhenAll(Enumerable.Range(1, 20).Select(i => Task.Run(() => store.ChangeAsync(stationId, Day, stored =>
            stored! with { FloodAreas = [.. stored.FloodAreas, new FloodArea($"Ngập {i}", new GeoPolygon([Square(105.8 + (i / 100.0), 21.4, 0.01)]))] }))));

        var day = (await store.GetAsync(stationId, Day))!;
        Assert.Equal(Enumerable.Range(1, 20).Select(i => $"Ngập {i}").Order(StringComparer.Ordinal), day.FloodAreas.Select(f => f.Name).Order(StringComparer.Ordinal));
        Assert.Equal(3, Assert.Single(day.RainAreas).IntensityMmPerHour);
    }
}

public sealed class SqliteWeatherStoreTests() : WeatherStoreTests(new SqliteTarget());

[Collection(PostgresServerGroup.Name)]
public sealed class PostgresWeatherStoreTests(PostgresServer server) : WeatherStoreTests(new PostgresTarget(server, "weather"));
