using Outreach.Domain;

namespace Outreach.Data.Demo;

/// <summary>
/// Sông Công city (Thái Nguyên), operation 5 of the field reports: the real city outline and its 10 units
/// (dvhcvn), with hamlets, offices and schools at ILLUSTRATIVE positions inside the outline (no village
/// geometry exists in any reachable data set). Sized from the reports: 2 pickup vans making about 2 trips a
/// day with 20-30 children and parents, 3 mobile teams, about 30 officers, evening visits to ethnic-minority
/// hamlets of Bình Sơn (Lát Đá), a care centre on Sunday and home visits to bedridden people.
/// </summary>
internal static class SongCongDemo
{
    public const string StationName = "Công an thành phố Sông Công";
    public const string MapArea = "song-cong";

    /// <summary>Two 16-seat vans (15 passenger seats each) run one trip per slot.</summary>
    private const int VanSeatsPerSlot = 30;

    private const string IllustrativeVi = "Vị trí minh họa (không có dữ liệu tọa độ thôn, xóm)";

    /// <summary>Unit code, name, whether it is a rural commune, and an approximate anchor (illustrative).</summary>
    private static readonly (string Code, string Name, bool Rural, double Lon, double Lat)[] Units =
    [
        ("05506", "Phường Lương Sơn", false, 105.855, 21.500),
        ("05509", "Phường Châu Sơn", false, 105.825, 21.465),
        ("05512", "Phường Mỏ Chè", false, 105.845, 21.487),
        ("05515", "Phường Cải Đan", false, 105.862, 21.465),
        ("05518", "Phường Thắng Lợi", false, 105.850, 21.476),
        ("05521", "Phường Phố Cò", false, 105.836, 21.478),
        ("05527", "Xã Tân Quang", true, 105.885, 21.472),
        ("05528", "Phường Bách Quang", false, 105.865, 21.447),
        ("05530", "Xã Bình Sơn", true, 105.785, 21.520),
        ("05533", "Xã Bá Xuyên", true, 105.800, 21.470),
    ];

