using System.Security.Claims;
using Microsoft.Extensions.Localization;
using Outreach.Data.Stores;
using Outreach.Domain.Validation;
using Outreach.Jobs.Replanning;
using Outreach.Web.Features.Localization;
using Outreach.Web.Infrastructure.Auth;

namespace Outreach.Web.Features.Api.Stations;

/// <summary>
/// /api/stations: list (any staff: their own unit, an admin all), read (staff of the unit), create (admin), change the
/// settings (chief of the unit, admin); /api/stations/{id}/sites: list (staff of the unit), add (dispatcher or chief of
/// the unit, admin). The unit in the address is checked by StationScopeGate (403 for another unit's). Bad input gets 400
/// naming each field and value, and nothing is stored.
/// </summary>
public static class StationEndpoints
{
    public static RouteGroupBuilder MapStationEndpoints(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var stations = api.MapGroup("/stations");

        stations.MapGet("/", async (ClaimsPrincipal user, StationAccess access, CancellationToken cancellationToken) =>
            TypedResults.Ok((await access.VisibleAsync(user, cancellationToken)).Select(StationResponse.From)))
            .OwnStations();

        stations.MapGet("/{id:long}", async Task<IResult> (long id, StationStore store, CancellationToken cancellationToken) =>
            await store.GetAsync(id, cancellationToken) is { } station
                ? TypedResults.Ok(StationResponse.From(station))
                : TypedResults.NotFound())
            .ActsOnStation(StationSource.Route, "id");

        stations.MapPost("/", async Task<IResult> (HttpRequest request, StationStore store, IStringLocalizer<SharedResource> localizer) =>
        {
            var body = await JsonBody.ReadAsync<StationRequest>(request, localizer);
            if (body.Problem is not null)
            {
                return body.Problem;
            }

            var (station, errors) = body.Value!.ToStation();
            if (station is null)
            {
                return ApiProblems.FromValidation(localizer, errors);
            }

            try
            {
                var id = await store.InsertAsync(station, request.HttpContext.RequestAborted);
                // As stored: the phone in national form, whatever spacing or +84 was sent.
                var stored = await store.GetAsync(id, request.HttpContext.RequestAborted) ?? station with { Id = id };
                return TypedResults.Created($"/api/stations/{id}", StationResponse.From(stored));
            }
            catch (DomainValidationException e)
            {
                return ApiProblems.FromValidation(localizer, e.Errors);
            }
            catch (DuplicateKeyException)
            {
                return TypedResults.Problem(
                    statusCode: StatusCodes.Status409Conflict,
                    detail: localizer["Api.Station.DuplicateName", station.Name],
                    extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["name"] = [localizer["Api.Station.DuplicateName", station.Name]] } });
            }
        }).RequireAuthorization(Policies.Admin).NoStationData();

        stations.MapPut("/{id:long}/settings", async Task<IResult> (long id, HttpRequest request, StationStore store, ReplanRequests replans, IStringLocalizer<SharedResource> localizer) =>
        {
            var cancellationToken = request.HttpContext.RequestAborted;
            if (await store.GetAsync(id, cancellationToken) is null)
            {
                return TypedResults.NotFound();
            }

            var body = await JsonBody.ReadAsync<StationSettingsRequest>(request, localizer);
            if (body.Problem is not null)
            {
                return body.Problem;
            }

            var (settings, errors) = body.Value!.ToSettings();
            if (settings is null)
            {
                return ApiProblems.FromValidation(localizer, errors);
            }

            if (body.Value!.ReplanToleranceMinutes is null && await store.GetAsync(id, cancellationToken) is { } current)
            {
                // Left out: the station keeps its own (a client that does not know the setting does not reset it).
                settings = settings with { ReplanToleranceMinutes = current.ReplanToleranceMinutes };
            }

            try
            {
                if (!await store.UpdateSettingsAsync(id, settings, cancellationToken) || await store.GetAsync(id, cancellationToken) is not { } saved)
                {
                    return TypedResults.NotFound();
                }

                await replans.StationSettingsChangedAsync(id);
                return TypedResults.Ok(StationResponse.From(saved));
            }
            catch (DomainValidationException e)
            {
                return ApiProblems.FromValidation(localizer, e.Errors);
            }
        }).RequireAuthorization(Policies.Chief).ActsOnStation(StationSource.Route, "id");

        stations.MapGet("/{id:long}/sites", async Task<IResult> (long id, StationStore stationStore, SiteStore store, CancellationToken cancellationToken) =>
            await stationStore.GetAsync(id, cancellationToken) is null
                ? TypedResults.NotFound()
                : TypedResults.Ok((await store.ListByStationAsync(id, cancellationToken: cancellationToken)).Select(SiteResponse.From)))
            .ActsOnStation(StationSource.Route, "id");

        stations.MapPost("/{id:long}/sites", async Task<IResult> (long id, HttpRequest request, StationStore stationStore, SiteStore store, IStringLocalizer<SharedResource> localizer) =>
        {
            if (await stationStore.GetAsync(id, request.HttpContext.RequestAborted) is null)
            {
                return TypedResults.NotFound();
            }

            var body = await JsonBody.ReadAsync<SiteRequest>(request, localizer);
            if (body.Problem is not null)
            {
                return body.Problem;
            }

            var (site, errors) = body.Value!.ToSite(id);
            if (site is null)
            {
                return ApiProblems.FromValidation(localizer, errors);
            }

            try
            {
                var siteId = await store.InsertAsync(site, request.HttpContext.RequestAborted);
                return TypedResults.Created($"/api/stations/{id}/sites/{siteId}", SiteResponse.From(site with { Id = siteId }));
            }
            catch (DomainValidationException e)
            {
                return ApiProblems.FromValidation(localizer, e.Errors);
            }
        }).RequireAuthorization(Policies.Dispatcher).ActsOnStation(StationSource.Route, "id");

        stations.MapStationResourceEndpoints();
        return stations;
    }
}
