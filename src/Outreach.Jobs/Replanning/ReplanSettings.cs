using Microsoft.Extensions.Configuration;
using Outreach.Data.Stores;
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

    /// <summary>A family booked the day (the plan made before does not carry it; the live plan does).</summary>
    public const string BookingConfirmed = "booking.confirmed";

    /// <summary>A family moved its booking to or from the day.</summary>
    public const string BookingMoved = "booking.moved";

    /// <summary>Staff entered phone-in bookings for the day (these do not go through the live plan).</summary>
    public const string PhoneIn = "booking.phone-in";

    /// <summary>A vehicle or team of the station changed (seats, profile, members, the team's vehicle).</summary>
    public const string FleetChanged = "fleet.changed";

    /// <summary>An officer changed (skills, leave): the mobile teams are made of officers.</summary>
    public const string OfficersChanged = "officers.changed";

    /// <summary>A visit request was added, changed or closed.</summary>
    public const string VisitRequestsChanged = "visit-requests.changed";

    /// <summary>Rain, floods or closures of the day were entered or changed by staff.</summary>
    public const string WeatherChanged = "weather.changed";

    /// <summary>Prefix of a flood area drawn (or redrawn) on the week board; see <see cref="FloodDrawn"/>.</summary>
    public const string Flood = "weather.flood";

    /// <summary>Prefix of a closed road, bridge or ferry marked on the week board; see <see cref="ClosureDrawn"/>.</summary>
    public const string Closure = "weather.closure";

    /// <summary>Prefix of a flood or closure taken off the week board; see <see cref="Reopened"/>.</summary>
    public const string Cleared = "weather.cleared";

    /// <summary>A flood area drawn by staff, named as they named it: "weather.flood:Cầu Rẽo" (the board reads "đường ngập: Cầu Rẽo").</summary>
    public static string FloodDrawn(string name) => Named(Flood, name);

    /// <summary>A closure marked by staff, named: "weather.closure:Cầu Rẽo".</summary>
    public static string ClosureDrawn(string name) => Named(Closure, name);

    /// <summary>A flood or closure removed by staff, named: "weather.cleared:Cầu Rẽo".</summary>
    public static string Reopened(string name) => Named(Cleared, name);

    /// <summary>The code and the name after ':' as the re-plan requests keep it: commas (they separate reasons) become spaces, and it is cut to the longest name kept.</summary>
    private static string Named(string code, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var label = name.Replace(',', ' ').Trim();
        if (label.Length > ReplanRequestStore.MaxLabelLength)
        {
            var cut = char.IsHighSurrogate(label[ReplanRequestStore.MaxLabelLength - 1]) ? ReplanRequestStore.MaxLabelLength - 1 : ReplanRequestStore.MaxLabelLength;
            label = label[..cut].TrimEnd();
        }

        return label.Length == 0 ? code : $"{code}:{label}";
    }

    /// <summary>The weather poll's forecast of the day changed band somewhere in the station's area.</summary>
    public const string WeatherForecast = "weather.forecast";

    /// <summary>The nightly job found tomorrow's plan older than its bookings or weather.</summary>
    public const string NightlyStale = "nightly.stale";
}
