using Outreach.Planning.Visits;

namespace Outreach.Planning.Tests.Visits;

/// <summary>
/// The re-timing of one team-day on hand-made sessions. Times are minutes of the day (converted to seconds); the team
/// may leave from 07:00 and must be back by 21:00; an hour at the station is the least worth going back for.
/// </summary>
public sealed class TeamDayTimingTests
{
    private const int Earliest = 7 * 3600;
    private const int Latest = 21 * 3600;
    private const int Hour = 3600;

    [Fact]
    public void Retime_WindowOpensLater_LeavesLateAndSetsUpJustBeforeCapture()
    {
        // 30 min from the station, 15 min set-up, 30 min capture, the relative is home 10:00-11:30. The earliest the
        // day can end: leave 07:00, ready 07:45, wait, capture 10:00-10:30, back 11:00. Backwards from 11:00: capture
        // 10:00-10:30, arrive 09:45, leave 09:15: no waiting at the home.
        var times = TeamDayTiming.Retime([Session(30, 15, 30, At(10, 0), At(11, 30))], Earliest, Latest, Hour)!;

        Assert.Equal(At(9, 15), times.Leave);
        Assert.Equal(At(9, 45), times.Arrive[0]);
        Assert.Equal(At(10, 0), times.CaptureStart[0]);
        Assert.Equal(At(10, 30), times.CaptureEnd[0]);
        Assert.Equal(At(11, 0), times.Return);
        Assert.Empty(times.Breaks);
    }

    [Fact]
    public void Retime_PeopleThereOnArrival_NoDelay()
    {
        // The window is open all morning: the team leaves at 07:00, captures as soon as it is set up (07:45) and is
        // back at 08:45. Nothing later fixes a time, so nothing moves.
        var times = TeamDayTiming.Retime([Session(30, 15, 30, At(7, 0), At(12, 0))], Earliest, Latest, Hour)!;

        Assert.Equal((At(7, 0), At(7, 30), At(7, 45), At(8, 15), At(8, 45)),
            (times.Leave, times.Arrive[0], times.CaptureStart[0], times.CaptureEnd[0], times.Return));
    }

    [Fact]
    public void Retime_FlexibleVisitBeforeAnEveningSession_MovesNextToIt()
    {
        // An elderly woman is home all day (30 min capture, 15 min set-up, 30 min from the station); the hamlet 10 min
        // further gathers at 17:30 (20 min set-up, 60 min capture, 30 min back). The day cannot end before 19:00;
        // backwards: hamlet set-up from 17:10, leave the woman's home at 17:00 after capturing 16:30-17:00, arrive
        // there 16:15 and leave the station at 15:45 instead of 07:00.
        var times = TeamDayTiming.Retime(
            [Session(30, 15, 30, At(7, 0), At(20, 0), toStation: 30), Session(10, 20, 60, At(17, 30), At(20, 30), fromStation: 30)],
            Earliest, Latest, Hour)!;

        Assert.Equal(At(15, 45), times.Leave);
        Assert.Equal((At(16, 15), At(16, 30), At(17, 0)), (times.Arrive[0], times.CaptureStart[0], times.CaptureEnd[0]));
        Assert.Equal((At(17, 10), At(17, 30), At(18, 30)), (times.Arrive[1], times.CaptureStart[1], times.CaptureEnd[1]));
        Assert.Equal(At(19, 0), times.Return);
        Assert.Empty(times.Breaks);
    }

