using Spbe.Testing;
using Xunit;

namespace Spbe.Assignment.Tests;

public sealed class ServiceStartsTests(AssignmentFixture fixture) : ServiceStartsTests<Program>(fixture, AssignmentPermissions.Rows), IClassFixture<AssignmentFixture>;
