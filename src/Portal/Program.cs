using Spbe.Portal;

var app = PortalApp.Build(args);
app.Run();

public partial class Program;
