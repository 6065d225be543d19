using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Jobs.Hosting;

namespace Outreach.Jobs.Retention;

/// <summary>
/// How long a family's personal data is kept (Decree 13/2023: no longer than the purpose needs):
/// <c>Outreach:Retention:DaysAfterCampaignDay</c> (default 30, 1-3650) days after the booking's day its name, phone,
/// address note and home pin are removed; <c>Outreach:Retention:IntervalHours</c> (default 6) how often the job looks
/// (see <see cref="IntervalCron"/>); <c>Outreach:Retention:AuditLogDays</c> (default 730, 0 = keep) how long audit
/// entries are kept (they hold no personal data of families); <c>Outreach:Retention:Enabled</c> (default true).
/// </summary>
public sealed record RetentionSettings(bool Enabled, int DaysAfterCampaignDay, TimeSpan Interval, int AuditLogDays)
{
    public const string EnabledKey = "Outreach:Retention:Enabled";
    public const string DaysKey = "Outreach:Retention:DaysAfterCampaignDay";
    public const string IntervalKey = "Outreach:Retention:IntervalHours";
    public const string AuditDaysKey = "Outreach:Retention:AuditLogDays";

    /// <summary>Reads the settings; a bad value stops the start with the key and the value named.</summary>
    public static RetentionSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return new RetentionSettings(
            Settings.Flag(configuration, EnabledKey, true),
            (int)Settings.Number(configuration, DaysKey, 30, 1, 3650),
            TimeSpan.FromHours(Settings.Number(configuration, IntervalKey, 6, 0.001, 24 * 7)),
            (int)Settings.Number(configuration, AuditDaysKey, 730, 0, 36500));
    }
}

public static class RetentionExtensions
{
    /// <summary>The retention settings, service and job; the job's schedule is set at start-up (see <c>AddOutreachJobs</c>).</summary>
    public static IServiceCollection AddRetention(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(RetentionSettings.From(configuration));
        services.AddSingleton<RetentionService>();
        services.AddTransient<RetentionJob>();
        return services;
    }
}
