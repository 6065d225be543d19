namespace Outreach.Domain.Validation;

/// <summary>Thrown when an input fails validation; carries every error with its field and value.</summary>
public sealed class DomainValidationException : Exception
{
    public DomainValidationException()
        : this([])
    {
    }

    public DomainValidationException(string message)
        : base(message)
    {
        Errors = [];
    }

    public DomainValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [];
    }

    public DomainValidationException(IReadOnlyList<ValidationError> errors)
        : base(Describe(errors))
    {
        Errors = errors;
    }

    public IReadOnlyList<ValidationError> Errors { get; }

    /// <summary>Throws when <paramref name="errors"/> is not empty.</summary>
    public static void ThrowIfAny(IReadOnlyList<ValidationError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (errors.Count > 0)
        {
            throw new DomainValidationException(errors);
        }
    }

    // Values stay out of the message: it ends up in logs, and values may be phone numbers or names.
    private static string Describe(IReadOnlyList<ValidationError> errors) =>
        errors.Count == 0
            ? "Invalid input."
            : "Invalid input: " + string.Join("; ", errors.Select(e => $"{e.Field}: {e.MessageEn}"));
}
