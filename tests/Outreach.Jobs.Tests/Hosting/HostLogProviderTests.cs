using Microsoft.Extensions.Logging;
using Outreach.Jobs.Hosting;

namespace Outreach.Jobs.Tests.Hosting;

public sealed class HostLogProviderTests
{
    [Fact]
    public void GetLogger_HostStopped_DropsTheLinesInsteadOfThrowing()
    {
        // Hangfire's log provider is process-wide: a job server of one host may ask the provider a stopped host set.
        var factory = new StoppingLoggerFactory();
        var provider = new HostLogProvider(factory);
        var before = provider.GetLogger("Hangfire.Server.Worker");
        Assert.True(before.Log(Hangfire.Logging.LogLevel.Error, () => "kept", null));
        factory.Dispose();

        var after = provider.GetLogger("Hangfire.Client.BackgroundJobFactory");

        Assert.False(after.Log(Hangfire.Logging.LogLevel.Error, () => "dropped", null));
        Assert.False(before.Log(Hangfire.Logging.LogLevel.Error, () => "dropped", null));
        Assert.Equal(["kept"], factory.Lines);
    }

    /// <summary>As the host's logger factory behaves once the host stopped: creating or using a logger throws.</summary>
    private sealed class StoppingLoggerFactory : ILoggerFactory
    {
        private bool disposed;

        public List<string> Lines { get; } = [];

        public ILogger CreateLogger(string categoryName) => disposed ? throw new ObjectDisposedException("LoggerFactory") : new Logger(this);

        public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException();

        public void Dispose() => disposed = true;

        private sealed class Logger(StoppingLoggerFactory factory) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => factory.disposed ? throw new ObjectDisposedException("LoggerFactory") : true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                ObjectDisposedException.ThrowIf(factory.disposed, this);
                factory.Lines.Add(formatter(state, exception));
            }
        }
    }
}
