using Outreach.Domain;
using Outreach.Planning.Rosters;
using Outreach.Solver.Rosters;

namespace Outreach.Rostering.Tests;

/// <summary>A station's week built from domain facts, solved, and told to the chief.</summary>
public class StationRosterTests
{
    private static readonly DateOnly Monday = new(2025, 4, 28);

    private static Station Station(params OpeningHours[] hours) => new(
        1, "Công an phường", null, null, null, null, "Trụ sở", new GeoPoint(105.8, 21.4), null,
        DeskCount: 10, FilesPerDeskPerHour: 6, MaxRideMinutes: 45, BookingSlotMinutes: 60, MapAreaKey: null, hours);

    private static Officer Officer(long id, OfficerSkills skills, params LeavePeriod[] leave) => new(id, 1, $"Cán bộ {id}", skills, 40, null, leave);

    private static Booking Booking(long id, DateOnly date, TimeOnly slot, int children) => new(
        id, $"B{id:00000}", 1, null, new GeoPoint(105.8, 21.4), null, children, 1, BookingNeeds.None, date, slot, "An", "0912345678", "vi",
        BookingStatus.Confirmed, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);

    [Fact]
    public void Plan_SaturdayEveningSurgeThatCannotBeCovered_SaysWhichBlockHowManyAndWhy()
    {
        // Saturday 03/05 19:00-21:00: 24 children booked at 19:00 = 2 desks (6 files per desk per hour, 2 hours). Seven
        // capture officers: six were pinned to day desks Monday-Friday (5 x 570 = 2850 minutes; an evening of 330 more
        // passes their 3000-minute week: 40 contract hours plus a quarter), the seventh takes the evening: one short.
        var saturday = Monday.AddDays(5);
        var officers = Enumerable.Range(1, 7).Select(i => Officer(i, OfficerSkills.CaptureOperator)).ToList();
        var input = new RosterPlanningInput
        {
            Station = Station(new OpeningHours(DayOfWeek.Saturday, new TimeOnly(17, 0), new TimeOnly(21, 0))),
            Monday = Monday,
            Officers = officers,
            Holidays = [],
            Bookings = [Booking(1, saturday, new TimeOnly(19, 0), 24)],
            Pins = [.. Enumerable.Range(1, 6).SelectMany(i => Enumerable.Range(0, 5).Select(d => ((long)i, Monday.AddDays(d), (string?)"desk")))],
        };
        var problem = RosterProblemBuilder.Build(input);

        var result = RosterSolver.Solve(problem.Model, new RosterSolveOptions { TimeLimit = TimeSpan.FromSeconds(5), Seed = 1 });

        Assert.Equal(RosterSolveStatus.Optimal, result.Status);
        var gaps = RosterSentences.Gaps(problem, result.Roster!);
        var capture = Assert.Single(gaps, g => g.Skill == RosterShiftCatalogue.Capture);
        Assert.Equal("Thứ Bảy 19:00-21:00: thiếu 1 cán bộ thu nhận; 6 người đã đủ giờ tuần", capture.Vi);
        Assert.Equal("Saturday 19:00-21:00: 1 capture officer short; 6 have worked the week's hours", capture.En);
        Assert.Equal((2, 1), (capture.Required, capture.Staffed));
    }

