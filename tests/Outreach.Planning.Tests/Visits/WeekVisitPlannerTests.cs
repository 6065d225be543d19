using Outreach.Domain;
using Outreach.Planning.Visits;
using static Outreach.Planning.Tests.Visits.VisitScenario;

namespace Outreach.Planning.Tests.Visits;

/// <summary>
/// Tiny named week scenarios (issue 6 "Done when"). Unless a test says otherwise, travel is Geo's rural estimate:
/// a site 12.5 km north of the station is 17.5 km and 30 min away by van. Every solver run is checked by the
/// independent FeasibilityChecker (see <see cref="VisitScenario.Plan"/>).
/// </summary>
public sealed class WeekVisitPlannerTests
{
    [Fact]
    public void Plan_WindowOnlyAMotorbikeTeamReachesInTime_MotorbikeTeamServesIt()
    {
        // Andorra's real roads. Entremesaigües sits on a track: from Andorra la Vella the motorbike rides it in
        // 908 s (15 min 8 s); the van crew drives to the nearest road and walks the rest with the kit (Geo's
        // off-network leg at 4 km/h): 1168 s (19 min 28 s). Both teams leave at 07:00; a bedridden man is home with
        // his son 07:00-07:57 and takes 30 min with 10 min of set-up: the motorbike team captures 07:25-07:55, the
        // van team could not finish before 07:59:28, after the window.
        var town = AndorraPoi("Andorra la Vella");
        var hamlet = AndorraPoi("Entremesaigües");
        var input = Input(
            [Site(10, "Entremesaigües", hamlet)],
            [Request(100, 10, [(ApplicantCategory.BedriddenOrDisabled, 1)], 10, [Window(1, 7, 0, 7, 57)], presence: RequiredPresence.Relative)],
            [Team(1, "Tổ xe ô tô", VehicleProfile.Van), Team(2, "Tổ xe máy", VehicleProfile.Motorbike)],
            station: Station(town), network: Andorra);

        var plan = Plan(input);

        var day = Assert.Single(plan.Itineraries);
        Assert.Equal(2, day.TeamId);
        var stop = Assert.Single(day.Stops);
        Assert.Equal(1, stop.People);
        Assert.InRange(Minutes(stop.Leave), 7 * 60 + 55, 7 * 60 + 57);
        Assert.False(plan.Figures.EstimatedTravel);

        var vanOnly = Plan(input with { Teams = [input.Teams[0]] });
        Assert.Empty(vanOnly.Itineraries);
        var reason = Assert.Single(vanOnly.Coverage).Reason!;
        Assert.Equal("too-far", reason.Code);
        Assert.Equal("Entremesaigües: no team on duty can get there in time for its morning window on Tue (fastest 20 min on the road); 0 of 1 served", reason.En);
    }

    [Fact]
    public void Plan_CareCentreOnSundayWithDoctor_CapturedInsideTheDoctorsWindow()
    {
        // The doctor and relatives are there on Sunday 08:00-11:30 only (210 min). Residents take 20 min each, so
        // one kit captures 10 of them (200 min); two teams with holiday hours capture 20. The third team has no
        // holiday hours and stays home. Each team leaves at 07:00, arrives 07:30, sets up until 08:00, captures
        // 08:00-11:20 and is back at 11:50: 4 h 50 min of its 8 holiday hours.
        var centre = Site(10, "Trung tâm Bảo trợ xã hội", North(StationPoint, 12.5), SiteKind.CareCentre);
        var input = Input(
            [centre],
            [Request(100, 10, [(ApplicantCategory.CareCentreResident, 45)], 30, [Window(6, 8, 0, 11, 30)], priority: 4,
                presence: RequiredPresence.Doctor | RequiredPresence.Relative)],
            [Team(1, "Tổ 1"), Team(2, "Tổ 2", VehicleProfile.Motorbike), Team(3, "Tổ 3", holidayHours: 0)]);

        var plan = Plan(input);

        Assert.Equal([1L, 2L], plan.Itineraries.Select(i => i.TeamId).Order());
        foreach (var day in plan.Itineraries)
        {
            Assert.Equal(Monday.AddDays(6), day.Date);
            Assert.True(day.IsRestDay);
            var stop = Assert.Single(day.Stops);
            Assert.Equal(RequiredPresence.Doctor | RequiredPresence.Relative, stop.Presence);
            Assert.Equal(10, stop.People);
            Assert.True(Minutes(stop.CaptureStarts) >= 8 * 60 && Minutes(stop.Leave) <= 11 * 60 + 30, $"{stop.CaptureStarts}-{stop.Leave}");
            Assert.InRange(day.HolidayMinutes, 200 + 30 + 60, 8 * 60);
        }

        Assert.False(plan.TeamDays.Single(d => d.Team.Id == 3 && d.Date == Monday.AddDays(6)).Available);
        var coverage = Assert.Single(plan.Coverage);
        Assert.Equal(20, coverage.Planned);
        Assert.Equal(20, coverage.PlannedByCategory.CareCentreResident);
        Assert.Equal("teams-busy", coverage.Reason!.Code);
        Assert.Equal("Trung tâm Bảo trợ xã hội: không tổ nào rảnh trong khung giờ sáng Chủ nhật; đã phục vụ 20/45", coverage.Reason.Vi);
    }

