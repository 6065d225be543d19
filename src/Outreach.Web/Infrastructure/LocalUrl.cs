namespace Outreach.Web.Infrastructure;

/// <summary>Keeps redirects on this site: a return URL from a query string or form is used only when
/// it is a path here ("/x"), never "//host" or "/\host" or an absolute URL.</summary>
public static class LocalUrl
{
    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url)
        && url[0] == '/'
        && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && !url.Any(char.IsControl);

    public static string OrHome(string? url) => IsLocal(url) ? url! : "/";
}
