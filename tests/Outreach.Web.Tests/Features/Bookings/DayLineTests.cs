using Outreach.Web.Features.Bookings;

namespace Outreach.Web.Tests.Features.Bookings;

/// <summary>A station day's booking line (<see cref="DayLine"/>): one request at a time, and how many wait.</summary>
public sealed class DayLineTests
{
    [Fact]
    public async Task RunAsync_FiveRequestsAtOnce_OneRunsAtATime_WaitingCountsTheOthers()
    {
        var line = new DayLine();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        int running = 0, mostAtOnce = 0;

        var first = line.RunAsync(async () =>
        {
            Interlocked.Increment(ref running);
            await release.Task;
            Interlocked.Decrement(ref running);
            return 0;
        }, CancellationToken.None);
        var others = Enumerable.Range(1, 4).Select(i => line.RunAsync(async () =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref mostAtOnce, now);
            await Task.Yield();
            Interlocked.Decrement(ref running);
            return i;
        }, CancellationToken.None)).ToList();

        Assert.Equal(4, line.Waiting);
        Assert.All(others, t => Assert.False(t.IsCompleted));
        release.SetResult();
        var results = await Task.WhenAll(others.Prepend(first));

        Assert.Equal([0, 1, 2, 3, 4], results.Order());
        Assert.Equal(1, mostAtOnce);
        Assert.Equal(0, line.Waiting);
    }

    [Fact]
    public async Task RunAsync_WorkFails_TheLineIsFreeForTheNext()
    {
        var line = new DayLine();

        await Assert.ThrowsAsync<InvalidOperationException>(() => line.RunAsync<int>(() => throw new InvalidOperationException("store failed"), CancellationToken.None));
        var next = await line.RunAsync(() => Task.FromResult(7), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(7, next);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
