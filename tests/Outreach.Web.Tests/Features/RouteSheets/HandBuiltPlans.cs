using Microsoft.Extensions.DependencyInjection;
using Outreach.Data.Stores;
using Outreach.Domain;
using Outreach.Web.Features.RouteSheets;

namespace Outreach.Web.Tests.Features.RouteSheets;

/// <summary>A plan saved through the stores, with everything the tests look at by name.</summary>
public sealed record HandBuiltPlan(
    Station Station,
    Vehicle Van,
    Officer Driver,
    IReadOnlyDictionary<string, Site> Sites,
    IReadOnlyDictionary<string, Domain.Booking> Bookings,
    PlanContent Content)
{
    public long PlanId => Content.Plan.Id;

    public DateOnly Date => Content.Plan.PeriodStart;
}

/// <summary>A mobile team's week plan saved through the stores, with what the tests look at by name.</summary>
public sealed record HandBuiltTeamPlan(
    Station Station,
    Team Team,
    IReadOnlyDictionary<string, Officer> Officers,
    IReadOnlyDictionary<string, Site> Sites,
    IReadOnlyDictionary<string, VisitRequest> Requests,
    PlanContent Content)
{
    public long PlanId => Content.Plan.Id;

    /// <summary>The team's day out (Tuesday).</summary>
    public static DateOnly Date => HandBuiltPlans.Tuesday;

    public TripKey Key => new(PlanId, PlanResourceKind.Team, Team.Id, Date, 0);
}

/// <summary>
/// Pickup plans built by hand (no planner), as the pickup planner will save them: a station, sites, a van, a driver,
/// bookings through <see cref="BookingStore"/>, and a plan with stops through <see cref="PlanStore.SaveNewVersionAsync"/>.
/// </summary>
public static class HandBuiltPlans
{
    /// <summary>Tuesday after the test clock's Monday morning.</summary>
    public static readonly DateOnly Tuesday = new(2026, 11, 24);

    // Real positions from maps/hcmc-q3-sample/pois.geojson (© OpenStreetMap contributors).
    private static readonly GeoPoint WardOffice = new(106.6860724, 10.7828768);
    private static readonly GeoPoint TranQuocThao = new(106.6949075, 10.7820551);
    private static readonly GeoPoint HomeNearNguyenThanhTuyen = new(106.6884, 10.7862);

