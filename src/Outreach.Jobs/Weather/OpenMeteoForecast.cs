using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Outreach.Domain;

namespace Outreach.Jobs.Weather;

/// <summary>
/// Open-Meteo's forecast API (<see cref="WeatherSettings.Endpoint"/>, default https://api.open-meteo.com/v1/forecast; no
/// key): one GET per call with the points as comma-separated <c>latitude</c> and <c>longitude</c> lists,
/// <c>hourly=precipitation</c> in millimetres, <c>timezone=Asia/Ho_Chi_Minh</c> (hours come back in local time) and the
/// days as <c>start_date</c>/<c>end_date</c>. Open-Meteo answers one object for one point and an array of them, in the
/// order asked, for several; each has <c>hourly.time</c> and <c>hourly.precipitation</c> of equal length (a value may be
/// null past the model's range: that hour is left out). Anything else is a <see cref="WeatherForecastException"/> naming
/// the field and value. Errors name the endpoint without its query, so a key given there never reaches the log.
/// Thread-safe.
/// </summary>
public sealed class OpenMeteoForecast(HttpClient http, Uri endpoint) : IWeatherForecast
{
    private const string TimeZone = "Asia/Ho_Chi_Minh";

    /// <summary>Longest piece of a refused answer repeated in an error.</summary>
    private const int MaxQuoted = 200;

    public string Source => "open-meteo";

    public async Task<IReadOnlyList<PointForecast>> HourlyPrecipitationAsync(IReadOnlyList<GeoPoint> points, DateOnly firstDay, DateOnly lastDay, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count == 0)
        {
            return [];
        }

