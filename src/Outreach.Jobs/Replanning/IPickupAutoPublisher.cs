namespace Outreach.Jobs.Replanning;

/// <summary>What <see cref="IPickupAutoPublisher.PublishIfWithinToleranceAsync"/> did with a version a background re-plan saved.</summary>
public enum AutoPublishOutcome
{
    /// <summary>Published: every time families were told is kept within the station's tolerance and nobody is left out.</summary>
    Published,

    /// <summary>The day was never published: the draft waits for the chief's first Publish.</summary>
    NotPublishedYet,

    /// <summary>A told time moves beyond the tolerance, or a family is left out, or the station allows none: the draft waits for the chief.</summary>
    BeyondTolerance,

    /// <summary>No public address is configured for the links in messages: the draft waits for the chief's Publish.</summary>
    NoPublicAddress,
}

/// <summary>
/// Publishes a pickup version a background re-plan saved when it keeps what families were told: every told pickup time
/// within the station's <see cref="Outreach.Domain.Station.ReplanToleranceMinutes"/>, nobody left out (new bookings may be
/// added). Publishing is the chief's Publish (messages only where what a message says changed); otherwise the draft
/// waits on the board with its differences. Implemented by the web app, which owns the publisher.
/// </summary>
public interface IPickupAutoPublisher
{
    Task<AutoPublishOutcome> PublishIfWithinToleranceAsync(long planId, CancellationToken cancellationToken);
}
