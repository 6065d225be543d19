using System.Globalization;
using Microsoft.Extensions.Localization;
using Outreach.Domain.Validation;
using Outreach.Web.Features.Localization;

namespace Outreach.Web.Features.Api;

/// <summary>Turns validation errors into a 400 problem whose <c>errors</c> name each field and value,
/// in the request's language.</summary>
public static class ApiProblems
{
    public static IResult FromValidation(IStringLocalizer<SharedResource> localizer, IEnumerable<ValidationError> errors)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        ArgumentNullException.ThrowIfNull(errors);
        var english = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == Languages.English;
        var byField = errors
            .GroupBy(e => e.Field, StringComparer.Ordinal)
            .ToDictionary(
                g => g.Key,
                g => g.Select(e => Describe(localizer, e, english ? e.MessageEn : e.MessageVi)).ToArray(),
                StringComparer.Ordinal);
        return JsonBody.Validation(localizer, byField);
    }

    /// <summary>One error for a field the request left out.</summary>
    public static ValidationError Missing(string field) =>
        new(field, null, "Trường này là bắt buộc.", "This field is required.");

    private static string Describe(IStringLocalizer<SharedResource> localizer, ValidationError error, string reason) =>
        error.Value is null
            ? localizer["Api.Field.Missing", error.Field, reason]
            : localizer["Api.Field.Invalid", error.Field, error.Value, reason];
}
