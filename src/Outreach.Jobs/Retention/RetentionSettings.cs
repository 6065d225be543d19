using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Outreach.Jobs.Retention;

/// <summary>
/// How long a family's personal data is kept (Decree 13/2023: no longer than the purpose needs):
/// <c>Outreach:Retention:DaysAfterCampaignDay</c> (default 30, 1-3650) days after the booking's day its name, phone,
/// address note and home pin are removed; <c>Outreach:Retention:IntervalHours</c> (default 6) how often the job looks;
/// <c>Outreach:Retention:AuditLogDays</c> (default 730, 0 = keep) how long audit entries are kept (they hold no
/// personal data of families); <c>Outreach:Retention:Enabled</c> (default true).
/// </summary>
public sealed record RetentionSettings(bool Enabled, int DaysAfterCampaignDay, TimeSpan Interval, int AuditLogDays)
{
    public const string EnabledKey = "Outreach:Retention:Enabled";
    public const string DaysKey = "Outreach:Retention:DaysAfterCampaignDay";
    public const string IntervalKey = "Outreach:Retention:IntervalHours";
    public const string AuditDaysKey = "Outreach:Retention:AuditLogDays";

    /// <summary>Wait after start-up before the first run (let the app serve first).</summary>
    public TimeSpan FirstRunDelay { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Reads the settings; a bad value stops the start with the key and the value named.</summary>
    public static RetentionSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var enabled = true;
        if (configuration[EnabledKey] is { Length: > 0 } text && !bool.TryParse(text, out enabled))
        {
            throw new InvalidOperationException($"{EnabledKey} = '{text}': must be true or false.");
        }

        var days = Number(configuration, DaysKey, 30, 1, 3650);
        var hours = Number(configuration, IntervalKey, 6, 0.001, 24 * 7);
        var auditDays = Number(configuration, AuditDaysKey, 730, 0, 36500);
        return new RetentionSettings(enabled, (int)days, TimeSpan.FromHours(hours), (int)auditDays);
    }

    private static double Number(IConfiguration configuration, string key, double fallback, double min, double max)
    {
        if (configuration[key] is not { Length: > 0 } text)
        {
            return fallback;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"{key} = '{text}': must be a number from {min} to {max}."));
    }
}