    public static DemoScenario Build(DemoOutline outline, DateOnly monday)
    {
        var rng = new Random(165);
        var collectionPoint = outline.PlaceInside(new GeoPoint(105.8485, 21.4772));
        var station = new Station(
            0,
            StationName,
            OldUnitCode: "165",
            OldUnitName: "Thành phố Sông Công (trước 01/7/2025)",
            NewUnitCode: "05518",
            NewUnitName: "Phường Sông Công",
            CollectionPointName: "Điểm thu nhận căn cước – Công an thành phố Sông Công",
            CollectionPointLocation: collectionPoint,
            CollectionPointAddress: "Phường Thắng Lợi (vị trí minh họa)",
            DeskCount: 3,
            FilesPerDeskPerHour: 5,
            MaxRideMinutes: Station.DefaultMaxRideMinutes,
            BookingSlotMinutes: Station.DefaultBookingSlotMinutes,
            MapAreaKey: MapArea,
            OpeningHours: CampaignHours());

        var sites = new List<Site>
        {
            new(0, 0, "Điểm thu nhận – Công an TP Sông Công", SiteKind.CollectionPoint, collectionPoint, "05518", true, IllustrativeVi),
        };
        var hamletsByUnit = new Dictionary<string, List<Site>>();
        foreach (var unit in Units)
        {
            var anchor = outline.PlaceInside(new GeoPoint(unit.Lon, unit.Lat));
            var shortName = unit.Name[(unit.Name.IndexOf(' ', StringComparison.Ordinal) + 1)..];
            sites.Add(new Site(0, 0, $"Trụ sở UBND {unit.Name}", SiteKind.CommuneOffice, anchor, unit.Code, true, IllustrativeVi));
            sites.Add(new Site(0, 0, $"Trường Tiểu học {shortName}", SiteKind.School,
                outline.PlaceInside(DemoText.Near(anchor, 600, rng)), unit.Code, true, IllustrativeVi));
            var hamlets = new List<Site>();
            var count = unit.Rural ? 4 : 3;
            for (var i = 1; i <= count; i++)
            {
                // Lát Đá is named in the field report; the other hamlet names are placeholders.
                var hamletName = unit.Code == "05530" && i == 1 ? "Xóm Lát Đá"
                    : unit.Rural ? $"Xóm {i} ({shortName})" : $"Tổ dân phố {i} ({shortName})";
                var spread = unit.Code == "05530" ? 2500 : unit.Rural ? 1800 : 900;
                hamlets.Add(new Site(0, 0, $"Nhà văn hóa {hamletName}", SiteKind.VillageCulturalHouse,
                    outline.PlaceInside(DemoText.Near(anchor, spread, rng)), unit.Code, true, IllustrativeVi));
            }

            sites.AddRange(hamlets);
            hamletsByUnit[unit.Code] = hamlets;
        }

        var careCentre = new Site(0, 0, "Trung tâm Bảo trợ xã hội (minh họa)", SiteKind.CareCentre,
            outline.PlaceInside(new GeoPoint(105.872, 21.455)), "05528", true, "Cơ sở minh họa cho lượt thu nhận ngày Chủ nhật");
        sites.Add(careCentre);
        var homes = new List<Site>();
        var homeUnits = new[] { "05530", "05530", "05533", "05527", "05506", "05515" };
        for (var i = 0; i < homeUnits.Length; i++)
        {
            var near = hamletsByUnit[homeUnits[i]][i % hamletsByUnit[homeUnits[i]].Count];
            homes.Add(new Site(0, 0, $"Nhà riêng số {i + 1} – {near.Name["Nhà văn hóa ".Length..]}", SiteKind.Home,
                outline.PlaceInside(DemoText.Near(near.Location, 500, rng)), homeUnits[i], true,
                "Người nằm liệt giường hoặc cao tuổi; vị trí minh họa"));
        }

        sites.AddRange(homes);

        var officers = Officers(rng, monday);
        var vehicles = new List<Vehicle>
        {
            new(0, 0, "Xe đón 1 (16 chỗ)", "20A-010.11", 15, 1, 2, VehicleProfile.Van),
            new(0, 0, "Xe đón 2 (16 chỗ)", "20A-010.12", 15, 1, 2, VehicleProfile.Van),
            new(0, 0, "Xe bán tải tổ lưu động 1", "20C-020.21", 4, 0, 0, VehicleProfile.Van),
            new(0, 0, "Xe máy tổ lưu động 2", null, 3, 0, 0, VehicleProfile.Motorbike),
            new(0, 0, "Xe máy tổ lưu động 3", null, 3, 0, 0, VehicleProfile.Motorbike),
        };
        var teams = new List<DemoTeam>();
        for (var t = 1; t <= 3; t++)
        {
            // Officers 0-2 lead the teams; each team adds two capture operators from the roster.
            var members = new[] { officers[t - 1].Name, officers[3 + (2 * (t - 1))].Name, officers[4 + (2 * (t - 1))].Name };
            teams.Add(new DemoTeam(
                new Team(0, 0, $"Tổ lưu động {t}", [], null, t == 1 ? VehicleProfile.Van : VehicleProfile.Motorbike,
                    KitCount: 1, WorkStart: new TimeOnly(7, 0), WorkEnd: new TimeOnly(21, 0),
                    MaxEveningHoursPerWeek: 12, MaxHolidayHoursPerWeek: 8),
                members,
                vehicles[1 + t].Name));
        }

        var pickupSites = sites.Where(s => s.Kind is SiteKind.VillageCulturalHouse or SiteKind.School or SiteKind.CommuneOffice).ToList();
        var bookings = Bookings(rng, monday, pickupSites, outline, [new TimeOnly(8, 0), new TimeOnly(9, 0), new TimeOnly(14, 0), new TimeOnly(15, 0)], 20, 30, VanSeatsPerSlot);

        var visits = new List<DemoVisit>
        {
            Visit(careCentre.Name, monday, [(ApplicantCategory.CareCentreResident, 45)], setupMinutes: 30,
                [(6, new TimeOnly(8, 0), new TimeOnly(11, 30))], RequiredPresence.Doctor | RequiredPresence.Relative,
                priority: 4, failureShare: 0.15, "Chủ nhật: có bác sĩ và người thân"),
        };
        var binhSon = hamletsByUnit["05530"];
        visits.Add(Visit(binhSon[0].Name, monday,
            [(ApplicantCategory.Child6To14WithGuardian, 18), (ApplicantCategory.Age14Plus, 30), (ApplicantCategory.Elderly, 12)],
            setupMinutes: 20, Evenings(1, 2, 3).Append((5, new TimeOnly(7, 0), new TimeOnly(10, 0))).ToArray(),
            RequiredPresence.VillageHead, priority: 3, failureShare: 0.05, "Đồng bào dân tộc thiểu số; người dân đi làm nương ban ngày"));
        visits.Add(Visit(binhSon[1].Name, monday,
            [(ApplicantCategory.Child6To14WithGuardian, 10), (ApplicantCategory.Age14Plus, 22)], 20, Evenings(2, 4),
            RequiredPresence.VillageHead, 3, 0.05, "Buổi tối khi người dân đã về nhà"));
        visits.Add(Visit(binhSon[2].Name, monday,
            [(ApplicantCategory.Child6To14WithGuardian, 8), (ApplicantCategory.Age14Plus, 15), (ApplicantCategory.Elderly, 4)], 20, Evenings(1, 3),
            RequiredPresence.VillageHead, 3, 0.05, null));
        visits.Add(Visit(hamletsByUnit["05533"][0].Name, monday,
            [(ApplicantCategory.Age14Plus, 14), (ApplicantCategory.Elderly, 6)], 15, Evenings(0, 2, 4),
            RequiredPresence.None, 2, 0.05, null));
        visits.Add(Visit(hamletsByUnit["05527"][1].Name, monday,
            [(ApplicantCategory.Child6To14WithGuardian, 12), (ApplicantCategory.Age14Plus, 9)], 15, Evenings(1, 4),
            RequiredPresence.None, 2, 0.05, null));
        for (var i = 0; i < homes.Count; i++)
        {
            var day = i % 5;
            var hour = 8 + (i % 3 * 2);
            visits.Add(Visit(homes[i].Name, monday,
                i % 2 == 0 ? [(ApplicantCategory.BedriddenOrDisabled, 1)] : [(ApplicantCategory.BedriddenOrDisabled, 1), (ApplicantCategory.Elderly, 1)],
                setupMinutes: 15,
                [(day, new TimeOnly(hour, 0), new TimeOnly(hour + 1, 30)), ((day + 2) % 5, new TimeOnly(14, 0), new TimeOnly(16, 0))],
                RequiredPresence.Relative, priority: 5, failureShare: 0.3, "Người thân có mặt theo giờ đã hẹn"));
        }

        // Who is told the visit time on publishing: the village head, the centre's social-work office, a relative.
        // A generator of its own, so the contacts do not shift any other generated record.
        var contactRng = new Random(1651);
        var kindOf = sites.ToDictionary(s => s.Name, s => s.Kind, StringComparer.Ordinal);
        var contacted = visits.Select(v => v with
        {
            Request = v.Request with
            {
                ContactName = kindOf[v.SiteName] switch
                {
                    SiteKind.CareCentre => "Phòng Công tác xã hội",
                    SiteKind.Home => "Người thân",
                    _ => "Trưởng xóm",
                },
                ContactPhone = DemoText.Phone(contactRng),
            },
        }).ToList();

        return new DemoScenario(station, sites, officers, vehicles, teams, bookings, contacted, VanSeatsPerSlot);
    }

