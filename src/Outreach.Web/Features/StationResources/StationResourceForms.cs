using System.Globalization;
using Outreach.Domain;
using Outreach.Domain.Validation;

namespace Outreach.Web.Features.StationResources;

/// <summary>
/// The resource forms turned into domain records: each returns the record, or null with every problem in the form's
/// errors (values that cannot be read first, then <see cref="DomainValidators"/>, the rules the API and the stores apply).
/// Field names are the API's (camelCase); list items are numbered rows ("leave-2-first", "window-1-date").
/// </summary>
public static class StationResourceForms
{
    /// <summary>Rows of leave an officer's form shows: the officer's periods and this many empty ones.</summary>
    public const int SpareRows = 2;

    public const int WindowRows = 3;

    public static readonly OfficerSkills[] Skills = [OfficerSkills.CaptureOperator, OfficerSkills.IntakeClerk, OfficerSkills.Driver, OfficerSkills.TeamLead];

    public static Vehicle? ToVehicle(ResourceForm form, long stationId, long id)
    {
        ArgumentNullException.ThrowIfNull(form);
        var seats = form.Whole("seatCount");
        var wheelchairs = form.Whole("wheelchairPlaces", required: false, whenEmpty: 0);
        var childSeats = form.Whole("childSeatCount", required: false, whenEmpty: 0);
        var profile = Choice<VehicleProfile>(form, "profile", VehicleProfile.Van);
        var vehicle = new Vehicle(id, stationId, form["name"], form.Optional("plate"), seats ?? 1, wheelchairs ?? 0, childSeats ?? 0, profile);
        form.AddDomain(DomainValidators.Validate(vehicle).Where(e => !form.Errors.Has(e.Field)));
        return form.Errors.Any ? null : vehicle;
    }

    public static Officer? ToOfficer(ResourceForm form, long stationId, long id, int leaveRows)
    {
        ArgumentNullException.ThrowIfNull(form);
        var hours = form.Whole("contractHoursPerWeek");
        var skills = OfficerSkills.None;
        foreach (var value in form.List("skills"))
        {
            if (Enum.TryParse<OfficerSkills>(value, out var skill) && Skills.Contains(skill))
            {
                skills |= skill;
            }
            else
            {
                form.Wrong("skills", value, form.Text("Error.NotInList"));
            }
        }

        // Rows left empty are no leave; the domain's "leave[i]" is the i-th row that was filled in.
        var leave = new List<LeavePeriod>();
        var rowOf = new List<int>();
        for (var row = 1; row <= leaveRows; row++)
        {
            var (first, last, reason) = ($"leave-{row}-first", $"leave-{row}-last", $"leave-{row}-reason");
            if (form[first].Length == 0 && form[last].Length == 0 && form[reason].Length == 0)
            {
                continue;
            }

            var firstDay = form.Date(first);
            var lastDay = form[last].Length == 0 ? firstDay : form.Date(last);
            if (firstDay is { } f && lastDay is { } l)
            {
                leave.Add(new LeavePeriod(f, l, form.Optional(reason)));
                rowOf.Add(row);
            }
        }

        var officer = new Officer(id, stationId, form["name"], skills, hours ?? 0, form.Optional("phone"), leave);
        form.AddDomain(DomainValidators.Validate(officer).Where(e => !form.Errors.Has(e.Field)), field =>
            ResourceForm.IndexOf(field, "leave") is { } i && i < rowOf.Count ? $"leave-{rowOf[i]}-last" : field);
        return form.Errors.Any ? null : officer;
    }

