using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Outreach.Solver.Model;

namespace Outreach.Solver.Rosters;

/// <summary>
/// Reads the roster model and writes rosters in the JSON formats of docs/roster-model-format.md. Days are ISO dates,
/// times "HH:mm" (hours up to 47 for a block past midnight). Stateless and thread-safe.
/// </summary>
public static class RosterJson
{
    /// <summary>Version of the roster JSON format this engine reads and writes.</summary>
    public const int FormatVersion = 1;

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>Parses and validates a model; errors name the JSON field and value.</summary>
    public static RosterModel ReadModel(string json)
    {
        Document document;
        try
        {
            document = JsonSerializer.Deserialize<Document>(json, Options) ?? throw new ModelValidationException("$", null, "empty document");
        }
        catch (JsonException e)
        {
            throw new ModelValidationException(e.Path ?? "$", null, e.Message);
        }

        if (document.FormatVersion != FormatVersion)
        {
            throw new ModelValidationException("formatVersion", document.FormatVersion, $"this engine reads version {FormatVersion}");
        }

        var start = ParseDate("startDate", document.StartDate);
        var builder = new RosterModelBuilder(start, document.Days)
        {
            MinRestMinutes = document.MinRestMinutes,
            EveningFairnessWeight = document.Fairness?.EveningWeight ?? 0,
            HolidayFairnessWeight = document.Fairness?.HolidayWeight ?? 0,
        };
        int Day(string field, string? date) => ParseDate(field, date).DayNumber - start.DayNumber;

        var holidays = document.Holidays ?? [];
        for (int i = 0; i < holidays.Count; i++)
        {
            builder.AddHoliday(Day($"holidays[{i}]", holidays[i]));
        }

        var types = document.ShiftTypes ?? [];
        for (int i = 0; i < types.Count; i++)
        {
            var type = types[i];
            builder.AddShiftType(new RosterShiftTypeSpec(
                type.Id ?? "", type.Name ?? type.Id ?? "", ParseTime($"shiftTypes[{i}].start", type.Start, 23), type.Minutes, type.Kind, type.RequiredSkills ?? []));
        }

        var successions = document.ForbiddenSuccessions ?? [];
        foreach (var succession in successions)
        {
            builder.ForbidSuccession(succession.From ?? "", succession.To ?? "");
        }

        var officers = document.Officers ?? [];
        for (int i = 0; i < officers.Count; i++)
        {
            var officer = officers[i];
            var daysOff = officer.DaysOff ?? [];
            builder.AddOfficer(new RosterOfficerSpec
            {
                Id = officer.Id ?? "",
                Name = officer.Name ?? officer.Id ?? "",
                Skills = officer.Skills ?? [],
                Group = officer.Group ?? "",
                DaysOff = [.. daysOff.Select((d, k) => Day($"officers[{i}].daysOff[{k}]", d))],
                MaxShiftsPerType = officer.MaxShifts ?? [],
                MinTotalMinutes = officer.MinTotalMinutes ?? 0,
                MaxTotalMinutes = officer.MaxTotalMinutes ?? int.MaxValue,
                MinWeekMinutes = officer.MinWeekMinutes ?? 0,
                MaxWeekMinutes = officer.MaxWeekMinutes ?? int.MaxValue,
                MinConsecutiveWorkDays = officer.MinConsecutiveWorkDays ?? 1,
                MaxConsecutiveWorkDays = officer.MaxConsecutiveWorkDays ?? int.MaxValue,
                MinConsecutiveDaysOff = officer.MinConsecutiveDaysOff ?? 1,
                MaxWorkingWeekends = officer.MaxWorkingWeekends ?? int.MaxValue,
                History = officer.History ?? [],
            });
        }

        var covers = document.Cover ?? [];
        for (int i = 0; i < covers.Count; i++)
        {
            var cover = covers[i];
            builder.AddCover(new RosterCoverSpec
            {
                Day = Day($"cover[{i}].date", cover.Date),
                ShiftTypeId = cover.ShiftType,
                BlockStartMinute = cover.Block is null ? null : ParseTime($"cover[{i}].block.start", cover.Block.Start, 23),
                BlockEndMinute = cover.Block is null ? null : ParseTime($"cover[{i}].block.end", cover.Block.End, 47),
                Kinds = cover.Kinds,
                Skill = cover.Skill,
                Required = cover.Required,
                ShortWeight = cover.ShortWeight ?? 100,
                OverWeight = cover.OverWeight ?? 0,
                Label = cover.Label,
            });
        }

        var requests = document.Requests ?? [];
        for (int i = 0; i < requests.Count; i++)
        {
            var request = requests[i];
            builder.AddRequest(new RosterRequestSpec(request.Officer ?? "", Day($"requests[{i}].date", request.Date), request.ShiftType, request.Work, request.Weight));
        }

        var pins = document.Pins ?? [];
        for (int i = 0; i < pins.Count; i++)
        {
            var pin = pins[i];
            builder.AddPin(new RosterPinSpec(pin.Officer ?? "", Day($"pins[{i}].date", pin.Date), pin.ShiftType));
        }

        return builder.Build();
    }

