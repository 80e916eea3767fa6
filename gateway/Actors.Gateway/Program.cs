using Actors.Gateway.Hosting;

// appsettings.json is read from next to the program, whatever directory it is started from.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddActorsGateway();

var app = builder.Build();
app.MapActorsGateway();
app.Run();
