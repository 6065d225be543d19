using System.Net;
using System.Web;
using Outreach.Domain;
using Outreach.Jobs.Weather;

namespace Outreach.Jobs.Tests.Weather;

/// <summary>The Open-Meteo client against a local fake server speaking Open-Meteo's answer shape.</summary>
public sealed class OpenMeteoForecastTests : IDisposable
{
    private static readonly DateOnly Tuesday = new(2026, 3, 10);
    private static readonly GeoPoint[] Points = [new(105.825, 21.475), new(105.875, 21.525)];
    private readonly FakeOpenMeteo _server = new();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    public void Dispose()
    {
        _http.Dispose();
        _server.Dispose();
    }

    private OpenMeteoForecast Client() => new(_http, _server.Endpoint);

    [Fact]
    public async Task HourlyPrecipitation_TwoPoints_AsksBothInOneRequestAndReadsEachHourInLocalTime()
    {
        _server.Rain = hour => hour.Hour == 14 ? 12.5 : 0;

        var forecasts = await Client().HourlyPrecipitationAsync(Points, Tuesday, Tuesday.AddDays(1), CancellationToken.None);

        var query = HttpUtility.ParseQueryString(Assert.Single(_server.Queries));
        Assert.Equal(("21.475,21.525", "105.825,105.875", "precipitation", "Asia/Ho_Chi_Minh", "2026-03-10", "2026-03-11"),
            (query["latitude"], query["longitude"], query["hourly"], query["timezone"], query["start_date"], query["end_date"]));
        Assert.Equal(Points, forecasts.Select(f => f.Point));
        Assert.All(forecasts, f => Assert.Equal(48, f.Hours.Count));
        Assert.Equal(new HourlyPrecipitation(new DateTime(2026, 3, 10, 14, 0, 0), 12.5), forecasts[1].Hours.Single(h => h.MillimetresPerHour > 0 && h.LocalStart.Day == 10));
    }

    [Fact]
    public async Task HourlyPrecipitation_KeyInTheEndpoint_SentButNotInAnError()
    {
        var withKey = new Uri(_server.Endpoint + "?apikey=k3y-for-test");
        _server.Answer = _ => (HttpStatusCode.Unauthorized, """{"error":true,"reason":"API key invalid"}""");

        var error = await Assert.ThrowsAsync<WeatherForecastException>(() => new OpenMeteoForecast(_http, withKey).HourlyPrecipitationAsync(Points, Tuesday, Tuesday, CancellationToken.None));

        var query = HttpUtility.ParseQueryString(Assert.Single(_server.Queries));
        Assert.Equal(("k3y-for-test", "21.475,21.525"), (query["apikey"], query["latitude"]));
        Assert.Contains("answered 401: API key invalid", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("k3y-for-test", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HourlyPrecipitation_NullValuePastTheModelsRange_ThatHourLeftOut()
    {
        _server.Answer = _ => (HttpStatusCode.OK,
            """{"latitude":21.475,"longitude":105.825,"hourly_units":{"time":"iso8601","precipitation":"mm"},"hourly":{"time":["2026-03-10T00:00","2026-03-10T01:00"],"precipitation":[0.4,null]}}""");

        var forecast = Assert.Single(await Client().HourlyPrecipitationAsync([Points[0]], Tuesday, Tuesday, CancellationToken.None));

        Assert.Equal([new HourlyPrecipitation(new DateTime(2026, 3, 10, 0, 0, 0), 0.4)], forecast.Hours);
    }

    [Theory]
    [InlineData("""[{"hourly":{"time":["2026-03-10T00:00"],"precipitation":[1.0,2.0]}},{"hourly":{"time":[],"precipitation":[]}}]""", "field '[0].hourly.precipitation' has 2 values for 1 times")]
    [InlineData("""[{"hourly":{"time":["2026-03-10T00:00"],"precipitation":["heavy"]}},{"hourly":{"time":[],"precipitation":[]}}]""", "field '[0].hourly.precipitation[0]' = '\"heavy\"' is not millimetres")]
    [InlineData("""[{"hourly":{"time":["10/03/2026 00:00"],"precipitation":[1.0]}},{"hourly":{"time":[],"precipitation":[]}}]""", "field '[0].hourly.time[0]' = '10/03/2026 00:00' is not a local time")]
    [InlineData("""[{"hourly":{"time":[],"precipitation":[]}},{"daily":{}}]""", "field '[1].hourly' missing")]
    [InlineData("""[{"hourly":{"time":[],"precipitation":[]}}]""", "1 locations for the 2 points asked")]
    [InlineData("""[{"hourly_units":{"precipitation":"inch"},"hourly":{"time":[],"precipitation":[]}},{"hourly":{"time":[],"precipitation":[]}}]""", "field '[0].hourly_units.precipitation' = 'inch', expected 'mm'")]
    [InlineData("""{"latitude":21.4""", "not JSON")]
    public async Task HourlyPrecipitation_MalformedAnswer_ErrorNamesTheFieldAndValue(string body, string expected)
    {
        _server.Answer = _ => (HttpStatusCode.OK, body);

        var error = await Assert.ThrowsAsync<WeatherForecastException>(() => Client().HourlyPrecipitationAsync(Points, Tuesday, Tuesday, CancellationToken.None));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HourlyPrecipitation_Refused_ErrorNamesTheStatusAndOpenMeteosReason()
    {
        _server.Answer = _ => (HttpStatusCode.BadRequest, """{"error":true,"reason":"Latitude must be in range of -90 to 90°. Given: 121.475."}""");

        var error = await Assert.ThrowsAsync<WeatherForecastException>(() => Client().HourlyPrecipitationAsync(Points, Tuesday, Tuesday, CancellationToken.None));

        Assert.Contains("answered 400: Latitude must be in range", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HourlyPrecipitation_NothingListening_UnreachableError()
    {
        var endpoint = _server.Endpoint;
        _server.Dispose();

        var error = await Assert.ThrowsAsync<WeatherForecastException>(() => new OpenMeteoForecast(_http, endpoint).HourlyPrecipitationAsync(Points, Tuesday, Tuesday, CancellationToken.None));

        Assert.Contains("unreachable", error.Message, StringComparison.Ordinal);
    }
}
