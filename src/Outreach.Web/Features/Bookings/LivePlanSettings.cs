using System.Globalization;

namespace Outreach.Web.Features.Bookings;

/// <summary>
/// How the day's live plan is improved in the background (<see cref="LivePlanImprover"/>):
/// <c>Outreach:LivePlan:ImproveDelaySeconds</c> (default 5, 0-3600) the wait after a booking, move or cancellation of a
/// station's day, so a burst of requests is improved once, after it; <c>Outreach:LivePlan:ImproveSeconds</c> (default 2,
/// 0.01-60) the search's time limit.
/// </summary>
public sealed record LivePlanSettings(TimeSpan ImproveDelay, TimeSpan ImproveTime)
{
    public const string DelayKey = "Outreach:LivePlan:ImproveDelaySeconds";
    public const string TimeKey = "Outreach:LivePlan:ImproveSeconds";

    /// <summary>
    /// The longest a day waits after its first change while changes keep coming: a holiday morning's steady stream of
    /// families, each within the delay of the last, is when the plan drifts most and must not postpone its improvement.
    /// </summary>
    public TimeSpan MaxDelay => ImproveDelay * 4;

    /// <summary>Reads the settings; a bad value stops the start with the key and the value named.</summary>
    public static LivePlanSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return new LivePlanSettings(
            TimeSpan.FromSeconds(Number(configuration, DelayKey, 5, 0, 3600)),
            TimeSpan.FromSeconds(Number(configuration, TimeKey, 2, 0.01, 60)));
    }

    private static double Number(IConfiguration configuration, string key, double fallback, double min, double max)
    {
        if (configuration[key] is not { Length: > 0 } text)
        {
            return fallback;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"{key} = '{text}': must be a number from {min} to {max}."));
    }
}
