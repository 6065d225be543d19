namespace Outreach.Geo.Roads;

/// <summary>How a team travels; each profile has its own road graph, speeds and one-way rules.</summary>
public enum TravelProfile
{
    /// <summary>A pickup van or minibus: public roads and good tracks, obeys one-way streets.</summary>
    Van,

    /// <summary>A motorbike: everything a van uses plus rough tracks and paths, obeys one-way streets.</summary>
    Motorbike,

    /// <summary>On foot: paths, steps and footways too, ignores one-way streets, no motorways.</summary>
    Walking,
}