        var uri = RequestUri(points, firstDay, lastDay);
        string body;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            using var response = await http.SendAsync(request, cancellationToken);
            body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new WeatherForecastException(string.Create(CultureInfo.InvariantCulture,
                    $"Open-Meteo at {endpoint.GetLeftPart(UriPartial.Path)} answered {(int)response.StatusCode}: {Reason(body)}"));
            }
        }
        catch (HttpRequestException e)
        {
            throw new WeatherForecastException($"Open-Meteo at {endpoint.GetLeftPart(UriPartial.Path)} unreachable: {e.Message}", e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new WeatherForecastException($"Open-Meteo at {endpoint.GetLeftPart(UriPartial.Path)} did not answer within {http.Timeout.TotalSeconds:0} s", e);
        }

        return Parse(body, points);
    }

    /// <summary>The GET address for the points and days.</summary>
    public Uri RequestUri(IReadOnlyList<GeoPoint> points, DateOnly firstDay, DateOnly lastDay)
    {
        ArgumentNullException.ThrowIfNull(points);
        static string Join(IEnumerable<double> values) => string.Join(',', values.Select(v => v.ToString("0.####", CultureInfo.InvariantCulture)));
        var query = string.Create(CultureInfo.InvariantCulture,
            $"latitude={Join(points.Select(p => p.Latitude))}&longitude={Join(points.Select(p => p.Longitude))}&hourly=precipitation"
            + $"&timezone={Uri.EscapeDataString(TimeZone)}&start_date={firstDay:yyyy-MM-dd}&end_date={lastDay:yyyy-MM-dd}");
        // The endpoint's own query (a commercial key: "?apikey=...") comes first.
        var own = endpoint.Query.TrimStart('?');
        return new UriBuilder(endpoint) { Query = own.Length == 0 ? query : own + "&" + query }.Uri;
    }

    /// <summary>Reads Open-Meteo's answer for <paramref name="points"/>.</summary>
    /// <exception cref="WeatherForecastException">The answer is not such a forecast; the message names the field and value.</exception>
    public static IReadOnlyList<PointForecast> Parse(string body, IReadOnlyList<GeoPoint> points)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(points);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            throw new WeatherForecastException($"Open-Meteo's answer is not JSON ({e.Message}): '{Quote(body)}'", e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.True)
            {
                throw new WeatherForecastException($"Open-Meteo refused the request: {Reason(body)}");
            }

            List<JsonElement> locations = root.ValueKind switch
            {
                JsonValueKind.Array => [.. root.EnumerateArray()],
                JsonValueKind.Object => [root],
                _ => throw new WeatherForecastException($"Open-Meteo's answer: expected an object or an array, got {root.ValueKind}: '{Quote(body)}'"),
            };
            if (locations.Count != points.Count)
            {
                throw new WeatherForecastException(string.Create(CultureInfo.InvariantCulture,
                    $"Open-Meteo's answer has {locations.Count} locations for the {points.Count} points asked"));
            }

            return [.. locations.Select((location, i) => new PointForecast(points[i], Hours(location, i)))];
        }
    }

    private static List<HourlyPrecipitation> Hours(JsonElement location, int index)
    {
        string Field(string name) => string.Create(CultureInfo.InvariantCulture, $"[{index}].{name}");
        if (location.ValueKind != JsonValueKind.Object || !location.TryGetProperty("hourly", out var hourly) || hourly.ValueKind != JsonValueKind.Object)
        {
            throw new WeatherForecastException($"Open-Meteo's answer: field '{Field("hourly")}' missing or not an object");
        }

        if (location.TryGetProperty("hourly_units", out var units) && units.ValueKind == JsonValueKind.Object
            && units.TryGetProperty("precipitation", out var unit) && unit.GetString() is { } unitText && unitText != "mm")
        {
            throw new WeatherForecastException($"Open-Meteo's answer: field '{Field("hourly_units.precipitation")}' = '{Quote(unitText)}', expected 'mm'");
        }

        if (!hourly.TryGetProperty("time", out var times) || times.ValueKind != JsonValueKind.Array)
        {
            throw new WeatherForecastException($"Open-Meteo's answer: field '{Field("hourly.time")}' missing or not an array");
        }

        if (!hourly.TryGetProperty("precipitation", out var values) || values.ValueKind != JsonValueKind.Array)
        {
            throw new WeatherForecastException($"Open-Meteo's answer: field '{Field("hourly.precipitation")}' missing or not an array");
        }

        if (times.GetArrayLength() != values.GetArrayLength())
        {
            throw new WeatherForecastException(string.Create(CultureInfo.InvariantCulture,
                $"Open-Meteo's answer: field '{Field("hourly.precipitation")}' has {values.GetArrayLength()} values for {times.GetArrayLength()} times"));
        }

        var hours = new List<HourlyPrecipitation>(times.GetArrayLength());
        var h = 0;
        foreach (var (time, value) in times.EnumerateArray().Zip(values.EnumerateArray()))
        {
            var at = time.ValueKind == JsonValueKind.String ? time.GetString() : time.GetRawText();
            if (!DateTime.TryParseExact(at, "yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start))
            {
                throw new WeatherForecastException(string.Create(CultureInfo.InvariantCulture,
                    $"Open-Meteo's answer: field '{Field($"hourly.time[{h}]")}' = '{Quote(at ?? "")}' is not a local time (yyyy-MM-ddTHH:mm)"));
            }

            if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var mm) && double.IsFinite(mm) && mm >= 0)
            {
                hours.Add(new HourlyPrecipitation(start, mm));
            }
            else if (value.ValueKind != JsonValueKind.Null)
            {
                throw new WeatherForecastException(string.Create(CultureInfo.InvariantCulture,
                    $"Open-Meteo's answer: field '{Field($"hourly.precipitation[{h}]")}' = '{Quote(value.GetRawText())}' is not millimetres (a number from 0)"));
            }

            h++;
        }

        return hours;
    }

    /// <summary>Open-Meteo's own "reason" when the body has one, else the start of the body.</summary>
    private static string Reason(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("reason", out var reason)
                && reason.ValueKind == JsonValueKind.String)
            {
                return Quote(reason.GetString()!);
            }
        }
        catch (JsonException)
        {
        }

        return $"'{Quote(body)}'";
    }

    private static string Quote(string text) => text.Length <= MaxQuoted ? text : string.Concat(text.AsSpan(0, MaxQuoted), "...");
}
