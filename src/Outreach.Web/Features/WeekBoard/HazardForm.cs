using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Localization;
using Outreach.Domain;
using Outreach.Domain.Validation;
using Outreach.Web.Features.Bookings;

namespace Outreach.Web.Features.WeekBoard;

/// <summary>
/// The board's "flood or closure" form as posted, kept as typed so a wrong value comes back with its error. Fields:
/// <see cref="NameField"/>, <see cref="TypeField"/> (flood, road, bridge), <see cref="GeometryField"/> (the shape drawn on
/// the map as a GeoJSON geometry: a Polygon for a flood, a LineString for a road, a Point for a bridge; a Feature
/// holding one is accepted too) and <see cref="DaysField"/> (one yyyy-MM-dd value per ticked day of the week).
/// </summary>
public sealed class HazardForm
{
    public const string NameField = "HazardName";
    public const string TypeField = "HazardType";
    public const string GeometryField = "HazardGeometry";
    public const string DaysField = "HazardDays";

    /// <summary>Longest name: it is the reason the re-plan and the planners' unserved items carry.</summary>
    public const int MaxNameLength = 80;

    /// <summary>More vertices than anyone clicks on a phone: refused rather than stored.</summary>
    public const int MaxPoints = 500;

    public string Name { get; private init; } = "";

    public string Type { get; private init; } = "flood";

    public string Geometry { get; private init; } = "";

    public IReadOnlyList<string> Days { get; private init; } = [];

    /// <summary>The form as posted (values trimmed; the geometry cut to 64 KB, which holds <see cref="MaxPoints"/> points).</summary>
    public static HazardForm From(IFormCollection form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var geometry = form[GeometryField].ToString().Trim();
        return new HazardForm
        {
            Name = form[NameField].ToString().Trim(),
            Type = form[TypeField].ToString().Trim(),
            Geometry = geometry.Length > 65_536 ? geometry[..65_536] : geometry,
            Days = [.. form[DaysField].Select(d => (d ?? "").Trim()).Where(d => d.Length > 0).Distinct(StringComparer.Ordinal)],
        };
    }

    /// <summary>The empty form for the week (every day unticked, a flood).</summary>
    public static HazardForm Empty { get; } = new();

