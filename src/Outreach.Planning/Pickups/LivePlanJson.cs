using System.Text.Json;

namespace Outreach.Planning.Pickups;

/// <summary>
/// The live plan as stored with the bookings (<see cref="LiveBooking"/>): the <see cref="PickupPlan"/> as JSON. It is
/// the starting point of the next request's re-plan, not a promise in itself (every booking is re-checked), so an
/// unreadable stored plan (written by an older version) is read as none, and the next re-plan starts afresh.
/// </summary>
public static class LivePlanJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Write(PickupPlan plan) => JsonSerializer.Serialize(plan, Options);

    /// <summary>The stored plan, or null when there is none or it cannot be read.</summary>
    public static PickupPlan? Read(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<PickupPlan>(json, Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// The stored plan without booking <paramref name="bookingId"/> (cancelled): its stops and times leave the trips, and
    /// trips with no family left go. The others' times are those planned with it (a start for the next re-plan, which
    /// re-times everything). A plan that cannot be read is returned as it is.
    /// </summary>
    public static string Without(string json, long bookingId)
    {
        if (Read(json) is not { } plan)
        {
            return json;
        }

        var trips = plan.Trips
            .Select(t => t with { Stops = t.Stops.Where(s => s.BookingId != bookingId).ToList() })
            .Where(t => t.Stops.Any(s => s.BookingId is not null))
            .ToList();
        return Write(plan with
        {
            Trips = trips,
            Bookings = plan.Bookings.Where(b => b.BookingId != bookingId).ToList(),
            Unserved = plan.Unserved.Where(u => u.BookingId != bookingId).ToList(),
        });
    }

    /// <summary>The plan with each booking named in <paramref name="ids"/> (requests not stored yet) named by its stored id.</summary>
    public static PickupPlan Renumber(PickupPlan plan, IReadOnlyDictionary<long, long> ids)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(ids);
        long Id(long id) => ids.TryGetValue(id, out var stored) ? stored : id;
        return plan with
        {
            Trips = plan.Trips.Select(t => t with { Stops = t.Stops.Select(s => s.BookingId is long b ? s with { BookingId = Id(b) } : s).ToList() }).ToList(),
            Bookings = plan.Bookings.Select(b => b with { BookingId = Id(b.BookingId) }).ToList(),
            Unserved = plan.Unserved.Select(u => u with { BookingId = Id(u.BookingId) }).ToList(),
        };
    }

    /// <summary>The plan with booking <paramref name="from"/> (a request not stored yet) named <paramref name="to"/> (its stored id).</summary>
    public static PickupPlan Renumber(PickupPlan plan, long from, long to)
    {
        ArgumentNullException.ThrowIfNull(plan);
        long Id(long id) => id == from ? to : id;
        return plan with
        {
            Trips = plan.Trips.Select(t => t with { Stops = t.Stops.Select(s => s.BookingId is long b ? s with { BookingId = Id(b) } : s).ToList() }).ToList(),
            Bookings = plan.Bookings.Select(b => b with { BookingId = Id(b.BookingId) }).ToList(),
            Unserved = plan.Unserved.Select(u => u with { BookingId = Id(u.BookingId) }).ToList(),
        };
    }
}
