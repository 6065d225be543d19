using Hangfire.AspNetCore;
using Hangfire.Logging;
using Microsoft.Extensions.Logging;

namespace Outreach.Jobs.Hosting;

/// <summary>
/// Hangfire's log lines go to the host's loggers (as Hangfire's own provider does). Hangfire keeps its log provider in
/// a process-wide static, so where several hosts share a process (the tests: app instances started and stopped one
/// after another) a job server may ask the provider of a host that has already stopped: it then gets a logger that
/// drops the line, where Hangfire's own would throw on the disposed logger factory and fail the job.
/// </summary>
internal sealed class HostLogProvider(ILoggerFactory factory) : ILogProvider
{
    private readonly AspNetCoreLogProvider _inner = new(factory);

    public ILog GetLogger(string name)
    {
        try
        {
            return new Guarded(_inner.GetLogger(name));
        }
        catch (ObjectDisposedException)
        {
            return Dropped.Instance;
        }
    }

    private sealed class Guarded(ILog log) : ILog
    {
        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string> messageFunc, Exception? exception = null)
        {
            try
            {
                return log.Log(logLevel, messageFunc, exception);
            }
            catch (ObjectDisposedException)
            {
                return false;
            }
        }
    }

    private sealed class Dropped : ILog
    {
        public static readonly Dropped Instance = new();

        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string> messageFunc, Exception? exception = null) => false;
    }
}
