namespace Outreach.Domain.Validation;

/// <summary>Checks inputs before they are stored; each error names the field and the value.</summary>
public static class DomainValidators
{
    /// <summary>Most children one booking may bring (a village head books several families as several bookings).</summary>
    public const int MaxChildrenPerBooking = 10;

    public const int MaxGuardiansPerBooking = 10;

    public static IReadOnlyList<ValidationError> Validate(Booking booking)
    {
        ArgumentNullException.ThrowIfNull(booking);
        var e = new ValidationErrors();
        if (booking.StationId <= 0)
        {
            e.Add("stationId", booking.StationId, "Chưa chọn đơn vị.", "No unit chosen.");
        }

        if (booking.ChildCount < 1)
        {
            e.Add("childCount", booking.ChildCount,
                "Cần ít nhất một trẻ từ 6 đến dưới 14 tuổi.",
                "At least one child aged 6 to under 14 is needed.");
        }
        else
        {
            e.Range("childCount", booking.ChildCount, 1, MaxChildrenPerBooking);
        }

        if (booking.GuardianCount < 1)
        {
            e.Add("guardianCount", booking.GuardianCount,
                "Trẻ phải đi cùng ít nhất một cha, mẹ hoặc người giám hộ.",
                "Children must come with at least one parent or guardian.");
        }
        else
        {
            e.Range("guardianCount", booking.GuardianCount, 1, MaxGuardiansPerBooking);
        }

        if (booking.PickupSiteId is null && booking.PickupLocation is null)
        {
            e.Add("pickupSiteId", null,
                "Chọn điểm đón hoặc đánh dấu vị trí nhà.",
                "Choose a pickup point or mark your home on the map.");
        }

        if (booking.PickupSiteId is <= 0)
        {
            e.Add("pickupSiteId", booking.PickupSiteId, "Điểm đón không hợp lệ.", "Invalid pickup point.");
        }

        if (booking.PickupLocation is { } location)
        {
            e.Location("pickupLocation", location);
        }

        e.Optional("addressNote", booking.AddressNote, 500);
        e.Required("contactFirstName", booking.ContactFirstName, 100);
        if (!VietnamPhone.IsValid(booking.Phone))
        {
            e.Add("phone", booking.Phone,
                "Số điện thoại phải gồm số 0 và 9 chữ số, hoặc +84 và 9 chữ số.",
                "The phone number must be 0 followed by 9 digits, or +84 followed by 9 digits.");
        }

        if (booking.PreferredLanguage is not ("vi" or "en"))
        {
            e.Add("preferredLanguage", booking.PreferredLanguage,
                "Ngôn ngữ phải là 'vi' hoặc 'en'.", "Language must be 'vi' or 'en'.");
        }

        if (booking.Needs.HasFlag(BookingNeeds.ChildSeat) && booking.ChildCount < 1)
        {
            e.Add("needs", booking.Needs, "Ghế trẻ em cần có trẻ đi cùng.", "A child seat needs a child.");
        }

        return e.Errors;
    }

    public static IReadOnlyList<ValidationError> Validate(Site site)
    {
        ArgumentNullException.ThrowIfNull(site);
        var e = new ValidationErrors();
        if (site.StationId <= 0)
        {
            e.Add("stationId", site.StationId, "Chưa chọn đơn vị.", "No unit chosen.");
        }

        e.Required("name", site.Name, 200);
        if (!Enum.IsDefined(site.Kind))
        {
            e.Add("kind", site.Kind, "Loại địa điểm không hợp lệ.", "Invalid site kind.");
        }

        e.Location("location", site.Location);
        e.Optional("unitCode", site.UnitCode, 20);
        e.Optional("note", site.Note, 1000, multiline: true);
        return e.Errors;
    }

