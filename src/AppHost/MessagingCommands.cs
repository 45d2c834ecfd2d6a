using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Spbe.AppHost;

/// <summary>
/// The operators' messaging tools as commands on each service in the Aspire dashboard: the state of
/// its durable inbox and outbox, and sending its dead letters back to be handled again. Each command
/// calls the service's own operator endpoints with an operator token from the identity provider.
/// </summary>
public static class MessagingCommands
{
    public static IResourceBuilder<ProjectResource> WithMessagingCommands(this IResourceBuilder<ProjectResource> service,
        IResourceBuilder<ProjectResource> identity, IResourceBuilder<ParameterResource> scriptsSecret)
    {
        service.WithCommand("messaging-health", "Messaging health", async context =>
            {
                using var client = await OperatorClientAsync(service, identity, scriptsSecret, context.CancellationToken);
                var health = await client.GetFromJsonAsync<JsonObject>("/ops/messaging", context.CancellationToken);
                var letters = await client.GetFromJsonAsync<JsonArray>("/ops/dead-letters", context.CancellationToken) ?? [];
                var text = new StringBuilder()
                    .AppendLine($"| {service.Resource.Name} | envelopes |").AppendLine("|---|---|");
                foreach (var (key, value) in health ?? []) if (key != "service") text.AppendLine($"| {key} | {value} |");
                foreach (var letter in letters.Take(20))
                    text.AppendLine().Append($"- dead letter `{letter!["id"]}` {letter["messageType"]}: {letter["exceptionType"]} {letter["exceptionMessage"]}");
                return CommandResults.Success($"{health?["deadLetters"]} dead letters, {health?["incoming"]} incoming, {health?["outgoing"]} outgoing",
                    text.ToString(), CommandResultFormat.Markdown);
            },
            new CommandOptions
            {
                Description = "Envelopes waiting in this service's durable inbox and outbox, and its dead letters with their errors.",
                IconName = "HeartPulse",
                UpdateState = WhenRunning,
            });

        service.WithCommand("replay-dead-letters", "Replay dead letters", async context =>
            {
                using var client = await OperatorClientAsync(service, identity, scriptsSecret, context.CancellationToken);
                var letters = await client.GetFromJsonAsync<JsonArray>("/ops/dead-letters", context.CancellationToken) ?? [];
                var replayed = 0;
                foreach (var letter in letters)
                {
                    using var response = await client.PostAsync($"/ops/dead-letters/{letter!["id"]}/replay", null, context.CancellationToken);
                    if (response.IsSuccessStatusCode) replayed++;
                }
                return letters.Count == 0
                    ? CommandResults.Success("No dead letters.")
                    : CommandResults.Success($"{replayed} of {letters.Count} dead letters sent back to be handled again.");
            },
            new CommandOptions
            {
                Description = "Send every dead letter of this service back to its inbox, after the cause has been fixed.",
                ConfirmationMessage = "Send every dead letter of this service back to be handled again?",
                IconName = "ArrowReplay",
                UpdateState = WhenRunning,
            });
        return service;
    }

    private static ResourceCommandState WhenRunning(UpdateCommandStateContext context) =>
        context.ResourceSnapshot.State?.Text == KnownResourceStates.Running ? ResourceCommandState.Enabled : ResourceCommandState.Disabled;

    // The operator's token: client credentials of the scripts client, which the provider gives the operator role.
    private static async Task<HttpClient> OperatorClientAsync(IResourceBuilder<ProjectResource> service, IResourceBuilder<ProjectResource> identity,
        IResourceBuilder<ParameterResource> scriptsSecret, CancellationToken ct)
    {
        using var issuer = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        using var response = await issuer.PostAsync($"{identity.GetEndpoint("http").Url}/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = DevelopmentIdentity.ScriptsClient,
            ["client_secret"] = await scriptsSecret.Resource.GetValueAsync(ct) ?? "",
        }), ct);
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonObject>(ct))!["access_token"]!.GetValue<string>();
        var client = new HttpClient { BaseAddress = new Uri(service.GetEndpoint("http").Url), Timeout = TimeSpan.FromSeconds(15) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
