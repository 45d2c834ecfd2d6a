using System.Net.Http.Headers;
using Spbe.Clients.Assignment;
using Spbe.Clients.Delivery;
using Spbe.Clients.Intake;
using Spbe.Clients.Reporting;

namespace Spbe.Testing;

/// <summary>
/// One person's view of the system through the clients generated from the committed OpenAPI
/// documents; every exchange is checked against those documents into the system's <see cref="ContractLog"/>.
/// </summary>
public sealed class SpbeApi
{
    public SpbeApi(RunningSystem system, string? token)
    {
        Token = token;
        Intake = new IntakeClient(system.ClientFor("intake", token));
        Assignment = new AssignmentClient(system.ClientFor("assignment", token));
        Delivery = new DeliveryClient(system.ClientFor("delivery", token));
        Reporting = new ReportingClient(system.ClientFor("reporting", token));
    }

    public string? Token { get; }
    public IIntakeClient Intake { get; }
    public IAssignmentClient Assignment { get; }
    public IDeliveryClient Delivery { get; }
    public IReportingClient Reporting { get; }
}

public abstract partial class RunningSystem
{
    private readonly Dictionary<string, ContractCheckingHandler> _handlers = [];

    /// <summary>Every exchange of the typed clients, checked against docs/openapi.</summary>
    public ContractLog Contract { get; } = new();

    /// <summary>The clients for the bearer of <paramref name="token"/>; with null, calls go without one (as a member of the public).</summary>
    public SpbeApi Api(string? token) => new(this, token);

    /// <summary>An HttpClient to the service for the bearer of <paramref name="token"/>, through the contract check.</summary>
    public HttpClient ClientFor(string service, string? token)
    {
        ContractCheckingHandler handler;
        lock (_handlers)
            if (!_handlers.TryGetValue(service, out handler!))
                _handlers[service] = handler = new ContractCheckingHandler(OpenApiChecker.ForCommitted(service), Contract);
        var client = new HttpClient(handler, disposeHandler: false) { BaseAddress = new Uri(Url(service)), Timeout = TimeSpan.FromSeconds(30) };
        if (token is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
