using System.Security.Claims;
using Outreach.Web.Features.Api.Stations;
using Outreach.Web.Features.Staff;
using Outreach.Web.Infrastructure.Auth;

namespace Outreach.Web.Features.Api;

/// <summary>
/// The JSON API under /api. Cookie-authenticated like the pages; every write requires
/// Content-Type: application/json, which a cross-site HTML form cannot send, so no antiforgery token is
/// needed. Errors are RFC 9457 problem details in the request's language (Accept-Language or the
/// culture cookie).
/// </summary>
public static class ApiExtensions
{
    public static IServiceCollection AddOutreachApi(this IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(options =>
        {
            foreach (var converter in JsonBody.Options.Converters)
            {
                options.SerializerOptions.Converters.Add(converter);
            }
        });
        return services;
    }

    public static IEndpointRouteBuilder MapOutreachApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api").RequireAuthorization(Policies.Staff).DisableAntiforgery();
        api.MapGet("/me", (ClaimsPrincipal user) => TypedResults.Ok(new MeResponse(
            StaffClaims.UserId(user) ?? 0,
            user.Identity?.Name ?? "",
            user.FindFirstValue(StaffClaims.DisplayName) ?? "",
            user.FindFirstValue(ClaimTypes.Role) ?? "",
            StaffClaims.StationId(user)))).NoStationData();
        api.MapStationEndpoints();
        api.MapStaffUserEndpoints();
        return endpoints;
    }

    /// <summary>Who is signed in (GET /api/me), and the station they act for (null: an admin, every station; anyone else, none).</summary>
    public sealed record MeResponse(long Id, string UserName, string DisplayName, string Role, long? StationId);
}