    [Fact]
    public void Plan_ThanhHoaStyleCareCentreSunday_AllEightyOneResidentsWithThreeTwoKitTeams()
    {
        // Operation 1 of DOMAIN.md: 81 residents (9 bedridden at 45 min, 72 at 25 min: 36 h 45 min of one-kit
        // capture) with doctors and relatives on Sunday 07:30-11:30 and 13:30-17:00 (7 h 30 min). Three teams with
        // two kits each have 45 kit-hours there, so all 81 are captured on the day, split over both windows and all
        // three teams. The 15 % expected failures (ceil(0.15 x 81) = 13) need another day: none this week.
        var centre = Site(10, "Trung tâm Bảo trợ xã hội tỉnh", North(StationPoint, 12.5), SiteKind.CareCentre);
        var request = new VisitRequest(100, 1, 10,
            [new ApplicantGroup(ApplicantCategory.BedriddenOrDisabled, 9, 45), new ApplicantGroup(ApplicantCategory.CareCentreResident, 72, 25)],
            40, [Window(6, 7, 30, 11, 30), Window(6, 13, 30, 17, 0)], RequiredPresence.Doctor | RequiredPresence.Relative, 4,
            Monday.AddDays(27), 0.15, VisitRequestStatus.Open, null);
        var teams = Enumerable.Range(1, 3).Select(t => Team(t, $"Tổ {t}", kits: 2, startHour: 6, endHour: 18, holidayHours: 11)).ToList();

        var plan = Plan(Input([centre], [request], teams), iterations: 4000);

        var coverage = Assert.Single(plan.Coverage);
        Assert.Equal(81, coverage.Planned);
        Assert.Equal(new CategoryCounts(0, 0, 0, 9, 72), coverage.PlannedByCategory);
        Assert.Equal((13, 0), (coverage.ExpectedFailures, coverage.RepeatPlanned));
        Assert.Equal("repeat-no-later-window", coverage.Reason!.Code);
        Assert.Equal(3, plan.Itineraries.Count);
        Assert.All(plan.Itineraries, day =>
        {
            Assert.Equal(Monday.AddDays(6), day.Date);
            Assert.All(day.Stops, s => Assert.True(
                (Minutes(s.CaptureStarts) >= 7 * 60 + 30 && Minutes(s.Leave) <= 11 * 60 + 30) || (Minutes(s.CaptureStarts) >= 13 * 60 + 30 && Minutes(s.Leave) <= 17 * 60),
                $"{s.CaptureStarts}-{s.Leave} is outside the doctors' windows"));
        });
    }

    [Fact]
    public void Plan_SiteLargerThanOneEvening_SplitOverTwoDays()
    {
        // 24 people aged 14+ at 8 min each need 192 min; the hamlet's evening window is 17:30-20:30 (180 min) on
        // Tuesday and Wednesday. Sessions hold 3 people (24 min, under the 30-min session target): one evening takes
        // 7 sessions (168 min, 21 people), so the one team must come back the other evening for the rest.
        var hamlet = Site(10, "Xóm Đồng Bầu", North(StationPoint, 12.5));
        var input = Input(
            [hamlet],
            [Request(100, 10, [(ApplicantCategory.Age14Plus, 24)], 20, [Window(1, 17, 30, 20, 30), Window(2, 17, 30, 20, 30)])],
            [Team(1, "Tổ 1")]);

        var plan = Plan(input);

        Assert.Equal([Monday.AddDays(1), Monday.AddDays(2)], plan.Itineraries.Select(i => i.Date));
        var stops = plan.Itineraries.Select(i => Assert.Single(i.Stops)).ToList();
        Assert.Equal(24, stops.Sum(s => s.People));
        Assert.All(stops, s => Assert.True(Minutes(s.CaptureStarts) >= 17 * 60 + 30 && Minutes(s.Leave) <= 20 * 60 + 30));
        Assert.Contains(stops, s => s.People == 21);
        var coverage = Assert.Single(plan.Coverage);
        Assert.True(coverage.FullyServed);
        Assert.Null(coverage.Reason);
        Assert.Equal([Monday.AddDays(1), Monday.AddDays(2)], coverage.VisitDates);
    }

