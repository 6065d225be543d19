using Outreach.Data.Tests.Infrastructure;
using Outreach.Domain;
using Outreach.Domain.Validation;

namespace Outreach.Data.Tests.Domain;

public class DomainValidatorsTests
{
    private static Booking ValidBooking => TestData.Booking(stationId: 1, siteId: 2);

    [Fact]
    public void ValidateBooking_Valid_NoErrors() =>
        Assert.Empty(DomainValidators.Validate(ValidBooking));

    [Fact]
    public void ValidateBooking_NoChildren_NamesChildCountWithValue()
    {
        var error = Assert.Single(DomainValidators.Validate(ValidBooking with { ChildCount = 0 }));

        Assert.Equal(("childCount", "0"), (error.Field, error.Value));
        Assert.Contains("6", error.MessageVi, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateBooking_ElevenChildren_IsOverTheLimitOfTen()
    {
        var error = Assert.Single(DomainValidators.Validate(ValidBooking with { ChildCount = 11 }));

        Assert.Equal(("childCount", "11"), (error.Field, error.Value));
    }

    [Fact]
    public void ValidateBooking_SeveralProblems_ReportsEachField()
    {
        var bad = ValidBooking with
        {
            GuardianCount = 0,
            Phone = "12345",
            PickupSiteId = null,
            PickupLocation = null,
            PreferredLanguage = "fr",
            ContactFirstName = " ",
        };

        var fields = DomainValidators.Validate(bad).Select(e => (e.Field, e.Value)).ToList();

        Assert.Equal(
            [("guardianCount", "0"), ("pickupSiteId", null), ("contactFirstName", " "), ("phone", "12345"), ("preferredLanguage", "fr")],
            fields);
    }

    [Fact]
    public void ValidateBooking_HomePinOutOfRange_NamesPickupLocation()
    {
        var atHome = ValidBooking with { PickupSiteId = null, PickupLocation = new GeoPoint(185.0, 21.4), AddressNote = "cạnh cây đa" };

        var error = Assert.Single(DomainValidators.Validate(atHome));

        Assert.Equal(("pickupLocation", "185,21.4"), (error.Field, error.Value));
    }

    [Fact]
    public void ValidateSite_BlankNameAndNaNLatitude_ReportsBoth()
    {
        var site = TestData.Site(1) with { Name = "", Location = new GeoPoint(105.8, double.NaN) };

        var fields = DomainValidators.Validate(site).Select(e => e.Field);

        Assert.Equal(["name", "location"], fields);
    }

    [Fact]
    public void ValidateStation_ZeroDesksAndBadMapKey_ReportsBoth()
    {
        var station = TestData.Station() with { DeskCount = 0, MapAreaKey = "Sông Công" };

        var errors = DomainValidators.Validate(station);

        Assert.Equal([("deskCount", "0"), ("mapAreaKey", "Sông Công")], errors.Select(e => (e.Field, e.Value)));
    }

    [Fact]
    public void ValidateVisitRequest_FailureShareAboveOneAndNoApplicants_ReportsBoth()
    {
        var request = new VisitRequest(0, 1, 2, [new ApplicantGroup(ApplicantCategory.Elderly, 0, null)], 15, [],
            RequiredPresence.None, 50, null, 1.5, VisitRequestStatus.Open, null);

        var fields = DomainValidators.Validate(request).Select(e => e.Field);

        Assert.Equal(["applicants", "expectedFailureShare"], fields);
    }

    [Fact]
    public void DomainValidationException_Message_LeavesValuesOut()
    {
        var errors = DomainValidators.Validate(ValidBooking with { Phone = "0912 999" });

        var exception = new DomainValidationException(errors);

        Assert.Contains("phone", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("0912 999", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BookingCode_New_IsWellFormedAndNormalizesFromLowerCase()
    {
        var code = BookingCode.New();

        Assert.True(BookingCode.IsWellFormed(code));
        Assert.True(BookingCode.IsWellFormed(BookingCode.Normalize(" " + code.ToLowerInvariant() + " ")));
        Assert.False(BookingCode.IsWellFormed("ABC10O"));
    }

    [Fact]
    public void ValidateTeam_EndBeforeStartAndMemberTwice_ReportsBoth()
    {
        var team = new Team(0, 1, "Tổ lưu động 1", [5, 6, 5], null, VehicleProfile.Motorbike, 1,
            new TimeOnly(17, 30), new TimeOnly(7, 0), 10, 10);

        var errors = DomainValidators.Validate(team);

        Assert.Equal([("memberOfficerIds[2]", "5"), ("workEnd", "07:00")], errors.Select(e => (e.Field, e.Value)));
    }

    [Fact]
    public void ValidateVehicle_MoreWheelchairPlacesThanSeats_NamesWheelchairPlaces()
    {
        var van = new Vehicle(0, 1, "Xe 7 chỗ", null, 6, 7, 0, VehicleProfile.Van);

        var error = Assert.Single(DomainValidators.Validate(van));

        Assert.Equal(("wheelchairPlaces", "7"), (error.Field, error.Value));
    }

    [Fact]
    public void ValidateOfficer_LeaveEndingBeforeItStarts_NamesLeaveIndex()
    {
        var officer = new Officer(0, 1, "Ngô Hà", OfficerSkills.Driver, 40, null,
            [new LeavePeriod(new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 2), null), new LeavePeriod(new DateOnly(2026, 3, 9), new DateOnly(2026, 3, 8), null)]);

        var error = Assert.Single(DomainValidators.Validate(officer));

        Assert.Equal(("leave[1].lastDay", "2026-03-08"), (error.Field, error.Value));
    }

    private static StationSettings ValidSettings => StationSettings.From(TestData.Station());

    [Fact]
    public void ValidateSettings_TestStation_NoErrors() =>
        Assert.Empty(DomainValidators.Validate(ValidSettings));

    [Theory]
    [InlineData(1, 1, 10, 30, 1, 1)] // every lower edge
    [InlineData(20, 12, 120, 120, 8, 16)] // every upper edge
    public void ValidateSettings_AtTheEdges_NoErrors(int desks, int files, int ride, int slot, int trips, int families)
    {
        var settings = ValidSettings with
        {
            DeskCount = desks, FilesPerDeskPerHour = files, MaxRideMinutes = ride, BookingSlotMinutes = slot,
            MaxTripsPerVan = trips, MaxBookingsPerTrip = families,
        };

        Assert.Empty(DomainValidators.Validate(settings));
    }

    [Fact]
    public void ValidateSettings_EachValueOneOutsideItsRange_NamesEveryFieldWithItsValue()
    {
        var settings = ValidSettings with
        {
            DeskCount = 21, FilesPerDeskPerHour = 0, MaxRideMinutes = 9, BookingSlotMinutes = 45,
            MaxTripsPerVan = 9, MaxBookingsPerTrip = 17,
        };

        var errors = DomainValidators.Validate(settings);

        Assert.Equal(
            [("deskCount", "21"), ("filesPerDeskPerHour", "0"), ("maxRideMinutes", "9"), ("bookingSlotMinutes", "45"),
                ("maxTripsPerVan", "9"), ("maxBookingsPerTrip", "17")],
            errors.Select(e => (e.Field, e.Value)));
        Assert.Contains("30, 60, 90, 120", errors[3].MessageVi, StringComparison.Ordinal);
        Assert.Contains("1 đến 20", errors[0].MessageVi, StringComparison.Ordinal);
        Assert.Contains("between 1 and 20", errors[0].MessageEn, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(120)]
    public void ValidateSettings_WaitAtTheEdges_NoErrors(int minutes) =>
        Assert.Empty(DomainValidators.Validate(ValidSettings with { MaxReturnWaitMinutes = minutes }));

    [Theory]
    [InlineData(5)]
    [InlineData(9)]
    [InlineData(121)]
    [InlineData(500)]
    public void ValidateSettings_WaitOutOfRange_NamesTheWaitWithItsValue(int minutes)
    {
        var error = Assert.Single(DomainValidators.Validate(ValidSettings with { MaxReturnWaitMinutes = minutes }));

        Assert.Equal(("maxReturnWaitMinutes", minutes.ToString(System.Globalization.CultureInfo.InvariantCulture)), (error.Field, error.Value));
        Assert.Contains("10 đến 120", error.MessageVi, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("0912345678")]
    [InlineData("+84 912 345 678")]
    [InlineData("0912.345.678")]
    [InlineData("0208 3856 123")] // a landline with its area code
    public void ValidateSettings_PhoneEmptyOrAMobileNumber_NoErrors(string? phone) =>
        Assert.Empty(DomainValidators.Validate(ValidSettings with { Phone = phone }));

    [Theory]
    [InlineData("abc")]
    [InlineData("091234567")] // 9 digits
    [InlineData("0012345678")]
    [InlineData("03083856123")] // 11 digits, not a landline
    public void ValidateSettings_PhoneNotAMobileNumber_NamesThePhoneInBothLanguages(string phone)
    {
        var error = Assert.Single(DomainValidators.Validate(ValidSettings with { Phone = phone }));

        Assert.Equal(("phone", phone), (error.Field, error.Value));
        Assert.Equal("Số điện thoại phải là số di động (số 0 và 9 chữ số) hoặc số cố định có mã vùng (02 và 9 chữ số).", error.MessageVi);
        Assert.Equal("The phone number must be a mobile number (0 and 9 digits) or a landline with its area code (02 and 9 digits).", error.MessageEn);
    }

    [Fact]
    public void ValidateSettings_PhoneWithAControlCharacter_ShowsItWithoutTheCharacter()
    {
        var error = Assert.Single(DomainValidators.Validate(ValidSettings with { Phone = "0912\u202E345678" }));

        Assert.Equal(("phone", "0912[U+202E]345678"), (error.Field, error.Value));
    }

    [Fact]
    public void ValidateSettings_IntervalsFrom0500To2200_NoErrors()
    {
        var settings = ValidSettings with
        {
            OpeningHours = [new OpeningHours(DayOfWeek.Monday, new TimeOnly(5, 0), new TimeOnly(11, 0)), new OpeningHours(DayOfWeek.Monday, new TimeOnly(11, 0), new TimeOnly(22, 0))],
        };

        Assert.Empty(DomainValidators.Validate(settings));
    }

    [Fact]
    public void ValidateSettings_OpensBefore0500OrClosesAfter2200_NamesTheTime()
    {
        var settings = ValidSettings with
        {
            OpeningHours =
            [
                new OpeningHours(DayOfWeek.Monday, new TimeOnly(4, 59), new TimeOnly(11, 0)),
                new OpeningHours(DayOfWeek.Tuesday, new TimeOnly(13, 0), new TimeOnly(22, 1)),
            ],
        };

        var errors = DomainValidators.Validate(settings);

        Assert.Equal([("openingHours[0].opens", "04:59"), ("openingHours[1].closes", "22:01")], errors.Select(e => (e.Field, e.Value)));
        Assert.Contains("05:00", errors[0].MessageVi, StringComparison.Ordinal);
        Assert.Contains("22:00", errors[1].MessageEn, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateSettings_ClosesAtOpening_NamesCloses()
    {
        var settings = ValidSettings with { OpeningHours = [new OpeningHours(DayOfWeek.Friday, new TimeOnly(8, 0), new TimeOnly(8, 0))] };

        var error = Assert.Single(DomainValidators.Validate(settings));

        Assert.Equal(("openingHours[0].closes", "08:00"), (error.Field, error.Value));
    }

    [Fact]
    public void ValidateSettings_OverlapOnADay_NamesTheLaterIntervalAndTheOneItOverlaps()
    {
        var settings = ValidSettings with
        {
            OpeningHours =
            [
                new OpeningHours(DayOfWeek.Monday, new TimeOnly(7, 30), new TimeOnly(11, 30)),
                new OpeningHours(DayOfWeek.Tuesday, new TimeOnly(11, 0), new TimeOnly(17, 0)), // another day: no overlap
                new OpeningHours(DayOfWeek.Monday, new TimeOnly(11, 0), new TimeOnly(17, 0)),
            ],
        };

        var error = Assert.Single(DomainValidators.Validate(settings));

        Assert.Equal(("openingHours[2].opens", "11:00"), (error.Field, error.Value));
        Assert.Contains("07:30-11:30", error.MessageVi, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateSettings_FourIntervalsOnADay_NamesTheFourth()
    {
        var settings = ValidSettings with
        {
            OpeningHours =
            [
                new OpeningHours(DayOfWeek.Sunday, new TimeOnly(7, 0), new TimeOnly(9, 0)),
                new OpeningHours(DayOfWeek.Sunday, new TimeOnly(10, 0), new TimeOnly(12, 0)),
                new OpeningHours(DayOfWeek.Sunday, new TimeOnly(14, 0), new TimeOnly(16, 0)),
                new OpeningHours(DayOfWeek.Sunday, new TimeOnly(18, 0), new TimeOnly(21, 0)),
            ],
        };

        var error = Assert.Single(DomainValidators.Validate(settings));

        Assert.Equal("openingHours[3].day", error.Field);
    }

    [Fact]
    public void ValidateSettings_MorningAfternoonAndEveningOnADay_Valid()
    {
        // Evening sessions for parents who come home from work late are part of the campaign.
        var settings = ValidSettings with
        {
            OpeningHours =
            [
                new OpeningHours(DayOfWeek.Tuesday, new TimeOnly(7, 30), new TimeOnly(11, 30)),
                new OpeningHours(DayOfWeek.Tuesday, new TimeOnly(13, 30), new TimeOnly(17, 0)),
                new OpeningHours(DayOfWeek.Tuesday, new TimeOnly(18, 30), new TimeOnly(21, 0)),
            ],
        };

        Assert.Empty(DomainValidators.Validate(settings));
    }

    [Fact]
    public void ValidateStation_FourIntervalsOnADay_NamesTheFourth()
    {
        var station = TestData.Station("Bốn ca") with
        {
            OpeningHours =
            [
                new OpeningHours(DayOfWeek.Monday, new TimeOnly(7, 0), new TimeOnly(9, 0)),
                new OpeningHours(DayOfWeek.Monday, new TimeOnly(10, 0), new TimeOnly(12, 0)),
                new OpeningHours(DayOfWeek.Monday, new TimeOnly(14, 0), new TimeOnly(16, 0)),
                new OpeningHours(DayOfWeek.Monday, new TimeOnly(18, 0), new TimeOnly(21, 0)),
            ],
        };

        var error = Assert.Single(DomainValidators.Validate(station));

        Assert.Equal(("openingHours[3].day", "Monday"), (error.Field, error.Value));
    }

    [Fact]
    public void ValidateStation_WaitAndPhoneWrong_ReportsBoth()
    {
        var station = TestData.Station() with { MaxReturnWaitMinutes = 500, Phone = "abc" };

        var errors = DomainValidators.Validate(station);

        Assert.Equal([("maxReturnWaitMinutes", "500"), ("phone", "abc")], errors.Select(e => (e.Field, e.Value)));
    }

    [Fact]
    public void ValidateStation_TripsAndFamiliesOutOfRange_ReportsBoth()
    {
        var station = TestData.Station() with { MaxTripsPerVan = 0, MaxBookingsPerTrip = 17 };

        var errors = DomainValidators.Validate(station);

        Assert.Equal([("maxTripsPerVan", "0"), ("maxBookingsPerTrip", "17")], errors.Select(e => (e.Field, e.Value)));
    }
}
