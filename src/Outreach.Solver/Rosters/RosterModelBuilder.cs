using Outreach.Solver.Model;

namespace Outreach.Solver.Rosters;

/// <summary>
/// Collects a roster problem and validates it once into a <see cref="RosterModel"/>; every error names the field and
/// value (<see cref="ModelValidationException"/>). Not thread-safe.
/// </summary>
public sealed class RosterModelBuilder
{
    private readonly DateOnly startDate;
    private readonly int dayCount;
    private readonly HashSet<int> holidays = [];
    private readonly List<RosterShiftTypeSpec> shiftTypes = [];
    private readonly List<RosterOfficerSpec> officers = [];
    private readonly List<RosterCoverSpec> covers = [];
    private readonly List<RosterRequestSpec> requests = [];
    private readonly List<RosterPinSpec> pins = [];
    private readonly List<(string From, string To)> successions = [];

    /// <summary>A horizon of <paramref name="dayCount"/> days from <paramref name="startDate"/> (1 to 366 days).</summary>
    public RosterModelBuilder(DateOnly startDate, int dayCount)
    {
        if (dayCount is < 1 or > 366)
        {
            throw new ModelValidationException("days", dayCount, "a horizon has 1 to 366 days");
        }

        this.startDate = startDate;
        this.dayCount = dayCount;
    }

    /// <summary>Minimum rest between two shifts, in minutes; forbidden successions are derived from it.</summary>
    public int MinRestMinutes { get; set; }

    public int EveningFairnessWeight { get; set; }
    public int HolidayFairnessWeight { get; set; }

    public RosterModelBuilder AddHoliday(int day)
    {
        if (day < 0 || day >= dayCount)
        {
            throw new ModelValidationException("holidays", startDate.AddDays(day).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), "outside the horizon");
        }

