using System.Globalization;
using Outreach.Domain;
using Outreach.Planning.Pickups;
using Outreach.Solver.Rosters;

namespace Outreach.Planning.Rosters;

/// <summary>A mobile team's day from the week's visit plan: who goes, and when it leaves and returns (local minutes).</summary>
public sealed record TeamDayDuty(long TeamId, string TeamName, DateOnly Date, int StartMinute, int EndMinute, IReadOnlyList<long> MemberOfficerIds);

/// <summary>A van's day from a day's pickup plan: its trips from the first departure to the last return (local minutes).</summary>
public sealed record VanDayDuty(long VehicleId, string VehicleName, DateOnly Date, int StartMinute, int EndMinute, int Trips);

/// <summary>What a cover entry of the model stands for, so a short one can be told to the chief.</summary>
public sealed record RosterCoverInfo(DateOnly Date, int StartMinute, int EndMinute, string? Skill, string WhatVi, string WhatEn);

/// <summary>Everything the roster of a station's week is built from.</summary>
public sealed record RosterPlanningInput
{
    public required Station Station { get; init; }
    public required DateOnly Monday { get; init; }
    public required IReadOnlyList<Officer> Officers { get; init; }
    public required IReadOnlyList<Holiday> Holidays { get; init; }
    public IReadOnlyList<Booking> Bookings { get; init; } = [];
    public IReadOnlyList<TeamDayDuty> TeamDays { get; init; } = [];
    public IReadOnlyList<VanDayDuty> VanDays { get; init; } = [];

    /// <summary>Extra desks' demand on holidays and bridge days, in percent of the booked files (the chief sets it).</summary>
    public int HolidayUpliftPercent { get; init; } = 50;

    /// <summary>Chief's pins: (officer, date, shift type id or null for off).</summary>
    public IReadOnlyList<(long OfficerId, DateOnly Date, string? ShiftTypeId)> Pins { get; init; } = [];

    /// <summary>The previous roster's last days per officer (oldest first), for the rest and run rules at the edge.</summary>
    public IReadOnlyDictionary<long, IReadOnlyList<string?>> History { get; init; } = new Dictionary<long, IReadOnlyList<string?>>();

    /// <summary>Minimum rest between shifts (the Labour Code's 12 hours between shifts by default).</summary>
    public int MinRestMinutes { get; init; } = 12 * 60;
}

/// <summary>A station's week as a roster model, with the officers and covers behind its dense indices.</summary>
public sealed record RosterProblem(
    RosterModel Model,
    IReadOnlyList<Officer> Officers,
    IReadOnlyList<RosterCoverInfo> Covers,
    IReadOnlyList<TeamDayDuty> TeamDays,
    IReadOnlyList<VanDayDuty> VanDays,
    IReadOnlyList<string> Notes)
{
    public int OfficerIndex(long officerId)
    {
        for (int o = 0; o < Officers.Count; o++)
        {
            if (Officers[o].Id == officerId)
            {
                return o;
            }
        }

        return -1;
    }
}

/// <summary>
/// Builds a station week's roster model from its facts. Desks: per opening block, files booked (children) times the
/// holiday uplift on holidays and bridge days, over the station's files per desk per hour; each desk needs a capture
/// officer, every two desks an intake clerk, at least one desk while open. Field: each team-day's present members are
/// pinned to a field shift that covers it; each day's vans need as many drivers on field shifts covering the vans' hours.
/// Leave is a day off. Pure.
/// </summary>
public static class RosterProblemBuilder
{
    /// <summary>The desk blocks of a day (local minutes): two hours each from 07:30, the last evening block to 21:00.</summary>
    public static IReadOnlyList<(int Start, int End)> Blocks { get; } =
        [(450, 570), (570, 690), (690, 810), (810, 930), (930, 1020), (1020, 1140), (1140, 1260)];

