using Outreach.Planning.Pickups;

namespace Outreach.Planning.Tests.Pickups;

/// <summary>
/// Families asking on a busy day (<see cref="PickupScenario.BusyDay"/>), numbered from 1: a gate or, one in four, a
/// home; one guardian; children as the test says; one of six slots.
/// </summary>
internal sealed class Asking(PickupScenario day, int seed, Func<int, Random, int> children)
{
    public static readonly int[] Hours = [8, 9, 10, 14, 15, 16];
    private readonly Random _random = new(seed);
    private int _id;

    /// <summary>The next family on the day; its booking id.</summary>
    public long Next()
    {
        _id++;
        int count = children(_id, _random), hour = Hours[_random.Next(Hours.Length)];
        _ = _random.Next(4) == 3 ? day.BookHome(_id, 2 + _random.Next(25), count, 1, hour) : day.Book(_id, 200 + _random.Next(12), count, 1, hour);
        return _id;
    }

    /// <summary>The next <paramref name="count"/> families, each accepted alone into the live plan or cancelled; the live plan then.</summary>
    public PickupPlan? OneByOne(int count)
    {
        PickupPlan? live = null;
        for (int n = 0; n < count; n++)
        {
            long id = Next();
            var one = LiveBooking.TryAccept(day.Request(iterations: 0) with { Start = live }, id);
            if (one.Accepted)
            {
                live = one.Result.Plan;
            }
            else
            {
                day.Cancel(id);
            }
        }

        return live;
    }

    /// <summary>The next <paramref name="count"/> families, asking together.</summary>
    public List<long> Burst(int count) => [.. Enumerable.Range(0, count).Select(_ => Next())];
}
