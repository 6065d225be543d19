using System.Globalization;
using System.Text.Json;
using Outreach.Data;
using Outreach.Domain;
using Outreach.Domain.Validation;
using Outreach.Jobs.Notifications;
using Outreach.Planning.Pickups;
using Outreach.Planning.Rosters;
using Outreach.Rostering;
using Outreach.Solver.Rosters;

namespace Outreach.Jobs.Rosters;

/// <summary>Settings of the roster service: CP-SAT's time limit, seed and workers for a station's week.</summary>
public sealed record RosterPlanningServiceOptions
{
    public TimeSpan TimeLimit { get; init; } = TimeSpan.FromSeconds(5);
    public long Seed { get; init; } = 1;
    public int Workers { get; init; } = 2;
}

/// <summary>A planned and saved roster week.</summary>
public sealed record PlannedRoster(RosterContent Saved, RosterProblem Problem, RosterSolveResult Result, IReadOnlyList<ConsistencyProblem> Consistency);

/// <summary>A roster version with the model it was made from, for pages and edits.</summary>
public sealed record RosterView(RosterContent Content, RosterProblem Problem, Roster Roster, RosterEvaluation Evaluation);

/// <summary>What an edit did: applied, or refused with the rule it would break named (both languages).</summary>
public sealed record RosterEditResult(bool Applied, string? Rule, string? RefusedVi, string? RefusedEn);

/// <summary>What publishing did: published now, and how many officers' messages were queued (and how many have no phone).</summary>
public sealed record PublishedRoster(bool Published, int MessagesQueued, int OfficersWithoutPhone);

/// <summary>
/// Plans a station's roster week from the stores (officers and leave, holidays, bookings, the week's team and van
/// plans, the previous week's roster for the edge), solves it with CP-SAT within the time limit and saves a draft
/// version; applies the chief's edits (pin a shift, swap two officers) only when no hard rule and no field duty
/// breaks; publishes a version and queues each officer's week through the outbox. Thread-safe.
/// </summary>
public sealed class RosterPlanningService(DataStores stores, RosterPlanningServiceOptions options, TimeProvider clock)
{
    public const string ShiftsTemplate = MessageText.RosterShifts;

    public async Task<PlannedRoster> PlanWeekAsync(long stationId, DateOnly monday, int holidayUpliftPercent, string createdBy, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(createdBy);
        if (monday.DayOfWeek != DayOfWeek.Monday)
        {
            throw new DomainValidationException([new ValidationError("monday", monday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                "Tuần phải bắt đầu từ thứ Hai.", "The week must start on a Monday.")]);
        }

        if (holidayUpliftPercent is < 0 or > 500)
        {
            throw new DomainValidationException([new ValidationError("uplift", holidayUpliftPercent.ToString(CultureInfo.InvariantCulture),
                "Mức tăng ngày lễ phải từ 0 đến 500 %.", "The holiday uplift must be 0 to 500 %.")]);
        }

        // The chief's pins of the newest version of this week carry over to the new one.
        var latest = await stores.Plans.GetLatestAsync(stationId, PlanKind.Shifts, monday, monday.AddDays(6), cancellationToken: cancellationToken);
        var previous = latest is null ? null : await stores.Rosters.GetAsync(latest.Id, cancellationToken);
        var pins = previous?.Shifts.Where(s => s.Pinned && s.TeamId is null).Select(s => (s.OfficerId, s.Date, (string?)s.ShiftType)).ToList() ?? [];
        var problem = RosterProblemBuilder.Build(await InputAsync(stationId, monday, holidayUpliftPercent, pins, cancellationToken));
        var result = await Task.Run(() => RosterSolver.Solve(problem.Model, new RosterSolveOptions
        {
            TimeLimit = options.TimeLimit,
            Seed = options.Seed,
            Workers = options.Workers,
            Clock = clock,
        }), cancellationToken);
        if (result.Roster is null)
        {
            // Say which rule: the officer's fixed days alone (team-days, the chief's pins) usually break it already.
            var whyVi = new List<string>();
            var whyEn = new List<string>();
            foreach (int o in result.InfeasibleOfficers)
            {
                var fixedOnly = new Roster(problem.Model.OfficerCount, problem.Model.DayCount);
                for (int d = 0; d < problem.Model.DayCount; d++)
                {
                    fixedOnly[o, d] = problem.Model.PinOf(o, d) ?? RosterModel.Off;
                }

                var broken = RosterChecker.OfficerViolations(problem.Model, fixedOnly, o).FirstOrDefault();
                whyVi.Add(broken is null ? problem.Officers[o].Name : $"{problem.Officers[o].Name} (các ngày đã xếp cố định vi phạm «{RosterSentences.RuleTitle(broken.Rule).Vi}»: {broken.Detail})");
                whyEn.Add(broken is null ? problem.Officers[o].Name : $"{problem.Officers[o].Name} (the fixed days break “{RosterSentences.RuleTitle(broken.Rule).En}”: {broken.Detail})");
            }

            throw new DomainValidationException([new ValidationError("roster", result.Status.ToString(),
                $"Không lập được lịch trực: không có cách xếp nào giữ đủ quy tắc cho {string.Join("; ", whyVi)}.",
                $"No roster: no row keeps every rule for {string.Join("; ", whyEn)}.")]);
        }

        var pinnedCells = pins.Select(p => (p.OfficerId, p.Date)).ToHashSet();
        var content = Content(
            new Plan(0, stationId, PlanKind.Shifts, monday, monday.AddDays(6), 0, PlanStatus.Draft, default, null, createdBy),
            problem, result.Roster, pinnedCells, holidayUpliftPercent, result.Status.ToString().ToLowerInvariant(), result.Bound, result.Elapsed.TotalSeconds);
        var saved = await stores.Rosters.SaveNewVersionAsync(content, cancellationToken);
        var duties = FieldDuties.Assign(problem, result.Roster);
        return new PlannedRoster(saved, problem, result, FieldDuties.Check(problem, result.Roster, duties));
    }

