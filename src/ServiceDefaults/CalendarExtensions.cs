using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Spbe.Sop;

namespace Spbe.ServiceDefaults;

public static class CalendarExtensions
{
    /// <summary>
    /// Registers the working calendar: the shipped days (calendar.json, lowest precedence) under the
    /// service's own configuration (section <c>Calendar</c>), which can add a year or cancel a day.
    /// </summary>
    public static TBuilder AddWorkingCalendar<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        var options = CalendarOptions.Shipped();
        builder.Configuration.GetSection("Calendar").Bind(options);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(new WorkingCalendar(options));
        return builder;
    }
}
