using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Outreach.Domain;

namespace Outreach.Web.Features.StationResources;

/// <summary>
/// The import of a list from an uploaded file (visit requests, officers): reads it (.xlsx by its zip signature or name,
/// else .csv), has each row checked (<see cref="VisitRequestSheet.Read"/>, <see cref="OfficerSheet.Read"/>), and seals
/// the checked file for the confirmation step: protected for one kind of list, one unit and one hour, so a confirmation
/// cannot be replayed into another list, another unit or much later. Thread-safe.
/// </summary>
public sealed class SheetImport(IDataProtectionProvider protection, TimeProvider time)
{
    public const string VisitRequests = "visit-requests";

    public const string Officers = "officers";

    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    private readonly IDataProtector _protector = protection.CreateProtector("Outreach.StationResources.SheetImport");

    public sealed record SealedFile(byte[] Bytes, string FileName);

    public (IReadOnlyList<VisitRequest> Requests, IReadOnlyList<SheetProblem> Problems) CheckVisitRequests(byte[] bytes, string fileName, long stationId,
        IReadOnlyList<Site> sites, IReadOnlyList<VisitRequest> stored) =>
        Table(bytes, fileName) is { } table ? VisitRequestSheet.Read(table, stationId, sites, stored) : ([], [Unreadable(fileName)]);

    public (IReadOnlyList<Officer> Officers, IReadOnlyList<SheetProblem> Problems) CheckOfficers(byte[] bytes, string fileName, long stationId) =>
        Table(bytes, fileName) is { } table ? OfficerSheet.Read(table, stationId) : ([], [Unreadable(fileName)]);

    /// <summary>The file's first sheet, or null when it cannot be read as .xlsx or .csv.</summary>
    private static SheetTable? Table(byte[] bytes, string fileName)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            return IsXlsx(bytes, fileName) ? SheetTable.ReadXlsx(stream) : SheetTable.ReadCsv(stream);
        }
#pragma warning disable CA1031 // Whatever a damaged or foreign file makes the readers throw, the answer is "cannot read this file".
        catch (Exception)
#pragma warning restore CA1031
        {
            return null;
        }
    }

    private static SheetProblem Unreadable(string fileName) => new(1, "", fileName,
        "Không đọc được tệp: hãy lưu dưới dạng .xlsx hoặc .csv (UTF-8).", "The file cannot be read: save it as .xlsx or .csv (UTF-8).");

    /// <summary>.xlsx files are zip archives: they start with "PK".</summary>
    public static bool IsXlsx(byte[] bytes, string? fileName) =>
        (bytes?.Length >= 2 && bytes[0] == (byte)'P' && bytes[1] == (byte)'K')
        || (fileName?.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) ?? false);

    public string Seal(string kind, byte[] bytes, string fileName, long stationId)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        // The app's clock (not the protector's own) decides the hour, so it is the same clock as everything else's.
        var expires = time.GetUtcNow().Add(Lifetime).ToUnixTimeSeconds();
        var name = Encoding.UTF8.GetBytes(Path.GetFileName(fileName ?? ""));
        var header = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{stationId}\n{expires}\n{name.Length}\n"));
        return Convert.ToBase64String(_protector.CreateProtector(kind).Protect([.. header, .. name, .. bytes]));
    }

    /// <summary>The sealed file, or null when it is not one sealed for this kind of list and this unit within the hour.</summary>
    public SealedFile? Open(string kind, string payload, long stationId)
    {
        try
        {
            var data = _protector.CreateProtector(kind).Unprotect(Convert.FromBase64String(payload ?? ""));
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
