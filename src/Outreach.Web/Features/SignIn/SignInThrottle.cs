using System.Collections.Concurrent;

namespace Outreach.Web.Features.SignIn;

/// <summary>
/// Slows password guessing without letting anyone lock the real person out. Failures are counted per (user name as
/// typed, client): after <see cref="FreeFailures"/> failures the next try from that client waits
/// <see cref="FirstDelay"/>, doubling with each further failure up to <see cref="MaxDelay"/>; a client elsewhere (another
/// address, or a browser where the account signed in before) is not affected. Failures from clients the account never
/// signed in from are also counted per user name: past <see cref="AccountFreeFailures"/> in the hour (guessing spread over
/// many addresses) such clients wait as well, while a browser that signed in to this account before goes on as usual.
/// Counts are kept by the name typed, whether an account has it or not, so the answer never tells which names exist; they
/// are forgotten after <see cref="ForgetAfter"/> without a failure, live in this app instance's memory (a restart
/// forgets them; several instances count apart) and hold no password. Thread-safe.
/// </summary>
public sealed class SignInThrottle(TimeProvider time)
{
    public const int FreeFailures = 5;
    public const int AccountFreeFailures = 50;
    public static readonly TimeSpan FirstDelay = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan MaxDelay = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan ForgetAfter = TimeSpan.FromHours(1);

    /// <summary>Entries kept before forgotten ones are swept out (a sweep runs at most once a minute).</summary>
    private const int SweepAbove = 10_000;

    private readonly ConcurrentDictionary<string, Counter> _counters = new(StringComparer.Ordinal);
    private long _lastSweepTicks;

    /// <summary>When this client may try this user name again, or null when it may now.</summary>
    public DateTimeOffset? RetryAt(string userName, SignInClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        var now = time.GetUtcNow();
        var pair = Until(PairKey(userName, client), FreeFailures, now);
        var account = client.KnownDevice ? null : Until(AccountKey(userName), AccountFreeFailures, now);
        return (pair, account) switch
        {
            (null, null) => null,
            ({ } p, null) => p,
            (null, { } a) => a,
            ({ } p, { } a) => p > a ? p : a,
        };
    }

    /// <summary>Counts a wrong password (or an unknown user name) from this client.</summary>
    public void Failed(string userName, SignInClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        var now = time.GetUtcNow();
        Count(PairKey(userName, client), now);
        if (!client.KnownDevice)
        {
            Count(AccountKey(userName), now);
        }

        Sweep(now);
    }

    /// <summary>The right password from this client: its own count starts again (the count per user name does not).</summary>
    public void Succeeded(string userName, SignInClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        _counters.TryRemove(PairKey(userName, client), out _);
    }

    /// <summary>The wait after <paramref name="failures"/> failures when <paramref name="free"/> are allowed without one.</summary>
    public static TimeSpan Delay(int failures, int free)
    {
        if (failures < free)
        {
            return TimeSpan.Zero;
        }

        var doublings = Math.Min(failures - free, 16);
        var delay = FirstDelay * Math.Pow(2, doublings);
        return delay < MaxDelay ? delay : MaxDelay;
    }

    private DateTimeOffset? Until(string key, int free, DateTimeOffset now)
    {
        if (!_counters.TryGetValue(key, out var counter))
        {
            return null;
        }

        lock (counter)
        {
            if (now - counter.LastFailure >= ForgetAfter)
            {
                return null;
            }

            var until = counter.LastFailure + Delay(counter.Failures, free);
            return until > now ? until : null;
        }
    }

    private void Count(string key, DateTimeOffset now)
    {
        var counter = _counters.GetOrAdd(key, _ => new Counter());
        lock (counter)
        {
            if (now - counter.LastFailure >= ForgetAfter)
            {
                counter.Failures = 0;
            }

            counter.Failures++;
            counter.LastFailure = now;
        }
    }

    private void Sweep(DateTimeOffset now)
    {
        var last = Interlocked.Read(ref _lastSweepTicks);
        if (_counters.Count <= SweepAbove || now.UtcTicks - last < TimeSpan.TicksPerMinute
            || Interlocked.CompareExchange(ref _lastSweepTicks, now.UtcTicks, last) != last)
        {
            return;
        }

        foreach (var (key, counter) in _counters)
        {
            bool forgotten;
            lock (counter)
            {
                forgotten = now - counter.LastFailure >= ForgetAfter;
            }

            if (forgotten)
            {
                _counters.TryRemove(key, out _);
            }
        }
    }

    /// <summary>The name as the store compares it; a very long one (no account has one) by its hash, so keys stay small.</summary>
    private static string Name(string userName)
    {
        var normalized = Data.Stores.StaffUserStore.Normalize(userName);
        return normalized.Length <= 128
            ? normalized
            : "#" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(normalized)));
    }

    private static string PairKey(string userName, SignInClient client) => $"pair\n{Name(userName)}\n{client.Key}";

    private static string AccountKey(string userName) => $"name\n{Name(userName)}";

    private sealed class Counter
    {
        public int Failures { get; set; }

        public DateTimeOffset LastFailure { get; set; } = DateTimeOffset.MinValue;
    }
}

/// <summary>
/// Who is trying to sign in: <see cref="Key"/> is the client's address (<see cref="Infrastructure.Http.ClientAddress"/>),
/// or the browser's own id when it carries a known-device cookie of the account (<see cref="KnownDevice"/>).
/// </summary>
public sealed record SignInClient(string Key, bool KnownDevice);
