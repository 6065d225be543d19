using Outreach.Data.Stores;
using Outreach.Domain;

namespace Outreach.Data.Demo;

/// <summary>What one seeding run did for one demo station (counts are of records added by this run).</summary>
public sealed record DemoStationReport(
    string StationName, long StationId, bool StationCreated, int SitesAdded, int OfficersAdded, int VehiclesAdded,
    int TeamsAdded, int BookingsAdded, int VisitRequestsAdded);

public sealed record DemoSeedReport(DateOnly WeekStart, int HolidaysImported, IReadOnlyList<DemoStationReport> Stations)
{
    public bool AddedAnything => HolidaysImported > 0 || Stations.Any(s =>
        s.StationCreated || s.SitesAdded + s.OfficersAdded + s.VehiclesAdded + s.TeamsAdded + s.BookingsAdded + s.VisitRequestsAdded > 0);
}

/// <summary>
/// Seeds the public-holiday calendar and the two demo stations (Sông Công city, Xuân Hòa ward).
/// Idempotent and resumable: every record has a natural key within its station (names, booking codes,
/// the site of a visit request), each step adds only what is missing in one transaction, and the generators
/// are deterministic, so a second run adds nothing and a run interrupted half-way is completed by the next.
/// </summary>
public sealed class DemoSeeder(Database database, TimeProvider clock)
{
    /// <summary>Seeds from the map folders under <paramref name="mapsFolder"/> (song-cong, hcmc-q3-sample).</summary>
    public async Task<DemoSeedReport> SeedAsync(string mapsFolder, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(mapsFolder);
        var monday = DemoText.ComingMonday(clock);
        var holidays = await SeedHolidaysAsync(cancellationToken);

        var songCong = SongCongDemo.Build(DemoOutline.Read(Path.Combine(mapsFolder, SongCongDemo.MapArea, "boundaries.geojson")), monday);
        var xuanHoa = XuanHoaDemo.Build(DemoPois.Read(Path.Combine(mapsFolder, XuanHoaDemo.MapArea, "pois.geojson")), monday);
        var reports = new List<DemoStationReport>();
        foreach (var scenario in new[] { songCong, xuanHoa })
        {
            reports.Add(await SeedStationAsync(scenario, cancellationToken));
        }

        return new DemoSeedReport(monday, holidays, reports);
    }

    /// <summary>
    /// Imports the 2024-2027 holiday list only into an empty calendar: once a chief edits the calendar,
    /// seeding never overrides it.
    /// </summary>
    private async Task<int> SeedHolidaysAsync(CancellationToken cancellationToken)
    {
        var calendar = new CalendarStore(database);
        if ((await calendar.ListHolidaysAsync(DateOnly.MinValue, DateOnly.MaxValue, cancellationToken)).Count > 0)
        {
            return 0;
        }

        await using var stream = typeof(DemoSeeder).Assembly.GetManifestResourceStream("Reference/holidays-vn.csv")
            ?? throw new InvalidOperationException("The embedded holiday list Reference/holidays-vn.csv is missing.");
        using var reader = new StreamReader(stream);
        return await calendar.ImportHolidaysCsvAsync(reader, cancellationToken);
    }

    private async Task<DemoStationReport> SeedStationAsync(DemoScenario scenario, CancellationToken ct)
    {
        var stations = new StationStore(database);
        var existing = await stations.GetByNameAsync(scenario.Station.Name, ct);
        var created = existing is null;
        var stationId = existing?.Id ?? await stations.InsertAsync(scenario.Station, ct);

        var siteStore = new SiteStore(database);
        var siteIds = (await siteStore.ListByStationAsync(stationId, cancellationToken: ct)).ToDictionary(s => s.Name, s => s.Id, StringComparer.Ordinal);
        var newSites = scenario.Sites.Where(s => !siteIds.ContainsKey(s.Name)).Select(s => s with { StationId = stationId }).ToList();
        if (newSites.Count > 0)
        {
            var ids = await siteStore.InsertManyAsync(newSites, ct);
            for (var i = 0; i < ids.Count; i++)
            {
                siteIds[newSites[i].Name] = ids[i];
            }
        }

        var officerStore = new OfficerStore(database);
        var officerIds = (await officerStore.ListByStationAsync(stationId, ct)).ToDictionary(o => o.Name, o => o.Id, StringComparer.Ordinal);
        var newOfficers = scenario.Officers.Where(o => !officerIds.ContainsKey(o.Name)).Select(o => o with { StationId = stationId }).ToList();
        if (newOfficers.Count > 0)
        {
            var ids = await officerStore.InsertManyAsync(newOfficers, ct);
            for (var i = 0; i < ids.Count; i++)
            {
                officerIds[newOfficers[i].Name] = ids[i];
            }
        }

        var fleet = new FleetStore(database);
        var vehicleIds = (await fleet.ListVehiclesAsync(stationId, ct)).ToDictionary(v => v.Name, v => v.Id, StringComparer.Ordinal);
        var vehiclesAdded = 0;
        foreach (var vehicle in scenario.Vehicles.Where(v => !vehicleIds.ContainsKey(v.Name)))
        {
            vehicleIds[vehicle.Name] = await fleet.InsertVehicleAsync(vehicle with { HomeStationId = stationId }, ct);
            vehiclesAdded++;
        }

        var teamNames = (await fleet.ListTeamsAsync(stationId, ct)).Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var teamsAdded = 0;
        foreach (var demoTeam in scenario.Teams.Where(t => !teamNames.Contains(t.Team.Name)))
        {
            await fleet.InsertTeamAsync(demoTeam.Team with
            {
                HomeStationId = stationId,
                MemberOfficerIds = [.. demoTeam.MemberNames.Select(n => officerIds[n])],
                VehicleId = demoTeam.VehicleName is null ? null : vehicleIds[demoTeam.VehicleName],
            }, ct);
            teamsAdded++;
        }

        var bookings = new BookingStore(database, clock);
        var capacity = new BookingCapacity(scenario.SeatsPerSlot);
        var bookingsAdded = 0;
        foreach (var demo in scenario.Bookings)
        {
            if (await bookings.GetByCodeAsync(demo.Booking.Code, ct) is not null)
            {
                continue;
            }

            var booking = demo.Booking with
            {
                StationId = stationId,
                PickupSiteId = demo.SiteName is null ? null : siteIds[demo.SiteName],
            };
            var result = await bookings.TryBookAsync(booking, capacity, ct);
            if (result.Outcome == BookingOutcome.Booked)
            {
                bookingsAdded++;
            }
        }

        var visitStore = new VisitRequestStore(database);
        var visitedSites = (await visitStore.ListByStationAsync(stationId, cancellationToken: ct)).Select(v => v.SiteId).ToHashSet();
        var newVisits = scenario.Visits
            .Where(v => !visitedSites.Contains(siteIds[v.SiteName]))
            .Select(v => v.Request with { StationId = stationId, SiteId = siteIds[v.SiteName] })
            .ToList();
        if (newVisits.Count > 0)
        {
            await visitStore.InsertManyAsync(newVisits, ct);
        }

        return new DemoStationReport(scenario.Station.Name, stationId, created, newSites.Count, newOfficers.Count, vehiclesAdded,
            teamsAdded, bookingsAdded, newVisits.Count);
    }
}
