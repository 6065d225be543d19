using System.Net;

namespace Outreach.Web.Tests.Support;

/// <summary>A staff page read and a form of it posted, as a browser would (hidden inputs kept, fields given replace them).</summary>
public static class Pages
{
    /// <summary>Posts <paramref name="form"/> (its HTML, e.g. from <see cref="Forms.FindForm"/>) to <paramref name="url"/> with its hidden inputs and <paramref name="fields"/>.</summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, string form, Dictionary<string, string> fields)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(fields);
        var values = Forms.HiddenInputs(form);
        foreach (var (k, v) in fields)
        {
            values[k] = v;
        }

        using var content = new FormUrlEncodedContent(values);
        return await client.PostAsync(url, content);
    }

    /// <summary>The page's HTML; fails the test (with the start of the page) unless it answers 200.</summary>
    public static async Task<string> GetOkAsync(HttpClient client, string url)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var response = await client.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {html[..Math.Min(html.Length, 2000)]}");
        return html;
    }
}