    [Theory]
    // Capture at the home ends 11:15, 30 min back to the station (11:45); the hamlet's set-up starts 17:10 and it is
    // 30 min from the station (leave 16:40): 4 h 55 min at the station.
    [InlineData(17, 30, true)]
    // The hamlet at 13:15: set-up from 12:55, leave the station 12:25, 40 min there: not worth it.
    [InlineData(13, 15, false)]
    // The hamlet at 13:35: leave the station 12:45, exactly the hour: the team goes back.
    [InlineData(13, 35, true)]
    // The hamlet at 13:34: 59 min at the station: it stays out.
    [InlineData(13, 34, false)]
    public void Retime_GapBetweenTwoVisits_BackToTheStationWhenAnHourIsLeftThere(int hour, int minute, bool back)
    {
        var times = TeamDayTiming.Retime(
            [Session(30, 15, 30, At(10, 45), At(11, 15), toStation: 30), Session(0, 20, 80, At(hour, minute), At(20, 30), fromStation: 30)],
            Earliest, Latest, Hour)!;

        Assert.Equal(At(10, 0), times.Leave);
        Assert.Equal((At(10, 45), At(11, 15)), (times.CaptureStart[0], times.CaptureEnd[0]));
        Assert.Equal(At(hour, minute), times.CaptureStart[1]);
        // Set-up ends when capture starts either way.
        Assert.Equal(At(hour, minute) - (20 * 60), times.Arrive[1]);
        if (back)
        {
            var b = Assert.Single(times.Breaks);
            Assert.Equal((0, At(11, 45), At(hour, minute) - (50 * 60)), (b.AfterSession, b.BackSeconds, b.LeaveSeconds));
            Assert.Equal([(At(10, 0), At(11, 45)), (At(hour, minute) - (50 * 60), times.Return)], times.FieldSpans);
            Assert.Equal(times.Return - times.Leave - b.Seconds, times.FieldSeconds);
        }
        else
        {
            Assert.Empty(times.Breaks);
            Assert.Equal(times.Return - times.Leave, times.FieldSeconds);
        }
    }

    [Fact]
    public void Retime_SameSiteAfterAReturn_SetsUpAgain()
    {
        // Morning (till 10:00) and evening at one hamlet 30 min away (20 min set-up, an hour of capture each): the day
        // cannot end before 19:00; the morning capture moves to 09:00-10:00 (leave the station 08:10). In between the
        // kit would stay set up, but the gap is long, so the team goes back (10:30) and leaves again at 16:40 to set up
        // again for the evening (arrive 17:10, not 17:30).
        var times = TeamDayTiming.Retime(
            [Session(30, 20, 60, At(7, 0), At(10, 0), toStation: 30), Session(0, 0, 60, At(17, 30), At(20, 30), setupAfterStation: 20, fromStation: 30)],
            Earliest, Latest, Hour)!;

        var b = Assert.Single(times.Breaks);
        Assert.Equal((At(10, 30), At(16, 40)), (b.BackSeconds, b.LeaveSeconds));
        Assert.Equal((At(8, 10), At(9, 0), At(10, 0)), (times.Leave, times.CaptureStart[0], times.CaptureEnd[0]));
        Assert.Equal(At(17, 10), times.Arrive[1]);
        Assert.Equal(At(17, 30), times.CaptureStart[1]);
    }

    [Fact]
    public void Retime_EveningCountsOnlyTimeAwayFromTheStation()
    {
        // Two half-hour visits 16:15 and 19:15, each 30 min from the station and from each other: the team is back at
        // the station 17:15-18:30 between them. Of 17:00-20:15 (3 h 15 min), 1 h 15 min are at the station, so 2 h
        // count as evening field time: 15 min before the return, 1 h 45 min after.
        var times = TeamDayTiming.Retime(
            [Session(30, 15, 30, At(16, 15), At(16, 45), toStation: 30), Session(30, 15, 30, At(19, 15), At(19, 45), fromStation: 30, toStation: 30)],
            Earliest, Latest, Hour)!;

        var b = Assert.Single(times.Breaks);
        Assert.Equal((At(17, 15), At(18, 30)), (b.BackSeconds, b.LeaveSeconds));
        Assert.Equal(At(20, 15), times.Return);
        Assert.Equal((15 * 60) + (105 * 60), times.FieldSecondsAfter(At(17, 0)));
    }

    [Fact]
    public void Retime_CannotFinishInTheWindowOrBeBackInTime_Null()
    {
        // Capture would end 08:15 but the window closes at 08:00; or the day would end after the team must be back.
        Assert.Null(TeamDayTiming.Retime([Session(30, 15, 30, At(7, 0), At(8, 0))], Earliest, Latest, Hour));
        Assert.Null(TeamDayTiming.Retime([Session(30, 15, 30, At(7, 0), At(12, 0))], Earliest, At(8, 30), Hour));
        Assert.Null(TeamDayTiming.Retime([], Earliest, Latest, Hour));
    }

    private static int At(int hour, int minute) => (hour * 3600) + (minute * 60);

    private static TimedSession Session(
        int roadMinutes, int setupMinutes, int captureMinutes, int earliestStart, int latestEnd, int toStation = 30, int fromStation = 30,
        int? setupAfterStation = null) =>
        new(roadMinutes * 60, setupMinutes * 60, (setupAfterStation ?? setupMinutes) * 60, captureMinutes * 60, earliestStart, latestEnd,
            toStation * 60, fromStation * 60);
}
