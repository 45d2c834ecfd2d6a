using System.Net.Http.Headers;
using Shouldly;
using Spbe.Contracts;
using Spbe.Intake.Attachments;
using Spbe.Testing;
using Xunit;
using Xunit.Abstractions;

namespace Spbe.Intake.Tests;

public sealed class MatrixTests(IntakeFixture fixture, ITestOutputHelper output) : IClassFixture<IntakeFixture>
{
    [Fact]
    public async Task every_endpoint_answers_every_caller_as_the_authorization_matrix_says()
    {
        var request = await Scenarios.CompleteRequestAsync(fixture.Host);
        var attachment = (await Scenarios.GetAsync(fixture.Host, request.Id)).Attachments[0];
        var form = System.Text.Json.JsonSerializer.Serialize(Scenarios.Form());
        // The documents are probed on a registered request of the same OPD.
        var registered = await Scenarios.CompleteRequestAsync(fixture.Host);
        await Scenarios.RegisterAsync(fixture.Host, registered.Id);

        var result = await MatrixProbe.RunAsync(fixture.Host, IntakePermissions.Rows,
            path => path.StartsWith("/requests/{id}/documents")
                ? path.Replace("{id}", registered.Id.ToString()).Replace("{kind}", "tanda-terima")
                : path.Replace("{id}", path.StartsWith("/ops") ? Guid.NewGuid().ToString() : request.Id.ToString())
                        .Replace("{attachmentId}", attachment.AttachmentId.ToString()),
            p => (p.Method, p.Path) switch
            {
                ("POST", "/requests") or ("PUT", "/requests/{id}") => MatrixProbe.Json(form),
                ("POST", "/requests/{id}/return") => MatrixProbe.Json("{\"missing\":[\"x\"],\"note\":\"y\"}"),
                ("POST", "/requests/{id}/withdraw") => MatrixProbe.Json("{\"reason\":\"x\"}"),
                ("POST", "/requests/{id}/attachments") => Upload(),
                _ => null,
            });

        output.WriteLine($"{result.Cases} cases");
        result.Mismatches.ShouldBeEmpty(string.Join('\n', result.Mismatches));
    }

    private static HttpContent Upload()
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Scenarios.Pdf);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", "lampiran.pdf");
        form.Add(new StringContent("other"), "kind");
        return form;
    }
}
