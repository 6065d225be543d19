using System.Globalization;
using System.Text.Json;
using Outreach.Domain;

namespace Outreach.Jobs.Notifications;

/// <summary>
/// The words of a queued message: its template and payload in the recipient's language (Vietnamese, or English when
/// the message says "en"). Short enough for two SMS segments where possible; dates dd/MM/yyyy, times HH:mm Vietnam
/// time as the payload already holds them. Unknown templates and payloads missing a value throw
/// <see cref="MessageTextException"/>: such a message is never sent half-filled.
/// </summary>
public static class MessageText
{
    public const string PickupBooked = "pickup.booked";
    public const string PickupConfirmation = "pickup.confirmation";
    public const string PickupReminder = "pickup.reminder";
    public const string PickupDriverLink = "pickup.driver-link";
    public const string VisitScheduled = "visit.scheduled";
    public const string VisitReminder = "visit.reminder";
    public const string VisitTeamLeadLink = "visit.team-lead-link";
    public const string RosterShifts = "roster.shifts";

    /// <summary>Every template this renders.</summary>
    public static readonly IReadOnlyList<string> Templates =
        [PickupBooked, PickupConfirmation, PickupReminder, PickupDriverLink, VisitScheduled, VisitReminder, VisitTeamLeadLink, RosterShifts];

    public static string Render(OutboxMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        Payload p;
        try
        {
            using var document = JsonDocument.Parse(message.PayloadJson);
            p = new Payload(document.RootElement.Clone(), message.TemplateKey);
        }
        catch (JsonException e)
        {
            throw new MessageTextException($"message {message.Id} ({message.TemplateKey}): payload is not JSON: {e.Message}");
        }

        bool en = string.Equals(message.Language, "en", StringComparison.OrdinalIgnoreCase);
        return message.TemplateKey switch
        {
            // At booking time: what was booked; the van's time follows when the day is planned (PickupConfirmation).
            PickupBooked => en
                ? $"Outreach ID cards: booked for {p.S("FirstName")} ({People(p, en)}) on {p.Date("Date")}, {p.S("SlotStart")}-{p.S("SlotEnd")}, pickup {Place(p, en)}. We will text the van's time. Booking code {p.S("Code")}."
                : $"Cấp căn cước: đã đặt chỗ cho {p.S("FirstName")} ({People(p, en)}) ngày {p.Date("Date")}, {p.S("SlotStart")}-{p.S("SlotEnd")}, đón {Place(p, en)}. Giờ xe đón sẽ được nhắn sau. Mã đặt chỗ {p.S("Code")}.",
            PickupConfirmation => en
                ? $"Outreach ID cards: pickup for {p.S("FirstName")} ({People(p, en)}) on {p.Date("Date")} at {p.S("PickupTime")}, {Place(p, en)}, to {p.S("CollectionPoint")}.{Home(p, en)} Booking code {p.S("Code")}."
                : $"Cấp căn cước: xe đón {p.S("FirstName")} ({People(p, en)}) ngày {p.Date("Date")} lúc {p.S("PickupTime")}, {Place(p, en)}, đến {p.S("CollectionPoint")}.{Home(p, en)} Mã đặt chỗ {p.S("Code")}.",
            PickupReminder => en
                ? $"Reminder: tomorrow {p.Date("Date")} the van picks up {p.S("FirstName")} at {p.S("PickupTime")}, {Place(p, en)}. Bring the children and code {p.S("Code")}."
                : $"Nhắc lịch: ngày mai {p.Date("Date")} xe đón {p.S("FirstName")} lúc {p.S("PickupTime")}, {Place(p, en)}. Mang theo các cháu và mã {p.S("Code")}.",
            // A driver's day (one message, its trips' departures, a short link); payloads queued before it named one trip.
            PickupDriverLink when p.TryInt("Trips") is { } trips => en
                ? $"Route {p.S("Vehicle")}{Plate(p)} {p.Date("Date")}: {trips} {(trips == 1 ? "trip" : "trips")}, leave {p.S("Departures")}, {p.I("Bookings")} {(p.I("Bookings") == 1 ? "booking" : "bookings")}. {p.S("Url")}"
                : $"Lộ trình {p.S("Vehicle")}{Plate(p)} ngày {p.Date("Date")}: {trips} chuyến, xuất phát {p.S("Departures")}, {p.I("Bookings")} lượt đón. {p.S("Url")}",
            PickupDriverLink => en
                ? $"Route sheet {p.S("Vehicle")}{Plate(p)} {p.Date("Date")}, trip {p.I("Trip")}: leave {p.S("Departure")}, {p.I("Bookings")} bookings. {p.S("Url")}"
                : $"Lộ trình {p.S("Vehicle")}{Plate(p)} ngày {p.Date("Date")}, chuyến {p.I("Trip")}: xuất phát {p.S("Departure")}, {p.I("Bookings")} lượt đón. {p.S("Url")}",
            VisitScheduled => en
                ? $"ID card mobile team at {p.S("site")} on {p.S("dayEn")} {p.Date("date")}, {p.S("from")}-{p.S("to")}: {Captures(p, en)}.{Presence(p, en)}"
                : $"Tổ lưu động cấp căn cước đến {p.S("site")} {p.S("dayVi")} {p.Date("date")}, {p.S("from")}-{p.S("to")}: {Captures(p, en)}.{Presence(p, en)}",
            VisitReminder => en
                ? $"Reminder: tomorrow {p.Date("date")} {p.S("from")}-{p.S("to")} the mobile team comes to {p.S("site")}: {Captures(p, en)}.{Presence(p, en)}"
                : $"Nhắc lịch: ngày mai {p.Date("date")} {p.S("from")}-{p.S("to")} tổ lưu động đến {p.S("site")}: {Captures(p, en)}.{Presence(p, en)}",
            VisitTeamLeadLink => en
                ? $"Itinerary {p.S("team")} {p.S("dayEn")} {p.Date("date")}: leave {p.S("leave")}, back {p.S("back")}, {p.I("visits")} visits, {Captures(p, en)}. {p.S("url")}"
                : $"Lịch trình {p.S("team")} {p.S("dayVi")} {p.Date("date")}: rời trạm {p.S("leave")}, về {p.S("back")}, {p.I("visits")} điểm, {Captures(p, en)}. {p.S("url")}",
            RosterShifts => en
                ? $"Duty roster {p.S("Name")}, week {p.Date("Monday")}-{p.Date("Date")}: {p.S("ShiftsEn")}"
                : $"Lịch trực {p.S("Name")}, tuần {p.Date("Monday")}-{p.Date("Date")}: {p.S("ShiftsVi")}",
            _ => throw new MessageTextException($"message {message.Id}: unknown template '{message.TemplateKey}'"),
        };
    }

