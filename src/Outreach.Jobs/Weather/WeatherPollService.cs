using System.Globalization;
using Microsoft.Extensions.Logging;
using Outreach.Data.Stores;
using Outreach.Domain;
using Outreach.Jobs.Replanning;
using Outreach.Jobs.Telemetry;
using Outreach.Planning.Visits;

namespace Outreach.Jobs.Weather;

/// <summary>What one weather poll did.</summary>
/// <param name="Stations">Stations whose forecast was read.</param>
/// <param name="DaysChanged">Station days whose stored rain changed (each asked for the re-plan of its plans).</param>
/// <param name="Failed">Stations whose forecast could not be read (logged; nothing of theirs changed).</param>
public sealed record WeatherPollReport(int Stations, int DaysChanged, int Failed);

/// <summary>
/// Polls the forecast (<see cref="IWeatherForecast"/>) of every station for today and the
/// <see cref="WeatherSettings.ForecastDays"/> after, turns it into rain areas (<see cref="RainGrid"/>) and stores each day
/// whose rain changed through <see cref="PlanInputs.ChangeWeatherAsync"/>, which asks for the re-plan of that day's planned
/// pickups and mobile-team week (<see cref="ReplanReasons.WeatherForecast"/>). Flood areas and closures already stored
/// for a day (drawn by a chief on the week board) are kept: the day is read and written in one transaction with its row
/// locked, so a chief saving one while the poll runs is not overwritten. Idempotent: the same forecast again stores nothing and asks for nothing, and two runs at once
/// store the same values. A station whose forecast cannot be read is logged with the reason and keeps what it had; the
/// others go on. Thread-safe.
/// </summary>
public sealed class WeatherPollService(
    StationStore stations,
    SiteStore sites,
    IWeatherForecast forecast,
    PlanInputs inputs,
    WeatherSettings settings,
    TimeProvider clock,
    ILogger<WeatherPollService> logger,
    OutreachMetrics? metrics = null)
{
    public const string JobName = "weather-poll";

    public async Task<WeatherPollReport> RunAsync(CancellationToken cancellationToken = default)
    {
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["Job"] = JobName });
        return metrics is null ? await RunOnceAsync(cancellationToken) : await metrics.TimeJobAsync(JobName, () => RunOnceAsync(cancellationToken));
    }

    private async Task<WeatherPollReport> RunOnceAsync(CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(VisitWeek.VietnamOffset).DateTime);
        var last = today.AddDays(settings.ForecastDays - 1);
        int read = 0, changed = 0, failed = 0;
        foreach (var station in await stations.ListAsync(cancellationToken))
        {
            try
            {
                changed += await PollAsync(station, today, last, cancellationToken);
                read++;
            }
            catch (WeatherForecastException e)
            {
                failed++;
                logger.LogError("Weather forecast of station {StationId} for {From:yyyy-MM-dd}..{To:yyyy-MM-dd} not read, its weather left as it was: {Error}",
                    station.Id, today, last, e.Message);
            }
        }

        logger.LogInformation("Weather poll: {Stations} stations read, {Days} station days changed, {Failed} stations failed", read, changed, failed);
        return new WeatherPollReport(read, changed, failed);
    }

    /// <summary>Reads one station's forecast and stores the days whose rain changed; returns how many.</summary>
    private async Task<int> PollAsync(Station station, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var stationSites = await sites.ListByStationAsync(station.Id, cancellationToken: cancellationToken);
        var cells = RainGrid.Cells([station.CollectionPointLocation, .. stationSites.Select(s => s.Location)]);
        var forecasts = await forecast.HourlyPrecipitationAsync([.. cells.Select(c => c.Centre)], from, to, cancellationToken);
        if (forecasts.Count != cells.Count)
        {
            throw new WeatherForecastException(string.Create(CultureInfo.InvariantCulture, $"{forecasts.Count} forecasts for the {cells.Count} points asked"));
        }

        var changed = 0;
        var now = clock.GetUtcNow();
        for (var date = from; date <= to; date = date.AddDays(1))
        {
            if (RainGrid.RainAreas(cells, forecasts, date) is not { } rain)
            {
                continue;
            }

            // The rain is replaced; the floods and closures staff drew on the board stay, read and written in one
            // transaction so a chief saving one meanwhile is not overwritten.
            var day = date;
            var saved = await inputs.ChangeWeatherAsync(station.Id, [day],
                stored => new WeatherState(stored?.Id ?? 0, station.Id, day, rain, stored?.FloodAreas ?? [], stored?.Closures ?? [], now, forecast.Source),
                ReplanReasons.WeatherForecast, cancellationToken);
            if (saved.Count > 0)
            {
                changed++;
                logger.LogInformation("Weather of station {StationId} on {Date:yyyy-MM-dd} changed: {Areas} rain areas, heaviest {Heaviest} mm/h",
                    station.Id, date, rain.Count, rain.Count == 0 ? 0 : rain.Max(r => r.IntensityMmPerHour));
            }
        }

        return changed;
    }
}