    [Fact]
    public void Plan_ExpectedFailures_RepeatVisitOnALaterDayLinkedToTheFirst()
    {
        // A bedridden woman (30 min) whose capture fails 3 times in 10: ceil(0.3 x 1) = 1 expected failure, so a
        // repeat visit is planned. Her relative is home Monday 09:00-10:30 and Thursday 14:00-16:00; the repeat
        // must start at least 16 h after the first visit ends, so the first visit is Monday and the repeat Thursday.
        var home = Site(10, "Nhà bà Lò Thị Hoa", North(StationPoint, 12.5), SiteKind.Home);
        var input = Input(
            [home],
            [Request(100, 10, [(ApplicantCategory.BedriddenOrDisabled, 1)], 15, [Window(0, 9, 0, 10, 30), Window(3, 14, 0, 16, 0)],
                priority: 5, presence: RequiredPresence.Relative, failureShare: 0.3)],
            [Team(1, "Tổ 1")]);

        var plan = Plan(input);

        var first = plan.Itineraries.Single(i => i.Date == Monday);
        var repeat = plan.Itineraries.Single(i => i.Date == Monday.AddDays(3));
        Assert.Equal(ItineraryStopKind.Visit, Assert.Single(first.Stops).Kind);
        Assert.Equal(ItineraryStopKind.RepeatVisit, Assert.Single(repeat.Stops).Kind);
        Assert.Equal((0, 1, 1), (repeat.Stops[0].People, repeat.Stops[0].RepeatPeople, repeat.Stops[0].RepeatCaptured.BedriddenOrDisabled));
        var coverage = Assert.Single(plan.Coverage);
        Assert.Equal((1, 1, 1), (coverage.Planned, coverage.ExpectedFailures, coverage.RepeatPlanned));
        Assert.Equal([Monday.AddDays(3)], coverage.RepeatDates);
        Assert.Null(coverage.Reason);
        Assert.Equal((1, 1), (plan.Figures.Visits, plan.Figures.RepeatVisits));
    }

    [Fact]
    public void Plan_ExpectedFailuresWithoutALaterWindow_ReasonSaysSo()
    {
        // The same woman with Monday only: the first visit fits, the repeat has no later day.
        var home = Site(10, "Nhà bà Lò Thị Hoa", North(StationPoint, 12.5), SiteKind.Home);
        var input = Input(
            [home],
            [Request(100, 10, [(ApplicantCategory.BedriddenOrDisabled, 1)], 15, [Window(0, 9, 0, 10, 30)], failureShare: 0.3)],
            [Team(1, "Tổ 1")]);

        var coverage = Assert.Single(Plan(input).Coverage);

        Assert.Equal((1, 0), (coverage.Planned, coverage.RepeatPlanned));
        Assert.Equal("repeat-no-later-window", coverage.Reason!.Code);
        Assert.Equal("Nhà bà Lò Thị Hoa: no later window this week for a repeat visit; 1 of 1 served; repeat for 0 of 1 expected failures", coverage.Reason.En);
    }

    [Fact]
    public void Plan_HamletBiggerThanItsEvenings_ReasonNamesTheWindowAndCoverage()
    {
        // Lát Đá: 60 people (18 children at 12 min, 30 aged 14+ at 8 min, 12 elderly at 15 min: 636 min of capture)
        // are home only on Tuesday-Thursday evenings 17:30-20:30. One team with one kit captures at most 3 x 180 =
        // 540 min, so some are left, with the reason the brief asks for.
        var latDa = Site(10, "Lát Đá", North(StationPoint, 12.5));
        var input = Input(
            [latDa],
            [Request(100, 10, [(ApplicantCategory.Child6To14WithGuardian, 18), (ApplicantCategory.Age14Plus, 30), (ApplicantCategory.Elderly, 12)],
                20, [Window(1, 17, 30, 20, 30), Window(2, 17, 30, 20, 30), Window(3, 17, 30, 20, 30)], presence: RequiredPresence.VillageHead)],
            [Team(1, "Tổ 1", VehicleProfile.Motorbike)]);

        var plan = Plan(input);

        var coverage = Assert.Single(plan.Coverage);
        Assert.InRange(coverage.Planned, 40, 59);
        Assert.Equal(3, plan.Itineraries.Count);
        Assert.Equal("teams-busy", coverage.Reason!.Code);
        Assert.Equal($"Lát Đá: không tổ nào rảnh trong khung giờ tối thứ Ba–thứ Năm; đã phục vụ {coverage.Planned}/60", coverage.Reason.Vi);
        Assert.Equal($"Lát Đá: no team free in its evening window on Tue-Thu; {coverage.Planned} of 60 served", coverage.Reason.En);
    }

