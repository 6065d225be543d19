using Microsoft.Extensions.Localization;

namespace Outreach.Web.Features.WeekBoard;

/// <summary>
/// A re-plan's reason codes (<c>replan_requests.reasons</c>, <see cref="Outreach.Domain.Plan.Reasons"/>) as the chief
/// reads them: each code by what changed, a drawn flood or closure with its name ("đường ngập: Cầu Rẽo"); an unknown
/// code as it is. One wording for the week board and the pickup day page.
/// </summary>
public static class ReplanReasonsText
{
    public static string Describe(string reasons, IStringLocalizer<WeekBoardResource> text)
    {
        ArgumentNullException.ThrowIfNull(reasons);
        ArgumentNullException.ThrowIfNull(text);
        return string.Join("; ", reasons.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(r =>
        {
            var colon = r.IndexOf(':', StringComparison.Ordinal);
            var (code, name) = colon < 0 ? (r, null) : (r[..colon], r[(colon + 1)..]);
            var known = text[$"Reason.{code}"];
            var what = known.ResourceNotFound ? code : known.Value;
            return name is null ? what : text["Reason.Named", what, name].Value;
        }));
    }
}
