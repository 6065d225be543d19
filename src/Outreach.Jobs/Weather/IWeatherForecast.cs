using Outreach.Domain;

namespace Outreach.Jobs.Weather;

/// <summary>A forecast's precipitation over one hour starting at <paramref name="LocalStart"/> (Vietnam time).</summary>
/// <param name="MillimetresPerHour">Rain (and showers) of that hour; never negative.</param>
public readonly record struct HourlyPrecipitation(DateTime LocalStart, double MillimetresPerHour);

/// <summary>The hourly precipitation forecast at one point, hours in time order.</summary>
public sealed record PointForecast(GeoPoint Point, IReadOnlyList<HourlyPrecipitation> Hours);

/// <summary>A weather provider that answers hourly precipitation forecasts for points.</summary>
public interface IWeatherForecast
{
    /// <summary>Where the forecasts come from, stored with the weather ("open-meteo").</summary>
    string Source { get; }

    /// <summary>
    /// The hourly precipitation at each of <paramref name="points"/> (same order) for the local days
    /// <paramref name="firstDay"/> to <paramref name="lastDay"/>.
    /// </summary>
    /// <exception cref="WeatherForecastException">The provider could not be reached or its answer is not a forecast of these points.</exception>
    Task<IReadOnlyList<PointForecast>> HourlyPrecipitationAsync(IReadOnlyList<GeoPoint> points, DateOnly firstDay, DateOnly lastDay, CancellationToken cancellationToken);
}

/// <summary>A forecast could not be read; the message names what was wrong (status, field, value), never a secret.</summary>
public sealed class WeatherForecastException : Exception
{
    public WeatherForecastException()
    {
    }

    public WeatherForecastException(string message)
        : base(message)
    {
    }

    public WeatherForecastException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