    [Fact]
    public void Plan_OfficerOnLeave_TeamStaysInAndReasonSaysWhy()
    {
        // Team 1 has two officers; one is on leave Tuesday, so only 1 of 2 is present (minimum crew 2) and the team
        // stays in. The only window is Tuesday morning.
        var officers = new[]
        {
            new Officer(7, 1, "Lường Văn Khoa", OfficerSkills.CaptureOperator | OfficerSkills.TeamLead, 40, null, []),
            new Officer(8, 1, "Hà Thị Mai", OfficerSkills.CaptureOperator, 40, null, [new LeavePeriod(Monday.AddDays(1), Monday.AddDays(1), "Nghỉ phép")]),
        };
        var input = Input(
            [Site(10, "Xóm Mới", North(StationPoint, 12.5))],
            [Request(100, 10, [(ApplicantCategory.Age14Plus, 6)], 10, [Window(1, 8, 0, 11, 0)])],
            [Team(1, "Tổ 1", members: [7, 8])],
            officers: officers);

        var plan = Plan(input);

        Assert.Empty(plan.Itineraries);
        var tuesday = plan.TeamDays.Single(d => d.Date == Monday.AddDays(1));
        Assert.False(tuesday.Available);
        Assert.Equal([8L], tuesday.OnLeaveOfficerIds);
        var reason = Assert.Single(plan.Coverage).Reason!;
        Assert.Equal("no-team-on-duty", reason.Code);
        Assert.Equal("Xóm Mới: không tổ nào làm việc trong khung giờ sáng thứ Ba (Tổ 1: chỉ 1/2 cán bộ có mặt (nghỉ phép)); đã phục vụ 0/6", reason.Vi);
    }

    [Fact]
    public void Plan_TwoKits_CaptureTwiceAsFast()
    {
        // 12 people aged 14+ at 8 min in a 60-min window (18:00-19:00 Monday). One kit: sessions of 3 take 24 min,
        // two fit (6 people). Two kits capture two at a time: a session takes 12 min and all four fit (48 min).
        var hamlet = Site(10, "Xóm Chằm", North(StationPoint, 12.5));
        Func<int, VisitPlanningInput> input = kits => Input(
            [hamlet],
            [Request(100, 10, [(ApplicantCategory.Age14Plus, 12)], 10, [Window(0, 18, 0, 19, 0)])],
            [Team(1, "Tổ 1", kits: kits)]);

        var one = Plan(input(1));
        var two = Plan(input(2));

        Assert.Equal(6, Assert.Single(one.Coverage).Planned);
        Assert.Equal(12, Assert.Single(two.Coverage).Planned);
        var stop = Assert.Single(Assert.Single(two.Itineraries).Stops);
        Assert.Equal(48, Minutes(stop.Leave) - Minutes(stop.CaptureStarts));
    }

    [Fact]
    public void Plan_TimeForOneVisit_BedriddenBeforeAHamlet()
    {
        // One 40-min window on Monday afternoon, 14:00-14:40, at two places 1 km apart. A bedridden man (priority 5,
        // 30 min) is worth (1 + 5) x 5 = 30; the hamlet's best session is 3 people aged 14+ (priority 3, 24 min)
        // worth 3 x (1 + 3) = 12. Both cannot fit in 40 min, so the bedridden man is served.
        var home = Site(10, "Nhà ông Hà Văn Lự", North(StationPoint, 12.5), SiteKind.Home);
        var hamlet = Site(11, "Xóm Bãi", North(StationPoint, 13.5));
        var input = Input(
            [home, hamlet],
            [
                Request(100, 10, [(ApplicantCategory.BedriddenOrDisabled, 1)], 0, [Window(0, 14, 0, 14, 40)], priority: 5),
                Request(101, 11, [(ApplicantCategory.Age14Plus, 3)], 0, [Window(0, 14, 0, 14, 40)], priority: 3),
            ],
            [Team(1, "Tổ 1")]);

        var plan = Plan(input);

        var stop = Assert.Single(Assert.Single(plan.Itineraries).Stops);
        Assert.Equal(100, stop.VisitRequestId);
        Assert.Equal("teams-busy", plan.Coverage.Single(c => c.Request.Id == 101).Reason!.Code);
    }

    [Fact]
    public void Plan_EveningBudgetOfThreeHours_KeptOverTheWeek()
    {
        // Three hamlets, each home on one evening (Mon, Tue, Wed 17:30-20:30), 30 min away. The team may work 3
        // evening hours a week: each day alone could use them (17:00 + 3 h = 20:00), together 9 h, so the planner
        // shares the budget out and only one evening is worked. The others are left with the evening-hours reason.
        var sites = new[] { Site(10, "Xóm A", North(StationPoint, 12.5)), Site(11, "Xóm B", North(StationPoint, 12.5)), Site(12, "Xóm C", North(StationPoint, 12.5)) };
        var input = Input(
            sites,
            [.. sites.Select((s, d) => Request(100 + d, s.Id, [(ApplicantCategory.Age14Plus, 9)], 10, [Window(d, 17, 30, 20, 30)]))],
            [Team(1, "Tổ 1", eveningHours: 3)]);

        var plan = Plan(input);

        Assert.Equal(2, plan.SolverRuns.Count);
        Assert.InRange(plan.Itineraries.Sum(i => i.EveningMinutes), 1, 180);
        var unserved = plan.Coverage.Where(c => c.Planned == 0).ToList();
        Assert.NotEmpty(unserved);
        Assert.All(unserved, c => Assert.Equal("evening-hours", c.Reason!.Code));
    }

