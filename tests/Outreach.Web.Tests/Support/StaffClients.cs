using System.Net;
using Outreach.Domain;

namespace Outreach.Web.Tests.Support;

public static class StaffClients
{
    private static int counter;

    /// <summary>A new account with <paramref name="role"/> (of one station, or of all when null), signed in on a fresh cookie-keeping client.</summary>
    public static async Task<HttpClient> SignedInAsync(this OutreachAppFactory app, StaffRole role, long? stationId = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        var name = $"{role.ToString().ToLowerInvariant()}-{Interlocked.Increment(ref counter)}";
        await app.CreateUserAsync(name, "mat-khau-thu-nghiem", role, stationId: stationId);
        var client = app.CreateBrowserLikeClient();
        using var response = await Forms.SignInAsync(client, name, "mat-khau-thu-nghiem");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }
}
