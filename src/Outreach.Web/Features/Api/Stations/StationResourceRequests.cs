using Outreach.Domain;
using Outreach.Domain.Validation;

namespace Outreach.Web.Features.Api.Stations;

/// <summary>
/// Bodies of POST /api/stations/{id}/vehicles, /teams, /officers and /visit-requests, and what those routes return. Each
/// turns into the domain record and is checked by <see cref="DomainValidators"/>, the rules of the staff pages and the
/// stores; a field left out is named as missing. Field names are those of the errors a bad request gets back.
/// </summary>
public sealed record VehicleRequest(string? Name, string? Plate, int? SeatCount, int? WheelchairPlaces, int? ChildSeatCount, VehicleProfile? Profile)
{
    public (Vehicle? Vehicle, IReadOnlyList<ValidationError> Errors) ToVehicle(long stationId)
    {
        var errors = new List<ValidationError>();
        if (SeatCount is null)
        {
            errors.Add(ApiProblems.Missing("seatCount"));
        }

        var vehicle = new Vehicle(0, stationId, Name ?? "", Plate, SeatCount ?? 0, WheelchairPlaces ?? 0, ChildSeatCount ?? 0, Profile ?? VehicleProfile.Van);
        return Checked(vehicle, errors, DomainValidators.Validate(vehicle));
    }

    internal static (T?, IReadOnlyList<ValidationError>) Checked<T>(T value, List<ValidationError> errors, IReadOnlyList<ValidationError> rules)
        where T : class
    {
        var reported = errors.Select(e => e.Field).ToHashSet(StringComparer.Ordinal);
        errors.AddRange(rules.Where(e => !reported.Contains(e.Field)));
        return errors.Count == 0 ? (value, errors) : (null, errors);
    }
}

public sealed record VehicleResponse(long Id, long StationId, string Name, string? Plate, int SeatCount, int WheelchairPlaces, int ChildSeatCount, VehicleProfile Profile)
{
    public static VehicleResponse From(Vehicle v)
    {
        ArgumentNullException.ThrowIfNull(v);
        return new(v.Id, v.HomeStationId, v.Name, v.Plate, v.SeatCount, v.WheelchairPlaces, v.ChildSeatCount, v.Profile);
    }
}

/// <summary>A team: members must be officers of the unit and the vehicle one of its vehicles (checked by the route).</summary>
public sealed record TeamRequest(
    string? Name,
    IReadOnlyList<long>? MemberOfficerIds,
    long? VehicleId,
    VehicleProfile? Profile,
    int? KitCount,
    TimeOnly? WorkStart,
    TimeOnly? WorkEnd,
    int? MaxEveningHoursPerWeek,
    int? MaxHolidayHoursPerWeek)
{
    public (Team? Team, IReadOnlyList<ValidationError> Errors) ToTeam(long stationId, IReadOnlyList<Officer> officers, IReadOnlyList<Vehicle> vehicles)
    {
        ArgumentNullException.ThrowIfNull(officers);
        ArgumentNullException.ThrowIfNull(vehicles);
        var errors = new List<ValidationError>();
        foreach (var (field, missing) in new[] { ("kitCount", KitCount is null), ("workStart", WorkStart is null), ("workEnd", WorkEnd is null) })
        {
            if (missing)
            {
                errors.Add(ApiProblems.Missing(field));
            }
        }

        var members = MemberOfficerIds ?? [];
        for (var i = 0; i < members.Count; i++)
        {
            if (!officers.Any(o => o.Id == members[i]))
            {
                errors.Add(new ValidationError($"memberOfficerIds[{i}]", members[i].ToString(System.Globalization.CultureInfo.InvariantCulture),
                    "Không phải cán bộ của đơn vị.", "Not an officer of this unit."));
            }
        }

        var vehicle = VehicleId is { } v ? vehicles.FirstOrDefault(x => x.Id == v) : null;
        if (VehicleId is { } asked && vehicle is null)
        {
            errors.Add(new ValidationError("vehicleId", asked.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "Không phải xe của đơn vị.", "Not a vehicle of this unit."));
        }

        var start = WorkStart ?? new TimeOnly(7, 30);
        var team = new Team(0, stationId, Name ?? "", members, vehicle?.Id, vehicle?.Profile ?? Profile ?? VehicleProfile.Van, KitCount ?? 0,
            start, WorkEnd ?? start.AddHours(1), MaxEveningHoursPerWeek ?? 0, MaxHolidayHoursPerWeek ?? 0);
        return VehicleRequest.Checked(team, errors, DomainValidators.Validate(team));
    }
}

