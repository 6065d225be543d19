using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using Outreach.Domain;
using Outreach.Web.Infrastructure.Auth;
using Outreach.Web.Infrastructure.Time;

namespace Outreach.Web.Features.StationResources;

/// <summary>
/// What the station's resource pages (/staff/vans, /staff/teams, /staff/officers, /staff/sites, /staff/visit-requests)
/// share: the unit they work on and the thing being edited. The unit comes from the query string (?station=) or the
/// posted form field "station", both checked against the account's unit by StationScopeGate before the page runs; with
/// neither, the account's own unit (an admin: the first). A thing named by ?id= or the posted "id" is edited (or removed,
/// <see cref="RemoveFields"/>) only when it is a current one of that unit: another unit's, or one removed already, comes
/// back as "not found" and nothing is stored.
/// </summary>
public abstract class StationResourcePage : ComponentBase
{
    [Inject] protected StationAccess Access { get; set; } = default!;

    [Inject] protected IStringLocalizer<StationResourcesResource> L { get; set; } = default!;

    [Inject] protected LocalTime Time { get; set; } = default!;

    [CascadingParameter] protected HttpContext HttpContext { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "station")] protected long? StationQuery { get; set; }

    [SupplyParameterFromQuery(Name = "id")] protected long? IdQuery { get; set; }

    protected IReadOnlyList<Station> Stations { get; private set; } = [];

    protected Station? Station { get; private set; }

    /// <summary>Why nothing is shown or stored ("not your unit", "not found").</summary>
    protected string? Refusal { get; set; }

    /// <summary>What was just stored.</summary>
    protected string? Saved { get; set; }

    /// <summary>What keeps the thing from being removed, shown under <see cref="Refusal"/> (<see cref="RemovalText"/>).</summary>
    protected IReadOnlyList<string> Uses { get; set; } = [];

    /// <summary>Whether this request posted the page's form <paramref name="formName"/> (its @formname, posted as "_handler").</summary>
    protected bool IsPostOf(string formName) =>
        IsPost && HttpContext.Request.HasFormContentType && HttpContext.Request.Form["_handler"] == formName;

    protected ResourceForm Form { get; set; } = default!;

    protected bool IsPost => HttpMethods.IsPost(HttpContext.Request.Method);

    /// <summary>The page's address for this unit, e.g. "/staff/vans?station=3".</summary>
    protected string Url(string path, long? id = null) =>
        Station is null ? path : id is null
            ? string.Create(CultureInfo.InvariantCulture, $"{path}?station={Station.Id}")
            : string.Create(CultureInfo.InvariantCulture, $"{path}?station={Station.Id}&id={id}");

    /// <summary>Finds the unit (query, then posted field, then the account's own); false with <see cref="Refusal"/> set when it is not one of the account's.</summary>
    protected async Task<bool> LoadStationAsync()
    {
        HttpContext.Response.Headers.CacheControl = "no-store";
        Form = new ResourceForm(L);
        Stations = await Access.VisibleAsync(HttpContext.User, HttpContext.RequestAborted);
        var asked = StationQuery ?? (IsPost && HttpContext.Request.HasFormContentType ? PostedLong("station") : null);
        Station = asked is { } id ? Stations.FirstOrDefault(s => s.Id == id) : (Stations.Count > 0 ? Stations[0] : null);
        if (Station is null)
        {
            Refusal = Stations.Count == 0 ? L["NoStations"] : L["NotYours"];
            return false;
        }

        return true;
    }

    /// <summary>The id of the thing being edited: the posted "id" on a post, else ?id=.</summary>
    protected long? EditedId => IsPost && HttpContext.Request.HasFormContentType ? PostedLong("id") : IdQuery;

    protected long? PostedLong(string name) =>
        long.TryParse(HttpContext.Request.Form[name].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : null;

    /// <summary>
    /// Shows what a removal came to: <paramref name="removed"/> as the notice (true), or <paramref name="refused"/> with
    /// the uses, or "not found" for another unit's or one removed already (false).
    /// </summary>
    protected bool Show(Removal removal, string removed, string refused)
    {
        ArgumentNullException.ThrowIfNull(removal);
        switch (removal.Outcome)
        {
            case RemovalOutcome.Removed:
                Saved = removed;
                return true;
            case RemovalOutcome.InUse:
                Refusal = refused;
                Uses = RemovalText.Uses(L, removal.Uses);
                return false;
            default:
                Refusal = L["NotFound"];
                return false;
        }
    }

    /// <summary>The posted form, read into <see cref="Form"/>.</summary>
    protected void ReadPosted() => Form = ResourceForm.From(L, HttpContext.Request.Form);
}
