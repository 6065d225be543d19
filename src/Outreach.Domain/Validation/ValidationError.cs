using System.Globalization;

namespace Outreach.Domain.Validation;

/// <summary>
/// One problem with an input: the field (camelCase, as in the JSON API and form names), the offending
/// value as text (null when missing) and a message in Vietnamese and English.
/// </summary>
public sealed record ValidationError(string Field, string? Value, string MessageVi, string MessageEn);

/// <summary>Collects errors; validators add to it and callers read <see cref="Errors"/>.</summary>
public sealed class ValidationErrors
{
    private readonly List<ValidationError> _errors = [];

    public IReadOnlyList<ValidationError> Errors => _errors;

    public bool IsValid => _errors.Count == 0;

    public void Add(string field, object? value, string messageVi, string messageEn) =>
        _errors.Add(new ValidationError(field, Format(value), messageVi, messageEn));

    /// <summary>A text that must be there, at most <paramref name="maxLength"/> characters, without control or
    /// text-direction characters (<see cref="TextRules"/>; line breaks only when <paramref name="multiline"/>).</summary>
    public void Required(string field, string? value, int maxLength, bool multiline = false)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, value is null ? null : TextRules.Visible(value), "Trường này là bắt buộc.", "This field is required.");
        }
        else
        {
            Optional(field, value, maxLength, multiline);
        }
    }

    /// <summary>A text that may be left out (null), else as <see cref="Required"/>.</summary>
    public void Optional(string field, string? value, int maxLength, bool multiline = false)
    {
        if (value is null)
        {
            return;
        }

        if (TextRules.HasForbidden(value, multiline))
        {
            Character(field, value, multiline);
        }
        else if (value.Length > maxLength)
        {
            TooLong(field, value, maxLength);
        }
    }

    /// <summary>The error for a text holding a character <see cref="TextRules"/> refuses, naming that character.</summary>
    public void Character(string field, string value, bool multiline = false)
    {
        var code = TextRules.FirstForbidden(value, multiline);
        Add(field, TextRules.Visible(value),
            $"Có ký tự không được phép ({code}): ký tự điều khiển hoặc ký tự đổi chiều văn bản.",
            $"Contains a character that is not allowed ({code}): a control or text-direction character.");
    }

    public void Range(string field, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            Add(field, value,
                $"Giá trị phải từ {min} đến {max}.",
                $"Must be between {min} and {max}.");
        }
    }

    /// <summary>
    /// A phone number that may be left out (null or blank), else one <see cref="VietnamPhone"/> reads: the same rule
    /// and sentence as a family's number.
    /// </summary>
    /// <summary>A unit's phone: a mobile number or a landline with its area code (<see cref="VietnamPhone.NormalizeStationLine"/>).</summary>
    public void OptionalPhone(string field, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value) && VietnamPhone.NormalizeStationLine(value) is null)
        {
            Add(field, TextRules.Visible(value),
                "Số điện thoại phải là số di động (số 0 và 9 chữ số) hoặc số cố định có mã vùng (02 và 9 chữ số).",
                "The phone number must be a mobile number (0 and 9 digits) or a landline with its area code (02 and 9 digits).");
        }
    }

    public void Location(string field, GeoPoint point)
    {
        if (!point.IsInRange)
        {
            Add(field, point,
                "Tọa độ không hợp lệ: kinh độ từ -180 đến 180, vĩ độ từ -90 đến 90.",
                "Invalid coordinates: longitude must be -180..180 and latitude -90..90.");
        }
    }

    private void TooLong(string field, string value, int maxLength) =>
        Add(field, value[..Math.Min(value.Length, 40)],
            $"Tối đa {maxLength} ký tự.",
            $"At most {maxLength} characters.");

    private static string? Format(object? value) => value switch
    {
        null => null,
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        TimeOnly t => t.ToString(t.Second == 0 && t.Millisecond == 0 ? "HH:mm" : "HH:mm:ss", CultureInfo.InvariantCulture),
        GeoPoint p => string.Create(CultureInfo.InvariantCulture, $"{p.Longitude},{p.Latitude}"),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
