using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Jobs.Telemetry;

namespace Outreach.Jobs.Notifications;

/// <summary>
/// How queued messages leave: <c>Outreach:Messaging:WebhookUrl</c> (and <c>BearerToken</c>) name the gateway; without it
/// nothing is sent automatically and staff send the outbox by hand. <c>Outreach:Messaging:PollSeconds</c> (default 30)
/// is how often due messages are looked for.
/// </summary>
public sealed record MessagingSettings(Uri? WebhookUrl, string? BearerToken, TimeSpan Poll)
{
    public const string WebhookUrlKey = "Outreach:Messaging:WebhookUrl";
    public const string BearerTokenKey = "Outreach:Messaging:BearerToken";
    public const string PollSecondsKey = "Outreach:Messaging:PollSeconds";

    public bool GatewayConfigured => WebhookUrl is not null;

    /// <summary>Reads the settings; a bad value stops the start with the key and the value named.</summary>
    public static MessagingSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        Uri? url = null;
        if (configuration[WebhookUrlKey] is { Length: > 0 } text)
        {
            if (!Uri.TryCreate(text, UriKind.Absolute, out url) || url.Scheme is not ("https" or "http"))
            {
                throw new InvalidOperationException($"{WebhookUrlKey} = '{text}': must be an absolute http or https address.");
            }
        }

        var poll = 30.0;
        if (configuration[PollSecondsKey] is { Length: > 0 } seconds
            && (!double.TryParse(seconds, NumberStyles.Float, CultureInfo.InvariantCulture, out poll) || poll < 1 || poll > 3600))
        {
            throw new InvalidOperationException($"{PollSecondsKey} = '{seconds}': must be a number of seconds from 1 to 3600.");
        }

        return new MessagingSettings(url, configuration[BearerTokenKey], TimeSpan.FromSeconds(poll));
    }
}

public static class MessagingExtensions
{
    /// <summary>
    /// Registers the settings, the job that sends due messages (<see cref="OutboxDispatchJob"/>, a recurring job every
    /// <see cref="MessagingSettings.Poll"/>, see <c>AddOutreachJobs</c>) and, when a gateway is configured, the gateway
    /// and the dispatcher. Without a gateway the job runs and leaves the outbox as it is: staff send it by hand. The
    /// outbox table itself is the durable state, and claims keep two app instances from sending one message twice.
    /// </summary>
    public static IServiceCollection AddOutboxDispatch(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = MessagingSettings.From(configuration);
        services.AddSingleton(settings);
        services.AddTransient(sp => new OutboxDispatchJob(sp.GetService<OutboxDispatcher>(), sp.GetService<OutreachMetrics>()));
        if (settings.WebhookUrl is not { } url)
        {
            return services;
        }

        services.AddSingleton<IMessageGateway>(_ => new WebhookMessageGateway(
            new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = TimeSpan.FromSeconds(15) },
            new WebhookGatewayOptions(url, settings.BearerToken)));
        services.AddSingleton<OutboxDispatcher>();
        return services;
    }
}
