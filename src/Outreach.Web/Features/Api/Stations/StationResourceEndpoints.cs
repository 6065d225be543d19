using Microsoft.Extensions.Localization;
using Outreach.Data;
using Outreach.Domain;
using Outreach.Domain.Validation;
using Outreach.Jobs.Replanning;
using Outreach.Web.Features.Localization;
using Outreach.Web.Features.StationResources;
using Outreach.Web.Infrastructure.Auth;
using Outreach.Web.Infrastructure.Time;

namespace Outreach.Web.Features.Api.Stations;

/// <summary>
/// The unit's own facts through the API, the same the staff pages edit (/staff/vans, /staff/teams, /staff/officers,
/// /staff/visit-requests) with the same rules: GET /api/stations/{id}/vehicles, /teams, /officers, /visit-requests (staff
/// of the unit), POST to each and PUT /{thing}/{thingId} with the whole record (dispatchers and chiefs of the unit,
/// admins; a thing of another unit is a 404). The unit in the address is checked by
/// StationScopeGate (403 for another unit's); a member, vehicle or site of another unit is a 400 naming the field, and
/// nothing is stored. 201 with the stored record. DELETE /{thing}/{thingId} removes a vehicle, team, officer or site
/// (same roles as PUT): 204; 404 for another unit's, an unknown or one removed already; 409 with a problem whose
/// <c>uses</c> name what still uses it (team names, days, counts), in the request's language, and nothing changes.
/// </summary>
public static class StationResourceEndpoints
{
    public static RouteGroupBuilder MapStationResourceEndpoints(this RouteGroupBuilder stations)
    {
        ArgumentNullException.ThrowIfNull(stations);

        stations.MapGet("/{id:long}/vehicles", async Task<IResult> (long id, DataStores stores, CancellationToken cancellationToken) =>
            await stores.Stations.GetAsync(id, cancellationToken) is null
                ? TypedResults.NotFound()
                : TypedResults.Ok((await stores.Fleet.ListVehiclesAsync(id, cancellationToken)).Select(VehicleResponse.From)))
            .ActsOnStation(StationSource.Route, "id");

        stations.MapPost("/{id:long}/vehicles", (long id, HttpRequest request, DataStores stores, PlanInputs inputs, IStringLocalizer<SharedResource> localizer) =>
            CreateAsync<VehicleRequest>(id, request, stores, localizer, async body =>
            {
                var (vehicle, errors) = body.ToVehicle(id);
                if (vehicle is null)
                {
                    return Stored.Refused(errors);
                }

                var vehicleId = await inputs.SaveVehicleAsync(vehicle, request.HttpContext.RequestAborted) ?? 0;
                return new Stored($"/api/stations/{id}/vehicles/{vehicleId}", VehicleResponse.From(vehicle with { Id = vehicleId }), []);
            }))
            .RequireAuthorization(Policies.Dispatcher).ActsOnStation(StationSource.Route, "id");

        stations.MapGet("/{id:long}/teams", async Task<IResult> (long id, DataStores stores, CancellationToken cancellationToken) =>
            await stores.Stations.GetAsync(id, cancellationToken) is null
                ? TypedResults.NotFound()
                : TypedResults.Ok((await stores.Fleet.ListTeamsAsync(id, cancellationToken)).Select(TeamResponse.From)))
            .ActsOnStation(StationSource.Route, "id");

        stations.MapPost("/{id:long}/teams", (long id, HttpRequest request, DataStores stores, PlanInputs inputs, IStringLocalizer<SharedResource> localizer) =>
            CreateAsync<TeamRequest>(id, request, stores, localizer, async body =>
            {
                var cancellationToken = request.HttpContext.RequestAborted;
                var (team, errors) = body.ToTeam(id, await stores.Officers.ListByStationAsync(id, cancellationToken), await stores.Fleet.ListVehiclesAsync(id, cancellationToken));
                if (team is null)
                {
                    return Stored.Refused(errors);
                }

                var teamId = await inputs.SaveTeamAsync(team, cancellationToken) ?? 0;
                return new Stored($"/api/stations/{id}/teams/{teamId}", TeamResponse.From(team with { Id = teamId }), []);
            }))
            .RequireAuthorization(Policies.Dispatcher).ActsOnStation(StationSource.Route, "id");

        stations.MapGet("/{id:long}/officers", async Task<IResult> (long id, DataStores stores, CancellationToken cancellationToken) =>
            await stores.Stations.GetAsync(id, cancellationToken) is null
                ? TypedResults.NotFound()
                : TypedResults.Ok((await stores.Officers.ListByStationAsync(id, cancellationToken)).Select(OfficerResponse.From)))
            .RequireAuthorization(Policies.Dispatcher).ActsOnStation(StationSource.Route, "id");

        stations.MapPost("/{id:long}/officers", (long id, HttpRequest request, DataStores stores, PlanInputs inputs, IStringLocalizer<SharedResource> localizer) =>
            CreateAsync<OfficerRequest>(id, request, stores, localizer, async body =>
            {
                var (officer, errors) = body.ToOfficer(id);
                if (officer is null)
                {
                    return Stored.Refused(errors);
                }

                var officerId = (await inputs.AddOfficersAsync([officer], request.HttpContext.RequestAborted))[0];
                var stored = await stores.Officers.GetAsync(officerId, request.HttpContext.RequestAborted) ?? officer with { Id = officerId };
                return new Stored($"/api/stations/{id}/officers/{officerId}", OfficerResponse.From(stored), []);
            }))
            .RequireAuthorization(Policies.Dispatcher).ActsOnStation(StationSource.Route, "id");

        stations.MapGet("/{id:long}/visit-requests", async Task<IResult> (long id, DataStores stores, CancellationToken cancellationToken) =>
            await stores.Stations.GetAsync(id, cancellationToken) is null
                ? TypedResults.NotFound()
                : TypedResults.Ok((await stores.VisitRequests.ListByStationAsync(id, cancellationToken: cancellationToken)).Select(VisitRequestResponse.From)))
            .RequireAuthorization(Policies.Dispatcher).ActsOnStation(StationSource.Route, "id");

        stations.MapPost("/{id:long}/visit-requests", (long id, HttpRequest request, DataStores stores, PlanInputs inputs, IStringLocalizer<SharedResource> localizer) =>
            CreateAsync<VisitRequestRequest>(id, request, stores, localizer, async body =>
            {
                var cancellationToken = request.HttpContext.RequestAborted;
                var (visit, errors) = body.ToVisitRequest(id, await stores.Sites.ListByStationAsync(id, cancellationToken: cancellationToken));
                if (visit is null)
                {
                    return Stored.Refused(errors);
                }

                var visitId = await inputs.SaveVisitRequestAsync(visit, cancellationToken) ?? 0;
                var stored = await stores.VisitRequests.GetAsync(visitId, cancellationToken) ?? visit with { Id = visitId };
                return new Stored($"/api/stations/{id}/visit-requests/{visitId}", VisitRequestResponse.From(stored), []);
            }))
            .RequireAuthorization(Policies.Dispatcher).ActsOnStation(StationSource.Route, "id");

        // Changes: the whole record again (as POST), for a thing of this unit; another unit's, or none, is a 404.
        stations.MapPut("/{id:long}/vehicles/{vehicleId:long}", (long id, long vehicleId, HttpRequest request, DataStores stores, PlanInputs inputs, IStringLocalizer<SharedResource> localizer) =>
            ChangeAsync<VehicleRequest>(id, request, stores, localizer,
                async () => await stores.Fleet.GetVehicleAsync(vehicleId, request.HttpContext.RequestAborted) is { } v && v.HomeStationId == id && v.RemovedAt is null,
                async body =>
                {
                    var (vehicle, errors) = body.ToVehicle(id);
                    if (vehicle is null)
                    {
                        return Stored.Refused(errors);
                    }

                    await inputs.SaveVehicleAsync(vehicle with { Id = vehicleId }, request.HttpContext.RequestAborted);
                    return new Stored("", VehicleResponse.From(vehicle with { Id = vehicleId }), []);
                }))
            .RequireAuthorization(Policies.Dispatcher).ActsOnStation(StationSource.Route, "id");

        stations.MapPut("/{id:long}/teams/{teamId:long}", (long id, long teamId, HttpRequest request, DataStores stores, PlanInputs inputs, IStringLocalizer<SharedResource> localizer) =>
            ChangeAsync<TeamRequest>(id, request, stores, localizer,
                async () => await stores.Fleet.GetTeamAsync(teamId, request.HttpContext.RequestAborted) is { } t && t.HomeStationId == id && t.RemovedAt is null,
                async body =>
                {
                    var cancellationToken = request.HttpContext.RequestAborted;
                    var (team, errors) = body.ToTeam(id, await stores.Officers.ListByStationAsync(id, cancellationToken), await stores.Fleet.ListVehiclesAsync(id, cancellationToken));
                    if (team is null)
                    {
                        return Stored.Refused(errors);
                    }

                    await inputs.SaveTeamAsync(team with { Id = teamId }, cancellationToken);
                    return new Stored("", TeamResponse.From(team with { Id = teamId }), []);
                }))
            .RequireAuthorization(Policies.Dispatcher).ActsOnStation(StationSource.Route, "id");

        stations.MapPut("/{id:long}/officers/{officerId:long}", (long id, long officerId, HttpRequest request, DataStores stores, PlanInputs inputs, IStringLocalizer<SharedResource> localizer) =>
            ChangeAsync<OfficerRequest>(id, request, stores, localizer,
                async () => await stores.Officers.GetAsync(officerId, request.HttpContext.RequestAborted) is { } o && o.StationId == id && o.RemovedAt is null,
                async body =>
                {
                    var (officer, errors) = body.ToOfficer(id);
                    if (officer is null)
                    {
                        return Stored.Refused(errors);
                    }

                    await inputs.UpdateOfficerAsync(officer with { Id = officerId }, request.HttpContext.RequestAborted);
                    var stored = await stores.Officers.GetAsync(officerId, request.HttpContext.RequestAborted) ?? officer with { Id = officerId };
                    return new Stored("", OfficerResponse.From(stored), []);
                }))
            .RequireAuthorization(Policies.Dispatcher).ActsOnStation(StationSource.Route, "id");

        stations.MapPut("/{id:long}/visit-requests/{requestId:long}", (long id, long requestId, HttpRequest request, DataStores stores, PlanInputs inputs, IStringLocalizer<SharedResource> localizer) =>
            ChangeAsync<VisitRequestRequest>(id, request, stores, localizer,
                async () => await stores.VisitRequests.GetAsync(requestId, request.HttpContext.RequestAborted) is { } r && r.StationId == id,
                async body =>
                {
                    var cancellationToken = request.HttpContext.RequestAborted;
                    var existing = await stores.VisitRequests.GetAsync(requestId, cancellationToken);
                    var (visit, errors) = (body with { Status = body.Status ?? existing?.Status }).ToVisitRequest(id, await stores.Sites.ListByStationAsync(id, cancellationToken: cancellationToken));
                    if (visit is null)
                    {
                        return Stored.Refused(errors);
                    }

                    await inputs.SaveVisitRequestAsync(visit with { Id = requestId }, cancellationToken);
                    var stored = await stores.VisitRequests.GetAsync(requestId, cancellationToken) ?? visit with { Id = requestId };
                    return new Stored("", VisitRequestResponse.From(stored), []);
                }))
            .RequireAuthorization(Policies.Dispatcher).ActsOnStation(StationSource.Route, "id");

        // Removals (kept for history, gone from everything current); PlanInputs asks for the re-plans.
        stations.MapDelete("/{id:long}/vehicles/{vehicleId:long}", (long id, long vehicleId, PlanInputs inputs, LocalTime time, IStringLocalizer<StationResourcesResource> text, CancellationToken cancellationToken) =>
            RemovedAsync(inputs.RemoveVehicleAsync(id, vehicleId, time.Now, cancellationToken), text))
            .RequireAuthorization(Policies.Dispatcher).ActsOnStation(StationSource.Route, "id");

        stations.MapDelete("/{id:long}/teams/{teamId:long}", (long id, long teamId, PlanInputs inputs, LocalTime time, IStringLocalizer<StationResourcesResource> text, CancellationToken cancellationToken) =>
            RemovedAsync(inputs.RemoveTeamAsync(id, teamId, time.Now, cancellationToken), text))
            .RequireAuthorization(Policies.Dispatcher).ActsOnStation(StationSource.Route, "id");

        stations.MapDelete("/{id:long}/officers/{officerId:long}", (long id, long officerId, PlanInputs inputs, LocalTime time, IStringLocalizer<StationResourcesResource> text, CancellationToken cancellationToken) =>
            RemovedAsync(inputs.RemoveOfficerAsync(id, officerId, time.Now, cancellationToken), text))
            .RequireAuthorization(Policies.Dispatcher).ActsOnStation(StationSource.Route, "id");

        stations.MapDelete("/{id:long}/sites/{siteId:long}", (long id, long siteId, PlanInputs inputs, LocalTime time, IStringLocalizer<StationResourcesResource> text, CancellationToken cancellationToken) =>
            RemovedAsync(inputs.RemoveSiteAsync(id, siteId, time.Now, cancellationToken), text))
            .RequireAuthorization(Policies.Dispatcher).ActsOnStation(StationSource.Route, "id");

        return stations;
    }

