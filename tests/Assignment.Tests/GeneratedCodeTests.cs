using Spbe.Testing;
using Xunit;

namespace Spbe.Assignment.Tests;

[CollectionDefinition(GeneratedCode.Collection, DisableParallelization = true)]
public sealed class GeneratedCodeCollection;

[Collection(GeneratedCode.Collection)]
public sealed class GeneratedCodeTests(AssignmentFixture fixture) : GeneratedCodeTests<Program>(fixture, "assignment"), IClassFixture<AssignmentFixture>;