    [Fact]
    public void Plan_ShortHandedTeam_CapturesWithTheKitsItCanStaff()
    {
        // Two kits but on Wednesday one of the two capture operators is on leave: three officers are present
        // (enough crew), one kit is staffed. 8 people aged 14+ at 8 min in 17:30-18:30: one kit manages 6
        // (two sessions of 3, 48 min), not 8.
        var officers = new[]
        {
            new Officer(7, 1, "A", OfficerSkills.CaptureOperator, 40, null, []),
            new Officer(8, 1, "B", OfficerSkills.CaptureOperator, 40, null, [new LeavePeriod(Monday.AddDays(2), Monday.AddDays(2), null)]),
            new Officer(9, 1, "C", OfficerSkills.IntakeClerk, 40, null, []),
            new Officer(10, 1, "D", OfficerSkills.Driver, 40, null, []),
        };
        var input = Input(
            [Site(10, "Xóm Giữa", North(StationPoint, 12.5))],
            [Request(100, 10, [(ApplicantCategory.Age14Plus, 8)], 10, [Window(2, 17, 30, 18, 30)])],
            [Team(1, "Tổ 1", kits: 2, members: [7, 8, 9, 10])],
            officers: officers);

        var plan = Plan(input);

        var day = Assert.Single(plan.Itineraries);
        Assert.Equal((1, true), (day.KitsInUse, day.IsShortHanded));
        Assert.Equal(6, Assert.Single(plan.Coverage).Planned);
    }

    [Fact]
    public void Plan_AfterPublishing_PublishedVisitsKeepTheirTeamAndDay()
    {
        // Two hamlets with evenings on Tuesday and Wednesday and two teams; the plan is published. Then a bedridden
        // man asks for Tuesday evening too. Re-planning keeps every published visit on its team and day (the
        // village heads were told) and fits him around them.
        var sites = new[] { Site(10, "Xóm A", North(StationPoint, 12.5)), Site(11, "Xóm B", North(StationPoint, 10)), Site(12, "Nhà ông C", North(StationPoint, 11)) };
        Func<long, long, VisitRequest> hamlet = (id, site) => Request(id, site, [(ApplicantCategory.Age14Plus, 12)], 15, [Window(1, 17, 30, 20, 30), Window(2, 17, 30, 20, 30)]);
        var first = Input(sites, [hamlet(100, 10), hamlet(101, 11)], [Team(1, "Tổ 1"), Team(2, "Tổ 2")]);
        var published = VisitPlanContent.ToPlanContent(Plan(first), "chief");
        var told = published.Stops.Where(s => s.Kind == StopKind.Visit).Select(s => (s.VisitRequestId, s.ResourceId, s.Date)).Distinct().ToList();

        var second = Plan(first with
        {
            Requests = [.. first.Requests, Request(102, 12, [(ApplicantCategory.BedriddenOrDisabled, 1)], 15, [Window(1, 17, 0, 19, 0)], priority: 5)],
            Published = published,
        });

        var now = second.Itineraries.SelectMany(i => i.Stops.Select(s => ((long?)s.VisitRequestId, i.TeamId, i.Date))).ToList();
        Assert.All(told, t => Assert.Contains(t, now));
        Assert.Equal(1, second.Coverage.Single(c => c.Request.Id == 102).Planned);
        Assert.Equal(24, second.Coverage.Where(c => c.Request.Id != 102).Sum(c => c.Planned));
    }

    [Fact]
    public void Plan_NoTeamsOrNoRequests_EmptyPlanWithReasons()
    {
        var site = Site(10, "Xóm Mới", North(StationPoint, 12.5));
        var request = Request(100, 10, [(ApplicantCategory.Age14Plus, 5)], 10, [Window(1, 8, 0, 10, 0)]);

        var noTeams = Plan(Input([site], [request], []));
        var noRequests = Plan(Input([site], [], [Team(1, "Tổ 1")]));

        Assert.Empty(noTeams.Itineraries);
        Assert.Equal("no-team-on-duty", Assert.Single(noTeams.Coverage).Reason!.Code);
        Assert.Empty(noRequests.Itineraries);
        Assert.Empty(noRequests.Coverage);
        Assert.Empty(VisitPlanContent.ToPlanContent(noRequests, "chief").Stops);
    }

    [Fact]
    public void Plan_NoWindowThisWeek_ReasonSaysSo()
    {
        var input = Input(
            [Site(10, "Xóm Xa", North(StationPoint, 12.5))],
            [Request(100, 10, [(ApplicantCategory.Age14Plus, 5)], 10, [new AvailabilityWindow(Monday.AddDays(9), new TimeOnly(8, 0), new TimeOnly(10, 0))])],
            [Team(1, "Tổ 1")]);

        var reason = Assert.Single(Plan(input).Coverage).Reason!;

        Assert.Equal(("no-window", "Xóm Xa: no agreed time window in the week 02/03-08/03; 0 of 5 served"), (reason.Code, reason.En));
    }

