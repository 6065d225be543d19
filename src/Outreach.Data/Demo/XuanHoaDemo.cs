using Outreach.Domain;

namespace Outreach.Data.Demo;

/// <summary>
/// An urban ward on the real Ho Chi Minh City road sample (maps/hcmc-q3-sample, © OpenStreetMap
/// contributors): the People's Committee of Xuân Hòa ward as the collection point and the real primary and
/// lower-secondary schools of the sample as pickup points. Homes for visits are illustrative positions.
/// </summary>
internal static class XuanHoaDemo
{
    public const string StationName = "Công an phường Xuân Hòa";
    public const string MapArea = "hcmc-q3-sample";

    /// <summary>OSM way of "Ủy ban nhân dân phường Xuân Hòa" in pois.geojson.</summary>
    private const long WardOfficeOsmId = 554450143;

    public static DemoScenario Build(IReadOnlyList<DemoPoi> pois, DateOnly monday)
    {
        var rng = new Random(26734);
        var office = pois.FirstOrDefault(p => p.OsmId == WardOfficeOsmId)
            ?? throw new InvalidDataException($"{MapArea}/pois.geojson: the ward office (OSM way {WardOfficeOsmId}) is missing.");
        var station = new Station(
            0,
            StationName,
            OldUnitCode: null,
            OldUnitName: "Quận 3 (trước 01/7/2025)",
            NewUnitCode: null,
            NewUnitName: "Phường Xuân Hòa",
            CollectionPointName: "Trụ sở UBND phường Xuân Hòa",
            CollectionPointLocation: office.Location,
            CollectionPointAddress: $"{office.HouseNumber} {office.Street}, phường Xuân Hòa, TP. Hồ Chí Minh",
            DeskCount: 2,
            FilesPerDeskPerHour: 5,
            MaxRideMinutes: 30,
            BookingSlotMinutes: Station.DefaultBookingSlotMinutes,
            MapAreaKey: MapArea,
            OpeningHours: SongCongDemo.CampaignHours());

        // Children 6-14 attend primary (tiểu học) and lower-secondary (trung học cơ sở) schools.
        var schools = pois
            .Where(p => p.Category == "school" && p.Name is { } n
                && (n.Contains("Tiểu học", StringComparison.Ordinal) || n.Contains("Trung học cơ sở", StringComparison.Ordinal)))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => new Site(0, 0, p.Name!, SiteKind.School, p.Location, null, false,
                p.Street is null ? "OpenStreetMap" : $"{p.HouseNumber} {p.Street} (OpenStreetMap)".Trim()))
            .ToList();
        var sites = new List<Site>
        {
            new(0, 0, "Trụ sở UBND phường Xuân Hòa", SiteKind.CollectionPoint, office.Location, null, false, "OpenStreetMap"),
        };
        sites.AddRange(schools);
        var children = pois.FirstOrDefault(p => p.Name == "Nhà thiếu nhi Thành phố Hồ Chí Minh");
        if (children is not null)
        {
            sites.Add(new Site(0, 0, children.Name!, SiteKind.PickupPoint, children.Location, null, false, "OpenStreetMap"));
        }

        var homes = new List<Site>();
        for (var i = 0; i < 3; i++)
        {
            homes.Add(new Site(0, 0, $"Nhà riêng số {i + 1} (phường Xuân Hòa)", SiteKind.Home,
                DemoText.Near(schools[i % schools.Count].Location, 250, rng), null, true, "Người cao tuổi ở chung cư; vị trí minh họa"));
        }

        sites.AddRange(homes);

        var officers = new List<Officer>();
        OfficerSkills[] skills =
        [
            OfficerSkills.TeamLead | OfficerSkills.CaptureOperator, OfficerSkills.CaptureOperator, OfficerSkills.CaptureOperator,
            OfficerSkills.IntakeClerk, OfficerSkills.IntakeClerk, OfficerSkills.Driver, OfficerSkills.Driver | OfficerSkills.IntakeClerk,
            OfficerSkills.CaptureOperator,
        ];
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in skills)
        {
            string name;
            do
            {
                name = DemoText.FullName(rng);
            }
            while (!names.Add(name));

            officers.Add(new Officer(0, 0, name, s, 40, DemoText.Phone(rng), []));
        }

        var vehicles = new List<Vehicle>
        {
            new(0, 0, "Xe đón phường (7 chỗ)", "51A-030.31", 6, 0, 1, VehicleProfile.Van),
            new(0, 0, "Xe máy tổ lưu động", null, 2, 0, 0, VehicleProfile.Motorbike),
        };
        var teams = new List<DemoTeam>
        {
            new(new Team(0, 0, "Tổ lưu động phường", [], null, VehicleProfile.Motorbike, 1, new TimeOnly(7, 30), new TimeOnly(21, 0), 10, 8),
                [officers[0].Name, officers[1].Name], vehicles[1].Name),
        };

        // After-school and Saturday-morning slots: parents in the city work during the day.
        var bookings = SongCongDemo.Bookings(rng, monday, [.. schools], outline: null,
            [new TimeOnly(16, 0), new TimeOnly(17, 0), new TimeOnly(8, 0)], 8, 14, vehicles[0].SeatCount);
        var visits = homes.Select((h, i) => SongCongDemo.Visit(h.Name, monday,
                [(ApplicantCategory.Elderly, 1)], 10, [(i, new TimeOnly(9, 0), new TimeOnly(11, 0))],
                RequiredPresence.Relative, 4, 0.2, "Thang máy chung cư; người thân có mặt"))
            .ToList();
        return new DemoScenario(station, sites, officers, vehicles, teams, bookings, visits, vehicles[0].SeatCount);
    }
}
