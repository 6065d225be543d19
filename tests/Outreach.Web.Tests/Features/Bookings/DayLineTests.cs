using Outreach.Data.Stores;
using Outreach.Domain;
using Outreach.Web.Features.Bookings;

namespace Outreach.Web.Tests.Features.Bookings;

/// <summary>
/// A station day's booking line (<see cref="DayLine"/>): requests are judged one batch at a time, in arrival order, and
/// those that queue while a batch is judged go together in the next.
/// </summary>
public sealed class DayLineTests
{
    private static readonly CapacityRule Any = (_, _) => true;
    private static readonly LiveRule Fits = (_, _) => new LiveVerdict(true, null, null);

    private static BookingRequest Request(int children) => new(
        new Booking(0, "", 1, 1, null, null, children, 1, BookingNeeds.None, new DateOnly(2026, 12, 12), new TimeOnly(8, 0),
            "Lan", "0912345678", "vi", BookingStatus.Requested, default, default), Any, Fits, null, null);

    private static BookingEachResult Booked(BookingRequest request) =>
        new(new BookingResult(BookingOutcome.Booked, request.Booking with { Id = request.Booking.ChildCount }, null), null);

    [Fact]
    public async Task BookAsync_RequestsQueueWhileABatchIsJudged_TheyGoTogetherInTheNext_InArrivalOrder_OneBatchAtATime()
    {
        var batches = new List<int[]>();
        var firstHeld = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var firstStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        int judging = 0, mostAtOnce = 0;
        var traffic = new BookingTraffic();
        var line = new DayLine(async requests =>
        {
            mostAtOnce = Math.Max(mostAtOnce, Interlocked.Increment(ref judging));
            lock (batches)
            {
                batches.Add([.. requests.Select(r => r.Booking.ChildCount)]);
            }

            if (batches.Count == 1)
            {
                firstStarted.SetResult();
                await firstHeld.Task;
            }

            Interlocked.Decrement(ref judging);
            return [.. requests.Select(Booked)];
        }, traffic);

        Assert.False(traffic.Any);
        var first = line.BookAsync(Request(1), CancellationToken.None);
        await firstStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var queued = Enumerable.Range(2, 10).Select(i => line.BookAsync(Request(i), CancellationToken.None)).ToList();
        Assert.Equal(11, line.Pending);
        // Families wait: background improvements make way.
        Assert.True(traffic.Any);
        firstHeld.SetResult();
        var results = await Task.WhenAll(queued.Prepend(first)).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(traffic.Any);

        Assert.Equal(Enumerable.Range(1, 11).Select(i => (long)i), results.Select(r => r.Booking!.Id));
        // The first alone; the ten that queued meanwhile in arrival order, at most eight in one transaction.
        Assert.Equal([[1], [2, 3, 4, 5, 6, 7, 8, 9], [10, 11]], batches);
        Assert.Equal(1, mostAtOnce);
        Assert.Equal(0, line.Pending);
    }

    [Fact]
    public async Task BookAsync_OneRequestCannotBeJudged_OnlyItsCallerHearsWhy()
    {
        var line = new DayLine(requests => Task.FromResult<IReadOnlyList<BookingEachResult>>([.. requests.Select(r => r.Booking.ChildCount == 0
            ? new BookingEachResult(null, new InvalidOperationException("childCount"))
            : Booked(r))]));

        var wrong = line.BookAsync(Request(0), CancellationToken.None);
        var right = line.BookAsync(Request(2), CancellationToken.None);

        await Assert.ThrowsAsync<InvalidOperationException>(() => wrong);
        Assert.Equal(BookingOutcome.Booked, (await right).Outcome);
    }

    [Fact]
    public async Task BookAsync_TheStoreFails_EveryoneInTheBatchHearsIt_TheLineJudgesTheNext()
    {
        var calls = 0;
        var line = new DayLine(requests => Interlocked.Increment(ref calls) == 1
            ? throw new TimeoutException("database")
            : Task.FromResult<IReadOnlyList<BookingEachResult>>([.. requests.Select(Booked)]));

        await Assert.ThrowsAsync<TimeoutException>(() => line.BookAsync(Request(1), CancellationToken.None));
        var next = await line.BookAsync(Request(2), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(BookingOutcome.Booked, next.Outcome);
        Assert.Equal(0, line.Pending);
    }
}
