using Outreach.Planning.Visits;

namespace Outreach.Planning.Tests.Visits;

public sealed class VisitWeekTests
{
    private static readonly VisitWeek Week = new(new DateOnly(2026, 3, 2));

    [Fact]
    public void Seconds_TuesdayEvening_FromMondayMidnightAndBackToUtc()
    {
        // Tuesday 17:30 is 1 day + 17.5 h after Monday 00:00 = 149,400 s; in UTC that is 10:30 the same day.
        var seconds = Week.Seconds(new DateOnly(2026, 3, 3), new TimeOnly(17, 30));

        Assert.Equal(149_400, seconds);
        Assert.Equal(new DateTimeOffset(2026, 3, 3, 10, 30, 0, TimeSpan.Zero), Week.UtcAt(seconds));
        Assert.Equal(new DateOnly(2026, 3, 3), Week.DateAt(seconds));
        Assert.Equal(new TimeOnly(17, 30), VisitWeek.TimeAt(seconds));
        Assert.Equal(seconds, Week.SecondsOf(Week.UtcAt(seconds)));
    }

    [Fact]
    public void Constructor_NotAMonday_NamesTheValue()
    {
        var error = Assert.Throws<ArgumentException>(() => new VisitWeek(new DateOnly(2026, 3, 3)));

        Assert.Contains("monday = 2026-03-03", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday }, "thứ Ba–thứ Năm", "Tue-Thu")]
    [InlineData(new[] { DayOfWeek.Monday, DayOfWeek.Wednesday }, "thứ Hai, thứ Tư", "Mon, Wed")]
    [InlineData(new[] { DayOfWeek.Sunday, DayOfWeek.Saturday }, "thứ Bảy, Chủ nhật", "Sat, Sun")]
    [InlineData(new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Friday }, "thứ Hai–thứ Tư, thứ Sáu", "Mon-Wed, Fri")]
    public void Ranges_Days_ConsecutiveRunsOfThreeOrMoreBecomeRanges(DayOfWeek[] days, string vi, string en)
    {
        Assert.Equal((vi, en), VisitDayNames.Ranges(days));
    }
}
