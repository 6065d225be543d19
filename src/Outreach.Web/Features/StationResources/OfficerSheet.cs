using System.Globalization;
using Outreach.Domain;
using Outreach.Domain.Validation;

namespace Outreach.Web.Features.StationResources;

/// <summary>
/// Officers as a spreadsheet: one row per officer with name, phone, contract hours, skills (Vietnamese names or the
/// API's, separated by commas or semicolons) and one leave period. Read by header, Vietnamese or English; each row is
/// checked with <see cref="DomainValidators.Validate(Officer)"/>, the rules of the form and the API. Pure.
/// </summary>
public static class OfficerSheet
{
    public static readonly IReadOnlyList<VisitRequestSheet.Column> Columns =
    [
        new("name", "Họ tên", "Name", Required: true),
        new("phone", "Điện thoại", "Phone"),
        new("contractHoursPerWeek", "Giờ hợp đồng mỗi tuần", "Contract hours per week"),
        new("skills", "Kỹ năng", "Skills"),
        new("leaveFirst", "Nghỉ từ ngày", "Leave from"),
        new("leaveLast", "Nghỉ đến ngày", "Leave until"),
        new("leaveReason", "Lý do nghỉ", "Leave reason"),
    ];

    public const int DefaultContractHours = 40;

    /// <summary>Skill names a sheet may use: the pages' Vietnamese labels and the API's names.</summary>
    private static readonly Dictionary<string, OfficerSkills> SkillNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Thu nhận sinh trắc"] = OfficerSkills.CaptureOperator,
        ["Tiếp nhận hồ sơ"] = OfficerSkills.IntakeClerk,
        ["Lái xe"] = OfficerSkills.Driver,
        ["Tổ trưởng"] = OfficerSkills.TeamLead,
        ["captureOperator"] = OfficerSkills.CaptureOperator,
        ["intakeClerk"] = OfficerSkills.IntakeClerk,
        ["driver"] = OfficerSkills.Driver,
        ["teamLead"] = OfficerSkills.TeamLead,
    };

    public static (IReadOnlyList<Officer> Officers, IReadOnlyList<SheetProblem> Problems) Read(SheetTable table, long stationId)
    {
        ArgumentNullException.ThrowIfNull(table);
        var (index, problems) = VisitRequestSheet.Index(table, Columns);
        if (problems.Count > 0)
        {
            return ([], problems);
        }

        var officers = new List<Officer>();
        var list = problems.ToList();
        foreach (var row in table.Rows.Where(r => !r.IsEmpty))
        {
            var before = list.Count;
            string Cell(string key) => index.TryGetValue(key, out var i) ? row[i] : "";
            void Problem(string key, string vi, string en) => list.Add(new SheetProblem(row.Number, Header(key), Cell(key), vi, en));

            var hours = DefaultContractHours;
            if (Cell("contractHoursPerWeek").Length > 0 && !int.TryParse(Cell("contractHoursPerWeek"), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out hours))
            {
                Problem("contractHoursPerWeek", "Phải là một số nguyên.", "Must be a whole number.");
            }

            var skills = OfficerSkills.None;
            foreach (var name in Cell("skills").Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (SkillNames.TryGetValue(name, out var skill))
                {
                    skills |= skill;
                }
                else
                {
                    Problem("skills", $"Không có kỹ năng “{name}”: dùng {string.Join(", ", SkillNames.Keys.Take(4))}.",
                        $"No skill “{name}”: use {string.Join(", ", SkillNames.Keys.Skip(4))}.");
                }
            }

            var leave = new List<LeavePeriod>();
            var first = VisitRequestSheet.ReadDate(Cell("leaveFirst"), required: false,
                () => Problem("leaveFirst", "Ngày phải có dạng yyyy-MM-dd hoặc dd/MM/yyyy.", "The date must be yyyy-MM-dd or dd/MM/yyyy."), () => { });
            var last = VisitRequestSheet.ReadDate(Cell("leaveLast"), required: false,
                () => Problem("leaveLast", "Ngày phải có dạng yyyy-MM-dd hoặc dd/MM/yyyy.", "The date must be yyyy-MM-dd or dd/MM/yyyy."), () => { });
            if (first is { } f)
            {
                leave.Add(new LeavePeriod(f, last ?? f, Cell("leaveReason") is { Length: > 0 } reason ? reason : null));
            }
            else if (last is not null)
            {
                Problem("leaveFirst", "Trường này là bắt buộc khi có ngày nghỉ đến.", "Required when the leave has a last day.");
            }

            var officer = new Officer(0, stationId, Cell("name"), skills, hours, Cell("phone") is { Length: > 0 } phone ? phone : null, leave);
            var reported = list.Skip(before).Select(p => p.Column).ToHashSet(StringComparer.Ordinal);
            foreach (var error in DomainValidators.Validate(officer))
            {
                var key = error.Field.StartsWith("leave[", StringComparison.Ordinal) ? "leaveLast" : Columns.Any(c => c.Key == error.Field) ? error.Field : null;
                var header = key is null ? error.Field : Header(key);
                if (!reported.Contains(header))
                {
                    list.Add(new SheetProblem(row.Number, header, key is null ? error.Value ?? "" : Cell(key), error.MessageVi, error.MessageEn));
                }
            }

            if (list.Count == before)
            {
                officers.Add(officer);
            }
        }

        if (list.Count == 0 && officers.Count == 0)
        {
            list.Add(new SheetProblem(2, "", "", "Tệp không có dòng nào.", "The file has no rows."));
        }

        return list.Count > 0 ? ([], list) : (officers, list);
    }

    private static string Header(string key) => Columns.First(c => c.Key == key).Vietnamese;
}
