namespace Outreach.Solver.Routing;

/// <summary>
/// Roulette-wheel choice among operators with weights that adapt to how well each did (Ropke &amp; Pisinger 2006):
/// every <see cref="SegmentLength"/> iterations each used operator's weight moves by <see cref="Reaction"/> toward the
/// mean score it earned per use (33 for a new best, 9 for an improvement, 13 for an accepted worse solution), but never
/// below <see cref="FloorShare"/> of its initial share of the total, so no operator dies out. With adaptation off the initial
/// weights are fixed probabilities. Deterministic; not thread-safe.
/// </summary>
internal sealed class AdaptiveWeights
{
    public const double NewBestScore = 33;
    public const double ImprovedScore = 9;
    public const double AcceptedScore = 13;

    public const int SegmentLength = 100;
    public const double Reaction = 0.1;
    public const double FloorShare = 0.1;

    private readonly double[] initial;
    private readonly double[] weights;
    private readonly double[] scores;
    private readonly int[] uses;
    private readonly bool adaptive;
    private int iterations;

    public AdaptiveWeights(ReadOnlySpan<double> initialWeights, bool adaptive)
    {
        initial = initialWeights.ToArray();
        weights = initialWeights.ToArray();
        scores = new double[initial.Length];
        uses = new int[initial.Length];
        this.adaptive = adaptive;
    }

    /// <summary>Current weights, one per operator.</summary>
    public ReadOnlySpan<double> Weights => weights;

    /// <summary>Draws an operator with probability proportional to its weight (no draw when only one can win).</summary>
    public int Select(ref Rng rng)
    {
        double total = 0;
        int positive = 0;
        int only = 0;
        for (int i = 0; i < weights.Length; i++)
        {
            total += weights[i];
            if (weights[i] > 0)
            {
                positive++;
                only = i;
            }
        }

        if (positive <= 1)
        {
            return only;
        }

        double pick = rng.NextDouble() * total;
        for (int i = 0; i < weights.Length; i++)
        {
            pick -= weights[i];
            if (pick < 0 && weights[i] > 0)
            {
                return i;
            }
        }

        for (int i = weights.Length - 1; i >= 0; i--)
        {
            if (weights[i] > 0)
            {
                return i;
            }
        }

        return 0;
    }

    /// <summary>Records one use of <paramref name="op"/> with the score it earned (0 when rejected), and adapts at segment ends.</summary>
    public void Record(int op, double score)
    {
        uses[op]++;
        scores[op] += score;
        if (!adaptive || ++iterations < SegmentLength)
        {
            return;
        }

        iterations = 0;
        double total = 0;
        double initialTotal = 0;
        for (int i = 0; i < weights.Length; i++)
        {
            if (uses[i] > 0)
            {
                weights[i] = ((1 - Reaction) * weights[i]) + (Reaction * scores[i] / uses[i]);
            }

            total += weights[i];
            initialTotal += initial[i];
            scores[i] = 0;
            uses[i] = 0;
        }

        for (int i = 0; i < weights.Length; i++)
        {
            weights[i] = total > 1e-9 ? Math.Max(weights[i], FloorShare * total * initial[i] / initialTotal) : initial[i];
        }
    }
}
