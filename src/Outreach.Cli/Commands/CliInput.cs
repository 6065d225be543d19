using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Npgsql;
using Outreach.Bench.Routing;
using Outreach.Geo;
using Outreach.Geo.GeoJson;

namespace Outreach.Cli.Commands;

/// <summary>
/// How every command answers input it cannot use: one line on standard error, Vietnamese then English, naming the
/// option and the path or value ("--model: không tìm thấy tệp / file not found: missing.json"), and exit code
/// <see cref="ExitInput"/>. Commands check their files and folders first (<see cref="File"/>, <see cref="Folder"/>,
/// <see cref="OutputFile"/>); what only shows while running (a folder that cannot be created, a file that is not what
/// it should be) is turned into the same kind of line by <see cref="Report"/>, for every command at once.
/// </summary>
internal static partial class CliInput
{
    public const int ExitInput = 2;

    /// <summary>The input file as found (relative paths also from the repository root upwards), or null after saying it is missing.</summary>
    public static string? File(string option, string? path)
    {
        var resolved = path is { Length: > 0 } ? MapFolders.Resolve(path) : null;
        if (resolved is not null && System.IO.File.Exists(resolved))
        {
            return resolved;
        }

        Fail(option, resolved is not null && Directory.Exists(resolved) ? "đây là thư mục, cần một tệp" : "không tìm thấy tệp",
            resolved is not null && Directory.Exists(resolved) ? "this is a folder, a file is needed" : "file not found", path);
        return null;
    }

    /// <summary>The input folder as found, or null after saying it is missing.</summary>
    public static string? Folder(string option, string? path)
    {
        var resolved = path is { Length: > 0 } ? MapFolders.Resolve(path) : null;
        if (resolved is not null && Directory.Exists(resolved))
        {
            return resolved;
        }

        Fail(option, "không tìm thấy thư mục", "folder not found", path);
        return null;
    }

    /// <summary>True when the folder an output file goes to exists (null or empty: no output asked for); else says so.</summary>
    public static bool OutputFile(string option, string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return true;
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is null || Directory.Exists(folder))
        {
            return true;
        }

        Fail(option, "không có thư mục để ghi tệp", "no folder to write the file to", path);
        return false;
    }

    /// <summary>True when the output folder exists or could be made (null or empty: no output asked for); else says so.</summary>
    public static bool OutputFolder(string option, string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return true;
        }

        try
        {
            Directory.CreateDirectory(path);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            Fail(option, "không tạo được thư mục", "cannot create the folder", path);
            return false;
        }
    }

    /// <summary>Prints "--option: lý do / reason: value" on standard error and returns <see cref="ExitInput"/>.</summary>
    public static int Fail(string option, string vietnamese, string english, string? value)
    {
        Console.Error.WriteLine($"{option}: {vietnamese} / {english}: {value}");
        return ExitInput;
    }

    /// <summary>Whether <paramref name="exception"/> is about the input or the files, not a fault of the program.</summary>
    public static bool IsInputError(Exception exception) => exception is
        FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException or IOException
        or GeoDataException or InvalidDataException or BenchInputException or JsonException
        or SqliteException or NpgsqlException;

    /// <summary>One line for an input error that showed while running; returns <see cref="ExitInput"/>.</summary>
    public static int Report(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var (vietnamese, english) = exception switch
        {
            FileNotFoundException => ("không tìm thấy tệp", "file not found"),
            DirectoryNotFoundException => ("không tìm thấy thư mục", "folder not found"),
            UnauthorizedAccessException => ("không có quyền đọc hoặc ghi", "access denied"),
            IOException => ("lỗi đọc hoặc ghi tệp", "file error"),
            GeoDataException => ("dữ liệu bản đồ không dùng được", "map data cannot be used"),
            JsonException => ("tệp JSON không hợp lệ", "invalid JSON file"),
            SqliteException or NpgsqlException => ("lỗi cơ sở dữ liệu", "database error"),
            _ => ("dữ liệu vào không hợp lệ", "invalid input"),
        };
        var detail = exception switch
        {
            FileNotFoundException { FileName: { Length: > 0 } file } => file,
            FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException
                when QuotedPath().Match(exception.Message) is { Success: true } quoted => quoted.Groups[1].Value,
            _ => exception.Message,
        };
        Console.Error.WriteLine($"outreach: {vietnamese} / {english}: {OneLine(detail)}");
        return ExitInput;
    }

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    [GeneratedRegex("'([^']+)'")]
    private static partial Regex QuotedPath();
}