    /// <summary>The last day the message is worth sending (its pickup or visit date), or null when it has none.</summary>
    public static DateOnly? EventDate(OutboxMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        try
        {
            using var document = JsonDocument.Parse(message.PayloadJson);
            var p = new Payload(document.RootElement, message.TemplateKey);
            return p.TryString("Date") is { } text && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                ? date
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string People(Payload p, bool en)
    {
        int children = p.I("Children"), guardians = p.I("Guardians");
        return en ? $"{children} {(children == 1 ? "child" : "children")}, {guardians} {(guardians == 1 ? "adult" : "adults")}" : $"{children} trẻ, {guardians} người lớn";
    }

    private static string Place(Payload p, bool en) =>
        p.TryBool("AtHome") == true ? (en ? "at your home" : "tại nhà") : (en ? "at " : "tại ") + p.S("PickupPlace");

    private static string Home(Payload p, bool en) =>
        p.TryString("HomeTime") is { Length: > 0 } time ? (en ? $" Back home about {time}." : $" Đưa về khoảng {time}.") : "";

    private static string Plate(Payload p) => p.TryString("Plate") is { Length: > 0 } plate ? $" ({plate})" : "";

    private static string Captures(Payload p, bool en)
    {
        int people = p.I("people"), repeat = p.TryInt("repeatPeople") ?? 0;
        var text = en ? $"{people} {(people == 1 ? "person" : "people")} to capture" : $"thu nhận {people} người";
        return repeat == 0 ? text : text + (en ? $", {repeat} to retake" : $", chụp lại {repeat} người");
    }

    private static string Presence(Payload p, bool en)
    {
        if (p.TryString("presence") is not { } text || !Enum.TryParse<RequiredPresence>(text, out var presence) || presence == RequiredPresence.None)
        {
            return "";
        }

        var who = new List<string>();
        if (presence.HasFlag(RequiredPresence.Doctor))
        {
            who.Add(en ? "a doctor" : "bác sĩ");
        }

        if (presence.HasFlag(RequiredPresence.Relative))
        {
            who.Add(en ? "a relative" : "người thân");
        }

        if (presence.HasFlag(RequiredPresence.VillageHead))
        {
            who.Add(en ? "the village head" : "trưởng thôn");
        }

        return en ? $" Please have {string.Join(" and ", who)} present." : $" Cần có mặt: {string.Join(", ", who)}.";
    }

    /// <summary>Payload values by name, case-insensitively (pickup payloads are PascalCase, visit payloads camelCase).</summary>
    private readonly struct Payload(JsonElement root, string template)
    {
        public string S(string name) => TryString(name) is { Length: > 0 } s ? s : throw Missing(name);

        public int I(string name) => TryInt(name) ?? throw Missing(name);

        public string Date(string name) =>
            DateOnly.TryParseExact(S(name), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
                ? d.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)
                : throw new MessageTextException($"{template}: '{name}' = '{S(name)}' is not a yyyy-MM-dd date");

        public string? TryString(string name) => Find(name) is { ValueKind: JsonValueKind.String } e ? e.GetString() : null;

        public int? TryInt(string name) => Find(name) is { ValueKind: JsonValueKind.Number } e && e.TryGetInt32(out var i) ? i : null;

        public bool? TryBool(string name) => Find(name) is { ValueKind: JsonValueKind.True or JsonValueKind.False } e ? e.GetBoolean() : null;

        private JsonElement? Find(string name)
        {
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            foreach (var property in root.EnumerateObject())
            {
                if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
                {
                    return property.Value;
                }
            }

            return null;
        }

        private MessageTextException Missing(string name) => new($"{template}: the payload has no '{name}'");
    }
}

/// <summary>A queued message that cannot be put into words (unknown template, missing value): it is never sent.</summary>
public sealed class MessageTextException : Exception
{
    public MessageTextException()
    {
    }

    public MessageTextException(string message)
        : base(message)
    {
    }

    public MessageTextException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
