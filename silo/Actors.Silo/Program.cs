using Actors.Silo.Dashboard;
using Actors.Silo.Hosting;

if (OperatorPassword.TryRunHashCommand(args))
{
    return;
}

// appsettings.json is read from next to the program, whatever directory it is started from (scripts/run-local.sh
// starts it from the repository root, a service manager from anywhere).
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddActorsSilo();

var app = builder.Build();
app.MapActorsSilo();
app.Run();
