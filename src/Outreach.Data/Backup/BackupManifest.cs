using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Outreach.Data.Backup;

/// <summary>One file of a backup: its path inside the backup folder ("/" separated), size and SHA-256 (hex).</summary>
public sealed record BackupFile(string Path, long Bytes, string Sha256);

/// <summary>
/// manifest.json, written last into a backup folder (a folder without one is an unfinished backup): when it was taken,
/// by which version of the app, of which database and at which migration number, and a checksum of every file.
/// </summary>
public sealed record BackupManifest(
    int Format,
    DateTimeOffset CreatedAt,
    string AppVersion,
    string Database,
    int Migration,
    IReadOnlyList<BackupFile> Files)
{
    public const string FileName = "manifest.json";
    public const int CurrentFormat = 1;

    /// <summary>The database file inside the backup: a SQLite file, or a pg_dump custom-format archive.</summary>
    public const string SqliteFile = "outreach.db";
    public const string PostgresFile = "outreach.dump";
    public const string KeysFolder = "keys";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public async Task WriteAsync(string folder, CancellationToken cancellationToken)
    {
        await using var stream = File.Create(System.IO.Path.Combine(folder, FileName));
        await JsonSerializer.SerializeAsync(stream, this, Json, cancellationToken);
    }

    /// <summary>Reads <paramref name="folder"/>/manifest.json.</summary>
    /// <exception cref="BackupException">Missing, unreadable, or of an unknown format.</exception>
    public static async Task<BackupManifest> ReadAsync(string folder, CancellationToken cancellationToken)
    {
        var path = System.IO.Path.Combine(folder, FileName);
        if (!File.Exists(path))
        {
            throw new BackupException(
                $"Không có {FileName} trong {folder}: không phải bản sao lưu, hoặc sao lưu chưa xong",
                $"no {FileName} in {folder}: not a backup, or an unfinished one");
        }

        BackupManifest? manifest;
        try
        {
            await using var stream = File.OpenRead(path);
            manifest = await JsonSerializer.DeserializeAsync<BackupManifest>(stream, Json, cancellationToken);
        }
        catch (JsonException e)
        {
            throw new BackupException($"{path} không đọc được", $"{path} cannot be read: {e.Message}", e);
        }

        if (manifest is null || manifest.Format != CurrentFormat || manifest.Files is null || manifest.Database is null)
        {
            throw new BackupException(
                $"{path}: định dạng không hỗ trợ (cần format {CurrentFormat})", $"{path}: unsupported manifest (format {CurrentFormat} expected)");
        }

        return manifest;
    }

    /// <summary>Checks every listed file's size and SHA-256; throws naming the first that differs.</summary>
    public async Task VerifyAsync(string folder, CancellationToken cancellationToken)
    {
        foreach (var file in Files)
        {
            var full = System.IO.Path.GetFullPath(System.IO.Path.Combine(folder, file.Path));
            if (!full.StartsWith(System.IO.Path.GetFullPath(folder), StringComparison.Ordinal))
            {
                throw new BackupException($"{FileName} ghi đường dẫn ngoài thư mục: {file.Path}", $"{FileName} names a path outside the folder: {file.Path}");
            }

            if (!File.Exists(full))
            {
                throw new BackupException($"Thiếu tệp {full} của bản sao lưu", $"file {full} of the backup is missing");
            }

            if (new FileInfo(full).Length != file.Bytes || await HashAsync(full, cancellationToken) != file.Sha256)
            {
                throw new BackupException($"Tệp {full} bị thay đổi hoặc hỏng (tổng kiểm tra sai)", $"file {full} was changed or is damaged (checksum mismatch)");
            }
        }
    }

    public static async Task<BackupFile> DescribeAsync(string folder, string relativePath, CancellationToken cancellationToken)
    {
        var full = System.IO.Path.Combine(folder, relativePath);
        return new BackupFile(relativePath.Replace('\\', '/'), new FileInfo(full).Length, await HashAsync(full, cancellationToken));
    }

    private static async Task<string> HashAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
    }
}