    public static RosterProblem Build(RosterPlanningInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var monday = input.Monday;
        var builder = new RosterModelBuilder(monday, 7) { MinRestMinutes = input.MinRestMinutes, EveningFairnessWeight = 10, HolidayFairnessWeight = 20 };
        var holidayDays = input.Holidays.Select(h => h.Date.DayNumber - monday.DayNumber).Where(d => d is >= 0 and < 7).ToHashSet();
        foreach (int d in holidayDays)
        {
            builder.AddHoliday(d);
        }

        foreach (var type in RosterShiftCatalogue.Types)
        {
            builder.AddShiftType(type);
        }

        // A team-day is worked in its own hours (from the team plan, to the quarter hour), so rest between a late
        // village evening and the next morning is measured on what the team really does.
        var teamTypes = new Dictionary<(int, int), RosterShiftTypeSpec>();
        foreach (var teamDay in input.TeamDays)
        {
            int start = teamDay.StartMinute / 15 * 15, end = Math.Min(start + 1440, (teamDay.EndMinute + 14) / 15 * 15);
            if (!teamTypes.ContainsKey((start, end)))
            {
                var type = RosterShiftCatalogue.TeamDayType(start, end - start);
                teamTypes[(start, end)] = type;
                builder.AddShiftType(type);
            }
        }

        builder.ForbidSuccession("night", "field");
        builder.ForbidSuccession("night", "field-evening");
        var officers = input.Officers.OrderBy(o => o.Id).ToList();
        var notes = new List<string>();
        var pinned = new Dictionary<(long, int), string?>();

        // Team-days: their present members work a field shift that covers the day.
        foreach (var teamDay in input.TeamDays)
        {
            int day = teamDay.Date.DayNumber - monday.DayNumber;
            var type = teamTypes[(teamDay.StartMinute / 15 * 15, Math.Min((teamDay.StartMinute / 15 * 15) + 1440, (teamDay.EndMinute + 14) / 15 * 15))];
            foreach (long member in teamDay.MemberOfficerIds)
            {
                var officer = officers.FirstOrDefault(o => o.Id == member);
                if (officer is null || officer.Leave.Any(l => l.Covers(teamDay.Date)) || day is < 0 or >= 7)
                {
                    continue;
                }

                pinned[(member, day)] = type.Id;
            }
        }

        foreach (var (officerId, date, typeId) in input.Pins)
        {
            int day = date.DayNumber - monday.DayNumber;
            if (day is >= 0 and < 7)
            {
                pinned[(officerId, day)] = typeId; // the chief's pin wins
            }
        }

        foreach (var officer in officers)
        {
            var daysOff = Enumerable.Range(0, 7).Where(d => officer.Leave.Any(l => l.Covers(monday.AddDays(d)))).ToList();
            int contractMinutes = officer.ContractHoursPerWeek * 60;
            builder.AddOfficer(new RosterOfficerSpec
            {
                Id = officer.Id.ToString(CultureInfo.InvariantCulture),
                Name = officer.Name,
                Skills = RosterShiftCatalogue.SkillNames(officer.Skills),
                Group = GroupOf(officer.Skills),
                DaysOff = daysOff,
                // A team-day's shift type is for that team's members on their pinned days only.
                MaxShiftsPerType = new Dictionary<string, int>(teamTypes.Values.Select(t => KeyValuePair.Create(t.Id,
                    Enumerable.Range(0, 7).Count(d => pinned.TryGetValue((officer.Id, d), out var p) && p == t.Id && !daysOff.Contains(d)))))
                {
                    ["night"] = 2,
                },
                // Contract hours plus a quarter as overtime in a surge week, never past the 48 hours of the Labour Code.
                MaxWeekMinutes = Math.Min(48 * 60, contractMinutes + (contractMinutes / 4)),
                MaxConsecutiveWorkDays = 6,
                History = input.History.TryGetValue(officer.Id, out var history) ? history : [],
            });
            foreach (int d in Enumerable.Range(0, 7))
            {
                if (pinned.TryGetValue((officer.Id, d), out var typeId) && !(typeId is not null && daysOff.Contains(d)))
                {
                    builder.AddPin(new RosterPinSpec(officer.Id.ToString(CultureInfo.InvariantCulture), d, typeId));
                }
            }
        }

        var covers = new List<RosterCoverInfo>();
        void Cover(RosterCoverSpec spec, RosterCoverInfo info)
        {
            builder.AddCover(spec);
            covers.Add(info);
        }

        var station = input.Station;
        for (int d = 0; d < 7; d++)
        {
            var date = monday.AddDays(d);
            bool holiday = holidayDays.Contains(d);
            var opening = station.OpeningHours.Where(h => h.Day == date.DayOfWeek).ToList();
            var booked = input.Bookings.Where(b => b.Date == date && Booking.HoldsSeats(b.Status)).ToList();
            foreach (var (start, end) in Blocks)
            {
                bool open = opening.Any(h => Minute(h.Opens) < end && Minute(h.Closes) > start) || (holiday && opening.Count > 0);
                if (!open)
                {
                    continue;
                }

                int files = booked.Where(b => Minute(b.SlotStart) >= start && Minute(b.SlotStart) < end).Sum(b => b.ChildCount);
                double uplift = holiday ? 1 + (input.HolidayUpliftPercent / 100.0) : 1;
                double perDesk = Math.Max(1, station.FilesPerDeskPerHour) * (end - start) / 60.0;
                int desks = Math.Clamp((int)Math.Ceiling(files * uplift / perDesk), 1, Math.Max(1, station.DeskCount));
                RosterShiftKind[] kinds = [RosterShiftKind.Desk, RosterShiftKind.Evening, RosterShiftKind.Holiday];
                Cover(
                    new RosterCoverSpec { Day = d, BlockStartMinute = start, BlockEndMinute = end, Kinds = kinds, Skill = RosterShiftCatalogue.Capture, Required = desks, ShortWeight = 100, OverWeight = 3 },
                    new RosterCoverInfo(date, start, end, RosterShiftCatalogue.Capture, $"{desks} bàn thu nhận", $"{desks} capture desks"));
                Cover(
                    new RosterCoverSpec { Day = d, BlockStartMinute = start, BlockEndMinute = end, Kinds = kinds, Skill = RosterShiftCatalogue.Intake, Required = (desks + 1) / 2, ShortWeight = 60, OverWeight = 3 },
                    new RosterCoverInfo(date, start, end, RosterShiftCatalogue.Intake, $"{(desks + 1) / 2} cán bộ tiếp nhận", $"{(desks + 1) / 2} intake clerks"));
            }

            var vans = input.VanDays.Where(v => v.Date == date).ToList();
            if (vans.Count > 0)
            {
                int start = vans.Min(v => v.StartMinute), end = vans.Max(v => v.EndMinute);
                if (FieldTypeFor(start, end) is var type && (type.StartMinute > start || type.EndMinute < end))
                {
                    notes.Add($"{date:yyyy-MM-dd}: van hours {PlanClock.Hhmm(start * 60)}-{PlanClock.Hhmm(end * 60)} exceed every field shift");
                }

                // Drivers who go with a team that day are pinned to a field shift and would count: they drive no van.
                var field = FieldTypeFor(start, end);
                int blockStart = Math.Max(start, field.StartMinute), blockEnd = Math.Min(end, field.EndMinute);
                int teamDrivers = pinned.Count(p => p.Key.Item2 == d && p.Value is { } id
                    && (RosterShiftCatalogue.Types.FirstOrDefault(t => t.Id == id) ?? teamTypes.Values.First(t => t.Id == id)) is { Kind: RosterShiftKind.Field } t
                    && t.StartMinute <= blockStart && t.EndMinute >= blockEnd
                    && officers.First(o => o.Id == p.Key.Item1).Skills.HasFlag(OfficerSkills.Driver)
                    && !officers.First(o => o.Id == p.Key.Item1).Leave.Any(l => l.Covers(date)));
                Cover(
                    new RosterCoverSpec { Day = d, BlockStartMinute = blockStart, BlockEndMinute = blockEnd, Kinds = [RosterShiftKind.Field], Skill = RosterShiftCatalogue.Driver, Required = vans.Count + teamDrivers, ShortWeight = 1000, OverWeight = 20 },
                    new RosterCoverInfo(date, start, end, RosterShiftCatalogue.Driver, $"lái {vans.Count} xe đón", $"drive {vans.Count} pickup vans"));
            }
        }

        var problem = new RosterProblem(builder.Build(), officers, covers, input.TeamDays, input.VanDays, notes);
        return problem;
    }

