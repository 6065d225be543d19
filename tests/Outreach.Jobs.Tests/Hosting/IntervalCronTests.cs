using Outreach.Jobs.Hosting;

namespace Outreach.Jobs.Tests.Hosting;

public sealed class IntervalCronTests
{
    [Theory]
    [InlineData(1, "* * * * * *")]
    [InlineData(30, "*/30 * * * * *")]
    [InlineData(3.6, "*/4 * * * * *")]
    [InlineData(60, "* * * * *")]
    [InlineData(300, "*/5 * * * *")]
    [InlineData(3600, "0 */1 * * *")]
    [InlineData(6 * 3600, "0 */6 * * *")]
    [InlineData(24 * 3600, "0 0 */1 * *")]
    [InlineData(7 * 24 * 3600, "0 0 */7 * *")]
    public void Every_Interval_TheCronHangfireSchedulesBy(double seconds, string cron) =>
        Assert.Equal(cron, IntervalCron.Every(TimeSpan.FromSeconds(seconds)));
}
