using System.Text.Json;
using Spbe.Contracts;
using Spbe.ServiceDefaults;

namespace Spbe.Reporting;

/// <summary>The integration messages by their stable wire identity, to store and read back the audit log's payloads.</summary>
public static class MessageTypes
{
    /// <summary><c>TeamAssigned</c> → <c>team-assigned</c> (its identity without the <c>spbe.</c> prefix).</summary>
    public static readonly IReadOnlyDictionary<Type, string> Names = Topology.Subscribers.Keys.ToDictionary(t => t, MessageNames.Of);

    public static readonly IReadOnlyDictionary<string, Type> ByName = Names.ToDictionary(kv => kv.Value, kv => kv.Key);

    public static string NameOf(IIntegrationEvent message) => Names[message.GetType()];

    public static string Serialize(IIntegrationEvent message) => JsonSerializer.Serialize(message, message.GetType(), Json.Options);

    public static IIntegrationEvent Deserialize(string type, string payload) =>
        (IIntegrationEvent)JsonSerializer.Deserialize(payload, ByName[type], Json.Options)!;
}
