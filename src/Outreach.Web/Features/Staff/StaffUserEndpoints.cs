using System.Security.Claims;
using Microsoft.Extensions.Localization;
using Outreach.Data.Stores;
using Outreach.Domain;
using Outreach.Domain.Validation;
using Outreach.Web.Features.Api;
using Outreach.Web.Features.Localization;
using Outreach.Web.Infrastructure.Auth;

namespace Outreach.Web.Features.Staff;

/// <summary>
/// /api/users (admin only): list the accounts, read one, and PUT /api/users/{id} to set its role, station and whether it
/// is disabled (the same rules as the accounts page, <see cref="StaffAccountRules"/>). Never sends a password hash.
/// Bad input gets 400 naming each field and value, and nothing is stored; an unknown id 404.
/// </summary>
public static class StaffUserEndpoints
{
    public static RouteGroupBuilder MapStaffUserEndpoints(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var users = api.MapGroup("/users").RequireAuthorization(Policies.Admin).NoStationData();

        users.MapGet("/", async (StaffUserStore store, CancellationToken cancellationToken) =>
            TypedResults.Ok((await store.ListAsync(cancellationToken)).Select(StaffUserResponse.From)));

        users.MapGet("/{id:long}", async Task<IResult> (long id, StaffUserStore store, CancellationToken cancellationToken) =>
            await store.GetAsync(id, cancellationToken) is { } user
                ? TypedResults.Ok(StaffUserResponse.From(user))
                : TypedResults.NotFound());

        users.MapPut("/{id:long}", async Task<IResult> (
            long id, HttpRequest request, ClaimsPrincipal admin, StaffUserStore store, StationStore stations, TimeProvider time,
            IStringLocalizer<SharedResource> localizer, ILoggerFactory loggers) =>
        {
            var cancellationToken = request.HttpContext.RequestAborted;
            if (await store.GetAsync(id, cancellationToken) is not { } user)
            {
                return TypedResults.NotFound();
            }

            var body = await JsonBody.ReadAsync<StaffUserRequest>(request, localizer);
            if (body.Problem is not null)
            {
                return body.Problem;
            }

            var value = body.Value!;
            var errors = new List<ValidationError>();
            if (value.Role is null)
            {
                errors.Add(ApiProblems.Missing(StaffAccountRules.RoleField));
            }

            if (value.Disabled is null)
            {
                errors.Add(ApiProblems.Missing(StaffAccountRules.DisabledField));
            }

            if (errors.Count > 0)
            {
                return ApiProblems.FromValidation(localizer, errors);
            }

            var change = new StaffAccountChange(value.DisplayName ?? user.DisplayName, value.Role!.Value, value.StationId, value.Disabled!.Value);
            var known = (await stations.ListAsync(cancellationToken)).Select(s => s.Id).ToList();
            errors.AddRange(StaffAccountRules.Check(change, known, user, StaffClaims.UserId(admin)));
            if (errors.Count > 0)
            {
                return ApiProblems.FromValidation(localizer, errors);
            }

            var now = time.GetUtcNow();
            if (!await store.UpdateAccountAsync(id, change.DisplayName.Trim(), change.Role, change.StationId, change.Disabled, now, cancellationToken)
                || await store.GetAsync(id, cancellationToken) is not { } saved)
            {
                return TypedResults.NotFound();
            }

            StaffAccountForm.LogChanged(loggers.CreateLogger("Outreach.Staff"), id, change.Role, change.StationId, change.Disabled, StaffClaims.UserId(admin));
            return TypedResults.Ok(StaffUserResponse.From(saved));
        });

        return users;
    }
}

/// <summary>PUT /api/users/{id}: <c>role</c> and <c>disabled</c> are required; <c>stationId</c> null or left out means
/// none (admins only); <c>displayName</c> left out keeps the current one.</summary>
public sealed record StaffUserRequest(string? DisplayName, StaffRole? Role, long? StationId, bool? Disabled);

/// <summary>An account as the API shows it: no password hash, no security stamp.</summary>
public sealed record StaffUserResponse(
    long Id, string UserName, string DisplayName, StaffRole Role, long? StationId, bool Disabled, DateTimeOffset? DisabledAt,
    bool MustChangePassword)
{
    public static StaffUserResponse From(StaffUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new(user.Id, user.UserName, user.DisplayName, user.Role, user.StationId, user.IsDisabled, user.DisabledAt,
            user.MustChangePassword);
    }
}
