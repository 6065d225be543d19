namespace Outreach.Data.Backup;

/// <summary>
/// A backup or restore that cannot go on, for a reason the operator can fix: the message is one line in Vietnamese
/// then English and names the path or value at fault, so a command line prints it as it is (no stack trace).
/// </summary>
public sealed class BackupException : Exception
{
    public BackupException()
    {
    }

    public BackupException(string message)
        : base(message)
    {
    }

    public BackupException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public BackupException(string vietnamese, string english, Exception? innerException = null)
        : base($"{vietnamese} / {english}", innerException)
    {
    }
}
