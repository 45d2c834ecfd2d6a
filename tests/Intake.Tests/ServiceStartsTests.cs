using Spbe.Testing;
using Xunit;

namespace Spbe.Intake.Tests;

public sealed class ServiceStartsTests(IntakeFixture fixture) : ServiceStartsTests<Program>(fixture, IntakePermissions.Rows), IClassFixture<IntakeFixture>;
