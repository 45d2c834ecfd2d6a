using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Spbe.Testing;

namespace Spbe.Benchmarks;

/// <summary>The portal's side of the system: tokens from the AppHost, requests over loopback HTTP.</summary>
public sealed class SystemClient(RunningSystem system)
{
    public const string Nip = "198503122010011001";
    private readonly HttpClient _http = new(new SocketsHttpHandler { MaxConnectionsPerServer = 64, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
    { Timeout = TimeSpan.FromSeconds(30) };

    public RunningSystem System => system;
    public string Intake => system.Url("intake");
    public string Assignment => system.Url("assignment");
    public string Reporting => system.Url("reporting");

    public Task<string> TokenAsync(string sub, string role, string? opd = null) =>
        system.TokenAsync(sub, sub, role, opd, role == "opd" ? null : Nip);

    public static readonly string Form = global::System.Text.Json.JsonSerializer.Serialize(new
    {
        title = "Perbaikan laporan", category = "fix", applicationName = "SIMPUS", description = "Laporan bulanan gagal dicetak",
        requestMemo = new { number = "005/1/DINKES/2026", date = "2026-01-05", signedBy = new { name = "dr. Andi", nip = Nip } },
        contact = new { name = "Siti", phone = "0812", email = "siti@dinkes.go.id" },
    });

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, string token, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, url) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await _http.SendAsync(request);
    }

    public async Task<Guid> SubmitAsync(string token)
    {
        using var response = await SendAsync(HttpMethod.Post, $"{Intake}/requests", token, new StringContent(Form, Encoding.UTF8, "application/json"));
        if (response.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException($"submit: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
    }

    public async Task AttachMemoAsync(Guid id, string token)
    {
        var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(Encoding.ASCII.GetBytes("%PDF-1.7\n%%EOF\n")), "file", "nota.pdf" },
            { new StringContent("request-memo"), "kind" },
        };
        using var response = await SendAsync(HttpMethod.Post, $"{Intake}/requests/{id}/attachments", token, form);
        if (response.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException($"attach: {(int)response.StatusCode}");
    }

    /// <summary>Compiles every path once (Wolverine generates handler code on first use) before anything is measured.</summary>
    public async Task WarmUpAsync()
    {
        var opd = await TokenAsync("warm-opd", "opd", "DINKES");
        var staf = await TokenAsync("warm-staf", "staf-it");
        var kasi = await TokenAsync("warm-kasi", "kasi-aplikasi");
        for (var i = 0; i < 20; i++)
        {
            var id = await SubmitAsync(opd);
            await AttachMemoAsync(id, opd);
            (await SendAsync(HttpMethod.Post, $"{Intake}/requests/{id}/register", staf)).Dispose();
            (await SendAsync(HttpMethod.Get, $"{Assignment}/analyses/{id}", kasi)).Dispose();
            (await SendAsync(HttpMethod.Get, $"{Reporting}/timelines/{id}", kasi)).Dispose();
        }
        await Task.Delay(1000);
    }
}