    public static IReadOnlyList<ValidationError> Validate(Station station)
    {
        ArgumentNullException.ThrowIfNull(station);
        var e = new ValidationErrors();
        e.Required("name", station.Name, 200);
        e.Optional("oldUnitCode", station.OldUnitCode, 20);
        e.Optional("oldUnitName", station.OldUnitName, 200);
        e.Optional("newUnitCode", station.NewUnitCode, 20);
        e.Optional("newUnitName", station.NewUnitName, 200);
        e.Required("collectionPointName", station.CollectionPointName, 200);
        e.Location("collectionPointLocation", station.CollectionPointLocation);
        e.Optional("collectionPointAddress", station.CollectionPointAddress, 500);
        e.Range("deskCount", station.DeskCount, 1, 100);
        e.Range("filesPerDeskPerHour", station.FilesPerDeskPerHour, 1, 120);
        e.Range("maxRideMinutes", station.MaxRideMinutes, 5, 240);
        e.Range("bookingSlotMinutes", station.BookingSlotMinutes, 10, 480);
        e.Range("maxTripsPerVan", station.MaxTripsPerVan, StationSettingsRules.MinTripsPerVan, StationSettingsRules.MaxTripsPerVan);
        e.Range("maxBookingsPerTrip", station.MaxBookingsPerTrip, StationSettingsRules.MinBookingsPerTrip, StationSettingsRules.MaxBookingsPerTrip);
        e.Range("maxReturnWaitMinutes", station.MaxReturnWaitMinutes, StationSettingsRules.MinReturnWaitMinutes, StationSettingsRules.MaxReturnWaitMinutes);
        e.Range("replanToleranceMinutes", station.ReplanToleranceMinutes, StationSettingsRules.MinReplanToleranceMinutes, StationSettingsRules.MaxReplanToleranceMinutes);
        e.OptionalPhone("phone", station.Phone);
        e.Optional("mapAreaKey", station.MapAreaKey, 100);
        if (station.MapAreaKey is { Length: > 0 } key && !key.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
        {
            e.Add("mapAreaKey", key,
                "Chỉ dùng chữ thường không dấu, chữ số và dấu gạch ngang (ví dụ song-cong).",
                "Use lower-case ASCII letters, digits and hyphens only (e.g. song-cong).");
        }

        for (var i = 0; i < station.OpeningHours.Count; i++)
        {
            var h = station.OpeningHours[i];
            if (!Enum.IsDefined(h.Day))
            {
                e.Add($"openingHours[{i}].day", (int)h.Day, "Ngày trong tuần không hợp lệ.", "Invalid day of the week.");
            }
            else if (h.Closes <= h.Opens)
            {
                e.Add($"openingHours[{i}].closes", h.Closes,
                    "Giờ đóng cửa phải sau giờ mở cửa.",
                    "Closing time must be after opening time.");
            }
            else if (station.OpeningHours.Take(i).Count(o => o.Day == h.Day) >= StationSettingsRules.MaxIntervalsPerDay)
            {
                // The settings page edits this many intervals a day; a station with more could not be saved there whole.
                e.Add($"openingHours[{i}].day", h.Day,
                    $"Mỗi ngày có tối đa {StationSettingsRules.MaxIntervalsPerDay} khoảng giờ mở cửa (sáng, chiều và tối).",
                    $"A day has at most {StationSettingsRules.MaxIntervalsPerDay} opening intervals (morning, afternoon and evening).");
            }
        }

        return e.Errors;
    }

    /// <summary>
    /// The settings a chief edits (see <see cref="StationSettingsRules"/> for the ranges and why); opening intervals are
    /// named by their index in <see cref="StationSettings.OpeningHours"/>.
    /// </summary>
    public static IReadOnlyList<ValidationError> Validate(StationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var e = new ValidationErrors();
        e.Range("deskCount", settings.DeskCount, StationSettingsRules.MinDesks, StationSettingsRules.MaxDesks);
        e.Range("filesPerDeskPerHour", settings.FilesPerDeskPerHour, StationSettingsRules.MinFilesPerDeskPerHour, StationSettingsRules.MaxFilesPerDeskPerHour);
        e.Range("maxRideMinutes", settings.MaxRideMinutes, StationSettingsRules.MinRideMinutes, StationSettingsRules.MaxRideMinutes);
        if (!StationSettingsRules.SlotMinutes.Contains(settings.BookingSlotMinutes))
        {
            var allowed = string.Join(", ", StationSettingsRules.SlotMinutes);
            e.Add("bookingSlotMinutes", settings.BookingSlotMinutes,
                $"Độ dài khung giờ phải là một trong các giá trị {allowed} phút.",
                $"The slot length must be one of {allowed} minutes.");
        }

        e.Range("maxTripsPerVan", settings.MaxTripsPerVan, StationSettingsRules.MinTripsPerVan, StationSettingsRules.MaxTripsPerVan);
        e.Range("maxBookingsPerTrip", settings.MaxBookingsPerTrip, StationSettingsRules.MinBookingsPerTrip, StationSettingsRules.MaxBookingsPerTrip);
        e.Range("maxReturnWaitMinutes", settings.MaxReturnWaitMinutes, StationSettingsRules.MinReturnWaitMinutes, StationSettingsRules.MaxReturnWaitMinutes);
        e.Range("replanToleranceMinutes", settings.ReplanToleranceMinutes, StationSettingsRules.MinReplanToleranceMinutes, StationSettingsRules.MaxReplanToleranceMinutes);
        e.OptionalPhone("phone", settings.Phone);
        var hours = settings.OpeningHours;
        for (var i = 0; i < hours.Count; i++)
        {
            var h = hours[i];
            var field = $"openingHours[{i}]";
            if (!Enum.IsDefined(h.Day))
            {
                e.Add($"{field}.day", (int)h.Day, "Ngày trong tuần không hợp lệ.", "Invalid day of the week.");
                continue;
            }

            var earliest = Clock(StationSettingsRules.EarliestOpening);
            var latest = Clock(StationSettingsRules.LatestClosing);
            if (h.Opens < StationSettingsRules.EarliestOpening)
            {
                e.Add($"{field}.opens", h.Opens,
                    $"Điểm thu nhận mở cửa sớm nhất lúc {earliest}.",
                    $"The collection point opens at {earliest} at the earliest.");
            }

            if (h.Closes > StationSettingsRules.LatestClosing)
            {
                e.Add($"{field}.closes", h.Closes,
                    $"Điểm thu nhận đóng cửa muộn nhất lúc {latest}.",
                    $"The collection point closes at {latest} at the latest.");
            }

            if (h.Closes <= h.Opens)
            {
                e.Add($"{field}.closes", h.Closes,
                    "Giờ đóng cửa phải sau giờ mở cửa.",
                    "Closing time must be after opening time.");
                continue;
            }

            var sameDay = hours.Take(i).Where(o => o.Day == h.Day).ToList();
            if (sameDay.Count >= StationSettingsRules.MaxIntervalsPerDay)
            {
                e.Add($"{field}.day", h.Day,
                    $"Mỗi ngày có tối đa {StationSettingsRules.MaxIntervalsPerDay} khoảng giờ mở cửa (sáng, chiều và tối).",
                    $"A day has at most {StationSettingsRules.MaxIntervalsPerDay} opening intervals (morning, afternoon and evening).");
            }
            else if (sameDay.FirstOrDefault(o => o.Opens < h.Closes && h.Opens < o.Closes) is { } other)
            {
                var text = $"{Clock(other.Opens)}-{Clock(other.Closes)}";
                e.Add($"{field}.opens", h.Opens,
                    $"Khoảng giờ này trùng với khoảng {text} cùng ngày.",
                    $"This interval overlaps {text} on the same day.");
            }
        }

        return e.Errors;
    }

    private static string Clock(TimeOnly time) => time.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    public static IReadOnlyList<ValidationError> Validate(VisitRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var e = new ValidationErrors();
        if (request.StationId <= 0)
        {
            e.Add("stationId", request.StationId, "Chưa chọn đơn vị.", "No unit chosen.");
        }

        if (request.SiteId <= 0)
        {
            e.Add("siteId", request.SiteId, "Chưa chọn địa điểm.", "No site chosen.");
        }

        if (request.Applicants.Sum(a => a.Count) < 1)
        {
            e.Add("applicants", request.Applicants.Sum(a => a.Count),
                "Cần ít nhất một người cần thu nhận.", "At least one applicant is needed.");
        }

        for (var i = 0; i < request.Applicants.Count; i++)
        {
            var a = request.Applicants[i];
            e.Range($"applicants[{i}].count", a.Count, 0, 10_000);
            if (a.CaptureMinutesOverride is { } minutes)
            {
                e.Range($"applicants[{i}].captureMinutesOverride", minutes, 1, 240);
            }

            if (request.Applicants.Take(i).Any(b => b.Category == a.Category))
            {
                e.Add($"applicants[{i}].category", a.Category,
                    "Mỗi nhóm người chỉ được nhập một lần.", "Each category may appear only once.");
            }
        }

        e.Range("setupMinutes", request.SetupMinutes, 0, 240);
        e.Range("priority", request.Priority, 0, 100);
        if (!(request.ExpectedFailureShare is >= 0 and <= 1))
        {
            e.Add("expectedFailureShare", request.ExpectedFailureShare,
                "Tỷ lệ thất bại phải từ 0 đến 1.", "The failure share must be between 0 and 1.");
        }

        for (var i = 0; i < request.Windows.Count; i++)
        {
            var w = request.Windows[i];
            if (w.End <= w.Start)
            {
                e.Add($"windows[{i}].end", w.End,
                    "Giờ kết thúc phải sau giờ bắt đầu.", "The end must be after the start.");
            }
        }

        e.Optional("note", request.Note, 1000, multiline: true);
        e.Optional("contactName", request.ContactName, 100);
        if (request.ContactPhone is { Length: > 0 } phone && !VietnamPhone.IsValid(phone))
        {
            e.Add("contactPhone", phone,
                "Số điện thoại phải gồm số 0 và 9 chữ số, hoặc +84 và 9 chữ số.",
                "The phone number must be 0 followed by 9 digits, or +84 followed by 9 digits.");
        }

        return e.Errors;
    }

    public static IReadOnlyList<ValidationError> Validate(Vehicle vehicle)
    {
        ArgumentNullException.ThrowIfNull(vehicle);
        var e = new ValidationErrors();
        if (vehicle.HomeStationId <= 0)
        {
            e.Add("homeStationId", vehicle.HomeStationId, "Chưa chọn đơn vị.", "No unit chosen.");
        }

        e.Required("name", vehicle.Name, 100);
        e.Optional("plate", vehicle.Plate, 20);
        e.Range("seatCount", vehicle.SeatCount, 1, 60);
        e.Range("wheelchairPlaces", vehicle.WheelchairPlaces, 0, Math.Max(0, vehicle.SeatCount));
        e.Range("childSeatCount", vehicle.ChildSeatCount, 0, Math.Max(0, vehicle.SeatCount));
        return e.Errors;
    }

    public static IReadOnlyList<ValidationError> Validate(Team team)
    {
        ArgumentNullException.ThrowIfNull(team);
        var e = new ValidationErrors();
        if (team.HomeStationId <= 0)
        {
            e.Add("homeStationId", team.HomeStationId, "Chưa chọn đơn vị.", "No unit chosen.");
        }

        e.Required("name", team.Name, 100);
        for (var i = 0; i < team.MemberOfficerIds.Count; i++)
        {
            if (team.MemberOfficerIds.Take(i).Contains(team.MemberOfficerIds[i]))
            {
                e.Add($"memberOfficerIds[{i}]", team.MemberOfficerIds[i],
                    "Cán bộ này đã có trong tổ.", "This officer is already in the team.");
            }
        }

        e.Range("kitCount", team.KitCount, 0, 20);
        if (team.WorkEnd <= team.WorkStart)
        {
            e.Add("workEnd", team.WorkEnd, "Giờ kết thúc phải sau giờ bắt đầu.", "The end must be after the start.");
        }

        e.Range("maxEveningHoursPerWeek", team.MaxEveningHoursPerWeek, 0, 60);
        e.Range("maxHolidayHoursPerWeek", team.MaxHolidayHoursPerWeek, 0, 60);
        return e.Errors;
    }

    public static IReadOnlyList<ValidationError> Validate(Officer officer)
    {
        ArgumentNullException.ThrowIfNull(officer);
        var e = new ValidationErrors();
        if (officer.StationId <= 0)
        {
            e.Add("stationId", officer.StationId, "Chưa chọn đơn vị.", "No unit chosen.");
        }

        e.Required("name", officer.Name, 200);
        e.Range("contractHoursPerWeek", officer.ContractHoursPerWeek, 0, 80);
        if (officer.Phone is { Length: > 0 } phone && !VietnamPhone.IsValid(phone))
        {
            e.Add("phone", phone,
                "Số điện thoại phải gồm số 0 và 9 chữ số, hoặc +84 và 9 chữ số.",
                "The phone number must be 0 followed by 9 digits, or +84 followed by 9 digits.");
        }

        for (var i = 0; i < officer.Leave.Count; i++)
        {
            var leave = officer.Leave[i];
            if (leave.LastDay < leave.FirstDay)
            {
                e.Add($"leave[{i}].lastDay", leave.LastDay,
                    "Ngày cuối phải từ ngày đầu trở đi.", "The last day must not be before the first day.");
            }
        }

        return e.Errors;
    }

    public static IReadOnlyList<ValidationError> Validate(ShiftDemand demand)
    {
        ArgumentNullException.ThrowIfNull(demand);
        var e = new ValidationErrors();
        if (demand.StationId <= 0)
        {
            e.Add("stationId", demand.StationId, "Chưa chọn đơn vị.", "No unit chosen.");
        }

        e.Range("durationMinutes", demand.DurationMinutes, 1, 24 * 60);
        e.Range("officerCount", demand.OfficerCount, 1, 100);
        e.Optional("note", demand.Note, 1000, multiline: true);
        return e.Errors;
    }
}
