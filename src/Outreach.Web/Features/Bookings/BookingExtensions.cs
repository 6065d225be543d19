using System.Globalization;
using Microsoft.Extensions.Localization;

namespace Outreach.Web.Features.Bookings;

public static class BookingExtensions
{
    /// <summary>
    /// The booking desk (slot rule + stores), the station maps, the family-access cookie, and the background improvement
    /// of the days' live plans (<see cref="LivePlanSettings"/>).
    /// </summary>
    public static IServiceCollection AddBooking(this IServiceCollection services)
    {
        services.AddSingleton<StationMaps>();
        services.AddSingleton<BookingDesk>();
        services.AddSingleton(provider => LivePlanSettings.From(provider.GetRequiredService<IConfiguration>()));
        services.AddSingleton<LivePlanChanges>();
        services.AddSingleton<LivePlanImprover>();
        services.AddHostedService<LivePlanImprovementService>();
        services.AddSingleton<BookingRefusals>();
        services.AddSingleton<FamilyAccess>();
        return services;
    }

    /// <summary>
    /// GET /booking/{stationId}/map.svg?lon=&amp;lat=&amp;z=: the area map the booking pages show as a tappable image.
    /// The pages themselves are components in this folder (/booking, /booking/{stationId}, /booking/find,
    /// /booking/manage/{code}).
    /// </summary>
    public static IEndpointRouteBuilder MapBooking(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/booking/{stationId:long}/map.svg", async (
            long stationId, string? lon, string? lat, string? z, BookingDesk desk, IStringLocalizer<BookingResource> text, HttpContext context) =>
        {
            var station = await desk.OpenAsync(stationId, context.RequestAborted);
            if (station is null)
            {
                return Results.NotFound();
            }

            var view = station.Map.Normalize(new MapView(Number(lon), Number(lat),
                int.TryParse(z, NumberStyles.None, CultureInfo.InvariantCulture, out var zoom) ? zoom : 1));
            var svg = station.Map.Svg(view, station.Station, station.Area, station.Points,
                text["Booking.Map.Title", station.Station.NewUnitName ?? station.Station.Name]);
            // The drawing depends only on the view and the station's points: let phones keep it for a while.
            context.Response.Headers.CacheControl = "public, max-age=600";
            return Results.Text(svg, "image/svg+xml; charset=utf-8");
        }).AllowAnonymous();
        return endpoints;
    }

    private static double Number(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : double.NaN;
}
