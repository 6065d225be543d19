namespace Outreach.Web.Infrastructure.Auth;

/// <summary>Where a request carries the value that names the station (unit) it acts on.</summary>
public enum StationSource
{
    /// <summary>A route value, by its name in the route pattern ("StationId", "planId").</summary>
    Route,

    /// <summary>A query string value ("station").</summary>
    Query,

    /// <summary>A posted form field ("station", "PlanId").</summary>
    Form,
}

/// <summary>What the value is, and so how it leads to a station.</summary>
public enum StationKey
{
    /// <summary>A station id itself.</summary>
    Station,

    /// <summary>A plan id: the plan's station.</summary>
    Plan,

    /// <summary>One or more booking codes, comma-separated: each booking's station.</summary>
    BookingCode,

    /// <summary>A notification outbox message id: the message's station (a message of no station is an admin's).</summary>
    OutboxMessage,
}

/// <summary>
/// What a staff endpoint (every one that requires a policy) states about the stations it touches. An endpoint that
/// requires sign-in and states none of these is refused for everyone by <see cref="StationScopeGate"/>, so a new
/// staff page or API route cannot forget the question.
/// </summary>
public interface IStationScopeMetadata
{
    /// <summary>For logs and the route test: "route:StationId", "query:station (Plan)", "own stations", "no station data".</summary>
    string Describe();
}

/// <summary>
/// The endpoint acts on the station named by <see cref="Name"/> in <see cref="Source"/> (or the station that value
/// resolves to). Every value sent there must lead to the account's own station (an admin: any). An account without a
/// station that is not an admin may not use the endpoint at all. When the value is left out the page works on the
/// account's own station. Several may be stated (a page reading a query value and posting a form field).
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = true)]
public sealed class ActsOnStationAttribute(StationSource source, string name, StationKey key = StationKey.Station) : Attribute, IStationScopeMetadata
{
    public StationSource Source { get; } = source;

    public string Name { get; } = name;

    public StationKey Key { get; } = key;

    public string Describe() => Key == StationKey.Station
        ? $"{Source.ToString().ToLowerInvariant()}:{Name}"
        : $"{Source.ToString().ToLowerInvariant()}:{Name} ({Key})";
}

/// <summary>
/// The endpoint names no station; it lists or works on the stations <see cref="StationAccess.VisibleAsync"/> gives the
/// account (an admin: all; anyone else: their own; an account without a station: none).
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class OwnStationsAttribute : Attribute, IStationScopeMetadata
{
    public string Describe() => "own stations";
}

/// <summary>
/// The endpoint holds no station's data: the account's own (password, who am I) or province-wide administration behind
/// the admin policy (accounts, creating a station).
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class NoStationDataAttribute : Attribute, IStationScopeMetadata
{
    public string Describe() => "no station data";
}

/// <summary>The same statements for minimal API routes.</summary>
public static class StationScopeEndpointExtensions
{
    public static TBuilder ActsOnStation<TBuilder>(this TBuilder builder, StationSource source, string name, StationKey key = StationKey.Station)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ActsOnStationAttribute(source, name, key));

    public static TBuilder OwnStations<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new OwnStationsAttribute());

    public static TBuilder NoStationData<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new NoStationDataAttribute());
}
