namespace Outreach.Solver.Rosters;

/// <summary>
/// An immutable, validated duty-roster problem with dense indices: officers <c>o</c> in [0, OfficerCount), days
/// <c>d</c> in [0, DayCount) from <see cref="StartDate"/>, shift types <c>t</c> in [0, ShiftTypeCount), skills <c>s</c>.
/// Only <see cref="RosterModelBuilder"/> makes one. Thread-safe for reading.
/// </summary>
public sealed class RosterModel
{
    internal RosterModel(
        DateOnly startDate,
        int dayCount,
        bool[] isHoliday,
        IReadOnlyList<RosterShiftTypeSpec> shiftTypes,
        IReadOnlyList<RosterOfficerSpec> officers,
        IReadOnlyList<string> skills,
        IReadOnlyList<RosterCoverSpec> covers,
        IReadOnlyList<RosterRequestSpec> requests,
        IReadOnlyList<RosterPinSpec> pins,
        int minRestMinutes,
        bool[] forbiddenNext,
        int eveningFairnessWeight,
        int holidayFairnessWeight)
    {
        StartDate = startDate;
        DayCount = dayCount;
        this.isHoliday = isHoliday;
        ShiftTypes = shiftTypes;
        Officers = officers;
        Skills = skills;
        Covers = covers;
        Requests = requests;
        Pins = pins;
        MinRestMinutes = minRestMinutes;
        this.forbiddenNext = forbiddenNext;
        EveningFairnessWeight = eveningFairnessWeight;
        HolidayFairnessWeight = holidayFairnessWeight;

        int officerCount = officers.Count, typeCount = shiftTypes.Count;
        var skillIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int s = 0; s < skills.Count; s++)
        {
            skillIndex[skills[s]] = s;
        }