    /// <summary>
    /// Xuân Hòa ward on the real HCMC road sample, a 6-seat van, two trips on <paramref name="date"/>:
    /// trip 1 (out): 1 start at the ward office, 2 Trần Quốc Thảo school (Lan 1+1, Minh 1+1 with a wheelchair),
    /// 3 Hường's home (1+1, child seat), 4 the ward office (all 6 get off, trip ends);
    /// trip 2 (home): 1 ward office (all 6 get on), 2 Hường's home (2 off), 3 the school (4 off), 4 back at the office.
    /// Tuấn's booking (3+2) is unserved with a reason in both languages.
    /// </summary>
    public static async Task<HandBuiltPlan> XuanHoaAsync(IServiceProvider services, DateOnly? date = null, string stationName = "Công an phường Xuân Hòa (thử nghiệm)")
    {
        var day = date ?? Tuesday;
        var stations = services.GetRequiredService<StationStore>();
        var station = new Station(0, stationName, null, "Quận 3 (trước 01/7/2025)", null, "Phường Xuân Hòa",
            "Trụ sở UBND phường Xuân Hòa", WardOffice, "99-99A Trần Quốc Thảo, phường Xuân Hòa", 2, 5, 30, 60, "hcmc-q3-sample",
            [new OpeningHours(day.DayOfWeek, new TimeOnly(7, 30), new TimeOnly(17, 0))]);
        station = station with { Id = await stations.InsertAsync(station) };

        var siteStore = services.GetRequiredService<SiteStore>();
        var sites = new Dictionary<string, Site>();
        foreach (var site in new[]
                 {
                     new Site(0, station.Id, "Trụ sở UBND phường Xuân Hòa", SiteKind.CollectionPoint, WardOffice, null, false, "OpenStreetMap"),
                     new Site(0, station.Id, "Trường Tiểu học Trần Quốc Thảo", SiteKind.School, TranQuocThao, null, false, "Cổng chính đường Trần Quốc Thảo"),
                 })
        {
            sites[site.Name] = site with { Id = await siteStore.InsertAsync(site) };
        }

        var fleet = services.GetRequiredService<FleetStore>();
        var van = new Vehicle(0, station.Id, "Xe đón phường (7 chỗ)", "51A-030.31", 6, 1, 1, VehicleProfile.Van);
        van = van with { Id = await fleet.InsertVehicleAsync(van) };
        var officers = services.GetRequiredService<OfficerStore>();
        var driver = new Officer(0, station.Id, "Phạm Văn Tài", OfficerSkills.Driver, 40, "0987654321", []);
        driver = driver with { Id = await officers.InsertAsync(driver) };

        var school = sites["Trường Tiểu học Trần Quốc Thảo"];
        var bookings = new Dictionary<string, Domain.Booking>
        {
            ["Lan"] = await BookAsync(services, station.Id, day, school.Id, null, null, 1, 1, BookingNeeds.None, "Lan", "0912345678", "vi"),
            ["Minh"] = await BookAsync(services, station.Id, day, school.Id, null, null, 1, 1, BookingNeeds.Wheelchair, "Minh", "0903111222", "vi"),
            ["Hường"] = await BookAsync(services, station.Id, day, null, HomeNearNguyenThanhTuyen, "Hẻm 42 Trần Quốc Thảo, cổng xanh", 1, 1,
                BookingNeeds.ChildSeat, "Hường", "0977000111", "en"),
            ["Tuấn"] = await BookAsync(services, station.Id, day, school.Id, null, null, 3, 2, BookingNeeds.None, "Tuấn", "0934555666", "vi"),
        };

        var office = sites["Trụ sở UBND phường Xuân Hòa"];
        long lan = bookings["Lan"].Id, minh = bookings["Minh"].Id, huong = bookings["Hường"].Id;
        var stops = new List<PlanStop>
        {
            // Trip 1: out to the collection point.
            Stop(van.Id, day, 1, 0, StopKind.Start, office.Id, null, "07:30", "07:30", 0, 0, 0),
            Stop(van.Id, day, 1, 1, StopKind.Pickup, school.Id, lan, "07:40", "07:42", 2, 2, 0),
            Stop(van.Id, day, 1, 2, StopKind.Pickup, school.Id, minh, "07:42", "07:46", 4, 2, 0),
            Stop(van.Id, day, 1, 3, StopKind.Pickup, null, huong, "07:52", "07:55", 6, 2, 0),
            Stop(van.Id, day, 1, 4, StopKind.CollectionPoint, office.Id, lan, "08:05", "08:06", 4, 0, 2),
            Stop(van.Id, day, 1, 5, StopKind.CollectionPoint, office.Id, minh, "08:06", "08:08", 2, 0, 2),
            Stop(van.Id, day, 1, 6, StopKind.CollectionPoint, office.Id, huong, "08:08", "08:09", 0, 0, 2),
            Stop(van.Id, day, 1, 7, StopKind.End, office.Id, null, "08:09", "08:09", 0, 0, 0),
            // Trip 2: home again after processing.
            Stop(van.Id, day, 2, 0, StopKind.Start, office.Id, null, "10:30", "10:30", 0, 0, 0),
            Stop(van.Id, day, 2, 1, StopKind.CollectionPoint, office.Id, lan, "10:30", "10:31", 2, 2, 0),
            Stop(van.Id, day, 2, 2, StopKind.CollectionPoint, office.Id, minh, "10:31", "10:34", 4, 2, 0),
            Stop(van.Id, day, 2, 3, StopKind.CollectionPoint, office.Id, huong, "10:34", "10:35", 6, 2, 0),
            Stop(van.Id, day, 2, 4, StopKind.DropOff, null, huong, "10:45", "10:47", 4, 0, 2),
            Stop(van.Id, day, 2, 5, StopKind.DropOff, school.Id, lan, "10:52", "10:53", 2, 0, 2),
            Stop(van.Id, day, 2, 6, StopKind.DropOff, school.Id, minh, "10:53", "10:56", 0, 0, 2),
            Stop(van.Id, day, 2, 7, StopKind.End, office.Id, null, "11:05", "11:05", 0, 0, 0),
        };
        var unserved = new List<UnservedItem>
        {
            new(0, 0, UnservedItemKind.Booking, bookings["Tuấn"].Id, "seats",
                "Chuyến 07:30 thứ Ba đã đủ chỗ; chuyến còn chỗ gần nhất: 14:00", "Tuesday 07:30 trip full; next free: 14:00"),
        };
        var content = await services.GetRequiredService<PlanStore>().SaveNewVersionAsync(new PlanContent(
            new Plan(0, station.Id, PlanKind.Pickups, day, day, 0, PlanStatus.Draft, default, null, "test"), stops, [], unserved));
        return new HandBuiltPlan(station, van, driver, sites, bookings, content);
    }

