using System.Globalization;
using Outreach.Domain;
using Outreach.Domain.Validation;

namespace Outreach.Web.Features.StationResources;

/// <summary>One problem of an imported file: the row as the spreadsheet numbers it, the column's header, the cell's value and why.</summary>
public sealed record SheetProblem(int Row, string Column, string Value, string ReasonVi, string ReasonEn)
{
    public string Reason(bool english) => english ? ReasonEn : ReasonVi;
}

/// <summary>
/// Visit requests as a spreadsheet: one row per household or place to visit, with the people to capture by category, who
/// to call, and one window when they are at home. The same columns are the import template, what the import reads (by
/// header, in any order, Vietnamese or English; unknown columns are ignored) and what the export writes, so an exported
/// file imports again. Each row is checked with <see cref="DomainValidators.Validate(VisitRequest)"/>, the rules of the
/// form and the API; the place must be one of the unit's sites, named as on the sites page. Pure.
/// </summary>
public static class VisitRequestSheet
{
    public sealed record Column(string Key, string Vietnamese, string English, bool Required = false);

    public static readonly IReadOnlyList<Column> Columns =
    [
        new("site", "Địa điểm", "Site", Required: true),
        new(nameof(ApplicantCategory.Child6To14WithGuardian), "Trẻ 6-14 tuổi", "Children 6-14"),
        new(nameof(ApplicantCategory.Age14Plus), "Từ 14 tuổi", "Aged 14+"),
        new(nameof(ApplicantCategory.Elderly), "Người cao tuổi", "Elderly"),
        new(nameof(ApplicantCategory.BedriddenOrDisabled), "Nằm liệt giường, khuyết tật", "Bedridden or disabled"),
        new(nameof(ApplicantCategory.CareCentreResident), "Đối tượng bảo trợ", "Care-centre residents"),
        new("contactName", "Người liên hệ", "Contact"),
        new("contactPhone", "Điện thoại", "Phone"),
        new("date", "Ngày ở nhà", "Date at home", Required: true),
        new("start", "Từ giờ", "From", Required: true),
        new("end", "Đến giờ", "To", Required: true),
        new("priority", "Ưu tiên", "Priority"),
        new("deadline", "Hạn", "Deadline"),
        new("note", "Ghi chú", "Note"),
    ];

    public static IReadOnlyList<string> Headers { get; } = [.. Columns.Select(c => c.Vietnamese)];

    public const int DefaultPriority = 50;

    public const int DefaultSetupMinutes = 10;

    public const double DefaultFailureShare = 0.1;

    /// <summary>The template: the headers and two example rows at the unit's first two sites (or placeholders).</summary>
    public static byte[] Template(IReadOnlyList<Site> sites, DateOnly monday)
    {
        ArgumentNullException.ThrowIfNull(sites);
        var first = sites.Count > 0 ? sites[0].Name : "Nhà văn hóa thôn Lát Đá";
        var second = sites.Count > 1 ? sites[1].Name : first;
        string[][] rows =
        [
            [first, "", "", "1", "1", "", "Con trai bà Nhung", "0912345678", Day(monday.AddDays(1)), "08:00", "11:00", "60", "", "Cần người nhà có mặt"],
            [second, "2", "1", "", "", "", "Trưởng thôn", "0987654321", Day(monday.AddDays(6)), "14:00", "17:00", "", "", ""],
        ];
        return SheetTable.WriteXlsx(Headers, rows, "Yeu cau tham");
    }

    /// <summary>The requests as rows of <see cref="Headers"/> (the first window of each; sites by name).</summary>
    public static IEnumerable<IReadOnlyList<string>> Rows(IEnumerable<VisitRequest> requests, IReadOnlyList<Site> sites)
    {
        ArgumentNullException.ThrowIfNull(requests);
        ArgumentNullException.ThrowIfNull(sites);
        foreach (var r in requests)
        {
            var window = r.Windows.Count > 0 ? r.Windows[0] : null;
            string Count(ApplicantCategory c) => r.Applicants.FirstOrDefault(a => a.Category == c) is { Count: > 0 } a ? a.Count.ToString(CultureInfo.InvariantCulture) : "";
            yield return
            [
                sites.FirstOrDefault(s => s.Id == r.SiteId)?.Name ?? "",
                Count(ApplicantCategory.Child6To14WithGuardian), Count(ApplicantCategory.Age14Plus), Count(ApplicantCategory.Elderly),
                Count(ApplicantCategory.BedriddenOrDisabled), Count(ApplicantCategory.CareCentreResident),
                r.ContactName ?? "", r.ContactPhone ?? "",
                window is null ? "" : Day(window.Date), window is null ? "" : Clock(window.Start), window is null ? "" : Clock(window.End),
                r.Priority.ToString(CultureInfo.InvariantCulture), r.Deadline is { } d ? Day(d) : "", r.Note ?? "",
            ];
        }
    }

