using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Serialization;

namespace Outreach.Jobs.Notifications;

/// <summary>Where the webhook gateway posts, and with which secret.</summary>
/// <param name="Url">An HTTPS (or, for a gateway on the same machine, HTTP) address that accepts one message per POST.</param>
/// <param name="BearerToken">Sent as "Authorization: Bearer ..." when set.</param>
public sealed record WebhookGatewayOptions(Uri Url, string? BearerToken);

/// <summary>
/// Posts each message as JSON to a configured address: a small adapter in front of an SMS or Zalo provider (the
/// provider's own API and contract stay outside Outreach). Body:
/// <c>{"id":12,"channel":"sms","to":"0912345678","text":"...","template":"pickup.driver-link","language":"vi"}</c>, with an
/// <c>Idempotency-Key</c> header (the message's deduplication key: delivery is at least once, so an adapter can drop
/// a repeat). 2xx means accepted. 400, 404, 410 and 422 mean the message itself is refused (not retried); anything else,
/// timeouts and network errors are retried later.
/// </summary>
public sealed class WebhookMessageGateway(HttpClient http, WebhookGatewayOptions options) : IMessageGateway
{
    public async Task SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var request = new HttpRequestMessage(HttpMethod.Post, options.Url)
        {
            Content = JsonContent.Create(new Body(message.Id, message.Channel.ToString().ToLowerInvariant(), message.To, message.Text, message.TemplateKey, message.Language)),
        };
        request.Headers.Add("Idempotency-Key", message.DeduplicationKey);
        if (options.BearerToken is { Length: > 0 } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new MessageDeliveryException($"gateway {options.Url.Host} unreachable: {e.Message}", permanent: false, e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new MessageDeliveryException($"gateway {options.Url.Host} timed out", permanent: false, e);
        }

        using (response)
        {
            if (response.IsSuccessStatusCode)
            {
                return;
            }

            var status = (int)response.StatusCode;
            bool permanent = response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound or HttpStatusCode.Gone or HttpStatusCode.UnprocessableEntity;
            throw new MessageDeliveryException($"gateway {options.Url.Host} answered {status} {response.ReasonPhrase}", permanent);
        }
    }

    private sealed record Body(
        [property: JsonPropertyName("id")] long Id,
        [property: JsonPropertyName("channel")] string Channel,
        [property: JsonPropertyName("to")] string To,
        [property: JsonPropertyName("text")] string Text,
        [property: JsonPropertyName("template")] string Template,
        [property: JsonPropertyName("language")] string Language);
}