    /// <summary>204 when removed, 404 when not the unit's (or removed already), 409 with the uses (<see cref="RemovalText"/>) when in use.</summary>
    private static async Task<IResult> RemovedAsync(Task<Removal> removing, IStringLocalizer<StationResourcesResource> text)
    {
        var removal = await removing;
        if (removal.Outcome == RemovalOutcome.InUse)
        {
            var uses = RemovalText.Uses(text, removal.Uses);
            // The title is the app's for a 409 (ProblemExtensions); the detail says what stays in use.
            return TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict,
                detail: $"{text["Remove.InUse"]} {string.Join("; ", uses)}",
                extensions: new Dictionary<string, object?> { ["uses"] = uses });
        }

        return removal.Outcome == RemovalOutcome.Removed ? TypedResults.NoContent() : TypedResults.NotFound();
    }

    /// <summary>404 for a thing that is not the unit's (<paramref name="exists"/>), else as <see cref="CreateAsync"/> but 200 with the changed record.</summary>
    private static async Task<IResult> ChangeAsync<TBody>(long id, HttpRequest request, DataStores stores, IStringLocalizer<SharedResource> localizer,
        Func<Task<bool>> exists, Func<TBody, Task<Stored>> store)
        where TBody : class
    {
        if (!await exists())
        {
            return TypedResults.NotFound();
        }

        return await CreateAsync(id, request, stores, localizer, store, isNew: false);
    }

    /// <summary>What a POST stored: the new record's address and body, or nothing and why.</summary>
    private sealed record Stored(string? Location, object? Body, IReadOnlyList<ValidationError> Errors)
    {
        public static Stored Refused(IReadOnlyList<ValidationError> errors) => new(null, null, errors);
    }

    /// <summary>
    /// 404 for an unknown unit, the body's own problem (415, 413, 400 for bad JSON), 400 naming each field, or 201 with
    /// what <paramref name="store"/> returns: the new record's address and body, or the errors found.
    /// </summary>
    private static async Task<IResult> CreateAsync<TBody>(long id, HttpRequest request, DataStores stores, IStringLocalizer<SharedResource> localizer,
        Func<TBody, Task<Stored>> store, bool isNew = true)
        where TBody : class
    {
        if (await stores.Stations.GetAsync(id, request.HttpContext.RequestAborted) is null)
        {
            return TypedResults.NotFound();
        }

        var body = await JsonBody.ReadAsync<TBody>(request, localizer);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        try
        {
            var stored = await store(body.Value!);
            return stored.Location is null
                ? ApiProblems.FromValidation(localizer, stored.Errors)
                : isNew ? TypedResults.Created(stored.Location, stored.Body) : TypedResults.Ok(stored.Body);
        }
        catch (DomainValidationException e)
        {
            return ApiProblems.FromValidation(localizer, e.Errors);
        }
    }
}