    /// <summary>
    /// The file's requests for the unit, or every problem found (then no request at all: the import is all or nothing).
    /// A row that is already one of the unit's open <paramref name="stored"/> requests (same site, contact and first
    /// window) is a problem too: the same list imported twice would send the team twice.
    /// </summary>
    public static (IReadOnlyList<VisitRequest> Requests, IReadOnlyList<SheetProblem> Problems) Read(SheetTable table, long stationId, IReadOnlyList<Site> sites,
        IReadOnlyList<VisitRequest>? stored = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(sites);
        var (index, headerProblems) = Index(table, Columns);
        var problems = headerProblems.ToList();
        if (problems.Count > 0)
        {
            return ([], problems);
        }

        if (table.Rows.All(r => r.IsEmpty))
        {
            return ([], [new SheetProblem(2, "", "", "Tệp không có dòng nào.", "The file has no rows.")]);
        }

        var byName = sites.GroupBy(s => Normalize(s.Name)).ToDictionary(g => g.Key, g => g.First());
        var known = (stored ?? []).Where(r => r.Status == VisitRequestStatus.Open).Select(Key).ToHashSet();
        var requests = new List<VisitRequest>();
        foreach (var row in table.Rows.Where(r => !r.IsEmpty))
        {
            var before = problems.Count;
            string Cell(string key) => index.TryGetValue(key, out var i) ? row[i] : "";
            void Problem(string key, string vi, string en) =>
                problems.Add(new SheetProblem(row.Number, Columns.First(c => c.Key == key).Vietnamese, Cell(key), vi, en));

            long siteId = 0;
            if (Cell("site").Length == 0)
            {
                Problem("site", "Trường này là bắt buộc.", "This field is required.");
            }
            else if (byName.TryGetValue(Normalize(Cell("site")), out var site))
            {
                siteId = site.Id;
            }
            else
            {
                Problem("site", "Không có địa điểm nào của đơn vị mang tên này (thêm ở trang Địa điểm).", "The unit has no site of this name (add it on the Sites page).");
            }

            var groups = new List<ApplicantGroup>();
            var groupKeys = new List<string>();
            foreach (var category in Enum.GetValues<ApplicantCategory>())
            {
                var key = category.ToString();
                var text = Cell(key);
                if (text.Length == 0)
                {
                    continue;
                }

                if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n))
                {
                    if (n != 0)
                    {
                        groups.Add(new ApplicantGroup(category, n, null));
                        groupKeys.Add(key);
                    }
                }
                else
                {
                    Problem(key, "Phải là một số nguyên.", "Must be a whole number.");
                }
            }

            var date = ReadDate(Cell("date"), required: true, () => Problem("date", "Ngày phải có dạng yyyy-MM-dd hoặc dd/MM/yyyy.", "The date must be yyyy-MM-dd or dd/MM/yyyy."),
                () => Problem("date", "Trường này là bắt buộc.", "This field is required."));
            var start = ReadTime(Cell("start"), () => Problem("start", "Giờ phải có dạng HH:mm.", "The time must be HH:mm."), () => Problem("start", "Trường này là bắt buộc.", "This field is required."));
            var end = ReadTime(Cell("end"), () => Problem("end", "Giờ phải có dạng HH:mm.", "The time must be HH:mm."), () => Problem("end", "Trường này là bắt buộc.", "This field is required."));
            var priority = DefaultPriority;
            if (Cell("priority").Length > 0 && !int.TryParse(Cell("priority"), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out priority))
            {
                Problem("priority", "Phải là một số nguyên.", "Must be a whole number.");
            }

