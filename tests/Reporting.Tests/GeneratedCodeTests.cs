using Spbe.Testing;
using Xunit;

namespace Spbe.Reporting.Tests;

[CollectionDefinition(GeneratedCode.Collection, DisableParallelization = true)]
public sealed class GeneratedCodeCollection;

[Collection(GeneratedCode.Collection)]
public sealed class GeneratedCodeTests(ReportingFixture fixture) : GeneratedCodeTests<Program>(fixture, "reporting"), IClassFixture<ReportingFixture>;
