using Outreach.Geo.Matrices;
using Outreach.Solver.Model;

namespace Outreach.Planning.Pickups;

/// <summary>
/// The solver's places for a pickup day. The collection point appears three times, all at the same spot: as the
/// vans' depot (index 0), as the place families get off (1) and as the place families board for home (2); pickup
/// points follow (pickup point p at p + 2; a booking at the collection point's own spot gets the last index).
/// <para>
/// Why three: a trip should run depot → boardings for home → pickup points and homes → drop-offs → depot, and start
/// again after the reload time. Nothing in the routing model stops a trip from passing through the collection point
/// half-way (drop families, drive out again without the reload), which would make "trips per van" meaningless. So
/// leaving the drop-off place for anything but more drop-offs or the depot, and reaching the boarding place from a
/// pickup point, cost <see cref="PassThroughCost"/> on top of the metres: as much as 30 km more driving, far below
/// any booking's drop penalty. The vans then use proper trips, and pass through only when that saves a lot or their
/// trips run out, rather than leave a family behind. (A prohibitive cost was tried first: the search then keeps a
/// pass-through it has once made, since moving any one family out of such a trip saves nothing.) Real metres are
/// kept apart for reporting (<see cref="RealMetres"/>).
/// </para>
/// Immutable; thread-safe to read.
/// </summary>
internal sealed class ModelPlaces
{
    public const int Depot = 0;
    public const int DropOff = 1;
    public const int Boarding = 2;

    /// <summary>Cost of passing through the collection point within a trip, in metre units (30 km).</summary>
    public const int PassThroughCost = 30_000;

    private readonly TravelMatrix _travel;
    private readonly int _points;

    /// <summary>The places of each travel matrix already made (matrices are shared by the matrix cache and never change).</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<TravelMatrix, ModelPlaces> Known = [];

    /// <summary>
    /// The places for <paramref name="travel"/>, made once per matrix: the requests of a station's day plan it again and
    /// again on the same matrix, and the solver keeps what it works out from a matrix (shortest drives) with it.
    /// </summary>
    public static ModelPlaces For(TravelMatrix travel) => Known.GetValue(travel, t => new ModelPlaces(t));

    private ModelPlaces(TravelMatrix travel)
    {
        _travel = travel;
        _points = travel.Size;
        Count = _points + 3;
        var seconds = new int[Count * Count];
        var metres = new int[Count * Count];
        for (int a = 0; a < Count; a++)
        {
            for (int b = 0; b < Count; b++)
            {
                int pa = PointOf(a), pb = PointOf(b);
                int s = pa == pb ? 0 : travel.Duration(pa, pb);
                int m = pa == pb ? 0 : travel.Distance(pa, pb);
                bool passThrough = (a == DropOff && b != DropOff && b != Depot) || (IsField(a) && b == Boarding);
                seconds[(a * Count) + b] = s;
                metres[(a * Count) + b] = m < 0 || s < 0 ? Matrix.Unreachable : (passThrough ? m + PassThroughCost : m);
            }
        }

        Profile = new TravelProfile("van", new Matrix(Count, seconds), new Matrix(Count, metres));
    }

    /// <summary>Number of solver places.</summary>
    public int Count { get; }

    /// <summary>Travel seconds (real) and cost metres (with the pass-through cost).</summary>
    public TravelProfile Profile { get; }

    /// <summary>The solver place of pickup point <paramref name="point"/>.</summary>
    public int Field(int point) => point == 0 ? _points + 2 : point + 2;

    /// <summary>The pickup point (matrix index of <see cref="PickupPoints"/>) a solver place stands for.</summary>
    public int PointOf(int place) => place is Depot or DropOff or Boarding || place == _points + 2 ? 0 : place - 2;

    /// <summary>True for the collection point's three places.</summary>
    public static bool IsCollectionPoint(int place) => place is Depot or DropOff or Boarding;

    /// <summary>Metres actually driven along a trip's visits (without the pass-through cost).</summary>
    public long RealMetres(IReadOnlyList<Solver.Solutions.Visit> visits)
    {
        long metres = 0;
        for (int i = 1; i < visits.Count; i++)
        {
            if (visits[i].Location < 0 || visits[i - 1].Location < 0)
            {
                continue;
            }

            int a = PointOf(visits[i - 1].Location), b = PointOf(visits[i].Location);
            metres += a == b ? 0 : Math.Max(0, _travel.Distance(a, b));
        }

        return metres;
    }

    private static bool IsField(int place) => place >= 3;
}
