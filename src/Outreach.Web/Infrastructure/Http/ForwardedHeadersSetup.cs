using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Outreach.Web.Infrastructure.Http;

/// <summary>
/// Which proxies may say who the client is and that it came over https (X-Forwarded-For, X-Forwarded-Proto): the
/// addresses in <see cref="KnownProxiesKey"/> and the networks in <see cref="KnownNetworksKey"/> (comma-separated, or
/// as a list), else only this machine (loopback: a proxy on the same host). Headers from anyone else are ignored, so a
/// client cannot pick its own address for the rate limits, nor claim https. Behind a TLS proxy that is configured, the
/// app sees the real client address and https: cookies keep Secure, HSTS is sent, rate limits count each client apart.
/// The Host header is never taken from a proxy (links use Outreach:PublicBaseUrl or the request's own host).
/// </summary>
public static class ForwardedHeadersSetup
{
    public const string KnownProxiesKey = "Outreach:ForwardedHeaders:KnownProxies";
    public const string KnownNetworksKey = "Outreach:ForwardedHeaders:KnownNetworks";

    /// <summary>Fills <paramref name="options"/> from configuration; throws naming the key and value for an address that is not one.</summary>
    public static void Apply(ForwardedHeadersOptions options, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(configuration);
        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        // Several proxies in a row (a CDN, then nginx) are fine as long as each of them is listed: the chain is read
        // from the right and stops at the first address that is not a known proxy.
        options.ForwardLimit = null;
        var proxies = Values(configuration, KnownProxiesKey);
        var networks = Values(configuration, KnownNetworksKey);
        if (proxies.Count == 0 && networks.Count == 0)
        {
            return; // The framework's default: loopback only.
        }

        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in proxies)
        {
            options.KnownProxies.Add(IPAddress.TryParse(proxy, out var address)
                ? address
                : throw new InvalidOperationException($"{KnownProxiesKey}: '{proxy}' is not an IP address (e.g. 10.0.0.5)."));
        }

        foreach (var network in networks)
        {
            options.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network, out var parsed)
                ? parsed
                : throw new InvalidOperationException($"{KnownNetworksKey}: '{network}' is not a network in CIDR notation (e.g. 10.0.0.0/8)."));
        }
    }

    /// <summary>"a, b" in the key itself, or its children (Key:0, Key:1, as environment variables Key__0 ...).</summary>
    private static List<string> Values(IConfiguration configuration, string key)
    {
        var values = new List<string>();
        if (configuration[key] is { Length: > 0 } inline)
        {
            values.AddRange(inline.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }

        foreach (var child in configuration.GetSection(key).GetChildren().OrderBy(c => int.TryParse(c.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : int.MaxValue))
        {
            if (child.Value is { Length: > 0 } value)
            {
                values.AddRange(value.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            }
        }

        return values;
    }
}
