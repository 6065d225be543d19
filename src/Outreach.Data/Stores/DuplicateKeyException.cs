namespace Outreach.Data.Stores;

/// <summary>An insert or update broke a uniqueness rule (e.g. a user name or booking code already taken).</summary>
public sealed class DuplicateKeyException : Exception
{
    public DuplicateKeyException()
    {
    }

    public DuplicateKeyException(string message)
        : base(message)
    {
    }

    public DuplicateKeyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
