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

    /// <summary>"Thứ Ba, 24/11/2026 · Chuyến 1 · 07:10–09:05"; a team's day has no trip number.</summary>
    public string Subtitle(RouteSheet sheet)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        var times = $"{LocalTime.FormatTime(sheet.Departure)}–{LocalTime.FormatTime(sheet.Return)}";
        return sheet.IsTeam ? $"{Date(sheet.Key.Date)} · {times}" : $"{Date(sheet.Key.Date)} · {localizer["Sheet.Trip", sheet.Key.TripNumber]} · {times}";
    }

    /// <summary>The header's detail line: plate, seats or officers and how the team travels, station, plan version.</summary>
    public string Details(RouteSheet sheet)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        var parts = new List<string>();
        if (sheet.IsTeam)
        {
            parts.Add(localizer[$"Profile.{sheet.Resource.Profile}"]);
        }

        if (sheet.Resource.Plate is { } plate)
        {
            parts.Add(localizer["Sheet.Plate", plate]);
        }

        if (sheet.Resource.SeatCount is { } seats)
        {
            parts.Add(localizer["Sheet.Seats", seats]);
        }

        if (sheet.Resource.MemberCount > 0)
        {
            parts.Add(localizer["Sheet.Members", sheet.Resource.MemberCount]);
        }

        parts.Add(localizer["Sheet.Station", sheet.Station.Name]);
        parts.Add(Version(sheet.Plan));
        return string.Join(" · ", parts);
    }

    /// <summary>"Cán bộ: Lường Văn Khoa (tổ trưởng), Hà Thị Mai, Đinh Văn Tú (nghỉ phép)", or null without a roster.</summary>
    public string? Crew(SheetCrew? crew)
    {
        if (crew is null || crew.Members.Count == 0)
        {
            return null;
        }

        var names = crew.Members.Select(m => m.IsLead ? localizer["Crew.Lead", m.Name].Value : m.OnLeave ? localizer["Crew.OnLeave", m.Name].Value : m.Name);
        return localizer["Crew.Members", string.Join(", ", names)].Value;
    }

    /// <summary>"Bộ máy thu nhận dùng được: 1/2 (thiếu người, thu nhận chậm hơn)".</summary>
    public string? Kits(SheetCrew? crew) =>
        crew is null || crew.UnavailableVi is not null ? null
        : localizer[crew.IsShortHanded ? "Crew.KitsShort" : "Crew.Kits", crew.KitsInUse, crew.Kits].Value;

    /// <summary>A warning when the crew as the roster stands now cannot go out (leave entered after planning), or when no team lead is present.</summary>
    public string? CrewWarning(SheetCrew? crew)
    {
        if (crew is null)
        {
            return null;
        }

        if (crew.UnavailableVi is not null)
        {
            return localizer["Crew.Unavailable", English ? crew.UnavailableEn ?? crew.UnavailableVi : crew.UnavailableVi].Value;
        }

        return crew.Members.Count > 0 && crew.Lead is null ? localizer["Crew.NoLead"].Value : null;
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

    /// <summary>"Thu nhận lưu động · Nhà văn hóa thôn, xóm": what happens at the stop and what kind of place it is.</summary>
    public string StopLabel(RouteSheet sheet, SheetStop stop)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        ArgumentNullException.ThrowIfNull(stop);
        // A van picks a family up at home; a team visits someone at home.
        var kind = sheet.IsTeam && stop.Place.Kind == SiteKind.Home ? localizer["Kind.Home.Team"].Value : Kind(stop.Place.Kind);
        return kind.Length == 0 ? StopKind(sheet, stop) : $"{StopKind(sheet, stop)} · {kind}";
    }

    /// <summary>The warning on a sheet of a plan not yet published.</summary>
    public string Draft(RouteSheet sheet)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        return localizer[sheet.IsTeam ? "Sheet.Draft.Team" : "Sheet.Draft"];
    }

    /// <summary>
    /// What happens at the stop, e.g. "Xuất phát", "Điểm đón", "Điểm thu nhận", "Trả khách", "Thu nhận lưu động"; a
    /// team leaves and returns to the station ("Rời trụ sở", "Về trụ sở", "Về trụ sở giữa hai điểm"), and a repeat visit says so.
    /// </summary>
    public string StopKind(RouteSheet sheet, SheetStop stop)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        ArgumentNullException.ThrowIfNull(stop);
        var team = sheet.IsTeam ? ".Team" : "";
        return stop.IsStart && stop.Kind is Domain.StopKind.Start ? localizer["StopKind.Start" + team]
            : stop.IsEnd && stop.Kind is Domain.StopKind.End ? localizer["StopKind.End" + team]
            : stop.IsStationBreak ? localizer["StopKind.StationBreak"]
            : stop.Visit is { IsRepeatOnly: true } ? localizer["StopKind.RepeatVisit"]
            : localizer[$"StopKind.{stop.Kind}"];
    }

    /// <summary>"Về trụ sở 11:45 · Rời trụ sở 16:40 (4 giờ 55 phút tại trụ sở)" for a team back at the station between two visits.</summary>
    public string StationBreak(SheetStop stop)
    {
        ArgumentNullException.ThrowIfNull(stop);
        if (!stop.IsStationBreak)
        {
            throw new ArgumentException("The stop is not a return to the station.", nameof(stop));
        }

        var minutes = Math.Max(0, stop.DwellMinutes);
        var length = minutes >= 60
            ? localizer["Station.HoursMinutes", minutes / 60, minutes % 60].Value
            : localizer["Station.Minutes", minutes].Value;
        return localizer["Station.Break", stop.ArrivalText, stop.DepartureText, length];
    }

    /// <summary>"Đặt máy 20 phút", or that the kit is already set up from the previous visit.</summary>
    public string VisitSetup(SheetVisit visit)
    {
        ArgumentNullException.ThrowIfNull(visit);
        return visit.ContinuesOnSite ? localizer["Visit.Continues"] : localizer["Visit.Setup", visit.SetupMinutes];
    }

    /// <summary>"Thu nhận 17:50–20:10 (chờ 15 phút)".</summary>
    public string VisitCapture(SheetStop stop)
    {
        ArgumentNullException.ThrowIfNull(stop);
        var visit = stop.Visit ?? throw new ArgumentException("The stop is not a visit.", nameof(stop));
        var line = localizer["Visit.CaptureTime", visit.CaptureStartsText, stop.DepartureText].Value;
        return stop.WaitMinutes > 0 ? $"{line} ({localizer["Visit.Wait", stop.WaitMinutes]})" : line;
    }

    /// <summary>"Thu nhận 25 người (trong 45 người cần làm): 25 đối tượng bảo trợ", or null when the visit only retries.</summary>
    public string? VisitPeople(SheetVisit visit)
    {
        ArgumentNullException.ThrowIfNull(visit);
        return visit.Served == 0 ? null : WithCategories(localizer["Visit.Capture", visit.Served, visit.Applicants], visit.Captured);
    }

    /// <summary>"Thu nhận lại 2 người (lần trước lỗi): 1 người nằm liệt giường, khuyết tật, 1 người cao tuổi", or null.</summary>
    public string? VisitRepeats(SheetVisit visit)
    {
        ArgumentNullException.ThrowIfNull(visit);
        return visit.Repeats == 0 ? null : WithCategories(localizer["Visit.Repeat", visit.Repeats], visit.RepeatCaptured);
    }

    /// <summary>"12 trẻ 6–14 tuổi (có người giám hộ), 30 người từ 14 tuổi"; empty for none.</summary>
    public string Categories(CategoryCounts? counts) =>
        counts is { } c ? string.Join(", ", c.NonZero().Select(x => localizer[$"Category.{x.Category}", x.Count].Value)) : "";

    /// <summary>"Liên hệ: Trưởng xóm Lát Đá", or null without a contact (the phone is shown beside it).</summary>
    public string? VisitContact(SheetVisit visit)
    {
        ArgumentNullException.ThrowIfNull(visit);
        return visit.ContactName is null && visit.ContactPhone is null ? null : localizer["Visit.Contact", visit.ContactName ?? ""].Value;
    }

    private string WithCategories(string line, CategoryCounts? counts) => Categories(counts) is { Length: > 0 } c ? $"{line}: {c}" : line;

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
        if (sheet.IsTeam)
        {
            var parts = new List<string> { localizer["Totals.Team", t.Visits, t.Served] };
            if (t.Repeats > 0)
            {
                parts.Add(localizer["Totals.Repeats", t.Repeats]);
            }

            if (sheet.Map.Legs.Count > 0)
            {
                var distance = RouteMapBuilder.Distance(sheet.Map.Legs.Sum(l => l.DistanceMetres), CultureInfo.CurrentCulture);
                parts.Add(localizer[sheet.Map.IsEstimated ? "Totals.TravelEstimated" : "Totals.Travel", distance]);
            }

            return string.Join(" · ", parts);
        }

        var vehicle = localizer["Totals.Vehicle", t.StopCount, t.BookingCount, t.Children, t.Guardians, t.PeakSeats].Value;
        return t.Utilisation is { } u
            ? $"{vehicle} · {localizer["Totals.Utilisation", t.SeatCapacity!.Value, u.ToString("P0", CultureInfo.CurrentCulture)]}"
            : vehicle;
    }

    /// <summary>Who the sheet is for, and whose phone numbers it holds.</summary>
    public string ForHolder(RouteSheet sheet)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        return localizer[sheet.IsTeam ? "Sheet.ForHolder.Team" : "Sheet.ForHolder"];
    }

    public MapLabels MapLabels(RouteSheet sheet)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        var title = sheet.IsTeam
            ? localizer["Map.Title.Team", sheet.Resource.Name, sheet.Key.Date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)]
            : localizer["Map.Title", sheet.Resource.Name, sheet.Key.TripNumber];
        return new MapLabels(title, localizer["Map.North"], localizer["Map.Estimated"]);
    }

    private static bool English => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
}
