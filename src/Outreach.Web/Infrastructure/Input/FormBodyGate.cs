using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Primitives;

namespace Outreach.Web.Infrastructure.Input;

/// <summary>
/// Reads posted HTML forms (application/x-www-form-urlencoded) the way browsers encode them, so that every wrong
/// character reaches the page that names its field. The framework's reader throws on a NUL ("%00": the antiforgery
/// check then fails and the person gets a bare 400 naming nothing) and keeps an escape that is not UTF-8 ("%FF") as the
/// literal text "%FF". Here such a form is decoded as the WHATWG URL standard says (a NUL stays a NUL, bytes that are not
/// UTF-8 become U+FFFD) and handed on as the request's form, so the page's own checks refuse it with the field's name
/// (<see cref="Domain.Validation.TextRules"/>). Every other form is left to the framework. A form larger than
/// <see cref="MaxBytes"/> is refused (413): the largest form of the app, a phone-in batch, is a few kilobytes.
/// </summary>
internal sealed class FormBodyGate(RequestDelegate next)
{
    public const int MaxBytes = 1024 * 1024;

    /// <summary>As many fields as the framework's form reader accepts (FormOptions.ValueCountLimit).</summary>
    private const int MaxFields = 1024;

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!IsUrlEncodedForm(request))
        {
            await next(context);
            return;
        }

        if (request.ContentLength > MaxBytes)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }

        request.EnableBuffering();
        var body = await ReadAsync(request.Body, context.RequestAborted);
        if (body is null)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }

        request.Body.Position = 0;
        if (Decode(body) is { } form)
        {
            context.Features.Set<IFormFeature>(new FormFeature(form));
        }

        await next(context);
    }

    private static bool IsUrlEncodedForm(HttpRequest request) =>
        (HttpMethods.IsPost(request.Method) || HttpMethods.IsPut(request.Method) || HttpMethods.IsPatch(request.Method))
        && request.ContentType is { } type
        && type.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase);

    /// <summary>The whole body, or null when it is larger than <see cref="MaxBytes"/>.</summary>
    private static async Task<byte[]?> ReadAsync(Stream body, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// The form decoded here when the framework's reader would fail on it or change it (a NUL, or bytes that are not
    /// UTF-8 in a name or value); null when the framework can read it as it is (or it has more fields than allowed).
    /// </summary>
    internal static FormCollection? Decode(ReadOnlySpan<byte> body)
    {
        var pairs = new List<(byte[] Name, byte[] Value)>();
        var needed = false;
        foreach (var range in body.Split((byte)'&'))
        {
            var pair = body[range];
            if (pair.IsEmpty)
            {
                continue;
            }

            if (pairs.Count == MaxFields)
            {
                return null;
            }

            var equals = pair.IndexOf((byte)'=');
            var name = PercentDecode(equals < 0 ? pair : pair[..equals]);
            var value = PercentDecode(equals < 0 ? [] : pair[(equals + 1)..]);
            needed |= !IsCleanUtf8(name) || !IsCleanUtf8(value);
            pairs.Add((name, value));
        }

        if (!needed)
        {
            return null;
        }

        var fields = new Dictionary<string, StringValues>(StringComparer.OrdinalIgnoreCase);
        foreach (var (nameBytes, valueBytes) in pairs)
        {
            // Encoding.UTF8 turns each ill-formed sequence into U+FFFD, as the standard's "UTF-8 decode without BOM" does.
            var name = Encoding.UTF8.GetString(nameBytes);
            var value = Encoding.UTF8.GetString(valueBytes);
            fields[name] = fields.TryGetValue(name, out var earlier) ? StringValues.Concat(earlier, value) : new StringValues(value);
        }

        return new FormCollection(fields);
    }

    private static bool IsCleanUtf8(byte[] bytes) => !bytes.AsSpan().Contains((byte)0) && System.Text.Unicode.Utf8.IsValid(bytes);

    /// <summary>"a+b%C3%A0" to its bytes: '+' is a space, "%XX" one byte, a '%' without two hex digits itself.</summary>
    private static byte[] PercentDecode(ReadOnlySpan<byte> text)
    {
        var bytes = new byte[text.Length];
        var count = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var b = text[i];
            if (b == '+')
            {
                bytes[count++] = (byte)' ';
            }
            else if (b == '%' && i + 2 < text.Length && Hex(text[i + 1]) is { } high && Hex(text[i + 2]) is { } low)
            {
                bytes[count++] = (byte)((high << 4) | low);
                i += 2;
            }
            else
            {
                bytes[count++] = b;
            }
        }

        return bytes[..count];
    }

    private static int? Hex(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => null,
    };
}
