using System.Buffers.Binary;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using Outreach.Domain;
using Outreach.Web.Infrastructure.Time;

namespace Outreach.Web.Features.RouteSheets;

/// <summary>What a link token turned out to be.</summary>
public enum LinkStatus
{
    /// <summary>Signed by this application, not expired: <see cref="LinkCheck.Key"/> names the trip.</summary>
    Valid,

    /// <summary>Signed by this application but past its expiry: show "expired" (410), never the data.</summary>
    Expired,

    /// <summary>Not a token of ours (tampered, truncated, from another purpose or key ring): 404.</summary>
    Invalid,
}

/// <summary>The result of reading a link token.</summary>
public readonly record struct LinkCheck(LinkStatus Status, TripKey Key, DateTimeOffset ExpiresAt);

/// <summary>
/// Signed, expiring links to one trip's sheet for whoever holds them (a driver gets one by message; no account, no
/// login). The token is ASP.NET Core Data Protection output (authenticated encryption under the app's key ring, so
/// it cannot be forged or altered, and tells nothing without the keys) over (plan id, resource, date, trip, expiry).
/// <para>
/// Why not <c>ToTimeLimitedDataProtector()</c>: the framework's time-limited protector compares the expiry with
/// DateTimeOffset.UtcNow, which this project bans (clocks are inputs) and which tests cannot move. The expiry is
/// carried inside the protected payload instead and checked against the injected <see cref="TimeProvider"/>: the
/// same guarantee, testable. Thread-safe.
/// </para>
/// </summary>
public sealed class RouteSheetLinks(IDataProtectionProvider protection, TimeProvider clock)
{
    /// <summary>The purpose string: tokens of other features (or older formats) never read as sheet links.</summary>
    public const string Purpose = "Outreach.RouteSheets.TripLink.v1";

    private const int PayloadLength = 1 + 8 + 1 + 8 + 4 + 4 + 8;
    private const byte FormatVersion = 1;

    private readonly IDataProtector _protector = protection.CreateProtector(Purpose);

    /// <summary>
    /// When a link for a trip on <paramref name="date"/> stops working: the end of the day after the trip, Vietnam
    /// time (a driver can still look back at the sheet the next day; after that it is gone).
    /// </summary>
    public static DateTimeOffset DefaultExpiry(DateOnly date)
    {
        var local = date.AddDays(2).ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, LocalTime.Zone.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>A token for <paramref name="key"/> valid until <paramref name="expiresAt"/> (default: <see cref="DefaultExpiry"/>).</summary>
    public string CreateToken(TripKey key, DateTimeOffset? expiresAt = null)
    {
        var expiry = (expiresAt ?? DefaultExpiry(key.Date)).ToUniversalTime();
        var payload = new byte[PayloadLength];
        var span = payload.AsSpan();
        span[0] = FormatVersion;
        BinaryPrimitives.WriteInt64BigEndian(span[1..], key.PlanId);
        span[9] = (byte)key.ResourceKind;
        BinaryPrimitives.WriteInt64BigEndian(span[10..], key.ResourceId);
        BinaryPrimitives.WriteInt32BigEndian(span[18..], key.Date.DayNumber);
        BinaryPrimitives.WriteInt32BigEndian(span[22..], key.TripNumber);
        BinaryPrimitives.WriteInt64BigEndian(span[26..], expiry.UtcTicks);
        return WebEncoders.Base64UrlEncode(_protector.Protect(payload));
    }

    /// <summary>The site path of the driver's phone page for <paramref name="key"/>: "/r/{token}".</summary>
    public string PathFor(TripKey key, DateTimeOffset? expiresAt = null) => "/r/" + CreateToken(key, expiresAt);

    /// <summary>Reads a token: valid, expired, or not ours. Never throws for bad input.</summary>
    public LinkCheck Read(string? token)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 1024)
        {
            return new LinkCheck(LinkStatus.Invalid, default, default);
        }

        byte[] payload;
        try
        {
            payload = _protector.Unprotect(WebEncoders.Base64UrlDecode(token));
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            return new LinkCheck(LinkStatus.Invalid, default, default);
        }

        var span = payload.AsSpan();
        if (payload.Length != PayloadLength || span[0] != FormatVersion || !Enum.IsDefined((PlanResourceKind)span[9]))
        {
            return new LinkCheck(LinkStatus.Invalid, default, default);
        }

        var dayNumber = BinaryPrimitives.ReadInt32BigEndian(span[18..]);
        var ticks = BinaryPrimitives.ReadInt64BigEndian(span[26..]);
        if (dayNumber < DateOnly.MinValue.DayNumber || dayNumber > DateOnly.MaxValue.DayNumber
            || ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks)
        {
            return new LinkCheck(LinkStatus.Invalid, default, default);
        }

        var key = new TripKey(
            BinaryPrimitives.ReadInt64BigEndian(span[1..]),
            (PlanResourceKind)span[9],
            BinaryPrimitives.ReadInt64BigEndian(span[10..]),
            DateOnly.FromDayNumber(dayNumber),
            BinaryPrimitives.ReadInt32BigEndian(span[22..]));
        var expires = new DateTimeOffset(ticks, TimeSpan.Zero);
        return new LinkCheck(clock.GetUtcNow() >= expires ? LinkStatus.Expired : LinkStatus.Valid, key, expires);
    }
}
