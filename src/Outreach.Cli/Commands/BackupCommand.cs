using System.CommandLine;
using System.Globalization;
using System.Reflection;
using Outreach.Data.Backup;

namespace Outreach.Cli.Commands;

/// <summary>`outreach backup --out DIR` and `outreach restore --from DIR`: the database and the keys folder, with a manifest.</summary>
internal static class BackupCommand
{
    public static Command CreateBackup()
    {
        var data = new DataOptions();
        var output = new Option<string>("--out") { Description = "New (or empty) folder for the backup.", Required = true };
        var command = new Command("backup", "Back up the database (SQLite online copy, or pg_dump) and the keys folder while the app runs, with a manifest.");
        command.Options.Add(output);
        data.AddTo(command);
        command.SetAction((parse, ct) => DataOptions.OneLineErrorsAsync(async () =>
        {
            if (!CliInput.OutputFolder("--out", parse.GetValue(output)))
            {
                return CliInput.ExitInput;
            }

            var (database, folder) = data.Resolve(parse);
            var report = await DatabaseBackup.BackupAsync(database, parse.GetValue(output)!, Path.Combine(folder, "keys"), AppVersion(), TimeProvider.System, ct);
            var bytes = report.Manifest.Files.Sum(f => f.Bytes);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"backup: {report.Folder} ({report.Manifest.Database}, migration {report.Manifest.Migration}, {report.KeyFiles} key file(s), {bytes / 1024.0:0.0} KiB)"));
            return 0;
        }));
        return command;
    }

    public static Command CreateRestore()
    {
        var data = new DataOptions();
        var from = new Option<string>("--from") { Description = "A folder written by `outreach backup`.", Required = true };
        var force = new Option<bool>("--force") { Description = "Overwrite a target that is in use or not empty (old files are moved aside, not deleted)." };
        var command = new Command("restore", "Restore a backup (database and keys) into a stopped app's data folder or an empty PostgreSQL database.");
        command.Options.Add(from);
        command.Options.Add(force);
        data.AddTo(command);
        command.SetAction((parse, ct) => DataOptions.OneLineErrorsAsync(async () =>
        {
            if (CliInput.Folder("--from", parse.GetValue(from)) is null || !CliInput.OutputFolder("--data-folder", parse.GetValue(data.DataFolder)))
            {
                return CliInput.ExitInput;
            }

            var (database, folder) = data.Resolve(parse);
            var report = await DatabaseBackup.RestoreAsync(parse.GetValue(from)!, new RestoreTarget(database, Path.Combine(folder, "keys"), parse.GetValue(force)), TimeProvider.System, ct);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"restored: migration {report.Migration}, {report.KeyFiles} key file(s)"));
            foreach (var aside in report.MovedAside)
            {
                Console.WriteLine($"moved aside: {aside}");
            }

            return 0;
        }));
        return command;
    }

    private static string AppVersion() =>
        typeof(BackupCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
}
