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
        services.AddSingleton<FamilyPickups>();
        return services;
    }

    /// <summary>
    /// GET /booking/{stationId}/map.svg?lon=&amp;lat=&amp;z=: the area map the booking pages show as a tappable image;
    /// GET /booking/manage/{code}/calendar.ics: the family's booking as a calendar event (its own browser only, as the
    /// page). The pages themselves are components in this folder (/booking, /booking/{stationId}, /booking/find,
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

        endpoints.MapGet("/booking/manage/{code}/calendar.ics", async (
            string code, BookingDesk desk, FamilyAccess access, FamilyPickups pickups, HttpContext context) =>
        {
            var booking = Domain.BookingCode.IsWellFormed(Domain.BookingCode.Normalize(code))
                ? await desk.Bookings.GetByCodeAsync(code, context.RequestAborted)
                : null;
            // As the booking's page: a code alone shows nothing, only the browser that booked it or proved the phone.
            if (booking is null || !access.Allows(context, booking.Id))
            {
                return Results.Redirect($"/booking/find?code={Uri.EscapeDataString(code)}");
            }

            if (booking.AnonymisedAt is not null || !Domain.Booking.HoldsSeats(booking.Status)
                || await desk.OpenAsync(booking.StationId, context.RequestAborted) is not { } station)
            {
                return Results.NotFound();
            }

            var slot = station.Rule.Find(booking.Date, booking.SlotStart);
            var start = booking.Date.ToDateTime(booking.SlotStart);
            var end = slot is { } s ? s.Date.ToDateTime(s.End) : start.AddMinutes(station.Station.BookingSlotMinutes);
            var pickupName = booking.PickupSiteId is { } siteId ? station.Point(siteId)?.Site.Name : booking.AddressNote;
            var planned = await pickups.PublishedForAsync(booking, context.RequestAborted);
            var english = string.Equals(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName, "en", StringComparison.Ordinal);
            var text = FamilyPickups.Calendar(booking, station.Station, start, end, pickupName, planned, english);
            context.Response.Headers.CacheControl = "private, no-store";
            return Results.File(System.Text.Encoding.UTF8.GetBytes(text), "text/calendar; charset=utf-8", $"can-cuoc-{booking.Code}.ics");
        }).AllowAnonymous();
        return endpoints;
    }

    private static double Number(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : double.NaN;
}