    [Fact]
    public void Plan_TeamDaysAndVans_FieldPlansAndRosterAgree()
    {
        // Team A (officers 1-3) goes out Tuesday 07:30-16:00; officer 2 is on leave Tuesday. Two vans run Tuesday
        // 07:00-11:30; drivers 4, 5 and 6 (6 is on leave). Desks open Tuesday 07:30-17:00 with capture officers 7-9.
        var tuesday = Monday.AddDays(1);
        var officers = new List<Officer>
        {
            Officer(1, OfficerSkills.TeamLead | OfficerSkills.CaptureOperator),
            Officer(2, OfficerSkills.CaptureOperator, new LeavePeriod(tuesday, tuesday, "Nghỉ phép")),
            Officer(3, OfficerSkills.CaptureOperator | OfficerSkills.Driver),
            Officer(4, OfficerSkills.Driver),
            Officer(5, OfficerSkills.Driver | OfficerSkills.IntakeClerk),
            Officer(6, OfficerSkills.Driver, new LeavePeriod(tuesday, tuesday, "Nghỉ phép")),
            Officer(7, OfficerSkills.CaptureOperator),
            Officer(8, OfficerSkills.CaptureOperator | OfficerSkills.IntakeClerk),
            Officer(9, OfficerSkills.CaptureOperator),
        };
        var input = new RosterPlanningInput
        {
            Station = Station(new OpeningHours(DayOfWeek.Tuesday, new TimeOnly(7, 30), new TimeOnly(17, 0))),
            Monday = Monday,
            Officers = officers,
            Holidays = [],
            Bookings = [Booking(1, tuesday, new TimeOnly(9, 30), 20)],
            TeamDays = [new TeamDayDuty(10, "Tổ 1", tuesday, 7 * 60 + 30, 16 * 60, [1, 2, 3])],
            VanDays = [new VanDayDuty(20, "Xe 1", tuesday, 7 * 60, 11 * 60 + 30, 2), new VanDayDuty(21, "Xe 2", tuesday, 7 * 60 + 15, 11 * 60, 1)],
        };
        var problem = RosterProblemBuilder.Build(input);

        var result = RosterSolver.Solve(problem.Model, new RosterSolveOptions { TimeLimit = TimeSpan.FromSeconds(5), Seed = 1 });

        Assert.NotNull(result.Roster);
        Assert.True(RosterChecker.Check(problem.Model, result.Roster).IsFeasible);
        var duties = FieldDuties.Assign(problem, result.Roster);
        Assert.Empty(FieldDuties.Check(problem, result.Roster, duties));
        // Officer 3 drives but is with the team that day, so the vans go to 4 and 5; 2 and 6 are on leave and off.
        Assert.Equal([4L, 5L], duties.Where(d => d.VehicleId is not null).Select(d => d.OfficerId).Order());
        Assert.Equal([1L, 3L], duties.Where(d => d.TeamId is not null).Select(d => d.OfficerId).Order());
        Assert.Equal(RosterModel.Off, result.Roster[problem.OfficerIndex(2), 1]);
        Assert.Equal(RosterModel.Off, result.Roster[problem.OfficerIndex(6), 1]);
        // Nobody is at a desk and in the field at once: one shift a day, and the field officers' Tuesday is a field shift.
        foreach (long id in new long[] { 1, 3, 4, 5 })
        {
            Assert.Equal(RosterShiftKind.Field, problem.Model.ShiftTypes[result.Roster[problem.OfficerIndex(id), 1]].Kind);
        }
    }

    [Fact]
    public void Check_DriverTakenOffTheField_IsReported()
    {
        var tuesday = Monday.AddDays(1);
        var input = new RosterPlanningInput
        {
            Station = Station(),
            Monday = Monday,
            Officers = [Officer(4, OfficerSkills.Driver)],
            Holidays = [],
            VanDays = [new VanDayDuty(20, "Xe 1", tuesday, 7 * 60, 11 * 60 + 30, 2)],
        };
        var problem = RosterProblemBuilder.Build(input);
        var roster = new Roster(1, 7);
        roster[0, 1] = problem.Model.TypeIndex["desk"];
        var duties = new[] { new FieldDuty(4, tuesday, null, 20, "lái xe Xe 1", "drives Xe 1") };

        var problemFound = Assert.Single(FieldDuties.Check(problem, roster, duties));

        Assert.Contains("không có ca lưu động", problemFound.Vi, StringComparison.Ordinal);
        Assert.Equal(tuesday, problemFound.Date);
    }
}
