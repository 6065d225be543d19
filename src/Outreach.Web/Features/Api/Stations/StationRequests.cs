using Outreach.Domain;
using Outreach.Domain.Validation;

namespace Outreach.Web.Features.Api.Stations;

/// <summary>A WGS84 position as sent: {"longitude": 105.85, "latitude": 21.48}.</summary>
public sealed record LocationDto(double? Longitude, double? Latitude)
{
    public static LocationDto From(GeoPoint point) => new(point.Longitude, point.Latitude);

    /// <summary>The point, or the fields that are missing (named under <paramref name="field"/>).</summary>
    public GeoPoint? ToPoint(string field, List<ValidationError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (Longitude is null)
        {
            errors.Add(ApiProblems.Missing($"{field}.longitude"));
        }

        if (Latitude is null)
        {
            errors.Add(ApiProblems.Missing($"{field}.latitude"));
        }

        return Longitude is { } lon && Latitude is { } lat ? new GeoPoint(lon, lat) : null;
    }
}

/// <summary>One opening interval: {"day": "monday", "opens": "07:30", "closes": "11:30"}.</summary>
public sealed record OpeningHoursDto(DayOfWeek? Day, TimeOnly? Opens, TimeOnly? Closes)
{
    /// <summary>The intervals sent, each missing part named ("openingHours[2].closes") in <paramref name="errors"/>.</summary>
    public static List<OpeningHours> ToDomain(IReadOnlyList<OpeningHoursDto?>? sent, List<ValidationError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var hours = new List<OpeningHours>();
        for (var i = 0; i < (sent?.Count ?? 0); i++)
        {
            var h = sent![i];
            if (h is null || h.Day is null || h.Opens is null || h.Closes is null)
            {
                foreach (var (name, missing) in new[] { ("day", h?.Day is null), ("opens", h?.Opens is null), ("closes", h?.Closes is null) })
                {
                    if (missing)
                    {
                        errors.Add(ApiProblems.Missing($"openingHours[{i}].{name}"));
                    }
                }

                continue;
            }

            hours.Add(new OpeningHours(h.Day.Value, h.Opens.Value, h.Closes.Value));
        }

        return hours;
    }
}

/// <summary>
/// PUT /api/stations/{id}/settings: what a chief edits (the page /staff/station), every field required but the phone,
/// the opening hours replacing the station's (an empty list closes every day). Minutes for the ride limit, the slot
/// length and the wait for the van home. The phone replaces the station's too: null or left out removes it.
/// </summary>
public sealed record StationSettingsRequest(
    int? DeskCount,
    int? FilesPerDeskPerHour,
    int? MaxRideMinutes,
    int? BookingSlotMinutes,
    int? MaxTripsPerVan,
    int? MaxBookingsPerTrip,
    IReadOnlyList<OpeningHoursDto?>? OpeningHours,
    int? MaxReturnWaitMinutes = null,
    string? Phone = null,
    int? ReplanToleranceMinutes = null)
{
    /// <summary>The settings to store, or every problem found (missing fields, then the domain's rules). A left-out
    /// <see cref="ReplanToleranceMinutes"/> is the default here; the endpoint keeps the station's own instead.</summary>
    public (Domain.StationSettings? Settings, IReadOnlyList<ValidationError> Errors) ToSettings()
    {
        var errors = new List<ValidationError>();
        foreach (var (field, value) in new[]
        {
            ("deskCount", DeskCount), ("filesPerDeskPerHour", FilesPerDeskPerHour), ("maxRideMinutes", MaxRideMinutes),
            ("bookingSlotMinutes", BookingSlotMinutes), ("maxTripsPerVan", MaxTripsPerVan), ("maxBookingsPerTrip", MaxBookingsPerTrip),
            ("maxReturnWaitMinutes", MaxReturnWaitMinutes),
        })
        {
            if (value is null)
            {
                errors.Add(ApiProblems.Missing(field));
            }
        }

        if (OpeningHours is null)
        {
            errors.Add(ApiProblems.Missing("openingHours"));
        }

        var incomplete = errors.Count;
        var hours = OpeningHoursDto.ToDomain(OpeningHours, errors);
        // With an interval left incomplete the indexes of the rest no longer match what was sent: their checks wait.
        var checkedHours = errors.Count == incomplete ? hours : [];
        var settings = new Domain.StationSettings(DeskCount ?? 0, FilesPerDeskPerHour ?? 0, MaxRideMinutes ?? 0, BookingSlotMinutes ?? 0,
            MaxTripsPerVan ?? 0, MaxBookingsPerTrip ?? 0, MaxReturnWaitMinutes ?? 0, Phone, checkedHours)
        {
            ReplanToleranceMinutes = ReplanToleranceMinutes ?? Station.DefaultReplanToleranceMinutes,
        };
        var reported = errors.Select(e => e.Field).ToHashSet(StringComparer.Ordinal);
        errors.AddRange(DomainValidators.Validate(settings).Where(e => !reported.Contains(e.Field)));
        return errors.Count == 0 ? (settings, errors) : (null, errors);
    }
}

