using System.Globalization;
using Microsoft.Extensions.Localization;
using Outreach.Domain;
using Outreach.Domain.Validation;
using Outreach.Web.Features.Bookings;
using Outreach.Web.Features.Localization;

namespace Outreach.Web.Features.StationSettings;

/// <summary>
/// The station settings form as posted, kept as typed so a wrong value comes back with its error. Field names are the
/// HTML names: the seven numbers and the phone use the API's names (deskCount, ..., phone), opening times are
/// "monday-1-opens" (weekday, interval 1 to 3, opens/closes); an interval with both times empty is no interval, a
/// weekday without any is closed; an empty phone is no phone.
/// </summary>
public sealed class StationSettingsForm
{
    /// <summary>The week as a Vietnamese calendar shows it: Monday (Thứ Hai) first, Sunday (Chủ nhật) last.</summary>
    public static IReadOnlyList<DayOfWeek> Week { get; } =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    public const int IntervalsPerDay = StationSettingsRules.MaxIntervalsPerDay;

    public static IReadOnlyList<string> NumberFields { get; } =
        ["deskCount", "filesPerDeskPerHour", "maxRideMinutes", "bookingSlotMinutes", "maxTripsPerVan", "maxBookingsPerTrip", "maxReturnWaitMinutes", "replanToleranceMinutes"];

    public const string PhoneField = "phone";

    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    /// <summary>The text of a field as shown in its input ("" when empty).</summary>
    public string this[string field] => _values.GetValueOrDefault(field, "");

    public static string TimeField(DayOfWeek day, int interval, bool closes) =>
        $"{day.ToString().ToLowerInvariant()}-{interval}-{(closes ? "closes" : "opens")}";

    /// <summary>The form filled with a station's current settings.</summary>
    public static StationSettingsForm From(Domain.StationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var form = new StationSettingsForm();
        form._values["deskCount"] = Number(settings.DeskCount);
        form._values["filesPerDeskPerHour"] = Number(settings.FilesPerDeskPerHour);
        form._values["maxRideMinutes"] = Number(settings.MaxRideMinutes);
        form._values["bookingSlotMinutes"] = Number(settings.BookingSlotMinutes);
        form._values["maxTripsPerVan"] = Number(settings.MaxTripsPerVan);
        form._values["maxBookingsPerTrip"] = Number(settings.MaxBookingsPerTrip);
        form._values["maxReturnWaitMinutes"] = Number(settings.MaxReturnWaitMinutes);
        form._values["replanToleranceMinutes"] = Number(settings.ReplanToleranceMinutes);
        form._values[PhoneField] = settings.Phone ?? "";
        foreach (var day in Week)
        {
            var intervals = settings.OpeningHours.Where(h => h.Day == day).OrderBy(h => h.Opens).Take(IntervalsPerDay).ToList();
            for (var i = 0; i < intervals.Count; i++)
            {
                form._values[TimeField(day, i + 1, closes: false)] = Clock(intervals[i].Opens);
                form._values[TimeField(day, i + 1, closes: true)] = Clock(intervals[i].Closes);
            }
        }

        return form;
    }

    /// <summary>The form as posted (unknown names ignored, values trimmed and cut to 20 characters, the phone to 40).</summary>
    public static StationSettingsForm From(IEnumerable<KeyValuePair<string, string?>> posted)
    {
        ArgumentNullException.ThrowIfNull(posted);
        var known = NumberFields.Append(PhoneField).Concat(Week.SelectMany(d => Enumerable.Range(1, IntervalsPerDay)
            .SelectMany(i => new[] { TimeField(d, i, false), TimeField(d, i, true) }))).ToHashSet(StringComparer.Ordinal);
        var form = new StationSettingsForm();
        foreach (var (name, value) in posted)
        {
            if (known.Contains(name))
            {
                // A phone may be typed with spaces, dots or +84; its error shows up to 40 characters of it back.
                var text = (value ?? "").Trim();
                var max = name == PhoneField ? 40 : 20;
                form._values[name] = text.Length > max ? text[..max] : text;
            }
        }

        return form;
    }

