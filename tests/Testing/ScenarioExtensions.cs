using Alba;

namespace Spbe.Testing;

public static class ScenarioExtensions
{
    /// <summary>Sends the request with a bearer token.</summary>
    public static Scenario As(this Scenario scenario, string token)
    {
        scenario.WithRequestHeader("Authorization", $"Bearer {token}");
        return scenario;
    }
}

