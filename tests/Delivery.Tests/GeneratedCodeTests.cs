using Spbe.Testing;
using Xunit;

namespace Spbe.Delivery.Tests;

[CollectionDefinition(GeneratedCode.Collection, DisableParallelization = true)]
public sealed class GeneratedCodeCollection;

[Collection(GeneratedCode.Collection)]
public sealed class GeneratedCodeTests(DeliveryFixture fixture) : GeneratedCodeTests<Program>(fixture, "delivery"), IClassFixture<DeliveryFixture>;