    /// <summary>The field shift that covers [start, end), the earliest-ending one if several, the longest if none.</summary>
    public static RosterShiftTypeSpec FieldTypeFor(int startMinute, int endMinute)
    {
        var fields = RosterShiftCatalogue.Types.Where(t => t.Kind == RosterShiftKind.Field).ToList();
        return fields.Where(t => t.StartMinute <= startMinute && t.EndMinute >= endMinute).OrderBy(t => t.EndMinute).FirstOrDefault()
            ?? fields.MaxBy(t => Math.Min(t.EndMinute, endMinute) - Math.Max(t.StartMinute, startMinute))!;
    }

    private static string GroupOf(OfficerSkills skills)
        => skills.HasFlag(OfficerSkills.TeamLead) ? "lead" : skills.HasFlag(OfficerSkills.Driver) ? "driver" : skills.HasFlag(OfficerSkills.CaptureOperator) ? "capture" : "intake";

    private static int Minute(TimeOnly time) => (time.Hour * 60) + time.Minute;

    /// <summary>Team-days of a Visits plan: per team and date, the first departure to the last arrival, with the team's members.</summary>
    public static IReadOnlyList<TeamDayDuty> TeamDaysOf(PlanContent visits, IReadOnlyList<Team> teams)
    {
        ArgumentNullException.ThrowIfNull(visits);
        return [.. visits.Stops.Where(s => s.ResourceKind == PlanResourceKind.Team)
            .GroupBy(s => (s.ResourceId, s.Date))
            .Select(g =>
            {
                var team = teams.FirstOrDefault(t => t.Id == g.Key.ResourceId);
                int start = PlanClock.ToSeconds(g.Key.Date, g.Min(s => s.Departure < s.Arrival ? s.Departure : s.Arrival)) / 60;
                int end = PlanClock.ToSeconds(g.Key.Date, g.Max(s => s.Arrival > s.Departure ? s.Arrival : s.Departure)) / 60;
                return new TeamDayDuty(g.Key.ResourceId, team?.Name ?? $"#{g.Key.ResourceId}", g.Key.Date, start, end, team?.MemberOfficerIds ?? []);
            })
            .OrderBy(t => t.Date).ThenBy(t => t.TeamId)];
    }

    /// <summary>Van-days of Pickups plans: per vehicle and date, the first departure to the last return, and how many trips.</summary>
    public static IReadOnlyList<VanDayDuty> VanDaysOf(IEnumerable<PlanContent> pickups, IReadOnlyList<Vehicle> vehicles)
    {
        ArgumentNullException.ThrowIfNull(pickups);
        return [.. pickups.SelectMany(p => p.Stops).Where(s => s.ResourceKind == PlanResourceKind.Vehicle)
            .GroupBy(s => (s.ResourceId, s.Date))
            .Select(g => new VanDayDuty(
                g.Key.ResourceId,
                vehicles.FirstOrDefault(v => v.Id == g.Key.ResourceId)?.Name ?? $"#{g.Key.ResourceId}",
                g.Key.Date,
                PlanClock.ToSeconds(g.Key.Date, g.Min(s => s.Arrival < s.Departure ? s.Arrival : s.Departure)) / 60,
                PlanClock.ToSeconds(g.Key.Date, g.Max(s => s.Arrival > s.Departure ? s.Arrival : s.Departure)) / 60,
                g.Select(s => s.TripNumber).Distinct().Count()))
            .OrderBy(v => v.Date).ThenBy(v => v.VehicleId)];
    }
}
