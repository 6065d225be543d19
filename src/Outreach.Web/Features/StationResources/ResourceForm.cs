using System.Globalization;
using Microsoft.Extensions.Localization;
using Outreach.Domain.Validation;
using Outreach.Web.Features.Bookings;
using Outreach.Web.Features.Localization;

namespace Outreach.Web.Features.StationResources;

/// <summary>
/// A resource form (van, team, officer, site, visit request) as typed: the text of every field by its HTML name, so a
/// wrong value comes back as it was typed, next to its error. Numbers, times and dates are read here; a value that cannot
/// be read is named with its field's label and the value, and the domain's rules (<see cref="DomainValidators"/>, the same
/// the JSON API and the stores apply) run on the rest, so one post shows every problem.
/// </summary>
public sealed class ResourceForm(IStringLocalizer<StationResourcesResource> text)
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _lists = new(StringComparer.Ordinal);

    public FormErrors Errors { get; } = new();

    public string this[string field]
    {
        get => _values.GetValueOrDefault(field, "");
        set => _values[field] = value;
    }

    /// <summary>The values of a multi-valued field (ticked boxes).</summary>
    public IReadOnlyList<string> List(string field) => _lists.TryGetValue(field, out var values) ? values : [];

    public void SetList(string field, IEnumerable<string> values) => _lists[field] = [.. values];

    public bool Ticked(string field, string value) => List(field).Contains(value, StringComparer.Ordinal);

    /// <summary>The form as posted: each value trimmed and cut to <paramref name="maxLength"/> (a longer one is refused by its rule anyway).</summary>
    public static ResourceForm From(IStringLocalizer<StationResourcesResource> text, IFormCollection posted, int maxLength = 1200)
    {
        ArgumentNullException.ThrowIfNull(posted);
        var form = new ResourceForm(text);
        foreach (var (name, values) in posted)
        {
            if (name.StartsWith("__", StringComparison.Ordinal) || name == "_handler")
            {
                continue;
            }

            var cut = values.Select(v => (v ?? "").Trim()).Select(v => v.Length > maxLength ? v[..maxLength] : v).ToList();
            form._values[name] = cut.FirstOrDefault() ?? "";
            form._lists[name] = cut.Where(v => v.Length > 0).ToList();
        }

        return form;
    }

    /// <summary>A string of the pages' resources.</summary>
    public string Text(string key) => text[key];

    public static bool English => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == Languages.English;

    public string Label(string field) => text[$"Field.{LabelKey(field)}"];

    /// <summary>"leave-2-first" is labelled as "Nghỉ phép 2, ngày đầu": the key drops the row number and the label takes it.</summary>
    private static string LabelKey(string field)
    {
        var parts = field.Split('-');
        return parts.Length == 3 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out _) ? $"{parts[0]}-{parts[2]}" : field;
    }

    private string FullLabel(string field)
    {
        var parts = field.Split('-');
        return parts.Length == 3 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? text["Field.Row", Label(field), n]
            : Label(field);
    }

    public void Missing(string field) => Errors.Add(field, text["Error.Missing", FullLabel(field), text["Error.Required"]]);

    public void Wrong(string field, string value, string reason) => Errors.Add(field, text["Error.Value", FullLabel(field), value, reason]);

    /// <summary>A whole number, or null (with the error) when missing and required, or not a number.</summary>
    public int? Whole(string field, bool required = true, int? whenEmpty = null)
    {
        var value = this[field];
        if (value.Length == 0)
        {
            if (required)
            {
                Missing(field);
            }

            return whenEmpty;
        }

        if (int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n))
        {
            return n;
        }

        Wrong(field, value, text["Error.NotNumber"]);
        return null;
    }

    /// <summary>A decimal number (a dot or a comma as the decimal mark), or null with the error.</summary>
    public double? Real(string field)
    {
        var value = this[field];
        if (value.Length == 0)
        {
            Missing(field);
            return null;
        }

        if (double.TryParse(value.Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d))
        {
            return d;
        }

        Wrong(field, value, text["Error.NotNumber"]);
        return null;
    }

    public TimeOnly? Time(string field, bool required = true)
    {
        var value = this[field];
        if (value.Length == 0)
        {
            if (required)
            {
                Missing(field);
            }

            return null;
        }

        if (TimeOnly.TryParseExact(value, ["HH:mm", "H:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var t))
        {
            return t;
        }

        Wrong(field, value, text["Error.NotTime"]);
        return null;
    }

    /// <summary>A date as a browser's date input sends it (yyyy-MM-dd) or as typed in Vietnam (dd/MM/yyyy).</summary>
    public DateOnly? Date(string field, bool required = true)
    {
        var value = this[field];
        if (value.Length == 0)
        {
            if (required)
            {
                Missing(field);
            }

            return null;
        }

        if (DateOnly.TryParseExact(value, ["yyyy-MM-dd", "d/M/yyyy", "dd/MM/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            return d;
        }

        Wrong(field, value, text["Error.NotDate"]);
        return null;
    }

    public string? Optional(string field) => this[field] is { Length: > 0 } v ? v : null;

    /// <summary>
    /// The domain's errors, each on the form field <paramref name="formField"/> maps it to (the API's field names are the
    /// form's, but for list items); a field that already has an error (could not be read) keeps that one.
    /// </summary>
    public void AddDomain(IEnumerable<ValidationError> errors, Func<string, string>? formField = null)
    {
        ArgumentNullException.ThrowIfNull(errors);
        foreach (var error in errors)
        {
            var field = formField?.Invoke(error.Field) ?? error.Field;
            var reason = English ? error.MessageEn : error.MessageVi;
            if (string.IsNullOrEmpty(error.Value) && this[field].Length == 0)
            {
                Errors.Add(field, text["Error.Missing", FullLabel(field), reason]);
            }
            else
            {
                Wrong(field, this[field] is { Length: > 0 } typed ? typed : error.Value ?? "", reason);
            }
        }
    }

    public static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Number(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);

    public static string Clock(TimeOnly time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);

    public static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The index inside "leave[3].lastDay" (3), or null.</summary>
    public static int? IndexOf(string domainField, string list)
    {
        ArgumentNullException.ThrowIfNull(domainField);
        var prefix = list + "[";
        if (!domainField.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var close = domainField.IndexOf(']', StringComparison.Ordinal);
        return close > prefix.Length && int.TryParse(domainField[prefix.Length..close], NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : null;
    }
}
