namespace Outreach.Solver.Model;

/// <summary>Thrown by <see cref="RoutingModelBuilder"/> when an input is invalid; the message names the field and the value.</summary>
public sealed class ModelValidationException : Exception
{
    /// <summary>Creates the exception for <paramref name="field"/> holding <paramref name="value"/>.</summary>
    public ModelValidationException(string field, object? value, string problem)
        : base($"{field} = {value ?? "null"}: {problem}")
    {
        Field = field;
        Value = value?.ToString();
    }

    /// <summary>Creates an exception with a plain message.</summary>
    public ModelValidationException(string message) : base(message)
    {
        Field = "";
    }

    /// <summary>Creates an exception with a plain message and inner exception.</summary>
    public ModelValidationException(string message, Exception innerException) : base(message, innerException)
    {
        Field = "";
    }

    /// <summary>Creates an exception with no message.</summary>
    public ModelValidationException() : this("invalid model")
    {
    }

    /// <summary>Path of the bad field, e.g. <c>tasks[3].pickup.windows[0]</c>.</summary>
    public string Field { get; }

    /// <summary>The rejected value as text.</summary>
    public string? Value { get; }
}
