using Outreach.Domain;

namespace Outreach.Web.Features.RouteSheets;

/// <summary>
/// Where a trip stands from the road: which check-offs a stop offers, which stop has been checked off, and the next
/// stop (the first one that offers a check-off and has none yet). Start and end rows with nobody getting on or off
/// offer none and are never "next". A stop is named by its first plan row (<see cref="SheetStop.Rows"/>), as
/// <see cref="Data.Stores.StopCheckOffStore"/> stores it. Pure.
/// </summary>
public static class StopProgress
{
    /// <summary>
    /// The check-offs a stop offers: a team's visit took place or nobody came; families getting on were picked up or did
    /// not come; families getting off were dropped. Empty for a stop where nobody gets on or off.
    /// </summary>
    public static IReadOnlyList<StopCheckStatus> Choices(SheetStop stop)
    {
        ArgumentNullException.ThrowIfNull(stop);
        if (stop.Visit is not null)
        {
            return [StopCheckStatus.Visited, StopCheckStatus.NoShow];
        }

        var choices = new List<StopCheckStatus>(3);
        if (stop.BoardingCount > 0 || stop.Boarding.Count > 0)
        {
            choices.Add(StopCheckStatus.PickedUp);
            choices.Add(StopCheckStatus.NoShow);
        }

        if (stop.AlightingCount > 0 || stop.Alighting.Count > 0)
        {
            choices.Add(StopCheckStatus.Dropped);
        }

        return choices;
    }

    /// <summary>The plan row that names the stop in the check-off table, or null for a stop without rows.</summary>
    public static long? RowId(SheetStop stop)
    {
        ArgumentNullException.ThrowIfNull(stop);
        return stop.Rows.Count == 0 ? null : stop.Rows[0].Id;
    }

    /// <summary>The stop's check-off, or null.</summary>
    public static StopCheckOff? Of(SheetStop stop, IReadOnlyDictionary<long, StopCheckOff> checks)
    {
        ArgumentNullException.ThrowIfNull(checks);
        return RowId(stop) is { } id && checks.TryGetValue(id, out var check) ? check : null;
    }

    /// <summary>The first stop that offers a check-off and has none yet; null when every such stop is checked off.</summary>
    public static SheetStop? Next(RouteSheet sheet, IReadOnlyDictionary<long, StopCheckOff> checks)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        return sheet.Stops.FirstOrDefault(s => Choices(s).Count > 0 && Of(s, checks) is null);
    }

    /// <summary>Reads a posted status by its exact name ("NoShow"); numbers and unknown names are not statuses.</summary>
    public static StopCheckStatus? Parse(string? text) =>
        Enum.GetValues<StopCheckStatus>().Cast<StopCheckStatus?>().FirstOrDefault(s => string.Equals(s.ToString(), text, StringComparison.Ordinal));
}

/// <summary>Log lines of the driver's page: plan, trip and stop numbers only, never a family.</summary>
internal static partial class RouteSheetLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Stop checked off from a link: plan {PlanId} resource {ResourceId} trip {Trip} stop {Stop}: {Status} ({Outcome})")]
    public static partial void CheckedOff(ILogger logger, long planId, long resourceId, int trip, int stop, StopCheckStatus status, CheckOffOutcome outcome);
}
