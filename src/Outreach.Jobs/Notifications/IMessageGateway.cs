using Outreach.Domain;

namespace Outreach.Jobs.Notifications;

/// <summary>One message in words, ready for a gateway: <see cref="To"/> is a phone number (never log it in full).</summary>
public sealed record OutgoingMessage(long Id, NotificationChannel Channel, string To, string Text, string TemplateKey, string Language, string DeduplicationKey);

/// <summary>
/// Hands a message to whatever delivers it (an SMS or Zalo provider). Returns normally once the provider has accepted
/// it; throws <see cref="MessageDeliveryException"/> otherwise, saying whether trying again may help.
/// </summary>
public interface IMessageGateway
{
    Task SendAsync(OutgoingMessage message, CancellationToken cancellationToken);
}

/// <summary>A gateway refused or failed a message. <see cref="Permanent"/>: trying again will not help (e.g. a bad number).</summary>
public sealed class MessageDeliveryException : Exception
{
    public MessageDeliveryException()
    {
    }

    public MessageDeliveryException(string message)
        : base(message)
    {
    }

    public MessageDeliveryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public MessageDeliveryException(string message, bool permanent, Exception? innerException = null)
        : base(message, innerException)
    {
        Permanent = permanent;
    }

    public bool Permanent { get; }
}
