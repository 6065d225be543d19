namespace Outreach.Web.Tests.Support;

/// <summary>A clock that stays where the test puts it (and moves only when told).</summary>
public sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    /// <summary>2026-11-23 01:00 UTC = Monday 08:00 in Asia/Ho_Chi_Minh.</summary>
    public static readonly DateTimeOffset MondayMorning = new(2026, 11, 23, 1, 0, 0, TimeSpan.Zero);

    private long ticks = now.UtcTicks;

    public DateTimeOffset Now => new(Interlocked.Read(ref ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref ticks, by.Ticks);

    public override DateTimeOffset GetUtcNow() => Now;
}
