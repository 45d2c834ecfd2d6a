using Spbe.Testing;

namespace Spbe.Intake.Tests;

/// <summary>The Intake service in-process on a database of its own (one per test class).</summary>
public sealed class IntakeFixture() : ServiceFixture<Program>("intake");
