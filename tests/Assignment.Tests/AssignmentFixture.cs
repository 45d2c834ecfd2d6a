using Spbe.Testing;

namespace Spbe.Assignment.Tests;

/// <summary>The Assignment service in-process on a database of its own (one per test class).</summary>
public sealed class AssignmentFixture() : ServiceFixture<Program>("assignment");
