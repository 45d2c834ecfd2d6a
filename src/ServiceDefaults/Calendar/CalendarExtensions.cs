using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Spbe.ServiceDefaults.Calendar;

public static class CalendarExtensions
{
    /// <summary>
    /// Registers the working calendar: the shipped days (calendar.json, lowest precedence) under the
    /// service's own configuration, which can add a year or cancel a day.
    /// </summary>
    public static TBuilder AddWorkingCalendar<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        var defaults = new ConfigurationBuilder().AddJsonStream(ShippedDays()).Build();
        var options = new CalendarOptions();
        defaults.GetSection("Calendar").Bind(options);
        builder.Configuration.GetSection("Calendar").Bind(options);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(new WorkingCalendar(options));
        return builder;
    }

    public static Stream ShippedDays() =>
        typeof(WorkingCalendar).Assembly.GetManifestResourceStream("Spbe.ServiceDefaults.calendar.json")
        ?? throw new InvalidOperationException("The shipped calendar (calendar.json) is missing from the assembly.");

    /// <summary>The shipped calendar, for tests and tools.</summary>
    public static CalendarOptions ShippedOptions()
    {
        var options = new CalendarOptions();
        new ConfigurationBuilder().AddJsonStream(ShippedDays()).Build().GetSection("Calendar").Bind(options);
        return options;
    }
}
