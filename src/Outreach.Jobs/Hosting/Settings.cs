using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Outreach.Jobs.Hosting;

/// <summary>Reads the jobs' configuration values; a bad value stops the start with the key and the value named.</summary>
internal static class Settings
{
    public static double Number(IConfiguration configuration, string key, double fallback, double min, double max)
    {
        if (configuration[key] is not { Length: > 0 } text)
        {
            return fallback;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"{key} = '{text}': must be a number from {min} to {max}."));
    }

    public static bool Flag(IConfiguration configuration, string key, bool fallback)
    {
        if (configuration[key] is not { Length: > 0 } text)
        {
            return fallback;
        }

        return bool.TryParse(text, out var value) ? value : throw new InvalidOperationException($"{key} = '{text}': must be true or false.");
    }
}
