using System.Net;
using System.Net.Sockets;

namespace Outreach.Web.Infrastructure.Http;

/// <summary>
/// Who a request comes from, as the rate limits and the sign-in throttle count it: the client's address after the
/// forwarded headers of a trusted proxy were applied (see <see cref="ForwardedHeadersSetup"/>). An IPv6 client counts
/// by its /64 network, since one home or phone gets a whole /64 and could otherwise take a new address per request;
/// an IPv4 address mapped into IPv6 counts as the IPv4 address.
/// </summary>
public static class ClientAddress
{
    public static string KeyOf(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return KeyOf(context.Connection.RemoteIpAddress);
    }

    public static string KeyOf(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
