using System.Threading.RateLimiting;
using Outreach.Domain.Validation;

namespace Outreach.Web.Infrastructure.RateLimiting;

/// <summary>What a public form may do only so often, whoever asks and from whichever address.</summary>
public enum CostlyAction
{
    /// <summary>A booking made with a phone number.</summary>
    Book,

    /// <summary>A code and phone tried on /booking/find (by the phone, and by the code).</summary>
    Find,

    /// <summary>A move or cancellation of one booking.</summary>
    Change,
}

/// <summary>
/// Limits per phone number or booking, in this app instance's memory, for the public forms whose work costs most or
/// that could be used to guess: at most <see cref="PermitsKey"/> (default <see cref="DefaultPermitsPerHour"/>) an hour
/// each for bookings with one phone number, finds with one phone number or one code, and changes of one booking. So a
/// carrier address shared by many families can have a high per-address limit while no single number or booking can
/// be used to fill a day's slots or guess codes. Keys hold phone numbers in memory only, never in logs. Thread-safe.
/// </summary>
public sealed class CostlyActions : IDisposable
{
    public const string PermitsKey = "Outreach:RateLimit:PerPhoneOrBookingPerHour";
    public const int DefaultPermitsPerHour = 20;

    public static readonly TimeSpan Window = TimeSpan.FromHours(1);

    private readonly PartitionedRateLimiter<string> _limiter;

    public CostlyActions(IConfiguration configuration)
    {
        var permits = RateLimits.Setting(configuration, PermitsKey, DefaultPermitsPerHour);
        _limiter = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(
            key, _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = Window, QueueLimit = 0 }));
    }

    /// <summary>Takes one permit for <paramref name="action"/> on each key (a phone number, a code, a booking id); false
    /// when one of them has used up its hour (permits taken for the keys before it stay taken).</summary>
    public bool TryTake(CostlyAction action, params string?[] keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var leases = new List<RateLimitLease>();
        try
        {
            foreach (var key in keys)
            {
                if (string.IsNullOrWhiteSpace(key))
                {
                    continue;
                }

                var lease = _limiter.AttemptAcquire($"{action}\n{Normalize(key)}");
                leases.Add(lease);
                if (!lease.IsAcquired)
                {
                    return false;
                }
            }

            return true;
        }
        finally
        {
            foreach (var lease in leases)
            {
                lease.Dispose();
            }
        }
    }

    public void Dispose() => _limiter.Dispose();

    /// <summary>A phone number in its national form, so "+84 912 345 678" and "0912345678" share one count.</summary>
    private static string Normalize(string key) => VietnamPhone.Normalize(key) ?? key.Trim().ToUpperInvariant();
}
