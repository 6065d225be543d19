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
}
