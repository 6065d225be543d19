using System.Globalization;

namespace Outreach.Jobs.Hosting;

/// <summary>
/// A recurring job's interval as the cron expression Hangfire schedules by (UTC). Under a minute: every N seconds
/// (Hangfire's six-field form); under an hour: every N minutes; under a day: every N hours on the hour; else every N
/// days at midnight. Each counts from the start of its minute, hour or day, so an N that does not divide it (7 minutes)
/// gives one shorter gap there.
/// </summary>
public static class IntervalCron
{
    public static string Every(TimeSpan interval)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        if (interval < TimeSpan.FromMinutes(1))
        {
            return Step(interval.TotalSeconds, 59) is var s && s == 1 ? "* * * * * *" : F($"*/{s} * * * * *");
        }

        if (interval < TimeSpan.FromHours(1))
        {
            return Step(interval.TotalMinutes, 59) is var m && m == 1 ? "* * * * *" : F($"*/{m} * * * *");
        }

        if (interval < TimeSpan.FromDays(1))
        {
            return F($"0 */{Step(interval.TotalHours, 23)} * * *");
        }

        return F($"0 0 */{Step(interval.TotalDays, 31)} * *");
    }

    private static int Step(double units, int max) => Math.Clamp((int)Math.Round(units, MidpointRounding.AwayFromZero), 1, max);

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
