using System.Net.Http.Headers;
using System.Text;
using Alba;
using Shouldly;
using Spbe.Contracts;
using Spbe.Intake.GettingRequest;
using Spbe.Intake.Submitting;
using Spbe.Testing;

namespace Spbe.Intake.Tests;

/// <summary>Given-state built through the API, as an OPD and Staf IT would.</summary>
public static class Scenarios
{
    public static readonly string Opd = TestTokens.For(Roles.Opd, opd: "DINKES", sub: "clerk-dinkes", name: "Siti (Dinkes)");
    public static readonly string OtherOpd = TestTokens.For(Roles.Opd, opd: "BAPPEDA", sub: "clerk-bappeda");
    public static readonly string StafIt = TestTokens.For(Roles.StafIt, sub: "staf-01", name: "Budi", nip: TestTokens.SampleNip);
    public static readonly string Kasi = TestTokens.For(Roles.KasiAplikasi);
    public static readonly string Auditor = TestTokens.For(Roles.Auditor);

    public static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");

    public static object Form(string category = "fix", string title = "Perbaikan SIMPUS", string? desiredDate = null) => new
    {
        title,
        category,
        applicationName = "SIMPUS",
        description = "Laporan bulanan gagal dicetak.",
        desiredDate,
        requestMemo = new { number = "005/123/DINKES/2026", date = "2026-01-05", signedBy = new { name = "dr. Andi", nip = TestTokens.SampleNip } },
        contact = new { name = "Siti", phone = "+62 812-3456-7890", email = "siti@dinkes.go.id" },
    };

    public static async Task<SubmitResponse> SubmitAsync(IAlbaHost host, string? token = null, object? form = null)
    {
        var result = await host.Scenario(s =>
        {
            s.Post.Json(form ?? Form()).ToUrl("/requests");
            s.As(token ?? Opd);
            s.StatusCodeShouldBe(201);
        });
        return (await result.ReadAsJsonAsync<SubmitResponse>())!;
    }

    public static async Task<IScenarioResult> AttachAsync(IAlbaHost host, Guid id, string kind, byte[] content,
        string fileName = "memo.pdf", int expected = 201, string? token = null) =>
        await host.Scenario(s =>
        {
            var form = new MultipartFormDataContent();
            var file = new ByteArrayContent(content);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(file, "file", fileName);
            form.Add(new StringContent(kind), "kind");
            s.Post.MultipartFormData(form).ToUrl($"/requests/{id}/attachments");
            s.As(token ?? Opd);
            s.StatusCodeShouldBe(expected);
        });

    /// <summary>A submitted request with its request memo attached: complete, ready to register.</summary>
    public static async Task<SubmitResponse> CompleteRequestAsync(IAlbaHost host, string category = "fix")
    {
        var submitted = await SubmitAsync(host, form: Form(category));
        await AttachAsync(host, submitted.Id, "request-memo", Pdf);
        return submitted;
    }

    /// <summary>Staf IT registers the request; the answer is the register number it took.</summary>
    public static async Task<string> RegisterAsync(IAlbaHost host, Guid id, string? ifMatch = null)
    {
        var result = await host.PostAsync($"/requests/{id}/register", StafIt, 200, ifMatch: ifMatch);
        return (await result.ReadAsJsonAsync<Registering.RegisterResponse>())!.Number;
    }

    public static async Task<RequestView> GetAsync(IAlbaHost host, Guid id, string? token = null)
    {
        var result = await host.Scenario(s =>
        {
            s.Get.Url($"/requests/{id}");
            s.As(token ?? Auditor);
            s.StatusCodeShouldBeOk();
        });
        return (await result.ReadAsJsonAsync<RequestView>())!;
    }
}
