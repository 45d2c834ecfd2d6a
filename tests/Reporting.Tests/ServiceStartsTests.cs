using Spbe.Testing;
using Xunit;

namespace Spbe.Reporting.Tests;

public sealed class ServiceStartsTests(ReportingFixture fixture) : ServiceStartsTests<Program>(fixture, ReportingPermissions.Rows), IClassFixture<ReportingFixture>;
