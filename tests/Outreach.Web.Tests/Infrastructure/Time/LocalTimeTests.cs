using System.Globalization;
using Outreach.Web.Infrastructure.Time;
using Outreach.Web.Tests.Support;

namespace Outreach.Web.Tests.Infrastructure.Time;

public sealed class LocalTimeTests
{
    [Fact]
    public void Now_UtcClock_IsSevenHoursAheadInVietnam()
    {
        // 01:00 UTC on Monday 23 November 2026 is 08:00 the same day in Asia/Ho_Chi_Minh (UTC+7, no DST).
        var local = new LocalTime(new ManualClock(ManualClock.MondayMorning));

        Assert.Equal(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.FromHours(7)), local.Now);
        Assert.Equal(TimeSpan.FromHours(7), local.Now.Offset);
    }

    [Fact]
    public void FormatTime_LateEveningUtc_IsNextMorningInVietnam()
    {
        // 17:30 UTC on the 22nd is 00:30 on the 23rd in Vietnam.
        var instant = new DateTimeOffset(2026, 11, 22, 17, 30, 0, TimeSpan.Zero);

        Assert.Equal("00:30", LocalTime.FormatTime(instant));
        Assert.Equal(23, LocalTime.ToLocal(instant).Day);
    }

    [Theory]
    [InlineData("vi")]
    [InlineData("en")] // not "11/23/2026 8:00 AM": the same people read both languages
    public void FormatDateTime_EitherLanguage_DayBeforeMonthOn24HourClock(string culture)
    {
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
            Assert.Equal("23/11/2026 08:00", LocalTime.FormatDateTime(ManualClock.MondayMorning));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }
}