    /// <summary>The stored version with its model rebuilt from today's facts and the version's own pins.</summary>
    public async Task<RosterView?> ViewAsync(long planId, CancellationToken cancellationToken = default)
    {
        var content = await stores.Rosters.GetAsync(planId, cancellationToken);
        if (content is null)
        {
            return null;
        }

        var pins = content.Shifts.Where(s => s.Pinned && s.TeamId is null).Select(s => (s.OfficerId, s.Date, (string?)s.ShiftType)).ToList();
        var problem = RosterProblemBuilder.Build(await InputAsync(content.Plan.StationId, content.Plan.PeriodStart, content.Figures.HolidayUpliftPercent, pins, cancellationToken));
        var roster = ToRoster(problem, content);
        return new RosterView(content, problem, roster, RosterChecker.Check(problem.Model, roster));
    }

    /// <summary>Pins an officer's day to a shift type (null: off) in a draft, if every rule still holds.</summary>
    public Task<RosterEditResult> PinAsync(long planId, long officerId, DateOnly date, string? shiftType, CancellationToken cancellationToken = default)
        => EditAsync(planId, date, [officerId], (problem, roster) =>
        {
            if (shiftType is not null && !problem.Model.TypeIndex.ContainsKey(shiftType))
            {
                return false;
            }

            roster[problem.OfficerIndex(officerId), date.DayNumber - problem.Model.StartDate.DayNumber] = shiftType is null ? RosterModel.Off : problem.Model.TypeIndex[shiftType];
            return true;
        }, cancellationToken);

    /// <summary>Swaps two officers' shifts of a day in a draft, if every rule still holds.</summary>
    public Task<RosterEditResult> SwapAsync(long planId, long officerA, long officerB, DateOnly date, CancellationToken cancellationToken = default)
        => EditAsync(planId, date, [officerA, officerB], (problem, roster) =>
        {
            int a = problem.OfficerIndex(officerA), b = problem.OfficerIndex(officerB), d = date.DayNumber - problem.Model.StartDate.DayNumber;
            (roster[a, d], roster[b, d]) = (roster[b, d], roster[a, d]);
            return true;
        }, cancellationToken);