public sealed record TeamResponse(long Id, long StationId, string Name, IReadOnlyList<long> MemberOfficerIds, long? VehicleId, VehicleProfile Profile,
    int KitCount, TimeOnly WorkStart, TimeOnly WorkEnd, int MaxEveningHoursPerWeek, int MaxHolidayHoursPerWeek)
{
    public static TeamResponse From(Team t)
    {
        ArgumentNullException.ThrowIfNull(t);
        return new(t.Id, t.HomeStationId, t.Name, t.MemberOfficerIds, t.VehicleId, t.Profile, t.KitCount, t.WorkStart, t.WorkEnd,
            t.MaxEveningHoursPerWeek, t.MaxHolidayHoursPerWeek);
    }
}

/// <summary>Days off, both ends inclusive: {"firstDay": "2026-12-14", "lastDay": "2026-12-16", "reason": "Phép năm"}.</summary>
public sealed record LeaveDto(DateOnly? FirstDay, DateOnly? LastDay, string? Reason);

/// <summary>An officer: skills as a list of names ("captureOperator", "intakeClerk", "driver", "teamLead").</summary>
public sealed record OfficerRequest(string? Name, IReadOnlyList<OfficerSkills>? Skills, int? ContractHoursPerWeek, string? Phone, IReadOnlyList<LeaveDto?>? Leave)
{
    public (Officer? Officer, IReadOnlyList<ValidationError> Errors) ToOfficer(long stationId)
    {
        var errors = new List<ValidationError>();
        if (ContractHoursPerWeek is null)
        {
            errors.Add(ApiProblems.Missing("contractHoursPerWeek"));
        }

        var leave = new List<LeavePeriod>();
        for (var i = 0; i < (Leave?.Count ?? 0); i++)
        {
            if (Leave![i] is not { FirstDay: { } first } l)
            {
                errors.Add(ApiProblems.Missing($"leave[{i}].firstDay"));
                continue;
            }

            leave.Add(new LeavePeriod(first, l.LastDay ?? first, l.Reason));
        }

        var skills = (Skills ?? []).Aggregate(OfficerSkills.None, (all, s) => all | s);
        var officer = new Officer(0, stationId, Name ?? "", skills, ContractHoursPerWeek ?? 0, Phone, leave);
        // With a leave period left incomplete the indexes no longer match what was sent: their checks wait.
        var rules = DomainValidators.Validate(officer).Where(e => errors.Count == 0 || !e.Field.StartsWith("leave[", StringComparison.Ordinal)).ToList();
        return VehicleRequest.Checked(officer, errors, rules);
    }
}

public sealed record OfficerResponse(long Id, long StationId, string Name, IReadOnlyList<OfficerSkills> Skills, int ContractHoursPerWeek, string? Phone,
    IReadOnlyList<LeaveDto> Leave)
{
    public static OfficerResponse From(Officer o)
    {
        ArgumentNullException.ThrowIfNull(o);
        return new(o.Id, o.StationId, o.Name, [.. Enum.GetValues<OfficerSkills>().Where(s => s != OfficerSkills.None && o.Skills.HasFlag(s))],
            o.ContractHoursPerWeek, o.Phone, [.. o.Leave.Select(l => new LeaveDto(l.FirstDay, l.LastDay, l.Reason))]);
    }
}

public sealed record ApplicantDto(ApplicantCategory? Category, int? Count, int? CaptureMinutesOverride);

