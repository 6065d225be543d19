using System.Globalization;
using Microsoft.Extensions.Localization;
using Outreach.Domain;
using Outreach.Domain.Validation;

namespace Outreach.Web.Features.Bookings;

/// <summary>
/// Errors of a form by field (the field's HTML name, which is also its id), in the order the fields appear, each a
/// sentence in the user's language that names the field and says why.
/// </summary>
public sealed class FormErrors
{
    private readonly List<KeyValuePair<string, string>> _errors = [];

    public int Count => _errors.Count;

    public bool Any => _errors.Count > 0;

    public IReadOnlyList<KeyValuePair<string, string>> All => _errors;

    public string? this[string field] => _errors.FirstOrDefault(e => e.Key == field).Value;

    public void Add(string field, string message)
    {
        if (this[field] is null)
        {
            _errors.Add(new(field, message));
        }
    }

    public bool Has(string field) => this[field] is not null;
}

/// <summary>
/// The family booking form as posted (every step posts all fields, earlier steps as hidden inputs), kept as typed so a
/// wrong value is shown back with its error. Field names are the HTML names.
/// </summary>
public sealed class FamilyForm
{
    public const string Home = "home";

    public string? Pickup { get; set; }

    public string? PinLongitude { get; set; }

    public string? PinLatitude { get; set; }

    public string? AddressNote { get; set; }

    public string? Children { get; set; }

    public string? Guardians { get; set; }

    public bool Wheelchair { get; set; }

    public bool MustBeCarried { get; set; }

    public bool ChildSeat { get; set; }

    public string? Date { get; set; }

    public string? Slot { get; set; }

    public string? FirstName { get; set; }

    public string? Phone { get; set; }

    public string? MapLongitude { get; set; }

    public string? MapLatitude { get; set; }

    public string? MapZoom { get; set; }

    /// <summary>The button pressed: "slots", "edit", "book", "zoomout", "day:yyyy-MM-dd", or "map" for a tap on the map.</summary>
    public string? Action { get; set; }

    public int? TapX { get; set; }

    public int? TapY { get; set; }

    public bool AtHome => Pickup == Home;

    public long? SiteId => long.TryParse(Pickup, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 ? id : null;

    public GeoPoint? Pin => ParseDouble(PinLongitude) is { } lon && ParseDouble(PinLatitude) is { } lat && new GeoPoint(lon, lat) is { IsInRange: true } p ? p : null;

    public int? ChildCount => ParseCount(Children);

    public int? GuardianCount => ParseCount(Guardians);

    public BookingNeeds Needs =>
        (Wheelchair ? BookingNeeds.Wheelchair : BookingNeeds.None)
        | (MustBeCarried ? BookingNeeds.MustBeCarried : BookingNeeds.None)
        | (ChildSeat ? BookingNeeds.ChildSeat : BookingNeeds.None);

    public DateOnly? DateValue => ParseDate(Date);

    public (DateOnly Date, TimeOnly Start)? SlotValue => ParseSlot(Slot);

    public MapView View => new(ParseDouble(MapLongitude) ?? double.NaN, ParseDouble(MapLatitude) ?? double.NaN,
        int.TryParse(MapZoom, NumberStyles.None, CultureInfo.InvariantCulture, out var z) ? z : 1);

    public static FamilyForm Read(IFormCollection form)
    {
        ArgumentNullException.ThrowIfNull(form);
        string? Text(string name) => form.TryGetValue(name, out var v) ? v.ToString().Trim() : null;
        int? Pixel(string name) => int.TryParse(Text(name), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var p) ? p : null;
        var tapX = Pixel("map.x");
        var tapY = Pixel("map.y");
        return new FamilyForm
        {
            Pickup = Text("pickup"),
            PinLongitude = Text("pinLon"),
            PinLatitude = Text("pinLat"),
            AddressNote = Text("addressNote"),
            Children = Text("children"),
            Guardians = Text("guardians"),
            Wheelchair = Text("needWheelchair") is { Length: > 0 },
            MustBeCarried = Text("needCarried") is { Length: > 0 },
            ChildSeat = Text("needChildSeat") is { Length: > 0 },
            Date = Text("date"),
            Slot = Text("slot"),
            FirstName = Text("firstName"),
            Phone = Text("phone"),
            MapLongitude = Text("mapLon"),
            MapLatitude = Text("mapLat"),
            MapZoom = Text("mapZoom"),
            Action = tapX is not null && tapY is not null ? "map" : Text("action"),
            TapX = tapX,
            TapY = tapY,
        };
    }

    /// <summary>Step 1: pickup, people, needs, date. Adds one error per wrong field.</summary>
    public void ValidateWhereAndWho(StationDesk desk, IStringLocalizer<BookingResource> text, FormErrors errors)
    {
        ArgumentNullException.ThrowIfNull(desk);
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(errors);
        if (AtHome)
        {
            if (Pin is not { } pin)
            {
                errors.Add("map", text["Booking.Error.Pin"]);
            }
            else if (!desk.Map.Contains(pin))
            {
                errors.Add("map", text["Booking.Error.PinOutside", desk.Station.NewUnitName ?? desk.Station.Name]);
            }
        }
        else if (SiteId is not { } siteId || desk.Point(siteId) is null)
        {
            errors.Add("pickup", text["Booking.Error.Pickup"]);
        }

        if (TextRules.HasForbidden(AddressNote))
        {
            errors.Add("addressNote", text["Booking.Error.AddressNoteCharacter", TextRules.FirstForbidden(AddressNote)]);
        }
        else if (AddressNote is { Length: > 500 })
        {
            errors.Add("addressNote", text["Booking.Error.AddressNote", 500]);
        }

        if (ChildCount is not (>= 1 and <= DomainValidators.MaxChildrenPerBooking))
        {
            errors.Add("children", text["Booking.Error.Children", DomainValidators.MaxChildrenPerBooking, Shown(Children)]);
        }

        if (GuardianCount is not (>= 1 and <= DomainValidators.MaxGuardiansPerBooking))
        {
            errors.Add("guardians", text["Booking.Error.Guardians", DomainValidators.MaxGuardiansPerBooking, Shown(Guardians)]);
        }

        if (DateValue is not { } date || date < desk.Today || date > desk.Today.AddDays(desk.Rule.Window.HorizonDays))
        {
            errors.Add("date", text["Booking.Error.Date", Shown(Date)]);
        }
    }

    /// <summary>Step 2: the chosen slot (a day outside the booking horizon is not offered) and the contact.</summary>
    public void ValidateSlotAndContact(StationDesk desk, IStringLocalizer<BookingResource> text, FormErrors errors)
    {
        ArgumentNullException.ThrowIfNull(desk);
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(errors);
        CheckSlot("slot", Slot, desk, text, errors);
        CheckFirstName("firstName", FirstName, text, errors, message => message);

        CheckMobile("phone", Phone, text, errors, message => message);
    }

    /// <summary>
    /// A slot as posted ("2026-11-24T09:00"): well-formed, and on a day within the booking horizon (a date years away or
    /// in the past is "not offered", like any slot the rule refuses, never an error of the server).
    /// </summary>
    public static void CheckSlot(string field, string? slot, StationDesk desk, IStringLocalizer<BookingResource> text, FormErrors errors)
    {
        ArgumentNullException.ThrowIfNull(desk);
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(errors);
        if (ParseSlot(slot) is not { } value)
        {
            errors.Add(field, text["Booking.Error.Slot"]);
        }
        else if (!desk.IsBookable(value.Date))
        {
            errors.Add(field, text["Booking.Error.SlotNotOffered", Shown(slot), BookingText.Day(desk.LastBookableDay)]);
        }
    }

    /// <summary>A contact's first name: there, at most 100 characters, no control or text-direction character.</summary>
    public static void CheckFirstName(string field, string? firstName, IStringLocalizer<BookingResource> text, FormErrors errors, Func<string, string> wrap)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(wrap);
        if (TextRules.HasForbidden(firstName))
        {
            errors.Add(field, wrap(text["Booking.Error.FirstNameCharacter", TextRules.FirstForbidden(firstName)]));
        }
        else if (string.IsNullOrWhiteSpace(firstName) || firstName.Length > 100)
        {
            errors.Add(field, wrap(text["Booking.Error.FirstName", 100]));
        }
    }