    /// <summary>Whether the day's box is ticked as posted.</summary>
    public bool HasDay(DateOnly date) => Days.Contains(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), StringComparer.Ordinal);

    /// <summary>
    /// What to store, or null with every problem in <paramref name="errors"/>, each naming the field's label and the value
    /// (in the request's language): the name (required, at most <see cref="MaxNameLength"/> characters, no control
    /// characters), the type, the drawn shape (its type matching, at least 3 points for a flood and 2 for a road, every
    /// longitude -180..180 and latitude -90..90), and the days (at least one, each within the week).
    /// </summary>
    public (HazardType Type, string Name, IReadOnlyList<GeoPoint> Points, IReadOnlyList<DateOnly> Days)? Validate(
        DateOnly monday, IStringLocalizer<WeekBoardResource> text, FormErrors errors)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(errors);
        if (Name.Length == 0)
        {
            errors.Add(NameField, text["Error.Missing", text["Hazard.Name"], text["Error.Required"]]);
        }
        else if (Name.Length > MaxNameLength)
        {
            errors.Add(NameField, text["Error.Value", text["Hazard.Name"], TextRules.Visible(Name), text["Error.TooLong", MaxNameLength]]);
        }
        else if (TextRules.HasForbidden(Name))
        {
            errors.Add(NameField, text["Error.Value", text["Hazard.Name"], TextRules.Visible(Name), text["Error.Character", TextRules.FirstForbidden(Name)]]);
        }

        HazardType? type = Type switch
        {
            "flood" => HazardType.Flood,
            "road" => HazardType.Road,
            "bridge" => HazardType.Bridge,
            _ => null,
        };
        if (type is null)
        {
            errors.Add(TypeField, text["Error.Value", text["Hazard.Type"], TextRules.Visible(Type), text["Error.Type"]]);
        }

        var points = type is { } t ? ReadGeometry(t, text, errors) : null;

        var days = new List<DateOnly>();
        if (Days.Count == 0)
        {
            errors.Add(DaysField, text["Error.Missing", text["Hazard.Days"], text["Error.NoDay"]]);
        }

        foreach (var value in Days)
        {
            if (!DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
                || day < monday || day > monday.AddDays(6))
            {
                errors.Add(DaysField, text["Error.Value", text["Hazard.Days"], TextRules.Visible(value), text["Error.DayOutsideWeek",
                    monday.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture), monday.AddDays(6).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)]]);
                break;
            }

            days.Add(day);
        }

        return errors.Any || type is null || points is null ? null : (type.Value, Name, points, days.Order().ToList());
    }

    /// <summary>The drawn shape's points (a flood's ring closed), or null after adding the problem to <paramref name="errors"/>.</summary>
    private List<GeoPoint>? ReadGeometry(HazardType type, IStringLocalizer<WeekBoardResource> text, FormErrors errors)
    {
        var label = text["Hazard.Geometry"];
        if (Geometry.Length == 0)
        {
            errors.Add(GeometryField, text["Error.Missing", label, text["Error.NotDrawn"]]);
            return null;
        }

        var expected = type switch
        {
            HazardType.Flood => "Polygon",
            HazardType.Road => "LineString",
            _ => "Point",
        };
        string Bad(string why) => text["Error.Value", label, TextRules.Visible(Geometry, 60), why];
        try
        {
            using var document = JsonDocument.Parse(Geometry, new JsonDocumentOptions { MaxDepth = 8 });
            var geometry = document.RootElement;
            if (geometry.ValueKind == JsonValueKind.Object && geometry.TryGetProperty("type", out var featureType)
                && featureType.ValueKind == JsonValueKind.String && featureType.GetString() == "Feature" && geometry.TryGetProperty("geometry", out var inner))
            {
                geometry = inner;
            }

            if (geometry.ValueKind != JsonValueKind.Object || !geometry.TryGetProperty("type", out var typeElement)
                || typeElement.ValueKind != JsonValueKind.String || typeElement.GetString() != expected
                || !geometry.TryGetProperty("coordinates", out var coordinates) || coordinates.ValueKind != JsonValueKind.Array)
            {
                errors.Add(GeometryField, Bad(text["Error.GeometryType", expected]));
                return null;
            }

            // A polygon's outer ring; a line's points; a point.
            var positions = type switch
            {
                HazardType.Flood => coordinates.GetArrayLength() > 0 && coordinates[0].ValueKind == JsonValueKind.Array ? [.. coordinates[0].EnumerateArray()] : new List<JsonElement>(),
                HazardType.Road => [.. coordinates.EnumerateArray()],
                _ => [coordinates],
            };
            if (positions.Count > MaxPoints + 1)
            {
                errors.Add(GeometryField, Bad(text["Error.TooManyPoints", MaxPoints]));
                return null;
            }

            var points = new List<GeoPoint>(positions.Count + 1);
            for (var i = 0; i < positions.Count; i++)
            {
                var p = positions[i];
                // Numbers beyond a double's range (1e999) are not numbers a map gives either.
                if (p.ValueKind != JsonValueKind.Array || p.GetArrayLength() < 2
                    || p[0].ValueKind != JsonValueKind.Number || p[1].ValueKind != JsonValueKind.Number
                    || !p[0].TryGetDouble(out var longitude) || !p[1].TryGetDouble(out var latitude)
                    || !double.IsFinite(longitude) || !double.IsFinite(latitude))
                {
                    errors.Add(GeometryField, Bad(text["Error.Position", i + 1, TextRules.Visible(p.GetRawText(), 30)]));
                    return null;
                }

                if (longitude is < -180 or > 180 || latitude is < -90 or > 90)
                {
                    errors.Add(GeometryField, Bad(text["Error.Range", i + 1,
                        longitude.ToString(CultureInfo.InvariantCulture), latitude.ToString(CultureInfo.InvariantCulture)]));
                    return null;
                }

                points.Add(new GeoPoint(longitude, latitude));
            }

            if (type == HazardType.Flood && points.Count > 1 && points[0] == points[^1])
            {
                points.RemoveAt(points.Count - 1);
            }

            var needed = type switch
            {
                HazardType.Flood => 3,
                HazardType.Road => 2,
                _ => 1,
            };
            if (points.Distinct().Count() < needed)
            {
                errors.Add(GeometryField, Bad(text["Error.TooFewPoints", needed, points.Distinct().Count()]));
                return null;
            }

            if (type == HazardType.Flood)
            {
                points.Add(points[0]);
            }

            return points;
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            // ArgumentException: text that cannot be UTF-8 (a lone surrogate).
            errors.Add(GeometryField, Bad(text["Error.NotGeoJson"]));
            return null;
        }
    }
}
