using System.Globalization;
using System.Text;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Outreach.Data.Stores;
using Outreach.Domain;
using Outreach.Web.Features.PickupPlans;
using Outreach.Web.Features.RouteSheets;
using Outreach.Web.Infrastructure.Time;

namespace Outreach.Web.Features.Bookings;

/// <summary>
/// What a family was told about its pickup: the stops of its booking in the latest published pickup plan of its day.
/// The times are the driver's sheet's (<see cref="PickupPlanPublisher.VanSheet"/>, the stop the family's first boarding
/// and first drop-off rows went into), as the confirmation message gives them, so the page, the message and the sheet agree.
/// </summary>
/// <param name="PickupAt">When the van is at the pickup point.</param>
/// <param name="Place">Where: the pickup point's name, or null for the family's home.</param>
/// <param name="HomeAt">When the van brings the family back (null when no drop-off is planned).</param>
/// <param name="Van">The van's name and plate, as the family looks for it.</param>
/// <param name="Version">The published plan version the times come from.</param>
public sealed record PlannedPickup(DateTimeOffset PickupAt, string? Place, DateTimeOffset? HomeAt, string? Van, int Version);

/// <summary>Reads <see cref="PlannedPickup"/> for a booking; one per app.</summary>
public sealed class FamilyPickups(PlanStore plans, FleetStore fleet, SiteStore sites, StationStore stations, BookingStore bookings)
{
    /// <summary>The booking's pickup in the latest published plan of its day, or null (not published yet, not on a van, cancelled).</summary>
    public async Task<PlannedPickup?> PublishedForAsync(Domain.Booking booking, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(booking);
        if (!Domain.Booking.HoldsSeats(booking.Status))
        {
            return null;
        }

        var published = (await plans.ListAsync(booking.StationId, booking.Date, booking.Date, cancellationToken))
            .Where(p => p.Kind == PlanKind.Pickups && p.Status == PlanStatus.Published)
            .MaxBy(p => (p.PublishedAt, p.Version));
        if (published is null || await plans.GetAsync(published.Id, cancellationToken) is not { } content)
        {
            return null;
        }

        var rows = content.Stops
            .Where(s => s.ResourceKind == PlanResourceKind.Vehicle && s.BookingId == booking.Id && s.Date == booking.Date)
            .ToList();
        var (pickup, home) = PickupPlanPublisher.FamilyRows(rows);
        if (pickup is null)
        {
            return null;
        }

        // The times of the driver's sheet, as the confirmation message gives them: families boarding at one gate are one
        // stop, reached at the first family's time.
        var station = await stations.GetAsync(booking.StationId, cancellationToken);
        var siteById = (await sites.ListByStationAsync(booking.StationId, null, includeRemoved: true, cancellationToken)).ToDictionary(s => s.Id);
        var bookingById = (await bookings.ListAsync(booking.StationId, booking.Date, booking.Date, includeCancelled: true, cancellationToken)).ToDictionary(b => b.Id);
        var vehicle = await fleet.GetVehicleAsync(pickup.ResourceId, cancellationToken);
        DateTimeOffset SheetTime(PlanStop row)
        {
            var trip = new TripKey(content.Plan.Id, row.ResourceKind, row.ResourceId, row.Date, row.TripNumber);
            var sheet = station is null ? null : PickupPlanPublisher.VanSheet(content, trip, station, siteById, bookingById,
                row.ResourceId == vehicle?.Id ? vehicle : null);
            return sheet?.Stops.FirstOrDefault(s => s.Rows.Any(r => ReferenceEquals(r, row)))?.Arrival ?? row.Arrival;
        }

        var siteId = pickup.SiteId ?? booking.PickupSiteId;
        var place = siteId is { } id && siteById.TryGetValue(id, out var site) ? site.Name : null;
        var van = vehicle is null ? null : string.IsNullOrWhiteSpace(vehicle.Plate) ? vehicle.Name : $"{vehicle.Name} ({vehicle.Plate})";
        return new PlannedPickup(SheetTime(pickup), place, home is null ? null : SheetTime(home), van, published.Version);
    }

    /// <summary>
    /// The booking as an iCalendar event (Vietnam time): from the van's pickup to its return when published, else the
    /// booked slot; the place, the collection point and the booking code in the text, in the family's language.
    /// </summary>
    public static string Calendar(Domain.Booking booking, Station station, DateTime slotStart, DateTime slotEnd, string? pickupName, PlannedPickup? planned, bool english)
    {
        ArgumentNullException.ThrowIfNull(booking);
        ArgumentNullException.ThrowIfNull(station);
        var start = planned is null ? slotStart : LocalTime.ToLocal(planned.PickupAt).DateTime;
        var end = planned?.HomeAt is { } home ? LocalTime.ToLocal(home).DateTime : planned is null ? slotEnd : start.AddHours(2);
        var place = planned?.Place ?? pickupName ?? (english ? "At home" : "Tại nhà");
        var text = new StringBuilder();
        text.Append(english ? "Booking code: " : "Mã đặt chỗ: ").Append(booking.Code).Append('\n');
        text.Append(english ? "Collection point: " : "Điểm thu nhận: ").Append(station.CollectionPointName).Append('\n');
        if (planned?.Van is { } van)
        {
            text.Append(english ? "Van: " : "Xe: ").Append(van).Append('\n');
        }

        if (planned is null)
        {
            text.Append(english ? "The van's time is sent when the day is planned." : "Giờ xe đón sẽ được báo khi lập xong kế hoạch ngày.");
        }

        var calendar = new Ical.Net.Calendar { ProductId = "-//Outreach//Dat cho//VI" };
        calendar.AddTimeZone(LocalTime.ZoneId);
        calendar.Events.Add(new CalendarEvent
        {
            Uid = string.Create(CultureInfo.InvariantCulture, $"booking-{booking.Id}@outreach"),
            Summary = english ? $"ID card: van pickup ({station.Name})" : $"Làm căn cước: xe đón ({station.Name})",
            Location = place,
            DtStart = new CalDateTime(start, LocalTime.ZoneId),
            DtEnd = new CalDateTime(end, LocalTime.ZoneId),
            Description = text.ToString(),
        });
        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }
}