    /// <summary>A team; members and the vehicle must be the unit's own (<paramref name="officers"/>, <paramref name="vehicles"/>).</summary>
    public static Team? ToTeam(ResourceForm form, long stationId, long id, IReadOnlyList<Officer> officers, IReadOnlyList<Vehicle> vehicles)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(officers);
        ArgumentNullException.ThrowIfNull(vehicles);
        var members = new List<long>();
        foreach (var value in form.List("members"))
        {
            if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var officerId) && officers.Any(o => o.Id == officerId))
            {
                members.Add(officerId);
            }
            else
            {
                form.Wrong("members", value, Text(form, "Error.NotOurOfficer"));
            }
        }

        long? vehicleId = null;
        if (form["vehicleId"].Length > 0)
        {
            if (long.TryParse(form["vehicleId"], NumberStyles.None, CultureInfo.InvariantCulture, out var v) && vehicles.Any(x => x.Id == v))
            {
                vehicleId = v;
            }
            else
            {
                form.Wrong("vehicleId", form["vehicleId"], Text(form, "Error.NotOurVehicle"));
            }
        }

        var kits = form.Whole("kitCount");
        var start = form.Time("workStart");
        var end = form.Time("workEnd");
        var evening = form.Whole("maxEveningHoursPerWeek", required: false, whenEmpty: 0);
        var holiday = form.Whole("maxHolidayHoursPerWeek", required: false, whenEmpty: 0);
        var profile = vehicleId is { } chosen ? vehicles.First(x => x.Id == chosen).Profile : Choice<VehicleProfile>(form, "profile", VehicleProfile.Van);
        var team = new Team(id, stationId, form["name"], members, vehicleId, profile, kits ?? 0,
            start ?? new TimeOnly(7, 30), end ?? (start ?? new TimeOnly(7, 30)).AddHours(9), evening ?? 0, holiday ?? 0);
        form.AddDomain(DomainValidators.Validate(team).Where(e => !form.Errors.Has(e.Field)),
            field => field.StartsWith("memberOfficerIds", StringComparison.Ordinal) ? "members" : field);
        return form.Errors.Any ? null : team;
    }

    public static Site? ToSite(ResourceForm form, long stationId, long id)
    {
        ArgumentNullException.ThrowIfNull(form);
        var latitude = form.Real("latitude");
        var longitude = form.Real("longitude");
        var kind = Choice<SiteKind>(form, "kind", SiteKind.PickupPoint);
        var site = new Site(id, stationId, form["name"], kind, new GeoPoint(longitude ?? 0, latitude ?? 0), form.Optional("unitCode"),
            IsIllustrativePosition: false, form.Optional("note"));
        form.AddDomain(DomainValidators.Validate(site).Where(e => !form.Errors.Has(e.Field) && !(e.Field == "location" && (latitude is null || longitude is null))),
            field => field == "location" ? "latitude" : field);
        return form.Errors.Any ? null : site;
    }

    /// <summary>A visit request at one of the unit's <paramref name="sites"/>; <paramref name="existing"/> keeps what the form does not show.</summary>
    public static VisitRequest? ToVisitRequest(ResourceForm form, long stationId, VisitRequest? existing, IReadOnlyList<Site> sites)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(sites);
        long siteId = 0;
        if (form["siteId"].Length == 0)
        {
            form.Missing("siteId");
        }
        else if (long.TryParse(form["siteId"], NumberStyles.None, CultureInfo.InvariantCulture, out var s) && sites.Any(x => x.Id == s))
        {
            siteId = s;
        }
        else
        {
            form.Wrong("siteId", form["siteId"], Text(form, "Error.NotOurSite"));
        }

        var groups = new List<ApplicantGroup>();
        var groupField = new List<string>();
        foreach (var category in Enum.GetValues<ApplicantCategory>())
        {
            var field = $"count{category}";
            if (form.Whole(field, required: false) is { } n && n != 0)
            {
                var old = existing?.Applicants.FirstOrDefault(a => a.Category == category);
                groups.Add(new ApplicantGroup(category, n, old?.CaptureMinutesOverride));
                groupField.Add(field);
            }
        }

        var windows = new List<AvailabilityWindow>();
        var windowRow = new List<int>();
        for (var row = 1; row <= WindowRows; row++)
        {
            var (date, start, end) = ($"window-{row}-date", $"window-{row}-start", $"window-{row}-end");
            if (form[date].Length == 0 && form[start].Length == 0 && form[end].Length == 0)
            {
                continue;
            }

            var d = form.Date(date);
            var from = form.Time(start);
            var to = form.Time(end);
            if (d is { } day && from is { } f && to is { } t)
            {
                windows.Add(new AvailabilityWindow(day, f, t));
                windowRow.Add(row);
            }
        }

        var presence = RequiredPresence.None;
        foreach (var value in form.List("presence"))
        {
            if (Enum.TryParse<RequiredPresence>(value, out var p) && p != RequiredPresence.None && Enum.IsDefined(p))
            {
                presence |= p;
            }
        }

        var priority = form.Whole("priority", required: false, whenEmpty: 50);
        var setup = form.Whole("setupMinutes", required: false, whenEmpty: 10);
        var deadline = form.Date("deadline", required: false);
        var status = Choice(form, "status", existing?.Status ?? VisitRequestStatus.Open);
        var request = new VisitRequest(existing?.Id ?? 0, stationId, siteId, groups, setup ?? 10, windows, presence, priority ?? 50,
            deadline, existing?.ExpectedFailureShare ?? 0.1, status, form.Optional("note"), form.Optional("contactName"), form.Optional("contactPhone"));
        form.AddDomain(DomainValidators.Validate(request).Where(e => !form.Errors.Has(e.Field)), field =>
            field == "applicants" ? $"count{ApplicantCategory.Child6To14WithGuardian}"
            : ResourceForm.IndexOf(field, "applicants") is { } a && a < groupField.Count ? groupField[a]
            : ResourceForm.IndexOf(field, "windows") is { } w && w < windowRow.Count ? $"window-{windowRow[w]}-end"
            : field);
        return form.Errors.Any ? null : request;
    }

    private static T Choice<T>(ResourceForm form, string field, T fallback)
        where T : struct, Enum
    {
        var value = form[field];
        if (value.Length == 0)
        {
            return fallback;
        }

        if (System.Enum.TryParse<T>(value, ignoreCase: true, out var parsed) && System.Enum.IsDefined(parsed) && !int.TryParse(value, out _))
        {
            return parsed;
        }

        form.Wrong(field, value, Text(form, "Error.NotInList"));
        return fallback;
    }

    private static string Text(ResourceForm form, string key) => form.Text(key);
}
