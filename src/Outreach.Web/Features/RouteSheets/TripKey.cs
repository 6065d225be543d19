using System.Globalization;
using Outreach.Domain;

namespace Outreach.Web.Features.RouteSheets;

/// <summary>
/// Names one sheet: a plan version, a resource (a van or a mobile team), a local date and a trip number. A van
/// makes several trips a day (trip 1, 2, ...); a team's day is usually one "trip". This is what a driver's signed
/// link carries and what the staff print and PDF addresses take as query values.
/// </summary>
public readonly record struct TripKey(long PlanId, PlanResourceKind ResourceKind, long ResourceId, DateOnly Date, int TripNumber)
{
    /// <summary>The query string of the staff print page and PDF ("kind=vehicle&amp;resource=3&amp;date=2026-11-24&amp;trip=1").</summary>
    public string ToQuery() => string.Create(CultureInfo.InvariantCulture,
        $"kind={KindName(ResourceKind)}&resource={ResourceId}&date={Date:yyyy-MM-dd}&trip={TripNumber}");

    /// <summary>"vehicle" or "team", as written in query strings.</summary>
    public static string KindName(PlanResourceKind kind) => kind == PlanResourceKind.Team ? "team" : "vehicle";

    /// <summary>Reads "vehicle"/"team" (any case); null for anything else.</summary>
    public static PlanResourceKind? ParseKind(string? text) =>
        text?.ToUpperInvariant() switch
        {
            "VEHICLE" => PlanResourceKind.Vehicle,
            "TEAM" => PlanResourceKind.Team,
            _ => null,
        };

    /// <summary>Reads a yyyy-MM-dd date; null when missing or malformed.</summary>
    public static DateOnly? ParseDate(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    /// <summary>The key of a stop's trip.</summary>
    public static TripKey Of(PlanStop stop)
    {
        ArgumentNullException.ThrowIfNull(stop);
        return new TripKey(stop.PlanId, stop.ResourceKind, stop.ResourceId, stop.Date, stop.TripNumber);
    }

    /// <summary>Every trip of a plan, in resource, date and trip order.</summary>
    public static IReadOnlyList<TripKey> TripsOf(PlanContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        return content.Stops
            .Select(s => new TripKey(content.Plan.Id, s.ResourceKind, s.ResourceId, s.Date, s.TripNumber))
            .Distinct()
            .OrderBy(k => k.Date).ThenBy(k => k.ResourceKind).ThenBy(k => k.ResourceId).ThenBy(k => k.TripNumber)
            .ToList();
    }
}
