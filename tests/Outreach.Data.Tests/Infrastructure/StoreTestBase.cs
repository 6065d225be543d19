namespace Outreach.Data.Tests.Infrastructure;

/// <summary>Base of every two-database test class: owns the target and hands out fresh databases.</summary>
public abstract class StoreTestBase(IDatabaseTarget target) : IDisposable
{
    /// <summary>A fixed instant (2026-03-02 08:00 in Asia/Ho_Chi_Minh) so stored timestamps are predictable.</summary>
    protected static readonly DateTimeOffset Now = new(2026, 3, 2, 1, 0, 0, TimeSpan.Zero);

    protected IDatabaseTarget Target { get; } = target;

    protected Task<Database> NewDatabaseAsync(bool migrated = true) => Target.CreateAsync(migrated);

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            (Target as IDisposable)?.Dispose();
        }
    }
}

/// <summary>A clock that stays where the test puts it.</summary>
public sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