    /// <summary>Campaign hours: weekdays with an evening extension for workers, weekend mornings.</summary>
    internal static IReadOnlyList<OpeningHours> CampaignHours()
    {
        var hours = new List<OpeningHours>();
        foreach (var day in new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday })
        {
            hours.Add(new OpeningHours(day, new TimeOnly(7, 30), new TimeOnly(11, 30)));
            hours.Add(new OpeningHours(day, new TimeOnly(13, 30), new TimeOnly(20, 0)));
        }

        hours.Add(new OpeningHours(DayOfWeek.Saturday, new TimeOnly(7, 30), new TimeOnly(11, 30)));
        hours.Add(new OpeningHours(DayOfWeek.Sunday, new TimeOnly(7, 30), new TimeOnly(11, 30)));
        return hours;
    }

    private static (int DayOffset, TimeOnly Start, TimeOnly End)[] Evenings(params int[] dayOffsets) =>
        [.. dayOffsets.Select(d => (d, new TimeOnly(17, 30), new TimeOnly(20, 30)))];

    internal static DemoVisit Visit(
        string siteName, DateOnly monday, (ApplicantCategory Category, int Count)[] applicants, int setupMinutes,
        (int DayOffset, TimeOnly Start, TimeOnly End)[] windows, RequiredPresence presence, int priority, double failureShare, string? note,
        (string Name, string Phone)? contact = null) =>
        new(new VisitRequest(
            0, 0, 0,
            [.. applicants.Select(a => new ApplicantGroup(a.Category, a.Count, null))],
            setupMinutes,
            [.. windows.Select(w => new AvailabilityWindow(monday.AddDays(w.DayOffset), w.Start, w.End))],
            presence,
            priority,
            Deadline: monday.AddDays(27),
            failureShare,
            VisitRequestStatus.Open,
            note,
            contact?.Name,
            contact?.Phone), siteName);

    private static List<Officer> Officers(Random rng, DateOnly monday)
    {
        // 3 team leads, 12 capture operators, 9 intake clerks, 4 drivers, 2 who both drive and take intake: 30.
        var skills = new List<OfficerSkills>();
        skills.AddRange(Enumerable.Repeat(OfficerSkills.TeamLead | OfficerSkills.CaptureOperator, 3));
        skills.AddRange(Enumerable.Repeat(OfficerSkills.CaptureOperator, 12));
        skills.AddRange(Enumerable.Repeat(OfficerSkills.IntakeClerk, 9));
        skills.AddRange(Enumerable.Repeat(OfficerSkills.Driver, 4));
        skills.AddRange(Enumerable.Repeat(OfficerSkills.Driver | OfficerSkills.IntakeClerk, 2));
        var names = new HashSet<string>(StringComparer.Ordinal);
        var officers = new List<Officer>();
        for (var i = 0; i < skills.Count; i++)
        {
            string name;
            do
            {
                name = DemoText.FullName(rng);
            }
            while (!names.Add(name));

            IReadOnlyList<LeavePeriod> leave = i is 7 or 20
                ? [new LeavePeriod(monday.AddDays(2), monday.AddDays(3), "Nghỉ phép")]
                : [];
            officers.Add(new Officer(0, 0, name, skills[i], 40, DemoText.Phone(rng), leave));
        }

        return officers;
    }

    /// <summary>
    /// Monday-Saturday bookings of about <paramref name="minPeople"/>-<paramref name="maxPeople"/> children and
    /// guardians a day (the Cao Lãnh figure), mostly at pickup sites, one in ten at a home.
    /// </summary>
    internal static List<DemoBooking> Bookings(
        Random rng, DateOnly monday, IReadOnlyList<Site> pickupSites, DemoOutline? outline, TimeOnly[] slots, int minPeople, int maxPeople, int seatsPerSlot)
    {
        var bookings = new List<DemoBooking>();
        for (var day = 0; day < 6; day++)
        {
            var date = monday.AddDays(day);
            var target = rng.Next(minPeople, maxPeople + 1);
            var seats = 0;
            var daySlots = day == 5 ? slots.Take(2).ToArray() : slots;
            var taken = new int[daySlots.Length];
            while (seats < target)
            {
                var children = rng.Next(10) switch { < 6 => 1, < 9 => 2, _ => 3 };
                var guardians = rng.Next(10) < 9 ? 1 : 2;
                // Generated bookings always fit the slot, so seeding stores every one and a rerun adds none.
                var slot = rng.Next(daySlots.Length);
                var free = Enumerable.Range(0, daySlots.Length).Select(k => (slot + k) % daySlots.Length)
                    .Where(k => taken[k] + children + guardians <= seatsPerSlot).Take(1).ToList();
                if (free.Count == 0)
                {
                    break;
                }

                slot = free[0];
                taken[slot] += children + guardians;
                var needs = rng.Next(20) switch { 0 => BookingNeeds.Wheelchair, 1 or 2 => BookingNeeds.ChildSeat, _ => BookingNeeds.None };
                var site = pickupSites[rng.Next(pickupSites.Count)];
                var atHome = rng.Next(10) == 0;
                var home = DemoText.Near(site.Location, 400, rng);
                var booking = new Booking(
                    0,
                    DemoText.Code(rng),
                    0,
                    PickupSiteId: null,
                    PickupLocation: atHome ? outline?.PlaceInside(home) ?? home : null,
                    AddressNote: atHome ? "Đón tại nhà, gần " + site.Name + " (minh họa)" : null,
                    children,
                    guardians,
                    needs,
                    date,
                    daySlots[slot],
                    DemoText.GivenName(rng),
                    DemoText.Phone(rng),
                    rng.Next(10) == 0 ? "en" : "vi",
                    BookingStatus.Confirmed,
                    default,
                    default);
                bookings.Add(new DemoBooking(booking, atHome ? null : site.Name));
                seats += children + guardians;
            }
        }

        return bookings;
    }
}
