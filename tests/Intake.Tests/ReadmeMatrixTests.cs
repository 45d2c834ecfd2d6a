using Shouldly;
using Spbe.ServiceDefaults;
using Xunit;

namespace Spbe.Intake.Tests;

public sealed class ReadmeMatrixTests
{
    [Fact]
    public void the_readme_documents_exactly_the_authorization_matrix_the_services_enforce()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(dir!.FullName, "Spbe.sln"))) dir = dir.Parent;
        var readme = File.ReadAllText(Path.Combine(dir.FullName, "README.md"));
        var table = AuthorizationMatrix.ToMarkdown();
        File.WriteAllText(Path.Combine(Path.GetTempPath(), "spbe-matrix.md"), table); // to paste into the README when the matrix changes
        readme.ShouldContain(table, customMessage: $"The README's authorization table differs from the matrix; the current table is in {Path.GetTempPath()}spbe-matrix.md");
    }
}
