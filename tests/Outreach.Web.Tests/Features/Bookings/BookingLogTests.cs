using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Outreach.Web.Tests.Support;

namespace Outreach.Web.Tests.Features.Bookings;

public sealed class BookingLogTests
{
    [Fact]
    public async Task Book_Logged_WithCodeAndMaskedPhoneNeverTheFullNumberOrName()
    {
        var logs = new LogCapture();
        using var app = new LoggingAppFactory(logs);
        var scenario = await BookingScenario.CreateAsync(app);
        using var client = app.CreateBrowserLikeClient();

        var fields = scenario.Booking(phone: "0912 345 678");
        fields["firstName"] = "Xuyến";
        using var response = await Forms.SubmitAsync(client, scenario.WizardUrl, fields, "booking");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var code = BookingPagesTests.ManageUrl().Match(Forms.Location(response)!).Groups[1].Value;
        var booked = Assert.Single(logs.Messages, m => m.Contains(code, StringComparison.Ordinal));
        Assert.Contains("phone *******678", booked, StringComparison.Ordinal);
        Assert.DoesNotContain(logs.Messages, m => m.Contains("912345678", StringComparison.Ordinal) || m.Contains("912 345 678", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Messages, m => m.Contains("Xuyến", StringComparison.Ordinal));
    }

    private sealed class LoggingAppFactory(LogCapture logs) : OutreachAppFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<ILoggerProvider>(logs));
        }
    }

    private sealed class LogCapture : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> _messages = new();

        public IReadOnlyList<string> Messages => [.. _messages];

        public ILogger CreateLogger(string categoryName) => new Logger(_messages);

        public void Dispose()
        {
        }

        private sealed class Logger(ConcurrentQueue<string> messages) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                messages.Enqueue(formatter(state, exception));
        }
    }
}