    private async Task<RosterEditResult> EditAsync(long planId, DateOnly date, long[] officerIds, Func<RosterProblem, Roster, bool> change, CancellationToken cancellationToken)
    {
        var view = await ViewAsync(planId, cancellationToken);
        if (view is null || view.Content.Plan.Status != PlanStatus.Draft)
        {
            return new RosterEditResult(false, "published", "Chỉ sửa được bản nháp.", "Only a draft can be edited.");
        }

        var problem = view.Problem;
        int day = date.DayNumber - problem.Model.StartDate.DayNumber;
        if (day is < 0 or > 6 || officerIds.Any(id => problem.OfficerIndex(id) < 0))
        {
            return new RosterEditResult(false, "input", "Cán bộ hoặc ngày không thuộc lịch này.", "Officer or day not in this roster.");
        }

        var roster = view.Roster.Clone();
        if (!change(problem, roster))
        {
            return new RosterEditResult(false, "input", "Không có loại ca này.", "No such shift type.");
        }

        // The edited cells become the chief's pins; the model's own pins (team-days) stay as they are.
        foreach (long id in officerIds)
        {
            int o = problem.OfficerIndex(id);
            var violation = RosterChecker.OfficerViolations(problem.Model, roster, o).FirstOrDefault(v => !IsChiefPin(view.Content, v, problem));
            if (violation is not null)
            {
                var (titleVi, titleEn) = RosterSentences.RuleTitle(violation.Rule);
                string when = violation.Day >= 0 ? $" {problem.Model.DateOf(violation.Day):dd/MM}" : "";
                return new RosterEditResult(false, violation.Rule.ToString(),
                    $"Không đổi được: vi phạm quy tắc «{titleVi}» — {problem.Officers[o].Name}{when}: {RosterSentences.RuleVi(violation.Rule)} ({RosterSentences.DetailVi(problem.Model, roster, violation)}).",
                    $"Refused: breaks the rule “{titleEn}” — {problem.Officers[o].Name}{when}: {RosterSentences.RuleEn(violation.Rule)} ({violation.Detail}).");
            }
        }

        var duties = FieldDuties.Assign(problem, roster);
        var disagreements = FieldDuties.Check(problem, roster, duties);
        var disagreement = disagreements.Count > 0 ? disagreements[0] : null;
        if (disagreement is not null)
        {
            return new RosterEditResult(false, "field", $"Không đổi được: lịch trực và kế hoạch lưu động/xe đón lệch nhau — {disagreement.Vi}.", $"Refused: the roster and the field plans would disagree — {disagreement.En}.");
        }

        var pinned = view.Content.Shifts.Where(s => s.Pinned).Select(s => (s.OfficerId, s.Date)).ToHashSet();
        foreach (long id in officerIds)
        {
            pinned.Add((id, date));
        }

        var evaluation = RosterChecker.Check(problem.Model, roster);
        var f = view.Content.Figures;
        var content = Content(view.Content.Plan, problem, roster, pinned, f.HolidayUpliftPercent, "edited", f.Bound, f.Seconds);
        bool replaced = await stores.Rosters.ReplaceDraftAsync(planId, content.Shifts, content.Figures with { CostTotal = evaluation.Cost.Total }, content.Gaps, cancellationToken);
        return replaced ? new RosterEditResult(true, null, null, null) : new RosterEditResult(false, "published", "Chỉ sửa được bản nháp.", "Only a draft can be edited.");
    }

    /// <summary>A pin violation of a cell the chief pinned earlier and now changes again is not a violation: the new value is the pin.</summary>
    private static bool IsChiefPin(RosterContent content, RosterViolation violation, RosterProblem problem)
        => violation.Rule == RosterRule.Pin && content.Shifts.Any(s => s.Pinned && s.TeamId is null && s.OfficerId == problem.Officers[violation.Officer].Id
            && s.Date == problem.Model.DateOf(violation.Day));