    [Fact]
    public void Plan_SiteInsideAFloodOnItsOnlyDay_UnreachableWithTheFloodNamed()
    {
        // Estimated travel knows no roads, so the day's flood cuts off a site inside the flood polygon.
        var at = North(StationPoint, 12.5);
        var flood = new FloodArea("Ngập suối Cống", Square(at, 0.01));
        var input = Input(
            [Site(10, "Xóm Ngập", at)],
            [Request(100, 10, [(ApplicantCategory.Age14Plus, 5)], 10, [Window(1, 8, 0, 10, 0)])],
            [Team(1, "Tổ 1")],
            weather: [new WeatherState(1, 1, Monday.AddDays(1), [], [flood], [], default, null)]);

        var reason = Assert.Single(Plan(input).Coverage).Reason!;

        Assert.Equal("unreachable", reason.Code);
        Assert.Equal("Xóm Ngập: no team on duty can reach it (van: road closed by flood area Ngập suối Cống); 0 of 5 served", reason.En);
    }

    [Fact]
    public void ToPlanContent_SplitVisit_StopsAndTimesInUtc()
    {
        var input = Input(
            [Site(10, "Xóm Đồng Bầu", North(StationPoint, 12.5))],
            [Request(100, 10, [(ApplicantCategory.Age14Plus, 6)], 20, [Window(1, 17, 30, 20, 30)])],
            [Team(1, "Tổ 1")]);
        var plan = Plan(input);

        var content = VisitPlanContent.ToPlanContent(plan, "chief");

        Assert.Equal((PlanKind.Visits, Monday, Monday.AddDays(6)), (content.Plan.Kind, content.Plan.PeriodStart, content.Plan.PeriodEnd));
        Assert.Equal([StopKind.Start, StopKind.Visit, StopKind.End], content.Stops.Select(s => s.Kind));
        var visit = content.Stops[1];
        var stop = plan.Itineraries[0].Stops[0];
        Assert.Equal((PlanResourceKind.Team, 1L, 100L, 10L, 6), (visit.ResourceKind, visit.ResourceId, visit.VisitRequestId!.Value, visit.SiteId!.Value, visit.ServedCount));
        // Local 17:xx on Tuesday 3 March is 10:xx UTC the same day.
        Assert.Equal(new DateTimeOffset(Monday.AddDays(1).ToDateTime(stop.Arrive), TimeSpan.FromHours(7)).ToUniversalTime(), visit.Arrival);
        Assert.Equal(TimeSpan.Zero, visit.Arrival.Offset);
        Assert.Equal(new DateTimeOffset(Monday.AddDays(1).ToDateTime(stop.CaptureStarts), TimeSpan.FromHours(7)), visit.ServiceStart);
        Assert.Equal(new CategoryCounts(0, 6, 0, 0, 0), visit.ServedByCategory);
        Assert.Empty(content.Unserved);
        var saved = Assert.Single(VisitPlanContent.TeamDays(content));
        Assert.Equal(6, saved.People);
        var coverage = Assert.Single(VisitPlanContent.Coverage(content, input.Requests));
        Assert.Equal((6, 6), (coverage.Planned, coverage.Total));
    }

    [Fact]
    public void Plan_BedriddenAt1045AndHamletAt1730_BackToTheStationBetween()
    {
        // Xóm Bãi is 12.5 km north (17.5 km, 30 min by van). On Tuesday a bedridden man there is home with his
        // daughter 10:45-11:15 (30 min capture, 15 min set-up); the cultural house next door gathers 10 people aged
        // 14+ from 17:30 (8 min each: 80 min, 20 min set-up). The engine would leave at 10:00 and wait at the
        // cultural house from 11:35 to 17:30 with the kit set up. Re-timed: leave 10:00, arrive 10:30, capture
        // 10:45-11:15, back at the station 11:45; leave again 16:40, arrive 17:10, set up until 17:30, capture
        // 17:30-18:50, back 19:20. Four legs of 17.5 km instead of two; evening hours from 17:00 to 19:20 only.
        var input = BedriddenAndHamlet(homeWindow: Window(1, 10, 45, 11, 15));

        var plan = Plan(input);

        var day = Assert.Single(plan.Itineraries);
        Assert.Equal([100L, 101L], day.Stops.Select(s => s.VisitRequestId));
        var (home, hamlet) = (day.Stops[0], day.Stops[1]);
        Assert.Equal((T(10, 0), T(10, 30), T(10, 45), T(10, 45), T(11, 15)), (day.LeaveStation, home.Arrive, home.SetupEnds, home.CaptureStarts, home.Leave));
        var back = Assert.Single(day.StationReturns);
        Assert.Equal((1, T(11, 45), T(16, 40), 295), (back.AfterStop, back.Back, back.Leave, back.Minutes));
        Assert.Equal((T(17, 10), T(17, 30), T(17, 30), T(18, 50), T(19, 20)), (hamlet.Arrive, hamlet.SetupEnds, hamlet.CaptureStarts, hamlet.Leave, day.ReturnStation));
        Assert.False(hamlet.ContinuesAtSameSite);
        Assert.Equal(1800, hamlet.TravelSecondsFromPrevious);
        Assert.InRange(back.Metres, 34_500, 35_500);
        Assert.InRange(day.Metres, 69_000, 71_000);
        Assert.InRange(day.TravelSeconds, 4 * 1795, 4 * 1805);
        Assert.Equal((0, 0, 140, 295), (day.SiteWaitMinutes, day.IdleMinutes, day.EveningMinutes, day.StationMinutes));
        Assert.Equal((0, 0, 1, 295), (plan.Figures.SiteWaitMinutes, plan.Figures.IdleMinutes, plan.Figures.StationReturns, plan.Figures.StationMinutes));

        // The engine's own times, for contrast: the same stops, and the team sits at the cultural house for hours.
        var engine = Assert.Single(Plan(input, options: VisitPlanningOptions.Default with { RetimeTeamDays = false }).Itineraries);
        Assert.Empty(engine.StationReturns);
        Assert.True(engine.SiteWaitMinutes > 5 * 60, $"{engine.SiteWaitMinutes} min");
        Assert.InRange(engine.Metres, 34_000, 36_000);
    }