    /// <summary>
    /// A Vietnamese mobile number (0 or +84, then 9 digits starting 3, 5, 7, 8 or 9): the van's time comes by SMS or
    /// Zalo, so a landline or a typo is caught here, naming the field and the value.
    /// </summary>
    public static void CheckMobile(string field, string? phone, IStringLocalizer<BookingResource> text, FormErrors errors, Func<string, string> wrap)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(wrap);
        var national = VietnamPhone.Normalize(phone);
        if (national is null)
        {
            errors.Add(field, wrap(text["Booking.Error.Phone", Shown(phone)]));
        }
        else if (national[1] is not ('3' or '5' or '7' or '8' or '9'))
        {
            errors.Add(field, wrap(text["Booking.Error.NotMobile", Shown(phone)]));
        }
    }

    /// <summary>The booking this form asks for (call after both validations passed).</summary>
    public Domain.Booking ToBooking(long stationId, string language) => new(
        0, "", stationId, AtHome ? null : SiteId, AtHome ? Pin : null,
        string.IsNullOrWhiteSpace(AddressNote) ? null : AddressNote,
        ChildCount ?? 0, GuardianCount ?? 0, Needs, SlotValue!.Value.Date, SlotValue.Value.Start,
        FirstName!.Trim(), Phone!, language, BookingStatus.Requested, default, default);

    public static string SlotKey(DateOnly date, TimeOnly start) =>
        string.Create(CultureInfo.InvariantCulture, $"{date:yyyy-MM-dd}T{start:HH:mm}");

    public static string DateKey(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateOnly? ParseDate(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    public static (DateOnly Date, TimeOnly Start)? ParseSlot(string? text) =>
        text is { Length: 16 } && text[10] == 'T' && ParseDate(text[..10]) is { } date
        && TimeOnly.TryParseExact(text[11..], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start)
            ? (date, start)
            : null;

    /// <summary>What the person typed, shortened for an error message ("" when nothing), any control character written
    /// as its code point ("[U+202E]") so the message never carries it.</summary>
    public static string Shown(string? value) => TextRules.Visible(value);

    private static int? ParseCount(string? text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    private static double? ParseDouble(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) ? d : null;
}
