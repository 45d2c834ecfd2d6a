using Spbe.Testing;

namespace Spbe.Reporting.Tests;

/// <summary>The Reporting service in-process on a database of its own (one per test class).</summary>
public sealed class ReportingFixture() : ServiceFixture<Program>("reporting");
