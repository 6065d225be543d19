using System.Net;
using System.Text.RegularExpressions;

namespace Outreach.Web.Tests.Support;

/// <summary>Posts the app's plain HTML forms the way a browser without JavaScript does: GET the page,
/// keep its hidden fields (antiforgery token, form name), add the visible fields, POST.</summary>
public static partial class Forms
{
    public static async Task<HttpResponseMessage> SubmitAsync(
        HttpClient client, string pageUrl, IReadOnlyDictionary<string, string> fields, string? formName = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(fields);
        using var page = await client.GetAsync(pageUrl);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        var form = FindForm(html, formName);
        var values = HiddenInputs(form);
        foreach (var (key, value) in fields)
        {
            values[key] = value;
        }

        // A form without an action posts back to the page's own URL, query string included.
        var action = Attribute(FormTag().Match(form).Value, "action");
        using var content = new FormUrlEncodedContent(values);
        return await client.PostAsync(string.IsNullOrEmpty(action) ? pageUrl : WebUtility.HtmlDecode(action), content);
    }

    /// <summary>
    /// Posts a page's form without opening the page first, as someone who may not open it would: the antiforgery
    /// token comes from a page every signed-in person (or, anonymous, anyone) can open, since a token is bound to the
    /// person, not to the page.
    /// </summary>
    public static async Task<HttpResponseMessage> PostDirectAsync(
        HttpClient client, string url, string formName, IReadOnlyDictionary<string, string> fields, string tokenPage = "/account/password")
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(fields);
        var values = new Dictionary<string, string>(fields)
        {
            ["_handler"] = formName,
            ["__RequestVerificationToken"] = await TokenAsync(client, tokenPage),
        };
        using var content = new FormUrlEncodedContent(values);
        return await client.PostAsync(url, content);
    }

    /// <summary>The antiforgery token of the first form on <paramref name="page"/> that has one.</summary>
    public static async Task<string> TokenAsync(HttpClient client, string page)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var response = await client.GetAsync(page);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        foreach (Match form in FormElement().Matches(html))
        {
            if (HiddenInputs(form.Value).TryGetValue("__RequestVerificationToken", out var token))
            {
                return token;
            }
        }

        throw new InvalidOperationException($"No antiforgery token on {page}.");
    }

    public static Task<HttpResponseMessage> SignInAsync(HttpClient client, string userName, string password) =>
        SubmitAsync(client, "/sign-in", new Dictionary<string, string> { ["UserName"] = userName, ["Password"] = password }, "sign-in");

    /// <summary>The first form whose hidden _handler is <paramref name="formName"/> (or the first post form).</summary>
    public static string FindForm(string html, string? formName)
    {
        ArgumentNullException.ThrowIfNull(html);
        foreach (Match match in FormElement().Matches(html))
        {
            if (formName is null || match.Value.Contains($"value=\"{formName}\"", StringComparison.Ordinal))
            {
                return match.Value;
            }
        }

        throw new InvalidOperationException($"No form '{formName}' in the page.");
    }

    public static Dictionary<string, string> HiddenInputs(string formHtml)
    {
        var values = new Dictionary<string, string>();
        foreach (Match input in HiddenInput().Matches(formHtml))
        {
            var name = Attribute(input.Value, "name");
            if (name is not null)
            {
                values[name] = WebUtility.HtmlDecode(Attribute(input.Value, "value") ?? "");
            }
        }

        return values;
    }

    /// <summary>Where a redirect points, as a site path ("/sign-in?returnUrl=..."), absolute or not.</summary>
    public static string? Location(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return response.Headers.Location is { } location
            ? location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString
            : null;
    }

    private static string? Attribute(string tag, string name)
    {
        var match = Regex.Match(tag, $"\\s{name}=\"([^\"]*)\"");
        return match.Success ? match.Groups[1].Value : null;
    }

    [GeneratedRegex("<form\\b[^>]*method=\"post\"[^>]*>.*?</form>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex FormElement();

    [GeneratedRegex("<form\\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex FormTag();

    [GeneratedRegex("<input\\b[^>]*type=\"hidden\"[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex HiddenInput();
}