            var deadline = ReadDate(Cell("deadline"), required: false,
                () => Problem("deadline", "Ngày phải có dạng yyyy-MM-dd hoặc dd/MM/yyyy.", "The date must be yyyy-MM-dd or dd/MM/yyyy."), () => { });
            List<AvailabilityWindow> windows = date is { } d && start is { } s && end is { } e ? [new AvailabilityWindow(d, s, e)] : [];
            var request = new VisitRequest(0, stationId, siteId, groups, DefaultSetupMinutes, windows, RequiredPresence.None, priority, deadline,
                DefaultFailureShare, VisitRequestStatus.Open, Optional(Cell("note")), Optional(Cell("contactName")), Optional(Cell("contactPhone")));
            var reported = problems.Skip(before).Select(p => p.Column).ToHashSet(StringComparer.Ordinal);
            foreach (var error in DomainValidators.Validate(request))
            {
                var key = error.Field switch
                {
                    "siteId" => "site",
                    "applicants" => nameof(ApplicantCategory.Child6To14WithGuardian),
                    "contactName" or "contactPhone" or "priority" or "note" => error.Field,
                    _ when ResourceForm.IndexOf(error.Field, "applicants") is { } a && a < groupKeys.Count => groupKeys[a],
                    _ when error.Field.StartsWith("windows[", StringComparison.Ordinal) => "end",
                    _ => null,
                };
                var header = key is null ? error.Field : Columns.First(c => c.Key == key).Vietnamese;
                if (!reported.Contains(header))
                {
                    problems.Add(new SheetProblem(row.Number, header, key is null ? error.Value ?? "" : Cell(key), error.MessageVi, error.MessageEn));
                }
            }

            if (problems.Count == before && known.Contains(Key(request)))
            {
                problems.Add(new SheetProblem(row.Number, Columns[0].Vietnamese, Cell("site"),
                    "Yêu cầu này đã có (cùng địa điểm, người liên hệ và ngày giờ): bỏ dòng này hoặc sửa yêu cầu đã có.",
                    "This request is already stored (same site, contact and time): remove the row or edit the stored request."));
            }

            if (problems.Count == before)
            {
                requests.Add(request);
            }
        }

        return problems.Count > 0 ? ([], problems) : (requests, problems);
    }

    /// <summary>Where each of <paramref name="columns"/> is in the table (by header, Vietnamese, English or the key), or a problem for each required one that is missing.</summary>
    public static (IReadOnlyDictionary<string, int> Index, IReadOnlyList<SheetProblem> Problems) Index(SheetTable table, IReadOnlyList<Column> columns)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(columns);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < table.Headers.Count; i++)
        {
            var header = Normalize(table.Headers[i]);
            var column = columns.FirstOrDefault(c => Normalize(c.Vietnamese) == header || Normalize(c.English) == header || Normalize(c.Key) == header);
            if (column is not null && !index.ContainsKey(column.Key))
            {
                index[column.Key] = i;
            }
        }

        var problems = columns.Where(c => c.Required && !index.ContainsKey(c.Key)).Select(missing => new SheetProblem(1, missing.Vietnamese, "",
            "Thiếu cột này ở dòng tiêu đề (tải mẫu để xem các cột).", "This column is missing from the header row (download the template to see the columns).")).ToList();
        return (index, problems);
    }

    /// <summary>What makes two requests the same visit: site, contact (phone, else name) and first window.</summary>
    private static (long SiteId, string Contact, AvailabilityWindow? Window) Key(VisitRequest request) =>
        (request.SiteId, VietnamPhone.Normalize(request.ContactPhone) ?? Normalize(request.ContactName ?? ""), request.Windows.Count > 0 ? request.Windows[0] : null);

    /// <summary>Header and name matching: case, surrounding spaces and doubled spaces do not matter.</summary>
    private static string Normalize(string text) =>
        string.Join(' ', text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToUpperInvariant().Normalize();

    private static string? Optional(string text) => text.Length > 0 ? text : null;

    public static DateOnly? ReadDate(string text, bool required, Action wrong, Action missing)
    {
        if (text.Length == 0)
        {
            if (required)
            {
                missing();
            }

            return null;
        }

        if (DateOnly.TryParseExact(text, ["yyyy-MM-dd", "d/M/yyyy", "dd/MM/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        wrong();
        return null;
    }

    private static TimeOnly? ReadTime(string text, Action wrong, Action missing)
    {
        if (text.Length == 0)
        {
            missing();
            return null;
        }

        if (TimeOnly.TryParseExact(text, ["HH:mm", "H:mm", "HH:mm:ss", "H'h'mm", "H'h'"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return time;
        }

        wrong();
        return null;
    }

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Clock(TimeOnly time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);
}