    /// <summary>Publishes a draft and queues, in the same transaction, each working officer's week to their phone.</summary>
    public async Task<PublishedRoster> PublishAsync(long planId, CancellationToken cancellationToken = default)
    {
        var content = await stores.Rosters.GetAsync(planId, cancellationToken);
        if (content is null || content.Plan.Status != PlanStatus.Draft)
        {
            return new PublishedRoster(false, 0, 0);
        }

        var officers = (await stores.Officers.ListByStationAsync(content.Plan.StationId, cancellationToken)).ToDictionary(o => o.Id);
        var now = clock.GetUtcNow();
        var messages = new List<OutboxMessage>();
        int withoutPhone = 0;
        foreach (var week in content.Shifts.GroupBy(s => s.OfficerId))
        {
            if (!officers.TryGetValue(week.Key, out var officer) || VietnamPhone.Normalize(officer.Phone) is not { } phone)
            {
                withoutPhone++;
                continue;
            }

            string vi = string.Join("; ", week.OrderBy(s => s.Date).Select(s => $"{PlanClock.DayVi(s.Date.DayOfWeek)} {s.Date:dd/MM} {TypeName(s.ShiftType)} {Hhmm(s.StartMinute)}-{Hhmm(s.StartMinute + s.Minutes)}{(s.DutyVi is null ? "" : $" ({s.DutyVi})")}"));
            string en = string.Join("; ", week.OrderBy(s => s.Date).Select(s => $"{s.Date.DayOfWeek} {s.Date:dd/MM} {RosterShiftCatalogue.NameEn(s.ShiftType)} {Hhmm(s.StartMinute)}-{Hhmm(s.StartMinute + s.Minutes)}{(s.DutyEn is null ? "" : $" ({s.DutyEn})")}"));
            var payload = JsonSerializer.Serialize(new Dictionary<string, object?>
            {
                ["Name"] = officer.Name,
                ["Monday"] = content.Plan.PeriodStart.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["Date"] = content.Plan.PeriodEnd.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["ShiftsVi"] = vi,
                ["ShiftsEn"] = en,
            });
            // Same officer, week and shifts: the same key, so publishing again never repeats the message.
            string key = $"roster:{content.Plan.StationId}:{content.Plan.PeriodStart:yyyy-MM-dd}:{officer.Id}:{StableHash(vi)}";
            messages.Add(new OutboxMessage(0, NotificationChannel.Sms, phone, ShiftsTemplate, "vi", payload, key, now, NotificationStatus.Pending, 0, now, null, null, content.Plan.StationId));
        }

        var fresh = 0;
        foreach (var m in messages)
        {
            if (await stores.Outbox.GetByDeduplicationKeyAsync(m.DeduplicationKey, cancellationToken) is null)
            {
                fresh++;
            }
        }

        return await stores.Plans.PublishAsync(planId, messages, cancellationToken)
            ? new PublishedRoster(true, fresh, withoutPhone)
            : new PublishedRoster(false, 0, 0);
    }

    private async Task<RosterPlanningInput> InputAsync(long stationId, DateOnly monday, int uplift, IReadOnlyList<(long, DateOnly, string?)> pins, CancellationToken cancellationToken)
    {
        var station = await stores.Stations.GetAsync(stationId, cancellationToken)
            ?? throw new DomainValidationException([new ValidationError("stationId", stationId.ToString(CultureInfo.InvariantCulture), "Không có đơn vị này.", "No such station.")]);
        var sunday = monday.AddDays(6);
        var teams = await stores.Fleet.ListTeamsAsync(stationId, cancellationToken);
        var vehicles = await stores.Fleet.ListVehiclesAsync(stationId, cancellationToken);
        var visits = await LatestAsync(stationId, PlanKind.Visits, monday, sunday, cancellationToken);
        var pickups = new List<PlanContent>();
        for (var date = monday; date <= sunday; date = date.AddDays(1))
        {
            if (await LatestAsync(stationId, PlanKind.Pickups, date, date, cancellationToken) is { } day)
            {
                pickups.Add(day);
            }
        }

        // The previous week's last two days, for rest and runs across the edge.
        var history = new Dictionary<long, IReadOnlyList<string?>>();
        var before = await stores.Plans.GetLatestAsync(stationId, PlanKind.Shifts, monday.AddDays(-7), monday.AddDays(-1), PlanStatus.Published, cancellationToken);
        if (before is not null && await stores.Rosters.GetAsync(before.Id, cancellationToken) is { } last)
        {
            foreach (var officer in last.Shifts.Select(s => s.OfficerId).Distinct())
            {
                history[officer] = [.. Enumerable.Range(5, 2).Select(d => last.Shifts.FirstOrDefault(s => s.OfficerId == officer && s.Date == before.PeriodStart.AddDays(d))?.ShiftType)];
            }
        }

        return new RosterPlanningInput
        {
            Station = station,
            Monday = monday,
            Officers = await stores.Officers.ListByStationAsync(stationId, cancellationToken),
            Holidays = await stores.Calendar.ListHolidaysAsync(monday, sunday, cancellationToken),
            Bookings = await stores.Bookings.ListAsync(stationId, monday, sunday, cancellationToken: cancellationToken),
            TeamDays = visits is null ? [] : RosterProblemBuilder.TeamDaysOf(visits, teams),
            VanDays = RosterProblemBuilder.VanDaysOf(pickups, vehicles),
            HolidayUpliftPercent = uplift,
            Pins = pins,
            History = history,
        };
    }