    /// <summary>Writes a roster with its checked costs, violations and short covers, and the solver's figures.</summary>
    public static string WriteRoster(RosterModel model, Roster roster, string status, long? bound, double seconds)
    {
        var evaluation = RosterChecker.Check(model, roster);
        var output = new RosterOutput
        {
            FormatVersion = FormatVersion,
            Status = status,
            StartDate = Iso(model.StartDate),
            Cost = new CostOutput(evaluation.Cost.Total, evaluation.Cost.CoverShort, evaluation.Cost.CoverOver, evaluation.Cost.Requests, evaluation.Cost.EveningFairness, evaluation.Cost.HolidayFairness),
            Bound = bound,
            Gap = bound is { } b ? Gap(evaluation.Cost.Total, b) : null,
            Seconds = Math.Round(seconds, 3),
            Rows = [.. Enumerable.Range(0, model.OfficerCount).Select(o => new RowOutput(
                model.Officers[o].Id,
                [.. Enumerable.Range(0, model.DayCount).Select(d => roster[o, d] < 0 ? null : model.ShiftTypes[roster[o, d]].Id)]))],
            Violations = [.. evaluation.Violations.Select(v => new ViolationOutput(
                ToCamel(v.Rule.ToString()), model.Officers[v.Officer].Id, v.Day < 0 ? null : Iso(model.DateOf(v.Day)), v.Detail))],
            Shortages = [.. ShortageExplainer.Explain(model, roster).Select(s => new ShortageOutput(
                s.Cover,
                Iso(model.DateOf(model.Covers[s.Cover].Day)),
                model.Covers[s.Cover].ShiftTypeId,
                model.Covers[s.Cover].Skill,
                model.Covers[s.Cover].Label,
                s.ShortBy,
                s.Reasons.ToDictionary(p => ToCamel(p.Key.ToString()), p => p.Value),
                s.Rules.ToDictionary(p => ToCamel(p.Key.ToString()), p => p.Value)))],
        };
        return JsonSerializer.Serialize(output, Options);
    }

    /// <summary>Relative gap of a cost to a lower bound: (cost - bound) / cost, 0 when both are 0.</summary>
    public static double Gap(long cost, long bound) => cost <= 0 ? 0 : Math.Max(0, (double)(cost - bound) / cost);

    /// <summary>Reads the rows of a roster written by <see cref="WriteRoster"/> (officers and types by id).</summary>
    public static Roster ReadRoster(RosterModel model, string json)
    {
        var output = JsonSerializer.Deserialize<RosterOutput>(json, Options) ?? throw new ModelValidationException("$", null, "empty document");
        var roster = new Roster(model.OfficerCount, model.DayCount);
        foreach (var row in output.Rows ?? [])
        {
            int o = model.OfficerIndex(row.Officer);
            if (o < 0)
            {
                throw new ModelValidationException("rows.officer", row.Officer, "unknown officer");
            }

            for (int d = 0; d < Math.Min(model.DayCount, row.Shifts.Count); d++)
            {
                string? id = row.Shifts[d];
                roster[o, d] = id is null ? RosterModel.Off
                    : model.TypeIndex.TryGetValue(id, out int t) ? t : throw new ModelValidationException("rows.shifts", id, "unknown shift type");
            }
        }

        return roster;
    }

