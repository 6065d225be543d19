using System.Globalization;
using System.Text;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Outreach.Domain;
using Outreach.Planning.Rosters;

namespace Outreach.Web.Features.Rosters;

/// <summary>A roster week as files: the grid as CSV (officers x days, one column per day) and one officer's shifts as iCalendar. Pure.</summary>
public static class RosterExports
{
    public const string Zone = "Asia/Ho_Chi_Minh";

    /// <summary>"can bo;ky nang;28/04;...": semicolon-separated with a UTF-8 byte order mark, as spreadsheets in Vietnam open it.</summary>
    public static byte[] Csv(RosterContent content, IReadOnlyList<Officer> officers)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(officers);
        var days = Enumerable.Range(0, content.Plan.PeriodEnd.DayNumber - content.Plan.PeriodStart.DayNumber + 1).Select(d => content.Plan.PeriodStart.AddDays(d)).ToList();
        var text = new StringBuilder();
        text.Append("Cán bộ;Mã;").AppendJoin(';', days.Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))).Append(";Giờ\r\n");
        foreach (var officer in officers.OrderBy(o => o.Name, StringComparer.Create(CultureInfo.GetCultureInfo("vi-VN"), false)))
        {
            var shifts = content.Shifts.Where(s => s.OfficerId == officer.Id).ToDictionary(s => s.Date);
            text.Append(Quote(officer.Name)).Append(';').Append(officer.Id.ToString(CultureInfo.InvariantCulture));
            foreach (var day in days)
            {
                text.Append(';');
                if (shifts.TryGetValue(day, out var s))
                {
                    text.Append(Quote($"{RosterShiftCatalogue.Code(s.ShiftType)} {Hhmm(s.StartMinute)}-{Hhmm(s.StartMinute + s.Minutes)}{(s.DutyVi is null ? "" : $" {s.DutyVi}")}"));
                }
                else if (officer.Leave.Any(l => l.Covers(day)))
                {
                    text.Append("Phép");
                }
            }

            text.Append(';').Append((shifts.Values.Sum(s => s.Minutes) / 60.0).ToString("0.#", CultureInfo.InvariantCulture)).Append("\r\n");
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    /// <summary>One VEVENT per shift, in Vietnam time, with a stable UID per officer and day so calendars update in place.</summary>
    public static string Ical(RosterContent content, Officer officer, string stationName)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(officer);
        var calendar = new Ical.Net.Calendar { ProductId = "-//Outreach//Lich truc//VI" };
        calendar.AddTimeZone(Zone);
        foreach (var shift in content.Shifts.Where(s => s.OfficerId == officer.Id).OrderBy(s => s.Date))
        {
            var start = shift.Date.ToDateTime(TimeOnly.MinValue).AddMinutes(shift.StartMinute);
            var name = RosterShiftCatalogue.Types.FirstOrDefault(t => t.Id == shift.ShiftType)?.Name
                ?? (shift.ShiftType.StartsWith("team-", StringComparison.Ordinal) ? "Lưu động" : shift.ShiftType);
            calendar.Events.Add(new CalendarEvent
            {
                Uid = string.Create(CultureInfo.InvariantCulture, $"roster-{content.Plan.StationId}-{officer.Id}-{shift.Date:yyyyMMdd}@outreach"),
                Summary = shift.DutyVi is null ? name : $"{name}: {shift.DutyVi}",
                Location = stationName,
                DtStart = new CalDateTime(start, Zone),
                DtEnd = new CalDateTime(start.AddMinutes(shift.Minutes), Zone),
                Description = string.Create(CultureInfo.InvariantCulture, $"Lịch trực tuần {content.Plan.PeriodStart:dd/MM}-{content.Plan.PeriodEnd:dd/MM}, bản {content.Plan.Version}"),
            });
        }

        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

    private static string Hhmm(int minute) => $"{minute / 60 % 24:00}:{minute % 60:00}";

    private static string Quote(string value) => value.Contains(';', StringComparison.Ordinal) || value.Contains('"', StringComparison.Ordinal)
        ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\""
        : value;
}
