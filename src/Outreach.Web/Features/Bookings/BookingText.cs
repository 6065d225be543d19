using System.Globalization;
using Microsoft.Extensions.Localization;
using Outreach.Domain;
using Outreach.Planning.Pickups.Slots;
using Outreach.Web.Features.Localization;

namespace Outreach.Web.Features.Bookings;

/// <summary>How slots, days, refusals and needs read on the booking pages, in the request's language.</summary>
public static class BookingText
{
    /// <summary>"vi" or "en": the language of this request, stored with a booking for its messages.</summary>
    public static string Language => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? "en" : "vi";

    /// <summary>"Thứ Ba, 24/11/2026" / "Tuesday, 24/11/2026".</summary>
    public static string Day(DateOnly date)
    {
        var culture = CultureInfo.CurrentCulture;
        return $"{Capitalized(culture.DateTimeFormat.GetDayName(date.DayOfWeek))}, {date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)}";
    }

    /// <summary>"T3" / "Tue", for the day buttons.</summary>
    public static string ShortWeekday(DateOnly date) =>
        Capitalized(CultureInfo.CurrentCulture.DateTimeFormat.GetAbbreviatedDayName(date.DayOfWeek));

    public static string ShortDate(DateOnly date) => date.ToString("dd/MM", CultureInfo.InvariantCulture);

    /// <summary>"08:00–09:00", the same in both languages.</summary>
    public static string Range(SlotTime slot) =>
        string.Create(CultureInfo.InvariantCulture, $"{slot.Start:HH:mm}–{slot.End:HH:mm}");

    public static string When(SlotTime slot) => $"{Range(slot)}, {Day(slot.Date)}";

    public static string Refusal(IStringLocalizer<BookingResource> text, SlotRefusal refusal)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text[$"Booking.Refusal.{refusal}"];
    }

    /// <summary>The sentence for a refusal that concerns the whole day or the family (with the figures it needs).</summary>
    public static string DayMessage(IStringLocalizer<BookingResource> text, DayOffer offer, StationDesk desk, SlotCandidate candidate)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(offer);
        ArgumentNullException.ThrowIfNull(desk);
        ArgumentNullException.ThrowIfNull(candidate);
        return offer.DayRefusal switch
        {
            SlotRefusal.Closed when offer.Closure is { } c =>
                text["Booking.Day.ClosedHoliday", Language == "en" ? c.NameEn : c.NameVi],
            SlotRefusal.Closed => text["Booking.Day.Closed"],
            SlotRefusal.PastDate => text["Booking.Day.PastDate"],
            SlotRefusal.TooFarAhead => text["Booking.Day.TooFarAhead", desk.Rule.Window.HorizonDays],
            SlotRefusal.TooFar => text["Booking.Call.TooFar", candidate.Ride?.Minutes ?? 0, desk.Station.MaxRideMinutes],
            SlotRefusal.Unreachable => text["Booking.Call.Unreachable", candidate.Ride?.UnreachableReason ?? "—"],
            SlotRefusal.GroupTooLarge => text["Booking.Call.GroupTooLarge", candidate.Seats, desk.Rule.Vans.Count == 0 ? 0 : desk.Rule.Vans.Max(v => v.SeatCount)],
            SlotRefusal.NoWheelchairVan => text["Booking.Call.NoWheelchairVan"],
            SlotRefusal.NoChildSeatVan => text["Booking.Call.NoChildSeatVan"],
            SlotRefusal.NoVans => text["Booking.Call.NoVans"],
            _ => offer.HasOffer ? "" : text["Booking.Day.NoOffer"],
        };
    }

    public static string People(IStringLocalizer<BookingResource> text, int children, int guardians)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text["Booking.People", text.Plural("Booking.Count.Children", children), text.Plural("Booking.Count.Adults", guardians)];
    }

    public static string Needs(IStringLocalizer<BookingResource> text, BookingNeeds needs)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = new List<string>();
        if (needs.HasFlag(BookingNeeds.Wheelchair))
        {
            parts.Add(text["Booking.Needs.Wheelchair"]);
        }

        if (needs.HasFlag(BookingNeeds.MustBeCarried))
        {
            parts.Add(text["Booking.Needs.MustBeCarried"]);
        }

        if (needs.HasFlag(BookingNeeds.ChildSeat))
        {
            parts.Add(text["Booking.Needs.ChildSeat"]);
        }

        return parts.Count == 0 ? text["Booking.Needs.None"] : string.Join(", ", parts);
    }

    private static string Capitalized(string name) =>
        name.Length == 0 ? name : char.ToUpper(name[0], CultureInfo.CurrentCulture) + name[1..];
}