    private static string ToCamel(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly ParseDate(string field, string? value)
        => DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new ModelValidationException(field, value, "a date yyyy-MM-dd");

    private static int ParseTime(string field, string? value, int maxHour)
    {
        var parts = value?.Split(':') ?? [];
        if (parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int h)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int m) && h <= maxHour && m < 60 && parts[1].Length == 2)
        {
            return (h * 60) + m;
        }

        throw new ModelValidationException(field, value, $"a time HH:mm (hours 0-{maxHour})");
    }

    private sealed class Document
    {
        public int FormatVersion { get; set; }
        public string? StartDate { get; set; }
        public int Days { get; set; }
        public List<string>? Holidays { get; set; }
        public int MinRestMinutes { get; set; }
        public List<SuccessionDocument>? ForbiddenSuccessions { get; set; }
        public FairnessDocument? Fairness { get; set; }
        public List<ShiftTypeDocument>? ShiftTypes { get; set; }
        public List<OfficerDocument>? Officers { get; set; }
        public List<CoverDocument>? Cover { get; set; }
        public List<RequestDocument>? Requests { get; set; }
        public List<PinDocument>? Pins { get; set; }
    }

    private sealed record SuccessionDocument(string? From, string? To);

    private sealed record FairnessDocument(int EveningWeight, int HolidayWeight);

    private sealed record ShiftTypeDocument(string? Id, string? Name, string? Start, int Minutes, RosterShiftKind Kind, List<string>? RequiredSkills);

    private sealed class OfficerDocument
    {
        public string? Id { get; set; }
        public string? Name { get; set; }
        public List<string>? Skills { get; set; }
        public string? Group { get; set; }
        public List<string>? DaysOff { get; set; }
        public Dictionary<string, int>? MaxShifts { get; set; }
        public int? MinTotalMinutes { get; set; }
        public int? MaxTotalMinutes { get; set; }
        public int? MinWeekMinutes { get; set; }
        public int? MaxWeekMinutes { get; set; }
        public int? MinConsecutiveWorkDays { get; set; }
        public int? MaxConsecutiveWorkDays { get; set; }
        public int? MinConsecutiveDaysOff { get; set; }
        public int? MaxWorkingWeekends { get; set; }
        public List<string?>? History { get; set; }
    }

    private sealed record BlockDocument(string? Start, string? End);

    private sealed record CoverDocument(
        string? Date, string? ShiftType, BlockDocument? Block, List<RosterShiftKind>? Kinds, string? Skill, int Required, int? ShortWeight, int? OverWeight, string? Label);

    private sealed record RequestDocument(string? Officer, string? Date, string? ShiftType, bool Work, int Weight);

    private sealed record PinDocument(string? Officer, string? Date, string? ShiftType);

    private sealed class RosterOutput
    {
        public int FormatVersion { get; set; }
        public string Status { get; set; } = "";
        public string StartDate { get; set; } = "";
        public CostOutput? Cost { get; set; }
        public long? Bound { get; set; }
        public double? Gap { get; set; }
        public double Seconds { get; set; }
        public List<RowOutput>? Rows { get; set; }
        public List<ViolationOutput>? Violations { get; set; }
        public List<ShortageOutput>? Shortages { get; set; }
    }

    private sealed record CostOutput(long Total, long CoverShort, long CoverOver, long Requests, long EveningFairness, long HolidayFairness);

    private sealed record RowOutput(string Officer, List<string?> Shifts);

    private sealed record ViolationOutput(string Rule, string Officer, string? Date, string Detail);

    private sealed record ShortageOutput(
        int Cover, string Date, string? ShiftType, string? Skill, string? Label, int ShortBy, Dictionary<string, int> Reasons, Dictionary<string, int> Rules);
}
