using Spbe.Testing;
using Xunit;

namespace Spbe.Intake.Tests;

[CollectionDefinition(GeneratedCode.Collection, DisableParallelization = true)]
public sealed class GeneratedCodeCollection;

[Collection(GeneratedCode.Collection)]
public sealed class GeneratedCodeTests(IntakeFixture fixture) : GeneratedCodeTests<Program>(fixture, "intake"), IClassFixture<IntakeFixture>;
