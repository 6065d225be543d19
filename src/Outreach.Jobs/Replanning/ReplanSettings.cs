using Microsoft.Extensions.Configuration;
using Outreach.Jobs.Hosting;

namespace Outreach.Jobs.Replanning;

/// <summary>
/// When a re-plan runs: <c>Outreach:Replan:DelaySeconds</c> (default 30, 0-3600) after the latest change of a station's
/// period, so a burst of changes (a village's families cancelling one after another, a chief correcting the settings
/// twice) is planned once, after it; but no later than <see cref="MaxDelay"/> after the first change.
/// </summary>
public sealed record ReplanSettings(TimeSpan Delay)
{
    public const string DelayKey = "Outreach:Replan:DelaySeconds";

    /// <summary>A steady trickle of changes, each within the delay of the last, does not put the re-plan off longer than this.</summary>
    public TimeSpan MaxDelay => Delay * 4;

    /// <summary>
    /// How long a run's claim on a request holds: longer than any plan's search (at most 10 minutes for a week of
    /// visits). A run that died holding one is taken over once it ends (at once in the embedded default, which ends every
    /// claim at start-up).
    /// </summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromMinutes(15);

    public static ReplanSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return new ReplanSettings(TimeSpan.FromSeconds(Settings.Number(configuration, DelayKey, 30, 0, 3600)));
    }
}

/// <summary>Why a re-plan was requested: codes stored with the request (never anything about a family).</summary>
public static class ReplanReasons
{
    /// <summary>A family cancelled its booking (the day's van plan may drop its stops and take others).</summary>
    public const string BookingCancelled = "booking.cancelled";

    /// <summary>The chief changed the station's settings (desks, ride and wait limits, trips, opening hours).</summary>
    public const string StationSettings = "station.settings";
}