    [Fact]
    public void Plan_ShortGapBeforeAnEveningSession_NoReturnAndSetUpJustBeforeCapture()
    {
        // The same village, the bedridden man at 16:00-16:30 instead: the team is free 16:30-17:10, too short to go
        // back (30 min each way). It leaves the station at 15:15, captures 16:00-16:30, arrives at the cultural house
        // 17:10 and sets up until 17:30: no minute with the kit set up and nobody there.
        var plan = Plan(BedriddenAndHamlet(homeWindow: Window(1, 16, 0, 16, 30)));

        var day = Assert.Single(plan.Itineraries);
        Assert.Empty(day.StationReturns);
        var (home, hamlet) = (day.Stops[0], day.Stops[1]);
        Assert.Equal((T(15, 15), T(16, 0), T(16, 30)), (day.LeaveStation, home.CaptureStarts, home.Leave));
        Assert.Equal((T(17, 10), T(17, 30), T(17, 30)), (hamlet.Arrive, hamlet.SetupEnds, hamlet.CaptureStarts));
        Assert.Equal(0, hamlet.WaitMinutes);
        Assert.Equal(40, day.IdleMinutes);
        Assert.InRange(day.Metres, 34_500, 35_500);
    }

    [Fact]
    public void Plan_PeopleThereFromArrival_NoArtificialDelay()
    {
        // The bedridden man is home all morning (07:00-12:00): the team leaves at 07:00, arrives 07:30, sets up until
        // 07:45 and captures straight away; back at 08:45. Nothing later fixes a time, so nothing is pushed later.
        var input = Input(
            [Site(10, "Nhà ông Hà Văn Lự", North(StationPoint, 12.5), SiteKind.Home)],
            [Request(100, 10, [(ApplicantCategory.BedriddenOrDisabled, 1)], 15, [Window(1, 7, 0, 12, 0)], priority: 5, presence: RequiredPresence.Relative)],
            [Team(1, "Tổ 1")]);

        var day = Assert.Single(Plan(input).Itineraries);

        var stop = Assert.Single(day.Stops);
        Assert.Equal((T(7, 0), T(7, 30), T(7, 45), T(7, 45), T(8, 15), T(8, 45)),
            (day.LeaveStation, stop.Arrive, stop.SetupEnds, stop.CaptureStarts, stop.Leave, day.ReturnStation));
        Assert.Equal(0, day.IdleMinutes);
    }