    /// <summary>
    /// Sông Công (outline only, illustrative positions): one trip through Xóm Lát Đá and Cải Đan school, with a
    /// booking made by "Nguyễn Thị Hường" for the village: the names whose diacritics the PDF must keep.
    /// </summary>
    public static async Task<HandBuiltPlan> SongCongAsync(IServiceProvider services, DateOnly? date = null)
    {
        var day = date ?? Tuesday;
        var (station, sites) = await SongCongStationAsync(services, "Công an thành phố Sông Công (thử nghiệm)", day,
            new Site(0, 0, "Trường Tiểu học Cải Đan", SiteKind.School, new GeoPoint(105.8620, 21.4650), "05515", true, "Vị trí minh họa"));

        var van = new Vehicle(0, station.Id, "Xe đón 1 (16 chỗ)", "20A-010.11", 15, 1, 2, VehicleProfile.Van);
        van = van with { Id = await services.GetRequiredService<FleetStore>().InsertVehicleAsync(van) };
        var driver = new Officer(0, station.Id, "Đặng Quốc Việt", OfficerSkills.Driver, 40, "0988111222", []);
        driver = driver with { Id = await services.GetRequiredService<OfficerStore>().InsertAsync(driver) };
        var latDa = sites["Nhà văn hóa Xóm Lát Đá"];
        var caiDan = sites["Trường Tiểu học Cải Đan"];
        var bookings = new Dictionary<string, Domain.Booking>
        {
            ["Hường"] = await BookAsync(services, station.Id, day, latDa.Id, null, null, 4, 2, BookingNeeds.MustBeCarried, "Nguyễn Thị Hường", "0912000333", "vi"),
            ["Đức"] = await BookAsync(services, station.Id, day, caiDan.Id, null, null, 2, 1, BookingNeeds.None, "Trần Văn Đức", "0912000444", "vi"),
        };
        var office = sites["Điểm thu nhận – Công an TP Sông Công"];
        var stops = new List<PlanStop>
        {
            Stop(van.Id, day, 1, 0, StopKind.Start, office.Id, null, "07:00", "07:00", 0, 0, 0),
            Stop(van.Id, day, 1, 1, StopKind.Pickup, latDa.Id, bookings["Hường"].Id, "07:25", "07:32", 6, 6, 0),
            Stop(van.Id, day, 1, 2, StopKind.Pickup, caiDan.Id, bookings["Đức"].Id, "07:50", "07:53", 9, 3, 0),
            Stop(van.Id, day, 1, 3, StopKind.CollectionPoint, office.Id, bookings["Hường"].Id, "08:05", "08:07", 3, 0, 6),
            Stop(van.Id, day, 1, 4, StopKind.CollectionPoint, office.Id, bookings["Đức"].Id, "08:07", "08:08", 0, 0, 3),
        };
        var content = await services.GetRequiredService<PlanStore>().SaveNewVersionAsync(new PlanContent(
            new Plan(0, station.Id, PlanKind.Pickups, day, day, 0, PlanStatus.Draft, default, null, "test"), stops, [], []));
        return new HandBuiltPlan(station, van, driver, sites, bookings, content);
    }

