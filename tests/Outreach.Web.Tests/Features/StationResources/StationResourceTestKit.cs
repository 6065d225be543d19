using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Data.Stores;
using Outreach.Domain;
using Outreach.Web.Tests.Support;

namespace Outreach.Web.Tests.Features.StationResources;

/// <summary>An empty unit (no sites, vans, officers) and the posts its resource pages take, plain and multipart.</summary>
internal static class StationResourceTestKit
{
    private static int counter;

    public static async Task<long> EmptyStationAsync(OutreachAppFactory app)
    {
        var n = Interlocked.Increment(ref counter);
        return await app.Services.GetRequiredService<StationStore>().InsertAsync(new Station(
            0, $"Công an xã Trống {n} {Guid.NewGuid():N}"[..32], null, null, null, "Xã Trống", "Trụ sở Công an xã",
            new GeoPoint(105.8430, 21.4690), null, DeskCount: 2, FilesPerDeskPerHour: 5, MaxRideMinutes: 45,
            BookingSlotMinutes: 60, MapAreaKey: null,
            OpeningHours: [new OpeningHours(DayOfWeek.Monday, new TimeOnly(7, 30), new TimeOnly(11, 30))]));
    }

    public static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>Posts the page's form <paramref name="formName"/> with <paramref name="fields"/> (and the form's hidden fields) and returns the page.</summary>
    public static async Task<string> PostAsync(HttpClient client, string url, string formName, Dictionary<string, string> fields)
    {
        using var response = await Forms.SubmitAsync(client, url, fields, formName);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    /// <summary>Posts a file to the page's multipart form <paramref name="formName"/>, as a browser does, and returns the page.</summary>
    public static async Task<string> UploadAsync(HttpClient client, string url, string formName, byte[] file, string fileName)
    {
        using var page = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var hidden = Forms.HiddenInputs(Forms.FindForm(await page.Content.ReadAsStringAsync(), formName));
        using var content = new MultipartFormDataContent();
        foreach (var (name, value) in hidden)
        {
            content.Add(new StringContent(value), name);
        }

        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(fileName.EndsWith(".csv", StringComparison.Ordinal)
            ? "text/csv" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        content.Add(part, "file", fileName);
        using var response = await client.PostAsync(url, content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }
}