        holidays.Add(day);
        return this;
    }

    public RosterModelBuilder AddShiftType(RosterShiftTypeSpec spec)
    {
        shiftTypes.Add(spec);
        return this;
    }

    public RosterModelBuilder AddOfficer(RosterOfficerSpec spec)
    {
        officers.Add(spec);
        return this;
    }

    public RosterModelBuilder AddCover(RosterCoverSpec spec)
    {
        covers.Add(spec);
        return this;
    }

    public RosterModelBuilder AddRequest(RosterRequestSpec spec)
    {
        requests.Add(spec);
        return this;
    }

    public RosterModelBuilder AddPin(RosterPinSpec spec)
    {
        pins.Add(spec);
        return this;
    }

    /// <summary>Type <paramref name="to"/> may not be worked the day after type <paramref name="from"/> (e.g. no morning after a night).</summary>
    public RosterModelBuilder ForbidSuccession(string from, string to)
    {
        successions.Add((from, to));
        return this;
    }

    public RosterModel Build()
    {
        if (shiftTypes.Count == 0)
        {
            throw new ModelValidationException("shiftTypes", 0, "at least one shift type is needed");
        }

        var typeIds = new HashSet<string>(StringComparer.Ordinal);
        for (int t = 0; t < shiftTypes.Count; t++)
        {
            var type = shiftTypes[t];
            string at = $"shiftTypes[{t}]";
            if (string.IsNullOrWhiteSpace(type.Id) || !typeIds.Add(type.Id))
            {
                throw new ModelValidationException($"{at}.id", type.Id, "must be present and unique");
            }

            if (type.StartMinute is < 0 or >= 1440)
            {
                throw new ModelValidationException($"{at}.start", type.StartMinute, "minutes after midnight, 0 to 1439");
            }

            if (type.LengthMinutes is < 1 or > 1440)
            {
                throw new ModelValidationException($"{at}.minutes", type.LengthMinutes, "a shift lasts 1 to 1440 minutes");
            }
        }

        if (MinRestMinutes is < 0 or > 1440)
        {
            throw new ModelValidationException("minRestMinutes", MinRestMinutes, "0 to 1440 minutes");
        }

        if (EveningFairnessWeight < 0 || HolidayFairnessWeight < 0)
        {
            throw new ModelValidationException("fairness", Math.Min(EveningFairnessWeight, HolidayFairnessWeight), "weights are not negative");
        }

        int typeCount = shiftTypes.Count;
        var forbidden = new bool[typeCount * typeCount];
        for (int a = 0; a < typeCount; a++)
        {
            for (int b = 0; b < typeCount; b++)
            {
                // Rest from the end of a to the start of b on the next day; two days apart it must always suffice,
                // because the rules look at consecutive days only.
                int restMinutes = 1440 + shiftTypes[b].StartMinute - shiftTypes[a].EndMinute;
                forbidden[(a * typeCount) + b] = restMinutes < MinRestMinutes || restMinutes < 0;
                if (restMinutes + 1440 < MinRestMinutes)
                {
                    throw new ModelValidationException("minRestMinutes", MinRestMinutes, $"'{shiftTypes[b].Id}' two days after '{shiftTypes[a].Id}' would be too close: rest rules look at consecutive days only");
                }
            }
        }

        var typeIndex = shiftTypes.Select((s, i) => (s.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
        for (int i = 0; i < successions.Count; i++)
        {
            var (from, to) = successions[i];
            if (!typeIndex.TryGetValue(from, out int a))
            {
                throw new ModelValidationException($"forbiddenSuccessions[{i}].from", from, "unknown shift type");
            }

            if (!typeIndex.TryGetValue(to, out int b))
            {
                throw new ModelValidationException($"forbiddenSuccessions[{i}].to", to, "unknown shift type");
            }

            forbidden[(a * typeCount) + b] = true;
        }

        var skills = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var type in shiftTypes)
        {
            skills.UnionWith(type.RequiredSkills ?? []);
        }

        var officerIds = new HashSet<string>(StringComparer.Ordinal);
        for (int o = 0; o < officers.Count; o++)
        {
            ValidateOfficer(o, officers[o], typeIndex, officerIds);
            skills.UnionWith(officers[o].Skills);
        }

        for (int c = 0; c < covers.Count; c++)
        {
            ValidateCover(c, covers[c], typeIndex);
            if (covers[c].Skill is not null)
            {
                skills.Add(covers[c].Skill!);
            }
        }

        for (int r = 0; r < requests.Count; r++)
        {
            var request = requests[r];
            string at = $"requests[{r}]";
            RequireOfficer($"{at}.officer", request.OfficerId, officerIds);
            RequireDay($"{at}.day", request.Day);
            RequireTypeOrNull($"{at}.shiftType", request.ShiftTypeId, typeIndex);
            if (request.Weight < 0)
            {
                throw new ModelValidationException($"{at}.weight", request.Weight, "not negative");
            }
        }

        var pinnedCells = new HashSet<(string, int)>();
        for (int p = 0; p < pins.Count; p++)
        {
            var pin = pins[p];
            string at = $"pins[{p}]";
            RequireOfficer($"{at}.officer", pin.OfficerId, officerIds);
            RequireDay($"{at}.day", pin.Day);
            RequireTypeOrNull($"{at}.shiftType", pin.ShiftTypeId, typeIndex);
            if (!pinnedCells.Add((pin.OfficerId, pin.Day)))
            {
                throw new ModelValidationException($"{at}.day", pin.Day, $"officer '{pin.OfficerId}' is pinned twice that day");
            }

            var officer = officers.First(x => x.Id == pin.OfficerId);
            if (pin.ShiftTypeId is not null && officer.DaysOff.Contains(pin.Day))
            {
                throw new ModelValidationException($"{at}.day", pin.Day, $"officer '{pin.OfficerId}' must be off that day");
            }

            var missing = pin.ShiftTypeId is null ? null : (shiftTypes[typeIndex[pin.ShiftTypeId]].RequiredSkills ?? []).FirstOrDefault(s => !officer.Skills.Contains(s, StringComparer.Ordinal));
            if (missing is not null)
            {
                throw new ModelValidationException($"{at}.shiftType", pin.ShiftTypeId, $"officer '{pin.OfficerId}' lacks the skill '{missing}'");
            }
        }

        var holidayFlags = new bool[dayCount];
        foreach (int d in holidays)
        {
            holidayFlags[d] = true;
        }

        return new RosterModel(
            startDate, dayCount, holidayFlags, [.. shiftTypes], [.. officers], [.. skills], [.. covers], [.. requests], [.. pins],
            MinRestMinutes, forbidden, EveningFairnessWeight, HolidayFairnessWeight);
    }

    private void ValidateOfficer(int o, RosterOfficerSpec officer, Dictionary<string, int> typeIndex, HashSet<string> officerIds)
    {
        string at = $"officers[{o}]";
        if (string.IsNullOrWhiteSpace(officer.Id) || !officerIds.Add(officer.Id))
        {
            throw new ModelValidationException($"{at}.id", officer.Id, "must be present and unique");
        }

        foreach (int d in officer.DaysOff)
        {
            RequireDay($"{at}.daysOff", d);
        }

        foreach (var (type, max) in officer.MaxShiftsPerType)
        {
            if (!typeIndex.ContainsKey(type))
            {
                throw new ModelValidationException($"{at}.maxShifts", type, "unknown shift type");
            }

            if (max < 0)
            {
                throw new ModelValidationException($"{at}.maxShifts.{type}", max, "not negative");
            }
        }

        if (officer.MinTotalMinutes < 0 || officer.MinTotalMinutes > officer.MaxTotalMinutes)
        {
            throw new ModelValidationException($"{at}.minTotalMinutes", officer.MinTotalMinutes, "0 up to maxTotalMinutes");
        }

        if (officer.MinWeekMinutes < 0 || officer.MinWeekMinutes > officer.MaxWeekMinutes)
        {
            throw new ModelValidationException($"{at}.minWeekMinutes", officer.MinWeekMinutes, "0 up to maxWeekMinutes");
        }

        if (officer.MinConsecutiveWorkDays < 1 || officer.MinConsecutiveWorkDays > officer.MaxConsecutiveWorkDays)
        {
            throw new ModelValidationException($"{at}.minConsecutiveWorkDays", officer.MinConsecutiveWorkDays, "1 up to maxConsecutiveWorkDays");
        }

        if (officer.MinConsecutiveDaysOff < 1)
        {
            throw new ModelValidationException($"{at}.minConsecutiveDaysOff", officer.MinConsecutiveDaysOff, "at least 1");
        }

        if (officer.MaxWorkingWeekends < 0)
        {
            throw new ModelValidationException($"{at}.maxWorkingWeekends", officer.MaxWorkingWeekends, "not negative");
        }

        if (officer.History.Count > 62)
        {
            throw new ModelValidationException($"{at}.history", officer.History.Count, "at most 62 days of history");
        }

        for (int h = 0; h < officer.History.Count; h++)
        {
            RequireTypeOrNull($"{at}.history[{h}]", officer.History[h], typeIndex);
        }
    }

    private void ValidateCover(int c, RosterCoverSpec cover, Dictionary<string, int> typeIndex)
    {
        string at = $"cover[{c}]";
        RequireDay($"{at}.day", cover.Day);
        bool byType = cover.ShiftTypeId is not null;
        bool byBlock = cover.BlockStartMinute is not null || cover.BlockEndMinute is not null;
        if (byType == byBlock)
        {
            throw new ModelValidationException($"{at}.shiftType", cover.ShiftTypeId, "give either a shift type or a block (start and end)");
        }

        if (byType)
        {
            RequireTypeOrNull($"{at}.shiftType", cover.ShiftTypeId, typeIndex);
        }
        else if (cover.BlockStartMinute is not { } start || cover.BlockEndMinute is not { } end || start < 0 || end <= start || end > 2880)
        {
            throw new ModelValidationException($"{at}.block", $"{cover.BlockStartMinute}-{cover.BlockEndMinute}", "a block starts at 0-1439 minutes and ends after it, by 2880");
        }

        if (cover.Skill is { } skill && string.IsNullOrWhiteSpace(skill))
        {
            throw new ModelValidationException($"{at}.skill", skill, "a skill name, or leave it out for any officer");
        }

        if (cover.Required < 0)
        {
            throw new ModelValidationException($"{at}.required", cover.Required, "not negative");
        }

        if (cover.ShortWeight < 0 || cover.OverWeight < 0)
        {
            throw new ModelValidationException($"{at}.shortWeight", Math.Min(cover.ShortWeight, cover.OverWeight), "weights are not negative");
        }
    }

    private void RequireDay(string field, int day)
    {
        if (day < 0 || day >= dayCount)
        {
            throw new ModelValidationException(field, day, $"a day index from 0 to {dayCount - 1}");
        }
    }

    private static void RequireOfficer(string field, string id, HashSet<string> officerIds)
    {
        if (!officerIds.Contains(id))
        {
            throw new ModelValidationException(field, id, "unknown officer");
        }
    }

    private static void RequireTypeOrNull(string field, string? id, Dictionary<string, int> typeIndex)
    {
        if (id is not null && !typeIndex.ContainsKey(id))
        {
            throw new ModelValidationException(field, id, "unknown shift type");
        }
    }
}
