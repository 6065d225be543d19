using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Primitives;
using Outreach.Data.Stores;
using Outreach.Domain;

namespace Outreach.Web.Infrastructure.Auth;

/// <summary>
/// The one place that checks the station a staff request acts on, for pages, their form posts and the API alike
/// (runs right after the role policies). An endpoint that requires sign-in must state its scope
/// (<see cref="IStationScopeMetadata"/>), or it is refused for everyone. For <see cref="ActsOnStationAttribute"/>
/// every value the request carries in the named places is resolved to a station (a plan, a booking code and an
/// outbox message through the stores) and must be the account's own; an admin passes; a non-admin account without a
/// station is refused. A value naming nothing that exists (an unknown plan or code) is left to the page, which
/// answers 404 or "not found" and shows no data. Refusals are a forbid: pages go to the 403 status page, the API
/// answers 403 problem details. Logs ids only.
/// </summary>
public sealed partial class StationScopeGate(RequestDelegate next, ILogger<StationScopeGate> logger)
{
    /// <summary>More booking codes than a phone-in batch holds are refused rather than looked up one by one.</summary>
    private const int MaxCodes = 30;

    public async Task InvokeAsync(HttpContext context, StationScopeResolver resolver)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(resolver);
        var endpoint = context.GetEndpoint();
        if (endpoint is null || !RequiresSignIn(endpoint))
        {
            await next(context);
            return;
        }

        var statements = endpoint.Metadata.GetOrderedMetadata<IStationScopeMetadata>();
        if (statements.Count == 0)
        {
            LogUndeclared(logger, endpoint.DisplayName ?? context.Request.Path.Value ?? "");
            await context.ForbidAsync();
            return;
        }

        if (StationAccess.IsAdmin(context.User) || !statements.OfType<ActsOnStationAttribute>().Any())
        {
            await next(context);
            return;
        }

        var userId = StaffClaims.UserId(context.User);
        if (StationAccess.StationOf(context.User) is not { } own)
        {
            LogNoStation(logger, userId, endpoint.DisplayName ?? "");
            await context.ForbidAsync();
            return;
        }

        foreach (var statement in statements.OfType<ActsOnStationAttribute>())
        {
            var values = Split(statement.Key, await ValuesAsync(context, statement));
            if (values.Count > MaxCodes)
            {
                LogRefused(logger, userId, endpoint.DisplayName ?? "", statement.Describe(), null);
                await context.ForbidAsync();
                return;
            }

            foreach (var value in values)
            {
                var found = await resolver.ResolveAsync(statement.Key, value, context.RequestAborted);
                if (found.Exists && found.StationId != own)
                {
                    LogRefused(logger, userId, endpoint.DisplayName ?? "", statement.Describe(), found.StationId);
                    await context.ForbidAsync();
                    return;
                }
            }
        }

        await next(context);
    }

    /// <summary>Endpoints behind a policy; anonymous ones (booking, driver links, sign-in, status pages) are public by design.</summary>
    public static bool RequiresSignIn(Endpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return endpoint.Metadata.GetMetadata<IAllowAnonymous>() is null && endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Count > 0;
    }

    private static async Task<StringValues> ValuesAsync(HttpContext context, ActsOnStationAttribute statement)
    {
        switch (statement.Source)
        {
            case StationSource.Route:
                return context.Request.RouteValues.TryGetValue(statement.Name, out var value) && value is not null
                    ? new StringValues(Convert.ToString(value, CultureInfo.InvariantCulture))
                    : StringValues.Empty;
            case StationSource.Query:
                return context.Request.Query[statement.Name];
            case StationSource.Form:
                if (!context.Request.HasFormContentType)
                {
                    return StringValues.Empty;
                }

                var form = await context.Request.ReadFormAsync(context.RequestAborted);
                return form[statement.Name];
            default:
                throw new InvalidOperationException($"Unknown station source {statement.Source}.");
        }
    }

    /// <summary>Each non-empty value; booking codes may come comma-separated in one value.</summary>
    private static List<string> Split(StationKey key, StringValues values)
    {
        var result = new List<string>();
        foreach (var value in values)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                continue;
            }

            if (key == StationKey.BookingCode)
            {
                result.AddRange(value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            }
            else
            {
                result.Add(value.Trim());
            }
        }

        return result;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Refused: staff endpoint {Endpoint} states no station scope (add ActsOnStation, OwnStations or NoStationData)")]
    private static partial void LogUndeclared(ILogger logger, string endpoint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused: staff user {UserId} has no station and may not use {Endpoint}")]
    private static partial void LogNoStation(ILogger logger, long? userId, string endpoint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused: staff user {UserId} on {Endpoint}: {Statement} leads to station {StationId}, not theirs")]
    private static partial void LogRefused(ILogger logger, long? userId, string endpoint, string statement, long? stationId);
}

/// <summary>What a value named by an endpoint leads to: nothing that exists, or a thing of a station (null: of none).</summary>
public readonly record struct StationLookup(bool Exists, long? StationId)
{
    public static readonly StationLookup Missing = new(false, null);
}

/// <summary>Turns a station id, plan id, booking code or outbox message id into the station it belongs to. Thread-safe.</summary>
public sealed class StationScopeResolver(PlanStore plans, BookingStore bookings, NotificationOutboxStore outbox)
{
    public async Task<StationLookup> ResolveAsync(StationKey key, string value, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (key == StationKey.BookingCode)
        {
            return BookingCode.IsWellFormed(value) && await bookings.GetByCodeAsync(value, cancellationToken) is { } booking
                ? new StationLookup(true, booking.StationId)
                : StationLookup.Missing;
        }

        // A value that is not a number cannot be compared: it counts as another station's, so it is refused.
        if (!long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id))
        {
            return new StationLookup(true, null);
        }

        return key switch
        {
            StationKey.Station => new StationLookup(true, id),
            StationKey.Plan => await plans.GetAsync(id, cancellationToken) is { } plan ? new StationLookup(true, plan.Plan.StationId) : StationLookup.Missing,
            StationKey.OutboxMessage => await outbox.GetAsync(id, cancellationToken) is { } message ? new StationLookup(true, message.StationId) : StationLookup.Missing,
            _ => throw new ArgumentOutOfRangeException(nameof(key), key, "Unknown station key."),
        };
    }
}
