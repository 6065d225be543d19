namespace Outreach.Domain;

/// <summary>A WGS84 position in decimal degrees (GeoJSON order: longitude first).</summary>
public readonly record struct GeoPoint(double Longitude, double Latitude)
{
    public bool IsInRange =>
        double.IsFinite(Longitude) && double.IsFinite(Latitude)
        && Longitude is >= -180 and <= 180
        && Latitude is >= -90 and <= 90;
}