/// <summary>POST /api/stations. Field names are those of the errors a bad request gets back.</summary>
public sealed record StationRequest(
    string? Name,
    string? OldUnitCode,
    string? OldUnitName,
    string? NewUnitCode,
    string? NewUnitName,
    string? CollectionPointName,
    LocationDto? CollectionPointLocation,
    string? CollectionPointAddress,
    int? DeskCount,
    int? FilesPerDeskPerHour,
    int? MaxRideMinutes,
    int? BookingSlotMinutes,
    string? MapAreaKey,
    IReadOnlyList<OpeningHoursDto>? OpeningHours,
    int? MaxTripsPerVan = null,
    int? MaxBookingsPerTrip = null,
    int? MaxReturnWaitMinutes = null,
    string? Phone = null)
{
    /// <summary>The station to store, or every problem found (missing fields, then the domain's rules).</summary>
    public (Station? Station, IReadOnlyList<ValidationError> Errors) ToStation()
    {
        var errors = new List<ValidationError>();
        GeoPoint? location = null;
        if (CollectionPointLocation is null)
        {
            errors.Add(ApiProblems.Missing("collectionPointLocation"));
        }
        else
        {
            location = CollectionPointLocation.ToPoint("collectionPointLocation", errors);
        }

        if (DeskCount is null)
        {
            errors.Add(ApiProblems.Missing("deskCount"));
        }

        if (FilesPerDeskPerHour is null)
        {
            errors.Add(ApiProblems.Missing("filesPerDeskPerHour"));
        }

        var hours = OpeningHoursDto.ToDomain(OpeningHours, errors);
        var station = new Station(
            0,
            Name ?? "",
            OldUnitCode,
            OldUnitName,
            NewUnitCode,
            NewUnitName,
            CollectionPointName ?? "",
            location ?? default,
            CollectionPointAddress,
            DeskCount ?? 0,
            FilesPerDeskPerHour ?? 0,
            MaxRideMinutes ?? Station.DefaultMaxRideMinutes,
            BookingSlotMinutes ?? Station.DefaultBookingSlotMinutes,
            MapAreaKey,
            hours)
        {
            MaxTripsPerVan = MaxTripsPerVan ?? Station.DefaultMaxTripsPerVan,
            MaxBookingsPerTrip = MaxBookingsPerTrip ?? Station.DefaultMaxBookingsPerTrip,
            MaxReturnWaitMinutes = MaxReturnWaitMinutes ?? Station.DefaultMaxReturnWaitMinutes,
            Phone = Phone,
        };
        // The domain's own rules, except for what is already reported as missing above.
        var reported = errors.Select(e => e.Field).ToHashSet(StringComparer.Ordinal);
        errors.AddRange(DomainValidators.Validate(station).Where(e => !reported.Contains(e.Field) && !reported.Any(r => r.StartsWith(e.Field + ".", StringComparison.Ordinal))));
        return errors.Count == 0 ? (station, errors) : (null, errors);
    }
}

/// <summary>A station as the API returns it.</summary>
public sealed record StationResponse(
    long Id,
    string Name,
    string? OldUnitCode,
    string? OldUnitName,
    string? NewUnitCode,
    string? NewUnitName,
    string CollectionPointName,
    LocationDto CollectionPointLocation,
    string? CollectionPointAddress,
    int DeskCount,
    int FilesPerDeskPerHour,
    int MaxRideMinutes,
    int BookingSlotMinutes,
    string? MapAreaKey,
    IReadOnlyList<OpeningHoursDto> OpeningHours,
    int MaxTripsPerVan,
    int MaxBookingsPerTrip,
    int MaxReturnWaitMinutes,
    string? Phone)
{
    public static StationResponse From(Station s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new(s.Id, s.Name, s.OldUnitCode, s.OldUnitName, s.NewUnitCode, s.NewUnitName, s.CollectionPointName,
            LocationDto.From(s.CollectionPointLocation), s.CollectionPointAddress, s.DeskCount, s.FilesPerDeskPerHour,
            s.MaxRideMinutes, s.BookingSlotMinutes, s.MapAreaKey,
            [.. s.OpeningHours.Select(h => new OpeningHoursDto(h.Day, h.Opens, h.Closes))], s.MaxTripsPerVan, s.MaxBookingsPerTrip,
            s.MaxReturnWaitMinutes, s.Phone)
        {
            ReplanToleranceMinutes = s.ReplanToleranceMinutes,
        };
    }

    /// <summary>How far a background re-plan may move a told pickup time and still publish by itself (minutes; 0: never).</summary>
    public int ReplanToleranceMinutes { get; init; }
}

/// <summary>POST /api/stations/{stationId}/sites.</summary>
public sealed record SiteRequest(
    string? Name,
    SiteKind? Kind,
    LocationDto? Location,
    string? UnitCode,
    bool? IsIllustrativePosition,
    string? Note)
{
    public (Site? Site, IReadOnlyList<ValidationError> Errors) ToSite(long stationId)
    {
        var errors = new List<ValidationError>();
        if (Kind is null)
        {
            errors.Add(ApiProblems.Missing("kind"));
        }

        GeoPoint? location = null;
        if (Location is null)
        {
            errors.Add(ApiProblems.Missing("location"));
        }
        else
        {
            location = Location.ToPoint("location", errors);
        }

        var site = new Site(0, stationId, Name ?? "", Kind ?? SiteKind.PickupPoint, location ?? default, UnitCode,
            IsIllustrativePosition ?? false, Note);
        var reported = errors.Select(e => e.Field).ToHashSet(StringComparer.Ordinal);
        errors.AddRange(DomainValidators.Validate(site).Where(e => !reported.Contains(e.Field) && !reported.Any(r => r.StartsWith(e.Field + ".", StringComparison.Ordinal))));
        return errors.Count == 0 ? (site, errors) : (null, errors);
    }
}

/// <summary>A site as the API returns it.</summary>
public sealed record SiteResponse(long Id, long StationId, string Name, SiteKind Kind, LocationDto Location, string? UnitCode,
    bool IsIllustrativePosition, string? Note)
{
    public static SiteResponse From(Site s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new(s.Id, s.StationId, s.Name, s.Kind, LocationDto.From(s.Location), s.UnitCode, s.IsIllustrativePosition, s.Note);
    }
}
