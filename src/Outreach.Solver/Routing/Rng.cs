namespace Outreach.Solver.Routing;

/// <summary>
/// Small deterministic generator (xoshiro128** seeded by splitmix64), so runs repeat exactly for a seed on every
/// platform and runtime version. A mutable struct: pass by ref.
/// </summary>
internal struct Rng
{
    private uint s0, s1, s2, s3;

    public Rng(long seed)
    {
        ulong x = (ulong)seed;
        s0 = (uint)SplitMix(ref x);
        s1 = (uint)SplitMix(ref x);
        s2 = (uint)SplitMix(ref x);
        s3 = (uint)SplitMix(ref x);
        if ((s0 | s1 | s2 | s3) == 0)
        {
            s0 = 1;
        }
    }

    public uint NextUInt()
    {
        uint result = RotateLeft(s1 * 5, 7) * 9;
        uint t = s1 << 9;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = RotateLeft(s3, 11);
        return result;
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt() >> 8) * (1.0 / (1 << 24));

    /// <summary>Uniform in [0, n).</summary>
    public int Next(int n) => (int)(((ulong)NextUInt() * (ulong)n) >> 32);

    /// <summary>Uniform in [lo, hi).</summary>
    public int Next(int lo, int hi) => lo + Next(hi - lo);

    private static uint RotateLeft(uint x, int k) => (x << k) | (x >> (32 - k));

    private static ulong SplitMix(ref ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        ulong z = x;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
