var builder = WebApplication.CreateBuilder(args);
builder.Services.AddHealthChecks();

var app = builder.Build();
app.MapHealthChecks("/health");
app.Run();

/// <summary>Entry point, visible to the in-process test host.</summary>
public partial class Program;
