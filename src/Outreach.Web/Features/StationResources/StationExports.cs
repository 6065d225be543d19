using System.Globalization;
using Outreach.Domain;
using Outreach.Jobs.Notifications;
using Outreach.Web.Infrastructure.Time;

namespace Outreach.Web.Features.StationResources;

/// <summary>A table to export: Vietnamese headers and rows of text, written as .xlsx or .csv by <see cref="SheetTable"/>.</summary>
public sealed record ExportTable(string Name, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows);

/// <summary>
/// The station's lists as tables for spreadsheets: visit requests (the import's own columns, so the file imports again),
/// bookings, the call list (messages waiting, with the words to say) and a plan's stops (pickup or visit plan) for a day
/// or a week. Times in Vietnam time. Pure.
/// </summary>
public static class StationExports
{
    public static ExportTable VisitRequests(IReadOnlyList<VisitRequest> requests, IReadOnlyList<Site> sites) =>
        new("yeu-cau-tham", VisitRequestSheet.Headers, [.. VisitRequestSheet.Rows(requests, sites)]);

    public static readonly IReadOnlyList<string> BookingHeaders =
        ["Mã đặt chỗ", "Ngày", "Giờ", "Điểm đón", "Trẻ em", "Người giám hộ", "Nhu cầu", "Người liên hệ", "Điện thoại", "Trạng thái"];

    public static ExportTable Bookings(IReadOnlyList<Booking> bookings, IReadOnlyList<Site> sites)
    {
        ArgumentNullException.ThrowIfNull(bookings);
        ArgumentNullException.ThrowIfNull(sites);
        return new("dat-cho", BookingHeaders, [.. bookings.OrderBy(b => b.Date).ThenBy(b => b.SlotStart).ThenBy(b => b.Code, StringComparer.Ordinal).Select(b => (IReadOnlyList<string>)
        [
            b.Code, Day(b.Date), Clock(b.SlotStart),
            b.PickupSiteId is { } s ? sites.FirstOrDefault(x => x.Id == s)?.Name ?? "" : b.PickupLocation is { } p ? Point(p) + (b.AddressNote is { Length: > 0 } n ? $" ({n})" : "") : "",
            Number(b.ChildCount), Number(b.GuardianCount), b.Needs == BookingNeeds.None ? "" : b.Needs.ToString(),
            b.ContactFirstName, b.Phone, b.Status.ToString(),
        ])]);
    }

    public static readonly IReadOnlyList<string> CallListHeaders = ["Gửi lúc", "Kênh", "Số điện thoại", "Loại tin", "Nội dung", "Số lần thử", "Lỗi"];

    public static ExportTable CallList(IReadOnlyList<OutboxMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        return new("danh-sach-goi", CallListHeaders, [.. messages.OrderBy(m => m.DueAt).ThenBy(m => m.Id).Select(m => (IReadOnlyList<string>)
        [
            LocalTime.FormatDateTime(m.DueAt), m.Channel.ToString(), m.Recipient, m.TemplateKey, Words(m),
            Number(m.AttemptCount), m.LastError ?? "",
        ])]);
    }

    public static readonly IReadOnlyList<string> PlanHeaders =
        ["Ngày", "Xe hoặc tổ", "Chuyến", "Thứ tự", "Loại điểm", "Địa điểm", "Đến", "Đi", "Mã đặt chỗ", "Yêu cầu thăm", "Lên xe", "Xuống xe", "Số người thu nhận", "Bản kế hoạch"];

    /// <summary>The stops of <paramref name="plans"/> on days in [<paramref name="from"/>, <paramref name="to"/>].</summary>
    public static ExportTable Plan(string name, IReadOnlyList<PlanContent> plans, DateOnly from, DateOnly to, IReadOnlyList<Site> sites,
        IReadOnlyDictionary<long, string> bookingCodes, Func<PlanResourceKind, long, string> resourceName)
    {
        ArgumentNullException.ThrowIfNull(plans);
        ArgumentNullException.ThrowIfNull(sites);
        ArgumentNullException.ThrowIfNull(bookingCodes);
        ArgumentNullException.ThrowIfNull(resourceName);
        var rows = new List<IReadOnlyList<string>>();
        foreach (var content in plans)
        {
            foreach (var s in content.Stops.Where(s => s.Date >= from && s.Date <= to)
                .OrderBy(s => s.Date).ThenBy(s => s.ResourceKind).ThenBy(s => s.ResourceId).ThenBy(s => s.TripNumber).ThenBy(s => s.Sequence))
            {
                rows.Add(
                [
                    Day(s.Date), resourceName(s.ResourceKind, s.ResourceId), Number(s.TripNumber), Number(s.Sequence), s.Kind.ToString(),
                    s.SiteId is { } site ? sites.FirstOrDefault(x => x.Id == site)?.Name ?? "" : "",
                    LocalTime.FormatTime(s.Arrival), LocalTime.FormatTime(s.Departure),
                    s.BookingId is { } b ? bookingCodes.GetValueOrDefault(b, "") : "",
                    s.VisitRequestId is { } v ? Number(v) : "",
                    Number(s.BoardingCount), Number(s.AlightingCount), Number(s.ServedCount),
                    string.Create(CultureInfo.InvariantCulture, $"{content.Plan.Version} ({content.Plan.Status})"),
                ]);
            }
        }

        return new(name, PlanHeaders, rows);
    }

    private static string Words(OutboxMessage message)
    {
        try
        {
            return MessageText.Render(message);
        }
        catch (MessageTextException)
        {
            return "";
        }
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Clock(TimeOnly time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);

    private static string Point(GeoPoint p) => string.Create(CultureInfo.InvariantCulture, $"{p.Latitude:0.######}, {p.Longitude:0.######}");
}