    /// <summary>
    /// Sông Công (outline only, illustrative positions), a week of mobile-team visits (Monday 23 - Sunday 29 November
    /// 2026) with one team-day, Tuesday evening, stored as the visit planner stores it (trip 0):
    /// 1 leave the station 16:40; 2 Bà Nhung's home 17:00, set-up 15 min, retry 1 bedridden person 17:15-17:45 (a repeat
    /// visit: the first capture failed); 3 Nhà văn hóa Xóm Lát Đá 18:05, set-up 20 min, the village is home from 18:30
    /// (5 min wait), capture 30 people (10 children with guardians, 20 aged 14+) and retry 2 elderly until 20:24 (two
    /// stored rows with the same times); 4 back at the station 20:50. Team with 2 kits: Lường Văn Khoa (team lead with a
    /// phone, not a capture operator), Hà Thị Mai and Đinh Văn Tú (capture operators).
    /// </summary>
    public static async Task<HandBuiltTeamPlan> SongCongTeamAsync(IServiceProvider services, string stationName = "Công an thành phố Sông Công (tổ lưu động)")
    {
        var day = HandBuiltTeamPlan.Date;
        var monday = day.AddDays(-1);
        var (station, sites) = await SongCongStationAsync(services, stationName, day,
            new Site(0, 0, "Nhà bà Hoàng Thị Nhung", SiteKind.Home, new GeoPoint(105.8120, 21.5010), "05530", true, "Người nằm liệt giường; vị trí minh họa"));

        var officerStore = services.GetRequiredService<OfficerStore>();
        var officers = new Dictionary<string, Officer>();
        foreach (var officer in new[]
                 {
                     new Officer(0, station.Id, "Lường Văn Khoa", OfficerSkills.TeamLead, 40, "0912 345 601", []),
                     new Officer(0, station.Id, "Hà Thị Mai", OfficerSkills.CaptureOperator, 40, "0912345602", []),
                     new Officer(0, station.Id, "Đinh Văn Tú", OfficerSkills.CaptureOperator, 40, "0912345603", []),
                 })
        {
            officers[officer.Name] = officer with { Id = await officerStore.InsertAsync(officer) };
        }

        var fleet = services.GetRequiredService<FleetStore>();
        var bike = new Vehicle(0, station.Id, "Xe máy tổ lưu động 2", "20B1-234.56", 1, 0, 0, VehicleProfile.Motorbike);
        bike = bike with { Id = await fleet.InsertVehicleAsync(bike) };
        var team = new Team(0, station.Id, "Tổ lưu động 2", [.. officers.Values.Select(o => o.Id)], bike.Id, VehicleProfile.Motorbike, 2,
            new TimeOnly(7, 0), new TimeOnly(21, 0), 12, 8);
        team = team with { Id = await fleet.InsertTeamAsync(team) };

        var visitStore = services.GetRequiredService<VisitRequestStore>();
        var requests = new Dictionary<string, VisitRequest>();
        foreach (var (name, request) in new[]
                 {
                     ("Lát Đá", new VisitRequest(0, station.Id, sites["Nhà văn hóa Xóm Lát Đá"].Id,
                         [new ApplicantGroup(ApplicantCategory.Child6To14WithGuardian, 18, null), new ApplicantGroup(ApplicantCategory.Age14Plus, 30, null),
                          new ApplicantGroup(ApplicantCategory.Elderly, 12, null)],
                         20, [new AvailabilityWindow(day, new TimeOnly(18, 30), new TimeOnly(20, 30))], RequiredPresence.VillageHead, 3, monday.AddDays(27), 0.05,
                         VisitRequestStatus.Open, "Đồng bào dân tộc thiểu số; người dân đi làm nương ban ngày", "Trưởng xóm Lát Đá", "0912000555")),
                     ("Nhung", new VisitRequest(0, station.Id, sites["Nhà bà Hoàng Thị Nhung"].Id,
                         [new ApplicantGroup(ApplicantCategory.BedriddenOrDisabled, 1, null)],
                         15, [new AvailabilityWindow(day, new TimeOnly(17, 0), new TimeOnly(18, 0))], RequiredPresence.Relative, 5, monday.AddDays(27), 0.3,
                         VisitRequestStatus.Open, "Người thân có mặt theo giờ đã hẹn", "Con gái bà Nhung", "0977000666")),
                 })
        {
            requests[name] = request with { Id = await visitStore.InsertAsync(request) };
        }

        long latDa = sites["Nhà văn hóa Xóm Lát Đá"].Id, nhung = sites["Nhà bà Hoàng Thị Nhung"].Id;
        PlanStop Row(int sequence, StopKind kind, long? siteId, long? requestId, string arrival, string departure) => new(
            0, 0, PlanResourceKind.Team, team.Id, day, 0, sequence, kind, siteId, null, requestId, Local(day, arrival), Local(day, departure), 0, 0, 0, 0);
        var stops = new List<PlanStop>
        {
            Row(0, StopKind.Start, null, null, "16:40", "16:40"),
            Row(1, StopKind.Visit, nhung, requests["Nhung"].Id, "17:00", "17:45") with
            {
                ServedCount = 1, IsRepeatVisit = true, ServedByCategory = new CategoryCounts(0, 0, 0, 1, 0), ServiceStart = Local(day, "17:15"),
            },
            Row(2, StopKind.Visit, latDa, requests["Lát Đá"].Id, "18:05", "20:24") with
            {
                ServedCount = 30, ServedByCategory = new CategoryCounts(10, 20, 0, 0, 0), ServiceStart = Local(day, "18:30"),
            },
            Row(3, StopKind.Visit, latDa, requests["Lát Đá"].Id, "18:05", "20:24") with
            {
                ServedCount = 2, IsRepeatVisit = true, ServedByCategory = new CategoryCounts(0, 0, 2, 0, 0), ServiceStart = Local(day, "18:30"),
            },
            Row(4, StopKind.End, null, null, "20:50", "20:50"),
        };
        var unserved = new List<UnservedItem>
        {
            new(0, 0, UnservedItemKind.VisitRequest, requests["Lát Đá"].Id, "window",
                "Lát Đá: không còn tổ rảnh trong giờ tối thứ Tư-thứ Năm; đã xếp 30/60 người", "Lát Đá: no team free in its evening window on Wed-Thu; 30 of 60 served"),
        };
        var content = await services.GetRequiredService<PlanStore>().SaveNewVersionAsync(new PlanContent(
            new Plan(0, station.Id, PlanKind.Visits, monday, monday.AddDays(6), 0, PlanStatus.Draft, default, null, "test"), stops, [], unserved));
        return new HandBuiltTeamPlan(station, team, officers, sites, requests, content);
    }

