using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Outreach.Domain;
using Outreach.Web.Infrastructure.Http;
using Outreach.Web.Tests.Features.Bookings;
using Outreach.Web.Tests.Support;

namespace Outreach.Web.Tests.Infrastructure.Http;

/// <summary>
/// Issue 17 over HTTP: family pages link one small stylesheet and no Radzen, public pages and static files go out
/// compressed (Brotli or gzip), fingerprinted files are cached for a year, signed-in staff pages go out uncompressed
/// (BREACH, see LightPages), and unknown family addresses answer 404 with a page in the family's language.
/// </summary>
public sealed partial class LightPagesTests(OutreachAppFactory app) : IClassFixture<OutreachAppFactory>
{
    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task BookingPage_ClientAcceptsCompression_SentCompressed(string encoding)
    {
        var scenario = await BookingScenario.CreateAsync(app);
        using var client = app.CreateBrowserLikeClient();

        using var response = await GetAsync(client, scenario.WizardUrl, encoding);
        var body = await response.Content.ReadAsByteArrayAsync();
        var html = Decompress(body, encoding);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([encoding], response.Content.Headers.ContentEncoding);
        Assert.Contains("Trường Tiểu học Thắng Lợi", html, StringComparison.Ordinal);
        // At most half: the antiforgery token and the map's address are random bytes that no compression shrinks.
        Assert.True(body.Length * 2 < Encoding.UTF8.GetByteCount(html), $"{body.Length} bytes for {Encoding.UTF8.GetByteCount(html)}");
    }

    [Theory]
    [InlineData("/booking")]
    [InlineData("/booking/find")]
    [InlineData("wizard")]
    public async Task FamilyPages_LinkOnlyTheLightStylesheets_NoRadzenNoScriptNoFont(string path)
    {
        var scenario = await BookingScenario.CreateAsync(app);
        using var client = app.CreateBrowserLikeClient();

        var html = await client.GetStringAsync(path == "wizard" ? scenario.WizardUrl : path);

        Assert.Matches(LightStylesheet(), html);
        Assert.DoesNotContain("Radzen", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.DoesNotContain("rzi", html, StringComparison.Ordinal); // the icon font's class
        Assert.Contains("href=\"/language?culture=en", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FingerprintedStylesheet_CachedForAYearAndCompressed_TheUnfingerprintedOneIsNot()
    {
        var scenario = await BookingScenario.CreateAsync(app);
        using var client = app.CreateBrowserLikeClient();
        var html = await client.GetStringAsync(scenario.WizardUrl);
        var href = LightStylesheet().Match(html).Groups[1].Value;

        using var fingerprinted = await GetAsync(client, "/" + href, "br, gzip");
        using var plain = await GetAsync(client, "/css/light.css", "br, gzip");

        Assert.Equal(HttpStatusCode.OK, fingerprinted.StatusCode);
        Assert.Equal(LightPages.ImmutableCacheControl, fingerprinted.Headers.CacheControl?.ToString());
        Assert.Equal(["br"], fingerprinted.Content.Headers.ContentEncoding); // built with a Brotli copy (Outreach.Web.csproj)
        Assert.Equal("text/css", fingerprinted.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        Assert.DoesNotContain("immutable", plain.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task StaffPage_SentUncompressed_ItsRadzenStylesheetCompressedAndCachedForAYear()
    {
        var scenario = await BookingScenario.CreateAsync(app);
        using var client = await app.SignedInAsync(StaffRole.Admin);

        using var page = await GetAsync(client, $"/staff/station?station={scenario.StationId}", "br, gzip");
        var html = await page.Content.ReadAsStringAsync();
        var radzen = RadzenStylesheet().Match(html);
        Assert.True(radzen.Success, "the staff page links Radzen's stylesheet");
        using var css = await GetAsync(client, "/" + radzen.Groups[1].Value, "br");
        var cssBytes = await css.Content.ReadAsByteArrayAsync();

        // Personal data next to values from the query string: never compressed (BREACH).
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Empty(page.Content.Headers.ContentEncoding);
        Assert.Equal(["br"], css.Content.Headers.ContentEncoding);
        Assert.Equal(LightPages.ImmutableCacheControl, css.Headers.CacheControl?.ToString());
        Assert.True(cssBytes.Length < 200_000, $"Radzen's stylesheet is {cssBytes.Length} bytes compressed");
        Assert.True(Decompress(cssBytes, "br").Length > 700_000);
    }

    [Theory]
    [InlineData("/booking/999999", "Không tìm thấy đơn vị này", "This unit was not found")]
    [InlineData("/booking/khong-co", "Không tìm thấy trang", "Page not found")]
    [InlineData("/booking/1/x/y", "Không tìm thấy trang", "Page not found")]
    [InlineData("/r/a/b/c", "Đường dẫn không hợp lệ", "This link is not valid")]
    public async Task UnknownFamilyAddress_404WithALightPageInVietnameseThenEnglish(string path, string vietnamese, string english)
    {
        using var client = app.CreateBrowserLikeClient();

        using var vi = await client.GetAsync(path);
        var viHtml = await vi.Content.ReadAsStringAsync();
        (await client.GetAsync("/language?culture=en&returnUrl=/booking")).Dispose();
        using var en = await client.GetAsync(path);
        var enHtml = await en.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, vi.StatusCode);
        Assert.Contains("<html lang=\"vi\"", viHtml, StringComparison.Ordinal);
        Assert.Contains($"<h1>{vietnamese}</h1>", viHtml, StringComparison.Ordinal);
        Assert.Contains($"href=\"/language?culture=en&amp;returnUrl={Uri.EscapeDataString(path)}\"", viHtml, StringComparison.Ordinal);
        Assert.Matches(LightStylesheet(), viHtml);
        Assert.DoesNotContain("Radzen", viHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, en.StatusCode);
        Assert.Contains("<html lang=\"en\"", enHtml, StringComparison.Ordinal);
        Assert.Contains($"<h1>{english}</h1>", enHtml, StringComparison.Ordinal);
        if (!path.StartsWith("/r/", StringComparison.Ordinal))
        {
            Assert.Contains("href=\"/booking/find\"", viHtml, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task UnknownStaffAddress_404KeepsTheSiteLayout()
    {
        using var client = app.CreateBrowserLikeClient();

        using var response = await client.GetAsync("/staff/khong-co-trang-nay");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Không tìm thấy trang", html, StringComparison.Ordinal);
        Assert.Contains("_content/Radzen.Blazor/css/material.", html, StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string url, string acceptEncoding)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        return await client.SendAsync(request);
    }

    private static string Decompress(byte[] body, string encoding)
    {
        using var input = new MemoryStream(body);
        using Stream decoder = encoding == "br" ? new BrotliStream(input, CompressionMode.Decompress) : new GZipStream(input, CompressionMode.Decompress);
        using var reader = new StreamReader(decoder, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    [GeneratedRegex("<link rel=\"stylesheet\" href=\"(css/light\\.[a-z0-9]+\\.css)\"")]
    private static partial Regex LightStylesheet();

    [GeneratedRegex("<link rel=\"stylesheet\" href=\"(_content/Radzen\\.Blazor/css/material\\.[a-z0-9]+\\.css)\"")]
    private static partial Regex RadzenStylesheet();
}
