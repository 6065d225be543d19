using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Outreach.Web.Features.Localization;

namespace Outreach.Web.Features.Api;

/// <summary>A request body read as <typeparamref name="T"/>, or the problem to answer instead.</summary>
public sealed record JsonBodyResult<T>(T? Value, IResult? Problem)
    where T : class;

/// <summary>
/// Reads JSON request bodies so that every failure names the field and the value: a syntax error
/// names the line and position, a wrong type or unknown property names its path
/// ("openingHours[0].opens") and the text that was sent. The answer is a 400 ProblemDetails with
/// <c>errors: { field: [message] }</c> in the request's language; nothing has been stored at that point.
/// </summary>
public static partial class JsonBody
{
    /// <summary>Bodies larger than this are refused (413): every API record is small.</summary>
    public const int MaxBytes = 64 * 1024;

    /// <summary>The field name used when the body as a whole is wrong.</summary>
    public const string BodyField = "body";

    public static readonly JsonSerializerOptions Options = CreateOptions();

    public static async Task<JsonBodyResult<T>> ReadAsync<T>(HttpRequest request, IStringLocalizer<SharedResource> localizer)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(localizer);
        if (!request.HasJsonContentType())
        {
            return new(null, TypedResults.Problem(
                detail: localizer["Api.Json.ContentType", request.ContentType ?? ""],
                statusCode: StatusCodes.Status415UnsupportedMediaType));
        }

        if (request.ContentLength > MaxBytes)
        {
            return new(null, TooLarge(localizer));
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                return new(null, TooLarge(localizer));
            }

            buffer.Write(chunk, 0, read);
        }

        var bytes = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        if (bytes.Span.StartsWith(Utf8Bom))
        {
            bytes = bytes[Utf8Bom.Length..];
        }

        // A string holding bytes that are not UTF-8 passes the parser and fails only when read (an InvalidOperationException).
        if (FirstInvalidUtf8(bytes.Span) is { } bad)
        {
            return new(null, Validation(localizer, BodyField, localizer["Api.Json.NotUtf8", bad + 1]));
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes);
        }
        catch (JsonException e)
        {
            return new(null, Validation(localizer, BodyField,
                localizer["Api.Json.Syntax", (e.LineNumber ?? 0) + 1, (e.BytePositionInLine ?? 0) + 1]));
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return new(null, Validation(localizer, BodyField, localizer["Api.Json.NotObject"]));
            }

            try
            {
                var value = document.RootElement.Deserialize<T>(Options);
                return value is null
                    ? new(null, Validation(localizer, BodyField, localizer["Api.Json.NotObject"]))
                    : new(value, null);
            }
            catch (JsonException e)
            {
                var field = FieldName(e.Path);
                var raw = RawValue(document.RootElement, e.Path);
                var message = e.Message.Contains("could not be mapped", StringComparison.Ordinal)
                    ? localizer["Api.Json.UnknownField", field]
                    : localizer["Api.Json.WrongType", field, raw ?? ""];
                return new(null, Validation(localizer, field, message));
            }
        }
    }

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    /// <summary>The offset of the first byte that is not part of valid UTF-8, or null when all of it is.</summary>
    public static int? FirstInvalidUtf8(ReadOnlySpan<byte> bytes)
    {
        if (System.Text.Unicode.Utf8.IsValid(bytes))
        {
            return null;
        }

        Span<char> chars = new char[bytes.Length];
        System.Text.Unicode.Utf8.ToUtf16(bytes, chars, out var read, out _, replaceInvalidSequences: false);
        return read;
    }

    /// <summary>A 400 validation problem with one message per field.</summary>
    public static IResult Validation(IStringLocalizer<SharedResource> localizer, IDictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        return TypedResults.ValidationProblem(errors, title: localizer["Api.Validation.Title"]);
    }

    public static IResult Validation(IStringLocalizer<SharedResource> localizer, string field, string message) =>
        Validation(localizer, new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>"$.openingHours[0].opens" -> "openingHours[0].opens"; "$" -> "body".</summary>
    public static string FieldName(string? jsonPath)
    {
        if (string.IsNullOrEmpty(jsonPath) || jsonPath == "$")
        {
            return BodyField;
        }

        var field = jsonPath.StartsWith("$.", StringComparison.Ordinal) ? jsonPath[2..] : jsonPath.TrimStart('$');
        // Quoted segments ($['odd name']) keep their text.
        return QuotedSegment().Replace(field, m => "." + m.Groups[1].Value).TrimStart('.');
    }

    /// <summary>The JSON text at a simple path ($.a.b[0].c), shortened to 40 characters; null if not found.</summary>
    public static string? RawValue(JsonElement root, string? jsonPath)
    {
        if (string.IsNullOrEmpty(jsonPath))
        {
            return null;
        }

        var current = root;
        foreach (Match segment in PathSegment().Matches(jsonPath))
        {
            if (segment.Groups["index"].Success)
            {
                var index = int.Parse(segment.Groups["index"].Value, CultureInfo.InvariantCulture);
                if (current.ValueKind != JsonValueKind.Array || index >= current.GetArrayLength())
                {
                    return null;
                }

                current = current[index];
            }
            else
            {
                var name = segment.Groups["name"].Success ? segment.Groups["name"].Value : segment.Groups["quoted"].Value;
                if (current.ValueKind != JsonValueKind.Object || !TryGetPropertyIgnoringCase(current, name, out current))
                {
                    return null;
                }
            }
        }

        var text = current.GetRawText();
        return text.Length <= 40 ? text : text[..40] + "…";
    }

    private static bool TryGetPropertyIgnoringCase(JsonElement element, string name, out JsonElement value)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                value = property.Value;
                return true;
            }
        }

        value = default;
        return false;
    }

    private static ProblemHttpResult TooLarge(IStringLocalizer<SharedResource> localizer) =>
        TypedResults.Problem(
            detail: localizer["Api.Json.TooLarge", MaxBytes / 1024],
            statusCode: StatusCodes.Status413PayloadTooLarge);

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        };
        // Names only ("monday", "school"): a number would reach the database as a day 99 or a role 7.
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    [GeneratedRegex(@"\['([^']*)'\]")]
    private static partial Regex QuotedSegment();

    [GeneratedRegex(@"\.(?<name>[^.\[]+)|\['(?<quoted>[^']*)'\]|\[(?<index>\d+)\]")]
    private static partial Regex PathSegment();
}