        var typeIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int t = 0; t < typeCount; t++)
        {
            typeIndex[shiftTypes[t].Id] = t;
        }

        officerIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int o = 0; o < officerCount; o++)
        {
            officerIndex[officers[o].Id] = o;
        }

        TypeIndex = typeIndex;
        officerHasSkill = new bool[officerCount * Math.Max(1, skills.Count)];
        officerMayWorkType = new bool[officerCount * typeCount];
        maxOfType = new int[officerCount * typeCount];
        dayOff = new bool[officerCount * dayCount];
        pinned = new int[officerCount * dayCount];
        Array.Fill(pinned, NotPinned);
        historyTypes = new int[officerCount][];
        for (int o = 0; o < officerCount; o++)
        {
            var officer = officers[o];
            foreach (var skill in officer.Skills)
            {
                officerHasSkill[o * skills.Count + skillIndex[skill]] = true;
            }

            for (int t = 0; t < typeCount; t++)
            {
                var required = shiftTypes[t].RequiredSkills ?? [];
                officerMayWorkType[o * typeCount + t] = required.All(r => officer.Skills.Contains(r, StringComparer.Ordinal));
                maxOfType[o * typeCount + t] = officer.MaxShiftsPerType.TryGetValue(shiftTypes[t].Id, out int max) ? max : dayCount;
            }

            foreach (int d in officer.DaysOff)
            {
                dayOff[o * dayCount + d] = true;
            }

            historyTypes[o] = [.. officer.History.Select(h => h is null ? Off : typeIndex[h])];
        }

        foreach (var pin in pins)
        {
            pinned[officerIndex[pin.OfficerId] * dayCount + pin.Day] = pin.ShiftTypeId is null ? Off : typeIndex[pin.ShiftTypeId];
        }

        coverDay = new int[covers.Count];
        coverSkill = new int[covers.Count];
        coverIncludesType = new bool[covers.Count * typeCount];
        var byDayType = new List<int>[dayCount * typeCount];
        for (int c = 0; c < covers.Count; c++)
        {
            var cover = covers[c];
            coverDay[c] = cover.Day;
            coverSkill[c] = cover.Skill is null ? -1 : skillIndex[cover.Skill];
            for (int t = 0; t < typeCount; t++)
            {
                bool includes = cover.ShiftTypeId is not null
                    ? shiftTypes[t].Id == cover.ShiftTypeId
                    : shiftTypes[t].StartMinute <= cover.BlockStartMinute && shiftTypes[t].EndMinute >= cover.BlockEndMinute
                      && (cover.Kinds is null || cover.Kinds.Contains(shiftTypes[t].Kind));
                coverIncludesType[c * typeCount + t] = includes;
                if (includes)
                {
                    (byDayType[cover.Day * typeCount + t] ??= []).Add(c);
                }
            }
        }

        coversByDayType = [.. byDayType.Select(l => l?.ToArray() ?? [])];
        weekendOfDay = new int[dayCount];
        int weekends = 0;
        for (int d = 0; d < dayCount; d++)
        {
            var dow = startDate.AddDays(d).DayOfWeek;
            if (dow == DayOfWeek.Saturday || (dow == DayOfWeek.Sunday && d == 0))
            {
                weekendOfDay[d] = weekends++;
            }
            else if (dow == DayOfWeek.Sunday)
            {
                weekendOfDay[d] = weekendOfDay[d - 1];
            }
            else
            {
                weekendOfDay[d] = -1;
            }
        }

        WeekendCount = weekends;
    }

    /// <summary>The value of an off day in rows and history.</summary>
    public const int Off = -1;

    internal const int NotPinned = -2;

    private readonly bool[] isHoliday;
    private readonly bool[] forbiddenNext;          // [a * T + b]: type b may not follow type a on the next day
    private readonly Dictionary<string, int> officerIndex;
    private readonly bool[] officerHasSkill;        // [o * S + s]
    private readonly bool[] officerMayWorkType;     // [o * T + t]: the officer has every skill the type requires
    private readonly int[] maxOfType;               // [o * T + t]: at most this many shifts of type t
    private readonly bool[] dayOff;                 // [o * D + d]: leave, exams
    private readonly int[] pinned;                  // [o * D + d]: a type, Off, or NotPinned
    private readonly int[][] historyTypes;          // [o][i]: the previous roster's days, oldest first
    private readonly int[] coverDay;                // [c]
    private readonly int[] coverSkill;              // [c]: skill index, -1 for any officer
    private readonly bool[] coverIncludesType;      // [c * T + t]: an officer on type t counts for cover c
    private readonly int[][] coversByDayType;       // [d * T + t]: the covers an officer on (d, t) may count for
    private readonly int[] weekendOfDay;            // [d]: weekend index of a Saturday or Sunday, -1 on weekdays

    public DateOnly StartDate { get; }
    public int DayCount { get; }
    public IReadOnlyList<RosterShiftTypeSpec> ShiftTypes { get; }
    public IReadOnlyList<RosterOfficerSpec> Officers { get; }
    public IReadOnlyList<string> Skills { get; }
    public IReadOnlyList<RosterCoverSpec> Covers { get; }
    public IReadOnlyList<RosterRequestSpec> Requests { get; }
    public IReadOnlyList<RosterPinSpec> Pins { get; }
    public IReadOnlyDictionary<string, int> TypeIndex { get; }

    /// <summary>Minimum rest in minutes between the end of one shift and the start of the next (0: none).</summary>
    public int MinRestMinutes { get; }

    /// <summary>Cost per shift of spread (most minus fewest) of evening and night shifts among comparable officers.</summary>
    public int EveningFairnessWeight { get; }

    /// <summary>Cost per shift of spread of holiday shifts (holiday kind, or any shift on a holiday) among comparable officers.</summary>
    public int HolidayFairnessWeight { get; }

    public int OfficerCount => Officers.Count;
    public int ShiftTypeCount => ShiftTypes.Count;
    public int WeekendCount { get; }

    /// <summary>Weeks of 7 days from the first day; the last may be partial.</summary>
    public int WeekCount => (DayCount + 6) / 7;

    public DateOnly DateOf(int day) => StartDate.AddDays(day);
    public bool IsHoliday(int day) => isHoliday[day];
    public int WeekendOf(int day) => weekendOfDay[day];
    public bool IsCompleteWeek(int week) => (week * 7) + 6 < DayCount;
    public int OfficerIndex(string id) => officerIndex.TryGetValue(id, out int o) ? o : -1;

    /// <summary>True when type <paramref name="next"/> may not be worked the day after type <paramref name="previous"/>.</summary>
    public bool IsForbiddenSuccession(int previous, int next) => previous >= 0 && next >= 0 && forbiddenNext[(previous * ShiftTypeCount) + next];

    public bool HasSkill(int officer, int skill) => skill < 0 || officerHasSkill[(officer * Skills.Count) + skill];
    public bool MayWorkType(int officer, int type) => officerMayWorkType[(officer * ShiftTypeCount) + type];
    public int MaxShiftsOfType(int officer, int type) => maxOfType[(officer * ShiftTypeCount) + type];
    public bool IsDayOff(int officer, int day) => dayOff[(officer * DayCount) + day];

    /// <summary>The pinned type, <see cref="Off"/>, or null when the cell is free.</summary>
    public int? PinOf(int officer, int day)
    {
        int p = pinned[(officer * DayCount) + day];
        return p == NotPinned ? null : p;
    }

    public ReadOnlySpan<int> HistoryOf(int officer) => historyTypes[officer];
    public int CoverDay(int cover) => coverDay[cover];
    public int CoverSkill(int cover) => coverSkill[cover];
    public bool CoverIncludesType(int cover, int type) => coverIncludesType[(cover * ShiftTypeCount) + type];
    public ReadOnlySpan<int> CoversOf(int day, int type) => coversByDayType[(day * ShiftTypeCount) + type];

    /// <summary>True when an officer on type <paramref name="type"/> counts for the evening fairness term.</summary>
    public bool IsEveningShift(int type) => ShiftTypes[type].Kind is RosterShiftKind.Evening or RosterShiftKind.Night;

    /// <summary>True when working type <paramref name="type"/> on <paramref name="day"/> counts for the holiday fairness term.</summary>
    public bool IsHolidayShift(int day, int type) => isHoliday[day] || ShiftTypes[type].Kind == RosterShiftKind.Holiday;

    /// <summary>
    /// True when the officer may be given type <paramref name="type"/> on <paramref name="day"/> by the rules that look
    /// at that cell alone: skills, days off, pins and a limit of zero for the type.
    /// </summary>
    public bool CellAllows(int officer, int day, int type)
    {
        if (type == Off)
        {
            var pin = PinOf(officer, day);
            return pin is null || pin == Off;
        }

        var p = PinOf(officer, day);
        if (p is not null)
        {
            return p == type;
        }

        return !IsDayOff(officer, day) && MayWorkType(officer, type) && MaxShiftsOfType(officer, type) > 0;
    }

    /// <summary>Officers grouped for fairness: each group's dense officer indices.</summary>
    public IReadOnlyList<int[]> FairnessGroups()
        => [.. Enumerable.Range(0, OfficerCount).GroupBy(o => Officers[o].Group, StringComparer.Ordinal).Select(g => g.ToArray()).Where(g => g.Length > 1)];
}
