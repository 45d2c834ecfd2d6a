using System.Text.Json;
using System.Text.Json.Serialization;

// The services write enums as their kebab-case names; the generated enums carry those names
// (JsonStringEnumMemberName), and this converter reads and writes them by those names wherever an
// enum is a shared schema (a property of an inline enum has its own converter).
namespace Spbe.Clients.Intake
{
    public partial class IntakeClient
    {
        static partial void UpdateJsonSerializerSettings(JsonSerializerOptions settings) => settings.Converters.Add(new JsonStringEnumConverter());
    }
}

namespace Spbe.Clients.Assignment
{
    public partial class AssignmentClient
    {
        static partial void UpdateJsonSerializerSettings(JsonSerializerOptions settings) => settings.Converters.Add(new JsonStringEnumConverter());
    }
}

namespace Spbe.Clients.Delivery
{
    public partial class DeliveryClient
    {
        static partial void UpdateJsonSerializerSettings(JsonSerializerOptions settings) => settings.Converters.Add(new JsonStringEnumConverter());
    }
}

namespace Spbe.Clients.Reporting
{
    public partial class ReportingClient
    {
        static partial void UpdateJsonSerializerSettings(JsonSerializerOptions settings) => settings.Converters.Add(new JsonStringEnumConverter());
    }
}
