using Outreach.Data.Demo;
using Outreach.Data.Stores;
using Outreach.Data.Tests.Infrastructure;
using Outreach.Domain;

namespace Outreach.Data.Tests.Demo;

public abstract class DemoSeederTests(IDatabaseTarget target) : StoreTestBase(target)
{
    /// <summary>
    /// A Sunday, so the demo week starts on Monday 2026-03-09. One clock per test: the SQLite and PostgreSQL classes
    /// run in parallel and one test moves its clock a week on.
    /// </summary>
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 3, 8, 2, 0, 0, TimeSpan.Zero));

    [SkippableFact]
    public async Task SeedAsync_EmptyDatabase_SeedsBothStationsSizedFromTheFieldReports()
    {
        var database = await NewDatabaseAsync();

        var report = await new DemoSeeder(database, _clock).SeedAsync(MapsFolder());

        Assert.Equal(new DateOnly(2026, 3, 9), report.WeekStart);
        Assert.True(report.HolidaysImported > 40, $"holidays imported: {report.HolidaysImported}");
        Assert.Equal([SongCongDemo.StationName, XuanHoaDemo.StationName], report.Stations.Select(s => s.StationName));
        Assert.All(report.Stations, s => Assert.True(s.StationCreated));

        var songCong = report.Stations[0].StationId;
        var vans = (await new FleetStore(database).ListVehiclesAsync(songCong)).Where(v => v.Name.StartsWith("Xe đón", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, vans.Count);
        Assert.Equal(3, (await new FleetStore(database).ListTeamsAsync(songCong)).Count);
        Assert.Equal(30, (await new OfficerStore(database).ListByStationAsync(songCong)).Count);

        // Cao Lãnh figure: 20-30 children and parents a day; the last booking of a day may overshoot by up to 4 seats.
        var bookings = await new BookingStore(database, _clock).ListAsync(songCong, report.WeekStart, report.WeekStart.AddDays(6));
        var seatsPerDay = bookings.GroupBy(b => b.Date).ToDictionary(g => g.Key, g => g.Sum(b => b.SeatCount));
        Assert.Equal(6, seatsPerDay.Count);
        Assert.All(seatsPerDay.Values, seats => Assert.InRange(seats, 20, 34));
        Assert.All(bookings, b => Assert.True(b.GuardianCount >= 1 && b.ChildCount >= 1));

        // Every illustrative Sông Công position lies inside the real city outline, and is labelled as such.
        var outline = DemoOutline.Read(Path.Combine(MapsFolder(), "song-cong", "boundaries.geojson"));
        var sites = await new SiteStore(database).ListByStationAsync(songCong);
        Assert.Contains(sites, s => s.Name == "Nhà văn hóa Xóm Lát Đá");
        Assert.All(sites, s => Assert.True(outline.Contains(s.Location), $"{s.Name} at {s.Location} is outside Sông Công"));
        Assert.All(sites, s => Assert.True(s.IsIllustrativePosition));

        var visits = await new VisitRequestStore(database).ListByStationAsync(songCong);
        var careCentre = Assert.Single(visits, v => v.Applicants.Any(a => a.Category == ApplicantCategory.CareCentreResident));
        Assert.Equal(DayOfWeek.Sunday, Assert.Single(careCentre.Windows).Date.DayOfWeek);
        Assert.True(careCentre.RequiredPresence.HasFlag(RequiredPresence.Doctor));
    }

    [SkippableFact]
    public async Task SeedAsync_XuanHoa_UsesTheRealWardOfficeAndSchools()
    {
        var database = await NewDatabaseAsync();

        var report = await new DemoSeeder(database, _clock).SeedAsync(MapsFolder());

        var station = await new StationStore(database).GetAsync(report.Stations[1].StationId);
        Assert.NotNull(station);
        // Ủy ban nhân dân phường Xuân Hòa, OSM way 554450143, 99-99A Trần Quốc Thảo.
        Assert.Equal(new GeoPoint(106.6860724, 10.7828768), station.CollectionPointLocation);
        Assert.StartsWith("99-99A Trần Quốc Thảo", station.CollectionPointAddress, StringComparison.Ordinal);
        var schools = await new SiteStore(database).ListByStationAsync(station.Id, SiteKind.School);
        Assert.Contains(schools, s => s.Name == "Trường Tiểu học Trần Quốc Thảo" && !s.IsIllustrativePosition);
        Assert.Equal(7, schools.Count);
    }

    [SkippableFact]
    public async Task SeedAsync_SecondRun_AddsNothing()
    {
        var database = await NewDatabaseAsync();
        var seeder = new DemoSeeder(database, _clock);
        var first = await seeder.SeedAsync(MapsFolder());

        // A week later the coming Monday differs, yet nothing is added again.
        _clock.Now = _clock.Now.AddDays(7);
        var second = await new DemoSeeder(database, _clock).SeedAsync(MapsFolder());
        _clock.Now = _clock.Now.AddDays(-7);

        Assert.True(first.AddedAnything);
        Assert.False(second.AddedAnything);
        Assert.Equal(first.Stations.Select(s => s.StationId), second.Stations.Select(s => s.StationId));
        Assert.Equal(2, (await new StationStore(database).ListAsync()).Count);
    }

    [SkippableFact]
    public async Task SeedAsync_AfterRunStoppedBeforeSites_CompletesTheStation()
    {
        var database = await NewDatabaseAsync();
        var fresh = await NewDatabaseAsync();
        var complete = await new DemoSeeder(fresh, _clock).SeedAsync(MapsFolder());
        // An earlier run stored only the station, then stopped.
        await new StationStore(database).InsertAsync(TestData.Station() with { Name = SongCongDemo.StationName });

        var report = await new DemoSeeder(database, _clock).SeedAsync(MapsFolder());

        Assert.False(report.Stations[0].StationCreated);
        Assert.Equal(complete.Stations[0].SitesAdded, report.Stations[0].SitesAdded);
        Assert.Equal(complete.Stations[0].BookingsAdded, report.Stations[0].BookingsAdded);
        Assert.Equal(complete.Stations[0].VisitRequestsAdded, report.Stations[0].VisitRequestsAdded);
    }

    private static string MapsFolder()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Outreach.sln")))
        {
            dir = dir.Parent;
        }

        Assert.NotNull(dir);
        // The repository's own copy when present, else the shared folder beside the clone.
        var own = Path.Combine(dir.FullName, "maps");
        return Directory.Exists(Path.Combine(own, "song-cong")) ? own : Path.Combine(dir.FullName, "..", "shared", "maps");
    }
}

public sealed class SqliteDemoSeederTests() : DemoSeederTests(new SqliteTarget());

[Collection(PostgresServerGroup.Name)]
public sealed class PostgresDemoSeederTests(PostgresServer server) : DemoSeederTests(new PostgresTarget(server, "demo"));
