using System.Globalization;
using Outreach.Domain;
using Outreach.Domain.Validation;

namespace Outreach.Web.Features.Staff;

/// <summary>What an admin sets on an account: its display name, role, station, and whether it is disabled.</summary>
public sealed record StaffAccountChange(string DisplayName, StaffRole Role, long? StationId, bool Disabled);

/// <summary>
/// The rules for an account's role and station, shared by the accounts page and PUT /api/users/{id}: an admin works
/// for every station and has none; a chief, dispatcher or driver belongs to exactly one existing station (an account
/// without one could do nothing of any unit). An admin cannot take away their own admin role or disable their own
/// account, so the province is never left without someone who can sign in and manage accounts. Field names are the
/// API's; the page maps them to its labels.
/// </summary>
public static class StaffAccountRules
{
    public const int MaxUserName = 100;
    public const int MaxDisplayName = 200;

    public const string DisplayNameField = "displayName";
    public const string RoleField = "role";
    public const string StationField = "stationId";
    public const string DisabledField = "disabled";

    /// <summary>Errors of a change to <paramref name="current"/> (null when creating) made by the admin <paramref name="actingUserId"/>.</summary>
    public static IReadOnlyList<ValidationError> Check(
        StaffAccountChange change, IReadOnlyCollection<long> stationIds, StaffUser? current, long? actingUserId)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(stationIds);
        var errors = new List<ValidationError>();
        var name = change.DisplayName.Trim();
        if (TextRules.HasForbidden(change.DisplayName))
        {
            errors.Add(CharacterError(DisplayNameField, change.DisplayName));
        }
        else if (name.Length == 0)
        {
            errors.Add(new(DisplayNameField, change.DisplayName, "Tên hiển thị không được để trống.", "The display name must not be empty."));
        }
        else if (name.Length > MaxDisplayName)
        {
            errors.Add(new(DisplayNameField, Shorten(change.DisplayName),
                $"Tên hiển thị dài tối đa {MaxDisplayName} ký tự.", $"The display name has at most {MaxDisplayName} characters."));
        }

        if (!Enum.IsDefined(change.Role))
        {
            errors.Add(new(RoleField, ((int)change.Role).ToString(CultureInfo.InvariantCulture), "Không có vai trò này.", "There is no such role."));
            return errors;
        }

        var station = change.StationId?.ToString(CultureInfo.InvariantCulture);
        if (change.Role == StaffRole.Admin && change.StationId is not null)
        {
            errors.Add(new(StationField, station,
                "Quản trị viên làm việc với mọi đơn vị: để trống đơn vị.", "An administrator works for every station: leave the station empty."));
        }
        else if (change.Role != StaffRole.Admin && change.StationId is null)
        {
            errors.Add(new(StationField, null,
                "Trưởng công an, điều phối viên và lái xe phải thuộc một đơn vị.", "A chief, dispatcher or driver must belong to a station."));
        }
        else if (change.StationId is { } id && !stationIds.Contains(id))
        {
            errors.Add(new(StationField, station, "Không có đơn vị này.", "There is no such station."));
        }

        if (current is not null && current.Id == actingUserId)
        {
            if (change.Role != current.Role)
            {
                errors.Add(new(RoleField, change.Role.ToString(),
                    "Không thể tự đổi vai trò của tài khoản đang đăng nhập; hãy nhờ một quản trị viên khác.",
                    "You cannot change the role of the account you are signed in with; ask another administrator."));
            }

            if (change.Disabled)
            {
                errors.Add(new(DisabledField, "true",
                    "Không thể tự vô hiệu hóa tài khoản đang đăng nhập.", "You cannot disable the account you are signed in with."));
            }
        }

        return errors;
    }

    /// <summary>Errors of a new account's user name (the rest is <see cref="Check"/>).</summary>
    public static IReadOnlyList<ValidationError> CheckUserName(string? userName)
    {
        var trimmed = userName?.Trim() ?? "";
        if (TextRules.HasForbidden(userName))
        {
            return [CharacterError("userName", userName!)];
        }

        if (trimmed.Length == 0)
        {
            return [new("userName", userName, "Tên đăng nhập không được để trống.", "The user name must not be empty.")];
        }

        return trimmed.Length > MaxUserName
            ? [new("userName", Shorten(trimmed), $"Tên đăng nhập dài tối đa {MaxUserName} ký tự.", $"The user name has at most {MaxUserName} characters.")]
            : [];
    }

    private static ValidationError CharacterError(string field, string value)
    {
        var errors = new ValidationErrors();
        errors.Character(field, value);
        return errors.Errors[0];
    }

    private static string Shorten(string value) => TextRules.Visible(value);
}