public sealed record WindowDto(DateOnly? Date, TimeOnly? Start, TimeOnly? End);

/// <summary>A visit request at one of the unit's sites: people by category, when they are at home, who to call.</summary>
public sealed record VisitRequestRequest(
    long? SiteId,
    IReadOnlyList<ApplicantDto?>? Applicants,
    IReadOnlyList<WindowDto?>? Windows,
    int? SetupMinutes,
    IReadOnlyList<RequiredPresence>? RequiredPresence,
    int? Priority,
    DateOnly? Deadline,
    double? ExpectedFailureShare,
    string? Note,
    string? ContactName,
    string? ContactPhone,
    VisitRequestStatus? Status = null)
{
    public (VisitRequest? Request, IReadOnlyList<ValidationError> Errors) ToVisitRequest(long stationId, IReadOnlyList<Site> sites)
    {
        ArgumentNullException.ThrowIfNull(sites);
        var errors = new List<ValidationError>();
        if (SiteId is null)
        {
            errors.Add(ApiProblems.Missing("siteId"));
        }
        else if (!sites.Any(s => s.Id == SiteId))
        {
            errors.Add(new ValidationError("siteId", SiteId.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "Không phải địa điểm của đơn vị.", "Not a site of this unit."));
        }

        var groups = new List<ApplicantGroup>();
        for (var i = 0; i < (Applicants?.Count ?? 0); i++)
        {
            if (Applicants![i] is not { Category: { } category, Count: { } count } a)
            {
                errors.Add(ApiProblems.Missing($"applicants[{i}]"));
                continue;
            }

            groups.Add(new ApplicantGroup(category, count, a.CaptureMinutesOverride));
        }

        var windows = new List<AvailabilityWindow>();
        for (var i = 0; i < (Windows?.Count ?? 0); i++)
        {
            if (Windows![i] is not { Date: { } date, Start: { } start, End: { } end })
            {
                errors.Add(ApiProblems.Missing($"windows[{i}]"));
                continue;
            }

            windows.Add(new AvailabilityWindow(date, start, end));
        }

        var presence = (RequiredPresence ?? []).Aggregate(Domain.RequiredPresence.None, (all, p) => all | p);
        var request = new VisitRequest(0, stationId, SiteId ?? 0, groups, SetupMinutes ?? 10, windows, presence, Priority ?? 50, Deadline,
            ExpectedFailureShare ?? 0.1, Status ?? VisitRequestStatus.Open, Note, ContactName, ContactPhone);
        var incomplete = errors.Any(e => e.Field.StartsWith("applicants[", StringComparison.Ordinal) || e.Field.StartsWith("windows[", StringComparison.Ordinal));
        var rules = DomainValidators.Validate(request)
            .Where(e => !incomplete || !(e.Field.StartsWith("applicants", StringComparison.Ordinal) || e.Field.StartsWith("windows", StringComparison.Ordinal))).ToList();
        return VehicleRequest.Checked(request, errors, rules);
    }
}

public sealed record VisitRequestResponse(long Id, long StationId, long SiteId, IReadOnlyList<ApplicantDto> Applicants, IReadOnlyList<WindowDto> Windows,
    int SetupMinutes, IReadOnlyList<RequiredPresence> RequiredPresence, int Priority, DateOnly? Deadline, double ExpectedFailureShare,
    VisitRequestStatus Status, string? Note, string? ContactName, string? ContactPhone)
{
    public static VisitRequestResponse From(VisitRequest r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new(r.Id, r.StationId, r.SiteId, [.. r.Applicants.Select(a => new ApplicantDto(a.Category, a.Count, a.CaptureMinutesOverride))],
            [.. r.Windows.Select(w => new WindowDto(w.Date, w.Start, w.End))], r.SetupMinutes,
            [.. Enum.GetValues<RequiredPresence>().Where(p => p != Domain.RequiredPresence.None && r.RequiredPresence.HasFlag(p))],
            r.Priority, r.Deadline, r.ExpectedFailureShare, r.Status, r.Note, r.ContactName, r.ContactPhone);
    }
}
