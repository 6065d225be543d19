using System.Globalization;
using Microsoft.Extensions.Localization;
using Outreach.Domain;

namespace Outreach.Web.Features.StationResources;

/// <summary>
/// The lines naming what keeps a van, team, officer or site from being removed, as the pages and the API show them: at
/// most <see cref="Shown"/>, then "and N more". Only team names, days (dd/MM/yyyy in both languages, as everywhere) and
/// counts: never a family's name or phone.
/// </summary>
public static class RemovalText
{
    public const int Shown = 5;

    public static IReadOnlyList<string> Uses(IStringLocalizer<StationResourcesResource> text, IReadOnlyList<ResourceUse> uses)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(uses);
        var lines = uses.Take(Shown).Select(u => Use(text, u)).ToList();
        if (uses.Count > Shown)
        {
            lines.Add(text["Remove.More", uses.Count - Shown]);
        }

        return lines;
    }

    private static string Use(IStringLocalizer<StationResourcesResource> text, ResourceUse use) => use.Kind switch
    {
        ResourceUseKind.TeamVehicle => text["Use.TeamVehicle", use.TeamName ?? ""],
        ResourceUseKind.TeamMember => text["Use.TeamMember", use.TeamName ?? ""],
        ResourceUseKind.PickupPlan => text["Use.PickupPlan", Day(use)],
        ResourceUseKind.LivePickups => text["Use.LivePickups", use.Count, Day(use)],
        ResourceUseKind.VisitPlan => text["Use.VisitPlan", Day(use)],
        ResourceUseKind.RosterShift => text["Use.RosterShift", Day(use)],
        ResourceUseKind.Booking => text["Use.Booking", use.Count, Day(use)],
        ResourceUseKind.VisitRequest => text["Use.VisitRequest", use.Count],
        ResourceUseKind.PlanStop => text["Use.PlanStop", Day(use)],
        ResourceUseKind.CollectionPoint => text["Use.CollectionPoint"],
        _ => throw new ArgumentOutOfRangeException(nameof(use), use.Kind, null),
    };

    private static string Day(ResourceUse use) => use.Date?.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) ?? "";
}
