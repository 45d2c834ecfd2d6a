using System.Reflection;
using System.Text.Json.Serialization;

namespace Spbe.Portal.Components.Shared;

/// <summary>An enum of the generated clients by its name on the wire ("team-assigned").</summary>
public static class Wire
{
    public static string Of<T>(T value) where T : struct, Enum =>
        typeof(T).GetField(value.ToString())?.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? value.ToString();

    public static T? Parse<T>(string? wire) where T : struct, Enum =>
        Enum.GetValues<T>().Select(v => (T?)v).FirstOrDefault(v => Of(v!.Value) == wire);
}
