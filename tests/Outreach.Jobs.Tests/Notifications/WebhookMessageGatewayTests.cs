using System.Net;
using System.Text.Json;
using Outreach.Domain;
using Outreach.Jobs.Notifications;

namespace Outreach.Jobs.Tests.Notifications;

public sealed class WebhookMessageGatewayTests
{
    private static readonly OutgoingMessage Message = new(
        42, NotificationChannel.Sms, "0912345678", "Lộ trình Xe đón 1 ngày 10/03/2026", MessageText.PickupDriverLink, "vi", "pickup:20260310:vehicle:1:trip:1");

    [Fact]
    public async Task SendAsync_Accepted_PostsTheMessageAsJsonWithTheTokenAndAnIdempotencyKey()
    {
        var handler = new Handler(HttpStatusCode.Accepted);
        var gateway = new WebhookMessageGateway(new HttpClient(handler), new WebhookGatewayOptions(new Uri("https://sms.example.vn/send"), "s3cret"));

        await gateway.SendAsync(Message, CancellationToken.None);

        var request = Assert.Single(handler.Requests);
        Assert.Equal((HttpMethod.Post, "https://sms.example.vn/send"), (request.Method, request.Uri));
        Assert.Equal("Bearer s3cret", request.Authorization);
        Assert.Equal("pickup:20260310:vehicle:1:trip:1", request.IdempotencyKey);
        using var body = JsonDocument.Parse(request.Body);
        Assert.Equal(42, body.RootElement.GetProperty("id").GetInt64());
        Assert.Equal("sms", body.RootElement.GetProperty("channel").GetString());
        Assert.Equal("0912345678", body.RootElement.GetProperty("to").GetString());
        Assert.Equal("Lộ trình Xe đón 1 ngày 10/03/2026", body.RootElement.GetProperty("text").GetString());
        Assert.Equal(MessageText.PickupDriverLink, body.RootElement.GetProperty("template").GetString());
    }

    [Theory]
    [InlineData(HttpStatusCode.UnprocessableEntity, true)]
    [InlineData(HttpStatusCode.BadRequest, true)]
    [InlineData(HttpStatusCode.ServiceUnavailable, false)]
    [InlineData(HttpStatusCode.TooManyRequests, false)]
    [InlineData(HttpStatusCode.Unauthorized, false)]
    public async Task SendAsync_Refused_ThrowsSayingWhetherARetryCanHelp(HttpStatusCode status, bool permanent)
    {
        var gateway = new WebhookMessageGateway(new HttpClient(new Handler(status)), new WebhookGatewayOptions(new Uri("https://sms.example.vn/send"), null));

        var error = await Assert.ThrowsAsync<MessageDeliveryException>(() => gateway.SendAsync(Message, CancellationToken.None));

        Assert.Equal(permanent, error.Permanent);
        Assert.Contains(((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("0912345678", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_GatewayUnreachable_RetryableError()
    {
        var gateway = new WebhookMessageGateway(new HttpClient(new Handler(null)), new WebhookGatewayOptions(new Uri("https://sms.example.vn/send"), null));

        var error = await Assert.ThrowsAsync<MessageDeliveryException>(() => gateway.SendAsync(Message, CancellationToken.None));

        Assert.False(error.Permanent);
        Assert.Contains("unreachable", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ftp://sms.example.vn", "Outreach:Messaging:WebhookUrl = 'ftp://sms.example.vn'")]
    [InlineData("sms.example.vn/send", "Outreach:Messaging:WebhookUrl = 'sms.example.vn/send'")]
    public void From_BadWebhookAddress_ThrowsNamingTheKeyAndValue(string url, string expected)
    {
        var configuration = new Settings(new Dictionary<string, string?> { [MessagingSettings.WebhookUrlKey] = url });

        var error = Assert.Throws<InvalidOperationException>(() => (object)MessagingSettings.From(configuration));

        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
    }

    /// <summary>Flat keys only: all <see cref="MessagingSettings.From"/> reads.</summary>
    private sealed class Settings(Dictionary<string, string?> values) : Microsoft.Extensions.Configuration.IConfiguration
    {
        public string? this[string key]
        {
            get => values.GetValueOrDefault(key);
            set => values[key] = value;
        }

        public Microsoft.Extensions.Configuration.IConfigurationSection GetSection(string key) => throw new NotSupportedException();

        public IEnumerable<Microsoft.Extensions.Configuration.IConfigurationSection> GetChildren() => [];

        public Microsoft.Extensions.Primitives.IChangeToken GetReloadToken() => throw new NotSupportedException();
    }

    private sealed record Seen(HttpMethod Method, string Uri, string? Authorization, string? IdempotencyKey, string Body);

    /// <summary>Answers every request with <c>status</c>, or fails it as a network error when null.</summary>
    private sealed class Handler(HttpStatusCode? status) : HttpMessageHandler
    {
        public List<Seen> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add(new Seen(request.Method, request.RequestUri!.ToString(), request.Headers.Authorization?.ToString(),
                request.Headers.TryGetValues("Idempotency-Key", out var keys) ? keys.Single() : null,
                request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken)));
            return status is { } s ? new HttpResponseMessage(s) : throw new HttpRequestException("connection refused");
        }
    }
}