    /// <summary>The week's published plan of a kind, else its newest draft.</summary>
    private async Task<PlanContent?> LatestAsync(long stationId, PlanKind kind, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var plan = await stores.Plans.GetLatestAsync(stationId, kind, from, to, PlanStatus.Published, cancellationToken)
            ?? await stores.Plans.GetLatestAsync(stationId, kind, from, to, cancellationToken: cancellationToken);
        return plan is null ? null : await stores.Plans.GetAsync(plan.Id, cancellationToken);
    }

    /// <summary>A roster of the model from a stored version (shift types by id; unknown officers or types are left off).</summary>
    public static Roster ToRoster(RosterProblem problem, RosterContent content)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(content);
        var roster = new Roster(problem.Model.OfficerCount, problem.Model.DayCount);
        foreach (var shift in content.Shifts)
        {
            int o = problem.OfficerIndex(shift.OfficerId), d = shift.Date.DayNumber - problem.Model.StartDate.DayNumber;
            if (o >= 0 && d >= 0 && d < problem.Model.DayCount && problem.Model.TypeIndex.TryGetValue(shift.ShiftType, out int t))
            {
                roster[o, d] = t;
            }
        }

        return roster;
    }

    private static RosterContent Content(Plan plan, RosterProblem problem, Roster roster, HashSet<(long, DateOnly)> pinned, int uplift, string status, long? bound, double seconds)
    {
        var model = problem.Model;
        var duties = FieldDuties.Assign(problem, roster).ToDictionary(x => (x.OfficerId, x.Date));
        var shifts = new List<RosterShift>();
        for (int o = 0; o < model.OfficerCount; o++)
        {
            for (int d = 0; d < model.DayCount; d++)
            {
                int t = roster[o, d];
                if (t < 0)
                {
                    continue;
                }

                var type = model.ShiftTypes[t];
                var date = model.DateOf(d);
                long officerId = problem.Officers[o].Id;
                duties.TryGetValue((officerId, date), out var duty);
                bool modelPin = model.PinOf(o, d) is not null && duty?.TeamId is not null;
                shifts.Add(new RosterShift(0, 0, officerId, date, type.Id, type.StartMinute, type.LengthMinutes, type.Kind.ToString(),
                    pinned.Contains((officerId, date)) || modelPin, duty?.TeamId, duty?.VehicleId, duty?.WhatVi, duty?.WhatEn));
            }
        }

        var cost = RosterChecker.Check(model, roster).Cost;
        var figures = new RosterFigures(uplift, status, cost.Total, cost.CoverShort, cost.CoverOver, cost.Requests, cost.EveningFairness, cost.HolidayFairness, bound, seconds);
        var gaps = RosterSentences.Gaps(problem, roster).Select(g => new RosterGapItem(0, g.Date, g.StartMinute, g.EndMinute, g.Skill, g.Required, g.Staffed, g.Vi, g.En)).ToList();
        return new RosterContent(plan, shifts, figures, gaps);
    }

    private static string TypeName(string id) => RosterShiftCatalogue.Types.FirstOrDefault(t => t.Id == id)?.Name ?? id;

    private static string Hhmm(int minute) => PlanClock.Hhmm(minute % 1440 * 60);

    private static string StableHash(string text)
    {
        uint hash = 2166136261;
        foreach (char c in text)
        {
            hash = (hash ^ c) * 16777619;
        }

        return hash.ToString("x8", CultureInfo.InvariantCulture);
    }
}
