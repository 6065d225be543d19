using System.Globalization;
using Microsoft.Extensions.Localization;
using Outreach.Domain;
using Outreach.Domain.Validation;
using Outreach.Web.Features.Bookings;

namespace Outreach.Web.Features.PhoneBooking;

/// <summary>One family of a phone-in form (row <c>i</c> posts fields named "<c>field-i</c>").</summary>
public sealed class PhoneRow
{
    public string? Slot { get; set; }

    public string? Site { get; set; }

    public string? Children { get; set; } = "1";

    public string? Guardians { get; set; } = "1";

    public bool Wheelchair { get; set; }

    public bool MustBeCarried { get; set; }

    public bool ChildSeat { get; set; }

    public string? FirstName { get; set; }

    public string? Phone { get; set; }

    public string? Note { get; set; }

    public long? SiteId => long.TryParse(Site, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 ? id : null;

    public TimeOnly? SlotStart => TimeOnly.TryParseExact(Slot, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t : null;

    public int? ChildCount => int.TryParse(Children, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    public int? GuardianCount => int.TryParse(Guardians, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    public BookingNeeds Needs =>
        (Wheelchair ? BookingNeeds.Wheelchair : BookingNeeds.None)
        | (MustBeCarried ? BookingNeeds.MustBeCarried : BookingNeeds.None)
        | (ChildSeat ? BookingNeeds.ChildSeat : BookingNeeds.None);
}

/// <summary>
/// The dispatcher's phone-in form: a station, a date and one row per family (a village head phoning for several
/// families fills several rows; they are stored together or not at all).
/// </summary>
public sealed class PhoneBookingForm
{
    public const int MaxRows = 30;

    public string? Station { get; set; }

    public string? Date { get; set; }

    public List<PhoneRow> Rows { get; set; } = [new()];

    /// <summary>"station", "date", "add", "remove" or "save".</summary>
    public string? Action { get; set; }

    public long? StationId => long.TryParse(Station, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 ? id : null;

    public DateOnly? DateValue => FamilyForm.ParseDate(Date);

    public static string Field(string name, int row) => string.Create(CultureInfo.InvariantCulture, $"{name}-{row}");

    public static PhoneBookingForm Read(IFormCollection form)
    {
        ArgumentNullException.ThrowIfNull(form);
        string? Text(string name) => form.TryGetValue(name, out var v) ? v.ToString().Trim() : null;
        var count = int.TryParse(Text("rows"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? Math.Clamp(n, 1, MaxRows) : 1;
        var rows = Enumerable.Range(0, count).Select(i => new PhoneRow
        {
            Slot = Text(Field("slot", i)),
            Site = Text(Field("site", i)),
            Children = Text(Field("children", i)),
            Guardians = Text(Field("guardians", i)),
            Wheelchair = Text(Field("needWheelchair", i)) is { Length: > 0 },
            MustBeCarried = Text(Field("needCarried", i)) is { Length: > 0 },
            ChildSeat = Text(Field("needChildSeat", i)) is { Length: > 0 },
            FirstName = Text(Field("firstName", i)),
            Phone = Text(Field("phone", i)),
            Note = Text(Field("note", i)),
        }).ToList();
        return new PhoneBookingForm { Station = Text("station"), Date = Text("date"), Rows = rows, Action = Text("action") };
    }

    /// <summary>Every row's fields; an error names the family (row number) and the field.</summary>
    public void Validate(StationDesk desk, IStringLocalizer<BookingResource> text, FormErrors errors)
    {
        ArgumentNullException.ThrowIfNull(desk);
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(errors);
        if (DateValue is not { } date || !desk.IsBookable(date))
        {
            errors.Add("date", text["Booking.Error.Date", FamilyForm.Shown(Date)]);
        }

        for (var i = 0; i < Rows.Count; i++)
        {
            var row = Rows[i];
            var family = i + 1;
            if (row.SlotStart is not { } start || DateValue is not { } day || desk.Rule.Find(day, start) is null)
            {
                errors.Add(Field("slot", i), text["Phone.Error", family, text["Booking.Error.Slot"]]);
            }

            if (row.SiteId is not { } siteId || desk.Point(siteId) is null)
            {
                errors.Add(Field("site", i), text["Phone.Error", family, text["Phone.Error.Site"]]);
            }

            if (row.ChildCount is not (>= 1 and <= DomainValidators.MaxChildrenPerBooking))
            {
                errors.Add(Field("children", i), text["Phone.Error", family,
                    text["Booking.Error.Children", DomainValidators.MaxChildrenPerBooking, FamilyForm.Shown(row.Children)]]);
            }

            if (row.GuardianCount is not (>= 1 and <= DomainValidators.MaxGuardiansPerBooking))
            {
                errors.Add(Field("guardians", i), text["Phone.Error", family,
                    text["Booking.Error.Guardians", DomainValidators.MaxGuardiansPerBooking, FamilyForm.Shown(row.Guardians)]]);
            }

            FamilyForm.CheckFirstName(Field("firstName", i), row.FirstName, text, errors, message => text["Phone.Error", family, message]);

            FamilyForm.CheckMobile(Field("phone", i), row.Phone, text, errors, message => text["Phone.Error", family, message]);

            if (TextRules.HasForbidden(row.Note))
            {
                errors.Add(Field("note", i), text["Phone.Error", family, text["Booking.Error.AddressNoteCharacter", TextRules.FirstForbidden(row.Note)]]);
            }
            else if (row.Note is { Length: > 500 })
            {
                errors.Add(Field("note", i), text["Phone.Error", family, text["Booking.Error.AddressNote", 500]]);
            }
        }
    }

    public IReadOnlyList<Domain.Booking> ToBookings(long stationId, string language) =>
        Rows.Select(r => new Domain.Booking(
            0, "", stationId, r.SiteId, null, string.IsNullOrWhiteSpace(r.Note) ? null : r.Note,
            r.ChildCount ?? 0, r.GuardianCount ?? 0, r.Needs, DateValue!.Value, r.SlotStart!.Value,
            r.FirstName!.Trim(), r.Phone!, language, BookingStatus.Requested, default, default)).ToList();
}
