using Spbe.Testing;
using Xunit;

namespace Spbe.Delivery.Tests;

public sealed class ServiceStartsTests(DeliveryFixture fixture) : ServiceStartsTests<Program>(fixture, DeliveryPermissions.Rows), IClassFixture<DeliveryFixture>;
