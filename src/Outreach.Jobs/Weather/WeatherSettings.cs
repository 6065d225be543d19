using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Jobs.Hosting;

namespace Outreach.Jobs.Weather;

/// <summary>
/// The weather poll (<see cref="WeatherPollJob"/>): <c>Outreach:Weather:Enabled</c> (default false: the app then makes no
/// network call for weather, and chiefs' own entries are all the planners see), <c>Outreach:Weather:Endpoint</c> (default
/// Open-Meteo's <see cref="DefaultEndpoint"/>; a query there, such as a commercial key, is sent with every request), <c>Outreach:Weather:IntervalHours</c> (default 1, 0.25-24),
/// <c>Outreach:Weather:ForecastDays</c> (default 7, 1-16: today and the days after it, a mobile-team week ahead) and
/// <c>Outreach:Weather:TimeoutSeconds</c> (default 20, 1-120) for one station's request.
/// </summary>
public sealed record WeatherSettings(bool Enabled, Uri Endpoint, TimeSpan Interval, int ForecastDays, TimeSpan Timeout)
{
    public const string EnabledKey = "Outreach:Weather:Enabled";
    public const string EndpointKey = "Outreach:Weather:Endpoint";
    public const string IntervalKey = "Outreach:Weather:IntervalHours";
    public const string ForecastDaysKey = "Outreach:Weather:ForecastDays";
    public const string TimeoutKey = "Outreach:Weather:TimeoutSeconds";

    public static readonly Uri DefaultEndpoint = new("https://api.open-meteo.com/v1/forecast");

    /// <summary>Reads the settings; a bad value stops the start with the key and the value named.</summary>
    public static WeatherSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var endpoint = DefaultEndpoint;
        if (configuration[EndpointKey] is { Length: > 0 } text
            && (!Uri.TryCreate(text, UriKind.Absolute, out endpoint) || endpoint.Scheme is not ("https" or "http")))
        {
            throw new InvalidOperationException($"{EndpointKey} = '{text}': must be an absolute http or https address.");
        }

        return new WeatherSettings(
            Settings.Flag(configuration, EnabledKey, false),
            endpoint!,
            TimeSpan.FromHours(Settings.Number(configuration, IntervalKey, 1, 0.25, 24)),
            (int)Settings.Number(configuration, ForecastDaysKey, 7, 1, 16),
            TimeSpan.FromSeconds(Settings.Number(configuration, TimeoutKey, 20, 1, 120)));
    }
}

public static class WeatherExtensions
{
    /// <summary>
    /// The weather settings, the Open-Meteo client, the poll service and its job; the job is put on the schedule at
    /// start-up only when enabled (see <c>AddOutreachJobs</c>). Registering makes no network call.
    /// </summary>
    public static IServiceCollection AddWeatherPoll(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = WeatherSettings.From(configuration);
        services.AddSingleton(settings);
        services.AddSingleton<IWeatherForecast>(_ => new OpenMeteoForecast(
            new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = settings.Timeout },
            settings.Endpoint));
        services.AddSingleton<WeatherPollService>();
        services.AddTransient<WeatherPollJob>();
        return services;
    }
}
