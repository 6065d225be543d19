using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Jobs.Hosting;

namespace Outreach.Jobs.Nightly;

/// <summary>
/// The evening job that prepares tomorrow (<see cref="NightlyJob"/>): <c>Outreach:Nightly:LocalTime</c> (default 18:00,
/// Vietnam time, HH:mm: when the day-before reminders fall due) and <c>Outreach:Nightly:Enabled</c> (default true).
/// </summary>
public sealed record NightlySettings(bool Enabled, TimeOnly LocalTime)
{
    public const string EnabledKey = "Outreach:Nightly:Enabled";
    public const string LocalTimeKey = "Outreach:Nightly:LocalTime";

    public static readonly TimeOnly DefaultLocalTime = new(18, 0);

    /// <summary>
    /// Hangfire's daily cron (UTC) for <see cref="LocalTime"/>: Vietnam keeps UTC+7 all year (no summer time), so the
    /// schedule needs no time-zone database on the machine.
    /// </summary>
    public string Cron
    {
        get
        {
            var utc = LocalTime.AddHours(-7);
            return string.Create(CultureInfo.InvariantCulture, $"{utc.Minute} {utc.Hour} * * *");
        }
    }

    /// <summary>Reads the settings; a bad value stops the start with the key and the value named.</summary>
    public static NightlySettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var time = DefaultLocalTime;
        if (configuration[LocalTimeKey] is { Length: > 0 } text
            && !TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out time))
        {
            throw new InvalidOperationException($"{LocalTimeKey} = '{text}': must be a time of day as HH:mm (Vietnam time), e.g. 18:00.");
        }

        return new NightlySettings(Settings.Flag(configuration, EnabledKey, true), time);
    }
}

public static class NightlyExtensions
{
    /// <summary>The nightly settings, service and job; the job's schedule is set at start-up (see <c>AddOutreachJobs</c>).</summary>
    public static IServiceCollection AddNightly(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(NightlySettings.From(configuration));
        services.AddSingleton<NightlyService>();
        services.AddTransient<NightlyJob>();
        return services;
    }
}