    /// <summary>
    /// A Sông Công station (outline only) open on <paramref name="day"/>, with its collection point, Nhà văn hóa Xóm Lát Đá
    /// and <paramref name="third"/> as sites (illustrative positions), stored.
    /// </summary>
    private static async Task<(Station Station, Dictionary<string, Site> Sites)> SongCongStationAsync(IServiceProvider services, string name, DateOnly day, Site third)
    {
        var cp = new GeoPoint(105.8485, 21.4772);
        var station = new Station(0, name, "165", "Thành phố Sông Công (trước 01/7/2025)", "05518",
            "Phường Sông Công", "Điểm thu nhận căn cước – Công an thành phố Sông Công", cp, "Phường Thắng Lợi (vị trí minh họa)", 3, 5, 45, 60,
            "song-cong", [new OpeningHours(day.DayOfWeek, new TimeOnly(7, 0), new TimeOnly(17, 0))]);
        station = station with { Id = await services.GetRequiredService<StationStore>().InsertAsync(station) };
        var siteStore = services.GetRequiredService<SiteStore>();
        var sites = new Dictionary<string, Site>();
        foreach (var site in new[]
                 {
                     new Site(0, station.Id, "Điểm thu nhận – Công an TP Sông Công", SiteKind.CollectionPoint, cp, "05518", true, "Vị trí minh họa"),
                     new Site(0, station.Id, "Nhà văn hóa Xóm Lát Đá", SiteKind.VillageCulturalHouse, new GeoPoint(105.7850, 21.5200), "05530", true, "Vị trí minh họa"),
                     third with { StationId = station.Id },
                 })
        {
            sites[site.Name] = site with { Id = await siteStore.InsertAsync(site) };
        }

        return (station, sites);
    }

    /// <summary>A stop at local times "HH:mm" on <paramref name="day"/> (Asia/Ho_Chi_Minh, UTC+7).</summary>
    public static PlanStop Stop(long vanId, DateOnly day, int trip, int sequence, StopKind kind, long? siteId, long? bookingId,
        string arrival, string departure, int loadAfter, int boarding, int alighting) => new(
        0, 0, PlanResourceKind.Vehicle, vanId, day, trip, sequence, kind, siteId, bookingId, null,
        Local(day, arrival), Local(day, departure), loadAfter, boarding, alighting, 0);

    public static DateTimeOffset Local(DateOnly day, string time) =>
        new DateTimeOffset(day.ToDateTime(TimeOnly.ParseExact(time, "HH:mm", System.Globalization.CultureInfo.InvariantCulture)), TimeSpan.FromHours(7)).ToUniversalTime();

    private static async Task<Domain.Booking> BookAsync(IServiceProvider services, long stationId, DateOnly day, long? siteId, GeoPoint? pin, string? note,
        int children, int guardians, BookingNeeds needs, string name, string phone, string language)
    {
        var booking = new Domain.Booking(0, "", stationId, siteId, pin, note, children, guardians, needs, day, new TimeOnly(7, 30), name, phone, language,
            BookingStatus.Confirmed, default, default);
        var result = await services.GetRequiredService<BookingStore>().TryBookAsync(booking, new BookingCapacity(SeatsPerSlot: 100));
        Assert.Equal(BookingOutcome.Booked, result.Outcome);
        return result.Booking!;
    }
}