    [Fact]
    public void Plan_RepeatNextMorning_RetryStaysSixteenHoursAfterTheFirstVisit()
    {
        // Two elderly women in Xóm Bãi (15 min each, 15 min set-up, 30 min from the station), home all Monday
        // 07:00-20:00 and Tuesday 07:00-12:00; one capture in two is expected to fail, so one is retried at least 16 h
        // after the first visit ends. On Monday the cultural house next door gathers at 17:30 (set-up from 17:10): the
        // women's visit moves right before it, capture 16:40-17:10 (leave the station 15:55). Left alone, Tuesday's
        // retry would be 07:45-08:00, only 14 h 50 min later; it is 08:55-09:10 (leave 08:10), exactly 16 h after.
        var village = North(StationPoint, 12.5);
        var input = Input(
            [Site(10, "Nhà bà Lò Thị Ón – Xóm Bãi", village, SiteKind.Home), Site(11, "Nhà văn hóa Xóm Bãi", village)],
            [
                Request(100, 10, [(ApplicantCategory.Elderly, 2)], 15, [Window(0, 7, 0, 20, 0), Window(1, 7, 0, 12, 0)], failureShare: 0.5),
                Request(101, 11, [(ApplicantCategory.Age14Plus, 10)], 20, [Window(0, 17, 30, 20, 30)]),
            ],
            [Team(1, "Tổ 1")]);

        var plan = Plan(input);

        Assert.Equal(2, plan.Itineraries.Count);
        var (monday, tuesday) = (plan.Itineraries[0], plan.Itineraries[1]);
        Assert.Equal([100L, 101L], monday.Stops.Select(s => s.VisitRequestId));
        var first = monday.Stops[0];
        var retry = Assert.Single(tuesday.Stops);
        Assert.Equal((ItineraryStopKind.RepeatVisit, 1), (retry.Kind, retry.RepeatPeople));
        Assert.Equal((T(15, 55), T(16, 40), T(17, 10)), (monday.LeaveStation, first.CaptureStarts, first.Leave));
        Assert.Equal((T(17, 10), T(17, 30)), (monday.Stops[1].Arrive, monday.Stops[1].CaptureStarts));
        Assert.Equal((T(8, 10), T(8, 55), T(9, 10)), (tuesday.LeaveStation, retry.CaptureStarts, retry.Leave));
        Assert.Equal(TimeSpan.FromHours(16), tuesday.Date.ToDateTime(retry.Leave) - monday.Date.ToDateTime(first.Leave));
    }

    [Fact]
    public void ToPlanContent_ReturnToTheStation_ReadBackWithTheSameTimes()
    {
        // The day of Plan_BedriddenAt1045AndHamletAt1730_BackToTheStationBetween stored and read back: the return is a
        // collection-point row between the two visits with its own times; leave, return and visit times are unchanged.
        var plan = Plan(BedriddenAndHamlet(homeWindow: Window(1, 10, 45, 11, 15)));
        var day = Assert.Single(plan.Itineraries);

        var content = VisitPlanContent.ToPlanContent(plan, "chief");

        Assert.Equal([StopKind.Start, StopKind.Visit, StopKind.CollectionPoint, StopKind.Visit, StopKind.End], content.Stops.Select(s => s.Kind));
        Assert.Equal([0, 1, 2, 3, 4], content.Stops.Select(s => s.Sequence));
        var station = content.Stops[2];
        Assert.Equal((Utc(day.Date, T(11, 45)), Utc(day.Date, T(16, 40))), (station.Arrival, station.Departure));
        Assert.Null(station.SiteId);
        var saved = Assert.Single(VisitPlanContent.TeamDays(content));
        Assert.Equal((Utc(day.Date, day.LeaveStation), Utc(day.Date, day.ReturnStation)), (saved.Leave!.Value, saved.Return!.Value));
        Assert.Equal(
            day.Stops.Select(s => (Utc(day.Date, s.Arrive), Utc(day.Date, s.CaptureStarts), Utc(day.Date, s.Leave))),
            saved.Visits.Select(v => (v.Arrival, v.ServiceStart!.Value, v.Departure)));
        var back = Assert.Single(saved.StationReturns);
        Assert.Equal((station.Arrival, station.Departure), (back.Arrival, back.Departure));
        Assert.Equal(11, saved.People);
    }

    /// <summary>A bedridden man and the cultural house next door in Xóm Bãi, 12.5 km north; the house gathers 10 people from 17:30 on Tuesday.</summary>
    private static VisitPlanningInput BedriddenAndHamlet(AvailabilityWindow homeWindow)
    {
        var village = North(StationPoint, 12.5);
        return Input(
            [Site(10, "Nhà ông Hà Văn Lự – Xóm Bãi", village, SiteKind.Home), Site(11, "Nhà văn hóa Xóm Bãi", village)],
            [
                Request(100, 10, [(ApplicantCategory.BedriddenOrDisabled, 1)], 15, [homeWindow], priority: 5, presence: RequiredPresence.Relative),
                Request(101, 11, [(ApplicantCategory.Age14Plus, 10)], 20, [Window(1, 17, 30, 20, 30)], presence: RequiredPresence.VillageHead),
            ],
            [Team(1, "Tổ 1")]);
    }

    private static TimeOnly T(int hour, int minute) => new(hour, minute);

    private static DateTimeOffset Utc(DateOnly date, TimeOnly time) => new DateTimeOffset(date.ToDateTime(time), TimeSpan.FromHours(7)).ToUniversalTime();

    private static GeoPolygon Square(GeoPoint centre, double half) => new([[
        new(centre.Longitude - half, centre.Latitude - half), new(centre.Longitude + half, centre.Latitude - half),
        new(centre.Longitude + half, centre.Latitude + half), new(centre.Longitude - half, centre.Latitude + half),
        new(centre.Longitude - half, centre.Latitude - half)]]);
}
