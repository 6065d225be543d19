using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Outreach.Domain;

namespace Outreach.Web.Features.StationResources;

/// <summary>
/// The import of visit requests from an uploaded file: reads it (.xlsx by its zip signature or name, else .csv), checks
/// every row (<see cref="VisitRequestSheet.Read"/>), and seals the checked file for the confirmation step: protected for
/// one unit and one hour, so a confirmation cannot be replayed into another unit or much later. Thread-safe.
/// </summary>
public sealed class VisitRequestImport(IDataProtectionProvider protection, TimeProvider time)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    private readonly IDataProtector _protector = protection.CreateProtector("Outreach.StationResources.VisitRequestImport");

    public sealed record SealedFile(byte[] Bytes, string FileName);

    public (IReadOnlyList<VisitRequest> Requests, IReadOnlyList<SheetProblem> Problems) Check(byte[] bytes, string fileName, long stationId, IReadOnlyList<Site> sites)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        SheetTable table;
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            table = IsXlsx(bytes, fileName) ? SheetTable.ReadXlsx(stream) : SheetTable.ReadCsv(stream);
        }
#pragma warning disable CA1031 // Whatever a damaged or foreign file makes the readers throw, the answer is "cannot read this file".
        catch (Exception)
#pragma warning restore CA1031
        {
            return ([], [new SheetProblem(1, "", fileName, "Không đọc được tệp: hãy lưu dưới dạng .xlsx hoặc .csv (UTF-8).",
                "The file cannot be read: save it as .xlsx or .csv (UTF-8).")]);
        }

        return VisitRequestSheet.Read(table, stationId, sites);
    }

    /// <summary>.xlsx files are zip archives: they start with "PK".</summary>
    public static bool IsXlsx(byte[] bytes, string? fileName) =>
        (bytes?.Length >= 2 && bytes[0] == (byte)'P' && bytes[1] == (byte)'K')
        || (fileName?.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) ?? false);

    public string Seal(byte[] bytes, string fileName, long stationId)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        // The app's clock (not the protector's own) decides the hour, so it is the same clock as everything else's.
        var expires = time.GetUtcNow().Add(Lifetime).ToUnixTimeSeconds();
        var name = Encoding.UTF8.GetBytes(Path.GetFileName(fileName ?? ""));
        var header = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{stationId}\n{expires}\n{name.Length}\n"));
        return Convert.ToBase64String(_protector.Protect([.. header, .. name, .. bytes]));
    }

    /// <summary>The sealed file, or null when it is not one sealed for this unit within the hour.</summary>
    public SealedFile? Open(string payload, long stationId)
    {
        try
        {
            var data = _protector.Unprotect(Convert.FromBase64String(payload ?? ""));
            var fields = new string[3];
            var at = 0;
            for (var i = 0; i < fields.Length; i++)
            {
                var end = Array.IndexOf(data, (byte)'\n', at);
                if (end < 0)
                {
                    return null;
                }

                fields[i] = Encoding.UTF8.GetString(data, at, end - at);
                at = end + 1;
            }

            if (fields[0] != stationId.ToString(CultureInfo.InvariantCulture)
                || !long.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var expires)
                || expires < time.GetUtcNow().ToUnixTimeSeconds()
                || !int.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var nameLength)
                || at + nameLength > data.Length)
            {
                return null;
            }

            return new SealedFile(data[(at + nameLength)..], Encoding.UTF8.GetString(data, at, nameLength));
        }
        catch (Exception e) when (e is FormatException or System.Security.Cryptography.CryptographicException or ArgumentException)
        {
            return null;
        }
    }
}
