using Spbe.Testing;

namespace Spbe.Delivery.Tests;

/// <summary>The Delivery service in-process on a database of its own (one per test class).</summary>
public sealed class DeliveryFixture() : ServiceFixture<Program>("delivery");
