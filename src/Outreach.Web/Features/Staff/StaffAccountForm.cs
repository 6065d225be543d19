using System.Globalization;
using Microsoft.Extensions.Localization;
using Outreach.Domain;
using Outreach.Domain.Validation;
using Outreach.Web.Features.Localization;

namespace Outreach.Web.Features.Staff;

/// <summary>The station chosen in an account form: <see cref="Id"/> null is "no station" (admins).</summary>
public readonly record struct StationChoice(long? Id);

/// <summary>
/// Reads the accounts pages' posted values as typed (a wrong value is named with its field, never dropped) and words
/// the shared rules' errors for the page. Logs account, station and admin ids only, never names.
/// </summary>
public static partial class StaffAccountForm
{
    /// <summary>The role posted ("Chief"), or null after reporting a value that is not a role.</summary>
    public static StaffRole? ParseRole(string? value, Action<ValidationError> report)
    {
        ArgumentNullException.ThrowIfNull(report);
        // Names only: "1" would parse as a number of the enum.
        if (value is { Length: > 0 } && !char.IsAsciiDigit(value[0]) && Enum.TryParse<StaffRole>(value, ignoreCase: true, out var role) && Enum.IsDefined(role))
        {
            return role;
        }

        report(new(StaffAccountRules.RoleField, value ?? "", "Không có vai trò này.", "There is no such role."));
        return null;
    }

    /// <summary>The station posted ("" = none), or null after reporting a value that is not a station id.</summary>
    public static StationChoice? ParseStation(string? value, Action<ValidationError> report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (string.IsNullOrWhiteSpace(value))
        {
            return new StationChoice(null);
        }

        if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0)
        {
            return new StationChoice(id);
        }

        report(new(StaffAccountRules.StationField, value, "Không có đơn vị này.", "There is no such station."));
        return null;
    }

    /// <summary>"Đơn vị: “12” – Không có đơn vị này." in the page's language.</summary>
    public static string Describe(IStringLocalizer<SharedResource> text, ValidationError error)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(error);
        var label = text[error.Field switch
        {
            StaffAccountRules.DisplayNameField => "StaffUsers.DisplayName",
            StaffAccountRules.RoleField => "StaffUsers.Role",
            StaffAccountRules.StationField => "StaffUsers.Station",
            StaffAccountRules.DisabledField => "StaffUsers.Disabled",
            _ => "StaffUsers.UserName",
        }];
        var reason = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == Languages.English ? error.MessageEn : error.MessageVi;
        return error.Value is null ? text["StaffUsers.FieldMissing", label, reason] : text["StaffUsers.FieldError", label, error.Value, reason];
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Staff user {UserId} created as {Role} of station {StationId} by admin {AdminId}")]
    public static partial void LogCreated(ILogger logger, long userId, StaffRole role, long? stationId, long? adminId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Staff user {UserId} set to {Role} of station {StationId}, disabled {Disabled}, by admin {AdminId}")]
    public static partial void LogChanged(ILogger logger, long userId, StaffRole role, long? stationId, bool disabled, long? adminId);
}