    /// <summary>
    /// The settings, or null with every problem in <paramref name="errors"/> (each names the field's label and the value
    /// typed, in the request's language): numbers and times that cannot be read first, then the domain's rules.
    /// </summary>
    public Domain.StationSettings? ToSettings(IStringLocalizer<StationSettingsResource> text, FormErrors errors)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(errors);
        var english = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == Languages.English;
        var numbers = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var field in NumberFields)
        {
            var value = this[field];
            if (value.Length == 0)
            {
                errors.Add(field, text["Error.Missing", Label(text, field), text["Error.Required"]]);
            }
            else if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                numbers[field] = n;
            }
            else
            {
                errors.Add(field, text["Error.Value", Label(text, field), value, text["Error.NotNumber"]]);
            }
        }

        // Which form fields each interval came from, so the domain's "openingHours[3].opens" points at its input.
        var hours = new List<OpeningHours>();
        var fieldsOf = new List<(string Opens, string Closes)>();
        foreach (var day in Week)
        {
            for (var i = 1; i <= IntervalsPerDay; i++)
            {
                var (opensField, closesField) = (TimeField(day, i, false), TimeField(day, i, true));
                var opens = ReadTime(text, opensField, errors);
                var closes = ReadTime(text, closesField, errors);
                if (this[opensField].Length == 0 && this[closesField].Length == 0)
                {
                    continue;
                }

                if (this[opensField].Length == 0 || this[closesField].Length == 0)
                {
                    var empty = this[opensField].Length == 0 ? opensField : closesField;
                    errors.Add(empty, text["Error.Missing", Label(text, empty), text["Error.HalfInterval"]]);
                    continue;
                }

                if (opens is { } o && closes is { } c)
                {
                    hours.Add(new OpeningHours(day, o, c));
                    fieldsOf.Add((opensField, closesField));
                }
            }
        }

        // The domain's rules run on what could be read, so one pass shows every problem; a field that could not be read
        // keeps its first message (FormErrors keeps one per field).
        int Read(string field) => numbers.GetValueOrDefault(field);
        var settings = new Domain.StationSettings(Read("deskCount"), Read("filesPerDeskPerHour"), Read("maxRideMinutes"),
            Read("bookingSlotMinutes"), Read("maxTripsPerVan"), Read("maxBookingsPerTrip"), Read("maxReturnWaitMinutes"),
            this[PhoneField] is { Length: > 0 } phone ? phone : null, hours)
        {
            ReplanToleranceMinutes = Read("replanToleranceMinutes"),
        };
        foreach (var error in DomainValidators.Validate(settings))
        {
            var field = FormField(error.Field, fieldsOf);
            var reason = english ? error.MessageEn : error.MessageVi;
            errors.Add(field, error.Value is null
                ? text["Error.Missing", Label(text, field), reason]
                : text["Error.Value", Label(text, field), this[field] is { Length: > 0 } typed ? typed : error.Value, reason]);
        }

        return errors.Any ? null : settings;
    }

    /// <summary>The label of a field as the page shows it ("Số bàn thu nhận", "Thứ Hai, khoảng 1, giờ mở cửa").</summary>
    public static string Label(IStringLocalizer<StationSettingsResource> text, string field)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(field);
        var parts = field.Split('-');
        return parts.Length == 3 && Enum.TryParse<DayOfWeek>(parts[0], ignoreCase: true, out var day)
            ? text["Hours.Label", text[$"Day.{day}"], parts[1], text[parts[2] == "closes" ? "Hours.Closes" : "Hours.Opens"]]
            : text[$"Label.{field}"];
    }

    private TimeOnly? ReadTime(IStringLocalizer<StationSettingsResource> text, string field, FormErrors errors)
    {
        var value = this[field];
        if (value.Length == 0)
        {
            return null;
        }

        // Browsers send time inputs as HH:mm (or HH:mm:ss when seconds were typed).
        if (TimeOnly.TryParseExact(value, ["HH:mm", "H:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return time;
        }

        errors.Add(field, text["Error.Value", Label(text, field), value, text["Error.NotTime"]]);
        return null;
    }

    private static string FormField(string domainField, List<(string Opens, string Closes)> fieldsOf)
    {
        // openingHours[3].opens / .closes / .day
        if (domainField.StartsWith("openingHours[", StringComparison.Ordinal))
        {
            var close = domainField.IndexOf(']', StringComparison.Ordinal);
            if (int.TryParse(domainField["openingHours[".Length..close], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                && index < fieldsOf.Count)
            {
                return domainField.EndsWith(".closes", StringComparison.Ordinal) ? fieldsOf[index].Closes : fieldsOf[index].Opens;
            }
        }

        return domainField;
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Clock(TimeOnly time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);
}
