using System.Net.Http.Headers;
using Microsoft.AspNetCore.Authentication;
using Spbe.Clients.Assignment;
using Spbe.Clients.Delivery;
using Spbe.Clients.Intake;
using Spbe.Clients.Reporting;

namespace Spbe.Portal;

/// <summary>The four services through their generated clients, each call carrying the signed-in user's access token.</summary>
public static class ServiceClients
{
    public static IServiceCollection AddServiceClients(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddTransient<UserToken>();
        Add<IIntakeClient, IntakeClient>(services, configuration, "intake", 5101);
        Add<IAssignmentClient, AssignmentClient>(services, configuration, "assignment", 5102);
        Add<IDeliveryClient, DeliveryClient>(services, configuration, "delivery", 5103);
        Add<IReportingClient, ReportingClient>(services, configuration, "reporting", 5104);
        return services;
    }

    /// <summary>The service's address: from the AppHost's reference (<c>services:{name}:http:0</c>), else the default port.</summary>
    public static Uri Address(IConfiguration configuration, string name, int port) =>
        new(configuration[$"services:{name}:http:0"] ?? $"http://localhost:{port}");

    private static void Add<TInterface, TClient>(IServiceCollection services, IConfiguration configuration, string name, int port)
        where TInterface : class where TClient : class, TInterface =>
        services.AddHttpClient<TInterface, TClient>(http =>
            {
                http.BaseAddress = Address(configuration, name, port);
                http.Timeout = TimeSpan.FromSeconds(15);
            })
            .AddHttpMessageHandler<UserToken>();

    /// <summary>Puts the signed-in user's access token on the call (the server's copy; the browser never had it).</summary>
    private sealed class UserToken(IHttpContextAccessor accessor) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (accessor.HttpContext is { } http && await http.GetTokenAsync("access_token") is { } token)
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return await base.SendAsync(request, cancellationToken);
        }
    }
}
