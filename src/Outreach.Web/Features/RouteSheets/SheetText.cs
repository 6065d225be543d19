using System.Globalization;
using Microsoft.Extensions.Localization;
using Outreach.Domain;
using Outreach.Web.Infrastructure.Time;

namespace Outreach.Web.Features.RouteSheets;

/// <summary>
/// Marker for the route-sheet strings: RouteSheetResource.resx (Vietnamese, neutral) and RouteSheetResource.en.resx.
/// Keys are "Area.What" ("Stop.Boarding").
/// </summary>
public sealed class RouteSheetResource;

/// <summary>
/// The sentences of a sheet in the current UI culture, shared by the pages and the PDF so both say the same thing.
/// Reads <see cref="CultureInfo.CurrentUICulture"/> at each call; cheap to create.
/// </summary>
public sealed class SheetText(IStringLocalizer<RouteSheetResource> localizer)
{
    public string this[string key] => localizer[key];

    public string this[string key, params object[] arguments] => localizer[key, arguments];

    /// <summary>"Lộ trình xe: Xe đón 1 (16 chỗ)" or "Lịch trình tổ: Tổ lưu động 2".</summary>
    public string Title(RouteSheet sheet)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        return localizer[sheet.Resource.Kind == PlanResourceKind.Team ? "Sheet.Title.Team" : "Sheet.Title.Vehicle", sheet.Resource.Name];
    }

    /// <summary>"Thứ Ba, 24/11/2026 · Chuyến 1 · 07:10–09:05".</summary>
    public string Subtitle(RouteSheet sheet)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        return $"{Date(sheet.Key.Date)} · {localizer["Sheet.Trip", sheet.Key.TripNumber]} · {LocalTime.FormatTime(sheet.Departure)}–{LocalTime.FormatTime(sheet.Return)}";
    }

    /// <summary>"Thứ Ba, 24/11/2026" / "Tuesday, 24/11/2026".</summary>
    public static string Date(DateOnly date)
    {
        var text = date.ToString("dddd, dd/MM/yyyy", CultureInfo.CurrentCulture);
        return char.ToUpper(text[0], CultureInfo.CurrentCulture) + text[1..];
    }

    /// <summary>"Kế hoạch bản 3 · đã công bố 23/11/2026 10:05" or "... · bản nháp".</summary>
    public string Version(Plan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var status = plan.Status == PlanStatus.Published && plan.PublishedAt is { } at
            ? localizer["Sheet.Status.Published", LocalTime.FormatDateTime(at)].Value
            : localizer["Sheet.Status.Draft"].Value;
        return $"{localizer["Sheet.Version", plan.Version]} · {status}";
    }

    public string Kind(SiteKind? kind) => kind is null ? "" : localizer[$"Kind.{kind}"];

    /// <summary>What happens at the stop, e.g. "Xuất phát", "Điểm đón", "Điểm thu nhận", "Trả khách", "Thu nhận lưu động".</summary>
    public string StopKind(SheetStop stop)
    {
        ArgumentNullException.ThrowIfNull(stop);
        return stop.IsStart && stop.Kind is Domain.StopKind.Start ? localizer["StopKind.Start"]
            : stop.IsEnd && stop.Kind is Domain.StopKind.End ? localizer["StopKind.End"]
            : localizer[$"StopKind.{stop.Kind}"];
    }

    /// <summary>"2 trẻ em, 1 người giám hộ".</summary>
    public string Counts(SheetParty party)
    {
        ArgumentNullException.ThrowIfNull(party);
        return $"{localizer[party.Children == 1 ? "Party.Child.One" : "Party.Child.Many", party.Children]}, "
            + localizer[party.Guardians == 1 ? "Party.Guardian.One" : "Party.Guardian.Many", party.Guardians];
    }

    /// <summary>The needs as words ("xe lăn, ghế trẻ em"), empty when none.</summary>
    public string Needs(BookingNeeds needs) => string.Join(", ", Enum.GetValues<BookingNeeds>()
        .Where(n => n != BookingNeeds.None && needs.HasFlag(n))
        .Select(n => localizer[$"Needs.{n}"].Value));

    /// <summary>Why a party is off the trip, or null.</summary>
    public string? Off(SheetParty party)
    {
        ArgumentNullException.ThrowIfNull(party);
        return !party.IsOff ? null : localizer[party.Status == BookingStatus.Cancelled ? "Party.Cancelled" : "Party.Moved"].Value;
    }

    /// <summary>"Bác sĩ, người thân" for who must be present; empty when nobody.</summary>
    public string Presence(RequiredPresence presence) => string.Join(", ", Enum.GetValues<RequiredPresence>()
        .Where(p => p != RequiredPresence.None && presence.HasFlag(p))
        .Select(p => localizer[$"Presence.{p}"].Value));

    /// <summary>"Ghế sau điểm này: 5/15" (or without the capacity for a team).</summary>
    public string SeatsAfter(RouteSheet sheet, SheetStop stop)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        ArgumentNullException.ThrowIfNull(stop);
        return sheet.Resource.SeatCount is { } seats
            ? localizer["Stop.SeatsAfterOf", stop.SeatsAfter, seats]
            : localizer["Stop.SeatsAfter", stop.SeatsAfter];
    }

    /// <summary>The trip's totals in one line.</summary>
    public string Totals(RouteSheet sheet)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        var t = sheet.Totals;
        if (sheet.Resource.Kind == PlanResourceKind.Team)
        {
            return localizer["Totals.Team", t.StopCount, t.Served];
        }

        var line = localizer["Totals.Vehicle", t.StopCount, t.BookingCount, t.Children, t.Guardians, t.PeakSeats].Value;
        return t.Utilisation is { } u
            ? $"{line} · {localizer["Totals.Utilisation", t.SeatCapacity!.Value, u.ToString("P0", CultureInfo.CurrentCulture)]}"
            : line;
    }

    public MapLabels MapLabels(RouteSheet sheet)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        return new MapLabels(localizer["Map.Title", sheet.Resource.Name, sheet.Key.TripNumber], localizer["Map.North"], localizer["Map.Estimated"]);
    }
}
