namespace Outreach.Web.Features.Bookings;

/// <summary>
/// Marker for the booking pages' strings (family booking and the staff phone-in path): BookingResource.resx
/// (Vietnamese, the neutral language) and BookingResource.en.resx (English). Keys are "Area.What".
/// </summary>
public sealed class BookingResource;
