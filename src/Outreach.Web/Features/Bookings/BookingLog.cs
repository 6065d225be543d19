namespace Outreach.Web.Features.Bookings;

/// <summary>What the booking pages log: codes and counts, phones masked (never in full), no names.</summary>
internal static partial class BookingLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Booking {Code} at station {StationId}: {Seats} seats, phone {MaskedPhone}")]
    public static partial void Booked(ILogger logger, string code, long stationId, int seats, string maskedPhone);

    [LoggerMessage(Level = LogLevel.Information, Message = "Booking {Code} moved to {Date} {Slot}")]
    public static partial void Moved(ILogger logger, string code, DateOnly date, TimeOnly slot);

    [LoggerMessage(Level = LogLevel.Information, Message = "Booking {Code} cancelled by the family")]
    public static partial void Cancelled(ILogger logger, string code);

    [LoggerMessage(Level = LogLevel.Information, Message = "Booking {Code}: the family deleted its personal data")]
    public static partial void DataDeleted(ILogger logger, string code);

    [LoggerMessage(Level = LogLevel.Error, Message = "Offer list of station {StationId} on {Date}: the live plan could not be asked, the capacity rule's slots are shown")]
    public static partial void OfferProbeFailed(ILogger logger, Exception error, long stationId, DateOnly date);

    [LoggerMessage(Level = LogLevel.Information, Message = "Phone-in batch at station {StationId}: {Count} bookings ({Codes}) by staff {UserId}")]
    public static partial void PhoneBatch(ILogger logger, long stationId, int count, string codes, long? userId);
}
